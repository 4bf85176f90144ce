"""With English chosen in the settings, the Sitzungsdienst's meetings view speaks English too."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from kimdesk.domain.consultations import AgendaCandidate
from kimdesk.domain.meeting import AGENDA_RESULT_LABELS, MEETING_STATE_LABELS
from kimdesk.l10n import i18n
from kimdesk.services.papers import get_paper
from tests.qt import require_qt_widgets

require_qt_widgets()
pytestmark = pytest.mark.gui
UowFactory = Callable[[], Any]


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("de")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    from kimdesk.ui import dialogs

    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "inform", lambda _p, title, text: messages.append((title, text)))
    monkeypatch.setattr(dialogs, "warn", lambda _p, title, text: messages.append((title, text)))
    monkeypatch.setattr(dialogs, "confirm", lambda _p, title, text: messages.append((title, text)) or True)
    return messages


@pytest.fixture
def view(qtbot: Any, english: None, demo_uow: UowFactory, shown: list[tuple[str, str]]) -> Any:
    from kimdesk.pdf.packet import PacketPdfRenderer
    from kimdesk.ui.meetings_view import MeetingsView

    widget = MeetingsView(demo_uow, PacketPdfRenderer)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def test_buttons_headings_and_agenda_are_english(view: Any) -> None:
    buttons = [
        view.add_button,
        view.public_button,
        view.remove_button,
        view.result_button,
        view.packet_button,
        view.public_packet_button,
    ]
    assert [b.text() for b in buttons] == [
        "Add paper …",
        "Public/non-public",
        "Remove",
        "Result …",
        "Session packet …",
        "Public packet …",
    ]
    assert view.up_button.toolTip() == "Move item up"
    assert view.committee.itemText(0) == "All committees"
    view.select("IR-2020-09-09")
    heading = view.heading.text()
    assert heading.startswith("<b>Meeting of the Integrationsrat</b> on 09.09.2020, ")
    assert heading.count(" – held") == 1 and " Uhr" not in heading
    assert any(view.meetings.item(r).text().endswith(" – held") for r in range(view.meetings.count()))
    lines = view.agenda_lines()
    assert lines[0] == "Public part" and "Non-public part" in lines
    assert "Item 4  Kommunales Integrationsmanagement  [20/0270]  → noted" in lines
    assert not any(line.startswith("TOP") for line in lines)
    view.committee.setCurrentIndex(view.committee.findText("Rat"))
    assert view.heading.text() == "No meeting selected."


def test_dialogs_and_the_result_choice_are_english(
    view: Any, demo_uow: UowFactory, shown: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:

    view.select("IR-2020-11-04")
    lines = view.agenda_lines()
    view.agenda.setCurrentRow(lines.index(next(t for t in lines if t.startswith("Item 2"))))
    dialog = view.choose_result()
    assert dialog.windowTitle() == "Result – Item 2"
    offered = [dialog.result_choice.itemText(i) for i in range(dialog.result_choice.count())]
    assert "withdrawn from the agenda" in offered
    dialog.result_choice.setCurrentIndex(offered.index("adopted by majority"))
    dialog.text.setPlainText("Empfehlung an den Rat.")
    dialog.accept()
    # The English label picked the right result; the Vorlage's record keeps the German domain text.
    assert get_paper(demo_uow, "20/0311").resolution_record[0].result == "mehrheitlich beschlossen"
    assert any(line.endswith("→ adopted by majority") for line in view.agenda_lines())
    view.agenda.setCurrentRow(1)
    view.remove_current()
    assert ("Agenda", "Take this item off the agenda?") in shown


def test_packet_progress_and_message_are_english(
    qtbot: Any, view: Any, tmp_path: Path, shown: list[tuple[str, str]]
) -> None:
    view.select("IR-2020-09-09")
    target = tmp_path / "packet.pdf"
    view.export_packet(public=True, path=target)
    assert view.progress_dialog is not None
    assert view.progress_dialog.windowTitle() == "Session packet"
    assert view.progress_dialog.labelText() == "Creating the session packet …"
    qtbot.waitUntil(lambda: ("Session packet", f"Saved: {target}") in shown, timeout=30000)


def test_every_domain_label_the_view_shows_has_an_english_text(english: None) -> None:
    from kimdesk.ui.meetings_view import DOMAIN_LABELS

    labels = {*MEETING_STATE_LABELS.values(), *AGENDA_RESULT_LABELS.values()}
    marks = {AgendaCandidate.mark.fget(SimpleNamespace(released=False))}  # type: ignore[attr-defined]
    assert labels | marks <= set(DOMAIN_LABELS)
    untranslated = [label for label in DOMAIN_LABELS if i18n._(label) == label]
    assert untranslated == []
