"""The demo office's Sitzungen: the Integrationsrat on 09.09.2020 (held, results recorded) and a planned one.

Ids are fixed (uuid5 via ``demo_id``) so that loading the demo twice changes nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from kimdesk.domain.consultations import apply_result_to_paper, assign_consultation
from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.meeting import AgendaItem, AgendaResult, Meeting, MeetingState, record_result
from kimdesk.domain.model import Consultation, ConsultationRole, Paper, PaperStatus, PaperType, SignatureBlock
from kimdesk.domain.richtext import RichText
from kimdesk.domain.timezone import BERLIN
from kimdesk.services.demo import demo_id, demo_organizations, demo_persons, more_papers, seed_paper
from kimdesk.services.ports import UnitOfWorkFactory

#: A unique phrase of the non-public demo Vorlage; the public packet must never contain it.
NON_PUBLIC_MARKER = "Bewerbungslage vertraulich"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def extra_papers(orgs: dict[str, Organization], persons: dict[str, Person]) -> list[Paper]:
    """Two more Vorlagen of the 09.09.2020 agenda: one public decision, one non-public personnel matter."""
    signature = SignatureBlock("Der Bürgermeister", True, "Rainer Weichelt", "Erster Beigeordneter")
    created = datetime(2020, 8, 17, 8, 0, tzinfo=UTC)
    public = Paper(
        id=demo_id("paper:20/0262"),
        reference="20/0262",
        paper_type=PaperType.RESOLUTION,
        lead_department=orgs["integration_dept"],
        title="Interkulturelle Woche 2020 – Programm und Zuschuss",
        rationale=RichText.from_plain(
            "Die Interkulturelle Woche findet vom 27.09. bis 04.10.2020 statt. Das Programm wurde mit den "
            "Migrantenselbstorganisationen abgestimmt; Veranstaltungen finden unter den geltenden "
            "Hygieneregeln statt."
        ),
        consultations=[
            Consultation(
                orgs["integration_council"],
                ConsultationRole.DECISION,
                date(2020, 9, 9),
                "",
                True,
                persons["weichelt"],
            )
        ],
        draft_resolution="Der Integrationsrat beschließt das Programm der Interkulturellen Woche 2020.",
        signature=signature,
        status=PaperStatus.RELEASED,
        created_at=created,
        modified_at=created,
        modified_by="demo",
    )
    created = datetime(2020, 8, 20, 8, 0, tzinfo=UTC)
    non_public = Paper(
        id=demo_id("paper:20/0281"),
        reference="20/0281",
        paper_type=PaperType.INFORMATION,
        lead_department=orgs["integration_dept"],
        title="Besetzung der Koordinierungsstelle im Kommunalen Integrationsmanagement",
        rationale=RichText.from_plain(
            f"Für die Koordinierungsstelle gingen 14 Bewerbungen ein. {NON_PUBLIC_MARKER}: Die Verwaltung "
            "berichtet über das Auswahlverfahren und die vorgesehene Besetzung zum 01.10.2020."
        ),
        consultations=[
            Consultation(
                orgs["integration_council"],
                ConsultationRole.NOTING,
                date(2020, 9, 9),
                "",
                False,
                persons["weichelt"],
            )
        ],
        draft_resolution="Der Integrationsrat nimmt den Bericht zur Kenntnis.",
        signature=signature,
        status=PaperStatus.RELEASED,
        created_at=created,
        modified_at=created,
        modified_by="demo",
    )
    return [public, non_public]


def demo_meetings(
    orgs: dict[str, Organization], papers: dict[str, Paper]
) -> tuple[list[Meeting], list[Paper]]:
    """The meetings, and every Vorlage the agendas touched (assigned, results in the Beschlussvermerk)."""
    council = orgs["integration_council"]
    held = Meeting(
        id=demo_id("meeting:IR-2020-09-09"),
        committee=council,
        start=_at(date(2020, 9, 9), 17),
        end=_at(date(2020, 9, 9), 19, 30),
        location="Rathaus, Großer Sitzungssaal, Rathausplatz 3",
        created_at=datetime(2020, 8, 12, 7, 0, tzinfo=UTC),
    )
    seed = papers["20/0270"]
    if seed.status is PaperStatus.DRAFT:
        seed.status = PaperStatus.RELEASED

    def item(key: str, title: str, paper: Paper | None = None, public: bool = True) -> AgendaItem:
        return AgendaItem(
            id=demo_id(f"agenda:IR-2020-09-09:{key}"),
            title=title,
            public=public,
            paper_id=paper.id if paper else None,
            created_at=held.created_at,
            modified_at=held.created_at,
        )

    plan = [
        ("opening", item("opening", "Eröffnung der Sitzung und Feststellung der Beschlussfähigkeit"), None),
        ("minutes", item("minutes", "Genehmigung der Niederschrift über die Sitzung vom 24.06.2020"), None),
        ("news", item("news", "Mitteilungen der Verwaltung"), None),
        ("kim", item("kim", seed.title, seed), AgendaResult.NOTED),
        ("week", item("week", papers["20/0262"].title, papers["20/0262"]), AgendaResult.UNANIMOUS),
        ("questions", item("questions", "Anfragen"), None),
        (
            "staff",
            item("staff", papers["20/0281"].title, papers["20/0281"], public=False),
            AgendaResult.NOTED,
        ),
    ]
    by_id = {p.id: p for p in papers.values()}
    for _, agenda_item, _ in plan:
        held.add_item(agenda_item)
    touched: list[Paper] = []
    for _, agenda_item, _ in plan:
        if agenda_item.paper_id is not None:
            assign_consultation(by_id[agenda_item.paper_id], held, agenda_item)
            touched.append(by_id[agenda_item.paper_id])
    texts = {
        "week": "Der Integrationsrat beschließt das Programm der Interkulturellen Woche 2020 "
        "und einen Zuschuss von 2.500,00 €.",
    }
    decided_at = datetime(2020, 9, 10, 9, 0, tzinfo=UTC)
    for key, agenda_item, result in plan:
        if result is None or agenda_item.paper_id is None:
            continue
        record_result(held, agenda_item.id, result, texts.get(key, ""))
        agenda_item.modified_at = decided_at
        paper = by_id[agenda_item.paper_id]
        apply_result_to_paper(paper, held, agenda_item)
        paper.modified_at = decided_at
    held.state = MeetingState.HELD
    held.modified_at = decided_at

    planned = Meeting(
        id=demo_id("meeting:IR-2020-11-04"),
        committee=council,
        start=_at(date(2020, 11, 4), 17),
        location="Rathaus, Großer Sitzungssaal, Rathausplatz 3",
        created_at=datetime(2020, 10, 1, 7, 0, tzinfo=UTC),
        modified_at=datetime(2020, 10, 1, 7, 0, tzinfo=UTC),
    )
    sprachcafe = papers["20/0311"]
    planned_items: list[tuple[str, str, Paper | None]] = [
        ("opening", "Eröffnung der Sitzung und Feststellung der Beschlussfähigkeit", None),
        ("sprachcafe", sprachcafe.title, sprachcafe),
    ]
    for key, title, planned_paper in planned_items:
        new_item = planned.add_item(
            AgendaItem(
                id=demo_id(f"agenda:IR-2020-11-04:{key}"),
                title=title,
                paper_id=planned_paper.id if planned_paper else None,
                created_at=planned.created_at,
                modified_at=planned.created_at,
            )
        )
        if planned_paper is not None:
            assign_consultation(planned_paper, planned, new_item)
            touched.append(planned_paper)
    return [held, planned], touched


def apply_demo_meetings(uow_factory: UnitOfWorkFactory) -> list[str]:
    """Store the demo meetings (after ``load_demo``); returns the short ids of the meetings added."""
    orgs = demo_organizations()
    persons = demo_persons()
    added: list[str] = []
    with uow_factory() as uow:
        existing_papers = set(uow.papers.all_ids())
        papers: dict[str, Paper] = {}
        for paper in [seed_paper(orgs, persons), *more_papers(orgs, persons), *extra_papers(orgs, persons)]:
            if paper.id in existing_papers:
                papers[paper.reference] = uow.papers.get(paper.id)
            else:
                uow.papers.add(paper)
                papers[paper.reference] = paper
        known = {m.id for m in uow.meetings.list()}
        meetings, touched = demo_meetings(orgs, papers)
        if all(m.id in known for m in meetings):
            return []
        for meeting in meetings:
            if meeting.id not in known:
                uow.meetings.add(meeting)
                added.append(meeting.short_id)
        for paper in {p.id: p for p in touched}.values():
            uow.papers.update(paper)
        uow.commit()
    return added
