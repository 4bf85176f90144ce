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
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kimdesk.services.papers import get_paper
from kimdesk.ui import dialogs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take_screenshots import (
    OUT,
    demo_app,
    main_window,
    screenshot_workdir,
    settle,
    upcoming_meeting,
    wait_until,
)


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
    app_obj = demo_app(workdir)
    uow = app_obj.uow_factory
    meeting = upcoming_meeting(
        uow,
        invitation_text=(
            "Sehr geehrte Damen und Herren,\n\nzur nächsten Sitzung des Integrationsrates lade ich Sie "
            "herzlich ein. Die Beratungsunterlagen sind beigefügt."
        ),
    )
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

    window = main_window(app_obj, 1400, 900)
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
