"""F1 opens the user guide at the topic of the screen the user looks at; the guide is searchable."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt

from kimdesk.resources import guide_path
from kimdesk.ui.help_viewer import TOPIC_EDITOR, TOPIC_LIST, TOPIC_MEETINGS, HelpViewer


def _viewer(window: Any) -> HelpViewer:
    viewer = window.findChild(HelpViewer)
    assert viewer is not None, "F1 opened no guide"
    return viewer


def _heading_at_cursor(viewer: HelpViewer) -> str:
    block = viewer.browser.textCursor().block()
    assert block.blockFormat().headingLevel() > 0
    # The heading stands at the top of the window, not somewhere below or above the visible part.
    assert 0 <= viewer.browser.cursorRect().top() < 40
    return block.text()


def _press_f1(window: Any, qtbot: Any) -> HelpViewer:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5000)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
    viewer = _viewer(window)
    qtbot.waitUntil(viewer.isVisible, timeout=5000)
    return viewer


def test_f1_opens_the_guide_at_the_screen_the_user_is_on(window: Any, qtbot: Any) -> None:
    viewer = _press_f1(window, qtbot)
    assert "Anleitung" in viewer.windowTitle()
    assert _heading_at_cursor(viewer).startswith(TOPIC_LIST)

    window.show_meetings()
    viewer = _press_f1(window, qtbot)
    assert _heading_at_cursor(viewer).startswith(TOPIC_MEETINGS)

    window.menu.list_action.trigger()
    qtbot.waitUntil(lambda: window.list_page.proxy.rowCount() > 0, timeout=10000)
    window.list_page.view.selectRow(0)
    page = window.open_selected()
    assert page is not None
    qtbot.waitUntil(lambda: window.current_page() is page, timeout=10000)
    viewer = _press_f1(window, qtbot)
    assert _heading_at_cursor(viewer).startswith(TOPIC_EDITOR)
    # Still one guide window, brought to the front, not a new one per key press.
    assert len(window.findChildren(HelpViewer)) == 1


def test_the_guide_is_searchable_and_says_when_nothing_is_found(qtbot: Any) -> None:
    viewer = HelpViewer()
    qtbot.addWidget(viewer)
    viewer.search.setText("Ladungsfrist")
    assert viewer.find_next()
    assert viewer.browser.textCursor().selectedText() == "Ladungsfrist"
    viewer.search.setText("Quastenflosser")
    assert not viewer.find_next()
    assert viewer.status.text() == "Nicht gefunden"


def test_every_topic_and_picture_of_the_guide_exists() -> None:
    text = guide_path().read_text(encoding="utf-8")
    headings = re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)
    for topic in (TOPIC_LIST, TOPIC_EDITOR, TOPIC_MEETINGS):
        assert any(h.startswith(topic) for h in headings), topic
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert pictures
    missing = [p for p in pictures if not (guide_path().parent / p).is_file()]
    assert not missing
