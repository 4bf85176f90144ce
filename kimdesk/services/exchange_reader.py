"""Reading an exchange file part by part: the small parts whole, the long arrays entry by entry.

A file of a million Vorlagen is never in memory at once: the text is decoded a chunk at a time and each
entry of ``papers``, ``attachments`` and ``versions`` is parsed on its own with the standard library's
decoder (``raw_decode``), with the same hooks as a whole file (``exchange_guard``: NaN, huge numbers, keys
given twice), so every problem keeps its German message, its JSON path and, for broken JSON, its line and
column. One entry, or one small part, may be at most ``MAX_ENTRY_BYTES`` long.
"""

from __future__ import annotations

import codecs
import json
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kimdesk.domain import limits
from kimdesk.domain.errors import KimdeskError, NotFoundError, Problem, ValidationError
from kimdesk.l10n.i18n import _
from kimdesk.services.exchange_guard import (
    JSON_MESSAGES,
    Unreadable,
    json_decoder,
    json_path,
    too_deep,
)

#: The top-level arrays read entry by entry; every other part is read whole.
LONG_ARRAYS = ("papers", "attachments", "versions")
_CHUNK = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")
#: A value cut off by the window's end fails within this many characters of it (strings aside).
_CUT_OFF = 16


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of the document: a top-level field's whole value (``index`` None; a long array is
    announced as ``[]`` before its entries), or one entry of a long array. ``key`` None: the document
    itself, which is no object."""

    key: str | None
    value: Any
    index: int | None = None


#: Each call reads the document from its start again.
Source = Callable[[], Iterator[Part]]


def document_source(document: Any) -> Source:
    """A document already in memory, in the same parts as a file gives them."""

    def parts() -> Iterator[Part]:
        if not isinstance(document, dict):
            yield Part(None, document)
            return
        for key, value in document.items():
            if key in LONG_ARRAYS and isinstance(value, list):
                yield Part(key, [])
                for index, entry in enumerate(value):
                    yield Part(key, entry, index)
            else:
                yield Part(key, value)

    return parts


def file_source(path: Path) -> Source:
    """The file at ``path``, checked at once to be a readable regular file of at most ``MAX_FILE_BYTES``."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise NotFoundError(f"Importdatei {path} nicht gefunden.") from exc
    except (OSError, ValueError) as exc:
        raise _unreadable(path, exc) from exc
    if not stat.S_ISREG(info.st_mode):
        raise refuse(path, "ist keine gewöhnliche Datei")
    if info.st_size > limits.MAX_FILE_BYTES:
        raise refuse(path, _("ist größer als {size} GB").format(size=limits.MAX_FILE_BYTES // 2**30))

    def parts() -> Iterator[Part]:
        try:
            handle = path.open("rb")
        except (OSError, ValueError) as exc:
            raise _unreadable(path, exc) from exc
        with handle:
            yield from _Reader(handle, path).parts()

    return parts


def refuse(path: Path, what: str, where: str = "$") -> ValidationError:
    return ValidationError(f"Importdatei {path}: {what} – nichts wurde geändert.", [Problem(where, what)])


def _unreadable(path: Path, exc: Exception) -> KimdeskError:
    reason = getattr(exc, "strerror", None) or "ungültiger Dateiname"
    return KimdeskError(f"Importdatei {path} kann nicht gelesen werden: {reason}")


def _broken_before_the_end(exc: json.JSONDecodeError, length: int) -> bool:
    """Whether the text is broken where it is, not only cut off by the window's end: a value cut off fails
    within its last few characters (``tru``, ``1e+``, ``\\u12``), or as a string not yet closed."""
    return exc.pos < length - _CUT_OFF and not exc.msg.startswith("Unterminated string")


class _Reader:
    """A window on the file's text that holds at most the part being read."""

    def __init__(self, handle: IO[bytes], path: Path) -> None:
        self.handle = handle
        self.path = path
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.json = json_decoder()
        self.text = ""
        self.pos = 0
        self.eof = False
        self.bytes_read = 0
        self.line = 1  # line and column (0-based) where ``text`` starts
        self.column = 0

    # --- the document --------------------------------------------------------------------------

    def parts(self) -> Iterator[Part]:
        self._space()
        if self._peek() != "{":
            yield Part(None, self._value(()))
        else:
            yield from self._object()
        self._space()
        if self._peek():
            raise self._syntax(self.pos, "weitere Daten nach dem Ende")

    def _object(self) -> Iterator[Part]:
        self.pos += 1
        self._space()
        if self._peek() == "}":
            self.pos += 1
            return
        seen: set[str] = set()
        while True:
            if self._peek() != '"':
                raise self._syntax(
                    self.pos, JSON_MESSAGES["Expecting property name enclosed in double quotes"]
                )
            key = self._value(())
            self._space()
            if self._peek() != ":":
                raise self._syntax(self.pos, JSON_MESSAGES["Expecting ':' delimiter"])
            self.pos += 1
            self._space()
            if key in seen:
                self._value((key,))
                yield Part(key, Unreadable("Feld kommt in diesem Objekt doppelt vor"))
            elif key in LONG_ARRAYS and self._peek() == "[":
                yield Part(key, [])
                yield from self._entries(key)
            else:
                yield Part(key, self._value((key,)))
            seen.add(key)
            if self._closed("}"):
                return

    def _entries(self, key: str) -> Iterator[Part]:
        self.pos += 1
        self._space()
        if self._peek() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            yield Part(key, self._value((key, index)), index)
            index += 1
            if self._closed("]"):
                return

    def _closed(self, close: str) -> bool:
        """After a field or an entry: True past the closing ``close``, False past a comma and its space."""
        self._space()
        char = self._peek()
        self.pos += 1
        if char == close:
            return True
        if char != ",":
            raise self._syntax(self.pos - 1, JSON_MESSAGES["Expecting ',' delimiter"])
        self._space()
        return False

    # --- values --------------------------------------------------------------------------------

    def _value(self, where: tuple[Any, ...]) -> Any:
        """The JSON value at the current place; more text is read until it is whole."""
        while True:
            try:
                value, end = self.json.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof or _broken_before_the_end(exc, len(self.text)):
                    message = next(
                        (de for en, de in JSON_MESSAGES.items() if exc.msg.startswith(en)), "ungültige Syntax"
                    )
                    raise self._syntax(exc.pos, message) from exc
            except RecursionError as exc:
                deep = too_deep(self.text[self.pos :])
                inner = json_path(where) + (deep or "$")[1:]
                raise ValidationError(
                    f"Importdatei {self.path}: mehr als {limits.MAX_DEPTH} Ebenen verschachtelt – "
                    "nichts wurde geändert.",
                    [Problem(inner, f"zu tief verschachtelt (höchstens {limits.MAX_DEPTH} Ebenen)")],
                ) from exc
            else:
                if end - self.pos > limits.MAX_ENTRY_BYTES:
                    raise self._too_large(where)
                if end < len(self.text) or self.eof:  # a number at the window's end may go on
                    self.pos = end
                    return value
            if len(self.text) - self.pos > limits.MAX_ENTRY_BYTES:
                raise self._too_large(where)
            self._read(max(_CHUNK, len(self.text) - self.pos))

    def _too_large(self, where: tuple[Any, ...]) -> ValidationError:
        size = limits.MAX_ENTRY_BYTES // 2**20
        return refuse(self.path, _("Eintrag ist größer als {size} MB").format(size=size), json_path(where))

    def _space(self) -> None:
        while True:
            match = _SPACE.match(self.text, self.pos)
            assert match is not None
            self.pos = match.end()
            if self.pos < len(self.text) or self.eof:
                return
            self._read(_CHUNK)

    def _peek(self) -> str:
        if self.pos >= len(self.text) and not self.eof:
            self._read(_CHUNK)
        return self.text[self.pos : self.pos + 1]

    def _read(self, size: int) -> None:
        """Drop what was read, then add the next ``size`` bytes' text."""
        done = self.text[: self.pos]
        newlines = done.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(done) - done.rfind("\n") - 1
        else:
            self.column += len(done)
        self.text = self.text[self.pos :]
        self.pos = 0
        try:
            raw = self.handle.read(size)
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc
        try:
            self.text += self.decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            at = self.bytes_read + exc.start + 1
            raise refuse(self.path, f"ist nicht UTF-8-kodiert (Byte {at})") from exc
        self.bytes_read += len(raw)
        self.eof = not raw

    def _syntax(self, at: int, message: str) -> ValidationError:
        before = self.text[:at]
        newlines = before.count("\n")
        line = self.line + newlines
        column = (self.column + at if not newlines else at - before.rfind("\n") - 1) + 1
        return refuse(self.path, f"ist kein gültiges JSON (Zeile {line}, Spalte {column}: {message})")
