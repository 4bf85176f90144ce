"""An office's form profile: how its Vorlagen look, as data.

A profile names the kind of office, its letterhead, its bodies and offices, the labels of the form,
and per Vorlagenart the numbering, the sections (order, headings, shown or not), the head's layout and
the signature blocks. ``FormProfile()`` is the seed city form (20/0270); shipped profiles live in
``resources/forms/`` and are read by ``kimdesk.services.form_profiles``. The JSON shape is
``resources/forms/form-profile-1.schema.json``; ``kimdesk.domain.form_profile_codec`` converts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kimdesk.domain.model import PaperType

FORMAT = "kimdesk-form-profile"
VERSION = 1


class OfficeKind(StrEnum):
    CITY = "stadt"
    DISTRICT = "kreis"
    MUNICIPALITY = "gemeinde"
    ASSOCIATION = "verband"
    OTHER = "sonstige"

    @property
    def label(self) -> str:
        return {
            OfficeKind.CITY: "Stadt",
            OfficeKind.DISTRICT: "Kreis",
            OfficeKind.MUNICIPALITY: "Gemeinde",
            OfficeKind.ASSOCIATION: "Verband",
            OfficeKind.OTHER: "Sonstige",
        }[self]


class HeadLayout(StrEnum):
    #: One body (the first of the Beratungsfolge) with Berichterstatter, Zuständigkeit, Sitzung, Punkt.
    SINGLE_BODY = "single_body"
    #: The whole Beratungsfolge as a table: one row per body.
    CONSULTATION_TABLE = "consultation_table"


#: Every section a Vorlagenart can show, with its default heading (the seed form's wording).
SECTION_HEADINGS: dict[str, str] = {
    "subject": "Betrifft:",
    "related_papers": "Bezugsvorlagen:",
    "rationale": "Begründung:",
    "financial_impact": "Finanzielle Auswirkungen:",
    "funding_modules": "Fördermodule:",
    "climate_impact": "Wesentliche klimarelevante Auswirkungen:",
    "draft_resolution": "Beschlussentwurf:",
    "signature": "",
    "sign_off_grid": "Mitzeichnungen",
    "minutes_extracts": "Zahl der erforderlichen Protokollauszüge:",
    "resolution_record": "Beschlussvermerk",
    "attachments": "Anlagen:",
}
SECTION_NAMES: dict[str, str] = {
    "subject": "Betreff",
    "related_papers": "Bezugsvorlagen",
    "rationale": "Begründung",
    "financial_impact": "Finanzielle Auswirkungen (NKF)",
    "funding_modules": "Fördermodule",
    "climate_impact": "Klimarelevanz",
    "draft_resolution": "Beschlussentwurf/-vorschlag",
    "signature": "Unterschrift",
    "sign_off_grid": "Mitzeichnungen",
    "minutes_extracts": "Zahl der Protokollauszüge",
    "resolution_record": "Beschlussvermerk",
    "attachments": "Anlagen",
}
SECTION_KEYS = tuple(SECTION_HEADINGS)
#: Head fields a profile can switch on, in print order.
HEAD_FIELDS = ("lead_department", "file_number", "public")
#: The seed city's form; Aktenzeichen, Bezugsvorlagen and Anlagen print only when a Vorlage has them.
SEED_SECTIONS = (
    "subject",
    "related_papers",
    "rationale",
    "sign_off_grid",
    "minutes_extracts",
    "financial_impact",
    "funding_modules",
    "climate_impact",
    "draft_resolution",
    "signature",
    "attachments",
    "resolution_record",
)


@dataclass(slots=True)
class Section:
    key: str
    #: None: the default heading of the key (``SECTION_HEADINGS``).
    heading: str | None = None
    visible: bool = True

    @property
    def shown_heading(self) -> str:
        return SECTION_HEADINGS.get(self.key, "") if self.heading is None else self.heading


@dataclass(slots=True)
class Numbering:
    """A Vorlagenart's own numbering: ``prefix`` + ``pattern`` with ``{yy}``/``{yyyy}`` and ``{n}``."""

    prefix: str = ""
    pattern: str = "{yy}/{n}"
    digits: int = 4
    #: True: the counter starts at 1 each year; False: it runs on across years.
    per_year: bool = True

    def numbering_format(self) -> str:
        """The equivalent office numbering format ("BV/{yyyy}/{n:03d}")."""
        escaped = self.prefix.replace("{", "{{").replace("}", "}}")
        return escaped + self.pattern.replace("{n}", f"{{n:0{self.digits}d}}")


@dataclass(slots=True)
class SignatureSlot:
    """One signature block. An empty heading in the first slot means: the Vorlage's own signature."""

    heading: str = ""
    function: str = ""


