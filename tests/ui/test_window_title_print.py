"""The main window names the open Vorlage, counts in the right number, returns to where the clerk came
from when a tab closes, prints the Vorlage (Datei → Drucken …, Strg+P), and refuses to delete a Vorlage
that stands on an agenda before asking anything."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kimdesk.services import meetings as svc
from tests.demo_data import demo_id

SEED = demo_id("paper:20/0270")


@pytest.fixture
def full_window(make_window: Any, demo_app: Any) -> Any:
    from kimdesk.services.demo import load_full_demo

    load_full_demo(demo_app.uow_factory)
    return make_window()


def test_the_title_names_the_open_vorlage_and_closing_returns_to_the_list(window: Any) -> None:
    assert window.windowTitle() == "Vorlagen – kimdesk"
    page = window.open_paper(SEED)
    assert window.windowTitle() == f"20/0270 – {page.editor.base.title} – kimdesk"
    assert page.editor.base.title and "kimdesk" not in page.editor.base.title
    window.menu.meetings_action.trigger()
    assert window.windowTitle() == "Sitzungen – kimdesk"
    window.tabs.setCurrentWidget(page)
    window.menu.close_tab_action.trigger()  # Datei → Tab schließen
    assert window.pages() == []
    assert window.tabs.currentWidget() is window.list_page  # not the neighbouring "Sitzungen"
    assert window.windowTitle() == "Vorlagen – kimdesk"


def test_a_vorlage_opened_from_the_agenda_returns_to_the_meetings_when_closed(full_window: Any) -> None:
    window = full_window
    window.menu.meetings_action.trigger()
    view = window.meetings_view
    view.select("IR-2020-09-09")
    lines = view.agenda_lines()
    view.agenda.setCurrentRow(next(i for i, t in enumerate(lines) if t.startswith("TOP 4")))
    view.agenda.itemActivated.emit(view.agenda.currentItem())  # Enter / double click
    page = window.current_page()
    assert page is not None and page.editor.base.reference == "20/0270"
    window.menu.close_tab_action.trigger()
    assert window.tabs.currentWidget() is view


def test_the_count_says_1_vorlage_and_2_vorlagen(window: Any, qtbot: Any) -> None:
    page = window.list_page
    page.search.setText("20/0270")
    page.apply_query()
    qtbot.waitUntil(lambda: page.count_label.text() == "1 Vorlage", timeout=10000)
    page.search.setText("")
    page.apply_query()
    qtbot.waitUntil(lambda: page.count_label.text().endswith(" Vorlagen"), timeout=10000)
    assert page.count_label.text() != "1 Vorlagen"


def test_print_sends_every_page_of_the_vorlage_to_the_printer(window: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtPrintSupport import QPrinter

    assert window.menu.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.menu.print_action.shortcut().toString() == "Ctrl+P"
    window.list_page.select_reference("20/0270")
    window._update_actions()
    assert window.menu.print_action.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "gedruckt.pdf"
    printer.setOutputFileName(str(target))
    pages = window.print_current(printer)  # opens the selected Vorlage, then prints it
    page = window.current_page()
    assert page is not None and page.editor.base.reference == "20/0270"
    expected = PdfReader(
        io.BytesIO(page.context.renderer().render_paper(page.editor.paper(), page.preview.office))
    )
    printed = PdfReader(target)
    assert pages == len(expected.pages) == len(printed.pages) >= 1
    assert all(p.images for p in printed.pages)
    told = window.statusBar().currentMessage()  # the only sign of a print job in the program
    assert told == (
        "Vorlage 20/0270: 1 Seite an den Drucker geschickt."
        if pages == 1
        else f"Vorlage 20/0270: {pages} Seiten an den Drucker geschickt."
    )


def test_deleting_a_vorlage_on_an_agenda_names_meeting_and_top_before_asking(
    full_window: Any, demo_app: Any, answers: dict[str, Any]
) -> None:
    svc.add_to_agenda(demo_app.uow_factory, "IR-2020-11-04", reference="20/0340")
    window = full_window
    window.list_page.select_reference("20/0340")
    window._update_actions()
    window.menu.delete_action.trigger()
    [(kind, title, text)] = answers["shown"]
    assert (kind, title) == ("warn", "Löschen nicht möglich")
    assert "Sitzung des Integrationsrates am 04.11.2020 (TOP 3)" in text
    assert "von der Tagesordnung nehmen" in text
    assert svc.get_meeting(demo_app.uow_factory, "IR-2020-11-04").items[-1].paper_id == demo_id(
        "paper:20/0340"
    )
