"""GUI fixtures: a demo database on SQLite, the main window on it, dialogs answered by the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.qt import require_qt_widgets

require_qt_widgets()


@pytest.fixture(autouse=True)
def _gui_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Config, log and spelling files of the GUI go to the test's temp dir, never the user's folders."""
    monkeypatch.setenv("KIMDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KIMDESK_LOG_DIR", str(tmp_path / "log"))
    # The spell checking's Enchant folder (copied dictionary, word lists); ENCHANT_CONFIG_DIR restored after.
    monkeypatch.setenv("KIMDESK_SPELLING_DIR", str(tmp_path / "enchant"))
    monkeypatch.delenv("ENCHANT_CONFIG_DIR", raising=False)
    monkeypatch.delenv("KIMDESK_DB", raising=False)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated demo database per session; each test gets its own copy (migrating takes seconds)."""
    from kimdesk.app import open_app
    from kimdesk.services.demo import load_demo

    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    app = open_app(f"sqlite:///{path.as_posix()}")
    load_demo(app.uow_factory)
    app.close()
    return path


@pytest.fixture
def demo_app(sqlite_url: str, _demo_template: Path) -> Iterator[Any]:
    import shutil

    from kimdesk.app import open_app

    shutil.copyfile(_demo_template, sqlite_url.removeprefix("sqlite:///"))
    app = open_app(sqlite_url)
    try:
        yield app
    finally:
        app.close()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Dialog answers the test sets beforehand; every message shown is recorded under "shown"."""
    from kimdesk.ui import dialogs

    state: dict[str, Any] = {"confirm": True, "close": "discard", "choose": 0, "shown": []}

    def record(kind: str) -> Any:
        def show(_parent: Any, title: str, text: str) -> None:
            state["shown"].append((kind, title, text))

        return show

    monkeypatch.setattr(dialogs, "inform", record("inform"))
    monkeypatch.setattr(dialogs, "warn", record("warn"))
    monkeypatch.setattr(
        dialogs, "confirm", lambda _p, t, x: state["shown"].append(("confirm", t, x)) or state["confirm"]
    )
    monkeypatch.setattr(
        dialogs, "choose", lambda _p, t, x, c: state["shown"].append(("choose", t, x, c)) or state["choose"]
    )
    monkeypatch.setattr(
        dialogs,
        "save_discard_cancel",
        lambda _p, t, x: state["shown"].append(("close", t, x)) or state["close"],
    )
    return state


@pytest.fixture
def make_window(qtbot: Any, demo_app: Any, sqlite_url: str, answers: dict[str, Any]) -> Any:
    """Build a main window attached to the demo database (call again for a "restarted" kimdesk)."""
    from kimdesk.l10n.i18n import set_language
    from kimdesk.ui.context import GuiContext
    from kimdesk.ui.main import create_application
    from kimdesk.ui.main_window import MainWindow

    create_application("de")
    set_language("de")
    windows: list[Any] = []

    def make(app: Any = demo_app) -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        window.attach(GuiContext(app, sqlite_url))
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        for page in window.pages():
            page.shutdown()


@pytest.fixture
def window(make_window: Any) -> Any:
    return make_window()


def type_text(widget: Any, text: str) -> None:
    """Type like a user, umlauts included (QTest.keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


@pytest.fixture
def focused_editor(qtbot: Any) -> Any:
    """A Begründung editor on screen with the keyboard in its text, as after a click into it."""
    from PySide6.QtWidgets import QApplication

    from kimdesk.ui.editor.richtext_edit import RichTextEditor

    widget = RichTextEditor()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.edit)
    return widget
