"""Issue 14: the office may use the municipality's own CA certificate (PKCS#12) instead of a self-signed one
made at set-up; the persons' certificates are then issued under it and the Mitzeichnung verifies."""

# ruff: noqa: F811 - the CLI fixtures (db_file, run, office_pc) are imported from test_cli by name
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

from tests.signoff.test_cli import PASSPHRASE, PINS, Result, db_file, office_pc, run  # noqa: F401

P12_PASSWORD = "Kommune-PKI 2026"


def municipal_p12(path: Path, *, ca: bool) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Stadt Recklinghausen – Verwaltungs-CA")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, ca, ca, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"kommune", key, cert, None, BestAvailableEncryption(P12_PASSWORD.encode())
    )
    path.write_bytes(data)
    return cert


@pytest.fixture
def db(db_file: Path) -> str:
    """The demo Vorlagen (drafts) in a SQLite file of this test's own; no office key yet."""
    return f"sqlite:///{db_file}"


def init_office(
    run: Callable[..., Result], db: str, p12: Path, *extra: str, password: str = P12_PASSWORD, code: int = 0
) -> Result:
    """``kimdesk keys init-office`` with the municipality's PKCS#12 file instead of a new office key."""
    return run(
        db,
        "keys",
        "init-office",
        "--pkcs12",
        str(p12),
        "--pkcs12-password",
        password,
        "--passphrase",
        PASSPHRASE,
        *extra,
        code=code,
    )


def test_the_municipal_ca_from_pkcs12_issues_the_keys_and_the_signature_verifies(
    db: str, run: Callable[..., Result], office_pc: Path, tmp_path: Path
) -> None:
    p12 = tmp_path / "kommune.p12"
    municipal = municipal_p12(p12, ca=True)
    office_pc.parent.mkdir(parents=True)
    made = init_office(run, db, p12, "--anchor-out", str(office_pc)).stdout
    assert "Fingerabdruck (SHA-256):" in made
    anchor = x509.load_pem_x509_certificate(office_pc.read_bytes())
    assert anchor == municipal  # the municipality's certificate is the trust anchor, not a new one
    name, pin = "Christoph Tesche", PINS["Christoph Tesche"]
    run(db, "keys", "enrol", name, "--pin", pin)
    assert name in run(db, "keys", "certify", "--passphrase", PASSPHRASE).stdout
    run(db, "signoff", "start", "20/0270", "--roles", "Bürgermeister")
    run(db, "signoff", "sign", "20/0270", "--role", "mayor", "--person", name, "--pin", pin)
    assert "Freigegeben" in run(db, "signoff", "status", "20/0270").stdout
    run(db, "verify")  # exit code 0: every signature chains to the municipal CA


def test_a_pkcs12_that_cannot_issue_certificates_is_refused_in_german(
    db: str, run: Callable[..., Result], office_pc: Path, tmp_path: Path
) -> None:
    p12 = tmp_path / "signatur.p12"
    municipal_p12(p12, ca=False)
    refused = init_office(run, db, p12, code=1)
    assert "kein CA-Zertifikat" in refused.stderr and "Traceback" not in refused.stderr
    wrong = init_office(run, db, p12, password="falsch", code=1)
    assert "falsches Passwort" in wrong.stderr
