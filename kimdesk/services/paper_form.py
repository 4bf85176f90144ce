"""Qt-free rules of the Vorlage form: its sections, where a problem is shown, heading and lock texts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from kimdesk.domain.errors import Problem
from kimdesk.domain.model import FinanceRow, Paper
from kimdesk.domain.validation import FIELD_BUDGET, FIELD_CLIMATE, FIELD_FINANCE
from kimdesk.l10n.formatting import format_date, format_datetime, format_money
from kimdesk.l10n.i18n import N_, _
from kimdesk.services.cells import Row, plain_row

#: The form's sections in the order of the paper form: (key, untranslated title).
SECTIONS = (
    ("head", N_("Kopf")),
    ("title", N_("Betrifft")),
    ("rationale", N_("Begründung")),
    ("finance", N_("Finanzielle Auswirkungen")),
    ("funding", N_("Fördermodule")),
    ("climate", N_("Wesentliche klimarelevante Auswirkungen")),
    ("resolution", N_("Beschlussentwurf")),
    ("signature", N_("Unterschrift")),
    ("attachments", N_("Anlagen")),
    ("sign_offs", N_("Mitzeichnungen")),
    ("record", N_("Beschlussvermerk")),
)
_FINANCE_WORDS = tuple(row.label for row in FinanceRow if row.parent is None)


def section_of(problem: Problem) -> str:
    """Which section of the form a validation problem belongs to."""
    name = problem.field
    if name.startswith(("Federführendes Amt", "Beratungsfolge")):
        return "head"
    if name in (FIELD_FINANCE, FIELD_BUDGET) or name.startswith(_FINANCE_WORDS):
        return "finance"
    if name.startswith("Fördermodul"):
        return "funding"
    if name == FIELD_CLIMATE:
        return "climate"
    if name == "Zahl der erforderlichen Protokollauszüge":
        return "sign_offs"
    for key, title in SECTIONS:
        if name.startswith(title):
            return key
    return "head"


def problems_by_section(
    widget_problems: dict[str, list[str]], problems: list[Problem]
) -> dict[str, list[str]]:
    """Every message per section, in the form's order: the widgets' own first, then validation's."""
    found: dict[str, list[str]] = {key: list(msgs) for key, msgs in widget_problems.items()}
    said = [message for messages in widget_problems.values() for message in messages]
    for problem in problems:
        if _said_already(problem, said):
            continue
        found.setdefault(section_of(problem), []).append(str(problem))
    return {key: found[key] for key, _title in SECTIONS if found.get(key)}


def _said_already(problem: Problem, widget_messages: list[str]) -> bool:
    """A name typed that is not in the master data is reported as such, not also as "fehlt"."""
    if problem.field == "Federführendes Amt":
        return any(m.startswith(f"{_('Federführendes Amt')}:") for m in widget_messages)
    if problem.field.startswith("Beratungsfolge, Zeile") and problem.message == "Gremium fehlt":
        where = _("Beratungsfolge, Zeile {n}").format(n=problem.field.rsplit(" ", 1)[-1])
        return any(m.startswith(f"{where}: {_('Gremium')} „") for m in widget_messages)
    return False


def heading_text(paper: Paper) -> str:
    return _("Vorlage Nr. {reference} – {status}").format(
        reference=paper.reference or "–", status=_(paper.status.label)
    )


def dates_text(paper: Paper) -> str:
    """When the Vorlage was created and last changed; „unbekannt“ for a time not known (an import from
    a system that did not record it: nothing is invented); and its state in that system, if it gave one."""
    unknown = _("unbekannt")
    text = _("Angelegt: {created} · Zuletzt geändert: {modified}").format(
        created=format_datetime(paper.created_at) if paper.created_at else unknown,
        modified=format_datetime(paper.modified_at) if paper.modified_at else unknown,
    )
    if paper.source_status:
        text += " · " + _("Status im Herkunftssystem: {status}").format(status=paper.source_status)
    return text


def lock_text(paper: Paper, database_read_only: bool) -> str | None:
    """Why the form is read-only, or None when it can be edited."""
    if paper.is_locked:
        return _(
            "Diese Vorlage ist „{status}“ und kann nicht mehr geändert werden. "
            "Zum Ändern muss sie erst in den Entwurf zurückgenommen werden."
        ).format(status=_(paper.status.label))
    if database_read_only:
        return _("Nur lesen: die Datenbank ist schreibgeschützt.")
    return None


def prepare_formatting() -> None:
    """Load Babel's locale data (tens of ms on first use), e.g. on a worker thread before the first open."""
    format_date(date.today())
    format_money(Decimal("1"))
    format_datetime(datetime.now(UTC))


def record_rows(paper: Paper) -> list[Row]:
    """The Beschlussvermerk table: body, meeting date, public part or not, result, decision text."""
    return [
        plain_row(
            entry.committee_name,
            format_date(entry.meeting_date),
            _("nicht öffentlich") if entry.non_public else _("öffentlich"),
            entry.result,
            entry.text,
        )
        for entry in paper.resolution_record
    ]
