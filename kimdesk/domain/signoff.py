"""The Mitzeichnung workflow (Umlauf, signatures, release, voiding) and the canonical content hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from kimdesk.domain.codec import paper_to_data
from kimdesk.domain.errors import LockedError, WorkflowError
from kimdesk.domain.masterdata import LEGAL_ROLE, TREASURER_ROLE, Office, Person, SignOffRole
from kimdesk.domain.model import ImpactChoice, Paper, PaperStatus, SignOff, SignOffDecision
from kimdesk.domain.validation import validate_paper

#: Keys of ``paper_to_data`` that are not content: the workflow's own state and bookkeeping.
_NOT_CONTENT = ("status", "signOffs", "resolutionRecord", "created", "modified", "modifiedBy")
#: Filled in by the Sitzungsdienst when it puts a released Vorlage on an agenda; not what the
#: heads of department sign, so scheduling a signed Vorlage does not break its signatures.
_SCHEDULING = ("meetingDate", "agendaItem", "meeting")
_DECIMAL_KEYS = ("posts", "ownContribution", "annualPerPost", "oneOffPerPost", "extraAmount")

#: A signature that counts towards release.
DONE_DECISIONS = (SignOffDecision.APPROVED, SignOffDecision.NOTED)


def _number(text: str) -> str:
    """``"12000.00"`` and ``"12000"`` are the same amount: one spelling, whatever the database returns."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    if not value.is_finite():
        return text
    normalized = format(value.normalize(), "f")
    return "0" if normalized in ("-0", "") else normalized


def canonical_content(paper: Paper) -> dict[str, Any]:
    """Everything a council member reads on the Vorlage, as JSON-compatible data.

    Not included: status, Mitzeichnungen, Beschlussvermerk, timestamps, version, and the agenda
    placement of each consultation (Sitzung, Punkt).
    """
    data = paper_to_data(paper)
    for key in _NOT_CONTENT:
        data.pop(key, None)
    data["consultations"] = [
        {k: v for k, v in c.items() if k not in _SCHEDULING} for c in data.get("consultations", [])
    ]
    impact = data.get("financialImpact", {})
    if "amounts" in impact:
        impact["amounts"] = {
            row: {period: _number(v) for period, v in periods.items()}
            for row, periods in impact["amounts"].items()
        }
    for module in data.get("fundingModules", []):
        for key in _DECIMAL_KEYS:
            if key in module:
                module[key] = _number(module[key])
        for source in module.get("ownSources", []):
            source["amount"] = _number(source["amount"])
        for key in _DECIMAL_KEYS:
            if key in module.get("rate", {}):
                module["rate"][key] = _number(module["rate"][key])
    return data


def canonical_json(data: Any) -> bytes:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8, text exactly as typed."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_hash(paper: Paper) -> str:
    """SHA-256 (hex) of the Vorlage's canonical content; every signature binds to it."""
    return hashlib.sha256(canonical_json(canonical_content(paper))).hexdigest()


def short_hash(value: str) -> str:
    """The short form printed with the sign-offs: ``"3f2a 9c1b 77de"`` (first 12 hex digits)."""
    head = value[:12]
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


# --- who may do what ----------------------------------------------------------------------------


def assert_editable(paper: Paper) -> None:
    """LockedError unless the content may be changed (only in Entwurf)."""
    if paper.is_locked:
        raise LockedError(
            f"Vorlage {paper.reference} ist „{paper.status.label}“ und kann nicht geändert werden. "
            "Zum Ändern zuerst in den Entwurf zurücknehmen (das hebt alle Mitzeichnungen auf)."
        )


def current_round(paper: Paper) -> list[SignOff]:
    """The Mitzeichnungen of the running (or last finished) Umlauf, in order."""
    return sorted(paper.active_sign_offs, key=lambda s: s.order)


def missing_roles(paper: Paper) -> list[SignOff]:
    """Required rows of the running Umlauf that have no decision yet."""
    return [s for s in current_round(paper) if s.required and s.decision is None]


def due_roles(paper: Paper) -> list[SignOff]:
    """Who may sign now: in a sequential Umlauf only the first missing role, otherwise all missing."""
    if paper.status is not PaperStatus.IN_SIGN_OFF:
        return []
    missing = missing_roles(paper)
    if missing and _is_sequential(paper):
        return missing[:1]
    return missing


