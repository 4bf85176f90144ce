"""Printing: a PDF (Vorlage, Sitzungsmappe, Protokollauszug) through the system's print dialog.

The PDF is built off the GUI thread; its pages are rendered with QtPdf's ``QPdfDocument`` (as the
preview shows them) and painted onto the printer, one printed page per PDF page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.ui import dialogs
from kimdesk.ui.tasks import run_and_wait

#: Hears (pages done, pages in all) while a file prints; False stops it.
PageProgress = Callable[[int, int], bool]
#: Pages are rendered at most this fine (dots per inch): sharp on paper, small in memory.
MAX_RENDER_DPI = 200


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Paint every page of the PDF ``data`` onto ``printer``; returns the number of pages printed."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return _print(document, printer)


def print_file(path: Path, printer: QPrinter, on_page: PageProgress | None = None) -> int:
    """Print the PDF file at ``path`` (a Sitzungsmappe of a GB: its pages are read from disk one by one,
    not the file into memory). ``on_page(done, total)`` hears each page; when it returns False no further
    page is sent and the job is aborted where the printer driver can (then 0 is returned, else the pages
    already sent, which print)."""
    document = QPdfDocument()
    document.load(str(path))
    return _print(document, printer, on_page)


def _print(document: QPdfDocument, printer: QPrinter, on_page: PageProgress | None = None) -> int:
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise KimdeskError(_("Drucken: Das PDF konnte nicht gelesen werden."))
    printer.setFullPage(True)
    printer.setDocName(printer.docName() or "kimdesk")
    painter = QPainter()
    if not painter.begin(printer):
        raise KimdeskError(_("Drucken: Der Drucker ist nicht bereit."))
    count = document.pageCount()
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for page in range(count):
            if on_page is not None and not on_page(page, count):
                # Qt's engines mostly cannot take back what was spooled: the pages sent print, no more
                return 0 if printer.abort() else page
            if page and not printer.newPage():
                raise KimdeskError(
                    _("Drucken: Seite {page} konnte nicht begonnen werden.").format(page=page + 1)
                )
            points = document.pagePointSize(page)
            image = document.render(
                page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            )
            area = painter.viewport()
            scale = min(area.width() / image.width(), area.height() / image.height())
            width, height = round(image.width() * scale), round(image.height() * scale)
            painter.drawImage(QRect(area.x(), area.y(), width, height), image)
    finally:
        painter.end()
        document.close()
    if on_page is not None:
        on_page(count, count)
    return count


def ask_printer(parent: QWidget, title: str) -> QPrinter | None:
    """The system's print dialog; the printer chosen, or None when the clerk cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Drucken – {title}").format(title=title))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_document(
    parent: QWidget,
    title: str,
    build: Callable[[], bytes],
    printer: QPrinter | None = None,
) -> int:
    """Ask for the printer (system print dialog), build the PDF on the thread pool and print it.

    With ``printer`` given (scripts, tests: a QPrinter writing a PDF file) no dialog is shown.
    Returns the number of pages printed, 0 when the clerk cancelled or it failed (after a message).
    """
    if printer is None:
        printer = ask_printer(parent, title)
        if printer is None:
            return 0
    try:
        data = run_and_wait(build)
        pages = print_pdf(data, printer)
        report_printed(parent, title, pages)
        return pages
    except KimdeskError as exc:
        dialogs.warn(parent, _("Drucken"), exc.message)
        return 0


def report_printed(parent: QWidget, title: str, pages: int, *, stopped: bool = False) -> None:
    """What went to the printer, in the main window's status bar (a print job gives no other sign)."""
    window = parent.window()
    if not isinstance(window, QMainWindow):
        return
    if stopped and pages == 0:
        text = _("{title}: Drucken abgebrochen.")
    elif stopped:
        text = (
            _("{title}: Drucken abgebrochen – 1 Seite war schon beim Drucker.")
            if pages == 1
            else _("{title}: Drucken abgebrochen – {pages} Seiten waren schon beim Drucker.")
        )
    else:
        text = (
            _("{title}: 1 Seite an den Drucker geschickt.")
            if pages == 1
            else _("{title}: {pages} Seiten an den Drucker geschickt.")
        )
    window.statusBar().showMessage(text.format(title=title, pages=pages), 15000)
