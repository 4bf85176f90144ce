"""``kimdesk verify``, the signature part: every signature against the office key, the Vorlage and the chain.

A signature is good when its ECDSA signature matches its payload, its certificate was issued by an office CA
installed as trust anchor on this PC (not merely stored in the database), is the signer's and was not revoked
before signing, and its checkpoint is still in the audit chain. Then the Vorlage must still say what was
signed.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cryptography import x509

from kimdesk.domain.audit import GENESIS_HASH, AuditAction, AuditEntry, Finding
from kimdesk.domain.model import Paper, PaperStatus, SignOff
from kimdesk.domain.signature import (
    SignatureKind,
    SignatureRecord,
    printed_names,
    read_payload,
    resolution_data,
    sign_off_data,
)
from kimdesk.domain.signoff import DONE_DECISIONS, content_hash
from kimdesk.services import enrolment
from kimdesk.services import keycrypto as kc
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory
from kimdesk.services.signatures import anlagen, role_covered

INTRODUCED_KEY = "signing:introduced"
#: The state of a signature on a PC where IT has not installed the office CA: it cannot be checked here
#: (neither good nor forged can be told apart), which the panel says as such instead of "ungültig".
NO_ANCHOR = "kein Vertrauensanker auf diesem PC"


def _introduced(uow: UnitOfWork) -> int:
    value = uow.settings.get(INTRODUCED_KEY)
    try:
        return int(value.get("seq", 0)) if isinstance(value, dict) else 0
    except (TypeError, ValueError):
        return 0


def record_problem(
    record: SignatureRecord,
    anchors: list[x509.Certificate],
    revoked: dict[int, datetime],
    chain: dict[int, str],
) -> str:
    """Why ``record`` is not a good signature ("" when it is)."""
    cert, problem = _signed_by_certificate(record)
    if cert is None:
        return problem
    if not any(kc.issued_by(cert, ca) for ca in anchors):
        who = record.person_name
        return f"Signatur von {who}: Zertifikat stammt nicht vom Office-Schlüssel (untergeschoben)."
    return _record_facts(record, cert, revoked, chain)


def unanchored_problem(record: SignatureRecord, chain: dict[int, str]) -> str:
    """What can be found wrong with ``record`` on a PC without trust anchor ("" if nothing): its signature
    over its own payload, the row against the payload, the checkpoint. Whose key signed it cannot be known
    there, so "" never means a good signature."""
    cert, problem = _signed_by_certificate(record)
    if cert is None:
        return problem
    return _record_facts(record, cert, {}, chain)


def _signed_by_certificate(record: SignatureRecord) -> tuple[x509.Certificate | None, str]:
    who = record.person_name
    try:
        cert = kc.load_cert(record.certificate)
    except ValueError:
        return None, f"Signatur von {who}: Zertifikat unlesbar."
    if not kc.signature_valid(cert, record.payload, record.signature):
        return None, f"Signatur von {who} passt nicht zu den signierten Daten (verändert)."
    return cert, ""


def _record_facts(
    record: SignatureRecord, cert: x509.Certificate, revoked: dict[int, datetime], chain: dict[int, str]
) -> str:
    who = record.person_name
    if kc.certificate_person(cert) != record.person_id:
        return f"Signatur von {who}: Zertifikat gehört einer anderen Person."
    when = revoked.get(cert.serial_number)
    if when is not None and when <= record.at:
        return f"Signatur von {who}: mit gesperrtem Zertifikat geleistet."
    data = read_payload(record.payload)
    signed = (
        data.get("paperId"),
        data.get("reference"),
        data.get("kind"),
        (data.get("person") or {}).get("id"),
        (data.get("checkpoint") or {}).get("seq"),
        (data.get("checkpoint") or {}).get("hash"),
    )
    stored = (
        str(record.paper_id),
        record.reference,
        record.kind.value,
        str(record.person_id),
        record.checkpoint.seq,
        record.checkpoint.entry_hash,
    )
    if signed != stored:
        return f"Signatur von {who}: Angaben der Zeile weichen von den signierten Daten ab."
    seq = record.checkpoint.seq
    expected = GENESIS_HASH if seq == 0 else chain.get(seq)
    if expected != record.checkpoint.entry_hash:
        return (
            f"Prüfprotokoll wurde umgeschrieben oder gekürzt: Prüfpunkt Nr. {seq} der Signatur von {who} "
            "fehlt oder ist verändert."
        )
    return ""


def _content_findings(uow: UnitOfWork, paper: Paper, data: dict[str, Any], who: str) -> list[str]:
    problems = []
    if data.get("contentHash") != content_hash(paper):
        problems.append(f"Inhalt wurde nach der Signatur von {who} geändert.")
    current = [{"name": a.filename, "sha256": a.sha256} for a in anlagen(uow, paper)]
    if data.get("anlagen") != current:
        problems.append(f"Anlagen wurden nach der Signatur von {who} hinzugefügt, ersetzt oder entfernt.")
    if data.get("names") != _json(printed_names(paper)):
        problems.append(f"Namen von Gremien oder Personen wurden nach der Signatur von {who} geändert.")
    return problems


def _json(value: Any) -> Any:
    """``value`` as it reads back from JSON (tuples become lists)."""
    import json

    return json.loads(json.dumps(value, ensure_ascii=False))


def check_paper(
    uow: UnitOfWork,
    paper: Paper,
    good: list[SignatureRecord],
    signed_seq: Callable[[SignOff], int | None],
    last_seq: int,
    introduced: int,
) -> tuple[list[str], list[str]]:
    """(problems, legacy notices) of one Vorlage against its good signatures."""
    problems: list[str] = []
    legacy: list[str] = []
    by_row = {r.sign_off_id: r for r in good if r.kind is SignatureKind.SIGN_OFF}
    rows = {row.id: row for row in paper.sign_offs}
    for row_id, record in by_row.items():
        if row_id not in rows:
            problems.append(f"Die signierte Mitzeichnung von {record.person_name} fehlt (gelöscht).")
    for row in paper.sign_offs:
        if row.decision is None:
            continue
        found = by_row.get(row.id)
        if found is None:
            seq = signed_seq(row)
            what = f"Mitzeichnung {row.role_label} ({row.person_name}, {row.decision.label})"
            if seq is not None and seq <= introduced:
                legacy.append(f"{what}: Altbestand vor Einführung der Signaturschlüssel, nicht signiert.")
            else:
                problems.append(f"{what} ist nicht signiert (nachträglich eingetragen?).")
            continue
        record = found
        data = read_payload(record.payload)
        if data.get("signOff") != _json(sign_off_data(row)) or record.person_name != row.person_name:
            problems.append(
                f"Mitzeichnung {row.role_label} weicht von der Signatur von {record.person_name} ab."
            )
        cert = kc.load_cert(record.certificate)
        if not role_covered(kc.certificate_roles(cert), row.role_key, row.as_deputy):
            problems.append(
                f"Mitzeichnung {row.role_label}: das Zertifikat von {record.person_name} "
                "gilt nicht für diese Rolle."
            )
        if not row.voided and row.decision in DONE_DECISIONS and paper.status is not PaperStatus.DRAFT:
            problems.extend(_content_findings(uow, paper, data, record.person_name))
    if paper.resolution_record or paper.status is PaperStatus.DECIDED:
        resolutions = [r for r in good if r.kind is SignatureKind.RESOLUTION]
        if not resolutions:
            if last_seq <= introduced:
                legacy.append(
                    "Beschlussvermerk: Altbestand vor Einführung der Signaturschlüssel, nicht signiert."
                )
            else:
                problems.append("Beschlussvermerk ist nicht signiert.")
        else:
            newest = max(resolutions, key=lambda r: r.checkpoint.seq)
            data = read_payload(newest.payload)
            if data.get("resolution") != _json(resolution_data(paper)):
                problems.append(
                    f"Beschlussvermerk wurde nach der Signatur von {newest.person_name} geändert."
                )
            problems.extend(_content_findings(uow, paper, data, newest.person_name))
    return problems, legacy


def check_signatures(
    uow: UnitOfWork,
    local: LocalKeys,
    entries: list[AuditEntry],
    known: set[uuid.UUID],
    load: Callable[[uuid.UUID], Paper],
) -> tuple[list[Finding], list[Finding], Counter[str]]:
    """(findings, legacy notices, good signatures per Vorlage Nr.)."""
    findings: list[Finding] = []
    legacy: list[Finding] = []
    records = uow.signatures.list()
    anchors = local.anchors()
    if not anchors:
        findings.append(
            Finding(
                "",
                "Kein Vertrauensanker eingerichtet (office-ca.pem der Verwaltung fehlt auf diesem PC) – "
                "Signaturen können nicht geprüft werden.",
            )
        )
    revoked = enrolment.revoked_serials(uow, anchors)
    if revoked is None:
        findings.append(Finding("", "Die Sperrliste ist nicht vom Office-Schlüssel signiert (verändert)."))
        revoked = {}
    chain = {e.seq: e.entry_hash for e in entries}
    introduced = _introduced(uow)
    good: dict[uuid.UUID, list[SignatureRecord]] = {}
    counts: Counter[str] = Counter()
    for record in records:
        problem = record_problem(record, anchors, revoked, chain) if anchors else ""
        if record.checkpoint.seq < introduced:
            problem = problem or "Beginn der Signaturen im Protokoll wurde verschoben (verändert)."
        if problem:
            findings.append(Finding(record.reference, problem))
            continue
        good.setdefault(record.paper_id, []).append(record)
        counts[record.reference] += 1
    for paper_id, recs in good.items():
        if paper_id not in known:
            findings.append(
                Finding(recs[0].reference, "ist signiert, fehlt aber in der Datenbank (gelöscht).")
            )
    by_paper: dict[uuid.UUID, list[AuditEntry]] = {}
    signed_at_seq: dict[str, int] = {}
    for entry in entries:
        if entry.paper_id is not None:
            by_paper.setdefault(entry.paper_id, []).append(entry)
        if entry.action in (AuditAction.SIGNED, AuditAction.REJECTED, AuditAction.OTHER):
            for row_id in [entry.details.get("signOffId"), *entry.details.get("signOffs", {})]:
                if isinstance(row_id, str):
                    signed_at_seq.setdefault(row_id, entry.seq)
    for paper_id in known:
        recs = good.get(paper_id, [])
        logged = by_paper.get(paper_id, [])
        if not recs and not logged:
            continue
        paper = load(paper_id)
        if paper.status is PaperStatus.DRAFT and not recs and not any(s.decision for s in paper.sign_offs):
            continue
        last_seq = logged[-1].seq if logged else 0
        problems, old = check_paper(
            uow, paper, recs, lambda row: signed_at_seq.get(str(row.id)), last_seq, introduced
        )
        findings.extend(Finding(paper.reference, p) for p in problems)
        legacy.extend(Finding(paper.reference, n) for n in old)
    return findings, legacy, counts


def sign_off_signature_states(
    uow_factory: UnitOfWorkFactory, reference: str, *, local: LocalKeys | None = None
) -> dict[uuid.UUID, str]:
    """For each decided Mitzeichnung of the Vorlage: "" when its signature verifies here, else why not."""
    return sign_off_signatures(uow_factory, reference, local=local)[0]


def sign_off_signatures(
    uow_factory: UnitOfWorkFactory, reference: str, *, local: LocalKeys | None = None
) -> tuple[dict[uuid.UUID, str], dict[uuid.UUID, datetime]]:
    """:func:`sign_off_signature_states`, and for the valid signatures whose certificate was revoked
    afterwards (lost key, person left) the time of the revocation: they stay valid, the panel says so."""
    local = local or LocalKeys()
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        records = uow.signatures.list(paper.id)
        chain = {e.seq: e.entry_hash for e in uow.audit.entries()}
        anchors = local.anchors()
        revoked = enrolment.revoked_serials(uow, anchors)
    states: dict[uuid.UUID, str] = {}
    later: dict[uuid.UUID, datetime] = {}
    by_row = {r.sign_off_id: r for r in records if r.kind is SignatureKind.SIGN_OFF}
    for row in paper.sign_offs:
        if row.decision is None:
            continue
        record = by_row.get(row.id)
        if record is None:
            states[row.id] = "nicht signiert"
        elif not anchors:  # what can be found wrong is named; else: cannot be checked here
            problem = unanchored_problem(record, chain) or _row_problem(record, row)
            states[row.id] = problem or NO_ANCHOR
        elif revoked is None:
            states[row.id] = "Sperrliste verändert"
        else:
            problem = record_problem(record, anchors, revoked, chain) or _row_problem(record, row)
            states[row.id] = problem
            when = revoked.get(_serial(record.certificate), None)
            if not problem and when is not None:
                later[row.id] = when
    return states, later


def _row_problem(record: SignatureRecord, row: SignOff) -> str:
    if read_payload(record.payload).get("signOff") != _json(sign_off_data(row)):
        return "Mitzeichnung weicht von der Signatur ab"
    return ""


def _serial(pem: str) -> int:
    try:
        return kc.load_cert(pem).serial_number
    except ValueError:
        return -1