def is_complete(paper: Paper) -> bool:
    """Every required role of the running Umlauf has signed (mitgezeichnet or zur Kenntnis genommen)."""
    rows = [s for s in current_round(paper) if s.required]
    return bool(rows) and all(s.decision in DONE_DECISIONS for s in rows)


def last_rejection(paper: Paper) -> SignOff | None:
    """The rejection that sent the Vorlage back to Entwurf, while it is still a draft; else None."""
    if paper.status is not PaperStatus.DRAFT:
        return None
    rejected = [s for s in paper.active_sign_offs if s.decision is SignOffDecision.REJECTED]
    return max(rejected, key=_signed_key) if rejected else None


def _signed_key(s: SignOff) -> tuple[int, datetime | None]:
    return (0 if s.signed_at is None else 1, s.signed_at)


# Sequential Umläufe are marked by distinct, strictly increasing ``order`` values starting at 1;
# parallel ones give every row order 0. The flag needs no field of its own in the model.
def _is_sequential(paper: Paper) -> bool:
    return any(s.order > 0 for s in paper.active_sign_offs)


def _find_role(office: Office, key: str) -> SignOffRole:
    for role in office.sign_off_roles:
        if role.key == key:
            return role
    known = ", ".join(r.key for r in office.sign_off_roles)
    raise WorkflowError(f"Mitzeichnung: Rolle „{key}“ gibt es nicht (vorhanden: {known}).")


def _same_person(a: Person | None, b: Person) -> bool:
    return a is not None and (a.id == b.id or a.name.strip().casefold() == b.name.strip().casefold())


# --- the transitions ------------------------------------------------------------------------------


def pick_roles(
    paper: Paper, office: Office, roles: list[str] | None = None, *, include_legal: bool = False
) -> list[SignOffRole]:
    """The roles that must sign, in the office's order.

    Default: every role of the office that has a holder. The Stadtkämmerer is added when the
    financial impact is "folgende", the Rechtsamt when the clerk asks for it.
    """
    if roles is None:
        keys = [r.key for r in office.sign_off_roles if r.holder is not None and r.key != LEGAL_ROLE]
    else:
        keys = []
        for key in roles:
            _find_role(office, key)
            if key not in keys:
                keys.append(key)
    if paper.financial_impact.choice is ImpactChoice.FOLLOWING and TREASURER_ROLE not in keys:
        keys.append(TREASURER_ROLE)
    if include_legal and LEGAL_ROLE not in keys:
        keys.append(LEGAL_ROLE)
    picked = [_find_role(office, key) for key in keys]
    if not picked:
        raise WorkflowError("Mitzeichnung: keine Rolle ausgewählt – mindestens eine Rolle angeben.")
    without_holder = [r.label for r in picked if r.holder is None]
    if without_holder:
        raise WorkflowError(
            "Mitzeichnung: für " + ", ".join(without_holder) + " ist niemand eingetragen "
            "(Einstellungen → Mitzeichnungsrollen)."
        )
    position = {r.key: i for i, r in enumerate(office.sign_off_roles)}
    return sorted(picked, key=lambda r: (r.order, position[r.key]))


def start_circulation(
    paper: Paper,
    office: Office,
    *,
    roles: list[str] | None = None,
    include_legal: bool = False,
    sequential: bool = False,
    due_date: date | None = None,
    now: datetime,
) -> list[SignOff]:
    """Entwurf → In Mitzeichnung: creates one row per role; returns the new rows.

    Refuses with every problem that blocks release, one per line.
    """
    if paper.status is not PaperStatus.DRAFT:
        raise WorkflowError(
            f"Vorlage {paper.reference} ist „{paper.status.label}“; ein Umlauf kann nur aus dem "
            "Entwurf gestartet werden."
        )
    problems = validate_paper(paper)
    if problems:
        raise WorkflowError(
            f"Vorlage {paper.reference} kann nicht in die Mitzeichnung, weil:\n"
            + "\n".join(f"– {p}" for p in problems)
        )
    if due_date is not None and due_date < now.date():
        raise WorkflowError(f"Frist: {due_date:%d.%m.%Y} liegt in der Vergangenheit.")
    picked = pick_roles(paper, office, roles, include_legal=include_legal)
    for old in paper.active_sign_offs:
        old.voided = True
    rows = [
        SignOff(
            role_key=role.key,
            role_label=role.label,
            required=True,
            order=number if sequential else 0,
            due_date=due_date,
        )
        for number, role in enumerate(picked, start=1)
    ]
    paper.sign_offs.extend(rows)
    paper.status = PaperStatus.IN_SIGN_OFF
    return rows


