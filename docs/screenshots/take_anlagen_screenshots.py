"""Anlagen and the Sitzungsmappe in the real application under Xvfb: two PDF files added to a draft Vorlage
in the editor's Anlagen panel (one renamed, one non-public), the Vorlage's PDF with its Anlagen list, and
the Sitzungsmappe (full and public) built from the meetings view — the draft taken in after the
confirmation. The PDFs are rendered with pdftoppm (invitation page, Vorlage page with the Anlagen list).

Run:  Xvfb :85 -screen 0 1600x1000x24 &
      DISPLAY=:85 .venv/bin/python docs/screenshots/take_anlagen_screenshots.py
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kimdesk.app import open_app
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import meeting_cycle as cycle_svc
from kimdesk.services import meetings as svc
from kimdesk.services.demo import load_full_demo
from kimdesk.services.papers import get_paper
from kimdesk.ui import dialogs
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import GuiContext
from kimdesk.ui.main import create_application
from kimdesk.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take_screenshots import OUT, screenshot_workdir, settle


def wait_until(done: Callable[[], bool], seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("zu lange gewartet")
        QApplication.processEvents()
        time.sleep(0.02)


def anlage(path: Path, heading: str, lines: list[str]) -> Path:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont("Helvetica-Bold", 18)
    canvas.drawString(60, 770, heading)
    canvas.setFont("Helvetica", 11)
    for number, line in enumerate(lines):
        canvas.drawString(60, 730 - 18 * number, line)
    canvas.rect(60, 300, 470, 300)
    canvas.showPage()
    canvas.save()
    path.write_bytes(out.getvalue())
    return path


def render(pdf: Path, page: int, name: str) -> None:
    target = OUT / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(target.with_suffix("")),
        ],
        check=True,
    )
    print("geschrieben:", target)


def page_with(pdf: Path, text: str) -> int:
    from pypdf import PdfReader

    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        if text in " ".join((page.extract_text() or "").split()):
            return number
    raise LookupError(text)


def main() -> int:
    workdir = screenshot_workdir()
    if workdir is None:
        return 2
    url = f"sqlite:///{workdir / 'demo.sqlite'}"
    app_obj = open_app(url)
    uow = app_obj.uow_factory
    load_full_demo(uow)
    day = (datetime.now(BERLIN) + timedelta(days=21)).replace(hour=17, minute=0, second=0, microsecond=0)
    meeting = svc.create_meeting(
        uow,
        "IR",
        day,
        location="Rathaus, Sitzungssaal",
        chair="Bürgermeisterin Kraemer",
        invitation_text=(
            "Sehr geehrte Damen und Herren,\n\nzur nächsten Sitzung des Integrationsrates lade ich Sie "
            "herzlich ein. Die Beratungsunterlagen sind beigefügt."
        ),
    )
    svc.add_to_agenda(uow, meeting.short_id, reference="20/0325")
    cycle_svc.add_standard_items(uow, svc.get_meeting(uow, meeting.short_id))
    files = [
        anlage(
            workdir / "Lageplan.pdf",
            "Lageplan Quartier Nord",
            ["Anlage zur Vorlage 20/0325", "Maßstab 1:5000"],
        ),
        anlage(
            workdir / "Vertragsentwurf.pdf",
            "Vertragsentwurf (intern)",
            ["Entwurf – nicht zur Veröffentlichung"],
        ),
    ]

    create_application("de")
    window = MainWindow(GuiConfig())
    window.setGeometry(0, 0, 1400, 900)
    window.show()
    window.attach(GuiContext(app_obj, url))
    page = window.open_paper(get_paper(uow, "20/0325").id)
    assert page is not None
    panel = page.editor.anlagen
    wait_until(lambda: not panel.running)
    panel.add_files(files)  # what a drop from the file manager does
    wait_until(lambda: not panel.running and len(panel.anlagen) == 2)
    panel.table.setCurrentCell(0, 1)
    panel.rename(0, "Lageplan Quartier Nord")
    wait_until(lambda: not panel.running)
    panel.set_public(1, False)
    wait_until(lambda: not panel.running)
    panel.table.setCurrentCell(1, 1)
    page.editor.ensureWidgetVisible(panel, 0, 0)
    page.editor.ensureWidgetVisible(panel.add_button)
    wait_until(lambda: page.preview.shown_generation == page.preview.generation, 30)
    settle(1.5)
    window.grab().save(str(OUT / "anlagen-panel.png"))
    print("geschrieben:", OUT / "anlagen-panel.png")

    vorlage = workdir / "Vorlage.pdf"
    exported: list[Path] = []
    page.export_pdf(vorlage, exported.append)
    wait_until(lambda: bool(exported))
    render(vorlage, page_with(vorlage, "Anlagen:"), "anlagen-vorlage-pdf.png")

    questions: list[str] = []
    dialogs.confirm = lambda _p, _t, text: questions.append(text) or True  # type: ignore[assignment]
    dialogs.inform = lambda *_a: None  # type: ignore[assignment]
    window.show_meetings()
    view = window.meetings_view
    assert view is not None
    view.reload(select=meeting.id)
    settle()
    window.grab().save(str(OUT / "mappe-meetings-view.png"))
    print("geschrieben:", OUT / "mappe-meetings-view.png")
    for public, name in ((False, "Sitzungsmappe.pdf"), (True, "Sitzungsmappe_oeffentlich.pdf")):
        target = workdir / name
        view.export_packet(public=public, path=target)
        wait_until(lambda target=target: target.exists() and view.progress_dialog is None, 120)
    print("Rückfrage:", questions[0])
    full, public_pdf = workdir / "Sitzungsmappe.pdf", workdir / "Sitzungsmappe_oeffentlich.pdf"
    render(full, 1, "mappe-einladung.png")
    render(full, page_with(full, "Anlagen:"), "mappe-vorlage-anlagen.png")
    render(public_pdf, page_with(public_pdf, "Anlagen:"), "mappe-oeffentlich-vorlage-anlagen.png")
    for pdf in (full, public_pdf):
        subprocess.run(["cp", str(pdf), str(Path("/tmp") / pdf.name)], check=True)
    app_obj.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
