"""How the editor presents overridden NKF cells (no Qt): the tooltip and the keep/replace lines."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kimdesk.domain.funding.proposal import Disagreement
from kimdesk.domain.model import Cell
from kimdesk.l10n.formatting import format_money
from kimdesk.l10n.i18n import _


def _amount(value: Decimal | None) -> str:
    return _("kein Betrag") if value is None else format_money(value)


def override_tooltip(computed: Decimal | None) -> str:
    """The tooltip of an overridden cell: „Berechnet: 12.345,00 € – überschrieben“."""
    return _("Berechnet: {amount} – überschrieben").format(amount=_amount(computed))


def override_description(computed: Decimal | None) -> str:
    """What a screen reader says about an overridden cell (the marker is not only a colour)."""
    return _("Überschrieben; berechnet: {amount}. Strg+Rücktaste übernimmt den berechneten Wert.").format(
        amount=_amount(computed)
    )


@dataclass(frozen=True, slots=True)
class DisagreementLine:
    """One line of the „Tabelle übernehmen“ question: which cell, what was typed, what is computed now."""

    cell: Cell
    row: str
    column: str
    typed: str
    computed: str


def disagreement_lines(disagreements: list[Disagreement]) -> list[DisagreementLine]:
    return [
        DisagreementLine(
            cell=d.cell,
            row=_(d.cell[0].label),
            column=_(d.cell[1].label),
            typed=format_money(d.typed),
            computed=_amount(d.computed),
        )
        for d in disagreements
    ]
