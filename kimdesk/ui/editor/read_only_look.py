"""Text fields that take no input look so: greyed as a disabled field, their text still black and selectable.

A locked Vorlage's Betrifft, Begründung or NKF amounts were read-only but white, like a field one types into;
a clerk's typing into them did nothing. Disabling them would grey them too, but would stop selecting and
copying their text, which clerks do from a Vorlage in Mitzeichnung. So the field keeps its text and takes
the disabled field's background.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
_GREYED = "kimdeskGreyedAsReadOnly"


def show_read_only_fields(root: QWidget | None) -> None:
    """Every text field under ``root``: the disabled background when it is read-only, its own otherwise."""
    if root is None:
        return
    fields: list[QLineEdit | QTextEdit | QPlainTextEdit] = [
        *root.findChildren(QLineEdit),
        *root.findChildren(QTextEdit),
        *root.findChildren(QPlainTextEdit),
    ]
    for field in fields:
        if isinstance(field.parentWidget(), QComboBox | QAbstractSpinBox):
            continue  # the box's own field: the box is enabled or disabled as a whole
        _show(field, field.isReadOnly())


def _show(field: QWidget, read_only: bool) -> None:
    if not read_only:
        if field.property(_GREYED):
            field.setPalette(QPalette())  # back to the palette it inherits
            field.setProperty(_GREYED, False)
        return
    palette = QPalette(field.palette())
    grey = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base)
    for group in GROUPS:
        palette.setColor(group, QPalette.ColorRole.Base, grey)
    field.setPalette(palette)
    field.setProperty(_GREYED, True)
