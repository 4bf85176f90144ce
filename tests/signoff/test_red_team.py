"""Red team: an insider with the program, write access to the database (SQLite file, the PCs' PostgreSQL
login) and a shared office PC — but not the signer's own secret. Each of issue 14's scenarios is performed
with direct SQL (and the program's own code where an insider would use it); each must be refused or named
by ``verify``."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from kimdesk.cli import main
from kimdesk.domain.audit import AuditAction, AuditEntry
from kimdesk.domain.errors import KimdeskError, WorkflowError
from kimdesk.domain.model import PaperStatus
from kimdesk.domain.signature import SignatureKind, SignatureRecord, canonical_payload
from kimdesk.domain.signoff import content_hash
from kimdesk.services import enrolment, signoff
from kimdesk.services import keycrypto as kc
from kimdesk.services.exchange import export_file
from kimdesk.services.papers import get_paper
from kimdesk.services.signatures import anlagen, head_checkpoint
from kimdesk.services.signing_identity import SigningIdentity
from kimdesk.services.unlock import NoKeyError, unlock_identity
from tests.meetings.pdfs import tiny_pdf
from tests.signoff.red_team_office import (
    INSIDER,
    PAPER,
    PINS,
    Office,
    build_office,
    is_sqlite,
    raw_rows,
    raw_sql,
    rewrite_chain,
    uuid_param,
)


@pytest.fixture
def office(db_url: str, tmp_path: Path) -> Iterator[Office]:
    yield from build_office(db_url, tmp_path)


@pytest.fixture
def office_on_a_file(sqlite_url: str, tmp_path: Path) -> Iterator[Office]:
    """Scenario 13 needs a database file (on PostgreSQL the issue measured 12 scenarios)."""
    yield from build_office(sqlite_url, tmp_path)


def _person_id(office: Office, name: str) -> uuid.UUID:
    with office.uow() as uow:
        return enrolment.find_person(uow, name).id


def _insert_signature(office: Office, record: SignatureRecord) -> None:
    raw_sql(
        office.url,
        "INSERT INTO signatures (id, paper_id, reference, kind, person_id, person_name, sign_off_id, at, "
        "checkpoint_seq, checkpoint_hash, payload, signature, certificate) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        uuid_param(office.url, record.id),
        uuid_param(office.url, record.paper_id),
        record.reference,
        record.kind.value,
        uuid_param(office.url, record.person_id),
        record.person_name,
        uuid_param(office.url, record.sign_off_id) if record.sign_off_id else None,
        record.at.isoformat(timespec="microseconds"),
        record.checkpoint.seq,
        record.checkpoint.entry_hash,
        record.payload,
        record.signature,
        record.certificate,
    )


def _forge_mayor_signature_on_20_0325(office: Office, identity: SigningIdentity, as_deputy: bool) -> None:
    """Mark the Bürgermeister's row of 20/0325 signed (raw SQL), with a signature made by ``identity``,
    its audit entries appended and the chain recomputed: the most an insider can do by hand."""
    at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with office.uow() as uow:
        paper = uow.papers.get_by_reference("20/0325")
        row = next(r for r in paper.active_sign_offs if r.role_key == "mayor")
        row.person_name = "Christoph Tesche" if not as_deputy else INSIDER
        row.as_deputy = as_deputy
        row.decision = signoff.SignOffDecision.APPROVED
        row.signed_at = at
        row.content_hash = content_hash(paper)
        checkpoint = head_checkpoint(uow)
        digests = anlagen(uow, paper)
    signature_id = uuid.uuid4()
    payload = canonical_payload(
        kind=SignatureKind.SIGN_OFF,
        signature_id=signature_id,
        paper=paper,
        content_hash=row.content_hash,
        anlagen=digests,
        person_id=identity.person_id,
        person_name=row.person_name,
        at=at,
        checkpoint=checkpoint,
        sign_off=row,
    )
    _insert_signature(
        office,
        SignatureRecord(
            id=signature_id,
            paper_id=paper.id,
            reference="20/0325",
            kind=SignatureKind.SIGN_OFF,
            person_id=identity.person_id,
            person_name=row.person_name,
            sign_off_id=row.id,
            at=at,
            checkpoint=checkpoint,
            payload=payload,
            signature=kc.sign_bytes(identity.private_key, payload),
            certificate=kc.cert_pem(identity.certificate),
        ),
    )
    _mark_mayor_signed(office, row.person_name, as_deputy, at, row.content_hash, row.id)


def _mark_mayor_signed(
    office: Office, person: str, as_deputy: bool, at: datetime, hashed: str, row_id: uuid.UUID
) -> None:
    raw_sql(
        office.url,
        "UPDATE sign_offs SET decision = 'approved', person_name = ?, as_deputy = ?, signed_at = ?, "
        f"content_hash = ?, os_account = 'tesche' WHERE paper_id = {PAPER} AND role_key = 'mayor'",
        person,
        as_deputy,
        at if not is_sqlite(office.url) else at.strftime("%Y-%m-%d %H:%M:%S.%f"),
        hashed,
        "20/0325",
    )
    raw_sql(office.url, "UPDATE papers SET status = 'released' WHERE reference = '20/0325'")

    def append(entries: list[AuditEntry]) -> list[AuditEntry]:
        paper_id = next(e.paper_id for e in entries if e.reference == "20/0325")
        common = {"at": at, "paper_id": paper_id, "reference": "20/0325", "content_hash": hashed}
        details = {"signOffId": str(row_id), "role": "mayor", "decision": "approved", "asDeputy": as_deputy}
        return [
            *entries,
            AuditEntry(AuditAction.SIGNED, person_name=person, status="released", details=details, **common),
            AuditEntry(AuditAction.RELEASED, status="released", **common),
        ]

    rewrite_chain(office.url, append)


# --- 1 ---------------------------------------------------------------------------------------------------


def test_changed_signed_text_with_recomputed_content_hash_and_chain_is_named(office: Office) -> None:
    raw_sql(office.url, "UPDATE papers SET title = 'Etwas ganz anderes' WHERE reference = '20/0270'")
    forged = content_hash(get_paper(office.uow, "20/0270"))
    raw_sql(office.url, f"UPDATE sign_offs SET content_hash = ? WHERE paper_id = {PAPER}", forged, "20/0270")

    def rehash(entries: list[AuditEntry]) -> list[AuditEntry]:
        return [replace(e, content_hash=forged) if e.reference == "20/0270" else e for e in entries]

    rewrite_chain(office.url, rehash)
    report = office.verify()
    assert "20/0270" in report.tampered_references
    # Every signature signed the chain head at its moment: the recomputed chain no longer contains it.
    assert any("Prüfprotokoll wurde umgeschrieben" in str(f) for f in report.findings)


# --- 2 ---------------------------------------------------------------------------------------------------


def test_back_dated_signature_of_the_mayor_without_his_secret_is_named(office: Office) -> None:
    with office.uow() as uow:
        paper = uow.papers.get_by_reference("20/0325")
        row = next(r for r in paper.active_sign_offs if r.role_key == "mayor")
        hashed = content_hash(paper)
    _mark_mayor_signed(office, "Christoph Tesche", False, datetime(2026, 1, 5, tzinfo=UTC), hashed, row.id)
    assert "20/0325" in office.named()
    assert any("nicht signiert" in str(f) for f in office.verify().findings)
    # Moving the start of signing past it ("Altbestand") is named too.
    raw_sql(office.url, "UPDATE settings SET value = '{\"seq\":100000}' WHERE key = 'signing:introduced'")
    report = office.verify()
    assert not report.ok and "20/0325" in office.named()
    assert any("verschoben" in str(f) for f in report.findings)


def test_signature_made_with_a_key_the_insider_certified_himself_is_named(office: Office) -> None:
    own_ca_key, own_ca = kc.new_office_ca("Falsche CA", datetime.now(UTC))
    key = kc.new_private_key()
    tesche = _person_id(office, "Christoph Tesche")
    cert = kc.issue_certificate(
        own_ca_key,
        own_ca,
        key.public_key(),
        person_id=tesche,
        name="Christoph Tesche",
        roles=["mayor"],
        now=datetime.now(UTC),
    )
    _forge_mayor_signature_on_20_0325(office, SigningIdentity(tesche, key, cert, (own_ca,)), False)
    report = office.verify()
    assert "20/0325" in report.tampered_references
    assert any("nicht vom Office-Schlüssel" in str(f) for f in report.findings)


# --- 3 ---------------------------------------------------------------------------------------------------


def test_erased_rejection_is_named(office: Office) -> None:
    raw_sql(office.url, f"DELETE FROM sign_offs WHERE paper_id = {PAPER}", "20/0311")
    raw_sql(office.url, "DELETE FROM signatures WHERE reference = '20/0311'")
    raw_sql(office.url, "UPDATE papers SET status = 'draft' WHERE reference = '20/0311'")
    rewrite_chain(office.url, lambda entries: [e for e in entries if e.reference != "20/0311"])
    report = office.verify()
    assert "20/0311" in report.tampered_references
    # The chain is shorter than this PC saw it: the restored or rewritten log is named.
    assert any("älter als zuletzt auf diesem PC gesehen" in str(f) for f in report.findings)


# --- 4 ---------------------------------------------------------------------------------------------------


def test_deleted_decided_vorlage_with_its_history_is_named(office: Office) -> None:
    raw_sql(office.url, "DELETE FROM signatures WHERE reference = '20/0270'")
    raw_sql(office.url, f"DELETE FROM agenda_items WHERE paper_id = {PAPER}", "20/0270")
    raw_sql(office.url, "DELETE FROM papers WHERE reference = '20/0270'")
    rewrite_chain(office.url, lambda entries: [e for e in entries if e.reference != "20/0270"])
    assert "20/0270" in office.named()


def test_deleted_vorlage_is_named_by_a_later_signature_of_anyone(office: Office) -> None:
    """Without this PC's memory: the next signature in the office signs the chain head, which then moves."""
    office.sign("20/0325", "mayor", "Christoph Tesche")  # signs a checkpoint after 20/0270's entries
    raw_sql(office.url, f"DELETE FROM agenda_items WHERE paper_id = {PAPER}", "20/0270")
    raw_sql(office.url, "DELETE FROM papers WHERE reference = '20/0270'")
    raw_sql(office.url, "DELETE FROM signatures WHERE reference = '20/0270'")
    rewrite_chain(office.url, lambda entries: [e for e in entries if e.reference != "20/0270"])
    office.local.write_state({})  # another PC, which never saw the office before
    report = office.verify()
    assert any("umgeschrieben oder gekürzt" in str(f) for f in report.findings)
    assert "20/0325" in report.tampered_references  # the signature whose checkpoint no longer exists


