"""The Mitzeichnung panel in the editor: start an Umlauf, sign with PIN (holder and deputy), reject,
release, take back, withdraw — every step through the widgets, checked in the database and by verify."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kimdesk.domain import signoff as rules
from kimdesk.domain.model import ImpactChoice, PaperStatus, SignOffDecision
from kimdesk.services import verification
from kimdesk.services.office import get_office
from kimdesk.services.papers import get_paper_by_id
from kimdesk.services.signoff_view import COL_DECISION, COL_DUE, COL_HOLDER, COL_REMARK, COL_REQUIRED
from kimdesk.ui.editor.signoff_dialogs import StartDialog
from kimdesk.ui.editor.signoff_panel import SignOffPanel
from tests.demo_data import demo_id
from tests.signing import PIN, keys_for_role_holders
from tests.ui.conftest import type_text

TIMEOUT = 20000


@pytest.fixture(scope="session")
def _signoff_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office with its Mitzeichnungen: 20/0270 Freigegeben, 20/0311 In Mitzeichnung
    (Bürgermeister missing), 20/0325 rejected by the Rechtsamt and back in Entwurf."""
    from kimdesk.app import open_app
    from kimdesk.services.demo import apply_demo_signoffs

    path = tmp_path_factory.mktemp("signoff") / "demo.sqlite"
    app = open_app(f"sqlite:///{path.as_posix()}")
    apply_demo_signoffs(app.uow_factory)
    keys_for_role_holders(app.uow_factory)  # every holder and deputy has a certified key (PIN: PIN)
    app.close()
    return path


@pytest.fixture
def office_app(_signoff_template: Path, tmp_path: Path) -> Iterator[Any]:
    from kimdesk.app import open_app

    target = tmp_path / "signoff.sqlite"
    shutil.copyfile(_signoff_template, target)
    app = open_app(f"sqlite:///{target.as_posix()}")
    try:
        yield app
    finally:
        app.close()


def open_panel(make_window: Any, app: Any, qtbot: Any, reference: str) -> tuple[Any, Any, SignOffPanel]:
    window = make_window(app)
    page = window.open_paper(demo_id(f"paper:{reference}"))
    panel = page.editor.sign_off_panel
    qtbot.waitUntil(lambda: panel.state is not None and not panel.busy, timeout=TIMEOUT)
    return window, page, panel


def cell(panel: SignOffPanel, role: str, column: int) -> str:
    for row in range(panel.table.rowCount()):
        if panel.table.item(row, 0).text() == role:
            return str(panel.table.item(row, column).text())
    raise AssertionError(f"{role} fehlt in der Tabelle")


def list_status(window: Any, reference: str) -> str:
    model = window.list_page.model
    row = model.row_of(reference)
    assert row is not None
    return str(model.summary(row).status.label)


def wait_list_status(qtbot: Any, window: Any, reference: str, expected: str) -> None:
    """The list is re-read off the GUI thread after a change; wait until it shows ``expected``."""
    qtbot.waitUntil(lambda: list_status(window, reference) == expected, timeout=5000)


def stored(app: Any, reference: str) -> Any:
    return get_paper_by_id(app.uow_factory, demo_id(f"paper:{reference}"))


