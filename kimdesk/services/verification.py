"""``kimdesk verify``: the audit chain, and every Vorlage's signatures and state checked against it.

Names each Vorlage whose data was changed behind the program's back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from kimdesk.domain import signoff as rules
from kimdesk.domain.audit import AuditAction, AuditEntry, Finding, verify_chain
from kimdesk.domain.model import Paper, PaperStatus, SignOff
from kimdesk.domain.signature import names_digest
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.ports import PaperQuery, UnitOfWorkFactory
from kimdesk.services.rollback import check_remembered
from kimdesk.services.signature_check import check_signatures


@dataclass(frozen=True, slots=True)
class VerifyReport:
    entries: int
    papers: int
    findings: list[Finding] = field(default_factory=list)
    #: Sign-offs from before signing keys were introduced: named, but not a failure.
    legacy: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def tampered_references(self) -> list[str]:
        return sorted({f.reference for f in self.findings if f.reference})

    def summary(self) -> str:
        if self.ok:
            return f"Prüfung bestanden: {self.entries} Einträge, {self.papers} Vorlagen"
        return f"Prüfung fehlgeschlagen: {len(self.findings)} Befunde"


#: A state another service may reach from the last logged one without logging it.
_UNLOGGED_FOLLOW_UPS = {(PaperStatus.RELEASED.value, PaperStatus.DECIDED.value)}


def imported_sign_off(row: SignOff) -> dict[str, Any]:
    """What an import's audit entry records of a signature it brought in."""
    return {
        "personName": row.person_name,
        "decision": row.decision.value if row.decision else None,
        "asDeputy": row.as_deputy,
        "contentHash": row.content_hash,
    }


def verify(uow_factory: UnitOfWorkFactory, *, local: LocalKeys | None = None) -> VerifyReport:
    """Check the audit chain, every Vorlage's signatures and state against it, and the personal signatures.

    Names each Vorlage whose data was changed behind the program's back. With ``local.database`` set, the
    newest checkpoint seen on this PC is checked (rollback) and then advanced.
    """
    local = local or LocalKeys()
    with uow_factory() as uow:
        log = uow.audit
        entries = log.entries()
        head = log.head()
        findings = verify_chain(entries, head)
        by_paper: dict[uuid.UUID, list[AuditEntry]] = {}
        for entry in sorted(entries, key=lambda e: e.seq):
            if entry.paper_id is not None:
                by_paper.setdefault(entry.paper_id, []).append(entry)
        summaries = uow.papers.query(PaperQuery())
        for summary in summaries:
            # A draft that never was in an Umlauf has nothing to check; loading it would only cost time.
            if summary.status is PaperStatus.DRAFT and summary.id not in by_paper:
                continue
            findings.extend(_check_paper(uow.papers.get(summary.id), by_paper.get(summary.id, [])))
        known = {summary.id for summary in summaries}
        for paper_id, logged in by_paper.items():
            last = logged[-1]
            if paper_id not in known and last.status != PaperStatus.DRAFT.value:
                findings.append(
                    Finding(last.reference, "steht im Prüfprotokoll, fehlt aber in der Datenbank (gelöscht).")
                )
        signed, legacy, counts = check_signatures(uow, local, entries, known, uow.papers.get)
        findings.extend(signed)
        findings.extend(check_remembered(local, entries, counts, advance=not findings))
    return VerifyReport(entries=len(entries), papers=len(summaries), findings=findings, legacy=legacy)


def _check_paper(paper: Paper, logged: list[AuditEntry]) -> list[Finding]:
    ref = paper.reference
    findings: list[Finding] = []
    current = rules.content_hash(paper)
    for problem in rules.broken_signatures(paper):
        findings.append(
            Finding(
                ref,
                f"Inhalt wurde nach der Mitzeichnung geändert ({problem.role_label}, "
                f"{problem.person_name}: gezeichnet {rules.short_hash(problem.signed_hash)}, "
                f"jetzt {rules.short_hash(current)}).",
            )
        )
    signed_entries = {
        e.details.get("signOffId"): e
        for e in logged
        if e.action in (AuditAction.SIGNED, AuditAction.REJECTED)
    }
    # Signatures that arrived by import are vouched for by the import's entry (see services.exchange).
    imported: dict[str, Any] = {}
    for e in logged:
        if e.action is AuditAction.OTHER:
            imported.update(e.details.get("signOffs", {}))
    for row in paper.active_sign_offs:
        if row.decision is None:
            continue
        entry = signed_entries.get(str(row.id))
        if entry is None and str(row.id) in imported:
            if imported[str(row.id)] != imported_sign_off(row):
                findings.append(
                    Finding(ref, f"Mitzeichnung {row.role_label} weicht vom Prüfprotokoll ab (verändert).")
                )
            continue
        if entry is None:
            findings.append(
                Finding(
                    ref, f"Mitzeichnung {row.role_label} ({row.person_name}) steht nicht im Prüfprotokoll."
                )
            )
        elif (
            entry.person_name != row.person_name
            or entry.details.get("decision") != row.decision.value
            or entry.details.get("asDeputy") != row.as_deputy
            or entry.content_hash != row.content_hash
        ):
            findings.append(
                Finding(ref, f"Mitzeichnung {row.role_label} weicht vom Prüfprotokoll ab (verändert).")
            )
    if not logged:
        if paper.status in (PaperStatus.IN_SIGN_OFF, PaperStatus.RELEASED):
            findings.append(
                Finding(ref, f"ist „{paper.status.label}“, aber das Prüfprotokoll kennt keinen Umlauf.")
            )
        return findings
    last = logged[-1]
    if last.status != paper.status.value and (last.status, paper.status.value) not in _UNLOGGED_FOLLOW_UPS:
        known_states = {s.value for s in PaperStatus}
        logged_label = PaperStatus(last.status).label if last.status in known_states else last.status
        findings.append(
            Finding(
                ref,
                f"Status „{paper.status.label}“ steht nicht im Prüfprotokoll (zuletzt: „{logged_label}“).",
            )
        )
    elif paper.status is not PaperStatus.DRAFT and last.content_hash != current:
        findings.append(Finding(ref, "Inhalt weicht vom letzten Eintrag im Prüfprotokoll ab (verändert)."))
    kept = last.details.get("kept")
    if paper.is_locked and isinstance(kept, dict) and kept.get("names") != names_digest(paper):
        findings.append(
            Finding(
                ref,
                "Namen von Amt, Gremien oder Personen weichen vom letzten Eintrag im Prüfprotokoll ab "
                "(verändert).",
            )
        )
    return findings
