"""Tables are models with views (issue 12): no QTableWidget or QTreeWidget in the program, whose items keep
data and presentation in the widget and cannot be tested without it. (QListWidget still serves a few
short lists.)"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BANNED = ("QTableWidget", "QTreeWidget")  # and their items: QTableWidgetItem, QTreeWidgetItem …


def _used_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.Name):
            names.add(node.id)
    return names


def banned_uses(source: str) -> set[str]:
    return {name for name in _used_names(source) if name.startswith(BANNED)}


def test_the_check_finds_an_item_widget() -> None:
    assert banned_uses("from PySide6.QtWidgets import QTableWidget\nclass T(QTableWidget): ...") == {
        "QTableWidget"
    }
    assert banned_uses("import PySide6.QtWidgets as w\nitem = w.QTreeWidgetItem()") == {"QTreeWidgetItem"}
    assert banned_uses('"""Reads like a QTableWidget."""\nfrom PySide6.QtWidgets import QListWidget') == set()


def test_no_table_or_tree_widget_in_the_program() -> None:
    paths = sorted((ROOT / "kimdesk").rglob("*.py"))
    assert len(paths) > 100
    found = {
        path.relative_to(ROOT).as_posix(): sorted(uses)
        for path in paths
        if (uses := banned_uses(path.read_text(encoding="utf-8")))
    }
    assert found == {}
