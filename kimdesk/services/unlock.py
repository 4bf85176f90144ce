"""Unlocking a person's signing key: the PIN or passphrase, the growing delay, the audit of failures.

After :data:`FREE_ATTEMPTS` wrong attempts each further attempt must wait (30 s, 1 min, 2 min … up to an
hour).
The count lives beside the key in the user's profile (whoever can reset it can copy the key file as well) and
every failure is also an audit entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from kimdesk.domain.audit import AuditAction, timestamp_text
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Person
from kimdesk.services import enrolment
from kimdesk.services import keycrypto as kc
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory
from kimdesk.services.signing_identity import SigningIdentity

FREE_ATTEMPTS = 5
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)


class NoKeyError(KimdeskError):
    """The person has no usable key here (never enrolled, not yet certified, revoked, other PC)."""


class WrongPinError(KimdeskError):
    """The PIN given does not open the key; nothing was recorded."""


class TooManyAttemptsError(KimdeskError):
    """Too many wrong PINs: the next attempt is possible only after a delay."""


def delay_after(failures: int) -> timedelta:
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY)


def _failures(local: LocalKeys, person_id: uuid.UUID) -> tuple[int, datetime | None]:
    record = local.read_state().get("failures", {}).get(str(person_id), {})
    try:
        last = datetime.fromisoformat(record["last"]) if "last" in record else None
        return int(record.get("count", 0)), last
    except (ValueError, TypeError):
        return FREE_ATTEMPTS + 4, None  # an unreadable record counts as many failures


def _set_failures(local: LocalKeys, person_id: uuid.UUID, count: int, now: datetime) -> None:
    state = local.read_state()
    failures = state.setdefault("failures", {})
    if count:
        failures[str(person_id)] = {"count": count, "last": timestamp_text(now)}
    else:
        failures.pop(str(person_id), None)
    local.write_state(state)


def _check_delay(local: LocalKeys, person_id: uuid.UUID, name: str, now: datetime) -> int:
    count, last = _failures(local, person_id)
    wait = delay_after(count)
    if wait and last is not None and now < last + wait:
        seconds = int((last + wait - now).total_seconds()) + 1
        raise TooManyAttemptsError(
            f"PIN: {count} Fehlversuche für {name} – nächster Versuch in {seconds} Sekunden möglich."
        )
    return count


def certificate_problem(
    uow: UnitOfWork, local: LocalKeys, cert: x509.Certificate, person_id: uuid.UUID, now: datetime
) -> tuple[str, x509.Certificate | None]:
    """("", issuing CA) when ``cert`` is the person's, issued by an anchored office CA and not revoked."""
    anchors = local.anchors()
    if not anchors:
        return "kein Vertrauensanker (office-ca.pem) auf diesem PC eingerichtet", None
    issuer = next((ca for ca in anchors if kc.issued_by(cert, ca)), None)
    if issuer is None:
        return "Zertifikat stammt nicht vom Office-Schlüssel (Vertrauensanker)", None
    if kc.certificate_person(cert) != person_id:
        return "Zertifikat gehört einer anderen Person", issuer
    revoked = enrolment.revoked_serials(uow, anchors)
    if revoked is None:
        return "Sperrliste ist nicht vom Office-Schlüssel signiert", issuer
    when = revoked.get(cert.serial_number)
    if when is not None and when <= now:
        return "Zertifikat ist gesperrt", issuer
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        return "Zertifikat ist nicht gültig (Zeitraum)", issuer
    return "", issuer


