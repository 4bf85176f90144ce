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
