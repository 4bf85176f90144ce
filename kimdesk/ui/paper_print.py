"""Datei → Drucken … for the open Vorlage: its PDF (as exported) through the system's print dialog."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from kimdesk.l10n.i18n import _
from kimdesk.ui import dialogs
from kimdesk.ui.printing import print_document

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from kimdesk.ui.editor.page import EditorPage


def print_paper(page: EditorPage, printer: QPrinter | None = None) -> int:
    """Print what the editor shows now (also unsaved changes); returns the pages printed."""
    renderer = page.context.renderer()
    if renderer is None:
        dialogs.warn(page, _("Drucken"), _("Diese Ausgabe von kimdesk enthält keine PDF-Ausgabe."))
        return 0
    paper = copy.deepcopy(page.editor.paper())
    office = page.preview.office
    title = _("Vorlage {reference}").format(reference=paper.reference or _("Neue Vorlage"))
    return print_document(page, title, lambda: renderer.render_paper(paper, office), printer)
