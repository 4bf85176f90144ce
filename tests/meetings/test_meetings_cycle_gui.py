"""The Sitzungsdienst's meeting cycle in the meetings view, with the real widgets (clicks and keys):
Neue Sitzung, edit/move, standard agenda, sub-items and Strg+↑/↓, invite with Ladungsfrist, cancel,
held; results only when allowed, prefilled, nothing typed lost; Protokollauszug; printing."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kimdesk.domain.meeting import AgendaResult, MeetingState
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import meetings as svc
from kimdesk.services.papers import get_paper
from tests.qt import require_qt_widgets

require_qt_widgets()
pytestmark = pytest.mark.gui
UowFactory = Callable[[], Any]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    from kimdesk.ui import dialogs

    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "inform", lambda _p, title, text: messages.append((title, text)))
    monkeypatch.setattr(dialogs, "warn", lambda _p, title, text: messages.append((title, text)))
    monkeypatch.setattr(dialogs, "confirm", lambda _p, title, text: messages.append((title, text)) or True)
    return messages


@pytest.fixture
def view(qtbot: Any, demo_uow: UowFactory, shown: list[tuple[str, str]]) -> Any:
    from kimdesk.pdf.packet import PacketPdfRenderer
    from kimdesk.ui.meetings_view import MeetingsView

    widget = MeetingsView(demo_uow, PacketPdfRenderer)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def click(qtbot: Any, button: Any) -> None:
    from PySide6.QtCore import Qt

    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok_button(dialog: Any) -> Any:
    from PySide6.QtWidgets import QDialogButtonBox

    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def open_dialog(view: Any, cls: type) -> Any:
    found = [d for d in view.findChildren(cls) if d.isVisible()]
    assert len(found) == 1, found
    return found[0]


def select_top(view: Any, prefix: str) -> None:
    lines = view.agenda_lines()
    view.agenda.setCurrentRow(next(i for i, t in enumerate(lines) if t.startswith(prefix)))
    view.agenda.setFocus()


def test_a_new_meeting_is_created_in_the_dialog_and_a_refusal_keeps_what_was_typed(
    qtbot: Any, view: Any, demo_uow: UowFactory, shown: list[tuple[str, str]]
) -> None:
    from PySide6.QtCore import QDate

    from kimdesk.ui.meeting_dialog import MeetingDialog

    click(qtbot, view.new_button)
    dialog = open_dialog(view, MeetingDialog)
    dialog.committee.setCurrentIndex(dialog.committee.findText("Integrationsrat"))
    dialog.day.setDate(QDate(2020, 11, 4))  # the Integrationsrat meets that day already
    qtbot.keyClicks(dialog.location, "Rathaus, Raum 214")
    dialog.chair.setFocus()
    qtbot.keyClicks(dialog.chair, "Frau Ozturk")
    qtbot.keyClicks(dialog.invitation, "Hiermit lade ich ein.")
    click(qtbot, ok_button(dialog))
    assert shown[-1][1].startswith("Datum: Der Integrationsrat hat am 04.11.2020 schon eine Sitzung")
    assert dialog.isVisible() and dialog.location.text() == "Rathaus, Raum 214"
    assert dialog.invitation.toPlainText() == "Hiermit lade ich ein."
    dialog.day.setDate(QDate(2031, 5, 6))
    click(qtbot, ok_button(dialog))
    assert not dialog.isVisible()
    stored = svc.get_meeting(demo_uow, "IR-2031-05-06")
    assert (stored.location, stored.chair, stored.invitation_text) == (
        "Rathaus, Raum 214",
        "Frau Ozturk",
        "Hiermit lade ich ein.",
    )
    assert view.meeting is not None and view.meeting.id == stored.id  # shown at once
    heading = view.heading.text()
    assert "Vorsitz: Frau Ozturk" in heading
    assert "Einladung spätestens am 29.04.2031 (Ladungsfrist 7 Tage)." in heading


def test_editing_moves_the_meeting_and_the_standard_agenda_goes_around_the_vorlagen(
    qtbot: Any, view: Any, demo_uow: UowFactory
) -> None:
    from PySide6.QtCore import QDate, Qt

    from kimdesk.ui.meeting_dialog import MeetingDialog

    svc.create_meeting(demo_uow, "IR", datetime(2031, 5, 6, 17, tzinfo=BERLIN))
    svc.add_to_agenda(demo_uow, "IR-2031-05-06", reference="20/0325")
    view.reload()
    view.select("IR-2031-05-06")
    click(qtbot, view.edit_button)
    dialog = open_dialog(view, MeetingDialog)
    dialog.day.setDate(QDate(2031, 5, 13))
    click(qtbot, ok_button(dialog))
    assert get_paper(demo_uow, "20/0325").consultations[0].meeting_date.isoformat() == "2031-05-13"
    assert "13.05.2031" in view.heading.text()
    click(qtbot, view.standard_items_button)
    lines = view.agenda_lines()
    assert lines[:4] == [
        "Öffentlicher Teil",
        "TOP 1  Eröffnung der Sitzung",
        "TOP 2  Feststellung der Tagesordnung",
        "TOP 3  Genehmigung der Niederschrift der letzten Sitzung",
    ]
    assert lines[4].startswith("TOP 4  Bericht über die Arbeit") and lines[4].endswith("[20/0325]")
    assert lines[5:] == [
        "TOP 5  Mitteilungen",
        "TOP 6  Anfragen",
        "Nichtöffentlicher Teil",
        "TOP 7  Mitteilungen",
        "TOP 8  Anfragen",
    ]
    # Keyboard: Strg+↑ moves the Vorlage up, Strg+→ makes "Anfragen" a sub-item of "Mitteilungen".
    select_top(view, "TOP 4")
    qtbot.keyClick(view.agenda, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert view.agenda_lines()[3].startswith("TOP 3  Bericht über die Arbeit")
    assert get_paper(demo_uow, "20/0325").consultations[0].agenda_item == "3"
    assert view.agenda.currentItem().text().startswith("TOP 3  Bericht")  # stays selected
    select_top(view, "TOP 6")
    qtbot.keyClick(view.agenda, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert view.agenda_lines()[6] == "      TOP 5.1  Anfragen"
    select_top(view, "TOP 1")
    qtbot.keyClick(view.agenda, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert view.agenda_lines()[1:3] == [
        "TOP 1  Feststellung der Tagesordnung",
        "TOP 2  Eröffnung der Sitzung",
    ]


def test_inviting_late_warns_and_a_cancelled_meeting_says_why(
    qtbot: Any, view: Any, demo_uow: UowFactory, shown: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    soon = datetime.now(BERLIN).replace(hour=17, minute=0, second=0, microsecond=0) + timedelta(days=3)
    meeting = svc.create_meeting(demo_uow, "IR", soon)
    view.reload(select=meeting.id)
    assert not view.invite_button.isEnabled() or view.meeting.items == []
    view.add_free_item("Mitteilungen")
    assert "⚠ Die Ladungsfrist ist schon abgelaufen." in view.heading.text()
    click(qtbot, view.invite_button)
    assert shown[-1][0] == "Einladen" and "Die Ladungsfrist von 7 Tagen ist nicht eingehalten" in shown[-1][1]
    assert svc.get_meeting(demo_uow, meeting.short_id).state is MeetingState.INVITED
    assert "⚠ Die Einladung ging nach Ablauf der Ladungsfrist hinaus." in view.heading.text()
    assert view.invite_button.text() == "Erneut &einladen"
    assert not view.held_button.isEnabled()
    assert view.held_button.toolTip() == "Die Sitzung hat noch nicht stattgefunden."
    # Results: refused before anything is typed — the button is disabled and says why.
    select_top(view, "TOP 1")
    assert not view.result_button.isEnabled()
    assert "hat noch nicht stattgefunden" in view.result_button.toolTip()
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *_a: ("Beschlussunfähigkeit", True))
    click(qtbot, view.cancel_button)
    assert svc.get_meeting(demo_uow, meeting.short_id).state is MeetingState.CANCELLED
    assert "Abgesagt: Beschlussunfähigkeit" in view.heading.text()
    assert not view.add_button.isEnabled() and not view.edit_button.isEnabled()


def test_results_are_entered_once_held_with_the_draft_prefilled_and_kept_on_an_error(
    qtbot: Any,
    view: Any,
    demo_uow: UowFactory,
    shown: list[tuple[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import Qt

    from kimdesk.ui import file_dialogs
    from kimdesk.ui.result_dialog import ResultDialog

    view.select("IR-2020-11-04")
    click(qtbot, view.held_button)
    assert "durchgeführt" in view.heading.text() and view.add_button.isEnabled()  # frozen once closed
    select_top(view, "TOP 2")
    assert not view.extract_button.isEnabled()
    click(qtbot, view.result_button)
    dialog = open_dialog(view, ResultDialog)
    assert dialog.text.toPlainText().startswith("Der Rat beschließt, dem Verein")  # the Beschlussentwurf
    dialog.result_choice.setCurrentIndex(dialog.result_choice.findText("mehrheitlich beschlossen"))
    dialog.text.setFocus()
    qtbot.keyClick(dialog.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.text, " Mit Auflage.")
    dialog.votes.setFocus()
    qtbot.keyClick(dialog.votes, Qt.Key.Key_Space)  # keyboard: the vote counts open up
    assert dialog.yes.isEnabled()
    dialog.yes.setValue(12)
    dialog.no.setValue(3)
    dialog.abstentions.setValue(1)
    # Meanwhile a colleague entered a result and closed the meeting: saving is refused.
    svc.enter_result(demo_uow, "IR-2020-11-04", "2", AgendaResult.NOTED)
    from kimdesk.services.meeting_cycle import change_meeting_state

    change_meeting_state(demo_uow, view.meeting.id, MeetingState.CLOSED)
    click(qtbot, ok_button(dialog))
    assert "ist abgeschlossen" in shown[-1][1]
    assert dialog.isVisible() and dialog.text.toPlainText().endswith("Mit Auflage.")  # nothing lost
    assert dialog.yes.value() == 12
    dialog.reject()
    view.reload()
    assert not view.result_button.isEnabled() and "abgeschlossen" in view.result_button.toolTip()
    assert not view.add_button.isEnabled() and not view.remove_button.isEnabled()
    # The Protokollauszug of the TOP, from the button (file chosen in the save dialog).
    select_top(view, "TOP 2")
    target = tmp_path / "auszug.pdf"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_a: str(target))
    click(qtbot, view.extract_button)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Protokollauszug" in text and "zur Kenntnis genommen" in text
    assert shown[-1] == ("Protokollauszug", f"Gespeichert: {target}")


def test_a_result_with_votes_reaches_the_vorlage(qtbot: Any, view: Any, demo_uow: UowFactory) -> None:
    from PySide6.QtCore import Qt

    from kimdesk.ui.result_dialog import ResultDialog

    view.select("IR-2020-11-04")
    select_top(view, "TOP 2")
    click(qtbot, view.result_button)
    dialog = open_dialog(view, ResultDialog)
    dialog.result_choice.setCurrentIndex(dialog.result_choice.findText("mehrheitlich beschlossen"))
    dialog.votes.setFocus()
    qtbot.keyClick(dialog.votes, Qt.Key.Key_Space)  # keyboard: the vote counts open up
    assert dialog.yes.isEnabled()
    dialog.yes.setValue(12)
    dialog.no.setValue(3)
    click(qtbot, ok_button(dialog))
    assert not dialog.isVisible()
    record = get_paper(demo_uow, "20/0311").resolution_record[0]
    assert record.result == "mehrheitlich beschlossen"
    assert record.text.startswith("Der Rat beschließt, dem Verein")
    assert record.text.endswith("Abstimmungsergebnis: 12 Ja, 3 Nein, 0 Enthaltungen")
    assert any(line.endswith("→ mehrheitlich beschlossen") for line in view.agenda_lines())


def printer_to(path: Path) -> Any:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_the_packet_and_a_protokollauszug_are_printed_page_for_page(
    view: Any, in_main_window: Any, demo_uow: UowFactory, tmp_path: Path
) -> None:
    from kimdesk.pdf.packet import PacketPdfRenderer
    from kimdesk.services import packets

    view.select("IR-2020-09-09")
    printed = tmp_path / "gedruckt.pdf"
    pages = view.print_packet(public=True, printer=printer_to(printed))
    told = in_main_window.statusBar().currentMessage()
    assert told == f"Öffentliche Mappe: {pages} Seiten an den Drucker geschickt."
    packet = PdfReader(
        io.BytesIO(packets.build_packet(demo_uow, PacketPdfRenderer(), "IR-2020-09-09", public=True))
    )
    assert pages == len(packet.pages) > 1
    out = PdfReader(printed)
    assert len(out.pages) == pages
    assert all(page.images for page in out.pages)  # every page carries the rendered packet page
    first = out.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) in ((595, 842), (596, 842))  # A4
    select_top(view, "TOP 4")
    extract = tmp_path / "auszug.pdf"
    assert view.print_extract(printer=printer_to(extract)) >= 1
    assert len(PdfReader(extract).pages) >= 1


def test_the_standard_agenda_and_the_ladungsfrist_are_set_in_the_view(
    qtbot: Any, view: Any, demo_uow: UowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QInputDialog

    from kimdesk.ui.standard_agenda_dialog import StandardAgendaDialog
    from tests.ui.conftest import type_text

    meeting = svc.create_meeting(demo_uow, "IR", datetime(2031, 5, 6, 17, tzinfo=BERLIN))
    view.reload(select=meeting.id)
    click(qtbot, view.standard_button)
    dialog = open_dialog(view, StandardAgendaDialog)
    assert dialog.text.toPlainText().splitlines()[:2] == [
        "Eröffnung der Sitzung",
        "Feststellung der Tagesordnung",
    ]
    dialog.text.clear()
    for number, line in enumerate(("Begrüßung", "[Vorlagen]", "Verschiedenes", "nö: Personalien")):
        if number:
            qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
        type_text(dialog.text, line)
    click(qtbot, ok_button(dialog))
    assert not dialog.isVisible()
    click(qtbot, view.standard_items_button)
    assert view.agenda_lines() == [
        "Öffentlicher Teil",
        "TOP 1  Begrüßung",
        "TOP 2  Verschiedenes",
        "Nichtöffentlicher Teil",
        "TOP 3  Personalien",
    ]
    # A free item below the current one, in its part.
    select_top(view, "TOP 1")
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a: ("Bericht des Vorsitzes", True))
    click(qtbot, view.free_button)
    assert view.agenda_lines()[2] == "TOP 2  Bericht des Vorsitzes"
    monkeypatch.setattr(QInputDialog, "getInt", lambda *_a: (14, True))
    click(qtbot, view.notice_button)
    assert "Einladung spätestens am 22.04.2031 (Ladungsfrist 14 Tage)." in view.heading.text()