def wait_done(qtbot: Any, panel: SignOffPanel) -> None:
    qtbot.waitUntil(lambda: not panel.busy and panel.dialog is None, timeout=TIMEOUT)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_panel_shows_state_rows_who_is_due_and_history(make_window: Any, office_app: Any, qtbot: Any) -> None:
    _window, page, panel = open_panel(make_window, office_app, qtbot, "20/0311")
    assert "In Mitzeichnung" in panel.state_label.text()
    # Decision, who signed and when (Berlin time).
    # Decision, who signed and when (Berlin time), and whether the personal signature verifies here.
    assert cell(panel, "Erster Beigeordneter", COL_DECISION).splitlines() == [
        "mitgezeichnet",
        "Rainer Weichelt",
        "20.10.2020, 09:00 Uhr",
        "✓ Signatur gültig",
    ]
    assert cell(panel, "Erster Beigeordneter", COL_REQUIRED) == "ja"
    assert cell(panel, "Stadtkämmerer", COL_REMARK) == "Mittel im Teilergebnisplan 0501 veranschlagt."
    assert cell(panel, "Bürgermeister", COL_HOLDER).splitlines() == [
        "Christoph Tesche",
        "Vertretung: Rainer Weichelt",
    ]
    assert cell(panel, "Bürgermeister", COL_DECISION) == "jetzt an der Reihe"
    # The Umlauf of October 2020 is long overdue; the signed rows are not.
    assert cell(panel, "Bürgermeister", COL_DUE).splitlines() == ["30.10.2020", "überfällig"]
    assert cell(panel, "Stadtkämmerer", COL_DUE) == "30.10.2020"
    assert "Bürgermeister (Christoph Tesche" in panel.due_label.text()
    paper = stored(office_app, "20/0311")
    assert rules.short_hash(rules.content_hash(paper)) in panel.hash_label.text()
    assert panel.history.isHidden()
    panel.history_button.click()
    assert not panel.history.isHidden()
    actions = [panel.history.item(i, 1).text() for i in range(panel.history.rowCount())]
    assert actions == ["Umlauf gestartet", "mitgezeichnet", "mitgezeichnet"]
    assert panel.history_button.text() == "Verlauf (3 Einträge)"
    # In Mitzeichnung the content is read-only; only signing and the two ways out are offered.
    assert page.editor.title_edit.isReadOnly()
    assert not panel.start_button.isEnabled()
    assert panel.sign_button.isEnabled() and panel.reject_button.isEnabled()
    for widget in (panel.table, panel.history, panel.sign_button, panel.history_button):
        assert widget.accessibleName()
        assert widget.focusPolicy() != widget.focusPolicy().NoFocus


def test_panel_shows_a_signature_that_no_longer_verifies(
    make_window: Any, office_app: Any, qtbot: Any
) -> None:
    import sqlite3

    path = office_app.database.display_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:  # behind the program's back: the Kämmerin's remark is changed
        conn.execute("UPDATE sign_offs SET remark = 'Keine Mittel.' WHERE remark LIKE 'Mittel im%'")
    _window, _page, panel = open_panel(make_window, office_app, qtbot, "20/0311")
    lines = cell(panel, "Stadtkämmerer", COL_DECISION).splitlines()
    assert lines[-1] == "✗ Signatur ungültig"
    assert cell(panel, "Erster Beigeordneter", COL_DECISION).splitlines()[-1] == "✓ Signatur gültig"


def test_panel_says_a_signature_cannot_be_checked_on_a_pc_without_trust_anchor(
    make_window: Any, office_app: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A PC where IT has not installed the office CA: neither good nor forged can be told apart there.
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "no-anchor"))
    _window, _page, panel = open_panel(make_window, office_app, qtbot, "20/0311")
    for role in ("Erster Beigeordneter", "Stadtkämmerer"):
        assert cell(panel, role, COL_DECISION).splitlines()[-1] == "? Signatur nicht prüfbar"
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "Stadtkämmerer")
    item = panel.table.item(row, COL_DECISION)
    assert "Vertrauensanker des Amtes nicht eingerichtet" in item.toolTip()
    assert "office-ca.pem" in item.toolTip()


