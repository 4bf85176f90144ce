"""PAdES signatures on Vorlage PDFs (pyHanko): sign a rendered PDF, read the signatures of a PDF back.

A signed PDF carries one invisible PAdES B-B signature (ECDSA P-256, SHA-256, no time-stamp authority)
over the whole file, and — inside the signed revision — the kimdesk seal: which Vorlage, its content
hash and status, and the audit checkpoint the PDF was made at (see ``docs/SECURITY.md``). Any PDF
reader shows whether the file is unchanged since it was signed.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError as PypdfReadError

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.services.pdf_signatures import PdfSignatureInfo
from kimdesk.services.ports import PdfRenderer
from kimdesk.services.signing_identity import SigningIdentity

#: The document-information key that holds the kimdesk seal (JSON text) in a signed PDF.
SEAL_KEY = "/KimdeskSeal"
#: The name of the (invisible) signature field.
FIELD_NAME = "Freigabe"
#: What the signer's certificate must allow (an ECDSA signing certificate of the office CA).
_KEY_USAGE = {"digital_signature"}


def sign_pdf(
    pdf: bytes,
    *,
    key: ec.EllipticCurvePrivateKey,
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    reason: str,
    location: str = "",
    seal: dict[str, Any] | None = None,
) -> bytes:
    """``pdf`` with the ``seal`` written into its document information and a PAdES B-B signature.

    The sign-off grid and every page stay as rendered; the signature is invisible (no stamp).
    """
    data = _with_seal(pdf, seal) if seal is not None else pdf
    signer = signers.SimpleSigner(
        signing_cert=_asn1_cert(certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(c) for c in chain]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=_common_name(certificate) or None,
        signer_key_usage=set(_KEY_USAGE),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    out = signers.PdfSigner(meta, signer=signer).sign_pdf(writer)
    return bytes(out.getvalue())


def read_pdf_signatures(pdf: bytes, trust: Sequence[x509.Certificate] = ()) -> list[PdfSignatureInfo]:
    """Every signature of ``pdf``, oldest first; ValidationError if the file is no readable PDF."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"PDF: die Datei ist kein lesbares PDF ({exc}).") from exc
    context = ValidationContext(
        trust_roots=[_asn1_cert(c) for c in trust], allow_fetching=False, revocation_mode="soft-fail"
    )
    result: list[PdfSignatureInfo] = []
    for sig in embedded:
        try:
            status = validate_pdf_signature(
                sig,
                signer_validation_context=context,
                key_usage_settings=KeyUsageConstraints(key_usage=set(_KEY_USAGE)),
                skip_diff=True,
            )
        except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
            raise ValidationError(f"PDF: die Signatur „{sig.field_name}“ ist unlesbar ({exc}).") from exc
        signed_bytes = _signed_revision(pdf, sig.byte_range)
        result.append(
            PdfSignatureInfo(
                field_name=str(sig.field_name),
                intact=bool(status.intact and status.valid),
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                trusted=bool(trust) and bool(status.trusted),
                certificate=x509.load_der_x509_certificate(status.signing_cert.dump()),
                signing_time=status.signer_reported_dt,
                reason=_text(sig.sig_object.get("/Reason")),
                location=_text(sig.sig_object.get("/Location")),
                seal=read_seal(signed_bytes),
            )
        )
    return result


def read_seal(pdf: bytes) -> dict[str, Any]:
    """The kimdesk seal in the document information of ``pdf`` (empty if there is none)."""
    try:
        info = PdfReader(io.BytesIO(pdf), strict=False).metadata
    except (PypdfReadError, ValueError, KeyError, TypeError):
        return {}
    raw = info.get(SEAL_KEY) if info is not None else None
    if raw is None:
        return {}
    try:
        value = json.loads(str(raw))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _with_seal(pdf: bytes, seal: dict[str, Any]) -> bytes:
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    except (PypdfReadError, ValueError) as exc:
        raise ValidationError(f"PDF: die Datei ist kein lesbares PDF ({exc}).") from exc
    writer.add_metadata({SEAL_KEY: json.dumps(seal, sort_keys=True, ensure_ascii=True)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _signed_revision(pdf: bytes, byte_range: Any) -> bytes:
    """The file as it was when signed: everything up to the end of the signature's byte range."""
    ranges = list(byte_range)
    end = int(ranges[-2]) + int(ranges[-1])
    return pdf[:end]


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)
    return str(names[0].value) if names else ""


def _text(value: Any) -> str:
    return str(value) if value is not None else ""


class PadesPdfMaker:
    """Implements :class:`kimdesk.services.pdf_signatures.SignedPdfMaker` with the Vorlage renderer."""

    def __init__(self, renderer: PdfRenderer | None = None) -> None:
        self.renderer: PdfRenderer = renderer or PaperPdfRenderer()

    def render_paper(self, paper: Paper, office: Office) -> bytes:
        return self.renderer.render_paper(paper, office)

    def sign(
        self, pdf: bytes, identity: SigningIdentity, *, reason: str, location: str, seal: dict[str, Any]
    ) -> bytes:
        return sign_pdf(
            pdf,
            key=identity.private_key,
            certificate=identity.certificate,
            chain=identity.chain,
            reason=reason,
            location=location,
            seal=seal,
        )

    def read_signatures(self, pdf: bytes, trust: Sequence[x509.Certificate]) -> list[PdfSignatureInfo]:
        return read_pdf_signatures(pdf, trust)
