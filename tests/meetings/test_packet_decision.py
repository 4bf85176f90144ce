"""The Protokollauszug prints a numbered Beschlussentwurf (decided as proposed) with its hanging indent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kimdesk.domain.richtext import Span
from kimdesk.pdf.packet import PacketPdfRenderer
from kimdesk.services.meetings import get_meeting
from tests.pdf.readback import text_lines
from tests.rich_samples import numbered_decision


def test_a_numbered_beschlussentwurf_keeps_its_items_in_the_protokollauszug(
    packet_db: Callable[[], Any],
) -> None:
    meeting = get_meeting(packet_db, "IR-2020-09-09")
    item = meeting.item_by_number("4")
    item.resolution_text = ""  # decided as proposed: the Beschlussentwurf is the decision
    with packet_db() as uow:
        paper = uow.papers.get(item.paper_id)
        office = uow.office.get()
    decision = numbered_decision()
    decision.blocks[1].items[0].append(
        Span(" und dem Integrationsrat über den Bescheid des Landes Nordrhein-Westfalen zu berichten.")
    )
    paper.draft_resolution = decision
    lines = text_lines(PacketPdfRenderer().render_minutes_extract(meeting, item, paper, office))
    texts = [str(line["text"]) for line in lines]
    start = texts.index("Beschluss:")
    assert texts[start + 1] == "Der Rat beschließt:"
    assert texts[start + 2].startswith("1. Die Verwaltung wird beauftragt")
    assert texts[start + 4] == "2. Die Eigenanteile werden bereitgestellt."
    intro, first, continued = lines[start + 1], lines[start + 2], lines[start + 3]
    assert abs(float(first["x0"]) - float(intro["x0"])) < 0.5  # type: ignore[arg-type]
    assert float(continued["x0"]) - float(first["x0"]) > 8  # type: ignore[arg-type]  # hanging indent
