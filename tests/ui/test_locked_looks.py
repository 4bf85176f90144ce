"""What a locked Vorlage looks like in the editor: fields that take no input look so, nothing looks selected.

Checked on the painted pixels (``grab()``), as the clerk sees them, not only on the widgets' flags.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from kimdesk.domain.model import PaperStatus
from kimdesk.ui.editor.consultation_model import COL_DATE, COL_ITEM
from tests.demo_data import demo_id

GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)


def painted(widget: QWidget) -> set[str]:
    """Every colour painted in ``widget`` (as ``#rrggbb``)."""
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}


def field_background(widget: QWidget) -> QColor:
    """The colour inside the field's frame, right of any text (fields here are wider than their text)."""
    image = widget.grab().toImage()
    return image.pixelColor(image.width() - 6, image.height() // 2)


def opened(window: Any, qtbot: Any) -> Any:
    """The demo's Vorlage 20/0270 in the editor, a draft, on the screen."""
    page = window.open_paper(demo_id("paper:20/0270"))
    qtbot.waitExposed(page)
    return page


def lock(page: Any) -> None:
    """The editor shows its Vorlage „In Mitzeichnung“, as after „Umlauf starten“."""
    page.editor.reload(replace(page.editor.paper(), status=PaperStatus.IN_SIGN_OFF))
    assert not page.editor.banner.isHidden()  # „… kann nicht mehr geändert werden“


def test_a_locked_vorlages_aktenzeichen_and_bezugsvorlagen_look_like_its_other_locked_fields(
    window: Any, qtbot: Any
) -> None:
    page = opened(window, qtbot)
    editor = page.editor
    head = editor.head_fields
    white = field_background(head.file_number)
    assert white == head.file_number.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)

    lock(page)
    locked = editor.type_box.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base)
    assert locked != white
    for field in (head.file_number, head.related):
        # Greyed like Vorlageart and Federführendes Amt above them, not white like a field that takes text.
        assert field_background(field) == locked, field.accessibleName()
        assert field.isEnabled() == editor.type_box.isEnabled() == editor.department.isEnabled()

    editor.reload(replace(editor.paper(), status=PaperStatus.DRAFT))
    assert field_background(head.file_number) == white and head.related.isEnabled()


def test_dates_and_top_in_the_beratungsfolge_are_never_shown_selected(window: Any, qtbot: Any) -> None:
    page = opened(window, qtbot)
    table = page.editor.consultations.table
    highlights = {table.palette().color(group, QPalette.ColorRole.Highlight).name() for group in GROUPS}

    def shown_selected() -> list[str]:
        cells = [
            table.cellWidget(row, column)
            for row in range(table.rowCount())
            for column in (COL_DATE, COL_ITEM)
        ]
        return [cell.accessibleName() for cell in cells if cell is not None and painted(cell) & highlights]

    assert table.rowCount() >= 1 and table.cellWidget(0, COL_DATE).text()
    assert shown_selected() == []  # editable: white cells with black dates

    lock(page)
    table = page.editor.consultations.table
    assert not table.isEnabled()
    assert shown_selected() == []  # locked: greyed cells, greyed dates
    date = table.cellWidget(0, COL_DATE)
    assert field_background(date) == date.palette().color(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base
    )


def test_a_locked_vorlages_text_fields_look_read_only_and_their_text_can_still_be_copied(
    window: Any, qtbot: Any
) -> None:
    page = opened(window, qtbot)
    editor = page.editor
    fields = {
        "Betrifft": editor.title_edit,
        "Begründung": editor.rationale.edit,
        "Beschlussentwurf": editor.resolution.edit,
        "Unterschrift": editor.signature_fields.name,
    }
    white = {name: field_background(field) for name, field in fields.items()}
    assert all(colour == QColor("white") for colour in white.values()), white

    lock(page)
    grey = editor.type_box.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base)
    assert grey != QColor("white")
    for name, field in fields.items():
        # Greyed like the locked Vorlageart, not white like a field that takes text …
        assert field_background(field) == grey, name
        # … and still enabled: the clerk selects and copies the text of a Vorlage in Mitzeichnung.
        assert field.isEnabled() and field.isReadOnly(), name
    editor.title_edit.selectAll()
    assert editor.title_edit.selectedText() == editor.paper().title != ""
    # Nothing in the Begründung's toolbar looks usable, the „Tabelle“ menu button included.
    assert editor.rationale.table_button is not None and not editor.rationale.table_button.isEnabled()

    editor.reload(replace(editor.paper(), status=PaperStatus.DRAFT))
    assert {name: field_background(field) for name, field in fields.items()} == white
    assert editor.rationale.table_button.isEnabled()
