"""A person's unlocked signing identity: private key and X.509 certificate chain (issued by the office key)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec


@dataclass(frozen=True)
class SigningIdentity:
    person_id: uuid.UUID
    private_key: ec.EllipticCurvePrivateKey
    #: The person's certificate (ECDSA P-256), issued by the office CA.
    certificate: x509.Certificate
    #: Issuer chain up to and including the office CA certificate.
    chain: tuple[x509.Certificate, ...]
