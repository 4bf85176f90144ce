"""IT's part in the program (Einstellungen → Signaturen): create the office key, install its certificate,
certify a request made with „Signaturschlüssel einrichten“, the person signs, IT revokes; the PIN change.

Each test has its own profile and machine folders (no demo CA installed): the office starts from nothing.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.model import PaperStatus
from kimdesk.services import enrolment, verification
from kimdesk.services import keycrypto as kc
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.signoff_view import COL_DECISION
from kimdesk.ui.settings.pin_dialog import PinDialog
from kimdesk.ui.settings.secret_dialog import SecretDialog
from tests.demo_data import demo_id
from tests.ui.conftest import type_text

TIMEOUT = 20000
PASSPHRASE = "Rathaus Marl Hauptamt 2026"
MAYOR = "Christoph Tesche"
MAYOR_PIN = "739155"


@pytest.fixture
def office_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LocalKeys:
    """This test's user profile (keys) and machine configuration (trust anchor): both empty."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "profile"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "machine"))
    local = LocalKeys()
    assert not local.anchor_files() and not local.office_key_file.exists()
    return local


@pytest.fixture
def office_app(tmp_path: Path) -> Iterator[Any]:
    """The demo office with its Mitzeichnungen: 20/0311 waits for the Bürgermeister."""
    from kimdesk.app import open_app
    from kimdesk.services.demo import apply_demo_signoffs

    target = tmp_path / "office.sqlite"
    app = open_app(f"sqlite:///{target.as_posix()}")
    apply_demo_signoffs(app.uow_factory)
    try:
        yield app
    finally:
        app.close()


#: What went wrong inside a dialog the test filled (raised after the click, instead of hanging on it).
FILL_ERRORS: list[BaseException] = []


def answer(kind: type, fill: Callable[[Any], None]) -> None:
    """Fill the next visible dialog of ``kind`` the program opens (its exec() blocks the click); a
    failing ``fill`` closes the dialog and is raised by :func:`act`."""

    def run() -> None:
        candidates = [QApplication.activeModalWidget(), *QApplication.topLevelWidgets()]
        shown = [w for w in candidates if isinstance(w, kind) and w.isVisible()]
        if not shown:
            QTimer.singleShot(20, run)
            return
        try:
            fill(shown[0])
        except BaseException as exc:
            FILL_ERRORS.append(exc)
            shown[0].reject()

    QTimer.singleShot(20, run)


def raise_fill_errors() -> None:
    if FILL_ERRORS:
        raise FILL_ERRORS.pop()


def passphrase(
    text: str, *, repeat: bool = False, reason: str = "", pkcs12: str = ""
) -> Callable[[Any], None]:
    def fill(dialog: Any) -> None:
        assert isinstance(dialog, SecretDialog), type(dialog)
        assert dialog.first.echoMode() is dialog.first.EchoMode.Password
        type_text(dialog.first, text)
        if repeat:
            assert dialog.second is not None
            type_text(dialog.second, text)
        if reason:
            assert dialog.reason is not None
            dialog.reason.setEditText(reason)
        if pkcs12:
            assert dialog.pkcs12 is not None
            type_text(dialog.pkcs12, pkcs12)
        dialog.check()

    return fill


def settings(window: Any, qtbot: Any) -> Any:
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Signat&uren" in titles
    dialog.tabs.setCurrentWidget(dialog.signing_page)
    return dialog


def loaded(qtbot: Any, page: Any) -> None:
    qtbot.waitUntil(lambda: not page.loading and not page.busy, timeout=TIMEOUT)


def act(
    qtbot: Any, page: Any, button: Any, fill: Callable[[Any], None] | None = None, kind: type = SecretDialog
) -> None:
    """Click ``button`` (answering its dialog) and wait until the work is done and the page reloaded."""
    if fill is not None:
        answer(kind, fill)
    button.click()
    raise_fill_errors()
    loaded(qtbot, page)


def row_of(table: Any, name: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)


def select(table: Any, name: str) -> None:
    table.selectRow(row_of(table, name))


def set_up_key(qtbot: Any, dialog: Any, name: str, pin: str) -> None:
    """The person uses „Signaturschlüssel einrichten …“ on the Personen page."""
    persons = dialog.persons_page
    table = persons.table
    row = next(r for r in range(table.rows_model.rowCount()) if table.rows_model.index(r, 0).data() == name)
    table.setCurrentIndex(table.rows_model.index(row, 0))

    def fill(setup: Any) -> None:
        type_text(setup.first, pin)
        type_text(setup.second, pin)
        setup.check()

    answer(PinDialog, fill)
    persons.pin_button.click()
    raise_fill_errors()
    qtbot.waitUntil(lambda: "eingerichtet" in persons.pin_status.text(), timeout=TIMEOUT)
    text = persons.pin_status.text()
    assert "kimdesk keys" not in text and "Einstellungen → Signaturen" in text


