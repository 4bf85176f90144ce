"""kimdesk's save dialog names the files it lists without opening them.

Qt's default icon provider reads a file's first bytes to guess its type when the name does not
tell; inside kimdesk that open()/close() of ``kimdesk.sqlite`` (or its ``-journal``) drops SQLite's
POSIX locks (see tests/storage/test_lock_loss.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QFileInfo, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileIconProvider, QLineEdit

from kimdesk.ui import file_dialogs
from kimdesk.ui.file_dialogs import NameOnlyIconProvider, save_file_name

pytestmark = pytest.mark.gui


def test_types_come_from_the_name_not_the_content(tmp_path: Path, qtbot: Any) -> None:
    unnamed = tmp_path / "kimdesk.sqlite-journal"  # no telling extension, PDF content
    unnamed.write_bytes(b"%PDF-1.4\n" + b"0" * 200)
    named = tmp_path / "bericht.pdf"
    named.write_bytes(b"%PDF-1.4\n" + b"0" * 200)
    sniffing, by_name = QFileIconProvider(), NameOnlyIconProvider()
    pdf = sniffing.type(QFileInfo(str(named)))
    assert sniffing.type(QFileInfo(str(unnamed))) == pdf  # Qt's default read the content
    assert by_name.type(QFileInfo(str(unnamed))) != pdf
    assert by_name.type(QFileInfo(str(named))) == pdf
    assert not by_name.icon(QFileInfo(str(unnamed))).isNull()
    assert by_name.type(QFileInfo(str(tmp_path))) == sniffing.type(QFileInfo(str(tmp_path)))


def test_the_save_dialog_starts_at_the_suggestion_and_returns_the_choice(tmp_path: Path, qtbot: Any) -> None:
    seen: dict[str, Any] = {}

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog))
        seen["directory"] = Path(dialog.directory().absolutePath())
        seen["provider"] = dialog.iconProvider()
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        seen["suggested"] = name.text()
        name.setText("gewählt.pdf")  # what the user types
        dialog.accept()

    QTimer.singleShot(200, answer)
    chosen = save_file_name(None, "PDF exportieren", str(tmp_path / "Vorlage-20-0270.pdf"), "PDF (*.pdf)")
    assert chosen == str(tmp_path / "gewählt.pdf")
    assert seen["directory"] == tmp_path
    assert seen["suggested"] == "Vorlage-20-0270.pdf"
    assert isinstance(seen["provider"], NameOnlyIconProvider)


def test_a_bare_file_name_starts_in_the_last_folder_chosen_not_the_working_folder(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    working = tmp_path / "programm"
    working.mkdir()
    monkeypatch.chdir(working)  # where a desktop shortcut started kimdesk
    monkeypatch.setattr(file_dialogs, "_last_folder", None)  # a new run of the program
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    chosen_folder = tmp_path / "Sitzungen"
    chosen_folder.mkdir()
    seen: list[Path] = []

    def answer(name: str) -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog))
        seen.append(Path(dialog.directory().absolutePath()))
        dialog.findChild(QLineEdit, "fileNameEdit").setText(name)
        dialog.accept()

    QTimer.singleShot(200, lambda: answer(str(chosen_folder / "Mappe.pdf")))
    assert save_file_name(None, "Sitzungsmappe speichern", "Mappe.pdf", "PDF (*.pdf)") == str(
        chosen_folder / "Mappe.pdf"
    )
    QTimer.singleShot(200, lambda: answer("Auszug.pdf"))
    assert save_file_name(None, "Protokollauszug speichern", "Auszug.pdf", "PDF (*.pdf)") == str(
        chosen_folder / "Auszug.pdf"
    )
    assert seen[0] != working and seen[0].is_relative_to(tmp_path / "home")
    assert seen[1] == chosen_folder  # the next dialog starts where the user saved last
