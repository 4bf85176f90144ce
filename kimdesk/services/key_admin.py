"""What the administration (Hauptamt/IT) sees and does about signing keys in the program.

The actions themselves are those of ``kimdesk keys`` (:mod:`kimdesk.services.enrolment`); this module adds
the overview the settings page shows (office certificate, pending requests, certified keys), the office
CA certificate as a file (``office-ca.pem``) and its installation as this PC's trust anchor.

Who may act is decided as on the command line: whoever holds the office key in their OS account and knows
its passphrase. The overview says whether this account holds it, so that everybody else sees why they
cannot certify or revoke.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cryptography import x509

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import KimdeskError
from kimdesk.services import enrolment
from kimdesk.services import keycrypto as kc
from kimdesk.services.files import write_atomically
from kimdesk.services.local_keys import ANCHOR_FILE, LocalKeys
from kimdesk.services.ports import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class CertifiedKey:
    person_name: str
    roles: tuple[str, ...]
    serial: int
    valid_until: datetime
    fingerprint: str
    #: Issued by the newest office certificate (False after a rotation until re-certified).
    current: bool


@dataclass(frozen=True, slots=True)
class OwnKey:
    """One person's key as seen from this OS account."""

    person_name: str
    #: The sealed private key is in this OS account.
    here: bool
    #: "zertifiziert", "beantragt" or "" (none, or revoked).
    state: str
    #: Of the public key requested or certified (what the administrator compares before certifying).
    fingerprint: str = ""


@dataclass(frozen=True)
class KeyOverview:
    #: Office CA certificates in the database, newest last.
    office_certificates: list[x509.Certificate]
    #: The office key (private) is in this OS account: this account may certify and revoke.
    office_key_here: bool
    #: Fingerprints of the anchors installed on this PC.
    installed: set[str]
    pending: list[enrolment.KeyRequest] = field(default_factory=list)
    certified: list[CertifiedKey] = field(default_factory=list)
    #: Persons whose signing key is in this OS account (whose PIN can be changed here).
    keys_here: list[str] = field(default_factory=list)

    @property
    def current(self) -> x509.Certificate | None:
        return self.office_certificates[-1] if self.office_certificates else None

    @property
    def current_installed(self) -> bool:
        return self.current is not None and kc.fingerprint(self.current) in self.installed


def _role_label(labels: dict[str, str], role: str) -> str:
    key, _slash, deputy = role.partition("/")
    label = labels.get(key, key)
    return f"{label} (Vertretung)" if deputy else label


def overview(uow_factory: UnitOfWorkFactory, local: LocalKeys) -> KeyOverview:
    """Everything the page shows (runs off the GUI thread)."""
    requests = enrolment.pending(uow_factory)
    with uow_factory() as uow:
        labels = {role.key: role.label for role in uow.office.get().sign_off_roles}
        certificates = enrolment.office_certificates(uow)
        persons = uow.persons.list()
        newest = kc.fingerprint(certificates[-1]) if certificates else ""
        certified = []
        for key in uow.settings.keys(enrolment.CERT_PREFIX):
            person = uow.persons.get(uuid.UUID(key.removeprefix(enrolment.CERT_PREFIX)))
            cert = enrolment.person_certificate(uow, person.id)
            if cert is None:
                continue
            certified.append(
                CertifiedKey(
                    person.name,
                    tuple(_role_label(labels, r) for r in sorted(kc.certificate_roles(cert))),
                    cert.serial_number,
                    cert.not_valid_after_utc,
                    kc.key_fingerprint(cert.public_key()),  # type: ignore[arg-type]
                    any(kc.fingerprint(ca) == newest and kc.issued_by(cert, ca) for ca in certificates),
                )
            )
    try:
        installed = {kc.fingerprint(c) for c in local.anchors()}
    except KimdeskError:
        installed = set()
    return KeyOverview(
        certificates,
        local.office_key_file.is_file(),
        installed,
        sorted(requests, key=lambda r: r.person_name),
        sorted(certified, key=lambda c: c.person_name),
        [p.name for p in persons if local.load_key(p.id) is not None],
    )


def own_key(uow_factory: UnitOfWorkFactory, local: LocalKeys, person_name: str) -> OwnKey:
    with uow_factory() as uow:
        person = enrolment.find_person(uow, person_name)
        cert = enrolment.person_certificate(uow, person.id)
        request = uow.settings.get(enrolment.REQUEST_PREFIX + str(person.id))
    if isinstance(request, dict):
        return OwnKey(
            person.name,
            local.load_key(person.id) is not None,
            "beantragt",
            enrolment.request_fingerprint(request),
        )
    if cert is not None:
        fingerprint = kc.key_fingerprint(cert.public_key())  # type: ignore[arg-type]
        return OwnKey(person.name, local.load_key(person.id) is not None, "zertifiziert", fingerprint)
    return OwnKey(person.name, local.load_key(person.id) is not None, "")


def anchor_pem(uow_factory: UnitOfWorkFactory) -> str:
    """Every office CA certificate of the database as one PEM text (after a rotation: old and new)."""
    with uow_factory() as uow:
        certificates = enrolment.office_certificates(uow)
    if not certificates:
        raise KimdeskError(
            "Office-Schlüssel: noch keiner erzeugt (Einstellungen → Signaturen, "
            "oder kimdesk keys init-office)."
        )
    return "".join(kc.cert_pem(c) for c in certificates)


def export_anchor(uow_factory: UnitOfWorkFactory, path: Path) -> None:
    """Write ``office-ca.pem`` for IT's software distribution (the fingerprint is compared on install)."""
    write_atomically(path, anchor_pem(uow_factory).encode("ascii"), what="Vertrauensanker")


def install_anchor(uow_factory: UnitOfWorkFactory, local: LocalKeys, *, now: datetime | None = None) -> Path:
    """Install the office CA certificate(s) as this PC's trust anchor (machine-wide folder); audited.

    Needs write access to the folder (on Windows ``C:\\ProgramData\\kimdesk``: an administrator).
    """
    pem = anchor_pem(uow_factory)
    target = local.anchor_dirs[0] / ANCHOR_FILE
    try:
        write_atomically(target, pem.encode("ascii"), what="Vertrauensanker", create_folder=True)
    except KimdeskError as exc:
        raise KimdeskError(
            f"Vertrauensanker: {target} lässt sich nicht schreiben – kimdesk als Administrator starten "
            f"oder das Zertifikat exportieren und per Softwareverteilung installieren ({exc.message})."
        ) from exc
    when = now or utcnow()
    with uow_factory() as uow:
        uow.audit.lock()
        enrolment.log(
            uow,
            AuditAction.OTHER,
            None,
            when,
            office="Vertrauensanker installiert",
            file=str(target),
            fingerprints=[kc.fingerprint(c) for c in x509.load_pem_x509_certificates(pem.encode())],
        )
        uow.commit()
    return target