def test_it_creates_the_office_key_certifies_the_person_signs_then_it_revokes(
    make_window: Any, office_app: Any, office_folders: LocalKeys, qtbot: Any, answers: Any
) -> None:
    window = make_window(office_app)
    uow = office_app.uow_factory
    dialog = settings(window, qtbot)
    page = dialog.signing_page
    loaded(qtbot, page)
    # Nobody holds an office key in this account yet: certifying is not possible, and the page says why.
    assert "kein Office-Schlüssel" in page.who.text()
    assert not page.certify_button.isEnabled() and not page.revoke_button.isEnabled()

    # The Bürgermeister sets up his key; his request waits for the administration.
    set_up_key(qtbot, dialog, MAYOR, MAYOR_PIN)
    page.person.setCurrentText(MAYOR)
    page.refresh()
    loaded(qtbot, page)
    qtbot.waitUntil(lambda: "wartet" in page.own_state.text(), timeout=TIMEOUT)
    assert page.pending.rowCount() == 1 and page.pending.item(0, 0).text() == MAYOR
    request_print = enrolment.pending(uow)[0].fingerprint
    assert page.pending.item(0, 3).text().removesuffix(" …") in request_print
    assert request_print[:20] in page.own_state.text()  # what the person reads out to IT

    # IT creates the office key (passphrase twice) and installs its certificate on this PC.
    act(qtbot, page, page.create_button, passphrase(PASSPHRASE, repeat=True))
    assert "In diesem Windows-Konto liegt der Office-Schlüssel" in page.who.text()
    assert "nein – bitte installieren" in page.office_label.text()
    assert office_folders.office_key_file.is_file()
    act(qtbot, page, page.install_button)
    assert "installiert: ja" in page.office_label.text()
    assert [kc.fingerprint(c) for c in office_folders.anchors()] == [
        kc.fingerprint(c) for c in page.overview.office_certificates
    ]

    # Certifying with a wrong passphrase is refused in German; the request stays.
    select(page.pending, MAYOR)
    act(qtbot, page, page.certify_button, passphrase("falsche Passphrase 123"))
    assert answers["shown"][-1][0] == "warn"
    assert "Passphrase des Office-Schlüssels ist falsch" in answers["shown"][-1][2]
    assert page.pending.rowCount() == 1

    select(page.pending, MAYOR)
    act(qtbot, page, page.certify_button, passphrase(PASSPHRASE))
    assert page.status.text() == f"Zertifiziert: {MAYOR}"
    assert page.pending.rowCount() == 0
    mayor = row_of(page.certified, MAYOR)
    assert page.certified.item(mayor, 1).text() == "Bürgermeister"
    assert page.certified.item(mayor, 3).text() == "aktuell"
    # The demo's keys were certified by the demo office key: marked for re-certification.
    others = [r for r in range(page.certified.rowCount()) if r != mayor]
    assert others and {page.certified.item(r, 3).text() for r in others} == {"älteres – neu zertifizieren"}
    with uow() as u:
        actions = [e.action for e in u.audit.entries()]
    assert AuditAction.KEY_CERTIFIED in actions and AuditAction.OTHER in actions
    dialog.reject()

    # The Bürgermeister signs 20/0311 with his own key and PIN: it is released, its PDF signed.
    from tests.ui.test_signoff_panel import cell, wait_done

    panel_page = window.open_paper(demo_id("paper:20/0311"))
    panel = panel_page.editor.sign_off_panel
    qtbot.waitUntil(lambda: panel.state is not None and not panel.busy, timeout=TIMEOUT)
    sign = panel.open_sign_dialog()
    assert sign is not None and sign.person_name() == MAYOR
    type_text(sign.pin, MAYOR_PIN)
    sign.ok_button.click()
    wait_done(qtbot, panel)
    assert "Freigegeben" in panel.state_label.text()
    assert cell(panel, "Bürgermeister", COL_DECISION).splitlines()[-1] == "✓ Signatur gültig"
    with uow() as u:
        paper = u.papers.get_by_reference("20/0311")
        released = u.released_documents.latest(paper.id)
    assert paper.status is PaperStatus.RELEASED and released is not None
    assert MAYOR in "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(released.data)).pages)

    # IT revokes his certificate (key lost): his signature stays valid, the panel says it was revoked.
    dialog = settings(window, qtbot)
    page = dialog.signing_page
    loaded(qtbot, page)
    select(page.certified, MAYOR)
    act(qtbot, page, page.revoke_button, passphrase(PASSPHRASE, reason="Schlüssel verloren"))
    assert "gesperrt" in page.status.text()
    assert MAYOR not in [page.certified.item(r, 0).text() for r in range(page.certified.rowCount())]
    with uow() as u:
        revoked = [e for e in u.audit.entries() if e.action is AuditAction.KEY_REVOKED]
    assert revoked and revoked[-1].details["reason"] == "Schlüssel verloren"
    dialog.reject()
    panel.refresh()
    qtbot.waitUntil(lambda: "gesperrt" in cell(panel, "Bürgermeister", COL_DECISION), timeout=TIMEOUT)
    lines = cell(panel, "Bürgermeister", COL_DECISION).splitlines()
    assert "✓ Signatur gültig" in lines and lines[-1].startswith("Zertifikat seit ")
    assert verification.verify(uow).ok


