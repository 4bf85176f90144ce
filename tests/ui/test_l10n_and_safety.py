"""German texts that run long still fit, English is selectable, unexpected errors are logged and shown."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox

from kimdesk.l10n import i18n
from tests.demo_data import demo_id

TRANS_SCALE = 1.4  # German wording may grow by this much before a layout must give way


class Stretched(gettext.NullTranslations):
    """Every text longer by TRANS_SCALE (like Vorta's test): what if a wording gets longer?"""

    def gettext(self, message: str) -> str:
        extra = int(len(message) * (TRANS_SCALE - 1))
        return message + "ä" * extra


def _cut_off(widget: Any) -> list[str]:
    problems = []
    for label in widget.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():  # noqa: SIM102
            if label.width() < label.minimumSizeHint().width():
                problems.append(
                    f"QLabel {label.text()!r}: {label.width()} < {label.minimumSizeHint().width()}"
                )
    for button in widget.findChildren(QAbstractButton):
        if button.isVisible() and button.text() and button.width() < button.minimumSizeHint().width():
            problems.append(f"{type(button).__name__} {button.text()!r}: {button.width()}")
    return problems


def test_stretched_german_texts_are_not_cut_off(
    make_window: Any, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    monkeypatch.setattr(i18n, "_translation", Stretched())
    window = make_window()
    window.resize(1600, 1000)
    page = window.open_paper(demo_id("paper:20/0311"))
    qtbot.waitExposed(window)
    assert "ää" in window.menuBar().actions()[0].text()
    assert _cut_off(window.list_page) == []
    editor = page.editor
    assert _cut_off(editor.widget()) == []


def test_english_can_be_chosen(make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    i18n.set_language("en")
    try:
        window = make_window()
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["&File", "&Edit", "&View", "&Help"]
        page = window.open_paper(demo_id("paper:20/0270"))
        assert page.editor.sections["title"].title() == "Subject"
        assert window.list_page.model.data(window.list_page.model.index(0, 5)) == "Draft"
    finally:
        i18n.set_language("de")


def test_qt_standard_buttons_speak_german(qapp: Any) -> None:
    from kimdesk.ui.main import install_translations

    install_translations(qapp, "de")
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "Abbrechen"


def test_unexpected_error_is_logged_shown_and_drafts_saved(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kimdesk.services.logs import setup_logging
    from kimdesk.ui.errors import ExceptionHook

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())) or 0)
    log_path = setup_logging(tmp_path / "log")
    saved: list[bool] = []
    hook = ExceptionHook(log_path, lambda: saved.append(True), lambda: window)
    try:
        raise RuntimeError("kaputt")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert log_path is not None
    assert saved == [True]
    assert len(shown) == 1 and "unerwarteter Fehler" in shown[0][0]
    assert "RuntimeError: kaputt" in shown[0][1]
    assert "RuntimeError: kaputt" in log_path.read_text(encoding="utf-8")
    assert window.isVisible()  # kimdesk keeps running
