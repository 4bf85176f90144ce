"""Limits no real Vorlage reaches, and the text every field must be — checked at every door.

The same numbers bound the exchange import (``resources/schema/kimdesk-exchange-1.schema.json`` and
``docs/EXCHANGE.md`` state them), the command line and the GUI's fields. A Vorlage within them renders
to PDF in seconds (``bench/bench_limits.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from kimdesk.domain.errors import Problem
from kimdesk.domain.model import Paper

#: Betrifft (title).
MAX_TITLE = 1_000
#: Vorlage Nr.
MAX_REFERENCE = 40
#: Names, labels, short names, functions, account names, role keys.
MAX_NAME = 500
#: Beratungsfolge TOP, one-line fields.
MAX_SHORT = 500
#: Notes, remarks.
MAX_NOTE = 2_000
#: Beschlussentwurf, climate text, each Beschlussvermerk text.
MAX_LONG_TEXT = 20_000
#: Begründung: all its text together, and its number of blocks / list items / spans.
MAX_RATIONALE = 100_000
MAX_BLOCKS = 500
MAX_ITEMS = 200
MAX_SPANS = 500
MAX_TABLE_ROWS = 1_000
MAX_TABLE_COLUMNS = 50
#: List lengths of one Vorlage.
MAX_CONSULTATIONS = 30
MAX_FUNDING_MODULES = 20
MAX_SIGN_OFFS = 50
MAX_RESOLUTIONS = 30
MAX_RELATED_PAPERS = 50
#: Years of one funding module (KIM periods run three years; every year is a row of the PDF's table).
MAX_FUNDING_YEARS = 10
MAX_MINUTES_EXTRACTS = 2_147_483_647  # the database column (INTEGER)
#: One exchange file: read part by part, so these bound the work, not the memory; one part (a Vorlage, an
#: Anlage's entry, a Fassung, the organizations …) is read whole and bounds the memory.
MAX_FILE_BYTES = 64 * 1024**3
MAX_ENTRY_BYTES = 16 * 1024**2
MAX_PAPERS = 1_000_000
MAX_ATTACHMENTS = 10_000_000
MAX_VERSIONS = 20_000_000
#: A JSON file read whole (a form profile).
MAX_DOCUMENT_BYTES = 64 * 1024**2
MAX_MASTER_RECORDS = 5_000
MAX_DEPTH = 20
#: Dates and timestamps anywhere.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
#: One command-line argument.
MAX_ARGUMENT = 10_000

#: What no database stores: NUL (PostgreSQL refuses it) and lone surrogates (no UTF-8 for them).
#: Other control characters (a pasted vertical tab from Word) are text like any other.
_BAD_CHAR = re.compile("[\x00\ud800-\udfff]")


def text_problem(value: str, limit: int | None = None) -> str | None:
    """Why ``value`` cannot be stored as text (NUL, lone surrogate, too long), or None."""
    match = _BAD_CHAR.search(value)
    if match is not None:
        char = match.group()
        position = match.start() + 1
        if char == "\x00":
            return f"enthält ein Nullzeichen (Zeichen {position}) – das ist kein Text"
        if "\ud800" <= char <= "\udfff":
            return (
                f"enthält ein ungültiges Zeichen (halbes Unicode-Ersatzpaar U+{ord(char):04X} "
                f"an Stelle {position})"
            )
        return f"enthält ein ungültiges Zeichen (U+{ord(char):04X} an Stelle {position})"
    if limit is not None and len(value) > limit:
        return f"ist zu lang: {grouped(len(value))} Zeichen, höchstens {grouped(limit)}"
    return None


def grouped(value: int) -> str:
    """German thousands separator: 1.000."""
    return f"{value:,}".replace(",", ".")


def year_problem(value: date | datetime) -> str | None:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return f"Jahr {value.year} liegt nicht zwischen {EARLIEST_YEAR} und {LATEST_YEAR}"
    return None


def _paper_texts(paper: Paper) -> Iterator[tuple[str, str, int | None]]:
    yield "Vorlage Nr.", paper.reference, MAX_REFERENCE
    yield "Betrifft", paper.title, MAX_TITLE
    yield "Aktenzeichen", paper.file_number, MAX_SHORT
    for related in paper.related_papers:
        yield "Bezugsvorlagen", related.reference, MAX_REFERENCE
    yield "Beschlussentwurf", paper.draft_resolution.plain_text(), MAX_LONG_TEXT
    yield "Klimarelevante Auswirkungen", paper.climate_text, MAX_LONG_TEXT
    yield "Begründung", paper.rationale.plain_text(), MAX_RATIONALE
    yield "Unterschrift, Überschrift", paper.signature.heading, MAX_NAME
    yield "Unterschrift, Name", paper.signature.name, MAX_NAME
    yield "Unterschrift, Funktion", paper.signature.function, MAX_NAME
    for number, c in enumerate(paper.consultations, start=1):
        yield f"Beratungsfolge, Zeile {number}, TOP", c.agenda_item, MAX_SHORT
    for number, m in enumerate(paper.funding_modules, start=1):
        yield f"Fördermodul {number}, Bemerkung", m.notes, MAX_NOTE
    for number, r in enumerate(paper.resolution_record, start=1):
        yield f"Beschlussvermerk {number}", r.text, MAX_LONG_TEXT


def paper_limit_problems(paper: Paper) -> list[Problem]:
    """What in a Vorlage no office would write and no PDF could set in seconds — blocks every save."""
    problems = []
    for label, value, limit in _paper_texts(paper):
        message = text_problem(value, limit)
        if message:
            problems.append(Problem(label, message))
    for label, count, limit in (
        ("Begründung (Absätze)", len(paper.rationale.blocks), MAX_BLOCKS),
        ("Beschlussentwurf (Absätze)", len(paper.draft_resolution.blocks), MAX_BLOCKS),
        ("Beratungsfolge", len(paper.consultations), MAX_CONSULTATIONS),
        ("Fördermodule", len(paper.funding_modules), MAX_FUNDING_MODULES),
        ("Mitzeichnungen", len(paper.sign_offs), MAX_SIGN_OFFS),
        ("Beschlussvermerk", len(paper.resolution_record), MAX_RESOLUTIONS),
        ("Bezugsvorlagen", len(paper.related_papers), MAX_RELATED_PAPERS),
    ):
        if count > limit:
            problems.append(Problem(label, f"zu viele Einträge: {count}, höchstens {limit}"))
    tables = [b for b in paper.rationale.blocks if b.is_table]
    for number, table in enumerate(tables, start=1):
        for what, count, limit in (
            ("Zeilen", len(table.rows), MAX_TABLE_ROWS),
            ("Spalten", max((len(row) for row in table.rows), default=0), MAX_TABLE_COLUMNS),
        ):
            if count > limit:
                problems.append(
                    Problem(f"Begründung, Tabelle {number}", f"zu viele {what}: {count}, höchstens {limit}")
                )
    for number, module in enumerate(paper.funding_modules, start=1):
        if module.end_year - module.start_year + 1 > MAX_FUNDING_YEARS:
            problems.append(
                Problem(f"Fördermodul {number}, Förderzeitraum", f"höchstens {MAX_FUNDING_YEARS} Jahre")
            )
    if paper.minutes_extracts is not None and paper.minutes_extracts > MAX_MINUTES_EXTRACTS:
        problems.append(
            Problem("Zahl der erforderlichen Protokollauszüge", f"höchstens {MAX_MINUTES_EXTRACTS}")
        )
    return problems
