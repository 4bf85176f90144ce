"""Screenshot of „Fassungen vergleichen“: the KIM Vorlage 20/0340 as the Kämmerer rejected it (Fassung 2)
beside the clerk's revision (Fassung 3: three half posts, recomputed table with one figure typed over,
the Sozialausschuss added to the Beratungsfolge, a new paragraph, the Beschlussentwurf adjusted).

Run:  Xvfb :87 -screen 0 1600x1000x24 &
      DISPLAY=:87 .venv/bin/python docs/screenshots/take_compare_screenshot.py
"""

from __future__ import annotations

import copy
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from take_screenshots import screenshot_workdir, settle, shoot  # same folder: run as a script

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kimdesk.domain.funding.proposal import apply_proposal, propose_cells  # noqa: E402
from kimdesk.domain.model import Consultation, ConsultationRole, FinanceRow, Paper, Period  # noqa: E402
from kimdesk.domain.richtext import Block, BlockKind, Span  # noqa: E402
from kimdesk.ui.compare import CompareDialog  # noqa: E402
from kimdesk.ui.main import create_application  # noqa: E402
from tests.demo_data import demo_organizations, demo_persons, funding_papers  # noqa: E402


def revision(old: Paper) -> Paper:
    orgs = demo_organizations()
    new = copy.deepcopy(old)
    new.file_number = "32.1-KIM-B3"
    new.title = old.title.replace("zusätzliche Stellen", "drei zusätzliche halbe Stellen")
    blocks = new.rationale.blocks
    blocks[1].spans = [
        Span(
            "Die Stadt hat eine eigene Ausländerbehörde und eine eigene Einbürgerungsbehörde. Sie erhält für die "
            "Schaffung von drei halben Personalstellen eine Förderung von je 25.000,00 € jährlich, zusammen "
            "75.000,00 € im Jahr und 225.000,00 € für die drei Förderjahre 2020 bis 2022."
        )
    ]
    blocks[2].items.append([Span("Servicestelle: Beratung vor Antragstellung")])
    blocks.append(
        Block(
            BlockKind.PARAGRAPH,
            [
                Span(
                    "Die Personalkosten der dritten halben Stelle liegen über der Pauschale; den Unterschied "
                    "von 5.000,00 € jährlich trägt die Stadt aus dem Budget des Amtes 32."
                )
            ],
        )
    )
    new.funding_modules[0].posts = Decimal("1.5")
    new.funding_modules[0].notes = "drei halbe Stellen: zwei in der Ausländerbehörde, eine in der Einbürgerungsbehörde"
    personnel = (FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL)
    new.financial_impact = apply_proposal(new.financial_impact, propose_cells(new.funding_modules))
    new.financial_impact.amounts[personnel] = Decimal("80000.00")
    new.financial_impact.amounts[(FinanceRow.EXPENSE, Period.ANNUAL)] = Decimal("80000.00")
    new.financial_impact.overridden |= {personnel, (FinanceRow.EXPENSE, Period.ANNUAL)}
    new.consultations[0].agenda_item = "5"
    social = Consultation(orgs["social_committee"], ConsultationRole.PRELIMINARY, date(2020, 11, 12))
    new.consultations.insert(1, social)
    new.draft_resolution = old.draft_resolution.replace("zwei halbe Stellen", "drei halbe Stellen").replace(
        "der Stellen zu.", "der Stellen zu. Den Eigenanteil von 5.000,00 € jährlich trägt das Amt 32."
    )
    return new


def main() -> int:
    if screenshot_workdir() is None:
        return 2
    create_application("de")
    old, _ = funding_papers(demo_organizations(), demo_persons())
    dialog = CompareDialog(old, revision(old), "Fassung 2 vom 30.11.2020, 10:12 Uhr – abgelehnt (Kämmerei)",
                           "Fassung 3 vom 01.12.2020, 15:40 Uhr – aktuell")
    dialog.setGeometry(0, 0, 1600, 1000)
    dialog.show()
    settle(1.0)
    dialog.compare.next_change()
    dialog.compare.next_change()
    shoot("compare.png")
    dialog.compare.only_changes.setChecked(True)
    dialog.compare.next_change()
    shoot("compare-only-changes.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
