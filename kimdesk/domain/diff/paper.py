"""Difference of two states of one Vorlage, section by section as on the form."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.diff.align import align
from kimdesk.domain.diff.blocks import BlockDiff, diff_rich_text
from kimdesk.domain.diff.change import Change, FieldDiff, ItemDiff, field_diff
from kimdesk.domain.diff.finance import CellDiff, diff_cells
from kimdesk.domain.diff.values import day, money, number, yes_no
from kimdesk.domain.funding.module import format_period
from kimdesk.domain.model import Consultation, FundingModule, ImpactChoice, Paper, ResolutionEntry

T = TypeVar("T")

#: How a value reads that the Vorlage does not know (imported, exchange format 2), as the editor says it.
UNKNOWN = "unbekannt"


@dataclass(frozen=True, slots=True)
class PaperDiff:
    """Every section of the form compared; each keeps its unchanged parts, so a view can show them dimmed."""

    title: FieldDiff
    head: tuple[FieldDiff, ...]
    rationale: tuple[BlockDiff, ...]
    draft_resolution: FieldDiff
    finance: tuple[FieldDiff, ...]
    cells: tuple[CellDiff, ...]
    funding: tuple[ItemDiff, ...]
    consultations: tuple[ItemDiff, ...]
    attachments: tuple[ItemDiff, ...]
    climate: tuple[FieldDiff, ...]
    signature: tuple[FieldDiff, ...]
    resolutions: tuple[ItemDiff, ...]

    @property
    def changed(self) -> bool:
        return self.change_count > 0

    @property
    def change_count(self) -> int:
        """How many fields, blocks, cells and entries changed."""
        fields = (
            self.title,
            *self.head,
            self.draft_resolution,
            *self.finance,
            *self.climate,
            *self.signature,
        )
        items = (*self.funding, *self.consultations, *self.attachments, *self.resolutions)
        return (
            sum(f.changed for f in fields)
            + sum(b.change is not Change.UNCHANGED for b in self.rationale)
            + sum(c.changed for c in self.cells)
            + sum(i.changed for i in items)
        )


def diff_papers(
    old: Paper,
    new: Paper,
    *,
    old_attachments: Sequence[Attachment] = (),
    new_attachments: Sequence[Attachment] = (),
) -> PaperDiff:
    """Compare two states of a Vorlage: its content, not its workflow (status, Mitzeichnungen, timestamps
    are what the list of versions tells). The Anlagen are stored beside the Vorlage: they are passed along."""
    return PaperDiff(
        title=field_diff("Betrifft", old.title, new.title),
        head=_pairs(_head_fields(old), _head_fields(new)),
        rationale=diff_rich_text(old.rationale, new.rationale),
        # Word by word over its text: numbered items and emphasis print as the plain text shows them.
        draft_resolution=field_diff(
            "Beschlussentwurf", old.draft_resolution.plain_text(), new.draft_resolution.plain_text()
        ),
        finance=_pairs(_finance_fields(old), _finance_fields(new)),
        cells=diff_cells(old, new),
        funding=_items(old.funding_modules, new.funding_modules, _module_key, _module_label, _module_fields),
        consultations=_consultations(old.consultations, new.consultations),
        attachments=_attachments(old_attachments, new_attachments),
        climate=_pairs(_climate_fields(old), _climate_fields(new)),
        signature=_pairs(_signature_fields(old), _signature_fields(new)),
        resolutions=_items(
            old.resolution_record,
            new.resolution_record,
            _resolution_key,
            _resolution_label,
            _resolution_fields,
        ),
    )


Fields = list[tuple[str, str]]


def _pairs(old: Fields, new: Fields) -> tuple[FieldDiff, ...]:
    return tuple(field_diff(label, o, n) for (label, o), (_, n) in zip(old, new, strict=True))


def _head_fields(paper: Paper) -> Fields:
    department = paper.lead_department.name if paper.lead_department is not None else ""
    extracts = str(paper.minutes_extracts) if paper.minutes_extracts is not None else ""
    return [
        ("Vorlagenart", paper.paper_type.label if paper.paper_type else UNKNOWN),
        ("Vorlagen-Nr.", paper.reference),
        ("Aktenzeichen", paper.file_number),
        ("Federführendes Amt", department),
        ("Bezugsvorlagen", ", ".join(r.reference for r in paper.related_papers)),
        ("Protokollauszüge", extracts),
    ]


def _choice(choice: ImpactChoice | None) -> str:
    return choice.label if choice is not None else ""


def _finance_fields(paper: Paper) -> Fields:
    impact = paper.financial_impact
    available = {True: "stehen zur Verfügung", False: "stehen nicht zur Verfügung", None: ""}
    return [
        ("Finanzielle Auswirkungen", _choice(impact.choice)),
        ("Haushaltsmittel", available[impact.budget_available]),
    ]


def _climate_fields(paper: Paper) -> Fields:
    return [
        ("Klimarelevante Auswirkungen", _choice(paper.climate_impact)),
        ("Klimarelevante Auswirkungen (Text)", paper.climate_text),
    ]


def _signature_fields(paper: Paper) -> Fields:
    block = paper.signature
    return [
        ("Unterschrift: Überschrift", block.heading),
        ("Unterschrift: i. V.", yes_no(block.on_behalf)),
        ("Unterschrift: Name", block.name),
        ("Unterschrift: Funktion", block.function),
    ]


def _items(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], Hashable],
    label: Callable[[T], str],
    fields: Callable[[T], Fields],
    loose: Callable[[T], Hashable] | None = None,
) -> tuple[ItemDiff, ...]:
    """Entries paired by ``key`` (then ``loose``), each compared field by field."""
    pairs = align(
        [key(x) for x in old],
        [key(x) for x in new],
        [loose(x) for x in old] if loose is not None else None,
        [loose(x) for x in new] if loose is not None else None,
    )
    out: list[ItemDiff] = []
    for pair in pairs:
        before = old[pair.old] if pair.old is not None else None
        after = new[pair.new] if pair.new is not None else None
        shown = after if after is not None else before
        assert shown is not None
        before_fields = fields(before) if before is not None else [(n, "") for n, _ in fields(shown)]
        after_fields = fields(after) if after is not None else [(n, "") for n, _ in fields(shown)]
        diffs = _pairs(before_fields, after_fields)
        if before is None:
            change = Change.ADDED
        elif after is None:
            change = Change.REMOVED
        elif pair.moved:
            change = Change.MOVED
        else:
            change = Change.CHANGED if any(d.changed for d in diffs) else Change.UNCHANGED
        position = (
            pair.old + 1 if pair.old is not None else None,
            pair.new + 1 if pair.new is not None else None,
        )
        out.append(ItemDiff(label(shown), change, diffs, *position))
    return tuple(out)


def _consultations(old: Sequence[Consultation], new: Sequence[Consultation]) -> tuple[ItemDiff, ...]:
    return _items(old, new, _consultation_key, _consultation_label, _consultation_fields, _committee)


def _committee(c: Consultation) -> Hashable:
    return c.committee.id if c.committee is not None else None


def _consultation_key(c: Consultation) -> Hashable:
    return (_committee(c), c.role)


def _consultation_label(c: Consultation) -> str:
    name = c.committee.name if c.committee is not None else "(ohne Gremium)"
    return f"{name} – {c.role.label}" if c.role else name


def _consultation_fields(c: Consultation) -> Fields:
    public = {True: "öffentlich", False: "nicht öffentlich", None: ""}
    return [
        ("Gremium", c.committee.name if c.committee is not None else ""),
        ("Rolle", c.role.label if c.role else UNKNOWN),
        ("Sitzung", day(c.meeting_date)),
        ("TOP", c.agenda_item),
        ("Öffentlichkeit", public[c.public]),
        ("Berichterstattung", c.rapporteur.name if c.rapporteur is not None else ""),
    ]


def _module_key(m: FundingModule) -> Hashable:
    return m.id


def _module_label(m: FundingModule) -> str:
    return m.rate.label if m.rate is not None else f"{m.programme} {m.component}"


def _module_fields(m: FundingModule) -> Fields:
    own = "; ".join(f"{money(s.amount)} {s.source}".strip() for s in m.own_sources)
    rate = m.rate
    return [
        ("Baustein", _module_label(m)),
        ("Stellen", number(m.posts)),
        ("Förderzeitraum", format_period(m)),
        ("Pauschale je Stelle und Jahr", money(rate.annual_per_post) if rate is not None else ""),
        ("Einmalig je Stelle", money(rate.one_off_per_post) if rate is not None else ""),
        ("Eigenanteil", own),
        ("Zusätzlicher Betrag", money(m.extra_amount) if m.extra_amount != Decimal(0) else ""),
        ("Grund des zusätzlichen Betrags", m.extra_reason),
        ("Anmerkungen", m.notes),
    ]


def _attachments(old: Sequence[Attachment], new: Sequence[Attachment]) -> tuple[ItemDiff, ...]:
    by_order = sorted(old, key=lambda a: a.order), sorted(new, key=lambda a: a.order)
    return _items(*by_order, _attachment_key, _attachment_label, _attachment_fields, _attachment_loose)


def _attachment_key(a: Attachment) -> Hashable:
    return a.id


def _attachment_loose(a: Attachment) -> Hashable:
    return a.filename


def _attachment_label(a: Attachment) -> str:
    return a.filename


def _attachment_fields(a: Attachment) -> Fields:
    return [
        ("Titel", a.shown_title),
        ("Öffentlich", "ja" if a.public else "nein"),
        ("Datei", a.filename),
        ("Größe", f"{a.size:,} Bytes".replace(",", ".")),
        ("Prüfsumme (SHA-256)", a.sha256),
    ]


def _resolution_key(r: ResolutionEntry) -> Hashable:
    return (r.committee_name, r.meeting_date)


def _resolution_label(r: ResolutionEntry) -> str:
    return f"{r.committee_name} {day(r.meeting_date)}".strip()


def _resolution_fields(r: ResolutionEntry) -> Fields:
    return [
        ("Gremium", r.committee_name),
        ("Sitzung", day(r.meeting_date)),
        ("Nichtöffentlich", yes_no(r.non_public)),
        ("Ergebnis", r.result),
        ("Beschlusstext", r.text),
    ]
