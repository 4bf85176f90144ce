"""The program's migration revisions, read from the migration files without importing Alembic.

Opening a database that is already at head is the common case (every start of the GUI); importing
Alembic (~0,3 s with Mako and Pygments) only to learn the head revision would be wasted. The
revision ids are plain assignments at the top of every file in ``migrations/versions``
(``revision = "0003"``, ``down_revision = "0002"``); they are read with a regular expression and
:func:`ast.literal_eval`. A file that does not fit that pattern makes :func:`read_revisions` return
None, and :class:`kimdesk.storage.database.Database` then asks Alembic itself.
A test checks that the result equals Alembic's own view of the scripts.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*(?:#.*)?$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Revisions:
    """Every revision id the program knows, and the heads (revisions nothing builds on)."""

    known: frozenset[str]
    heads: tuple[str, ...]


_CACHE: dict[Path, Revisions | None] = {}


def read_revisions(migrations_dir: Path) -> Revisions | None:
    """The revisions of ``migrations_dir/versions/*.py``; None if a file cannot be understood."""
    if migrations_dir in _CACHE:
        return _CACHE[migrations_dir]
    result = _read(migrations_dir / "versions")
    _CACHE[migrations_dir] = result
    return result


def _read(folder: Path) -> Revisions | None:
    known: set[str] = set()
    referenced: set[str] = set()
    try:
        paths = sorted(p for p in folder.glob("*.py") if not p.name.startswith("__"))
    except OSError:
        return None
    if not paths:
        return None
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        values: dict[str, str] = {}
        for match in _ASSIGNMENT.finditer(text):
            values.setdefault(match.group(1), match.group(2))
        if "revision" not in values or "down_revision" not in values:
            return None
        try:
            revision = ast.literal_eval(values["revision"])
            down = ast.literal_eval(values["down_revision"])
        except (ValueError, SyntaxError):
            return None
        if not isinstance(revision, str) or revision in known:
            return None
        known.add(revision)
        if isinstance(down, str):
            referenced.add(down)
        elif isinstance(down, tuple | list) and all(isinstance(d, str) for d in down):
            referenced.update(down)
        elif down is not None:
            return None
    if not referenced <= known:
        return None
    return Revisions(frozenset(known), tuple(sorted(known - referenced)))
