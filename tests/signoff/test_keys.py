"""Credentials: lost key and leaving (revocation), office-key rotation, PIN change, the growing delay after
wrong PINs, the trust anchor outside the database, and the OS account read from the OS."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import KimdeskError
from kimdesk.services import enrolment, signoff, verification
from kimdesk.services import keycrypto as kc
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.papers import current_user
from kimdesk.services.unlock import (
    NoKeyError,
    TooManyAttemptsError,
    WrongPinError,
    change_pin,
    delay_after,
    unlock_identity,
)
from tests.signoff.conftest import NOW
from tests.signoff.fakes import FakeUnitOfWork, Store, factory

Factory = Callable[[], FakeUnitOfWork]
PASSPHRASE = "Hauptamt Passphrase 2026"
TESCHE = "Christoph Tesche"
PIN = "471100"


@pytest.fixture
def pc(tmp_path: Path) -> LocalKeys:
    return LocalKeys(key_dir=tmp_path / "profile", anchor_dirs=(tmp_path / "machine",), use_keyring=False)


@pytest.fixture
def office(store: Store, pc: LocalKeys) -> Factory:
    """The store with a real office key installed as anchor; the mayor enrolled and certified."""
    uow = factory(store)
    install(pc, enrolment.init_office(uow, pc, PASSPHRASE))
    enrolment.enrol(uow, pc, TESCHE, PIN)
    assert enrolment.certify(uow, pc, PASSPHRASE) == [TESCHE]
    return uow


def install(pc: LocalKeys, *cas: kc.x509.Certificate) -> None:
    folder = pc.anchor_dirs[0]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "office-ca.pem").write_text("".join(kc.cert_pem(c) for c in cas), "ascii")


def sign_mayor(uow: Factory, pc: LocalKeys, reference: str, pin: str = PIN) -> None:
    signoff.sign(uow, reference, role_key="mayor", person_name=TESCHE, pin=pin, local=pc, now=NOW)


def test_lost_key_or_leaving_revokes_old_signatures_stay_valid(office: Factory, pc: LocalKeys) -> None:
    signoff.start(office, "20/0270", roles=["mayor"], now=NOW)
    sign_mayor(office, pc, "20/0270")
    enrolment.revoke(office, pc, PASSPHRASE, TESCHE, reason="Schlüssel verloren")
    with pytest.raises(NoKeyError):
        unlock_identity(office, TESCHE, PIN, local=pc)
    assert verification.verify(office, local=pc).ok  # signed before the revocation: still valid
    # A new key after the lost one: enrol again, IT certifies, he signs again.
    enrolment.enrol(office, pc, TESCHE, "902468")
    enrolment.certify(office, pc, PASSPHRASE)
    signoff.start(office, "20/0311", roles=["mayor"], now=NOW)
    sign_mayor(office, pc, "20/0311", "902468")
    assert verification.verify(office, local=pc).ok


def test_a_revocation_in_the_same_second_as_the_signature_leaves_it_valid(
    office: Factory, pc: LocalKeys
) -> None:
    # The CRL keeps whole seconds: a revocation 0,3 s after the signature must not date back before it.
    signed = NOW.replace(microsecond=500_000)
    signoff.start(office, "20/0270", roles=["mayor"], now=NOW)
    signoff.sign(office, "20/0270", role_key="mayor", person_name=TESCHE, pin=PIN, local=pc, now=signed)
    enrolment.revoke(office, pc, PASSPHRASE, TESCHE, now=signed + timedelta(milliseconds=300))
    assert verification.verify(office, local=pc).ok


def test_office_key_rotation_keeps_old_signatures_and_recertifies(office: Factory, pc: LocalKeys) -> None:
    signoff.start(office, "20/0270", roles=["mayor"], now=NOW)
    sign_mayor(office, pc, "20/0270")
    with office() as uow:
        old = enrolment.office_certificates(uow)
    new = enrolment.init_office(office, pc, PASSPHRASE)
    install(pc, *old, new)  # IT installs the new anchor beside the old one
    assert enrolment.certify(office, pc, PASSPHRASE, person_names=enrolment.certified_names(office)) == [
        TESCHE
    ]
    with office() as uow:
        cert = enrolment.person_certificate(uow, unlock_identity(office, TESCHE, PIN, local=pc).person_id)
    assert cert is not None and kc.issued_by(cert, new)
    signoff.start(office, "20/0311", roles=["mayor"], now=NOW)
    sign_mayor(office, pc, "20/0311")
    assert verification.verify(office, local=pc).ok
    install(pc, new)  # without the old anchor, the old signature is no longer provable: named
    assert "20/0270" in verification.verify(office, local=pc).tampered_references


def test_pin_changes_only_with_the_old_pin(office: Factory, pc: LocalKeys, store: Store) -> None:
    with pytest.raises(WrongPinError, match="Bisherige PIN"):
        change_pin(office, TESCHE, "000000", "135790", local=pc)
    with pytest.raises(KimdeskError, match="PIN:"):
        change_pin(office, TESCHE, PIN, "1234", local=pc)
    change_pin(office, TESCHE, PIN, "135790", local=pc)
    with pytest.raises(WrongPinError):
        unlock_identity(office, TESCHE, PIN, local=pc)
    assert unlock_identity(office, TESCHE, "135790", local=pc).person_id
    actions = [e.action for e in store.audit]
    assert actions.count(AuditAction.PIN_CHANGED) == 1 and actions.count(AuditAction.PIN_FAILED) == 2


def test_after_five_wrong_pins_a_growing_delay_outlasts_the_process(
    office: Factory, pc: LocalKeys, store: Store
) -> None:
    now = utcnow()
    for attempt in range(5):
        with pytest.raises(WrongPinError):
            unlock_identity(office, TESCHE, "000000", local=pc, now=now + timedelta(seconds=attempt))
    # The sixth attempt, even with the right PIN, must wait — also for a new process on this PC.
    later = now + timedelta(seconds=10)
    with pytest.raises(TooManyAttemptsError, match="5 Fehlversuche"):
        unlock_identity(
            office, TESCHE, PIN, local=LocalKeys(key_dir=pc.key_dir, anchor_dirs=pc.anchor_dirs), now=later
        )
    assert unlock_identity(office, TESCHE, PIN, local=pc, now=now + timedelta(seconds=40)).person_id
    assert [delay_after(n).total_seconds() for n in (4, 5, 6, 7, 30)] == [0, 30, 60, 120, 3600]
    failed = [e for e in store.audit if e.action is AuditAction.PIN_FAILED]
    assert len(failed) == 5 and all(e.person_name == TESCHE and e.os_account for e in failed)


def test_nobody_signs_without_a_key_of_their_own_deputies_included(office: Factory, pc: LocalKeys) -> None:
    signoff.start(office, "20/0270", roles=["mayor"], now=NOW)
    with pytest.raises(NoKeyError, match="Rainer Weichelt"):
        signoff.sign(
            office,
            "20/0270",
            role_key="mayor",
            person_name="Rainer Weichelt",
            as_deputy=True,
            pin=PIN,
            local=pc,
        )
    with pytest.raises(signoff.PinRequiredError):
        signoff.sign(
            office, "20/0270", role_key="mayor", person_name="Rainer Weichelt", as_deputy=True, local=pc
        )


def test_verify_says_when_no_trust_anchor_is_installed(office: Factory, pc: LocalKeys) -> None:
    signoff.start(office, "20/0270", roles=["mayor"], now=NOW)
    sign_mayor(office, pc, "20/0270")
    (pc.anchor_dirs[0] / "office-ca.pem").unlink()
    report = verification.verify(office, local=pc)
    assert any("Kein Vertrauensanker" in str(f) for f in report.findings)
    with pytest.raises(NoKeyError, match="Vertrauensanker"):
        unlock_identity(office, TESCHE, PIN, local=pc)


def test_os_account_comes_from_the_os_not_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    real = current_user()
    for name in ("USER", "LOGNAME", "USERNAME", "LNAME"):
        monkeypatch.setenv(name, "buergermeister")
    assert current_user() == real != "buergermeister"
    if os.name == "posix":
        import pwd

        assert real == pwd.getpwuid(os.getuid()).pw_name
