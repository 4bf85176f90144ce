"""Issue 15's "Done when": one office cycle through the real main window, from an empty database, on SQLite
and on PostgreSQL — set-up assistant → new Vorlage with Beratungsfolge and Anlage → Umlauf and release →
meeting with standard agenda → invitation packet → results → Protokollauszug.

Message boxes are real and answered by a "user" that presses Ja/OK (recorded); the only stand-ins are the
OS file dialogs (which file to attach, where to save). The office key and the trust anchor live in this
test's own profile and machine folders (``office_folders``), as on a new PC.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox

from kimdesk.domain.model import ConsultationRole, PaperStatus, PaperType
from tests.meetings.pdfs import tiny_pdf
from tests.ui.conftest import type_text
from tests.ui.test_setup_wizard import _add_rows, _finish, _next, _wizard, add_persons_and_mayor
from tests.ui.test_signing_admin import act, loaded, office_folders, passphrase, select, settings
from tests.ui.test_signoff_panel import wait_done, wait_list_status

OFFICE_FOLDERS = office_folders  # the fixture: this PC's own profile and machine folders, empty at first
PIN = "135790"
PASSPHRASE = "Schlüssel-des-Amts-für-IT"
TIMEOUT = 30_000


def _ok(dialog: Any) -> Any:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Ok)


class User:
    """Answers every message box and input dialog the program opens, like a clerk pressing Ja/OK."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        from kimdesk.ui.recorder_dialog import RecorderDialog
        from kimdesk.ui.settings.pin_dialog import PinDialog

        widget = QApplication.activeModalWidget()
        if isinstance(widget, PinDialog):  # „Signaturschlüssel einrichten“: the new PIN, twice
            self.seen.append(widget.windowTitle())
            for field in (widget.first, widget.second):
                field.setFocus()
                type_text(field, PIN)
            _ok(widget).click()
        elif isinstance(
            widget, RecorderDialog
        ):  # who signs the Beschlussvermerk: the Bürgermeisterin, her PIN
            self.seen.append(f"{widget.windowTitle()}: {widget.problem.text()}")
            assert len(self.seen) < 50, self.seen
            widget.person.setCurrentIndex(widget.person.findText("Anna Berg"))
            widget.pin.setFocus()
            type_text(widget.pin, PIN)
            _ok(widget).click()
        elif isinstance(widget, QMessageBox):
            self.seen.append(f"{widget.windowTitle()}: {widget.text()}")
            yes = widget.button(QMessageBox.StandardButton.Yes)
            (yes or widget.button(QMessageBox.StandardButton.Ok) or widget.defaultButton()).click()
        elif isinstance(widget, QInputDialog):
            self.seen.append(f"{widget.windowTitle()}: {widget.textValue()}")
            _ok(widget).click()


@pytest.fixture
def office_window(db_url: str, qtbot: Any) -> Iterator[Any]:
    """The real main window on an empty database (SQLite or PostgreSQL), as ``kimdesk`` starts it."""
    from kimdesk.app import open_app
    from kimdesk.l10n.i18n import set_language
    from kimdesk.ui.context import GuiContext
    from kimdesk.ui.main import create_application
    from kimdesk.ui.main_window import MainWindow

    create_application("de")
    set_language("de")
    app = open_app(db_url)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.attach(GuiContext(app, db_url))
    window.show()
    try:
        yield window
    finally:
        for page in window.pages():
            page.shutdown()
        app.close()


def _pdf_text(path: Path) -> str:
    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(path.read_bytes())).pages
    )


def _set_up_office(qtbot: Any) -> None:
    wizard = _wizard(qtbot)  # an empty database opens the assistant by itself
    assert wizard.start.new.isChecked()
    _next(qtbot, wizard)
    type_text(wizard.office.municipality, "Stadt Beispielhausen")
    wizard.office.letterhead.setFocus()
    type_text(wizard.office.letterhead, "Der Bürgermeister")
    _next(qtbot, wizard)
    _add_rows(qtbot, wizard.departments.page.table, [["Hauptamt", "10"], ["Bauamt", "60"]])
    _next(qtbot, wizard)
    _add_rows(qtbot, wizard.committees.page.table, [["Rat", "", "Rates"]])
    _next(qtbot, wizard)
    add_persons_and_mayor(qtbot, wizard)
    _next(qtbot, wizard)
    _next(qtbot, wizard)  # numbering: the first example, „26/0001“
    _finish(qtbot, wizard)


