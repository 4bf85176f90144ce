"""Screenshots of an overridden NKF cell (tint, "*", tooltip) and of the keep/replace question of
„Tabelle übernehmen“, on the KIM Vorlage 20/0340 (3 posts, Personalaufwand typed over, then 4 posts).

Run:  Xvfb :88 -screen 0 1600x1000x24 &
      DISPLAY=:88 .venv/bin/python docs/screenshots/take_finance_override_screenshot.py
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolTip
from take_screenshots import (  # same folder: run as a script
    demo_window,
    open_demo_paper,
    screenshot_workdir,
    settle,
    shoot,
)

from kimdesk.domain.model import FinanceRow, Period
from kimdesk.services.funding import overrides_to_decide
from kimdesk.ui.editor.finance_overrides import OverrideChoiceDialog
from kimdesk.ui.editor.funding import COL_POSTS


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    app_obj, window = demo_window(workdir, 1600, 1000)
    page = open_demo_paper(app_obj, window, "20/0340", (1000, 600))
    editor = page.editor
    editor.funding.table.cellWidget(0, COL_POSTS).setText("3")
    editor.funding.take_button.click()
    personnel = editor.finance.cells[(FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL)]
    personnel.setText("140.000,00")
    settle()
    editor.verticalScrollBar().setValue(editor.sections["finance"].y())
    settle()
    QToolTip.showText(personnel.mapToGlobal(QPoint(20, personnel.height())), personnel.toolTip(), personnel)
    shoot("finance-override.png")
    QToolTip.hideText()
    editor.funding.table.cellWidget(0, COL_POSTS).setText("4")
    paper, _problems = editor.collect()
    dialog = OverrideChoiceDialog(overrides_to_decide(paper, editor.funding.catalogue), window)
    dialog.show()
    shoot("finance-override-dialog.png")
    dialog.reject()
    app_obj.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
