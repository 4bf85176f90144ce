"""Signing keys: the office key, enrolment, certification, revocation, PIN change, and unlocking.

The private keys stay outside the database (:class:`LocalKeys`); the database holds only public keys,
certificates and the revocation list, under ``settings`` keys ``signing:…``. See docs/SECURITY.md.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509

from kimdesk.domain.audit import AuditAction, AuditEntry, timestamp_text
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import KimdeskError, NotFoundError
from kimdesk.domain.masterdata import Office, Person
from kimdesk.services import keycrypto as kc
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.papers import current_user
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory

CA_KEY = "signing:office-ca"
CRL_KEY = "signing:crl"
REQUEST_PREFIX = "signing:request:"
CERT_PREFIX = "signing:cert:"


def find_person(uow: UnitOfWork, name: str) -> Person:
    person = uow.persons.find(name)
    if person is None:
        raise NotFoundError(f"Person: „{name}“ ist nicht erfasst.")
    return person


def log(
    uow: UnitOfWork, action: AuditAction, person: Person | None, now: datetime, **details: object
) -> None:
    """An audit entry about keys (the caller holds the lock and commits)."""
    uow.audit.append(
        AuditEntry(
            action=action,
            at=now,
            os_account=current_user(),
            person_name=person.name if person else "",
            details={"personId": str(person.id) if person else "", **details},
        )
    )


# --- what the database says ---------------------------------------------------------------------


def office_certificates(uow: UnitOfWork) -> list[x509.Certificate]:
    """The office CA certificates stored in the database (newest last); trusted only via the anchor."""
    value = uow.settings.get(CA_KEY)
    pems = value.get("certificates", []) if isinstance(value, dict) else []
    found = []
    for pem in pems:
        try:
            found.append(kc.load_cert(str(pem)))
        except ValueError:
            continue
    return found


def person_certificate(uow: UnitOfWork, person_id: uuid.UUID) -> x509.Certificate | None:
    value = uow.settings.get(CERT_PREFIX + str(person_id))
    if not isinstance(value, dict):
        return None
    try:
        return kc.load_cert(str(value.get("certificate", "")))
    except ValueError:
        return None


def revoked_serials(uow: UnitOfWork, anchors: list[x509.Certificate]) -> dict[int, datetime] | None:
    """Serial → revocation time from the CRL, if an anchored CA signed it; None if the CRL is forged."""
    value = uow.settings.get(CRL_KEY)
    if not isinstance(value, dict):
        return {}
    try:
        crl = kc.load_crl(str(value.get("crl", "")))
    except ValueError:
        return None
    if not any(kc.crl_valid_for(crl, ca) for ca in anchors):
        return None
    return {r.serial_number: r.revocation_date_utc for r in crl}


def office_roles(office: Office, person: Person) -> list[str]:
    """The Mitzeichnung roles ``person`` holds (``mayor``) or deputises (``mayor/deputy``)."""
    roles = []
    for role in office.sign_off_roles:
        if role.holder is not None and role.holder.id == person.id:
            roles.append(role.key)
        if role.deputy is not None and role.deputy.id == person.id:
            roles.append(f"{role.key}/deputy")
    return roles


# --- the office key (administrator) ---------------------------------------------------------------


def _open_office_key(local: LocalKeys, passphrase: str) -> kc.ec.EllipticCurvePrivateKey:
    try:
        blob = local.office_key_file.read_bytes()
    except OSError as exc:
        raise KimdeskError(
            f"Office-Schlüssel: {local.office_key_file} fehlt – nur die Verwaltung (Hauptamt/IT) "
            "zertifiziert Schlüssel."
        ) from exc
    try:
        return kc.open_private_key(blob, passphrase)
    except kc.WrongSecretError as exc:
        raise KimdeskError("Passphrase: die Passphrase des Office-Schlüssels ist falsch.") from exc


def _current_ca(uow: UnitOfWork, key: kc.ec.EllipticCurvePrivateKey) -> x509.Certificate:
    mine = kc.public_pem(key.public_key())
    for cert in reversed(office_certificates(uow)):
        public = cert.public_key()
        if isinstance(public, kc.ec.EllipticCurvePublicKey) and kc.public_pem(public) == mine:
            return cert
    raise KimdeskError("Office-Schlüssel: passt zu keinem Office-Zertifikat der Datenbank.")


def init_office(
    uow_factory: UnitOfWorkFactory,
    local: LocalKeys,
    passphrase: str,
    *,
    now: datetime | None = None,
    own_ca: tuple[kc.ec.EllipticCurvePrivateKey, x509.Certificate] | None = None,
) -> x509.Certificate:
    """Create the office key (sealed with the administrator's passphrase) and its CA certificate, or take
    the municipality's own CA (``own_ca``, from its PKCS#12 file: :func:`keycrypto.office_ca_from_pkcs12`).

    Also used for rotation: a new office key whose certificate is added after the old ones.
    """
    kc.validate_secret(passphrase)
    if passphrase.isdigit():
        raise KimdeskError("Passphrase: für den Office-Schlüssel bitte eine Passphrase, keine PIN.")
    now = now or utcnow()
    with uow_factory() as uow:
        uow.audit.lock()
        key, cert = own_ca or kc.new_office_ca(uow.office.get().municipality, now)
        local.key_dir.mkdir(parents=True, exist_ok=True)
        if local.office_key_file.exists():
            backup = local.office_key_file.with_name(f"office-ca-{now:%Y%m%d%H%M%S}.key")
            local.office_key_file.replace(backup)
        local.office_key_file.write_bytes(kc.seal_private_key(key, passphrase, "office-ca"))
        pems = [kc.cert_pem(c) for c in office_certificates(uow)] + [kc.cert_pem(cert)]
        uow.settings.put(CA_KEY, {"certificates": pems})
        log(
            uow,
            AuditAction.OTHER,
            None,
            now,
            office="Office-Schlüssel erzeugt",
            fingerprint=kc.fingerprint(cert),
        )
        uow.commit()
    return cert


def certify(
    uow_factory: UnitOfWorkFactory,
    local: LocalKeys,
    passphrase: str,
    *,
    person_names: list[str] | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Certify pending requests (or re-certify the named persons' keys, e.g. after a role change).

    The certificate lists the roles the person holds or deputises today. Returns the names certified.
    """
    key = _open_office_key(local, passphrase)
    now = now or utcnow()
    done: list[str] = []
    with uow_factory() as uow:
        uow.audit.lock()
        ca = _current_ca(uow, key)
        office = uow.office.get()
        if person_names is None:
            ids = [uuid.UUID(k.removeprefix(REQUEST_PREFIX)) for k in uow.settings.keys(REQUEST_PREFIX)]
            persons = [uow.persons.get(i) for i in ids]
        else:
            persons = [find_person(uow, n) for n in person_names]
        for person in persons:
            request = uow.settings.get(REQUEST_PREFIX + str(person.id))
            if isinstance(request, dict):
                public = kc.load_public_pem(str(request["publicKey"]))
            else:
                old = person_certificate(uow, person.id)
                if old is None:
                    raise KimdeskError(f"Person: {person.name} hat keinen Schlüssel beantragt.")
                old_key = old.public_key()
                assert isinstance(old_key, kc.ec.EllipticCurvePublicKey)
                public = old_key
            roles = office_roles(office, person)
            cert = kc.issue_certificate(
                key, ca, public, person_id=person.id, name=person.name, roles=roles, now=now
            )
            uow.settings.put(CERT_PREFIX + str(person.id), {"certificate": kc.cert_pem(cert)})
            uow.settings.delete(REQUEST_PREFIX + str(person.id))
            log(uow, AuditAction.KEY_CERTIFIED, person, now, roles=roles, serial=str(cert.serial_number))
            done.append(person.name)
        uow.commit()
    return done


def certified_names(uow_factory: UnitOfWorkFactory) -> list[str]:
    """Everyone who holds a certificate now (to re-certify after a role change or an office-key rotation)."""
    with uow_factory() as uow:
        ids = [uuid.UUID(k.removeprefix(CERT_PREFIX)) for k in uow.settings.keys(CERT_PREFIX)]
        return [uow.persons.get(i).name for i in ids]


def revoke(
    uow_factory: UnitOfWorkFactory,
    local: LocalKeys,
    passphrase: str,
    person_name: str,
    *,
    reason: str = "",
    now: datetime | None = None,
) -> None:
    """Revoke the person's certificate (lost key, forgotten PIN, leaving) in the signed CRL.

    Signatures made before stay valid.
    """
    key = _open_office_key(local, passphrase)
    now = now or utcnow()
    with uow_factory() as uow:
        uow.audit.lock()
        ca = _current_ca(uow, key)
        person = find_person(uow, person_name)
        cert = person_certificate(uow, person.id)
        if cert is None:
            raise KimdeskError(f"Person: {person.name} hat kein Zertifikat.")
        known = revoked_serials(uow, [ca]) or {}
        # The CRL keeps whole seconds: rounded down, a signature made earlier in the same second would
        # read as made after the revocation. Rounded up, every signature before it stays valid; none can
        # follow in that fraction of a second, as the certificate is removed in this same transaction.
        effective = now if not now.microsecond else now.replace(microsecond=0) + timedelta(seconds=1)
        known[cert.serial_number] = effective
        crl = kc.build_crl(key, ca, sorted(known.items()), now)
        uow.settings.put(CRL_KEY, {"crl": kc.crl_pem(crl)})
        uow.settings.delete(CERT_PREFIX + str(person.id))
        log(uow, AuditAction.KEY_REVOKED, person, now, serial=str(cert.serial_number), reason=reason)
        uow.commit()


# --- the person ------------------------------------------------------------------------------------


def enrol(
    uow_factory: UnitOfWorkFactory,
    local: LocalKeys,
    person_name: str,
    secret: str,
    *,
    now: datetime | None = None,
) -> str:
    """Create the person's key in this OS account and request its certificate. Returns where it is kept."""
    kc.validate_secret(secret)
    now = now or utcnow()
    key = kc.new_private_key()
    with uow_factory() as uow:
        uow.audit.lock()
        person = find_person(uow, person_name)
        where = local.store_key(person.id, kc.seal_private_key(key, secret, str(person.id)))
        request = {
            "publicKey": kc.public_pem(key.public_key()),
            "at": timestamp_text(now),
            "osAccount": current_user(),
            "personName": person.name,
        }
        uow.settings.put(REQUEST_PREFIX + str(person.id), request)
        log(uow, AuditAction.KEY_REQUESTED, person, now)
        uow.commit()
    return where


@dataclass(frozen=True, slots=True)
class KeyRequest:
    person_name: str
    os_account: str
    at: str
    #: Of the requested public key (:func:`keycrypto.key_fingerprint`), to compare with the person's.
    fingerprint: str = ""


def request_fingerprint(value: dict[str, object]) -> str:
    try:
        return kc.key_fingerprint(kc.load_public_pem(str(value.get("publicKey", ""))))
    except (ValueError, KimdeskError):
        return "unlesbar"


def pending(uow_factory: UnitOfWorkFactory) -> list[KeyRequest]:
    with uow_factory() as uow:
        found = []
        for key in uow.settings.keys(REQUEST_PREFIX):
            value = uow.settings.get(key)
            if isinstance(value, dict):
                found.append(
                    KeyRequest(
                        str(value.get("personName")),
                        str(value.get("osAccount")),
                        str(value.get("at")),
                        request_fingerprint(value),
                    )
                )
        return found
