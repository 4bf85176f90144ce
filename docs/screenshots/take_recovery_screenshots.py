"""Screenshots of the restore dialog on a damaged database and of the read-only banner, under Xvfb.

Run:  Xvfb :99 -screen 0 1440x900x24 &
      DISPLAY=:99 .venv/bin/python docs/screenshots/take_recovery_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from take_screenshots import screenshot_workdir, settle  # same folder: run as a script

from kimdesk.app import open_app
from kimdesk.domain.errors import DatabaseDamagedError
from kimdesk.services.demo import load_full_demo
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import GuiContext
from kimdesk.ui.main import create_application
from kimdesk.ui.main_window import MainWindow, load_start_data
from kimdesk.ui.restore_dialog import RestoreDialog

OUT = Path(__file__).resolve().parent


def damage_papers_page(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'papers'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : root * size] = os.urandom(size)
    path.write_bytes(bytes(data))


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    path = workdir / "kimdesk.sqlite"
    app_obj = open_app(f"sqlite:///{path}")
    load_full_demo(app_obj.uow_factory)
    app_obj.database.backup(workdir / "kimdesk-sicherung-2026-12-01.sqlite")
    app_obj.close()
    open_app(f"sqlite:///{path}").close()  # today's automatic backup
    readonly = workdir / "archiv" / "kimdesk.sqlite"
    readonly.parent.mkdir()
    shutil.copyfile(path, readonly)

    create_application("de")
    damage_papers_page(path)
    broken = open_app(f"sqlite:///{path}")
    try:
        load_start_data(broken.uow_factory)
        reason = ""
    except DatabaseDamagedError as exc:
        reason = exc.message
    broken.close()
    dialog = RestoreDialog(path, reason)
    dialog.show()
    settle()
    dialog.grab().save(str(OUT / "restore.png"))
    print("geschrieben:", OUT / "restore.png")
    dialog.close()

    readonly.chmod(0o444)
    url = f"sqlite:///{readonly}"
    window = MainWindow(GuiConfig())
    window.setGeometry(0, 0, 1440, 900)
    window.show()
    window.attach(GuiContext(open_app(url), url))
    model = window.list_page.model
    assert model is not None
    drafts = [model.summary(r) for r in range(model.rowCount()) if model.summary(r).status.value == "draft"]
    window.open_paper((drafts or [model.summary(0)])[0].id)
    settle(1.5)
    window.grab().save(str(OUT / "readonly.png"))
    print("geschrieben:", OUT / "readonly.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