# --- 5 and 6 -----------------------------------------------------------------------------------------------


def test_swapped_key_in_the_database_is_refused(office: Office) -> None:
    """The old attack swapped a PIN hash; now there is none — the insider swaps the certificate instead."""
    tesche = _person_id(office, "Christoph Tesche")
    raw_sql(office.url, "UPDATE persons SET pin_hash = 'x' WHERE name = 'Christoph Tesche'")
    own_ca_key, own_ca = kc.new_office_ca("Falsche CA", datetime.now(UTC))
    key = kc.new_private_key()
    cert = kc.issue_certificate(
        own_ca_key,
        own_ca,
        key.public_key(),
        person_id=tesche,
        name="Christoph Tesche",
        roles=["mayor"],
        now=datetime.now(UTC),
    )
    value = json.dumps({"certificate": kc.cert_pem(cert)})
    raw_sql(office.url, "UPDATE settings SET value = ? WHERE key = ?", value, f"signing:cert:{tesche}")
    raw_sql(
        office.url,
        "UPDATE settings SET value = ? WHERE key = 'signing:office-ca'",
        json.dumps({"certificates": [kc.cert_pem(own_ca)]}),
    )
    insider = office.insider_profile()
    insider.store_key(tesche, kc.seal_private_key(key, "123456", str(tesche)))
    with pytest.raises(NoKeyError, match="nicht vom Office-Schlüssel"):
        signoff.sign(
            office.uow,
            "20/0325",
            role_key="mayor",
            person_name="Christoph Tesche",
            pin="123456",
            local=insider,
        )
    assert get_paper(office.uow, "20/0325").status is PaperStatus.IN_SIGN_OFF


