"""The door of the exchange import: what a hostile or broken file is refused for, each with its JSON path.

Before the schema: the file itself (a regular file, UTF-8, valid JSON, nested at most ``MAX_DEPTH`` levels;
an exchange file is read part by part by ``exchange_reader``, a file read whole is at most
``MAX_DOCUMENT_BYTES``) and every string and key in it (no NUL, no lone surrogate),
numbers too long to be a number, keys given twice. After the schema: what a pattern cannot say (real dates
and timestamps with offset in 1900–2200, posts ≤ 1.000, unique ids of modules and Mitzeichnungen across
the file, the Begründung's total length, numbers inside a Vorlage Nr.).
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from kimdesk.domain import limits
from kimdesk.domain.errors import KimdeskError, NotFoundError, Problem, ValidationError
from kimdesk.domain.funding.module import MAX_POSTS

_MAX_NUMBER_DIGITS = 20
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]', re.DOTALL)
JSON_MESSAGES = {
    "Expecting value": "ein Wert fehlt",
    "Expecting property name enclosed in double quotes": "Feldname in doppelten Anführungszeichen erwartet",
    "Expecting ':' delimiter": "„:“ erwartet",
    "Expecting ',' delimiter": "„,“ erwartet",
    "Extra data": "weitere Daten nach dem Ende",
    "Unterminated string starting at": "Zeichenkette ohne Ende",
    "Invalid control character at": "Steuerzeichen in einer Zeichenkette",
    "Invalid \\escape": "ungültige Escape-Sequenz",
    "Invalid \\uXXXX escape": "ungültige \\u-Escape-Sequenz",
}


class Unreadable:
    """Stands in for a JSON value that is no usable value (a 5000-digit number, NaN, a key given twice)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __repr__(self) -> str:
        return self.message


def json_path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def short(value: Any, width: int = 40) -> str:
    """A value for a message: never the whole 10 MB string."""
    text = repr(value)
    return text if len(text) <= width else f"{text[: width - 1]}…"


def _refuse(path: Path, what: str) -> ValidationError:
    return ValidationError(f"Importdatei {path}: {what} – nichts wurde geändert.", [Problem("$", what)])


def read_document(path: Path) -> Any:
    """The parsed file, or a German refusal naming the file (and where in it, if it is no valid JSON)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, "ist keine gewöhnliche Datei")
        if info.st_size > limits.MAX_DOCUMENT_BYTES:
            raise _refuse(path, f"ist größer als {limits.MAX_DOCUMENT_BYTES // 2**20} MB")
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFoundError(f"Importdatei {path} nicht gefunden.") from exc
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "ungültiger Dateiname"
        raise KimdeskError(f"Importdatei {path} kann nicht gelesen werden: {reason}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(path, f"ist nicht UTF-8-kodiert (Byte {exc.start + 1})") from exc
    deep = too_deep(text)
    if deep is not None:
        raise ValidationError(
            f"Importdatei {path}: mehr als {limits.MAX_DEPTH} Ebenen verschachtelt – nichts wurde geändert.",
            [Problem(deep, f"zu tief verschachtelt (höchstens {limits.MAX_DEPTH} Ebenen)")],
        )
    try:
        return json_decoder().decode(text)
    except json.JSONDecodeError as exc:
        message = next((de for en, de in JSON_MESSAGES.items() if exc.msg.startswith(en)), "ungültige Syntax")
        raise _refuse(
            path, f"ist kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno}: {message})"
        ) from exc


def json_decoder() -> json.JSONDecoder:
    """The standard decoder with the hooks that turn what is no usable value into :class:`Unreadable`."""
    return json.JSONDecoder(
        parse_int=_int,
        parse_float=_float,
        parse_constant=lambda name: Unreadable(f"{name} ist keine Zahl"),
        object_pairs_hook=_object,
    )


def _int(text: str) -> Any:
    if len(text.lstrip("-")) > _MAX_NUMBER_DIGITS:
        return Unreadable(f"Zahl mit {len(text)} Stellen ist zu groß")
    return int(text)


def _float(text: str) -> Any:
    value = float(text) if len(text) <= 2 * _MAX_NUMBER_DIGITS else float("inf")
    if value != value or value in (float("inf"), float("-inf")):
        return Unreadable(f"Zahl {text[:30]} ist zu groß")
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        out[key] = Unreadable("Feld kommt in diesem Objekt doppelt vor") if key in out else value
    return out


def too_deep(text: str) -> str | None:
    """Where ``text`` nests deeper than ``MAX_DEPTH`` (a JSON path), or None — found without recursion."""
    stack: list[list[Any]] = []
    pending = ""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            if len(stack) >= limits.MAX_DEPTH:
                return json_path(part for _, part in stack)
            stack.append(["arr", 0] if token == "[" else ["obj", ""])
        elif token in "]}":
            if stack:
                stack.pop()
        elif token == ",":
            if stack and stack[-1][0] == "arr":
                stack[-1][1] += 1
        elif token == ":":
            if stack:
                stack[-1][1] = pending
        else:
            pending = token[1:-1]
    return None


def walk(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every value with its path, depth first, iteratively (no recursion), at most MAX_DEPTH deep."""
    todo = [(path, value)]
    while todo:
        here, item = todo.pop()
        yield here, item
        if len(here) >= limits.MAX_DEPTH:
            continue
        if isinstance(item, dict):
            todo.extend(((*here, key), sub) for key, sub in reversed(list(item.items())))
        elif isinstance(item, list):
            todo.extend(((*here, index), sub) for index, sub in reversed(list(enumerate(item))))


