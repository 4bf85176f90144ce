"""The Formular page of the settings: start from a shipped profile, adapt it, see the PDF preview follow,
get a German message for bad input, save — and the office prints with it."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from PySide6.QtCore import Qt

from tests.ui.conftest import type_text


def _preview_text(page: Any, qtbot: Any, needle: str) -> str:
    """Wait until the preview shows a PDF containing ``needle``; its text."""
    state = {"text": ""}

    def shown() -> bool:
        data = page.preview.last_pdf
        if not data:
            return False
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            state["text"] = " ".join(p.extract_text() or "" for p in pdf.pages)
        return needle in state["text"]

    qtbot.waitUntil(shown, timeout=20_000)
    return state["text"]


def _row_of(editor: Any, key: str) -> int:
    from kimdesk.ui.settings.form_kind_editor import KEY_ROLE

    return next(r for r in range(editor.sections.count()) if editor.sections.item(r).data(KEY_ROLE) == key)


def test_form_profile_is_adapted_with_a_live_preview_and_saved(window: Any, qtbot: Any, answers: Any) -> None:
    from kimdesk.services.office import get_office
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    page = dialog.form_page
    dialog.tabs.setCurrentWidget(page)
    dialog.show()
    text = _preview_text(page, qtbot, "Federf. Stadtamt:")
    assert "Beschlussentwurf:" in text

    page.start.setCurrentIndex(page.start.findData("kreis"))
    page.take.click()
    text = _preview_text(page, qtbot, "Fachdienst:")
    assert "Beschlussvorschlag:" in text and "Kreistag" in text and "Stadtamt" not in text

    editor = page.kind_editor
    # rename the Begründung, hide the Fördermodule, move the Beschlussvorschlag up before the Begründung
    editor.sections.setCurrentRow(_row_of(editor, "rationale"))
    editor.heading.clear()
    type_text(editor.heading, "Sachverhalt:")
    editor.heading.textEdited.emit(editor.heading.text())
    editor.sections.item(_row_of(editor, "financial_impact")).setCheckState(Qt.CheckState.Unchecked)
    editor.sections.setCurrentRow(_row_of(editor, "draft_resolution"))
    while _row_of(editor, "draft_resolution") > _row_of(editor, "rationale"):
        editor.up.click()
    text = _preview_text(page, qtbot, "Sachverhalt:")
    assert "Finanzielle Auswirkungen" not in text
    assert text.index("Beschlussvorschlag:") < text.index("Sachverhalt:")

    # bad input: a German message naming the field, and the preview keeps the last good state
    page.bodies["council"].clear()
    page.bodies["council"].textEdited.emit("")
    assert "Vertretung" in page.problem.text() and "darf nicht leer sein" in page.problem.text()
    type_text(page.bodies["council"], "Kreistag")
    page.bodies["council"].textEdited.emit("Kreistag")
    assert page.problem.text() == ""

    dialog.save()
    assert not [a for a in answers["shown"] if a[0] == "warn"]
    office = get_office(window.context.uow_factory)
    kind = office.form_profile.kind_for("resolution", "Beschlussvorlage")
    assert office.form_profile.bodies.council == "Kreistag"
    assert kind.section("rationale").heading == "Sachverhalt:"
    assert not kind.shown("financial_impact")
    assert office.signature_heading == "Der Landrat"
    assert [r.label for r in office.sign_off_roles][:2] == ["Landrat", "Kreisdirektor"]


def test_a_label_is_edited_in_its_table_and_reaches_the_profile(window: Any, qtbot: Any) -> None:
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    page = dialog.form_page
    dialog.tabs.setCurrentWidget(page)
    dialog.show()
    model = page.labels_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Federf. Stadtamt:")
    page.labels.setCurrentIndex(model.index(row, 1))
    page.labels.setFocus()
    qtbot.keyClick(page.labels, Qt.Key.Key_F2)
    from PySide6.QtWidgets import QApplication, QLineEdit

    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=5000)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, "Federführend:")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: page.collect().labels.lead_department == "Federführend:", timeout=5000)
    assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsEditable  # the label's name stays


def test_the_labels_model_works_without_widgets() -> None:
    from kimdesk.ui.settings.models import LabelsModel

    model = LabelsModel({"lead_department": "Federführendes Amt", "draft": "Beschlussentwurf"})
    model.set_texts({"lead_department": "Federf. Stadtamt:", "draft": "Beschlussentwurf:"})
    assert model.rowCount() == 2 and model.columnCount() == 2
    assert [model.index(0, c).data() for c in range(2)] == ["Federführendes Amt", "Federf. Stadtamt:"]
    assert not model.setData(model.index(0, 0), "x")
    assert model.setData(model.index(1, 1), "Beschlussvorschlag:")
    assert model.texts() == {"lead_department": "Federf. Stadtamt:", "draft": "Beschlussvorschlag:"}