@dataclass(slots=True)
class PaperKind:
    """A Vorlagenart of the office (keyed like the paper types: "resolution", "information" …)."""

    key: str
    label: str
    #: None: the office's numbering format with the shared yearly counter.
    numbering: Numbering | None = None
    sections: list[Section] = field(default_factory=lambda: [Section(k) for k in SEED_SECTIONS])
    head_layout: HeadLayout = HeadLayout.SINGLE_BODY
    head_fields: list[str] = field(default_factory=lambda: ["lead_department", "file_number", "public"])
    signatures: list[SignatureSlot] = field(default_factory=lambda: [SignatureSlot()])

    def shown(self, key: str) -> bool:
        return any(s.key == key and s.visible for s in self.sections)

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        return Section(key, visible=False)


@dataclass(slots=True)
class Bodies:
    """Names of the office's bodies and offices."""

    council: str = "Rat"
    main_committee: str = "Haupt- und Finanzausschuss"
    head: str = "Bürgermeister"
    deputy_head: str = "Erster Beigeordneter"
    #: The Beschlussvermerk offers these (genitive) after the Beratungsfolge's bodies, each once.
    record_bodies: list[str] = field(default_factory=lambda: ["Rates", "Haupt- und Finanzausschusses"])


@dataclass(slots=True)
class Labels:
    """Fixed texts of the form."""

    reference: str = "Vorlage Nr."
    lead_department: str = "Federf. Stadtamt:"
    file_number: str = "Aktenzeichen:"
    committee: str = "Vorlage für den"
    rapporteur: str = "Berichterstatter"
    role: str = "Zuständigkeit"
    meeting_date: str = "Sitzung am"
    agenda_item: str = "Punkt"
    consultation: str = "Beratungsfolge"
    #: The body column of the Beratungsfolge table.
    body: str = "Gremium"
    public: str = "öffentliche Sitzung"
    non_public: str = "nicht-öffentliche Sitzung"
    record_intro: str = "In der Sitzung des"
    record_closing: str = "am {datum} (nicht-öffentlicher Teil) wurde wie folgt beschlossen:"


@dataclass(slots=True)
class RoleLabel:
    """A Verwaltungsvorstand role of the Mitzeichnungen (key as in the office's sign-off roles)."""

    key: str
    label: str


def _seed_kinds() -> list[PaperKind]:
    return [
        PaperKind("resolution", "Beschlussvorlage"),
        PaperKind("information", "Mitteilungsvorlage"),
        PaperKind("report", "Berichtsvorlage"),
        PaperKind("motion", "Antrag"),
        PaperKind("inquiry", "Anfrage"),
    ]


def _seed_roles() -> list[RoleLabel]:
    return [
        RoleLabel("mayor", "Bürgermeister"),
        RoleLabel("first_deputy", "Erster Beigeordneter"),
        RoleLabel("treasurer", "Stadtkämmerer"),
        RoleLabel("deputies", "Beigeordnete"),
        RoleLabel("city_architect", "Stadtbaurat"),
        RoleLabel("legal", "Rechtsamt"),
    ]


@dataclass(slots=True)
class FormProfile:
    """The whole profile; the defaults are the seed city form."""

    name: str = "Stadt (Standardformular)"
    kind: OfficeKind = OfficeKind.CITY
    letterhead: list[str] = field(default_factory=list)
    #: A PNG or JPEG as base64, printed top left; empty for none.
    logo: str = ""
    bodies: Bodies = field(default_factory=Bodies)
    labels: Labels = field(default_factory=Labels)
    roles: list[RoleLabel] = field(default_factory=_seed_roles)
    signature_heading: str = "Der Bürgermeister"
    kinds: list[PaperKind] = field(default_factory=_seed_kinds)

    def kind_of(self, paper_type: PaperType | None) -> PaperKind:
        """The Vorlagenart a Vorlage of ``paper_type`` is printed and numbered as. Not known (None,
        imported): like a Vorlagenart the profile does not list, with no label and the office's numbering."""
        if paper_type is None:
            return self.kind_for("", "")
        return self.kind_for(paper_type.value, paper_type.label)

    def kind_for(self, key: str, label: str) -> PaperKind:
        """The Vorlagenart ``key``; an unknown one prints like the first Vorlagenart under ``label``."""
        for kind in self.kinds:
            if kind.key == key:
                return kind
        first = self.kinds[0] if self.kinds else PaperKind(key, label)
        return PaperKind(
            key,
            label,
            None,
            list(first.sections),
            first.head_layout,
            list(first.head_fields),
            list(first.signatures),
        )
