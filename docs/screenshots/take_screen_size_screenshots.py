"""Screenshots of kimdesk filling a small screen or shown with 150 % scaling (issue: any screen).

Run, each on its own Xvfb (with a window manager, e.g. openbox, so the window can be maximised):
  Xvfb :98 -screen 0 1024x700x24 &  DISPLAY=:98 \\
      .venv/bin/python docs/screenshots/take_screen_size_screenshots.py 1024x700
  Xvfb :98 -screen 0 1600x1000x24 &  DISPLAY=:98 QT_SCALE_FACTOR=1.5 \\
      .venv/bin/python docs/screenshots/take_screen_size_screenshots.py 150
"""

from __future__ import annotations

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from take_screenshots import OUT, settle, shoot

from kimdesk.app import open_app
from kimdesk.services.demo import load_full_demo
from kimdesk.ui.context import GuiContext
from kimdesk.ui.main import create_application
from kimdesk.ui.main_window import MainWindow


def main() -> None:
    label = sys.argv[1]
    folder = tempfile.mkdtemp()
    os.environ["KIMDESK_CONFIG_DIR"] = folder
    url = f"sqlite:///{folder}/demo.sqlite"
    app = open_app(url)
    load_full_demo(app.uow_factory)
    create_application("de")
    window = MainWindow()
    window.attach(GuiContext(app, url))
    window.showMaximized()
    settle(2.0)
    window.list_page.view.selectRow(0)
    page = window.open_selected()
    settle(2.0)
    assert page is not None
    page.editor.ensureWidgetVisible(page.editor.funding)
    shoot(f"screen-{label}-editor.png")
    window.show_meetings()
    settle(1.5)
    shoot(f"screen-{label}-meetings.png")
    print(OUT)
    os._exit(0)


if __name__ == "__main__":
    main()