def unlock_identity(
    uow_factory: UnitOfWorkFactory,
    person_name: str,
    secret: str,
    *,
    local: LocalKeys | None = None,
    now: datetime | None = None,
) -> SigningIdentity:
    """Open ``person_name``'s key with ``secret`` and return it with its certificate chain.

    NoKeyError, WrongPinError (audited, counted) or TooManyAttemptsError; nothing is signed here.
    """
    local = local or LocalKeys()
    now = now or utcnow()
    with uow_factory() as uow:
        person = enrolment.find_person(uow, person_name)
        cert = enrolment.person_certificate(uow, person.id)
        problem, issuer = ("", None)
        if cert is not None:
            # Validity and revocation against the real clock; ``now`` is the time the signature claims.
            problem, issuer = certificate_problem(uow, local, cert, person.id, utcnow())
    blob = local.load_key(person.id)
    if blob is None:
        raise NoKeyError(
            f"Signaturschlüssel: {person.name} hat in diesem Windows-Konto keinen Schlüssel – "
            "bitte „Signaturschlüssel einrichten“."
        )
    if cert is None:
        raise NoKeyError(
            f"Signaturschlüssel: der Schlüssel von {person.name} ist noch nicht von der Verwaltung "
            "zertifiziert (oder wurde gesperrt)."
        )
    if problem or issuer is None:
        raise NoKeyError(f"Signaturschlüssel von {person.name}: {problem}.")

    def wrong(attempt: int) -> str:
        wait = delay_after(attempt)
        more = f" Nächster Versuch erst in {int(wait.total_seconds())} Sekunden." if wait else ""
        return f"PIN: die PIN von {person.name} ist falsch; nichts wurde gezeichnet.{more}"

    key = _open_key(uow_factory, local, person, blob, secret, now, wrong)
    if kc.public_pem(key.public_key()) != kc.public_pem(cert.public_key()):  # type: ignore[arg-type]
        raise NoKeyError(
            f"Signaturschlüssel: der Schlüssel von {person.name} passt nicht zum Zertifikat in der Datenbank."
        )
    return SigningIdentity(person_id=person.id, private_key=key, certificate=cert, chain=(issuer,))


def _open_key(
    uow_factory: UnitOfWorkFactory,
    local: LocalKeys,
    person: Person,
    blob: bytes,
    secret: str,
    now: datetime,
    wrong: Callable[[int], str],
) -> ec.EllipticCurvePrivateKey:
    """Open the sealed key, honouring the delay after failed attempts; a wrong secret is counted on this
    PC and written to the audit log, and raises WrongPinError with ``wrong(attempt)``."""
    count = _check_delay(local, person.id, person.name, now)
    try:
        key = kc.open_private_key(blob, secret)
    except kc.WrongSecretError as exc:
        _set_failures(local, person.id, count + 1, now)
        with uow_factory() as uow:
            uow.audit.lock()
            enrolment.log(uow, AuditAction.PIN_FAILED, person, now, attempt=count + 1)
            uow.commit()
        raise WrongPinError(wrong(count + 1)) from exc
    if count:
        _set_failures(local, person.id, 0, now)
    return key


def change_pin(
    uow_factory: UnitOfWorkFactory,
    person_name: str,
    old: str,
    new: str,
    *,
    local: LocalKeys | None = None,
    now: datetime | None = None,
) -> None:
    """Re-seal the person's key under a new PIN; only with the old one (forgotten: the administrator revokes
    the certificate and the person enrols again)."""
    local = local or LocalKeys()
    now = now or utcnow()
    kc.validate_secret(new)
    with uow_factory() as uow:
        person = enrolment.find_person(uow, person_name)
    blob = local.load_key(person.id)
    if blob is None:
        raise NoKeyError(f"Signaturschlüssel: {person.name} hat in diesem Konto keinen Schlüssel.")
    key = _open_key(
        uow_factory,
        local,
        person,
        blob,
        old,
        now,
        lambda _n: f"Bisherige PIN: die PIN von {person.name} ist falsch.",
    )
    with uow_factory() as uow:
        uow.audit.lock()
        local.store_key(person.id, kc.seal_private_key(key, new, str(person.id)))
        enrolment.log(uow, AuditAction.PIN_CHANGED, person, now)
        uow.commit()
    _set_failures(local, person.id, 0, now)
