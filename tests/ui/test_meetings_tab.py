"""The main window offers the Sitzungsdienst its meetings next to the Vorlagen list."""

from __future__ import annotations

from typing import Any


def test_meetings_tab_lists_the_integrationsrat_meetings(make_window: Any, demo_app: Any) -> None:
    from kimdesk.services.demo import load_full_demo

    load_full_demo(demo_app.uow_factory)
    window = make_window()
    window.menu.meetings_action.trigger()
    assert window.tabs.currentWidget() is window.meetings_view
    assert window.tabs.tabText(1) == "Sitzungen"
    view = window.meetings_view
    shown = [view.meetings.item(i).text() for i in range(view.meetings.count())]
    assert any("09.09.2020" in text for text in shown), shown
    # the meetings tab cannot be closed like an editor tab
    assert window.close_tab(1) is False
    assert window.tabs.widget(1) is view


def test_the_meetings_tab_is_built_when_first_clicked_and_once(
    make_window: Any, demo_app: Any, qtbot: Any
) -> None:
    # Start-up: the tab is there at once, its view (meeting, signing and packet code) is built on first look.
    from PySide6.QtCore import Qt

    from kimdesk.services.demo import load_full_demo

    load_full_demo(demo_app.uow_factory)
    window = make_window()
    assert window.tabs.tabText(1) == "Sitzungen"
    assert window.meetings_view is None
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    qtbot.waitUntil(lambda: window.meetings_view is not None, timeout=10000)
    view = window.meetings_view
    assert view is not None and window.tabs.currentWidget() is view
    assert window.tabs.indexOf(view) == 1 and window.tabs.count() == 2
    assert any("09.09.2020" in view.meetings.item(i).text() for i in range(view.meetings.count()))
    window.focus_search()  # back to the list and again: the same view, not a second one
    window.menu.meetings_action.trigger()
    assert window.meetings_view is view and window.tabs.currentWidget() is view and window.tabs.count() == 2
    assert window.close_tab(1) is False  # not closable like an editor tab


def test_closing_a_vorlage_next_to_the_meetings_tab_does_not_build_it(window: Any, qtbot: Any) -> None:
    # Qt makes the neighbouring tab current for a moment; the window then returns to the list.
    page = window.open_paper(window.list_page.model.summary(0).id)
    assert window.tabs.indexOf(page) == 2
    assert window.close_tab(2)
    qtbot.wait(50)
    assert window.tabs.currentWidget() is window.list_page
    assert window.meetings_view is None
