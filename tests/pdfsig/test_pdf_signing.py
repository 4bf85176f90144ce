"""The PAdES layer: a signed Vorlage PDF reads back intact, covers the whole file, chains to its CA,
carries its seal, prints the same sign-off grid, and poppler's ``pdfsig`` calls it valid."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.pdf.signing import read_pdf_signatures, sign_pdf
from tests.demo_data import demo_office, demo_organizations, demo_persons, seed_paper
from tests.pdf.readback import page_texts
from tests.pdfsig.identities import office_ca

SEAL = {"paperId": "e5ad4ab9-6ec7-51f2-8c5c-6044674b2023", "reference": "20/0270", "note": "Kämmerer"}


@pytest.fixture(scope="module")
def rendered() -> tuple[Paper, Office, bytes]:
    persons = demo_persons()
    paper = seed_paper(demo_organizations(), persons)
    office = demo_office(persons)
    return paper, office, PaperPdfRenderer().render_paper(paper, office)


@pytest.fixture(scope="module")
def ca():  # type: ignore[no-untyped-def]
    return office_ca()


@pytest.fixture(scope="module")
def signed(rendered: tuple[Paper, Office, bytes], ca) -> bytes:  # type: ignore[no-untyped-def]
    identity = ca.issue("Christoph Tesche")
    return sign_pdf(
        rendered[2],
        key=identity.private_key,
        certificate=identity.certificate,
        chain=identity.chain,
        reason="Freigabe der Vorlage 20/0270",
        location="Stadt Gladbeck",
        seal=SEAL,
    )


def test_signed_pdf_reads_back_intact_whole_trusted_with_its_seal(signed: bytes, ca) -> None:  # type: ignore[no-untyped-def]
    [sig] = read_pdf_signatures(signed, [ca.certificate])
    assert sig.intact and sig.covers_whole_file and sig.trusted
    assert sig.certificate.subject.rfc4514_string() == "CN=Christoph Tesche"
    assert sig.reason == "Freigabe der Vorlage 20/0270"
    assert sig.location == "Stadt Gladbeck"
    assert sig.signing_time is not None
    assert sig.seal == SEAL


def test_signing_keeps_every_page_text(rendered: tuple[Paper, Office, bytes], signed: bytes) -> None:
    assert page_texts(signed) == page_texts(rendered[2])


def test_a_changed_byte_or_an_appended_update_is_seen(signed: bytes, ca) -> None:  # type: ignore[no-untyped-def]
    tampered = bytearray(signed)
    tampered[signed.index(b"stream") + 40] ^= 0x01
    [sig] = read_pdf_signatures(bytes(tampered), [ca.certificate])
    assert not sig.intact
    [appended] = read_pdf_signatures(signed + b"\n1 0 obj\n(neu)\nendobj\n", [ca.certificate])
    assert appended.intact and not appended.covers_whole_file


def test_a_certificate_of_another_ca_is_not_trusted(signed: bytes) -> None:
    [sig] = read_pdf_signatures(signed, [office_ca().certificate])
    assert sig.intact and not sig.trusted
    [untrusted] = read_pdf_signatures(signed)
    assert not untrusted.trusted


def test_unsigned_and_unreadable_files(rendered: tuple[Paper, Office, bytes]) -> None:
    assert read_pdf_signatures(rendered[2]) == []
    with pytest.raises(ValidationError, match="PDF"):
        read_pdf_signatures(b"kein PDF")


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) fehlt")
def test_poppler_pdfsig_calls_the_signature_valid(signed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "signiert.pdf"
    path.write_bytes(signed)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "Christoph Tesche" in out
    assert "ETSI.CAdES.detached" in out  # PAdES
