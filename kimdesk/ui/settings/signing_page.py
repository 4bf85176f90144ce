"""The Signaturen page: one's own key (PIN change) and the administration of signing keys (Hauptamt/IT).

The administration part does in the program what ``kimdesk keys`` does on the command line: create or
renew the office key (or take the municipality's PKCS#12 certificate), export and install the office CA
certificate, certify pending key requests, revoke certificates. Everything runs through the same services,
off the GUI thread; who may act is decided as there: whoever holds the office key in this OS account.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cryptography import x509
from cryptography.x509.oid import NameOID
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Person
from kimdesk.l10n.formatting import format_date, format_datetime
from kimdesk.l10n.i18n import N_, _
from kimdesk.services import key_admin
from kimdesk.services import keycrypto as kc
from kimdesk.services.cells import Cell, Row, plain_row
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.ui.flow_layout import FlowLayout
from kimdesk.ui.read_only_table import ReadOnlyTable
from kimdesk.ui.settings.signing_actions import SigningActions
from kimdesk.ui.tasks import run_task

#: Table columns (message ids; translated when the page is built).
PENDING_COLUMNS = (N_("Person"), N_("Windows-Konto"), N_("Beantragt am"), N_("Fingerabdruck des Schlüssels"))
CERTIFIED_COLUMNS = (
    N_("Person"),
    N_("Rollen"),
    N_("Gültig bis"),
    N_("Office-Zertifikat"),
    N_("Fingerabdruck"),
)


def _when(text: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(text))
    except ValueError:
        return text


def _row(*buttons: QWidget) -> FlowLayout:
    """Buttons side by side, left-aligned; they wrap on a narrow screen (the four office-key buttons in
    one row made Einstellungen 930 px wide at least)."""
    row = FlowLayout()
    for button in buttons:
        row.addWidget(button)
    return row


def _common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def pending_rows(found: key_admin.KeyOverview) -> list[Row]:
    return [
        plain_row(r.person_name, r.os_account, _when(r.at), r.fingerprint[:39] + " …") for r in found.pending
    ]


def certified_rows(found: key_admin.KeyOverview) -> list[Row]:
    rows: list[Row] = []
    for c in found.certified:
        office = (
            Cell(_("aktuell"))
            if c.current
            else Cell(
                _("älteres – neu zertifizieren"), _("nach einer Erneuerung des Office-Schlüssels"), alert=True
            )
        )
        rows.append(
            (
                Cell(c.person_name),
                Cell(", ".join(c.roles) or _("keine Rolle")),
                Cell(format_date(c.valid_until.date())),
                office,
                Cell(c.fingerprint[:39] + " …", c.fingerprint),
            )
        )
    return rows


class SigningPage(SigningActions, QWidget):
    def __init__(
        self, uow_factory: UnitOfWorkFactory, persons: Sequence[Person], local: LocalKeys | None = None
    ) -> None:
        super().__init__()
        self.uow_factory = uow_factory
        self.local = local or LocalKeys()
        self.overview: key_admin.KeyOverview | None = None
        self.busy = False
        #: An overview is being loaded (the tables show the previous one until it arrives).
        self.loading = False
        layout = QVBoxLayout(self)
        layout.addWidget(self._own_box(persons))
        layout.addWidget(self._admin_box(), 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Ergebnis"))
        layout.addWidget(self.status)
        self.refresh()

    # --- layout -------------------------------------------------------------------------------------

    def _own_box(self, persons: Sequence[Person]) -> QGroupBox:
        box = QGroupBox(_("Eigener Signaturschlüssel"))
        self.person = QComboBox()
        self.person.addItems([p.name for p in persons])
        self.person.setAccessibleName(_("Person, deren Schlüssel in diesem Windows-Konto liegt"))
        self.person.currentTextChanged.connect(lambda _name: self.refresh_own())
        self.own_state = QLabel()
        self.own_state.setWordWrap(True)
        self.pin_button = QPushButton(_("P&IN ändern …"))
        self.pin_button.clicked.connect(self.change_pin)
        form = QFormLayout()
        form.addRow(_("Ihr &Name:"), self.person)
        row = QHBoxLayout()
        row.addWidget(self.pin_button)
        row.addWidget(self.own_state, 1)
        form.addRow(row)
        box.setLayout(form)
        return box

    def _admin_box(self) -> QGroupBox:
        box = QGroupBox(_("Verwaltung der Signaturschlüssel (Hauptamt/IT)"))
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.office_label = QLabel()
        self.office_label.setWordWrap(True)
        self.create_button = QPushButton(_("&Office-Schlüssel erzeugen …"))
        self.create_button.clicked.connect(lambda: self.create_office_key(pkcs12=False))
        self.import_button = QPushButton(_("Zertifikat der &Kommune (PKCS#12) …"))
        self.import_button.setToolTip(
            _("Statt eines selbst erzeugten: das CA-Zertifikat der Kommune mit Schlüssel (.p12/.pfx)")
        )
        self.import_button.clicked.connect(lambda: self.create_office_key(pkcs12=True))
        self.export_button = QPushButton(_("office-ca.pem e&xportieren …"))
        self.export_button.clicked.connect(self.export_anchor)
        self.install_button = QPushButton(_("Auf diesem PC ins&tallieren"))
        self.install_button.clicked.connect(self.install_anchor)
        self.pending = ReadOnlyTable([_(c) for c in PENDING_COLUMNS], _("Offene Anträge"), stretch=0)
        self.certify_button = QPushButton(_("Ausgewählte zertifizie&ren …"))
        self.certify_button.clicked.connect(self.certify_selected)
        self.certified = ReadOnlyTable(
            [_(c) for c in CERTIFIED_COLUMNS], _("Zertifizierte Schlüssel"), stretch=1
        )
        self.revoke_button = QPushButton(_("Zertifikat sp&erren …"))
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.recertify_button = QPushButton(_("A&lle neu zertifizieren …"))
        self.recertify_button.setToolTip(
            _("Nach geänderten Mitzeichnungsrollen oder einem neuen Office-Schlüssel")
        )
        self.recertify_button.clicked.connect(self.recertify_all)
        layout = QVBoxLayout(box)
        layout.addWidget(self.who)
        layout.addWidget(self.office_label)
        layout.addLayout(
            _row(self.create_button, self.import_button, self.export_button, self.install_button)
        )
        layout.addWidget(QLabel(_("Offene Anträge:")))
        layout.addWidget(self.pending)
        layout.addLayout(_row(self.certify_button))
        layout.addWidget(QLabel(_("Zertifizierte Schlüssel:")))
        layout.addWidget(self.certified)
        layout.addLayout(_row(self.revoke_button, self.recertify_button))
        return box

    # --- loading and showing ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to this page shows what changed meanwhile (e.g. a key set up on the Personen page)."""
        super().showEvent(event)
        if not self.loading and not self.busy:
            self.refresh()

    def refresh(self) -> None:
        """Load the overview off the GUI thread, then show it."""
        self.loading = True
        uow, local = self.uow_factory, self.local
        run_task(lambda: key_admin.overview(uow, local), self.show_overview, self.load_failed)
        self.refresh_own()

    def refresh_own(self) -> None:
        name = self.person.currentText()
        if not name:
            self.own_state.setText(_("Keine Person erfasst."))
            self.pin_button.setEnabled(False)
            return
        uow, local = self.uow_factory, self.local
        run_task(lambda: key_admin.own_key(uow, local, name), self.show_own, self.load_failed)

    def load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.status.setText(exc.message if isinstance(exc, KimdeskError) else str(exc))
        self.update_buttons()

    def show_own(self, own: key_admin.OwnKey) -> None:
        if own.person_name != self.person.currentText():
            return
        if not own.here:
            text = _("In diesem Windows-Konto liegt kein Schlüssel von {name}.")
        elif own.state == "zertifiziert":
            text = _("Schlüssel von {name} liegt in diesem Windows-Konto und ist zertifiziert.")
        elif own.state == "beantragt":
            text = _(
                "Schlüssel von {name} liegt in diesem Windows-Konto; der Antrag wartet darauf, dass die "
                "Verwaltung ihn auf dieser Seite zertifiziert. Fingerabdruck zum Vergleich: {fp}"
            )
        else:
            text = _(
                "Schlüssel von {name} liegt in diesem Windows-Konto, ist aber nicht (mehr) zertifiziert – "
                "bitte unter „Personen“ neu einrichten."
            )
        self.own_state.setText(text.format(name=own.person_name, fp=own.fingerprint))
        self.pin_button.setEnabled(own.here and not self.busy)

    def show_overview(self, found: key_admin.KeyOverview) -> None:
        first = self.overview is None
        self.overview = found
        self.loading = False
        if first and found.keys_here and self.person.currentText() not in found.keys_here:
            self.person.setCurrentText(found.keys_here[0])  # whose key is in this account
        current = found.current
        if found.office_key_here:
            self.who.setText(
                _(
                    "In diesem Windows-Konto liegt der Office-Schlüssel: Sie können Schlüssel zertifizieren "
                    "und sperren (mit seiner Passphrase)."
                )
            )
        else:
            self.who.setText(
                _(
                    "In diesem Windows-Konto liegt kein Office-Schlüssel. Zertifizieren und sperren kann nur "
                    "die Verwaltung (Hauptamt/IT) in dem Konto, in dem der Office-Schlüssel erzeugt wurde; "
                    "Sie sehen hier, was offen ist."
                )
            )
        if current is None:
            self.office_label.setText(
                _("Noch kein Office-Schlüssel: zuerst erzeugen (oder das Zertifikat der Kommune nehmen).")
            )
        else:
            installed = _("ja") if found.current_installed else _("nein – bitte installieren")
            self.office_label.setText(
                _(
                    "Office-Zertifikat: {subject}, gültig bis {until}\nFingerabdruck (SHA-256): {fp}\n"
                    "Auf diesem PC als Vertrauensanker installiert: {installed}"
                ).format(
                    subject=_common_name(current),
                    until=format_date(current.not_valid_after_utc.date()),
                    fp=kc.fingerprint(current),
                    installed=installed,
                )
            )
        self.create_button.setText(
            _("&Office-Schlüssel erneuern …") if current is not None else _("&Office-Schlüssel erzeugen …")
        )
        self.pending.set_rows(pending_rows(found))
        self.certified.set_rows(certified_rows(found))
        self.update_buttons()

    def update_buttons(self) -> None:
        found = self.overview
        ready = found is not None and not self.busy
        may_act = ready and found is not None and found.office_key_here and found.current is not None
        has_office = ready and found is not None and found.current is not None
        self.create_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.export_button.setEnabled(has_office)
        self.install_button.setEnabled(has_office)
        self.certify_button.setEnabled(may_act and self.pending.rowCount() > 0)
        self.revoke_button.setEnabled(may_act and self.certified.rowCount() > 0)
        self.recertify_button.setEnabled(may_act and self.certified.rowCount() > 0)

    def selected_names(self, table: ReadOnlyTable) -> list[str]:
        rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
        return [table.table_model.cell(r, 0).text for r in rows if table.table_model.cell(r, 0)]  # type: ignore[union-attr]