def structure_problems(document: Any, base: tuple[Any, ...] = ()) -> list[Problem]:
    """Strings, keys and numbers that no field may hold, and nesting too deep — each with its path
    (``base``: where ``document`` is, for a part of a file)."""
    problems: list[Problem] = []
    for path, item in walk(document, base):
        if isinstance(item, str):
            message = limits.text_problem(item)
            if message:
                problems.append(Problem(json_path(path), message))
        elif isinstance(item, Unreadable):
            problems.append(Problem(json_path(path), item.message))
        elif isinstance(item, dict | list) and len(path) >= limits.MAX_DEPTH and item:
            problems.append(
                Problem(json_path(path), f"zu tief verschachtelt (höchstens {limits.MAX_DEPTH} Ebenen)")
            )
        if isinstance(item, dict):
            for key in item:
                message = limits.text_problem(key, limits.MAX_NAME) if isinstance(key, str) else "kein Text"
                if message:
                    problems.append(Problem(json_path(path), f"Feldname {short(key)} {message}"))
        if len(problems) >= 100:
            break
    return problems


def _timestamp_problem(text: str) -> str | None:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return f"{short(text)} ist kein Zeitpunkt (z. B. 2020-09-03T09:30:00+00:00)"
    if value.tzinfo is None or value.utcoffset() is None:
        return f"{short(text)} hat keine Zeitzone (z. B. +00:00)"
    return limits.year_problem(value)


def _date_problem(text: str) -> str | None:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return f"{short(text)} ist kein Datum (z. B. 2020-09-09)"
    return limits.year_problem(value)


_TIMESTAMPS = ("created", "modified", "signedAt")
_DATES = ("meetingDate", "dueDate", "validFrom")


def paper_problems(paper: dict[str, Any], where: str, child_ids: dict[str, str]) -> list[Problem]:
    """What the schema's patterns cannot say about one Vorlage that has passed the schema (``child_ids``:
    the ids of modules and Mitzeichnungen seen so far in the file, with their path)."""
    problems: list[Problem] = []
    for path, item in walk(paper):
        if path and isinstance(item, str) and path[-1] in _TIMESTAMPS + _DATES:
            check = _timestamp_problem if path[-1] in _TIMESTAMPS else _date_problem
            message = check(item)
            if message:
                problems.append(Problem(where + json_path(path)[1:], message))
    for digits in re.findall(r"\d+", paper["reference"]):
        if len(digits.lstrip("0")) > 6:
            problems.append(
                Problem(f"{where}.reference", f"Zahl {short(digits, 20)} ist zu groß (höchstens 6 Stellen)")
            )
    text = sum(len(s.get("text", "")) for b in paper.get("rationale", []) for s in _spans(b))
    if text > limits.MAX_RATIONALE:
        problems.append(
            Problem(
                f"{where}.rationale",
                f"Begründung ist zu lang: {text} Zeichen, höchstens {limits.MAX_RATIONALE}",
            )
        )
    for kind, items in (
        ("fundingModules", paper.get("fundingModules", [])),
        ("signOffs", paper.get("signOffs", [])),
    ):
        for j, item in enumerate(items):
            here = f"{where}.{kind}[{j}].id"
            if item["id"] in child_ids:
                problems.append(Problem(here, f"Kennung kommt doppelt vor (auch {child_ids[item['id']]})"))
            child_ids.setdefault(item["id"], here)
    for j, module in enumerate(paper.get("fundingModules", [])):
        posts = Decimal(module["posts"])
        if posts > MAX_POSTS:
            problems.append(
                Problem(f"{where}.fundingModules[{j}].posts", "höchstens 1000 Stellen je Fördermodul")
            )
        if module["endYear"] - module["startYear"] + 1 > limits.MAX_FUNDING_YEARS:
            message = f"höchstens {limits.MAX_FUNDING_YEARS} Jahre Förderzeitraum"
            problems.append(Problem(f"{where}.fundingModules[{j}].endYear", message))
    return problems


def _spans(block: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from block.get("spans", [])
    for item in block.get("items", []):
        yield from item
    for row in block.get("rows", []):
        for cell in row:
            yield from cell
