"""Signing keys of the demo office: derived from public seeds, so every demo database shares one demo CA.

Only for ``kimdesk demo`` and tests. Their private keys are public knowledge; the demo CA must never be
installed as trust anchor on a real office PC (``kimdesk verify`` calls its signatures "Demo-Schlüssel").
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.entity import utcnow
from kimdesk.domain.masterdata import Person
from kimdesk.services import enrolment
from kimdesk.services import keycrypto as kc
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.ports import UnitOfWorkFactory

#: The PIN of every demo person's key.
DEMO_PIN = "135790"
DEMO_CA_SERIAL = "kimdesk-demo-ca"
#: Cheap sealing: the demo PIN is published anyway.
_DEMO_COST = 2**10
_ISSUED = datetime(2020, 1, 1, tzinfo=UTC)


def _derived(seed: str) -> ec.EllipticCurvePrivateKey:
    number = int.from_bytes(hashlib.sha256(f"kimdesk demo key: {seed}".encode()).digest(), "big")
    return ec.derive_private_key(number % (2**255 - 19) + 1, ec.SECP256R1())


def demo_ca() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The demo office key and its CA certificate (the same in every demo database)."""
    return kc.new_office_ca("Demo", _ISSUED, key=_derived("office"), serial=DEMO_CA_SERIAL)


def is_demo_ca(cert: x509.Certificate) -> bool:
    """By its key: every call of :func:`demo_ca` signs a new copy of the certificate (ECDSA signatures and
    serial numbers are random), so fingerprints differ between runs."""
    public = cert.public_key()
    return isinstance(public, ec.EllipticCurvePublicKey) and kc.public_pem(public) == kc.public_pem(
        _derived("office").public_key()
    )


def ensure_demo_keys(
    uow_factory: UnitOfWorkFactory, names: list[str], *, local: LocalKeys | None = None
) -> None:
    """Give each named person a certified demo key in ``local`` (roles as the office settings say)."""
    local = local or LocalKeys()
    ca_key, ca_cert = demo_ca()
    now = utcnow()
    with uow_factory() as uow:
        uow.audit.lock()
        stored = enrolment.office_certificates(uow)
        known = next((c for c in stored if is_demo_ca(c)), None)
        if known is None:  # once per database, not a new copy of the demo CA for every person
            pems = [kc.cert_pem(c) for c in stored] + [kc.cert_pem(ca_cert)]
            uow.settings.put(enrolment.CA_KEY, {"certificates": pems})
        else:
            ca_cert = known
        office = uow.office.get()
        persons: list[Person] = [enrolment.find_person(uow, name) for name in dict.fromkeys(names)]
        for person in persons:
            key = _derived(str(person.id))
            # Always (re)written: a demo key is public anyway, and a PIN changed in a test must not stick.
            local.store_key(person.id, kc.seal_private_key(key, DEMO_PIN, str(person.id), cost=_DEMO_COST))
            roles = enrolment.office_roles(office, person)
            current = enrolment.person_certificate(uow, person.id)
            if current is not None and kc.certificate_roles(current) == set(roles):
                continue
            cert = kc.issue_certificate(
                ca_key, ca_cert, key.public_key(), person_id=person.id, name=person.name, roles=roles, now=now
            )
            uow.settings.put(enrolment.CERT_PREFIX + str(person.id), {"certificate": kc.cert_pem(cert)})
            enrolment.log(uow, AuditAction.KEY_CERTIFIED, person, now, roles=roles, demo=True)
        uow.commit()


def install_demo_anchor(local: LocalKeys | None = None) -> None:
    """Write the demo CA as trust anchor into the first anchor folder (tests; a demo PC of IT's choosing)."""
    local = local or LocalKeys()
    folder = local.anchor_dirs[0]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "office-ca.pem").write_text(kc.cert_pem(demo_ca()[1]), "ascii")