def _personal_key(window: Any, qtbot: Any) -> None:
    """Einstellungen → Personen → „Signaturschlüssel einrichten“ for the Bürgermeisterin; then IT, on
    Einstellungen → Signaturen, creates the office key, installs it on this PC and certifies her request."""
    dialog = settings(window, qtbot)
    persons = dialog.persons_page
    model = persons.table.rows_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Anna Berg")
    persons.table.setCurrentIndex(model.index(row, 0))
    _click(qtbot, persons.pin_button)  # the PIN dialog is answered by the user (see User)
    qtbot.waitUntil(lambda: "eingerichtet" in persons.pin_status.text(), timeout=TIMEOUT)
    page = dialog.signing_page
    page.refresh()
    loaded(qtbot, page)
    act(qtbot, page, page.create_button, passphrase(PASSPHRASE, repeat=True))
    act(qtbot, page, page.install_button)
    assert "installiert: ja" in page.office_label.text()
    select(page.pending, "Anna Berg")
    act(qtbot, page, page.certify_button, passphrase(PASSPHRASE))
    assert page.status.text() == "Zertifiziert: Anna Berg"
    dialog.reject()


def _new_vorlage(window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    page = window.new_paper()
    editor = page.editor
    editor.type_box.setCurrentIndex(list(PaperType).index(PaperType.RESOLUTION))
    editor.department.setCurrentText("Hauptamt")
    editor.consultations.add_button.click()
    committee, role, *_rest = (
        editor.consultations.table.cellWidget(0, c) for c in range(editor.consultations.table.columnCount())
    )
    committee.setCurrentText("Rat")
    role.setCurrentIndex(list(ConsultationRole).index(ConsultationRole.DECISION))
    editor.title_edit.setFocus()
    type_text(editor.title_edit, "Neugestaltung des Marktplatzes")
    editor.rationale.edit.setFocus()
    type_text(editor.rationale.edit, "Der Marktplatz wird barrierefrei umgebaut.")
    editor.finance.choice.first.click()  # Finanzielle Auswirkungen: keine
    editor.climate.first.click()  # klimarelevante Auswirkungen: keine
    editor.resolution.edit.setFocus()
    type_text(editor.resolution.edit, "Der Rat beschließt die Neugestaltung des Marktplatzes.")

    lageplan = tmp_path / "Lageplan.pdf"
    lageplan.write_bytes(tiny_pdf("LAGEPLAN MARKTPLATZ"))
    monkeypatch.setattr(QFileDialog, "exec", lambda _self: 1)  # the OS file dialog: the clerk picks the file
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _self: [str(lageplan)])
    qtbot.waitUntil(lambda: not editor.anlagen.running, timeout=TIMEOUT)
    editor.anlagen.add_button.click()
    qtbot.waitUntil(lambda: not editor.anlagen.running, timeout=TIMEOUT)
    assert [a.title for a in editor.anlagen.anlagen] == ["Lageplan"]

    window.tabs.setCurrentWidget(page)
    assert window.save_current()
    qtbot.waitUntil(lambda: not page.dirty, timeout=TIMEOUT)
    return page


def _umlauf_and_release(window: Any, page: Any, qtbot: Any, reference: str) -> None:
    panel = page.editor.sign_off_panel
    qtbot.waitUntil(lambda: panel.state is not None and not panel.busy, timeout=TIMEOUT)
    dialog = panel.open_start_dialog()
    assert dialog is not None
    for key, box in dialog.role_boxes.items():
        box.setChecked(key == "mayor")
    assert dialog.problem_label.isHidden(), dialog.problem_label.text()
    dialog.ok_button.click()
    wait_done(qtbot, panel)
    wait_list_status(qtbot, window, reference, "In Mitzeichnung")
    dialog = panel.open_sign_dialog()
    assert dialog is not None and dialog.person_name() == "Anna Berg"
    type_text(dialog.pin, PIN)
    dialog.ok_button.click()
    wait_done(qtbot, panel)
    assert "Freigegeben" in panel.state_label.text()
    wait_list_status(qtbot, window, reference, "Freigegeben")


def _click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _visible(view: Any, cls: type) -> Any:
    (found,) = [d for d in view.findChildren(cls) if d.isVisible()]
    return found


def _select_top(view: Any, needle: str) -> None:
    lines = view.agenda_lines()
    view.agenda.setCurrentRow(next(i for i, t in enumerate(lines) if needle in t))
    view.agenda.setFocus()


