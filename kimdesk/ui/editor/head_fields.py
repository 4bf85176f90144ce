"""The head's fields beside Vorlageart and Amt: Aktenzeichen and Bezugsvorlagen."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from kimdesk.domain.limits import MAX_SHORT
from kimdesk.domain.model import Paper, RelatedPaper
from kimdesk.l10n.i18n import _
from kimdesk.services.related_papers import link_state_text, read_related, related_text
from kimdesk.ui.editor.widgets import field_label


class HeadFields:
    """Aktenzeichen (free text) and Bezugsvorlagen (numbers, comma separated), added to the head's form."""

    def __init__(self, form: QFormLayout) -> None:
        self.file_number = QLineEdit()
        self.file_number.setAccessibleName(_("Aktenzeichen"))
        self.file_number.setMaxLength(MAX_SHORT)
        self.related = QLineEdit()
        self.related.setAccessibleName(_("Bezugsvorlagen"))
        self.related.setPlaceholderText(_("Nummern früherer Vorlagen, z. B. 19/0112, 20/0003"))
        self.related_state = QLabel()
        self.related_state.setWordWrap(True)
        self.related_state.setAccessibleName(_("Bezugsvorlagen, verknüpft"))
        form.addRow(field_label(_("A&ktenzeichen:"), self.file_number), self.file_number)
        form.addRow(field_label(_("Be&zugsvorlagen:"), self.related), self.related)
        form.addRow("", self.related_state)
        self._known: list[RelatedPaper] = []

    def set_value(self, paper: Paper) -> None:
        self._known = list(paper.related_papers)
        if self.file_number.text() != paper.file_number:
            self.file_number.setText(paper.file_number)
        shown = related_text(paper.related_papers)
        if self.related.text() != shown:
            self.related.setText(shown)
        state = link_state_text(paper.related_papers)
        self.related_state.setText(state)
        self.related_state.setVisible(bool(state))

    def value(self, own_reference: str) -> tuple[str, list[RelatedPaper], list[str]]:
        related, problems = read_related(self.related.text(), own_reference, self._known)
        return self.file_number.text().strip(), related, problems

    def set_read_only(self, locked: bool) -> None:
        # Disabled, as Vorlageart and Federführendes Amt beside them: greyed. Read-only alone left them
        # white as an editable field, and the clerk's typing into them did nothing.
        for field in (self.file_number, self.related):
            field.setEnabled(not locked)
