"""The form's Qt-free rules: which section shows a problem, in which order, and why a form is locked."""

from __future__ import annotations

from kimdesk.domain.errors import Problem
from kimdesk.domain.model import Paper, PaperStatus
from kimdesk.l10n.i18n import set_language
from kimdesk.services.paper_form import heading_text, lock_text, problems_by_section, section_of


def test_each_problem_lands_in_the_section_of_its_field() -> None:
    assert section_of(Problem("Beratungsfolge, Zeile 2", "Gremium fehlt")) == "head"
    assert section_of(Problem("Haushaltsmittel stehen", "fehlt")) == "finance"
    assert section_of(Problem("Fördermodul 1", "Stellen fehlen")) == "funding"
    assert section_of(Problem("Wesentliche klimarelevante Auswirkungen", "fehlt")) == "climate"
    assert section_of(Problem("Zahl der erforderlichen Protokollauszüge", "keine Zahl")) == "sign_offs"
    assert section_of(Problem("Beschlussentwurf", "fehlt")) == "resolution"
    assert section_of(Problem("Unbekanntes Feld", "x")) == "head"


def test_messages_follow_the_form_order_widget_messages_first() -> None:
    grouped = problems_by_section(
        {"finance": ["Aufwendungen: mehrdeutig"], "title": []},
        [
            Problem("Beschlussentwurf", "fehlt"),
            Problem("Betrifft", "fehlt"),
            Problem("Haushaltsmittel stehen", "fehlt"),
        ],
    )
    assert list(grouped) == ["title", "finance", "resolution"]
    assert grouped["finance"] == ["Aufwendungen: mehrdeutig", "Haushaltsmittel stehen: fehlt"]


def test_heading_and_lock_reason_in_german() -> None:
    set_language("de")
    draft = Paper(title="x", reference="20/0270")
    assert heading_text(draft) == "Vorlage Nr. 20/0270 – Entwurf"
    assert lock_text(draft, database_read_only=False) is None
    assert lock_text(draft, database_read_only=True) == "Nur lesen: die Datenbank ist schreibgeschützt."
    draft.status = PaperStatus.RELEASED
    reason = lock_text(draft, database_read_only=True)
    assert reason is not None and "kann nicht mehr geändert werden" in reason
