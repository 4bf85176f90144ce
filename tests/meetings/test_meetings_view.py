"""The meetings view (offscreen): meetings per Gremium, agenda editing, results, packet export off-thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kimdesk.domain.meeting import AgendaResult
from kimdesk.services.meetings import get_meeting
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
    monkeypatch.setattr(dialogs, "confirm", lambda _p, title, text: True)
    return messages


@pytest.fixture
def view(qtbot: Any, demo_uow: UowFactory, shown: list[tuple[str, str]]) -> Any:
    from kimdesk.pdf.packet import PacketPdfRenderer
    from kimdesk.ui.meetings_view import MeetingsView

    widget = MeetingsView(demo_uow, PacketPdfRenderer)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def test_meetings_are_listed_and_the_agenda_shows_parts_numbers_and_results(view: Any) -> None:
    assert view.meetings.count() == 2
    view.select("IR-2020-09-09")
    lines = view.agenda_lines()
    assert lines[0] == "Öffentlicher Teil"
    assert "TOP 4  Kommunales Integrationsmanagement  [20/0270]  → zur Kenntnis genommen" in lines
    assert lines.index("Nichtöffentlicher Teil") < next(
        i for i, t in enumerate(lines) if t.startswith("TOP 7")
    )
    view.committee.setCurrentIndex(view.committee.findText("Rat"))
    assert view.meetings.count() == 0 and view.heading.text() == "Keine Sitzung ausgewählt."


def test_editing_the_agenda_moves_items_and_keeps_the_vorlagen_in_step(
    view: Any, demo_uow: UowFactory
) -> None:
    view.select("IR-2020-11-04")
    view.add_candidate("20/0325")
    assert view.agenda_lines()[-1].startswith("TOP 3  Bericht über die Arbeit")
    view.agenda.setCurrentRow(3)
    view.move_current(-2)
    assert view.agenda_lines()[1].startswith("TOP 1  Bericht über die Arbeit")
    assert get_paper(demo_uow, "20/0325").consultations[0].agenda_item == "1"
    view.agenda.setCurrentRow(1)
    view.toggle_public()
    assert view.agenda_lines()[-2:] == ["Nichtöffentlicher Teil", view.agenda_lines()[-1]]
    assert view.agenda_lines()[-1].startswith("TOP 3  Bericht über die Arbeit")
    view.remove_current()
    assert not any("Bericht über die Arbeit" in line for line in view.agenda_lines())


def test_dragging_a_top_reorders_the_agenda(qtbot: Any, view: Any, demo_uow: UowFactory) -> None:
    view.select("IR-2020-11-04")
    # Simulate the drop of row 2 (TOP 2) before row 1 (TOP 1), as the list widget does it.
    model = view.agenda.model()
    assert model.moveRow(model.index(-1, 0).parent(), 2, model.index(-1, 0).parent(), 1)
    qtbot.waitUntil(lambda: view.agenda_lines()[1].startswith("TOP 1  Zuschuss"), timeout=5000)
    assert get_meeting(demo_uow, "IR-2020-11-04").items[0].title.startswith("Zuschuss")


def test_result_entry_fills_the_beschlussvermerk(view: Any, demo_uow: UowFactory) -> None:
    view.select("IR-2020-11-04")
    view.enter_result("2", AgendaResult.MAJORITY, "Empfehlung an den Rat.")
    assert get_paper(demo_uow, "20/0311").resolution_record[0].result == "mehrheitlich beschlossen"
    assert any("→ mehrheitlich beschlossen" in line for line in view.agenda_lines())


def test_packet_export_runs_off_the_gui_thread_with_progress(
    qtbot: Any, view: Any, tmp_path: Path, shown: list[tuple[str, str]]
) -> None:
    view.select("IR-2020-09-09")
    target = tmp_path / "mappe.pdf"
    view.export_packet(public=True, path=target)
    dialog = view.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: ("Sitzungsmappe", f"Gespeichert: {target}") in shown, timeout=30000)
    pages = len(PdfReader(target).pages)
    # The dialog counted pages (its last text stays after it closed).
    assert dialog.labelText() == f"Sitzungsmappe wird erstellt … Seite {pages} von {pages}"
    assert target.read_bytes().startswith(b"%PDF-")
    assert view.progress_dialog is None


def test_packet_export_names_an_anlage_it_could_not_insert(
    qtbot: Any, view: Any, demo_uow: UowFactory, tmp_path: Path, shown: list[tuple[str, str]]
) -> None:
    from kimdesk.domain.attachment import Attachment

    with demo_uow() as uow:  # stored before kimdesk checked Anlagen: not a PDF at all
        paper = uow.papers.get_by_reference("20/0270")
        uow.attachments.add(Attachment(paper.id, "Brief.pdf", 29), [b"Sehr geehrte Damen und Herren"])
        uow.commit()
    view.select("IR-2020-09-09")
    target = tmp_path / "mappe.pdf"
    view.export_packet(public=False, path=target)
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    [(title, text)] = shown
    assert title == "Sitzungsmappe" and text.startswith(f"Gespeichert: {target}\n\n")
    assert "TOP 4 (Vorlage 20/0270), Anlage 1 „Brief.pdf“ konnte nicht eingefügt werden" in text
    assert "Traceback" not in text and "Error" not in text
    assert target.read_bytes().startswith(b"%PDF-")