def test_an_office_runs_one_cycle_in_the_main_window(
    office_folders: Any, office_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kimdesk.services.papers import get_paper_by_id
    from kimdesk.ui import file_dialogs
    from kimdesk.ui.meeting_dialog import MeetingDialog
    from kimdesk.ui.result_dialog import ResultDialog

    window = office_window
    user = User()

    # 1. Set-up assistant on the empty database; a personal key for the Bürgermeisterin.
    _set_up_office(qtbot)
    _personal_key(window, qtbot)
    assert "Signaturschlüssel einrichten – Anna Berg" in user.seen

    # 2. A new Vorlage with Beratungsfolge (Rat, Entscheidung) and an Anlage, saved.
    page = _new_vorlage(window, qtbot, tmp_path, monkeypatch)
    reference = page.editor.base.reference
    wait_list_status(qtbot, window, reference, "Entwurf")

    # 3. Umlauf: the Bürgermeisterin signs with her PIN, which releases the Vorlage.
    _umlauf_and_release(window, page, qtbot, reference)

    # 4. A meeting of the Rat (held yesterday), the Vorlage and the standard agenda on it.
    window.show_meetings()
    view = window.meetings_view
    _click(qtbot, view.new_button)
    dialog = _visible(view, MeetingDialog)
    dialog.committee.setCurrentIndex(dialog.committee.findText("Rat"))
    yesterday = date.today() - timedelta(days=1)
    dialog.day.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    dialog.time.setTime(QTime(17, 0))
    dialog.location.setFocus()
    type_text(dialog.location, "Rathaus, Ratssaal")
    dialog.chair.setFocus()
    type_text(dialog.chair, "Anna Berg")
    dialog.invitation.setFocus()
    type_text(dialog.invitation, "Hiermit lade ich Sie zur Sitzung des Rates ein.")
    _click(qtbot, _ok(dialog))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert view.meeting is not None and "Vorsitz: Anna Berg" in view.heading.text()
    _click(qtbot, view.add_button)  # „Vorlage hinzufügen …“: the user takes the offered Vorlage
    _click(qtbot, view.standard_items_button)
    lines = view.agenda_lines()
    assert lines[1] == "TOP 1  Eröffnung der Sitzung"
    assert any(line.endswith(f"[{reference}]") for line in lines), lines
    assert "Mitteilungen" in " ".join(lines)

    # 5. Invite (late: the Ladungsfrist warning is answered) and the Sitzungsmappe as PDF.
    _click(qtbot, view.invite_button)
    qtbot.waitUntil(lambda: "eingeladen" in view.heading.text(), timeout=TIMEOUT)
    packet = tmp_path / "Sitzungsmappe.pdf"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a: str(packet))  # the OS save dialog
    _click(qtbot, view.packet_button)
    qtbot.waitUntil(lambda: packet.exists() and view.progress_dialog is None, timeout=60_000)
    text = _pdf_text(packet)
    assert "Hiermit lade ich Sie zur Sitzung des Rates ein." in text
    assert "Neugestaltung des Marktplatzes" in text and reference in text
    assert "LAGEPLAN MARKTPLATZ" in text  # the Anlage's own page
    assert "ENTWURF" not in text

    # 6. Held; the result of the Vorlage's TOP; the Protokollauszug.
    _click(qtbot, view.held_button)
    qtbot.waitUntil(lambda: "durchgeführt" in view.heading.text(), timeout=TIMEOUT)
    _select_top(view, f"[{reference}]")
    _click(qtbot, view.result_button)
    result = _visible(view, ResultDialog)
    assert result.text.toPlainText().startswith("Der Rat beschließt die Neugestaltung")
    result.result_choice.setCurrentIndex(result.result_choice.findText("einstimmig beschlossen"))
    _click(qtbot, _ok(result))
    qtbot.waitUntil(lambda: not result.isVisible(), timeout=TIMEOUT)
    assert any(line.endswith("→ einstimmig beschlossen") for line in view.agenda_lines())
    extract = tmp_path / "Protokollauszug.pdf"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a: str(extract))
    _select_top(view, f"[{reference}]")
    _click(qtbot, view.extract_button)
    qtbot.waitUntil(extract.exists, timeout=TIMEOUT)
    text = _pdf_text(extract)
    assert "Protokollauszug" in text and "Neugestaltung des Marktplatzes" in text
    assert "einstimmig beschlossen" in text and "Rat" in text

    stored = get_paper_by_id(window.context.uow_factory, page.editor.base.id)
    assert stored.status is PaperStatus.DECIDED and stored.resolution_record
    wait_list_status(qtbot, window, reference, "Beschlossen")  # the list followed the result at once
    assert any("Ladungsfrist" in seen for seen in user.seen), user.seen
    assert any(f"Gespeichert: {extract}" in seen for seen in user.seen), user.seen
    user.timer.stop()
