"""What an OParl export is made of: the loaded data, the files beside the JSON, the URL scheme, the rules.

The URL scheme and the publication rules are described in ``kimdesk.services.oparl``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.meeting import Meeting
from kimdesk.domain.model import Paper, PaperStatus
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
    #: None: not known (a Vorlage imported without them); the OParl fields are then left out.
    created: datetime | None
    modified: datetime | None
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


def known_timestamp(value: datetime | None) -> str | None:
    """:func:`timestamp`, or None for a time not known: OParl 1.1 makes created/modified/date optional,
    so the field is left out rather than invented."""
    return None if value is None else timestamp(value)


def known_date(value: datetime | None) -> str | None:
    """The Berlin calendar day of ``value`` ("2020-08-24"); None if not known."""
    return None if value is None else value.astimezone(BERLIN).date().isoformat()


def compact(obj: Json) -> Json:
    """Drop empty optional values: OParl clients must never see null, "" or []."""
    return {k: v for k, v in obj.items() if v is not None and v != "" and v != [] and v != {}}


def body_uuid(office: Office) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"kimdesk:body:{office.municipality}")


class OparlUrls:
    """The export's URL scheme: id URLs under the base URL, the file path of each, one-page lists."""

    def __init__(self, base_url: str, body_id: uuid.UUID) -> None:
        self.base = base_url.rstrip("/")
        self.body_id = body_id

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

    def path(self, url: str) -> str:
        return url.removeprefix(self.base + "/")

    def page(self, objects: list[Json], path: str) -> Json:
        """An OParl list page holding every object (one page: kimdesk offices are small)."""
        url = self.url(path)
        return {
            "data": objects,
            "pagination": self.pagination(len(objects)),
            "links": {"first": url, "last": url},
        }

    @staticmethod
    def pagination(count: int) -> Json:
        return {"totalElements": count, "elementsPerPage": max(count, 1), "currentPage": 1, "totalPages": 1}


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