def test_the_pin_changes_only_with_the_old_pin(
    make_window: Any, office_app: Any, office_folders: LocalKeys, qtbot: Any, answers: Any
) -> None:
    window = make_window(office_app)
    dialog = settings(window, qtbot)
    page = dialog.signing_page
    set_up_key(qtbot, dialog, MAYOR, MAYOR_PIN)
    page.person.setCurrentText(MAYOR)
    qtbot.waitUntil(lambda: page.pin_button.isEnabled(), timeout=TIMEOUT)
    assert page.pin_button.text() == "P&IN ändern …"

    def change(old: str, new: str) -> Callable[[Any], None]:
        def fill(pin: Any) -> None:
            assert pin.old is not None
            assert pin.windowTitle() == f"PIN ändern – {MAYOR}"
            type_text(pin.old, old)
            type_text(pin.first, new)
            type_text(pin.second, new)
            pin.check()

        return fill

    act(qtbot, page, page.pin_button, change("111111", "864209"), PinDialog)
    assert answers["shown"][-1][0] == "warn"
    assert answers["shown"][-1][2] == f"Bisherige PIN: die PIN von {MAYOR} ist falsch."
    key = office_folders.load_key(next(p.id for p in dialog.persons_page.persons if p.name == MAYOR))
    assert key is not None and kc.open_private_key(key, MAYOR_PIN) is not None  # unchanged

    act(qtbot, page, page.pin_button, change(MAYOR_PIN, "864209"), PinDialog)
    assert page.status.text() == f"PIN von {MAYOR} geändert."
    key = office_folders.load_key(next(p.id for p in dialog.persons_page.persons if p.name == MAYOR))
    assert key is not None
    with pytest.raises(kc.WrongSecretError):
        kc.open_private_key(key, MAYOR_PIN)
    assert kc.open_private_key(key, "864209") is not None
    with office_app.uow_factory() as u:
        actions = [e.action for e in u.audit.entries()]
    assert AuditAction.PIN_FAILED in actions and AuditAction.PIN_CHANGED in actions


def test_the_municipality_certificate_is_imported_from_its_pkcs12_file(
    make_window: Any, office_app: Any, office_folders: LocalKeys, qtbot: Any, tmp_path: Path
) -> None:
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    key, cert = kc.new_office_ca("Stadt Marl", datetime.now(UTC))
    p12 = tmp_path / "stadt-marl.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"marl", key, cert, None, BestAvailableEncryption(b"geheim-123")
        )
    )
    window = make_window(office_app)
    dialog = settings(window, qtbot)
    page = dialog.signing_page
    loaded(qtbot, page)

    # The file picker itself is Qt's; the page reads the chosen file with its password as here.
    from kimdesk.ui.settings.signing_actions import _read_pkcs12

    with pytest.raises(KimdeskError, match="PKCS#12"):
        _read_pkcs12(p12, "falsch")
    enrolment.init_office(
        office_app.uow_factory, office_folders, PASSPHRASE, own_ca=_read_pkcs12(p12, "geheim-123")
    )
    page.refresh()
    loaded(qtbot, page)
    assert kc.fingerprint(cert) in page.office_label.text()
    with office_app.uow_factory() as u:
        assert kc.fingerprint(enrolment.office_certificates(u)[-1]) == kc.fingerprint(cert)


def test_a_clerk_without_the_office_key_sees_why_and_cannot_certify(
    make_window: Any, office_app: Any, office_folders: LocalKeys, qtbot: Any, answers: Any, tmp_path: Path
) -> None:
    it_account = LocalKeys(key_dir=tmp_path / "it-profile", anchor_dirs=(tmp_path / "it-machine",))
    enrolment.init_office(office_app.uow_factory, it_account, PASSPHRASE)  # in IT's Windows account
    window = make_window(office_app)
    dialog = settings(window, qtbot)
    page = dialog.signing_page
    set_up_key(qtbot, dialog, MAYOR, MAYOR_PIN)
    page.refresh()
    loaded(qtbot, page)
    assert page.pending.rowCount() == 1
    assert "In diesem Windows-Konto liegt kein Office-Schlüssel" in page.who.text()
    assert not page.certify_button.isEnabled() and not page.revoke_button.isEnabled()
    assert page.create_button.text() == "&Office-Schlüssel erneuern …"
    answers["confirm"] = False
    page.create_button.click()
    kind, _title, text = answers["shown"][-1]
    assert kind == "confirm" and "nicht in diesem Windows-Konto" in text
    assert not office_folders.office_key_file.exists()
    with office_app.uow_factory() as u:
        assert len(enrolment.office_certificates(u)) == 2  # the demo CA and IT's: nothing added
