"""Save conflicts: both versions side by side, the clerk chooses which one stays."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import ConflictError
from kimdesk.domain.model import Paper
from kimdesk.l10n.formatting import format_date, format_datetime, format_money
from kimdesk.l10n.i18n import _
from kimdesk.services.cells import plain_row
from kimdesk.ui.read_only_table import ReadOnlyTable


class Choice(Enum):
    MINE = "mine"
    STORED = "stored"
    CANCEL = "cancel"


def readable_fields(paper: Paper) -> dict[str, str]:
    """Every field of the form as a short German text, for comparing two versions."""
    impact = paper.financial_impact
    consultations = "; ".join(
        ", ".join(
            part
            for part in (
                c.committee.name if c.committee else "?",
                _(c.role.label),
                format_date(c.meeting_date),
                _("TOP {number}").format(number=c.agenda_item) if c.agenda_item else "",
                _("öffentlich") if c.public else _("nicht öffentlich"),
                c.rapporteur.name if c.rapporteur else "",
            )
            if part
        )
        for c in paper.consultations
    )
    amounts = "; ".join(
        f"{_(row.label)} {_(period.label)}: {format_money(value)}"
        for (row, period), value in sorted(
            impact.amounts.items(), key=lambda kv: (kv[0][0].value, kv[0][1].value)
        )
    )
    signature = paper.signature
    return {
        _("Vorlageart"): _(paper.paper_type.label),
        _("Federführendes Amt"): paper.lead_department.name if paper.lead_department else "",
        _("Beratungsfolge"): consultations,
        _("Betrifft"): paper.title,
        _("Begründung"): paper.rationale.plain_text(),
        _("Finanzielle Auswirkungen"): (_(impact.choice.label) if impact.choice else "")
        + (f" – {amounts}" if amounts else ""),
        _("Haushaltsmittel"): {
            None: "",
            True: _("stehen zur Verfügung"),
            False: _("stehen nicht zur Verfügung"),
        }[impact.budget_available],
        _("Fördermodule"): "; ".join(
            f"{m.programme}/{m.component} {m.posts} ({m.start_year}–{m.end_year})"
            for m in paper.funding_modules
        ),
        _("Klimarelevante Auswirkungen"): (_(paper.climate_impact.label) if paper.climate_impact else "")
        + (f" – {paper.climate_text}" if paper.climate_text else ""),
        _("Beschlussentwurf"): paper.draft_resolution,
        _("Unterschrift"): " / ".join(
            p
            for p in (
                signature.heading,
                _("i. V.") if signature.on_behalf else "",
                signature.name,
                signature.function,
            )
            if p
        ),
        _("Protokollauszüge"): "" if paper.minutes_extracts is None else str(paper.minutes_extracts),
        _("Status"): _(paper.status.label),
    }


def differences(mine: Paper, stored: Paper) -> list[tuple[str, str, str]]:
    a, b = readable_fields(mine), readable_fields(stored)
    return [(name, a[name], b[name]) for name in a if a[name] != b[name]]


class ConflictDialog(QDialog):
    def __init__(
        self, mine: Paper, stored: Paper, error: ConflictError, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Speicherkonflikt – Vorlage {reference}").format(reference=mine.reference))
        self.choice = Choice.CANCEL
        who = error.changed_by or stored.modified_by or _("jemand anderes")
        when = format_datetime(error.changed_at or stored.modified_at)
        intro = QLabel(
            _(
                "{who} hat diese Vorlage am {when} gespeichert, während Sie sie bearbeitet haben. "
                "Welche Fassung soll gelten?"
            ).format(who=who, when=when)
        )
        intro.setWordWrap(True)
        rows = differences(mine, stored)
        self.table = ReadOnlyTable(
            [_("Feld"), _("Meine Fassung"), _("Gespeicherte Fassung")],
            _("Unterschiede der beiden Fassungen"),
            stretch=1,
            parent=self,
        )
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self.table.set_rows([plain_row(*values) for values in rows])
        if not rows:
            intro.setText(intro.text() + " " + _("Inhaltlich unterscheiden sich die Fassungen nicht."))
        buttons = QDialogButtonBox(self)
        self.mine_button = QPushButton(_("&Meine Fassung speichern"))
        self.stored_button = QPushButton(_("&Gespeicherte Fassung übernehmen"))
        buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.stored_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.mine_button.clicked.connect(lambda: self._choose(Choice.MINE))
        self.stored_button.clicked.connect(lambda: self._choose(Choice.STORED))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
