"""Vorlage numbers: reading a reference back into (year, number), and the list's sort key.

The list shows the newest Vorlage first by year and number, whatever the office's numbering scheme
("362/21" below "197/23", "SV-9-0010" above "SV-9-0009"); comparing the references as text does not.
"""

from __future__ import annotations

import re

_FIELD = re.compile(r"\{(yy|yyyy|n)(?::[^}]*)?\}")
_DIGITS = re.compile(r"\d+")
#: The number of an Ergänzungs-/Änderungsvorlage: the original's number, "-" and a running count.
_SUPPLEMENT = re.compile(r"(.+)-(\d{1,4})")
#: Digits of the number part of a sort key (a counter never reaches 10^12).
_NUMBER_DIGITS = 12
SORT_KEY_LENGTH = 4 + _NUMBER_DIGITS + 1 + 64


def parse_reference(
    numbering_format: str, reference: str, fallback_year: int | None
) -> tuple[int, int] | None:
    """(year, number) of a reference written in ``numbering_format``; None if it does not fit, or if
    the format has no year and the Vorlage's year (``fallback_year``) is not known."""
    pattern = _format_pattern(numbering_format)
    if pattern is None:
        return None
    match = pattern.fullmatch(reference.strip())
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("yyyy"):
        year = int(groups["yyyy"])
    elif groups.get("yy"):
        yy = int(groups["yy"])
        if fallback_year is None:
            year = 2000 + yy
        else:
            century = fallback_year - fallback_year % 100
            year = century + yy if fallback_year % 100 == yy else 2000 + yy
    elif fallback_year is None:
        return None
    else:
        year = fallback_year
    return year, int(groups["n"])


def reference_year(numbering_format: str, reference: str) -> int | None:
    """The year a reference written in ``numbering_format`` names ("362/21" → 2021); None if it names none."""
    parsed = parse_reference(numbering_format, reference, None)
    return None if parsed is None else parsed[0]


def year_and_number(numbering_format: str, reference: str, fallback_year: int | None) -> tuple[int, int]:
    """(year, number) for sorting: by the office's format, else the Vorlage's year and the last digits.

    A reference of another scheme ("SV-9-0001", typed or imported) still sorts by its running number
    within the Vorlage's year; one without digits sorts first in its year. A Vorlage whose year is not
    known (imported without a creation time, a number without a year) sorts below every known year.
    """
    parsed = parse_reference(numbering_format, reference, fallback_year)
    if parsed is not None:
        return parsed
    supplement = _SUPPLEMENT.fullmatch(reference.strip())
    if supplement is not None:  # "20/0270-1" sorts beside "20/0270"
        parsed = parse_reference(numbering_format, supplement.group(1), fallback_year)
        if parsed is not None:
            return parsed
    digits = _DIGITS.findall(reference)
    number = int(digits[-1][-_NUMBER_DIGITS:]) if digits else 0
    return (0 if fallback_year is None else fallback_year), number


def supplement_reference(original: str, taken: set[str]) -> str:
    """The next number of an Ergänzungs-/Änderungsvorlage to ``original``: "20/0270-1", "20/0270-2" …"""
    count = 1
    while f"{original}-{count}" in taken:
        count += 1
    return f"{original}-{count}"


def list_sort_key(numbering_format: str, reference: str, fallback_year: int | None) -> str:
    """A text that sorts like (year, number, reference): unique, since the reference is."""
    year, number = year_and_number(numbering_format, reference, fallback_year)
    year = min(max(year, 0), 9999)
    number = min(number, 10**_NUMBER_DIGITS - 1)
    return f"{year:04d}{number:0{_NUMBER_DIGITS}d} {reference}"


def _format_pattern(numbering_format: str) -> re.Pattern[str] | None:
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    for match in _FIELD.finditer(numbering_format):
        parts.append(re.escape(numbering_format[position : match.start()]))
        name = match.group(1)
        if name in seen:
            parts.append(r"\d+")
        else:
            seen.add(name)
            digits = {"yy": r"\d{2}", "yyyy": r"\d{4}", "n": r"\d+"}[name]
            parts.append(f"(?P<{name}>{digits})")
        position = match.end()
    parts.append(re.escape(numbering_format[position:]))
    if "n" not in seen:
        return None
    return re.compile("".join(parts))