def test_reset_key_needs_the_office_key(office: Office) -> None:
    """The old attack reset a PIN; now the insider enrols a new key for the Bürgermeister."""
    tesche = _person_id(office, "Christoph Tesche")
    raw_sql(office.url, "DELETE FROM settings WHERE key = ?", f"signing:cert:{tesche}")
    insider = office.insider_profile()
    enrolment.enrol(office.uow, insider, "Christoph Tesche", "123456")
    with pytest.raises(NoKeyError, match="nicht von der Verwaltung zertifiziert"):
        signoff.sign(
            office.uow,
            "20/0325",
            role_key="mayor",
            person_name="Christoph Tesche",
            pin="123456",
            local=insider,
        )
    with pytest.raises(KimdeskError, match="Office-Schlüssel"):
        enrolment.certify(office.uow, insider, "geraten")  # the office key is not in his profile
    with pytest.raises(KimdeskError, match="Passphrase"):
        enrolment.certify(office.uow, office.local, "geraten")  # nor does he know the passphrase
    # The Bürgermeister's own key no longer works either: the damage shows at once, on his next signature.
    with pytest.raises(NoKeyError):
        office.sign("20/0325", "mayor", "Christoph Tesche")
    assert get_paper(office.uow, "20/0325").status is PaperStatus.IN_SIGN_OFF


