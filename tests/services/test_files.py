"""Folders handed out (the OParl export) are replaced whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kimdesk.domain.errors import KimdeskError
from kimdesk.services.files import write_folder_atomically


def fill_with(text: str) -> Callable[[Path], str]:
    def fill(folder: Path) -> str:
        (folder / "sub").mkdir()
        (folder / "sub" / "a.json").write_text(text, encoding="utf-8")
        return text

    return fill


def test_the_new_folder_replaces_the_old_and_keeps_what_it_does_not_own(tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert write_folder_atomically(out, fill_with("eins"), what="Export") == "eins"
    (out / "notiz.txt").write_text("bleibt", encoding="utf-8")
    (out / "sub" / "alt.json").write_text("weg", encoding="utf-8")
    write_folder_atomically(out, fill_with("zwei"), what="Export", owns=lambda name: name == "sub")
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == ["notiz.txt", "sub", "sub/a.json"]
    assert (out / "sub" / "a.json").read_text(encoding="utf-8") == "zwei"
    assert [p.name for p in tmp_path.iterdir()] == ["export"]


def test_a_swap_that_fails_puts_the_last_good_folder_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export"
    write_folder_atomically(out, fill_with("eins"), what="Export")
    real_replace = os.replace

    def refuse_new(source: str | Path, target: str | Path) -> None:
        if Path(source).name.endswith(".neu"):  # moving the new folder in fails (Windows: a reader holds it)
            raise PermissionError(13, "Zugriff verweigert")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", refuse_new)
    with pytest.raises(
        KimdeskError, match=r"Export: „.*export“ kann nicht geschrieben werden \(Zugriff verweigert\)"
    ):
        write_folder_atomically(out, fill_with("zwei"), what="Export")
    assert (out / "sub" / "a.json").read_text(encoding="utf-8") == "eins"
    assert [p.name for p in tmp_path.iterdir()] == ["export"]
