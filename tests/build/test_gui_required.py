"""Where GUI tests must run (CI, scripts/test.sh), a Qt that cannot load fails the run, never hides them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.qt import require_qt_widgets

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def qt_broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """PySide6.QtWidgets raises ImportError as on a PC without libEGL (None in sys.modules does that)."""
    monkeypatch.setitem(sys.modules, "PySide6.QtWidgets", None)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("KIMDESK_REQUIRE_GUI", raising=False)


@pytest.mark.parametrize("variable", ["CI", "KIMDESK_REQUIRE_GUI"])
def test_required_gui_tests_fail_when_qt_cannot_load(
    qt_broken: None, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "1")
    with pytest.raises(pytest.fail.Exception, match=r"GUI-Tests werden verlangt.*Qt lässt sich nicht laden"):
        require_qt_widgets()


def test_a_plain_local_run_without_qt_skips_them(qt_broken: None) -> None:
    with pytest.raises(pytest.skip.Exception, match="GUI-Tests übersprungen"):
        require_qt_widgets()


def test_the_test_script_requires_the_gui_tests() -> None:
    assert "export KIMDESK_REQUIRE_GUI=1" in (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")


def test_no_gui_test_skips_qt_on_its_own() -> None:
    """Every GUI test module goes through require_qt_widgets, none through a silent importorskip."""
    silent = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").rglob("*.py")
        if "importorskip(" in path.read_text(encoding="utf-8") and path.name != Path(__file__).name
    ]
    assert silent == []
