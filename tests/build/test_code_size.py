"""No god modules (issue 12): no module of the program over 400 lines, no class over 300."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULE_LINES = 400
CLASS_LINES = 300
#: Classes over the limit when the test was written, with their size then: they may not grow, and leave
#: this list when they are split.
KNOWN_OVER: dict[tuple[str, str], int] = {}


def _sources() -> dict[str, str]:
    paths = sorted((ROOT / "kimdesk").rglob("*.py"))
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in paths}


def _class_sizes() -> dict[tuple[str, str], int]:
    sizes = {}
    for name, text in _sources().items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                sizes[(name, node.name)] = (node.end_lineno or node.lineno) - node.lineno + 1
    return sizes


def test_no_module_is_over_400_lines() -> None:
    lines = {name: len(text.splitlines()) for name, text in _sources().items()}
    assert len(lines) > 100  # the program's modules were found
    assert {name: count for name, count in lines.items() if count > MODULE_LINES} == {}


def test_no_class_is_over_300_lines() -> None:
    sizes = _class_sizes()
    assert {key: size for key, size in sizes.items() if size > KNOWN_OVER.get(key, CLASS_LINES)} == {}
    # a known exception that was split leaves KNOWN_OVER, so that the limit holds for it again
    assert {key for key in KNOWN_OVER if sizes.get(key, 0) <= CLASS_LINES} == set()
