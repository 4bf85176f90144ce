"""What the buttons of the Signaturen page do: the same service calls as ``kimdesk keys``, off the GUI thread.

Each action asks in dialogs (passphrases masked), then runs the service on the thread pool; the result or
the refusal (a German message naming the field) is shown, and the page reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services import enrolment, key_admin, unlock
from kimdesk.services import keycrypto as kc
from kimdesk.ui import dialogs
from kimdesk.ui.file_dialogs import open_file_name, save_file_name
from kimdesk.ui.settings.pin_dialog import PinDialog
from kimdesk.ui.settings.secret_dialog import SecretDialog
from kimdesk.ui.tasks import run_task

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QLabel

    from kimdesk.services.local_keys import LocalKeys
    from kimdesk.services.ports import UnitOfWorkFactory
    from kimdesk.ui.read_only_table import ReadOnlyTable


def _title() -> str:
    return _("Signaturen")


def _read_pkcs12(path: Path, password: str) -> tuple[kc.ec.EllipticCurvePrivateKey, kc.x509.Certificate]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KimdeskError(f"PKCS#12-Datei: {path} ist nicht lesbar ({exc.strerror}).") from exc
    return kc.office_ca_from_pkcs12(data, password)


class SigningActions:
    """Mixed into :class:`kimdesk.ui.settings.signing_page.SigningPage` (which provides the widgets)."""

    uow_factory: UnitOfWorkFactory
    local: LocalKeys
    overview: key_admin.KeyOverview | None
    busy: bool
    loading: bool
    status: QLabel
    person: QComboBox
    pending: ReadOnlyTable
    certified: ReadOnlyTable

    if TYPE_CHECKING:

        def refresh(self) -> None: ...
        def update_buttons(self) -> None: ...
        def selected_names(self, table: ReadOnlyTable) -> list[str]: ...

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    # --- running a service call ---------------------------------------------------------------------

    def run(self, work: Callable[[], Any], working: str, done: Callable[[Any], str]) -> None:
        """``work`` on the thread pool while the buttons are off; then ``done(result)`` as the status."""
        self.busy = True
        self.update_buttons()
        self.status.setText(working)

        def finished(result: Any) -> None:
            self.busy = False
            self.status.setText(done(result))
            self.refresh()

        run_task(work, finished, self.failed)

    def failed(self, exc: BaseException) -> None:
        self.busy = False
        self.loading = False
        self.status.setText("")
        text = exc.message if isinstance(exc, KimdeskError) else str(exc)
        dialogs.warn(self._widget(), _title(), text)
        self.refresh()

    def _secret(self, title: str, text: str, **kinds: bool) -> SecretDialog | None:
        dialog = SecretDialog(title, text, self._widget(), **kinds)
        try:
            return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    # --- one's own key ------------------------------------------------------------------------------

    def change_pin(self) -> None:
        name = self.person.currentText()
        dialog = PinDialog(name, self._widget(), change=True)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            old, new = dialog.old_pin(), dialog.pin()
        finally:
            dialog.deleteLater()
        uow, local = self.uow_factory, self.local
        self.run(
            lambda: unlock.change_pin(uow, name, old, new, local=local),
            _("PIN von {name} wird geändert …").format(name=name),
            lambda _r: _("PIN von {name} geändert.").format(name=name),
        )

    # --- the office key -----------------------------------------------------------------------------

    def create_office_key(self, *, pkcs12: bool) -> None:
        """Create (or renew: rotation) the office key, self-signed or from the municipality's PKCS#12."""
        found = self.overview
        renewing = found is not None and found.current is not None
        text = _(
            "Es gibt schon einen Office-Schlüssel. Ein neuer ersetzt ihn in diesem Windows-Konto (der alte "
            "wird daneben gesichert); bisherige Signaturen bleiben gültig.\n\nDanach: das neue office-ca.pem "
            "auf allen PCs installieren und „Alle neu zertifizieren“. Fortfahren?"
        )
        if found is not None and not found.office_key_here:
            text = _(
                "Der Office-Schlüssel liegt nicht in diesem Windows-Konto. Einen neuen erzeugt nur die "
                "Verwaltung (Hauptamt/IT), etwa wenn der bisherige verloren ist: er gilt erst, wenn sein "
                "Zertifikat auf den PCs installiert ist, und alle Schlüssel müssen neu zertifiziert werden. "
                "Trotzdem fortfahren?"
            )
        if renewing and not dialogs.confirm(self._widget(), _("Office-Schlüssel erneuern"), text):
            return
        path: Path | None = None
        if pkcs12:
            chosen = open_file_name(
                self._widget(),
                _("Zertifikat der Kommune (PKCS#12)"),
                _("PKCS#12-Dateien (*.p12 *.pfx);;Alle Dateien (*)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        dialog = self._secret(
            _("Office-Schlüssel erzeugen"),
            _(
                "Der Office-Schlüssel bleibt in diesem Windows-Konto, versiegelt mit einer Passphrase. Wer "
                "sie kennt und dieses Konto nutzt, kann Signaturschlüssel zertifizieren und sperren: bitte "
                "eine lange Passphrase wählen und sicher hinterlegen (z. B. im Tresor)."
            ),
            new=True,
            pkcs12=pkcs12,
        )
        if dialog is None:
            return
        passphrase, password = dialog.passphrase(), dialog.pkcs12_password()
        uow, local = self.uow_factory, self.local

        def work() -> str:
            own_ca = _read_pkcs12(path, password) if path is not None else None
            cert = enrolment.init_office(uow, local, passphrase, own_ca=own_ca)
            return kc.fingerprint(cert)

        self.run(
            work,
            _("Office-Schlüssel wird erzeugt …"),
            lambda fp: _(
                "Office-Schlüssel erzeugt (Fingerabdruck {fp}). Jetzt „Auf diesem PC installieren“ und "
                "office-ca.pem an die übrigen PCs verteilen."
            ).format(fp=fp),
        )

    def export_anchor(self) -> None:
        chosen = save_file_name(
            self._widget(), _("Office-Zertifikat exportieren"), "office-ca.pem", _("Zertifikate (*.pem)")
        )
        if not chosen:
            return
        uow = self.uow_factory
        self.run(
            lambda: key_admin.export_anchor(uow, Path(chosen)),
            _("Office-Zertifikat wird geschrieben …"),
            lambda _r: _(
                "Geschrieben: {path} – auf jedem PC als office-ca.pem installieren (vorher den Fingerabdruck "
                "vergleichen)."
            ).format(path=chosen),
        )

    def install_anchor(self) -> None:
        found = self.overview
        if found is None or not found.office_certificates:
            return
        prints = "\n".join(kc.fingerprint(c) for c in found.office_certificates)
        if not dialogs.confirm(
            self._widget(),
            _("Vertrauensanker installieren"),
            _(
                "Dieser PC vertraut danach Signaturen, die mit diesem Office-Zertifikat zertifiziert sind. "
                "Bitte den Fingerabdruck mit dem Ausdruck der Verwaltung vergleichen:\n\n{prints}\n\n"
                "Installieren?"
            ).format(prints=prints),
        ):
            return
        uow, local = self.uow_factory, self.local
        self.run(
            lambda: key_admin.install_anchor(uow, local),
            _("Vertrauensanker wird installiert …"),
            lambda target: _("Vertrauensanker installiert: {path}").format(path=target),
        )

    # --- certify and revoke -------------------------------------------------------------------------

    def certify_selected(self) -> None:
        names = self.selected_names(self.pending)
        if not names:
            dialogs.warn(self._widget(), _title(), _("Offene Anträge: bitte die zu bestätigenden auswählen."))
            return
        prints = {r.person_name: r.fingerprint for r in self.overview.pending} if self.overview else {}
        lines = "\n".join(f"{name}: {prints.get(name, '')}" for name in names)
        self._certify(
            names,
            _(
                "Zertifizieren:\n{lines}\n\nBitte jeden Fingerabdruck mit dem vergleichen, den die Person "
                "unter Einstellungen → Signaturen sieht (z. B. am Telefon)."
            ).format(lines=lines),
        )

    def recertify_all(self) -> None:
        found = self.overview
        if found is None:
            return
        names = list(dict.fromkeys([c.person_name for c in found.certified]))
        self._certify(
            names,
            _(
                "Alle Zertifikate neu ausstellen ({count}): nach geänderten Mitzeichnungsrollen oder einem "
                "neuen Office-Schlüssel."
            ).format(count=len(names)),
        )

    def _certify(self, names: list[str], text: str) -> None:
        dialog = self._secret(_("Schlüssel zertifizieren"), text)
        if dialog is None:
            return
        passphrase = dialog.passphrase()
        uow, local = self.uow_factory, self.local
        self.run(
            lambda: enrolment.certify(uow, local, passphrase, person_names=names),
            _("Wird zertifiziert …"),
            lambda done: _("Zertifiziert: {names}").format(names=", ".join(done)),
        )

    def revoke_selected(self) -> None:
        names = self.selected_names(self.certified)
        if len(names) != 1:
            dialogs.warn(self._widget(), _title(), _("Zertifizierte Schlüssel: bitte genau einen auswählen."))
            return
        name = names[0]
        dialog = self._secret(
            _("Zertifikat sperren – {name}").format(name=name),
            _(
                "Das Zertifikat von {name} kommt auf die Sperrliste: mit diesem Schlüssel kann danach "
                "niemand mehr mitzeichnen. Bisherige Signaturen bleiben gültig. Wer weiter mitzeichnen "
                "soll, richtet danach einen neuen Schlüssel ein."
            ).format(name=name),
            reason=True,
        )
        if dialog is None:
            return
        passphrase, reason = dialog.passphrase(), dialog.reason_text()
        uow, local = self.uow_factory, self.local
        self.run(
            lambda: enrolment.revoke(uow, local, passphrase, name, reason=reason),
            _("Zertifikat wird gesperrt …"),
            lambda _r: _("Zertifikat von {name} gesperrt; bisherige Signaturen bleiben gültig.").format(
                name=name
            ),
        )
