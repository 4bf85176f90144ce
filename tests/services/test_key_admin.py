"""What the Signaturen page shows and does besides ``kimdesk keys``: the overview (office certificate,
pending requests with fingerprints, certified keys after a rotation), and the office CA certificate as a
file and as this PC's trust anchor — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.errors import KimdeskError
from kimdesk.services import enrolment, key_admin
from kimdesk.services import keycrypto as kc
from kimdesk.services.demo import load_demo
from kimdesk.services.local_keys import LocalKeys

PASSPHRASE = "Hauptamt Passphrase 2026"
TESCHE = "Christoph Tesche"


@pytest.fixture
def pc(tmp_path: Path) -> LocalKeys:
    return LocalKeys(key_dir=tmp_path / "profile", anchor_dirs=(tmp_path / "machine",), use_keyring=False)


def test_overview_request_install_certify_rotate(uow_factory: Callable[[], Any], pc: LocalKeys) -> None:
    load_demo(uow_factory)
    found = key_admin.overview(uow_factory, pc)
    assert found.current is None and not found.office_key_here and not found.pending and not found.certified
    with pytest.raises(KimdeskError, match="Office-Schlüssel: noch keiner erzeugt"):
        key_admin.anchor_pem(uow_factory)

    enrolment.enrol(uow_factory, pc, TESCHE, "471100")
    own = key_admin.own_key(uow_factory, pc, TESCHE)
    assert own.here and own.state == "beantragt"
    first = enrolment.init_office(uow_factory, pc, PASSPHRASE)
    found = key_admin.overview(uow_factory, pc)
    assert found.office_key_here and found.current is not None and not found.current_installed
    assert [(r.person_name, r.fingerprint) for r in found.pending] == [(TESCHE, own.fingerprint)]
    assert len(own.fingerprint.split()) == 16  # SHA-256 in groups of four

    target = key_admin.install_anchor(uow_factory, pc)
    assert target == pc.anchor_dirs[0] / "office-ca.pem"
    assert [kc.fingerprint(c) for c in pc.anchors()] == [kc.fingerprint(first)]
    assert key_admin.overview(uow_factory, pc).current_installed
    with uow_factory() as uow:
        entry = [e for e in uow.audit.entries() if e.action is AuditAction.OTHER][-1]
    assert entry.details["office"] == "Vertrauensanker installiert"
    assert entry.details["fingerprints"] == [kc.fingerprint(first)]

    enrolment.certify(uow_factory, pc, PASSPHRASE, person_names=[TESCHE])
    found = key_admin.overview(uow_factory, pc)
    assert not found.pending
    assert [(c.person_name, c.roles, c.current, c.fingerprint) for c in found.certified] == [
        (TESCHE, ("Bürgermeister",), True, own.fingerprint)
    ]
    assert key_admin.own_key(uow_factory, pc, TESCHE).state == "zertifiziert"

    # Rotation: a new office key; the certificate issued by the old one is marked until re-certified.
    second = enrolment.init_office(uow_factory, pc, PASSPHRASE + " neu")
    assert [c.current for c in key_admin.overview(uow_factory, pc).certified] == [False]
    enrolment.certify(
        uow_factory, pc, PASSPHRASE + " neu", person_names=enrolment.certified_names(uow_factory)
    )
    assert [c.current for c in key_admin.overview(uow_factory, pc).certified] == [True]
    exported = pc.key_dir.parent / "verteilung" / "office-ca.pem"
    exported.parent.mkdir()
    key_admin.export_anchor(uow_factory, exported)
    assert exported.read_text("ascii") == kc.cert_pem(first) + kc.cert_pem(second)

    # Revoked: no longer listed, and the person's own key is no longer certified.
    enrolment.revoke(uow_factory, pc, PASSPHRASE + " neu", TESCHE, reason="ausgeschieden")
    assert key_admin.overview(uow_factory, pc).certified == []
    assert key_admin.own_key(uow_factory, pc, TESCHE).state == ""


def test_installing_where_the_pc_does_not_allow_it_says_what_to_do(
    uow_factory: Callable[[], Any], tmp_path: Path
) -> None:
    load_demo(uow_factory)
    blocked = tmp_path / "ProgramData"
    blocked.write_text("keine Mappe", "utf-8")  # the machine folder cannot be created
    pc = LocalKeys(key_dir=tmp_path / "profile", anchor_dirs=(blocked / "kimdesk",), use_keyring=False)
    enrolment.init_office(uow_factory, pc, PASSPHRASE)
    with pytest.raises(KimdeskError) as refused:
        key_admin.install_anchor(uow_factory, pc)
    assert refused.value.message.startswith("Vertrauensanker: ")
    assert "als Administrator starten" in refused.value.message
    with uow_factory() as uow:
        assert not [
            e for e in uow.audit.entries() if e.details.get("office") == "Vertrauensanker installiert"
        ]
