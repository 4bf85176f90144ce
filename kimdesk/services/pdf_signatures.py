"""The port to the PDF layer for signed PDFs: render, sign (PAdES) and read signatures back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from cryptography import x509

from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.services.signing_identity import SigningIdentity


@dataclass(frozen=True, slots=True)
class PdfSignatureInfo:
    """One signature of a PDF as read back (and checked against the trust anchors given)."""

    field_name: str
    #: The signed bytes still hash to what was signed, and the signature over them verifies.
    intact: bool
    #: The signature covers the whole file: nothing was appended after signing.
    covers_whole_file: bool
    #: The signer's certificate chains to one of the trust anchors (False when none were given).
    trusted: bool
    certificate: x509.Certificate
    signing_time: datetime | None
    reason: str
    location: str
    #: The kimdesk seal of the signed revision (empty if the PDF has none).
    seal: dict[str, Any]


class SignedPdfMaker(Protocol):
    """Implemented in ``kimdesk.pdf.signing`` (``PadesPdfMaker``)."""

    def render_paper(self, paper: Paper, office: Office) -> bytes: ...

    def sign(
        self, pdf: bytes, identity: SigningIdentity, *, reason: str, location: str, seal: dict[str, Any]
    ) -> bytes:
        """``pdf`` with ``seal`` in its signed revision and a PAdES signature of ``identity``."""
        ...

    def read_signatures(self, pdf: bytes, trust: Sequence[x509.Certificate]) -> list[PdfSignatureInfo]:
        """Every signature of ``pdf``; ValidationError if the file is no readable PDF."""
        ...
