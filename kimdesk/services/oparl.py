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
from datetime import datetime

from kimdesk.domain.masterdata import Organization, OrganizationKind, Person
from kimdesk.domain.meeting import AgendaItem, Meeting, MeetingState
from kimdesk.domain.model import Paper
from kimdesk.domain.timezone import BERLIN
from kimdesk.services.oparl_data import (
    NON_PUBLIC_TITLE,
    NRW_TERMS,
    OPARL_VERSION,
    SCHEMA,
    Json,
    LegislativeTerm,
    OparlData,
    OparlUrls,
    body_uuid,
    compact,
    published_papers,
    timestamp,
)
from kimdesk.services.oparl_papers import PaperDocuments

#: OParl's organizationType of a known kind (not known: left out).
ORGANIZATION_TYPES: dict[OrganizationKind | None, str] = {
    OrganizationKind.COMMITTEE: "Gremium",
    OrganizationKind.DEPARTMENT: "Verwaltungsbereich",
}


class OparlMapper(OparlUrls):
    """Builds every OParl document of one export: ``documents()`` maps a relative path to its JSON."""

    def __init__(self, data: OparlData, base_url: str, *, include_non_public: bool = False) -> None:
        super().__init__(base_url, body_uuid(data.office))
        self.data = data
        self.include_non_public = include_non_public
        self.meetings = sorted(data.meetings, key=lambda m: (m.start, m.committee.name))
        self.papers = sorted(
            published_papers(data.papers, include_non_public=include_non_public),
            # A Vorlage created at a time not known goes first (it predates kimdesk).
            key=lambda p: (p.created_at is not None, p.created_at or self.data.exported_at, p.reference),
        )
        self.paper_ids = {p.id for p in self.papers}
        self.org_ids = {o.id for o in data.organizations}
        self.paper_documents = PaperDocuments(
            self,
            data,
            {m.id: m for m in self.meetings},
            include_non_public=include_non_public,
            published=self.paper_ids,
        )
        # Organizations and persons carry no timestamps of their own: they take the span of the
        # records that name them, else the span of the whole office.
        self._org_span: dict[uuid.UUID, list[datetime]] = {}
        self._person_span: dict[uuid.UUID, list[datetime]] = {}
        for paper in self.papers:
            stamps = [s for s in (paper.created_at, paper.modified_at) if s is not None]
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

    # -- the whole export ----------------------------------------------------------------------

    def documents(self) -> dict[str, Json]:
        """Relative file path (without ``.json``) → document, System first."""
        docs: dict[str, Json] = {}
        body = self.body()
        docs["system"] = self.system()
        docs["body"] = self.page([body], "body")
        docs[f"body/{self.body_id}"] = body
        for term in body["legislativeTerm"]:
            docs[self.path(term["id"])] = term
        orgs = [self.organization(o) for o in self.data.organizations]
        persons = [self.person(p) for p in self.data.persons]
        meetings = [self.meeting(m) for m in self.meetings]
        papers = [self.paper_documents.paper(p) for p in self.papers]
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
                docs[self.path(obj["id"])] = obj
        for meeting_doc in meetings:
            if "location" in meeting_doc:
                docs[self.path(meeting_doc["location"]["id"])] = meeting_doc["location"]
        for meeting in self.meetings:
            key = f"organization/{meeting.committee.id}/meeting"
            page = docs.setdefault(key, self.page([], key))
            page["data"].append(next(m for m in meetings if m["id"] == self.url("meeting", meeting.id)))
        for key, page in docs.items():
            if key.startswith("organization/") and key.endswith("/meeting"):
                page["pagination"] = self.pagination(len(page["data"]))
        return docs

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
        days = [m.date for m in self.meetings] + [
            p.created_at.astimezone(BERLIN).date() for p in self.papers if p.created_at is not None
        ]
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
        has_meetings = any(m.committee.id == org.id for m in self.meetings)
        return compact(
            {
                "id": self.url("organization", org.id),
                "type": SCHEMA + "Organization",
                "body": self.body_url,
                "name": org.name,
                "shortName": org.short_name,
                # Not known (imported without it): neither is claimed.
                "organizationType": ORGANIZATION_TYPES.get(org.kind),
                "classification": org.kind.label if org.kind else None,
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
