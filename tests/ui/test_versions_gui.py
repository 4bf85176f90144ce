"""Fassungen in the real windows: after a rejection the clerk revises and starts a new Umlauf, and the
Rechtsamt's sign dialog shows what changed since its rejection; „Fassungen …“ lists, compares, prints and
restores."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtGui import QTextCursor

from kimdesk.domain.model import PaperStatus
from kimdesk.services import signoff, versions
from kimdesk.services.papers import get_paper
from kimdesk.ui.compare import CompareDialog
from tests.signing import PIN
from tests.ui.conftest import type_text
from tests.ui.test_signoff_panel import _signoff_template, office_app, open_panel, stored, wait_done

__all__ = ["_signoff_template", "office_app"]

TIMEOUT = 20000
REFERENCE = "20/0325"
ADDED = " Rechtsgrundlage ist § 9 TIntG NRW; gefördert wird 2021 bis 2023."


def revise_and_restart(page: Any, panel: Any, qtbot: Any) -> None:
    """The clerk adds what the Rechtsamt asked for and starts the next Umlauf (Rechtsamt included)."""
    edit = page.editor.rationale.edit
    edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(edit, ADDED)
    type_text(page.editor.title_edit, " (überarbeitet)")
    dialog = panel.open_start_dialog()
    assert dialog is not None  # the edits were saved first
    for key, box in dialog.role_boxes.items():
        box.setChecked(key == "first_deputy")
    dialog.legal_box.setChecked(True)
    dialog.due.setText("")
    dialog.ok_button.click()
    wait_done(qtbot, panel)


def test_the_rechtsamt_sees_what_changed_since_its_rejection_and_signs_that_fassung(
    make_window: Any, office_app: Any, qtbot: Any, answers: Any
) -> None:
    _window, page, panel = open_panel(make_window, office_app, qtbot, REFERENCE)
    revise_and_restart(page, panel, qtbot)
    assert stored(office_app, REFERENCE).status is PaperStatus.IN_SIGN_OFF
    qtbot.waitUntil(lambda: panel.state is not None and panel.state.given is not None, timeout=TIMEOUT)

    dialog = panel.open_sign_dialog()
    assert dialog is not None
    dialog.role.setCurrentIndex(dialog.role.findData("legal"))
    assert dialog.person_name() == "Yasemin Aydın"
    changes = dialog.changes
    qtbot.waitUntil(lambda: changes.isVisible() and changes.compare.diff is not None, timeout=TIMEOUT)
    assert "Geändert seit Ihrer Ablehnung (Fassung 3 vom 28.10.2020)" in changes.heading.text()
    assert changes.compare.old_heading.text() == "Links: Fassung 3 vom 28.10.2020"
    assert changes.compare.new_heading.text().startswith("Rechts: Fassung 5 vom ")
    assert changes.compare.new_heading.text().endswith("(zur Mitzeichnung)")
    shown = changes.compare.view.toPlainText()
    assert "gefördert wird 2021 bis 2023" in shown and "(überarbeitet)" in shown
    assert changes.compare.summary.text() == "Änderungen: 2"  # Betrifft, Begründung
    # The first deputy did not reject: the last Umlauf he saw is the comparison's base.
    dialog.role.setCurrentIndex(dialog.role.findData("first_deputy"))
    assert "Ihrem letzten Umlauf (Fassung 2 vom 26.10.2020)" in changes.heading.text()
    dialog.role.setCurrentIndex(dialog.role.findData("legal"))

    type_text(dialog.pin, PIN)
    dialog.ok_button.click()
    wait_done(qtbot, panel)
    entry = [
        e for e in signoff.status(office_app.uow_factory, REFERENCE).history if e.action.value == "signed"
    ]
    assert entry[-1].person_name == "Yasemin Aydın"
    assert entry[-1].details["version"] == 5


def test_signing_is_refused_when_the_vorlage_changed_after_the_dialog_opened(
    make_window: Any, office_app: Any, qtbot: Any, answers: Any
) -> None:
    _window, page, panel = open_panel(make_window, office_app, qtbot, REFERENCE)
    revise_and_restart(page, panel, qtbot)
    qtbot.waitUntil(lambda: panel.state is not None and panel.state.given is not None, timeout=TIMEOUT)
    dialog = panel.open_sign_dialog()
    assert dialog is not None
    dialog.role.setCurrentIndex(dialog.role.findData("legal"))
    # Meanwhile someone takes it back, changes it and starts again.
    uow = office_app.uow_factory
    signoff.back_to_draft(uow, REFERENCE)
    paper = stored(office_app, REFERENCE)
    paper.title += " – neu"
    from kimdesk.services.papers import save_paper

    save_paper(uow, paper)
    signoff.start(uow, REFERENCE, roles=["first_deputy"], include_legal=True)
    type_text(dialog.pin, PIN)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=TIMEOUT)
    assert "wurde geändert, nachdem der Dialog geöffnet wurde" in dialog.error.text()
    history = signoff.status(uow, REFERENCE).history
    assert not any(e.action.value == "signed" and e.person_name == "Yasemin Aydın" for e in history)


def test_fassungen_dialog_lists_compares_prints_and_restores(
    make_window: Any, office_app: Any, qtbot: Any, answers: Any, tmp_path: Path
) -> None:
    window, page, _panel = open_panel(make_window, office_app, qtbot, REFERENCE)
    type_text(page.editor.title_edit, " (Entwurf 2)")
    window.menu.versions_action.trigger()  # Datei → Fassungen … (Strg+Umschalt+V); saves first
    dialog = page.versions_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 4, timeout=TIMEOUT)
    rows = [[dialog.table.item(r, c).text() for c in (0, 2, 3)] for r in range(4)]
    assert rows == [
        ["4", "gespeichert", rows[0][2]],
        ["3", "abgelehnt", "Yasemin Aydın"],
        ["2", "Umlauf gestartet", "demo"],
        ["1", "importiert", rows[3][2]],
    ]
    assert "Rechtsgrundlage" in dialog.table.item(1, 4).text()
    assert not dialog.compare_button.isEnabled()  # one selected: the newest
    dialog.select_numbers(3, 4)
    assert dialog.compare_button.isEnabled() and not dialog.pdf_button.isEnabled()
    dialog.compare_button.click()
    qtbot.waitUntil(
        lambda: dialog.compare_dialog is not None and dialog.compare_dialog.isVisible(), timeout=TIMEOUT
    )
    compare: CompareDialog = dialog.compare_dialog
    assert compare.compare.old_heading.text() == "Links: Fassung 3 vom 28.10.2020"
    qtbot.waitUntil(lambda: compare.compare.diff is not None, timeout=TIMEOUT)
    assert "(Entwurf 2)" in compare.compare.view.toPlainText()
    compare.reject()

    # Fassung 2 as PDF: marked on every page as a superseded Fassung.
    dialog.select_numbers(2)
    assert dialog.pdf_button.isEnabled() and dialog.restore_button.isEnabled()
    target = tmp_path / "fassung-2.pdf"
    dialog.export_to(target, 2)
    qtbot.waitUntil(lambda: dialog.task is None and target.exists(), timeout=TIMEOUT)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    for pdf_page in reader.pages:
        assert "Fassung 2 vom 26.10.2020 – überholt" in (pdf_page.extract_text() or "")

    # Restore Fassung 2: a new Fassung 5, the editor shows it, nothing of the history is lost.
    dialog.restore_button.click()
    assert answers["shown"][-1][0] == "confirm"
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 5, timeout=TIMEOUT)
    assert [dialog.table.item(0, c).text() for c in (0, 2, 4)] == ["5", "wiederhergestellt", "aus Fassung 2"]
    assert not page.editor.title_edit.text().endswith("(Entwurf 2)")
    assert page.editor.title_edit.text() == stored(office_app, REFERENCE).title
    assert not page.dirty
    assert versions.load_version(office_app.uow_factory, REFERENCE, 4).paper.title.endswith("(Entwurf 2)")
    dialog.reject()


def test_a_released_vorlage_offers_no_restore(make_window: Any, office_app: Any, qtbot: Any) -> None:
    _window, page, _panel = open_panel(make_window, office_app, qtbot, "20/0270")
    dialog = page.open_versions()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 3, timeout=TIMEOUT)
    dialog.select_numbers(1)
    assert dialog.pdf_button.isEnabled() and not dialog.restore_button.isEnabled()
    assert "Nur im Entwurf" in dialog.restore_button.toolTip()
    dialog.reject()


def test_ergaenzungsvorlage_from_the_datei_menu(
    make_window: Any, office_app: Any, qtbot: Any, answers: Any
) -> None:
    window, _page, _panel = open_panel(make_window, office_app, qtbot, "20/0270")
    action = window.menu.supplement_action
    assert action.isEnabled() and action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    assert (
        answers["shown"][-1][0] == "confirm"
        and "Ergänzungsvorlage zu Vorlage 20/0270" in answers["shown"][-1][2]
    )
    page = window.current_page()
    assert page is not None and page.editor.base.reference == "20/0270-1"
    link = get_paper(office_app.uow_factory, "20/0270-1").supplement_to
    assert link is not None and link.reference == "20/0270" and link.kind.value == "supplement"
    assert "20/0270" in page.editor.head_fields.related.text()
    window.open_paper(get_paper(office_app.uow_factory, "20/0270").id)  # back to the original's tab
    window.menu.amendment_action.trigger()
    assert window.current_page().editor.base.reference == "20/0270-2"
    amendment = get_paper(office_app.uow_factory, "20/0270-2").supplement_to
    assert amendment is not None and amendment.kind.value == "amendment"