def sign(
    paper: Paper,
    office: Office,
    *,
    role_key: str,
    person: Person,
    as_deputy: bool = False,
    decision: SignOffDecision = SignOffDecision.APPROVED,
    remark: str = "",
    os_account: str,
    now: datetime,
) -> SignOff:
    """Record one decision for ``role_key``; returns the signed row.

    A rejection sends the Vorlage back to Entwurf and voids the other signatures of the Umlauf;
    the last missing approval releases it.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if paper.status is not PaperStatus.IN_SIGN_OFF:
        raise WorkflowError(
            f"Vorlage {paper.reference} ist „{paper.status.label}“; mitzeichnen geht nur „In Mitzeichnung“."
        )
    role = _find_role(office, role_key)
    row = next((s for s in current_round(paper) if s.role_key == role_key), None)
    if row is None:
        raise WorkflowError(f"Mitzeichnung: {role.label} ist in diesem Umlauf nicht vorgesehen.")
    if row.decision is not None:
        raise WorkflowError(
            f"Mitzeichnung: {row.role_label} hat bereits entschieden ({row.decision.label}, "
            f"{row.person_name})."
        )
    due = due_roles(paper)
    if not any(r is row for r in due):
        first = due[0]
        raise WorkflowError(
            f"Mitzeichnung: der Umlauf ist der Reihe nach – zuerst zeichnet {first.role_label}."
        )
    if as_deputy:
        if not _same_person(role.deputy, person):
            raise WorkflowError(
                f"Mitzeichnung: {person.name} ist nicht als Vertretung für {role.label} eingetragen."
            )
    elif not _same_person(role.holder, person):
        if _same_person(role.deputy, person):
            as_deputy = True
        else:
            raise WorkflowError(
                f"Mitzeichnung: {person.name} darf für {role.label} nicht zeichnen "
                "(weder Inhaber noch Vertretung)."
            )
    if decision is SignOffDecision.REJECTED and not remark.strip():
        raise WorkflowError("Bemerkung: bei einer Ablehnung bitte den Grund angeben.")
    row.person_name = person.name
    row.as_deputy = as_deputy
    row.decision = decision
    row.remark = remark.strip()
    row.os_account = os_account
    row.signed_at = now
    row.content_hash = content_hash(paper)
    if decision is SignOffDecision.REJECTED:
        for other in paper.active_sign_offs:
            if other is not row:
                other.voided = True
        paper.status = PaperStatus.DRAFT
    elif is_complete(paper):
        paper.status = PaperStatus.RELEASED
    return row


def withdraw(paper: Paper) -> None:
    """Any state → Zurückgezogen. The signatures stay as they were (the history keeps them)."""
    if paper.status is PaperStatus.WITHDRAWN:
        raise WorkflowError(f"Vorlage {paper.reference} ist bereits zurückgezogen.")
    paper.status = PaperStatus.WITHDRAWN


def back_to_draft(paper: Paper) -> int:
    """In Mitzeichnung / Freigegeben → Entwurf, voiding every signature; returns how many were voided."""
    if paper.status not in (PaperStatus.IN_SIGN_OFF, PaperStatus.RELEASED):
        raise WorkflowError(
            f"Vorlage {paper.reference} ist „{paper.status.label}“; zurück in den Entwurf geht nur aus "
            "„In Mitzeichnung“ oder „Freigegeben“."
        )
    voided = 0
    for row in paper.active_sign_offs:
        row.voided = True
        voided += 1
    paper.status = PaperStatus.DRAFT
    return voided


@dataclass(frozen=True, slots=True)
class BindingProblem:
    """A signature whose content hash no longer matches the Vorlage."""

    role_label: str
    person_name: str
    signed_hash: str


def broken_signatures(paper: Paper) -> list[BindingProblem]:
    """Signatures that count (not voided, not a rejection, not in Entwurf) but bind to other content."""
    if paper.status is PaperStatus.DRAFT:
        return []
    current = content_hash(paper)
    return [
        BindingProblem(s.role_label, s.person_name, s.content_hash)
        for s in paper.active_sign_offs
        if s.decision in DONE_DECISIONS and s.content_hash != current
    ]
