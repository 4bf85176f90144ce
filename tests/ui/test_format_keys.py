"""Issue 17 item 1: formatting keeps the cursor in the text, and German Word's keys work beside Strg+B/I."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from kimdesk.domain.richtext import BlockKind, Span
from kimdesk.ui.editor.richtext_edit import RichTextEditor

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def editor(focused_editor: RichTextEditor) -> RichTextEditor:
    return focused_editor


def _button(editor: RichTextEditor, text: str) -> QToolButton:
    return next(b for b in editor.findChildren(QToolButton) if b.defaultAction().text() == text)


@pytest.mark.parametrize(("button", "check"), [("F", "bold"), ("K", "italic")])
def test_clicking_a_format_button_leaves_the_keyboard_in_the_text(
    editor: RichTextEditor, qtbot: Any, button: str, check: str
) -> None:
    qtbot.keyClicks(editor.edit, "Der Rat ")
    target = _button(editor, button)
    target.setFocus()  # as a click under X11 may give it (reported: typing then went nowhere)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is editor.edit
    qtbot.keyClicks(QApplication.focusWidget(), "beschließt")
    spans = editor.richtext().blocks[0].spans
    assert spans[0] == Span("Der Rat ")
    assert spans[1].text == "beschließt" and getattr(spans[1], check)


def test_list_button_and_style_box_leave_the_keyboard_in_the_text(editor: RichTextEditor, qtbot: Any) -> None:
    qtbot.keyClicks(editor.edit, "erstens")
    numbered = _button(editor, "1.")
    numbered.setFocus()
    qtbot.mouseClick(numbered, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is editor.edit
    editor.style_box.setFocus()  # the clerk opened the box with the mouse
    editor.style_box.activated.emit(1)  # and chose "Überschrift 1"
    assert QApplication.focusWidget() is editor.edit


@pytest.mark.parametrize(("key", "check"), [(Qt.Key.Key_F, "bold"), (Qt.Key.Key_K, "italic")])
def test_german_word_keys_format(editor: RichTextEditor, qtbot: Any, key: Qt.Key, check: str) -> None:
    qtbot.keyClick(editor.edit, key, CTRL_SHIFT)
    qtbot.keyClicks(editor.edit, "Vorlage")
    span = editor.richtext().blocks[0].spans[0]
    assert span.text == "Vorlage" and getattr(span, check)


def test_ctrl_shift_l_makes_a_bulleted_list(editor: RichTextEditor, qtbot: Any) -> None:
    qtbot.keyClicks(editor.edit, "Punkt")
    qtbot.keyClick(editor.edit, Qt.Key.Key_L, CTRL_SHIFT)
    assert editor.richtext().blocks[0].kind is BlockKind.BULLET_LIST
