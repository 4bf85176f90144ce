"""Message boxes in one place, so that tests can answer them and the texts stay consistent."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from kimdesk.l10n.i18n import _


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def save_discard_cancel(parent: QWidget | None, title: str, text: str) -> str:
    """``"save"``, ``"discard"`` or ``"cancel"``."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def choose(parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
    """One of ``choices`` (buttons, the first the default) or ``None`` for „Abbrechen“."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.button(QMessageBox.StandardButton.Cancel).setText(_("Abbrechen"))
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.AcceptRole) for choice in choices]
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None
