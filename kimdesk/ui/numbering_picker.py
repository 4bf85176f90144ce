"""The office's numbering, chosen from examples ("26/0001", "2026/0001", "SV-26-0001") with a live preview."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from kimdesk.domain.masterdata import NUMBERING_CHOICES, numbering_example
from kimdesk.l10n.i18n import _


class NumberingPicker(QWidget):
    """A combo of examples (the pattern is its item data) and what the first Vorlagen would be numbered."""

    changed = Signal(str)

    def __init__(self, numbering_format: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = date.today().year
        self.combo = QComboBox()
        self.combo.setAccessibleName(_("Nummernformat"))
        for pattern in NUMBERING_CHOICES:
            self.combo.addItem(numbering_example(pattern, self.year), pattern)
        if self.combo.findData(numbering_format) < 0 and numbering_example(numbering_format, self.year):
            self.combo.addItem(numbering_example(numbering_format, self.year), numbering_format)
        self.combo.setCurrentIndex(max(self.combo.findData(numbering_format), 0))
        self.preview = QLabel()
        self.preview.setAccessibleName(_("Vorschau der Nummern"))
        self.preview.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.preview)
        self.combo.currentIndexChanged.connect(self._update)
        self._update()

    def pattern(self) -> str:
        return str(self.combo.currentData())

    def _update(self, *_args: object) -> None:
        pattern = self.pattern()
        first, second = (numbering_example(pattern, self.year, n) for n in (1, 2))
        following = numbering_example(pattern, self.year + 1)
        self.preview.setText(
            _("Die Vorlagen dieses Jahres: {first}, {second} … – im nächsten Jahr ab {following}").format(
                first=first, second=second, following=following
            )
        )
        self.changed.emit(pattern)
