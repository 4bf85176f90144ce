"""Mapping of the office's bodies, persons, meetings and Vorlagen to OParl 1.1 JSON (pure, given the data).

Every object gets an id URL under the base URL (``{base}/paper/<uuid>``) and is written to the file of
the same path plus ``.json`` (``paper/<uuid>.json``); list pages (``{base}/body/<id>/paper``) likewise.
A plain static web server therefore needs one rewrite rule (nginx: ``try_files $uri $uri.json``); the
``kimdesk oparl --serve`` server does this itself.

Rules that OParl clients rely on: ``created``/``modified`` on every object, never ``null``, ``""`` or
``[]`` for an empty optional field, and data OParl has no field for under the ``kimdesk:`` prefix.
Only released (freigegeben or beschlossen) Vorlagen are published, and non-public agenda items are
listed without their Vorlage, title or decision text – unless ``include_non_public`` is set for an
internal system.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from kimdesk.domain.codec import financial_impact_to_data, funding_module_to_data
from kimdesk.domain.masterdata import Office, Organization, OrganizationKind, Person
from kimdesk.domain.meeting import AgendaItem, Meeting, MeetingState
from kimdesk.domain.model import Consultation, Paper, PaperStatus
from kimdesk.domain.timezone import BERLIN

OPARL_VERSION = "https://schema.oparl.org/1.1/"
SCHEMA = "https://schema.oparl.org/1.1/"
NON_PUBLIC_TITLE = "Nichtöffentlicher Tagesordnungspunkt"
PUBLISHED_STATUSES = (PaperStatus.RELEASED, PaperStatus.DECIDED)

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ExportedFile:
    """A file written next to the JSON (``files/<id>.pdf``) and described by an OParl File."""

    id: uuid.UUID
    name: str
    file_name: str
    path: str
    size: int
    sha512: str
    created: datetime
    modified: datetime
    media_type: str = "application/pdf"


@dataclass(frozen=True, slots=True)
class LegislativeTerm:
    name: str
    start: date
    end: date


#: The Wahlperioden of the NRW municipal councils (elections 2014, 2020, 2025).
NRW_TERMS = (
    LegislativeTerm("Wahlperiode 2014–2020", date(2014, 6, 1), date(2020, 10, 31)),
    LegislativeTerm("Wahlperiode 2020–2025", date(2020, 11, 1), date(2025, 10, 31)),
    LegislativeTerm("Wahlperiode 2025–2030", date(2025, 11, 1), date(2030, 10, 31)),
)


@dataclass
class OparlData:
    """Everything one export needs, already loaded."""

    office: Office
    organizations: list[Organization]
    persons: list[Person]
    meetings: list[Meeting]
    papers: list[Paper]
    #: The rendered PDF of each Vorlage, by paper id.
    main_files: dict[uuid.UUID, ExportedFile] = field(default_factory=dict)
    #: The Anlagen of each Vorlage, by paper id.
    attachments: dict[uuid.UUID, list[ExportedFile]] = field(default_factory=dict)
    #: When the export runs; only the fallback for objects without any timestamp.
    exported_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def timestamp(value: datetime) -> str:
    """ISO 8601 with the Berlin offset, to the second ("2020-08-24T11:30:00+02:00")."""
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    return value.astimezone(BERLIN).isoformat(timespec="seconds")


def compact(obj: Json) -> Json:
    """Drop empty optional values: OParl clients must never see null, "" or []."""
    return {k: v for k, v in obj.items() if v is not None and v != "" and v != [] and v != {}}


def body_uuid(office: Office) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"kimdesk:body:{office.municipality}")


class OparlMapper:
    """Builds every OParl document of one export: ``documents()`` maps a relative path to its JSON."""

    def __init__(self, data: OparlData, base_url: str, *, include_non_public: bool = False) -> None:
        self.data = data
        self.base = base_url.rstrip("/")
        self.include_non_public = include_non_public
        self.body_id = body_uuid(data.office)
        self.meetings = sorted(data.meetings, key=lambda m: (m.start, m.committee.name))
        self.papers = sorted(
            published_papers(data.papers, include_non_public=include_non_public),
            key=lambda p: (p.created_at, p.reference),
        )
        self.paper_ids = {p.id for p in self.papers}
        self.meeting_by_id = {m.id: m for m in self.meetings}
        self.org_ids = {o.id for o in data.organizations}
        self.person_ids = {p.id for p in data.persons}
        # Organizations and persons carry no timestamps of their own: they take the span of the
        # records that name them, else the span of the whole office.
        self._org_span: dict[uuid.UUID, list[datetime]] = {}
        self._person_span: dict[uuid.UUID, list[datetime]] = {}
        for paper in self.papers:
            stamps = [paper.created_at, paper.modified_at]
            if paper.lead_department is not None:
                self._org_span.setdefault(paper.lead_department.id, []).extend(stamps)
            for c in paper.consultations:
                if c.committee is not None:
                    self._org_span.setdefault(c.committee.id, []).extend(stamps)
                if c.rapporteur is not None:
                    self._person_span.setdefault(c.rapporteur.id, []).extend(stamps)
        for meeting in self.meetings:
            self._org_span.setdefault(meeting.committee.id, []).extend(
                [meeting.created_at, meeting.modified_at]
            )
        everything = [s for spans in self._org_span.values() for s in spans]
        self._office_span = (min(everything), max(everything)) if everything else None

    # -- URLs ----------------------------------------------------------------------------------

    def url(self, *parts: object) -> str:
        return "/".join([self.base, *(str(p) for p in parts)])

    @property
    def system_url(self) -> str:
        return self.url("system")

    @property
    def body_url(self) -> str:
        return self.url("body", self.body_id)

    def consultation_url(self, paper: Paper, index: int) -> str:
        return self.url("consultation", f"{paper.id}-{index + 1}")

    # -- the whole export ----------------------------------------------------------------------

    def documents(self) -> dict[str, Json]:
        """Relative file path (without ``.json``) → document, System first."""
        docs: dict[str, Json] = {}
        body = self.body()
        docs["system"] = self.system()
        docs["body"] = self.page([body], "body")
        docs[f"body/{self.body_id}"] = body
        for term in body["legislativeTerm"]:
            docs[self._path(term["id"])] = term
        orgs = [self.organization(o) for o in self.data.organizations]
        persons = [self.person(p) for p in self.data.persons]
        meetings = [self.meeting(m) for m in self.meetings]
        papers = [self.paper(p) for p in self.papers]
        items = [i for m in meetings for i in m.get("agendaItem", [])]
        consultations = [c for p in papers for c in p.get("consultation", [])]
        files = [f for p in papers for f in [p.get("mainFile"), *p.get("auxiliaryFile", [])] if f]
        for name, objects in (
            ("organization", orgs),
            ("person", persons),
            ("meeting", meetings),
            ("paper", papers),
            ("agendaItem", items),
            ("consultation", consultations),
            ("file", files),
        ):
            docs[f"body/{self.body_id}/{name}"] = self.page(objects, f"body/{self.body_id}/{name}")
            for obj in objects:
                docs[self._path(obj["id"])] = obj
        for meeting_doc in meetings:
            if "location" in meeting_doc:
                docs[self._path(meeting_doc["location"]["id"])] = meeting_doc["location"]
        for meeting in self.meetings:
            key = f"organization/{meeting.committee.id}/meeting"
            page = docs.setdefault(key, self.page([], key))
            page["data"].append(next(m for m in meetings if m["id"] == self.url("meeting", meeting.id)))
        for key, page in docs.items():
            if key.startswith("organization/") and key.endswith("/meeting"):
                page["pagination"] = self._pagination(len(page["data"]))
        return docs

    def _path(self, url: str) -> str:
        return url.removeprefix(self.base + "/")

    def page(self, objects: list[Json], path: str) -> Json:
        """An OParl list page holding every object (one page: kimdesk offices are small)."""
        url = self.url(path)
        return {
            "data": objects,
            "pagination": self._pagination(len(objects)),
            "links": {"first": url, "last": url},
        }

    @staticmethod
    def _pagination(count: int) -> Json:
        return {"totalElements": count, "elementsPerPage": max(count, 1), "currentPage": 1, "totalPages": 1}

    # -- objects -------------------------------------------------------------------------------

    def _span(self, spans: list[datetime] | None) -> tuple[str, str]:
        if spans:
            return timestamp(min(spans)), timestamp(max(spans))
        if self._office_span is not None:
            return timestamp(self._office_span[0]), timestamp(self._office_span[1])
        now = timestamp(self.data.exported_at)
        return now, now

    def system(self) -> Json:
        created, modified = self._span(None)
        return compact(
            {
                "id": self.system_url,
                "type": SCHEMA + "System",
                "oparlVersion": OPARL_VERSION,
                "body": self.url("body"),
                "name": f"kimdesk – {self.data.office.municipality}",
                "created": created,
                "modified": modified,
            }
        )

    def body(self) -> Json:
        created, modified = self._span(None)
        office = self.data.office
        return compact(
            {
                "id": self.body_url,
                "type": SCHEMA + "Body",
                "system": self.system_url,
                "name": office.municipality,
                "shortName": office.municipality.removeprefix("Stadt ").removeprefix("Gemeinde "),
                "organization": self.url("body", self.body_id, "organization"),
                "person": self.url("body", self.body_id, "person"),
                "meeting": self.url("body", self.body_id, "meeting"),
                "paper": self.url("body", self.body_id, "paper"),
                "agendaItem": self.url("body", self.body_id, "agendaItem"),
                "consultation": self.url("body", self.body_id, "consultation"),
                "file": self.url("body", self.body_id, "file"),
                "legislativeTerm": [self.legislative_term(t, created, modified) for t in self._terms()],
                "created": created,
                "modified": modified,
            }
        )

    def _terms(self) -> list[LegislativeTerm]:
        days = [m.date for m in self.meetings] + [p.created_at.astimezone(BERLIN).date() for p in self.papers]
        if not days:
            days = [self.data.exported_at.astimezone(BERLIN).date()]
        lo, hi = min(days), max(days)
        terms = [t for t in NRW_TERMS if t.start <= hi and t.end >= lo]
        return terms or [NRW_TERMS[-1]]

    def legislative_term(self, term: LegislativeTerm, created: str, modified: str) -> Json:
        return {
            "id": self.url("legislativeTerm", term.start.year),
            "type": SCHEMA + "LegislativeTerm",
            "body": self.body_url,
            "name": term.name,
            "startDate": term.start.isoformat(),
            "endDate": term.end.isoformat(),
            "created": created,
            "modified": modified,
        }

    def organization(self, org: Organization) -> Json:
        created, modified = self._span(self._org_span.get(org.id))
        committee = org.kind is OrganizationKind.COMMITTEE
        has_meetings = any(m.committee.id == org.id for m in self.meetings)
        return compact(
            {
                "id": self.url("organization", org.id),
                "type": SCHEMA + "Organization",
                "body": self.body_url,
                "name": org.name,
                "shortName": org.short_name,
                "organizationType": "Gremium" if committee else "Verwaltungsbereich",
                "classification": org.kind.label,
                "meeting": self.url("organization", org.id, "meeting") if has_meetings else None,
                "created": created,
                "modified": modified,
            }
        )

    def person(self, person: Person) -> Json:
        created, modified = self._span(self._person_span.get(person.id))
        return compact(
            {
                "id": self.url("person", person.id),
                "type": SCHEMA + "Person",
                "body": self.body_url,
                "name": person.name,
                "status": [person.function] if person.function else None,
                "created": created,
                "modified": modified,
            }
        )

    def meeting(self, meeting: Meeting) -> Json:
        url = self.url("meeting", meeting.id)
        location = None
        if meeting.location.strip():
            location = {
                "id": self.url("location", meeting.id),
                "type": SCHEMA + "Location",
                "description": meeting.location.strip(),
                "created": timestamp(meeting.created_at),
                "modified": timestamp(meeting.modified_at),
            }
        return compact(
            {
                "id": url,
                "type": SCHEMA + "Meeting",
                "name": meeting.title,
                "meetingState": meeting.state.label,
                "cancelled": True if meeting.state is MeetingState.CANCELLED else None,
                "start": timestamp(meeting.start),
                "end": timestamp(meeting.end) if meeting.end else None,
                "location": location,
                "organization": [self.url("organization", meeting.committee.id)]
                if meeting.committee.id in self.org_ids
                else None,
                "agendaItem": [self.agenda_item(meeting, item) for item in meeting.items],
                "kimdesk:shortId": meeting.short_id,
                "created": timestamp(meeting.created_at),
                "modified": timestamp(meeting.modified_at),
            }
        )

    def agenda_item(self, meeting: Meeting, item: AgendaItem) -> Json:
        hidden = not item.public and not self.include_non_public
        consultation = None
        if not hidden and item.paper_id in self.paper_ids:
            paper = next(p for p in self.papers if p.id == item.paper_id)
            index = self._consultation_index(paper, meeting)
            if index is not None:
                consultation = self.consultation_url(paper, index)
        return compact(
            {
                "id": self.url("agendaItem", item.id),
                "type": SCHEMA + "AgendaItem",
                "meeting": self.url("meeting", meeting.id),
                "number": item.number,
                "order": item.order,
                "name": NON_PUBLIC_TITLE if hidden else item.title,
                "public": item.public,
                "consultation": consultation,
                "result": item.result.label if item.result and not hidden else None,
                "resolutionText": None if hidden else item.resolution_text,
                "created": timestamp(item.created_at),
                "modified": timestamp(item.modified_at),
            }
        )

    @staticmethod
    def _consultation_index(paper: Paper, meeting: Meeting) -> int | None:
        for index, c in enumerate(paper.consultations):
            if c.meeting_id == meeting.id:
                return index
        return None

    def paper(self, paper: Paper) -> Json:
        url = self.url("paper", paper.id)
        created, modified = timestamp(paper.created_at), timestamp(paper.modified_at)
        main = self.data.main_files.get(paper.id)
        attachments = self.data.attachments.get(paper.id, [])
        sign_offs = [
            compact(
                {
                    "role": s.role_label,
                    "person": s.person_name,
                    "asDeputy": True if s.as_deputy else None,
                    "decision": s.decision.label if s.decision else None,
                    "signedAt": timestamp(s.signed_at) if s.signed_at else None,
                    "remark": s.remark,
                    "contentHash": s.content_hash,
                }
            )
            for s in paper.active_sign_offs
        ]
        climate = None
        if paper.climate_impact is not None:
            climate = compact({"choice": paper.climate_impact.label, "text": paper.climate_text})
        return compact(
            {
                "id": url,
                "type": SCHEMA + "Paper",
                "body": self.body_url,
                "name": paper.title,
                "reference": paper.reference,
                "date": paper.created_at.astimezone(BERLIN).date().isoformat(),
                "paperType": paper.paper_type.label,
                "underDirectionOf": [self.url("organization", paper.lead_department.id)]
                if paper.lead_department is not None and paper.lead_department.id in self.org_ids
                else None,
                "mainFile": self.file(main, paper) if main else None,
                "auxiliaryFile": [self.file(f, paper) for f in attachments],
                "consultation": [self.consultation(paper, i, c) for i, c in enumerate(paper.consultations)],
                "kimdesk:status": paper.status.label,
                "kimdesk:draftResolution": paper.draft_resolution,
                "kimdesk:financialImpact": financial_impact_to_data(paper.financial_impact),
                "kimdesk:fundingModules": [funding_module_to_data(m) for m in paper.funding_modules],
                "kimdesk:climateImpact": climate,
                "kimdesk:signOffs": sign_offs,
                "kimdesk:minutesExtracts": paper.minutes_extracts,
                "created": created,
                "modified": modified,
            }
        )

    def consultation(self, paper: Paper, index: int, c: Consultation) -> Json:
        meeting = self.meeting_by_id.get(c.meeting_id) if c.meeting_id else None
        item = meeting.item_for_paper(paper.id) if meeting else None
        if item is not None and not item.public and not self.include_non_public:
            item = None
        return compact(
            {
                "id": self.consultation_url(paper, index),
                "type": SCHEMA + "Consultation",
                "paper": self.url("paper", paper.id),
                "meeting": self.url("meeting", meeting.id) if meeting else None,
                "agendaItem": self.url("agendaItem", item.id) if item else None,
                "organization": [self.url("organization", c.committee.id)]
                if c.committee is not None and c.committee.id in self.org_ids
                else None,
                "authoritative": c.authoritative,
                "role": c.role.label,
                "kimdesk:meetingDate": c.meeting_date.isoformat() if c.meeting_date else None,
                "kimdesk:rapporteur": self.url("person", c.rapporteur.id)
                if c.rapporteur is not None and c.rapporteur.id in self.person_ids
                else None,
                "created": timestamp(paper.created_at),
                "modified": timestamp(paper.modified_at),
            }
        )

    def file(self, exported: ExportedFile, paper: Paper) -> Json:
        access = self.url(exported.path)
        return compact(
            {
                "id": self.url("file", exported.id),
                "type": SCHEMA + "File",
                "name": exported.name,
                "fileName": exported.file_name,
                "mimeType": exported.media_type,
                "date": exported.modified.astimezone(BERLIN).date().isoformat(),
                "size": exported.size,
                "sha512Checksum": exported.sha512,
                "accessUrl": access,
                "downloadUrl": access,
                "paper": [self.url("paper", paper.id)],
                "created": timestamp(exported.created),
                "modified": timestamp(exported.modified),
            }
        )


def published_papers(papers: Iterable[Paper], *, include_non_public: bool = False) -> list[Paper]:
    """The Vorlagen an export publishes (the ones whose PDF must be rendered)."""
    if include_non_public:
        return list(papers)
    return [p for p in papers if is_published(p)]


def is_published(paper: Paper) -> bool:
    """Released, and not dealt with only behind closed doors."""
    if paper.status not in PUBLISHED_STATUSES:
        return False
    return not paper.consultations or any(c.public for c in paper.consultations)
