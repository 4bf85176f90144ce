"""OParl documents of a Vorlage: the Paper, its Consultations and its Files (main PDF and Anlagen)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from kimdesk.domain.codec import financial_impact_to_data, funding_module_to_data
from kimdesk.domain.meeting import Meeting
from kimdesk.domain.model import Consultation, Paper
from kimdesk.domain.richtext_html import richtext_html
from kimdesk.services.oparl_data import (
    SCHEMA,
    ExportedFile,
    Json,
    OparlData,
    OparlUrls,
    compact,
    known_date,
    known_timestamp,
    timestamp,
)


class PaperDocuments:
    """Builds the JSON of one Vorlage; links only to objects the export holds."""

    def __init__(
        self,
        urls: OparlUrls,
        data: OparlData,
        meetings: dict[uuid.UUID, Meeting],
        *,
        include_non_public: bool,
        published: set[uuid.UUID] | None = None,
    ) -> None:
        self.urls = urls
        #: The Vorlagen of the export: a Bezugsvorlage links to one of them only.
        self.published = published if published is not None else {p.id for p in data.papers}
        self.data = data
        self.meeting_by_id = meetings
        self.include_non_public = include_non_public
        self.org_ids = {o.id for o in data.organizations}
        self.person_ids = {p.id for p in data.persons}
        #: Original → its Ergänzungs-/Änderungsvorlagen (OParl's subordinatedPaper).
        self.subordinated: dict[uuid.UUID, list[uuid.UUID]] = {}
        for candidate in data.papers:
            link = candidate.supplement_to
            if link is not None and link.paper_id is not None:
                self.subordinated.setdefault(link.paper_id, []).append(candidate.id)

    def paper(self, paper: Paper) -> Json:
        url = self.urls.url("paper", paper.id)
        created, modified = known_timestamp(paper.created_at), known_timestamp(paper.modified_at)
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
                "body": self.urls.body_url,
                "name": paper.title,
                "reference": paper.reference,
                "relatedPaper": [
                    self.urls.url("paper", r.paper_id)
                    for r in paper.related_papers
                    if r.paper_id is not None and r.paper_id in self.published
                ],
                "superordinatedPaper": self._linked(
                    [paper.supplement_to.paper_id] if paper.supplement_to else []
                ),
                "subordinatedPaper": self._linked(self.subordinated.get(paper.id, [])),
                # OParl 1.1's Paper has no field for the Aktenzeichen (its "reference" is the Vorlage Nr.).
                "kimdesk:fileNumber": paper.file_number,
                "date": known_date(paper.created_at),
                "paperType": paper.paper_type.label if paper.paper_type else None,  # None: not known
                "underDirectionOf": [self.urls.url("organization", paper.lead_department.id)]
                if paper.lead_department is not None and paper.lead_department.id in self.org_ids
                else None,
                "mainFile": self.file(main, paper) if main else None,
                "auxiliaryFile": [self.file(f, paper) for f in attachments],
                "consultation": [self.consultation(paper, i, c) for i, c in enumerate(paper.consultations)],
                "kimdesk:status": paper.status.label,
                "kimdesk:draftResolution": paper.draft_resolution.plain_text(),
                "kimdesk:draftResolutionHtml": richtext_html(paper.draft_resolution) or None,
                "kimdesk:rationaleHtml": richtext_html(paper.rationale) or None,
                "kimdesk:financialImpact": financial_impact_to_data(paper.financial_impact),
                "kimdesk:fundingModules": [funding_module_to_data(m) for m in paper.funding_modules],
                "kimdesk:climateImpact": climate,
                "kimdesk:signOffs": sign_offs,
                "kimdesk:minutesExtracts": paper.minutes_extracts,
                "created": created,
                "modified": modified,
            }
        )

    def _linked(self, ids: Sequence[uuid.UUID | None]) -> list[str]:
        """URLs of the Vorlagen among ``ids`` that the export publishes."""
        return [self.urls.url("paper", i) for i in ids if i is not None and i in self.published]

    def consultation(self, paper: Paper, index: int, c: Consultation) -> Json:
        meeting = self.meeting_by_id.get(c.meeting_id) if c.meeting_id else None
        item = meeting.item_for_paper(paper.id) if meeting else None
        if item is not None and not item.public and not self.include_non_public:
            item = None
        return compact(
            {
                "id": self.urls.consultation_url(paper, index),
                "type": SCHEMA + "Consultation",
                "paper": self.urls.url("paper", paper.id),
                "meeting": self.urls.url("meeting", meeting.id) if meeting else None,
                "agendaItem": self.urls.url("agendaItem", item.id) if item else None,
                "organization": [self.urls.url("organization", c.committee.id)]
                if c.committee is not None and c.committee.id in self.org_ids
                else None,
                # Both follow from the Zuständigkeit: left out when it is not known.
                "authoritative": c.authoritative if c.role else None,
                "role": c.role.label if c.role else None,
                "kimdesk:meetingDate": c.meeting_date.isoformat() if c.meeting_date else None,
                "kimdesk:rapporteur": self.urls.url("person", c.rapporteur.id)
                if c.rapporteur is not None and c.rapporteur.id in self.person_ids
                else None,
                "created": known_timestamp(paper.created_at),
                "modified": known_timestamp(paper.modified_at),
            }
        )

    def file(self, exported: ExportedFile, paper: Paper) -> Json:
        access = self.urls.url(exported.path)
        return compact(
            {
                "id": self.urls.url("file", exported.id),
                "type": SCHEMA + "File",
                "name": exported.name,
                "fileName": exported.file_name,
                "mimeType": exported.media_type,
                "date": known_date(exported.modified),
                "size": exported.size,
                "sha512Checksum": exported.sha512,
                "accessUrl": access,
                "downloadUrl": access,
                "paper": [self.urls.url("paper", paper.id)],
                "created": known_timestamp(exported.created),
                "modified": known_timestamp(exported.modified),
            }
        )
