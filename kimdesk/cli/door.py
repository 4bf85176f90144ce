"""The command line's door: every argument checked before a command runs, each usage error one German line.

Each value-taking argument is checked as text first (no NUL, no undecodable bytes, at most
``MAX_ARGUMENT`` characters) and then converted; numbers are bounded where they are declared
(:func:`whole_number`). argparse's own English messages are translated.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from datetime import time as clock
from typing import Any, NoReturn

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.limits import MAX_ARGUMENT, text_problem, year_problem

_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.*)"), r"Angabe fehlt: \1"),
    (re.compile(r"one of the arguments (.*) is required"), r"eine dieser Angaben fehlt: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"unbekannte Angabe(n): \1"),
    (
        re.compile(r"argument (.*?): invalid choice: (.*) \(choose from (.*)\)"),
        r"\1: \2 gibt es nicht (möglich: \3)",
    ),
    (re.compile(r"argument (.*?): invalid (\w+) value: (.*)"), r"\1: \3 ist kein gültiger Wert"),
    (re.compile(r"argument (.*?): expected one argument"), r"\1: ein Wert fehlt"),
    (re.compile(r"argument (.*?): expected at most one argument"), r"\1: höchstens ein Wert"),
    (re.compile(r"argument (.*?): expected at least one argument"), r"\1: mindestens ein Wert"),
    (re.compile(r"argument (.*?): not allowed with argument (.*)"), r"\1: nicht zusammen mit \2"),
    (re.compile(r"argument (.*?): ignored explicit argument (.*)"), r"\1: \2 ist hier nicht erlaubt"),
    (re.compile(r"ambiguous option: (.*) could match (.*)"), r"\1 ist mehrdeutig (\2)"),
    (re.compile(r"argument (.*?): (.*)"), r"\1: \2"),
]


def german(message: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        if pattern.fullmatch(message):
            return pattern.sub(replacement, message)
    return message


def checked(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """``convert`` behind the text check; its ValueError becomes a German message (argparse names the
    argument: "NR: …", "--year: …")."""

    def check(text: str) -> Any:
        problem = text_problem(text, MAX_ARGUMENT)
        if problem:
            raise argparse.ArgumentTypeError(problem)
        try:
            return convert(text)
        except (ValueError, TypeError, OverflowError) as exc:
            raise argparse.ArgumentTypeError(f"„{text[:40]}“ ist kein gültiger Wert") from exc

    check.__name__ = getattr(convert, "__name__", "check")
    return check


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An integer argument from ``low`` to ``high`` (so no 10^20 reaches a database INTEGER)."""

    def convert(text: str) -> int:
        if not re.fullmatch(r"\s*-?\d{1,12}\s*", text):
            raise argparse.ArgumentTypeError(f"ist keine ganze Zahl von {low} bis {high}")
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"liegt nicht zwischen {low} und {high}")
        return value

    convert.__name__ = "ganze Zahl"
    return convert


def seconds(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 86_400:
        raise argparse.ArgumentTypeError("liegt nicht zwischen 0 und 86400 Sekunden")
    return value


class Parser(argparse.ArgumentParser):
    """argparse with the door: checked argument values and one German line on every usage error."""

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("action") in (None, "store", "append") and kwargs.get("nargs") != 0:
            kwargs["type"] = checked(kwargs.get("type") or str)
        return super().add_argument(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {german(message)} (Hilfe: {self.prog} --help)\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


def parse_day(text: str, field: str = "Datum") -> date:
    """A date as clerks write it (09.09.2020, 2020-09-09, 09.09.20), in the years kimdesk keeps."""
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            day = datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
        problem = year_problem(day)
        if problem:
            raise ValidationError(f"{field}: „{text}“ – {problem}.")
        return day
    raise ValidationError(f"{field}: „{text}“ ist kein Datum wie 09.09.2020.")


def parse_clock(text: str, field: str = "Beginn") -> clock:
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?:\s*Uhr)?", text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValidationError(f"{field}: „{text}“ ist keine Uhrzeit wie 17:00.")
    return clock(int(match[1]), int(match[2]))
