"""Screenshot of „Fassungen vergleichen“: the KIM Vorlage 20/0340 as the Kämmerer rejected it (Fassung 2)
beside the clerk's revision (Fassung 3: three half posts, recomputed table with one figure typed over,
the Sozialausschuss added to the Beratungsfolge, a new paragraph, the Beschlussentwurf adjusted).

Run:  Xvfb :87 -screen 0 1600x1000x24 &
      DISPLAY=:87 .venv/bin/python docs/screenshots/take_compare_screenshot.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from take_screenshots import screenshot_workdir, settle, shoot  # same folder: run as a script

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kimdesk.ui.compare import CompareDialog
from kimdesk.ui.main import create_application
from tests.diff_sample import NEW_LABEL, OLD_LABEL, kim_versions


def main() -> int:
    if screenshot_workdir() is None:
        return 2
    create_application("de")
    old, new = kim_versions()
    dialog = CompareDialog(old, new, OLD_LABEL, NEW_LABEL)
    dialog.setGeometry(0, 0, 1600, 1000)
    dialog.show()
    settle(1.0)
    dialog.compare.next_change()
    dialog.compare.next_change()
    shoot("compare.png")
    dialog.compare.only_changes.setChecked(True)
    dialog.compare.next_change()
    shoot("compare-only-changes.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
