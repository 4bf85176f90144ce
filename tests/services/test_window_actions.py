"""Which commands the main window offers: nothing before the database opens, no writing when read-only."""

from __future__ import annotations

from kimdesk.services.window_actions import WindowState, enabled_commands


def _state(**changes: bool) -> WindowState:
    values = {"ready": True, "writable": True, "page_open": False, "page_editable": False, "has_paper": True}
    return WindowState(**(values | changes))


def test_before_the_database_opens_nothing_is_offered() -> None:
    assert enabled_commands(_state(ready=False, writable=False)) == frozenset()


def test_a_vorlage_selected_in_the_list_can_be_opened_used_deleted_exported_and_printed() -> None:
    assert enabled_commands(_state()) == {
        "settings",
        "backup",
        "folder",
        "new",
        "import",
        "export",
        "print",
        "duplicate",
        "delete",
        "open",
    }
    assert enabled_commands(_state(has_paper=False)) == {"settings", "backup", "folder", "new", "import"}


def test_only_an_editable_open_vorlage_can_be_saved() -> None:
    assert "save" in enabled_commands(_state(page_open=True, page_editable=True))
    assert "open" not in enabled_commands(_state(page_open=True, page_editable=True))
    assert "save" not in enabled_commands(_state(page_open=True, page_editable=False))  # signed off


def test_a_read_only_database_can_still_be_read_exported_and_backed_up() -> None:
    enabled = enabled_commands(_state(writable=False, page_open=True, page_editable=True))
    assert enabled == {"settings", "backup", "folder", "export", "print", "versions"}


def test_the_fassungen_of_an_open_vorlage_can_be_listed_also_read_only() -> None:
    assert "versions" in enabled_commands(_state(page_open=True, page_editable=False))
    assert "versions" not in enabled_commands(_state(page_open=False))


def test_the_window_title_names_the_vorlage() -> None:
    from kimdesk.services.window_actions import window_title

    assert window_title("20/0270", "Kommunales  Integrationsmanagement") == (
        "20/0270 – Kommunales Integrationsmanagement – kimdesk"
    )
    long = window_title("20/0270", "Betrifft " * 20)
    assert long.endswith("… – kimdesk") and len(long) < 100
    assert window_title(place="Sitzungen") == "Sitzungen – kimdesk"
