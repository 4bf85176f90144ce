"""``kimdesk verify-pdf``: is a signed Vorlage PDF unchanged, signed under the office CA, and does it
match the database (Vorlage, content and status as of its checkpoint, checkpoint still in the chain)?"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from kimdesk.domain import signoff as rules
from kimdesk.domain.audit import AuditEntry, verify_chain
from kimdesk.domain.errors import NotFoundError
from kimdesk.domain.model import PaperStatus
from kimdesk.l10n.formatting import format_datetime
from kimdesk.services.pdf_signatures import PdfSignatureInfo, SignedPdfMaker
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory
from kimdesk.services.verification import _UNLOGGED_FOLLOW_UPS as UNLOGGED_FOLLOW_UPS

#: Settings key under which the office CA certificate(s) are kept in the database (PEM text).
OFFICE_CA_SETTING = "signing:office-ca"


@dataclass(frozen=True, slots=True)
class PdfCheck:
    """What ``verify-pdf`` found: ``findings`` refuse the PDF, ``notes`` say what was confirmed."""

    findings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The office CA came from outside the database (``--trust`` or the configured anchor).
    independent: bool = False
    #: Some office CA was known (given, or found in the database).
    anchored: bool = True

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def exit_code(self) -> int:
        """0 confirmed, 1 refused, 2 nothing wrong found but not independently confirmed."""
        if self.findings:
            return 1
        return 0 if self.independent else 2

    def summary(self) -> str:
        if self.findings:
            return f"PDF abgelehnt: {len(self.findings)} Befund(e)"
        if self.independent:
            return "PDF bestätigt: unverändert, vom Büro-Zertifikat gedeckt, passt zur Datenbank"
        if not self.anchored:
            return (
                "PDF ohne Befund, aber nicht unabhängig bestätigt: kein Büro-Zertifikat bekannt "
                "(Vertrauensanker mit --trust angeben)"
            )
        return (
            "PDF ohne Befund, aber nicht unabhängig bestätigt: das Büro-Zertifikat stammt nur aus der "
            "Datenbank (Vertrauensanker mit --trust angeben)"
        )


def office_ca_from_database(uow: UnitOfWork) -> list[x509.Certificate]:
    """The office CA certificate(s) stored in the database (empty if none)."""
    value = uow.settings.get(OFFICE_CA_SETTING)
    pems = value.get("certificates", []) if isinstance(value, dict) else []
    certificates: list[x509.Certificate] = []
    for pem in pems:
        try:
            certificates.extend(x509.load_pem_x509_certificates(str(pem).encode("ascii")))
        except ValueError:
            continue
    return certificates


def verify_pdf(
    uow_factory: UnitOfWorkFactory,
    data: bytes,
    maker: SignedPdfMaker,
    trust: Sequence[x509.Certificate] | None = None,
) -> PdfCheck:
    """Check ``data`` (a Vorlage PDF) against ``trust`` (else the CA in the database) and the database."""
    findings: list[str] = []
    notes: list[str] = []
    with uow_factory() as uow:
        independent = trust is not None
        anchors = list(trust) if trust is not None else office_ca_from_database(uow)
        signatures = maker.read_signatures(data, anchors)
        if not signatures:
            return PdfCheck(["Das PDF trägt keine Signatur."], notes, independent, bool(anchors))
        signature = signatures[-1]
        _check_signature(signature, anchors, independent, findings, notes)
        if not signature.seal:
            findings.append("Das PDF trägt kein kimdesk-Siegel (keine Angaben zu Vorlage und Prüfprotokoll).")
        elif signature.intact:
            _check_database(uow, signature.seal, hashlib.sha256(data).hexdigest(), findings, notes)
    return PdfCheck(findings, notes, independent, bool(anchors))


def _common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


def _check_signature(
    signature: PdfSignatureInfo,
    anchors: list[x509.Certificate],
    independent: bool,
    findings: list[str],
    notes: list[str],
) -> None:
    signer = _common_name(signature.certificate.subject)
    issuer = _common_name(signature.certificate.issuer)
    when = f", am {format_datetime(signature.signing_time)}" if signature.signing_time else ""
    notes.append(f"Unterzeichnet von: {signer} (Zertifikat ausgestellt von: {issuer}){when}")
    if not signature.intact:
        findings.append("Die Signatur ist gebrochen: der Inhalt wurde nach dem Signieren verändert.")
    elif not signature.covers_whole_file:
        findings.append(
            "Nach dem Signieren wurde die Datei verändert (die Signatur deckt nicht die ganze Datei ab)."
        )
    else:
        notes.append("Signatur: unverändert, deckt die ganze Datei ab.")
    source = (
        "Vertrauensanker" if independent else "Büro-Zertifikat aus der Datenbank, nicht unabhängig bestätigt"
    )
    if not anchors:
        notes.append("Zertifikat: nicht geprüft – kein Büro-Zertifikat bekannt (--trust angeben).")
    elif not signature.trusted:
        findings.append(
            f"Das Zertifikat von {signer} ist nicht vom Büro-Zertifikat ausgestellt ({source}: "
            + ", ".join(_common_name(a.subject) for a in anchors)
            + ")."
        )
    else:
        notes.append(f"Zertifikat: vom Büro-Zertifikat ausgestellt ({source}).")


def _check_database(
    uow: UnitOfWork, seal: dict[str, Any], sha256: str, findings: list[str], notes: list[str]
) -> None:
    reference = str(seal.get("reference", "?"))
    found = seal.get("checkpoint")
    checkpoint: dict[str, Any] = found if isinstance(found, dict) else {}
    try:
        paper_id = uuid.UUID(str(seal.get("paperId")))
        seq = int(checkpoint.get("seq", -1))
    except (ValueError, TypeError):
        findings.append("Das kimdesk-Siegel des PDF ist unlesbar.")
        return
    entries = uow.audit.entries()
    by_seq = {e.seq: e for e in entries}
    head = uow.audit.head()
    if verify_chain(entries, head):
        findings.append(
            "Das Prüfprotokoll der Datenbank ist verändert („kimdesk verify“ nennt die Einträge)."
        )
    last_seq = max([*by_seq, head[0] if head else 0])
    mark = by_seq.get(seq)
    if seq > last_seq:
        findings.append(
            f"Datenbank auf älteren Stand zurückgesetzt: das PDF wurde bei Prüfprotokoll-Eintrag Nr. {seq} "
            f"erstellt, die Datenbank endet bei Nr. {last_seq}."
        )
    elif seq > 0 and (mark is None or mark.entry_hash != checkpoint.get("hash")):
        findings.append(
            f"Das Prüfprotokoll wurde seit dem PDF umgeschrieben: Eintrag Nr. {seq} fehlt oder weicht ab "
            "(Datenbank zurückgesetzt oder verändert)."
        )
    else:
        notes.append(f"Prüfprotokoll: der Stand des PDF (Eintrag Nr. {seq}) ist in der Datenbank enthalten.")
    try:
        paper = uow.papers.get(paper_id)
    except NotFoundError:
        findings.append(f"Vorlage {reference} gelöscht: sie fehlt in der Datenbank.")
        return
    logged = [e for e in entries if e.paper_id == paper_id and e.seq <= seq]
    _check_logged_state(reference, seal, logged, findings, notes)
    if uow.released_documents.find(sha256) is None:
        findings.append(
            f"Vorlage {reference}: dieses PDF steht nicht unter den signierten PDFs der Datenbank."
        )
    current = rules.content_hash(paper)
    if paper.status.value != seal.get("status") or current != seal.get("contentHash"):
        notes.append(
            f"Hinweis: Vorlage {reference} hat sich seit diesem PDF geändert (jetzt „{paper.status.label}“, "
            f"Inhalt {rules.short_hash(current)}); das PDF zeigt den früheren Stand."
        )


def _check_logged_state(
    reference: str, seal: dict[str, Any], logged: list[AuditEntry], findings: list[str], notes: list[str]
) -> None:
    """The Vorlage's content and state as the audit log had them at the checkpoint."""
    if not logged:
        findings.append(f"Vorlage {reference}: das Prüfprotokoll kennt sie bis zum Stand des PDF nicht.")
        return
    last = logged[-1]
    status = str(seal.get("status", ""))
    label = PaperStatus(status).label if status in {s.value for s in PaperStatus} else status
    same_state = last.status == status or (last.status, status) in UNLOGGED_FOLLOW_UPS
    if last.content_hash != seal.get("contentHash") or not same_state:
        findings.append(
            f"Vorlage {reference}: Inhalt oder Status des PDF („{label}“, "
            f"{rules.short_hash(str(seal.get('contentHash', '')))}) stehen so nicht im Prüfprotokoll."
        )
    else:
        notes.append(
            f"Vorlage {reference}: „{label}“, Inhalt {rules.short_hash(last.content_hash)} – "
            "wie im Prüfprotokoll."
        )
