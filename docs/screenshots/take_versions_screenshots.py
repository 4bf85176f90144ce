"""Screenshots of the Fassungen under Xvfb: 20/0325 after the Rechtsamt's rejection was revised and sent
round again — the Rechtsamt's sign dialog with the changes since its rejection, the „Fassungen“ dialog,
and the comparison of the rejected Fassung with the new one.

The demo keys sign; the demo CA is trusted in this run's own folders only.

Run:  Xvfb :86 -screen 0 1600x1000x24 &
      DISPLAY=:86 .venv/bin/python docs/screenshots/take_versions_screenshots.py
"""

from __future__ import annotations

from take_screenshots import (  # same folder: run as a script
    open_demo_paper,
    screenshot_workdir,
    settle,
    shoot,
    signing_demo_window,
    wait_until,
)

from kimdesk.domain.richtext import RichText
from kimdesk.services import signoff
from kimdesk.services.demo_keys import DEMO_PIN
from kimdesk.services.papers import get_paper, save_paper

REFERENCE = "20/0325"


def revise(uow: object) -> None:
    """What the Rechtsamt asked for: the legal basis and the funding period, then a new Umlauf."""
    paper = get_paper(uow, REFERENCE)  # type: ignore[arg-type]
    paper.title = paper.title + " (überarbeitet)"
    blocks = paper.rationale.to_data()
    blocks[0]["spans"][0]["text"] = blocks[0]["spans"][0]["text"].replace(
        "seine Schwerpunkte", "seine drei Schwerpunkte"
    )
    blocks.append(
        {
            "kind": "paragraph",
            "spans": [
                {
                    "text": "Rechtsgrundlage ist § 9 des Teilhabe- und Integrationsgesetzes NRW (TIntG NRW); "
                    "gefördert wird im Zeitraum 2021 bis 2023."
                }
            ],
        }
    )
    paper.rationale = RichText.from_data(blocks)
    save_paper(uow, paper)  # type: ignore[arg-type]
    signoff.start(uow, REFERENCE, roles=["first_deputy"], include_legal=True)  # type: ignore[arg-type]


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    app_obj, window = signing_demo_window(workdir, 1600, 1000, ["Yasemin Aydın", "Rainer Weichelt"], revise)
    page = open_demo_paper(app_obj, window, REFERENCE, (960, 640))
    panel = page.editor.sign_off_panel
    wait_until(lambda: panel.state is not None and not panel.busy, 20)
    dialog = panel.open_sign_dialog()
    assert dialog is not None
    dialog.role.setCurrentIndex(dialog.role.findData("legal"))
    dialog.pin.setText(DEMO_PIN)
    dialog.move(60, 40)
    dialog.resize(1300, 900)
    settle(1.0)
    shoot("versions-sign-dialog.png")
    dialog.reject()
    settle()
    versions_dialog = page.open_versions()
    assert versions_dialog is not None
    wait_until(lambda: versions_dialog.table.rowCount() >= 5)
    versions_dialog.move(200, 150)
    versions_dialog.select_numbers(3, 5)
    shoot("versions-dialog.png")
    versions_dialog.compare_selected()
    wait_until(lambda: versions_dialog.compare_dialog is not None)
    compare = versions_dialog.compare_dialog
    assert compare is not None
    compare.move(20, 20)
    compare.resize(1560, 960)
    settle(1.0)
    shoot("versions-compare-after-rejection.png")
    compare.reject()
    versions_dialog.reject()
    window.close()
    app_obj.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