# --- 7 ---------------------------------------------------------------------------------------------------


def test_swapped_deputy_is_refused_and_a_hand_made_signature_named(office: Office) -> None:
    raw_sql(
        office.url,
        "UPDATE sign_off_roles SET deputy_id = (SELECT id FROM persons WHERE name = ?) WHERE key = 'mayor'",
        INSIDER,
    )
    with pytest.raises(WorkflowError, match="Zertifikat"):
        office.sign("20/0325", "mayor", INSIDER, as_deputy=True)
    assert get_paper(office.uow, "20/0325").status is PaperStatus.IN_SIGN_OFF
    own = unlock_identity(office.uow, INSIDER, PINS[INSIDER], local=office.local)
    _forge_mayor_signature_on_20_0325(office, own, True)
    report = office.verify()
    assert "20/0325" in report.tampered_references
    assert any("gilt nicht für diese Rolle" in str(f) for f in report.findings)


# --- 8 ---------------------------------------------------------------------------------------------------


def test_imported_released_vorlage_arrives_as_draft(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "signed.json"
    export_file(office.uow, path, ["20/0270"])
    document = json.loads(path.read_text("utf-8"))
    paper = document["papers"][0]
    paper["id"], paper["reference"] = str(uuid.uuid4()), "26/0999"
    for attachment in document.get(
        "attachments", []
    ):  # its Anlagen (files beside the exchange file) go along
        attachment["paper"] = paper["id"]
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    assert main(["--db", office.url, "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Als Entwurf übernommen" in out and "26/0999" in out
    imported = get_paper(office.uow, "26/0999")
    assert imported.status is PaperStatus.DRAFT and not imported.sign_offs and not imported.resolution_record
    # Over the decided original: refused.
    export_file(office.uow, path, ["20/0270"])
    document = json.loads(path.read_text("utf-8"))
    document["papers"][0]["title"] = "Anders"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    assert main(["--db", office.url, "import", str(path)]) == 1
    assert office.verify().ok


# --- 9 to 12 ---------------------------------------------------------------------------------------------


def test_changed_beschlussvermerk_is_named(office: Office) -> None:
    raw_sql(
        office.url, f"UPDATE resolution_entries SET text = 'Abgelehnt.' WHERE paper_id = {PAPER}", "20/0270"
    )
    report = office.verify()
    assert report.tampered_references == ["20/0270"]
    assert any("Beschlussvermerk wurde nach der Signatur" in str(f) for f in report.findings)


def test_renamed_committee_is_named(office: Office) -> None:
    """A signed Vorlage keeps its names (``papers.printed_names``, test_renames): the insider edits them."""
    raw_sql(
        office.url,
        "UPDATE papers SET printed_names = REPLACE(printed_names, 'Integrationsrat', 'Ausländerbeirat') "
        "WHERE reference = '20/0270'",
    )
    report = office.verify()
    assert "20/0270" in report.tampered_references
    assert any("Namen von Gremien oder Personen" in str(f) for f in report.findings)


def test_renamed_person_is_named(office: Office) -> None:
    """The Berichterstatter's name as 20/0270 keeps it; renaming the person in ``persons`` does not reach
    a signed Vorlage at all (test_renames)."""
    raw_sql(
        office.url,
        "UPDATE papers SET printed_names = REPLACE(printed_names, 'Rainer Weichelt', 'Rainer Wechsel') "
        "WHERE reference = '20/0270'",
    )
    assert "20/0270" in office.verify().tampered_references


def test_replaced_anlage_is_named(office: Office) -> None:
    other = tiny_pdf("Andere Anlage")
    import hashlib

    raw_sql(  # the Anlage's bytes (in chunks since issue 18) and the checksum and size that describe them
        office.url,
        "UPDATE attachment_chunks SET data = ? "
        f"WHERE attachment_id IN (SELECT id FROM attachments WHERE paper_id = {PAPER})",
        other,
        "20/0270",
    )
    raw_sql(
        office.url,
        f"UPDATE attachments SET sha256 = ?, size = ? WHERE paper_id = {PAPER}",
        hashlib.sha256(other).hexdigest(),
        len(other),
        "20/0270",
    )
    report = office.verify()
    assert report.tampered_references == ["20/0270"]
    assert any("Anlagen wurden nach der Signatur" in str(f) for f in report.findings)


def test_added_anlage_is_named(office: Office) -> None:
    new_id = uuid_param(office.url, uuid.uuid4())
    raw_sql(
        office.url,
        "INSERT INTO attachments "
        "(id, paper_id, position, filename, media_type, size, sha256, created_at) "
        "SELECT ?, paper_id, position + 1, 'Nachtrag.pdf', media_type, size, sha256, created_at "
        f"FROM attachments WHERE paper_id = {PAPER}",
        new_id,
        "20/0270",
    )
    assert "20/0270" in office.verify().tampered_references


# --- 13 --------------------------------------------------------------------------------------------------


def test_restored_older_database_file_is_named(office_on_a_file: Office, tmp_path: Path) -> None:
    office = office_on_a_file
    live = Path(str(make_url(office.url).database))
    old = tmp_path / "copy-from-last-week.sqlite"
    with sqlite3.connect(live) as src, sqlite3.connect(old) as dst:
        src.backup(dst)
    office.sign("20/0325", "mayor", "Christoph Tesche")  # the office goes on
    assert office.verify().ok  # … and this PC sees it
    with sqlite3.connect(old) as src, sqlite3.connect(live) as dst:
        src.backup(dst)  # the insider puts last week's file back
    report = office.verify()
    assert "20/0325" in report.tampered_references
    assert any("älter als zuletzt auf diesem PC gesehen" in str(f) for f in report.findings)


def test_the_untouched_office_verifies_and_no_secret_is_in_the_database(office: Office) -> None:
    assert office.verify().ok
    stored = " ".join(str(v) for (v,) in raw_rows(office.url, "SELECT value FROM settings"))
    assert "PRIVATE KEY" not in stored and "kimdesk-sealed-key" not in stored
    assert raw_rows(office.url, "SELECT count(*) FROM persons WHERE pin_hash IS NOT NULL") == [(0,)]
    assert [r[0] for r in raw_rows(office.url, "SELECT kind FROM signatures ORDER BY checkpoint_seq")] == [
        "sign_off",
        "sign_off",
        "resolution",
        "sign_off",
    ]