def test_without_trust_anchor_a_row_changed_after_signing_is_still_called_invalid(
    make_window: Any, office_app: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What needs no anchor is checked there too: the row against its own signed data."""
    import sqlite3

    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "no-anchor"))
    path = office_app.database.display_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:  # behind the program's back: the Kämmerin's remark is changed
        conn.execute("UPDATE sign_offs SET remark = 'Keine Mittel.' WHERE remark LIKE 'Mittel im%'")
    _window, _page, panel = open_panel(make_window, office_app, qtbot, "20/0311")
    assert cell(panel, "Stadtkämmerer", COL_DECISION).splitlines()[-1] == "✗ Signatur ungültig"
    assert cell(panel, "Erster Beigeordneter", COL_DECISION).splitlines()[-1] == "? Signatur nicht prüfbar"


def test_start_sign_as_holder_with_pin_then_reject(
    make_window: Any, office_app: Any, qtbot: Any, answers: Any
) -> None:
    window, page, panel = open_panel(make_window, office_app, qtbot, "20/0325")
    # The last rejection is shown prominently while the Vorlage is back in Entwurf.
    assert not panel.rejection.isHidden()
    assert "Rechtsamt (Yasemin Aydın)" in panel.rejection.text()
    assert "§ 9 TIntG NRW" in panel.rejection.text()
    assert not page.editor.title_edit.isReadOnly()

    dialog = panel.open_start_dialog()
    assert dialog is not None and dialog.problem_label.isHidden()
    default = {
        r.key for r in rules.pick_roles(stored(office_app, "20/0325"), get_office(office_app.uow_factory))
    }
    assert {k for k, box in dialog.role_boxes.items() if box.isChecked()} == default
    for key, box in dialog.role_boxes.items():
        box.setChecked(key in ("mayor", "first_deputy"))
    dialog.legal_box.setChecked(True)
    dialog.sequential.setChecked(True)
    dialog.due.setText("")
    dialog.ok_button.click()
    wait_done(qtbot, panel)

    paper = stored(office_app, "20/0325")
    assert paper.status is PaperStatus.IN_SIGN_OFF
    assert [s.role_key for s in rules.current_round(paper)] == ["mayor", "first_deputy", "legal"]
    assert "In Mitzeichnung" in panel.state_label.text()
    assert panel.rejection.isHidden()
    assert page.editor.title_edit.isReadOnly() and not page.editor.banner.isHidden()
    wait_list_status(qtbot, window, "20/0325", "In Mitzeichnung")
    assert "jetzt an der Reihe: Bürgermeister" in panel.due_label.text()

    # Sequential: only the Bürgermeister can be chosen; he signs as holder with his PIN.
    dialog = panel.open_sign_dialog()
    assert dialog is not None
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == ["Bürgermeister"]
    assert dialog.person_name() == "Christoph Tesche" and not dialog.as_deputy()
    assert not dialog.pin.isHidden() and not dialog.ok_button.isEnabled()
    type_text(dialog.pin, PIN)
    dialog.ok_button.click()
    wait_done(qtbot, panel)
    assert cell(panel, "Bürgermeister", COL_DECISION).splitlines()[:2] == [
        "mitgezeichnet",
        "Christoph Tesche",
    ]

    # Everyone signs with their own key and PIN, the Erster Beigeordneter too.
    dialog = panel.open_sign_dialog()
    assert dialog is not None and dialog.person_name() == "Rainer Weichelt"
    assert not dialog.pin.isHidden() and not dialog.ok_button.isEnabled()
    type_text(dialog.pin, PIN)
    dialog.noted.setChecked(True)
    dialog.ok_button.click()
    wait_done(qtbot, panel)
    assert cell(panel, "Erster Beigeordneter", COL_DECISION).startswith("zur Kenntnis genommen\n")

    # The Rechtsamt rejects: a remark is mandatory, the Vorlage goes back to Entwurf with it.
    dialog = panel.open_reject_dialog()
    assert dialog is not None and dialog.person_name() == "Yasemin Aydın"
    assert not dialog.ok_button.isEnabled()
    type_text(dialog.remark, "Förderzeitraum fehlt")
    type_text(dialog.pin, PIN)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    wait_done(qtbot, panel)

    paper = stored(office_app, "20/0325")
    assert paper.status is PaperStatus.DRAFT
    assert rules.last_rejection(paper) is not None
    assert not panel.rejection.isHidden() and "„Förderzeitraum fehlt“" in panel.rejection.text()
    assert "Entwurf" in panel.state_label.text()
    assert not page.editor.title_edit.isReadOnly() and page.editor.banner.isHidden()
    wait_list_status(qtbot, window, "20/0325", "Entwurf")
    assert verification.verify(office_app.uow_factory).ok


def test_deputy_signs_with_pin_wrong_pin_records_nothing_and_release_drops_entwurf(
    make_window: Any, office_app: Any, qtbot: Any
) -> None:
    window, page, panel = open_panel(make_window, office_app, qtbot, "20/0311")
    before = stored(office_app, "20/0311")

    dialog = panel.open_sign_dialog()
    assert dialog is not None
    assert not dialog.pin.isHidden()  # the Bürgermeister signs with his PIN, his deputy with his own
    dialog.person.setCurrentIndex(1)
    assert dialog.as_deputy() and dialog.person.currentText() == "i. V. Rainer Weichelt (Vertretung)"
    assert not dialog.pin.isHidden()
    assert dialog.pin.echoMode() is dialog.pin.EchoMode.Password
    type_text(dialog.pin, "000000")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=TIMEOUT)
    assert "PIN" in dialog.error.text() and "falsch" in dialog.error.text()
    assert dialog.isVisible() and dialog.pin.text() == ""
    after = stored(office_app, "20/0311")
    assert after.status is PaperStatus.IN_SIGN_OFF and after.version == before.version
    assert cell(panel, "Bürgermeister", COL_DECISION) == "jetzt an der Reihe"

    type_text(dialog.pin, PIN)
    dialog.ok_button.click()
    wait_done(qtbot, panel)
    paper = stored(office_app, "20/0311")
    assert paper.status is PaperStatus.RELEASED
    mayor = next(s for s in paper.active_sign_offs if s.role_key == "mayor")
    assert mayor.as_deputy and mayor.person_name == "Rainer Weichelt"
    assert mayor.decision is SignOffDecision.APPROVED
    assert cell(panel, "Bürgermeister", COL_DECISION).splitlines()[:2] == [
        "mitgezeichnet",
        "i. V. Rainer Weichelt",
    ]
    assert cell(panel, "Bürgermeister", COL_DUE) == "30.10.2020"  # signed: no longer overdue
    assert "Freigegeben" in panel.state_label.text()
    assert not panel.sign_button.isEnabled() and panel.back_button.isEnabled()
    wait_list_status(qtbot, window, "20/0311", "Freigegeben")
    # The Mitzeichnung that released the Vorlage also signed its PDF (PAdES), stored with the release:
    with office_app.uow_factory() as uow:
        released = uow.released_documents.latest(paper.id)
    assert released is not None and released.reference == "20/0311"
    assert released.data.startswith(b"%PDF") and b"/ByteRange" in released.data
    assert b"ETSI.CAdES.detached" in released.data
    assert page.editor.title_edit.isReadOnly() and not window.menu.save_action.isEnabled()

    # The live preview re-renders the released Vorlage: no ENTWURF mark any more.
    qtbot.waitUntil(
        lambda: (
            page.preview.shown_generation == page.preview.generation
            and bool(page.preview.last_pdf)
            and page.editor.paper().status is PaperStatus.RELEASED
        ),
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: "ENTWURF" not in pdf_text(page.preview.last_pdf), timeout=TIMEOUT)
    text = pdf_text(office_app.renderer.render_paper(paper, get_office(office_app.uow_factory)))
    assert "ENTWURF" not in text and "Rainer Weichelt" in text
    assert verification.verify(office_app.uow_factory).ok


def test_back_to_draft_voids_every_signature_after_confirming_then_withdraw(
    make_window: Any, office_app: Any, qtbot: Any, answers: Any
) -> None:
    window, page, panel = open_panel(make_window, office_app, qtbot, "20/0270")
    assert "Freigegeben" in panel.state_label.text()
    assert page.editor.title_edit.isReadOnly()
    answers["confirm"] = False
    assert not panel.back_to_draft()
    kind, _title, text = answers["shown"][-1]
    assert kind == "confirm" and "alle Mitzeichnungen" in text and "aufgehoben" in text
    assert stored(office_app, "20/0270").status is PaperStatus.RELEASED

    answers["confirm"] = True
    assert panel.back_to_draft()
    wait_done(qtbot, panel)
    paper = stored(office_app, "20/0270")
    assert paper.status is PaperStatus.DRAFT and not paper.active_sign_offs
    assert sum(s.voided for s in paper.sign_offs) == 4  # voided, not deleted
    assert panel.table.isHidden() and not panel.empty_label.isHidden()
    assert panel.empty_label.text().startswith("Kein Umlauf offen – die Mitzeichnungen des letzten Umlaufs")
    assert not page.editor.title_edit.isReadOnly()
    wait_list_status(qtbot, window, "20/0270", "Entwurf")
    last = panel.history.rowCount() - 1
    assert panel.history.item(last, 1).text() == "in den Entwurf zurückgenommen"
    assert panel.history.item(last, 3).text() == "4 Mitzeichnung(en) aufgehoben"

    assert panel.withdraw()
    wait_done(qtbot, panel)
    assert stored(office_app, "20/0270").status is PaperStatus.WITHDRAWN
    assert "Zurückgezogen" in panel.state_label.text()
    assert not panel.withdraw_button.isEnabled() and not panel.start_button.isEnabled()
    assert page.editor.title_edit.isReadOnly()
    assert verification.verify(office_app.uow_factory).ok


def test_start_refused_lists_the_problems_in_german_and_changes_nothing(
    make_window: Any, office_app: Any, qtbot: Any
) -> None:
    window = make_window(office_app)
    page = window.new_paper()
    panel = page.editor.sign_off_panel
    qtbot.waitUntil(lambda: panel.state is not None and not panel.busy, timeout=TIMEOUT)
    dialog = panel.open_start_dialog()
    assert dialog is not None
    assert not dialog.problem_label.isHidden()
    assert "Der Umlauf kann nicht starten, weil:" in dialog.problem_label.text()
    assert "– Betrifft: fehlt" in dialog.problem_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    dialog.reject()
    assert get_paper_by_id(office_app.uow_factory, page.editor.base.id).status is PaperStatus.DRAFT
    assert "Entwurf" in panel.state_label.text()


def test_unsaved_edits_are_saved_before_the_umlauf_starts(
    make_window: Any, office_app: Any, qtbot: Any
) -> None:
    _window, page, panel = open_panel(make_window, office_app, qtbot, "20/0325")
    type_text(page.editor.title_edit, " (überarbeitet)")
    assert page.dirty
    dialog = panel.open_start_dialog()
    assert dialog is not None and not page.dirty
    dialog.ok_button.click()
    wait_done(qtbot, panel)
    paper = stored(office_app, "20/0325")
    assert paper.title.endswith("(überarbeitet)") and paper.status is PaperStatus.IN_SIGN_OFF
    assert page.editor.title_edit.text().endswith("(überarbeitet)")
    assert not page.dirty and not page.editor.undo_stack.canUndo()


def test_treasurer_is_forced_when_the_financial_impact_is_folgende(office_app: Any, qtbot: Any) -> None:
    paper = stored(office_app, "20/0325")
    paper.financial_impact.choice = ImpactChoice.FOLLOWING
    dialog = StartDialog(paper, get_office(office_app.uow_factory))
    qtbot.addWidget(dialog)
    treasurer = dialog.role_boxes["treasurer"]
    assert treasurer.isChecked() and not treasurer.isEnabled()
    assert "Pflicht, weil finanzielle Auswirkungen „folgende“" in treasurer.text()
    assert "legal" not in dialog.role_boxes and not dialog.legal_box.isChecked()


def test_panel_speaks_english_when_chosen(make_window: Any, office_app: Any, qtbot: Any) -> None:
    from kimdesk.l10n import i18n

    window = make_window(office_app)
    i18n.set_language("en")
    try:
        page = window.open_paper(demo_id("paper:20/0311"))
        panel = page.editor.sign_off_panel
        qtbot.waitUntil(lambda: panel.state is not None and not panel.busy, timeout=TIMEOUT)
        assert panel.state_label.text() == "State: In sign-off"
        assert panel.sign_button.text() == "Si&gn off …"
        assert cell(panel, "Bürgermeister", COL_DECISION) == "due now"
        assert panel.table.horizontalHeaderItem(COL_HOLDER).text() == "Holder / deputy"
    finally:
        i18n.set_language("de")
