"""The Mitzeichnung panel of the editor: who has signed, who is due, and signing at this PC with a PIN.

Every service call runs off the GUI thread (signing hashes PINs with Argon2); after each action the
panel reloads the Vorlage and hands it to the editor through ``workflow_changed``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain import signoff as rules
from kimdesk.domain.audit import AuditAction, AuditEntry
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import LEGAL_ROLE, TREASURER_ROLE, Office, SignOffRole
from kimdesk.domain.model import ImpactChoice, Paper, PaperStatus, SignOff, SignOffDecision
from kimdesk.domain.timezone import BERLIN
from kimdesk.domain.validation import validate_paper
from kimdesk.l10n.formatting import format_date, format_datetime
from kimdesk.l10n.i18n import N_, _
from kimdesk.services import signoff
from kimdesk.services.office import get_office
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.ui import dialogs
from kimdesk.ui.editor.widgets import DateEdit, field_label
from kimdesk.ui.tasks import run_task

#: Days from today that the "Umlauf starten" dialog proposes as the due date.
DEFAULT_DUE_DAYS = 7

_STATE_COLOURS = {
    PaperStatus.DRAFT: ("#e8e8e8", "#303030"),
    PaperStatus.IN_SIGN_OFF: ("#fff3c4", "#4a3b00"),
    PaperStatus.RELEASED: ("#d7f0d8", "#0f4a14"),
    PaperStatus.WITHDRAWN: ("#d0d0d0", "#202020"),
    PaperStatus.DECIDED: ("#dcecff", "#0b2e59"),
}
_OVERDUE = QColor("#a00000")


def today() -> date:
    """Today in Berlin (due dates are calendar days of the office)."""
    return datetime.now(BERLIN).date()


@dataclass(frozen=True, slots=True)
class PanelState:
    """What the panel shows, loaded off the GUI thread."""

    status: signoff.SignOffStatus
    office: Office
    #: For the holder and deputy of every role that is due now: does signing need a PIN?
    needs_pin: dict[str, bool] = field(default_factory=dict)

    @property
    def paper(self) -> Paper:
        return self.status.paper


def load_state(uow_factory: UnitOfWorkFactory, reference: str) -> PanelState:
    """Status, history and office of one Vorlage (runs on the thread pool)."""
    status = signoff.status(uow_factory, reference)
    office = get_office(uow_factory)
    needs_pin: dict[str, bool] = {}
    for row in status.due:
        role = find_role(office, row.role_key)
        for person in (role.holder, role.deputy) if role else ():
            if person is not None and person.name not in needs_pin:
                try:
                    needs_pin[person.name] = signoff.person_needs_pin(uow_factory, person.name)
                except KimdeskError:
                    needs_pin[person.name] = False
    return PanelState(status, office, needs_pin)


def find_role(office: Office, key: str) -> SignOffRole | None:
    return next((r for r in office.sign_off_roles if r.key == key), None)


def is_sequential(rows: list[SignOff]) -> bool:
    """Sequential Umläufe number their rows 1, 2, 3 …; parallel ones give every row 0."""
    return any(row.order > 0 for row in rows)


def holder_text(role: SignOffRole | None) -> str:
    if role is None or role.holder is None:
        return _("niemand eingetragen")
    if role.deputy is None:
        return role.holder.name
    return _("{holder}, Vertretung: {deputy}").format(holder=role.holder.name, deputy=role.deputy.name)


def holder_lines(role: SignOffRole | None) -> str:
    """Holder, and the deputy on a second line (keeps the table narrow)."""
    if role is None or role.holder is None or role.deputy is None:
        return holder_text(role)
    return role.holder.name + "\n" + _("Vertretung: {deputy}").format(deputy=role.deputy.name)


def signer_text(row: SignOff) -> str:
    if not row.person_name:
        return ""
    return _("i. V. {name}").format(name=row.person_name) if row.as_deputy else row.person_name


def is_overdue(row: SignOff, status: PaperStatus, on: date) -> bool:
    return (
        status is PaperStatus.IN_SIGN_OFF
        and row.decision is None
        and row.due_date is not None
        and row.due_date < on
    )


def history_text(entry: AuditEntry, office: Office) -> str:
    """The details of one audit entry in a few German words."""
    details = entry.details
    if entry.action is AuditAction.STARTED:
        labels = []
        for key in details.get("roles", []):
            role = find_role(office, key)
            labels.append(role.label if role else key)
        parts = [_("Rollen: {roles}").format(roles=", ".join(labels))]
        parts.append(_("der Reihe nach") if details.get("sequential") else _("gleichzeitig"))
        if details.get("dueDate"):
            with contextlib.suppress(ValueError):
                due = date.fromisoformat(str(details["dueDate"]))
                parts.append(_("Frist {date}").format(date=format_date(due)))
        return "; ".join(parts)
    if entry.action in (AuditAction.SIGNED, AuditAction.REJECTED):
        text = str(details.get("roleLabel", ""))
        if details.get("asDeputy"):
            text += " " + _("(i. V.)")
        if details.get("decision") == SignOffDecision.NOTED.value:
            text += " – " + _(SignOffDecision.NOTED.label)
        if details.get("remark"):
            text += " – „" + str(details["remark"]) + "“"
        return text
    if entry.action is AuditAction.BACK_TO_DRAFT:
        return _("{n} Mitzeichnung(en) aufgehoben").format(n=details.get("voided", 0))
    if entry.action is AuditAction.WITHDRAWN:
        return "„" + str(details["remark"]) + "“" if details.get("remark") else ""
    if details.get("import"):
        return _("Import ({source})").format(source=details["import"])
    return ", ".join(f"{k}: {v}" for k, v in details.items() if not isinstance(v, dict | list))


# --- dialogs --------------------------------------------------------------------------------------


class ActionDialog(QDialog):
    """A dialog whose OK runs a service call: it stays open until the call succeeds, errors show inside."""

    submitted = Signal()

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.body = QVBoxLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("background: #fde2e2; color: #7a0000; padding: 6px;")
        self.error.setAccessibleName(_("Fehlermeldung"))
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName(ok_text.replace("&", ""))
        self.ok_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        cancel.setAccessibleName(_("Abbrechen"))
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.busy = False

    def _ok(self) -> None:
        if self.ok_button.isEnabled() and not self.busy:
            self.error.hide()
            self.submitted.emit()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_ok()
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def can_submit(self) -> bool:
        return True

    def update_ok(self) -> None:
        self.ok_button.setEnabled(not self.busy and self.can_submit())


@dataclass(frozen=True, slots=True)
class StartRequest:
    roles: list[str]
    include_legal: bool
    sequential: bool
    due_date: date | None


class StartDialog(ActionDialog):
    """ "Umlauf starten": roles (the service's pick ticked), Rechtsamt, order, due date."""

    def __init__(self, paper: Paper, office: Office, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Umlauf starten – Vorlage {reference}").format(reference=paper.reference),
            _("Umlauf &starten"),
            parent,
        )
        self.problems = [str(p) for p in validate_paper(paper)]
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setStyleSheet("background: #fde2e2; color: #7a0000; padding: 6px;")
        self.problem_label.setAccessibleName(_("Was den Start verhindert"))
        if self.problems:
            self.problem_label.setText(
                _("Der Umlauf kann nicht starten, weil:") + "\n" + "\n".join(f"– {p}" for p in self.problems)
            )
        else:
            self.problem_label.hide()
        self.body.addWidget(self.problem_label)

        following = paper.financial_impact.choice is ImpactChoice.FOLLOWING
        try:
            default = {r.key for r in rules.pick_roles(paper, office)}
        except KimdeskError:
            default = set()
        roles_box = QGroupBox(_("Wer zeichnet mit?"))
        roles_box.setAccessibleName(_("Rollen der Mitzeichnung"))
        roles_layout = QVBoxLayout(roles_box)
        self.role_boxes: dict[str, QCheckBox] = {}
        for role in office.sign_off_roles:
            if role.key == LEGAL_ROLE:
                continue
            text = f"{role.label} ({holder_text(role)})"
            box = QCheckBox(text)
            box.setAccessibleName(role.label)
            box.setChecked(role.key in default)
            if role.holder is None:
                box.setEnabled(False)
                box.setChecked(False)
            if role.key == TREASURER_ROLE and following:
                box.setChecked(True)
                box.setEnabled(False)
                box.setText(text + " – " + _("Pflicht, weil finanzielle Auswirkungen „folgende“"))
            box.toggled.connect(self.update_ok)
            roles_layout.addWidget(box)
            self.role_boxes[role.key] = box
        legal = find_role(office, LEGAL_ROLE)
        self.legal_box = QCheckBox(_("&Rechtsamt beteiligen ({holder})").format(holder=holder_text(legal)))
        self.legal_box.setAccessibleName(_("Rechtsamt beteiligen"))
        self.legal_box.setEnabled(legal is not None and legal.holder is not None)
        self.legal_box.toggled.connect(self.update_ok)
        roles_layout.addWidget(self.legal_box)
        self.body.addWidget(roles_box)

        order_box = QGroupBox(_("Reihenfolge"))
        order_layout = QVBoxLayout(order_box)
        self.parallel = QRadioButton(_("&gleichzeitig – alle können sofort zeichnen"))
        self.sequential = QRadioButton(_("der &Reihe nach – in der Reihenfolge der Liste"))
        self.parallel.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.parallel)
        group.addButton(self.sequential)
        order_layout.addWidget(self.parallel)
        order_layout.addWidget(self.sequential)
        self.body.addWidget(order_box)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.due = DateEdit(_("Frist"))
        self.due.set_value(today() + timedelta(days=DEFAULT_DUE_DAYS))
        self.due.textChanged.connect(self.update_ok)
        self.due.setToolTip(_("Leer lassen, wenn es keine Frist gibt."))
        form.addRow(field_label(_("&Frist:"), self.due), self.due)
        self.body.addLayout(form)
        self.update_ok()
        first = next((box for box in self.role_boxes.values() if box.isEnabled()), self.legal_box)
        first.setFocus()

    def selected_roles(self) -> list[str]:
        return [key for key, box in self.role_boxes.items() if box.isChecked()]

    def can_submit(self) -> bool:
        if self.problems:
            return False
        _value, error = self.due.value()
        return error is None and bool(self.selected_roles() or self.legal_box.isChecked())

    def _ok(self) -> None:
        _value, error = self.due.value()
        if error is not None:
            self.show_error(_("Frist: {error}").format(error=error))
            return
        super()._ok()

    def request(self) -> StartRequest:
        due, _error = self.due.value()
        return StartRequest(
            roles=self.selected_roles(),
            include_legal=self.legal_box.isChecked(),
            sequential=self.sequential.isChecked(),
            due_date=due,
        )


@dataclass(frozen=True, slots=True)
class SignRequest:
    role_key: str
    person_name: str
    as_deputy: bool
    decision: SignOffDecision
    remark: str
    pin: str | None


class SignDialog(ActionDialog):
    """ "Mitzeichnen" and "Ablehnen": role (only those due), person (holder or deputy), decision, PIN."""

    def __init__(self, state: PanelState, *, rejecting: bool = False, parent: QWidget | None = None) -> None:
        reference = state.paper.reference
        if rejecting:
            title = _("Ablehnen – Vorlage {reference}").format(reference=reference)
            ok_text = _("&Ablehnen")
        else:
            title = _("Mitzeichnen – Vorlage {reference}").format(reference=reference)
            ok_text = _("&Mitzeichnen")
        super().__init__(title, ok_text, parent)
        self.state = state
        self.rejecting = rejecting
        self.forced_pin: set[str] = set()
        intro = QLabel(
            _(
                "Vorlage {reference}: {title}\nDie Entscheidung gilt für den Inhalt mit der Prüfsumme {hash}."
            ).format(
                reference=reference,
                title=state.paper.title,
                hash=rules.short_hash(state.status.content_hash),
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.role = QComboBox()
        self.role.setAccessibleName(_("Rolle"))
        for row in state.status.due:
            self.role.addItem(row.role_label, row.role_key)
        self.person = QComboBox()
        self.person.setAccessibleName(_("Person"))
        form.addRow(field_label(_("R&olle:"), self.role), self.role)
        form.addRow(field_label(_("&Person:"), self.person), self.person)

        self.approve = QRadioButton(_(SignOffDecision.APPROVED.label))
        self.noted = QRadioButton(_(SignOffDecision.NOTED.label))
        self.approve.setChecked(True)
        decision = QWidget()
        decision.setAccessibleName(_("Entscheidung"))
        decision_layout = QHBoxLayout(decision)
        decision_layout.setContentsMargins(0, 0, 0, 0)
        decision_layout.addWidget(self.approve)
        decision_layout.addWidget(self.noted)
        decision_layout.addStretch(1)
        group = QButtonGroup(self)
        group.addButton(self.approve)
        group.addButton(self.noted)
        self.decision_label = field_label(_("Entscheidung:"), self.approve)
        form.addRow(self.decision_label, decision)
        if rejecting:
            self.decision_label.hide()
            decision.hide()

        self.remark = QPlainTextEdit()
        self.remark.setTabChangesFocus(True)
        self.remark.setMinimumHeight(self.remark.fontMetrics().lineSpacing() * 4)
        if rejecting:
            self.remark.setAccessibleName(_("Begründung der Ablehnung"))
            self.remark.setPlaceholderText(_("Was muss geändert werden? (Pflicht)"))
            remark_label = field_label(_("&Begründung (Pflicht):"), self.remark)
        else:
            self.remark.setAccessibleName(_("Bemerkung"))
            remark_label = field_label(_("&Bemerkung:"), self.remark)
        self.remark.textChanged.connect(self.update_ok)
        form.addRow(remark_label, self.remark)

        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(_("PIN"))
        self.pin.textChanged.connect(self.update_ok)
        self.pin_label = field_label(_("P&IN:"), self.pin)
        form.addRow(self.pin_label, self.pin)
        self.body.addLayout(form)
        if rejecting:
            hint = QLabel(_("Eine Ablehnung schickt die Vorlage in den Entwurf zurück."))
            hint.setWordWrap(True)
            self.body.addWidget(hint)

        self.role.currentIndexChanged.connect(self._role_changed)
        self.person.currentIndexChanged.connect(self._person_changed)
        self._role_changed()
        (self.remark if rejecting else self.role).setFocus()

    def _role_changed(self, *_args: Any) -> None:
        self.person.blockSignals(True)
        self.person.clear()
        role = find_role(self.state.office, str(self.role.currentData() or ""))
        if role is not None:
            if role.holder is not None:
                self.person.addItem(role.holder.name, (role.holder.name, False))
            if role.deputy is not None:
                self.person.addItem(
                    _("i. V. {name} (Vertretung)").format(name=role.deputy.name), (role.deputy.name, True)
                )
        self.person.blockSignals(False)
        self._person_changed()

    def person_name(self) -> str:
        data = self.person.currentData()
        return str(data[0]) if data else ""

    def as_deputy(self) -> bool:
        data = self.person.currentData()
        return bool(data[1]) if data else False

    def needs_pin(self) -> bool:
        name = self.person_name()
        return bool(self.state.needs_pin.get(name)) or name in self.forced_pin

    def require_pin(self, name: str) -> None:
        """The PIN was set after the panel loaded: ask for it now."""
        self.forced_pin.add(name)
        self._person_changed()

    def _person_changed(self, *_args: Any) -> None:
        needed = self.needs_pin()
        self.pin.setVisible(needed)
        self.pin_label.setVisible(needed)
        if not needed:
            self.pin.clear()
        self.update_ok()

    def can_submit(self) -> bool:
        if not self.person_name():
            return False
        if self.rejecting and not self.remark.toPlainText().strip():
            return False
        return not (self.needs_pin() and not self.pin.text())

    def wrong_pin(self, message: str) -> None:
        self.show_error(message)
        self.pin.clear()
        self.pin.setFocus()

    def request(self) -> SignRequest:
        if self.rejecting:
            decision = SignOffDecision.REJECTED
        elif self.noted.isChecked():
            decision = SignOffDecision.NOTED
        else:
            decision = SignOffDecision.APPROVED
        return SignRequest(
            role_key=str(self.role.currentData()),
            person_name=self.person_name(),
            as_deputy=self.as_deputy(),
            decision=decision,
            remark=self.remark.toPlainText().strip(),
            pin=self.pin.text() if self.needs_pin() else None,
        )


# --- the panel ------------------------------------------------------------------------------------


def _read_only_table(headers: list[str], name: str, *, stretch: int) -> QTableWidget:
    """A table that grows with its rows, wraps long texts in column ``stretch`` and never scrolls sideways."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


_COLUMNS = (
    N_("Rolle"),
    N_("Pflicht"),
    N_("Inhaber / Vertretung"),
    N_("Entscheidung"),
    N_("Bemerkung"),
    N_("Frist"),
)
COL_ROLE, COL_REQUIRED, COL_HOLDER, COL_DECISION, COL_REMARK, COL_DUE = range(len(_COLUMNS))


class SignOffPanel(QWidget):
    """State, Umlauf rows, who is due, last rejection, content hash, history; and the actions.

    ``attach(uow_factory)`` enables the actions; until then it shows the Vorlage it was given.
    """

    #: The Vorlage as stored after an action (the editor reloads it).
    workflow_changed = Signal(object)
    #: A status line for the main window.
    message = Signal(str)
    #: The panel finished loading (or reloading) status and history.
    loaded = Signal()

    def __init__(
        self,
        paper: Paper,
        office: Office,
        *,
        current: Callable[[], Paper] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Mitzeichnung"))
        self._paper = paper
        self._office = office
        self._current = current
        self._state: PanelState | None = None
        self._uow_factory: UnitOfWorkFactory | None = None
        self._prepare: Callable[[], bool] | None = None
        self.busy = False
        self.dialog: ActionDialog | None = None

        top = QHBoxLayout()
        self.state_label = QLabel()
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setAccessibleName(_("Stand der Mitzeichnung"))
        font = self.state_label.font()
        font.setBold(True)
        self.state_label.setFont(font)
        self.hash_label = QLabel()
        self.hash_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash_label.setAccessibleName(_("Prüfsumme des Inhalts"))
        top.addWidget(self.state_label)
        top.addStretch(1)
        top.addWidget(self.hash_label)

        self.rejection = QLabel()
        self.rejection.setWordWrap(True)
        self.rejection.setTextFormat(Qt.TextFormat.PlainText)
        self.rejection.setFrameShape(QFrame.Shape.StyledPanel)
        self.rejection.setStyleSheet("background: #fde2e2; color: #7a0000; padding: 6px;")
        self.rejection.setAccessibleName(_("Letzte Ablehnung"))
        self.rejection.hide()
        self.broken = QLabel()
        self.broken.setWordWrap(True)
        self.broken.setTextFormat(Qt.TextFormat.PlainText)
        self.broken.setStyleSheet("background: #fde2e2; color: #7a0000; padding: 6px;")
        self.broken.setAccessibleName(_("Warnung zur Prüfsumme"))
        self.broken.hide()
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.due_label.setTextFormat(Qt.TextFormat.PlainText)
        self.due_label.setAccessibleName(_("Wer jetzt zeichnen kann"))

        self.table = _read_only_table(
            [_(c) for c in _COLUMNS], _("Mitzeichnungen des Umlaufs"), stretch=COL_REMARK
        )
        self.empty_label = QLabel(_("Noch kein Umlauf – die Vorlage ist nicht in der Mitzeichnung gewesen."))
        self.empty_label.setWordWrap(True)

        self.start_button = QPushButton(_("Umlauf &starten …"))
        self.sign_button = QPushButton(_("&Mitzeichnen …"))
        self.reject_button = QPushButton(_("Ab&lehnen …"))
        self.withdraw_button = QPushButton(_("Zurü&ckziehen …"))
        self.back_button = QPushButton(_("In Ent&wurf zurücknehmen …"))
        for button, slot in (
            (self.start_button, self.open_start_dialog),
            (self.sign_button, self.open_sign_dialog),
            (self.reject_button, self.open_reject_dialog),
            (self.withdraw_button, self.withdraw),
            (self.back_button, self.back_to_draft),
        ):
            button.setAccessibleName(button.text().replace("&", "").replace(" …", ""))
            button.clicked.connect(lambda _checked=False, s=slot: s())
        buttons = QGridLayout()
        buttons.addWidget(self.start_button, 0, 0)
        buttons.addWidget(self.sign_button, 0, 1)
        buttons.addWidget(self.reject_button, 0, 2)
        buttons.addWidget(self.withdraw_button, 1, 0)
        buttons.addWidget(self.back_button, 1, 1, 1, 2)
        buttons.setColumnStretch(3, 1)

        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        self.busy_label.setAccessibleName(_("Meldung der Mitzeichnung"))
        self.busy_label.hide()

        self.history_button = QToolButton()
        self.history_button.setCheckable(True)
        self.history_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.history_button.setArrowType(Qt.ArrowType.RightArrow)
        self.history_button.setAccessibleName(_("Verlauf ein- oder ausklappen"))
        self.history_button.toggled.connect(self._toggle_history)
        self.history = _read_only_table(
            [_("Zeit"), _("Vorgang"), _("Person / Konto"), _("Einzelheiten")],
            _("Verlauf der Mitzeichnung"),
            stretch=3,
        )
        self.history.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.rejection)
        layout.addWidget(self.broken)
        layout.addWidget(self.due_label)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.history)
        self.show_paper(paper)

    # --- data -------------------------------------------------------------------------------------
    @property
    def attached(self) -> bool:
        return self._uow_factory is not None

    @property
    def state(self) -> PanelState | None:
        return self._state

    def attach(self, uow_factory: UnitOfWorkFactory, *, prepare: Callable[[], bool] | None = None) -> None:
        """Enable the actions; ``prepare`` runs before each one (the page saves unsaved edits there)."""
        self._uow_factory = uow_factory
        self._prepare = prepare
        self.refresh()

    def refresh(self) -> None:
        """Reload status, history and office off the GUI thread."""
        if self._uow_factory is None or not self._paper.reference:
            return
        uow_factory, reference = self._uow_factory, self._paper.reference
        self._set_busy(True, _("Mitzeichnung wird geladen …"))
        run_task(lambda: load_state(uow_factory, reference), self._loaded, self._load_failed)

    def _loaded(self, state: PanelState) -> None:
        if not shiboken6.isValid(self):  # the Vorlage was closed meanwhile
            return
        self._set_busy(False)
        self._apply_state(state)

    def _load_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if not isinstance(exc, KimdeskError):
            raise exc
        self._show_note(_("Mitzeichnung nicht lesbar: {error}").format(error=exc.message))

    def _apply_state(self, state: PanelState) -> None:
        self._state = state
        self._office = state.office
        self._paper = state.paper
        self.show_paper(state.paper)
        self.loaded.emit()

    def show_paper(self, paper: Paper) -> None:
        """Show ``paper`` (the editor calls this whenever it shows a Vorlage); history from the last load."""
        self._paper = paper
        state = self._state if self._state is not None and self._state.paper.id == paper.id else None
        status = paper.status
        background, colour = _STATE_COLOURS.get(status, ("#e8e8e8", "#303030"))
        self.state_label.setText(_("Stand: {state}").format(state=_(status.label)))
        self.state_label.setStyleSheet(f"background: {background}; color: {colour}; padding: 4px 8px;")
        self.hash_label.setText(
            _("Prüfsumme des Inhalts: {hash}").format(hash=rules.short_hash(rules.content_hash(paper)))
        )
        self.hash_label.setToolTip(rules.content_hash(paper))

        rejection = rules.last_rejection(paper)
        if rejection is not None:
            who = signer_text(rejection)
            self.rejection.setText(
                _(
                    "Abgelehnt von {role} ({person}) am {when}:\n„{remark}“\n"
                    "Bitte überarbeiten und den Umlauf neu starten."
                ).format(
                    role=rejection.role_label,
                    person=who,
                    when=format_datetime(rejection.signed_at),
                    remark=rejection.remark,
                )
            )
        self.rejection.setVisible(rejection is not None)
        broken = rules.broken_signatures(paper)
        if broken:
            self.broken.setText(
                _("Achtung: Der Inhalt weicht von dem ab, was gezeichnet wurde ({roles}).").format(
                    roles=", ".join(b.role_label for b in broken)
                )
            )
        self.broken.setVisible(bool(broken))

        rows = rules.current_round(paper)
        due = rules.due_roles(paper)
        self._fill_table(paper, rows, due)
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self.due_label.setText(self._due_text(paper, rows, due))
        self.due_label.setVisible(bool(self.due_label.text()))
        self._fill_history(state)
        self._update_buttons()

    def _due_text(self, paper: Paper, rows: list[SignOff], due: list[SignOff]) -> str:
        if paper.status is PaperStatus.IN_SIGN_OFF:
            mode = _("der Reihe nach") if is_sequential(rows) else _("gleichzeitig")
            if not due:
                return _("Umlauf ({mode}): alle erforderlichen Mitzeichnungen liegen vor.").format(mode=mode)
            names = "; ".join(
                f"{row.role_label} ({holder_text(find_role(self._office, row.role_key))})" for row in due
            )
            if is_sequential(rows):
                return _("Umlauf der Reihe nach – jetzt an der Reihe: {names}").format(names=names)
            return _("Umlauf gleichzeitig – noch offen: {names}").format(names=names)
        if paper.status is PaperStatus.RELEASED:
            return _("Alle erforderlichen Mitzeichnungen liegen vor – die Vorlage ist freigegeben.")
        return ""

    def _fill_table(self, paper: Paper, rows: list[SignOff], due: list[SignOff]) -> None:
        on = today()
        due_ids = {row.id for row in due}
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            role = find_role(self._office, row.role_key)
            if row.decision is not None:
                decision = "\n".join(
                    [_(row.decision.label), signer_text(row), format_datetime(row.signed_at)]
                )
            elif row.id in due_ids:
                decision = _("jetzt an der Reihe")
            elif paper.status is PaperStatus.IN_SIGN_OFF:
                decision = _("wartet")
            else:
                decision = _("offen")
            overdue = is_overdue(row, paper.status, on)
            deadline = format_date(row.due_date)
            if overdue:
                deadline = _("{date}\nüberfällig").format(date=deadline)
            values = {
                COL_ROLE: row.role_label,
                COL_REQUIRED: _("ja") if row.required else _("nein"),
                COL_HOLDER: holder_lines(role),
                COL_DECISION: decision,
                COL_REMARK: row.remark,
                COL_DUE: deadline,
            }
            for column, value in values.items():
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column == COL_DECISION and row.id in due_ids:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if column == COL_DECISION and row.decision is SignOffDecision.REJECTED:
                    item.setForeground(QBrush(_OVERDUE))
                if column == COL_DUE and overdue:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setForeground(QBrush(_OVERDUE))
                    item.setToolTip(_("Die Frist ist abgelaufen."))
                self.table.setItem(index, column, item)
        self.table.resizeRowsToContents()

    def _fill_history(self, state: PanelState | None) -> None:
        entries = state.status.history if state is not None else []
        office = state.office if state is not None else self._office
        self.history.setRowCount(len(entries))
        for index, entry in enumerate(entries):
            who = entry.person_name
            if entry.os_account:
                who = (who + "\n" if who else "") + _("Konto {account}").format(account=entry.os_account)
            values = [format_datetime(entry.at), _(entry.action.label), who, history_text(entry, office)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.history.setItem(index, column, item)
        self.history.resizeRowsToContents()
        self.history_button.setText(_("Verlauf ({n} Einträge)").format(n=len(entries)))

    def _toggle_history(self, shown: bool) -> None:
        self.history.setVisible(shown)
        self.history_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _update_buttons(self) -> None:
        status = self._paper.status
        ready = self.attached and not self.busy and bool(self._paper.reference)
        has_due = bool(rules.due_roles(self._paper))
        self.start_button.setEnabled(ready and status is PaperStatus.DRAFT)
        self.sign_button.setEnabled(ready and has_due)
        self.reject_button.setEnabled(ready and has_due)
        self.withdraw_button.setEnabled(ready and status is not PaperStatus.WITHDRAWN)
        self.back_button.setEnabled(ready and status in (PaperStatus.IN_SIGN_OFF, PaperStatus.RELEASED))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        if busy:
            self._show_note(text)
        elif self.busy_label.text() == text or not text:
            self.busy_label.hide()
        self._update_buttons()

    def _show_note(self, text: str) -> None:
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))

    # --- actions ----------------------------------------------------------------------------------
    def _ready(self) -> bool:
        if self._uow_factory is None or self.busy:
            return False
        return self._prepare is None or self._prepare()

    def _paper_for_dialog(self) -> Paper:
        return self._current() if self._current is not None else self._paper

    def _open(self, dialog: ActionDialog, submit: Callable[[], None]) -> ActionDialog:
        self.dialog = dialog
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: ActionDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def open_start_dialog(self) -> StartDialog | None:
        """ "Umlauf starten …" (unsaved edits are saved first)."""
        if not self._ready():
            return None
        dialog = StartDialog(self._paper_for_dialog(), self._office, self)
        self._open(dialog, lambda: self._submit_start(dialog))
        return dialog

    def _submit_start(self, dialog: StartDialog) -> None:
        request = dialog.request()

        def work(uow_factory: UnitOfWorkFactory, reference: str) -> str:
            signoff.start(
                uow_factory,
                reference,
                roles=request.roles,
                include_legal=request.include_legal,
                sequential=request.sequential,
                due_date=request.due_date,
            )
            return _("Umlauf für Vorlage {reference} gestartet.").format(reference=reference)

        self._run(work, dialog, _("Umlauf nicht gestartet"))

    def open_sign_dialog(self) -> SignDialog | None:
        return self._open_sign(rejecting=False)

    def open_reject_dialog(self) -> SignDialog | None:
        return self._open_sign(rejecting=True)

    def _open_sign(self, *, rejecting: bool) -> SignDialog | None:
        if self._state is None or not self._state.status.due or not self._ready():
            return None
        dialog = SignDialog(self._state, rejecting=rejecting, parent=self)
        self._open(dialog, lambda: self._submit_sign(dialog))
        return dialog

    def _submit_sign(self, dialog: SignDialog) -> None:
        request = dialog.request()

        def work(uow_factory: UnitOfWorkFactory, reference: str) -> str:
            row = signoff.sign(
                uow_factory,
                reference,
                role_key=request.role_key,
                person_name=request.person_name,
                as_deputy=request.as_deputy,
                decision=request.decision,
                remark=request.remark,
                pin=request.pin,
            )
            return _("{role}: {decision} von {person}.").format(
                role=row.role_label,
                decision=_(row.decision.label) if row.decision else "",
                person=signer_text(row),
            )

        title = _("Ablehnen nicht möglich") if dialog.rejecting else _("Mitzeichnen nicht möglich")
        self._run(work, dialog, title)

    def withdraw(self) -> bool:
        """ "Zurückziehen …" after a confirmation."""
        paper = self._paper
        if not self._ready():
            return False
        if not dialogs.confirm(
            self,
            _("Vorlage zurückziehen"),
            _(
                "Vorlage {reference} zurückziehen? Sie geht dann nicht in die Beratung; "
                "die Mitzeichnungen bleiben im Verlauf erhalten."
            ).format(reference=paper.reference),
        ):
            return False

        def work(uow_factory: UnitOfWorkFactory, reference: str) -> str:
            signoff.withdraw(uow_factory, reference)
            return _("Vorlage {reference} zurückgezogen.").format(reference=reference)

        self._run(work, None, _("Zurückziehen nicht möglich"))
        return True

    def back_to_draft(self) -> bool:
        """ "In Entwurf zurücknehmen …": every signature is voided (the history keeps them)."""
        paper = self._paper
        if not self._ready():
            return False
        signed = sum(1 for row in paper.active_sign_offs if row.decision is not None)
        if not dialogs.confirm(
            self,
            _("In den Entwurf zurücknehmen"),
            _(
                "Vorlage {reference} in den Entwurf zurücknehmen? Dabei werden alle Mitzeichnungen "
                "aufgehoben ({n} liegen vor); der Verlauf behält sie. Danach muss der Umlauf neu "
                "gestartet werden."
            ).format(reference=paper.reference, n=signed),
        ):
            return False

        def work(uow_factory: UnitOfWorkFactory, reference: str) -> str:
            signoff.back_to_draft(uow_factory, reference)
            return _(
                "Vorlage {reference} ist wieder ein Entwurf; alle Mitzeichnungen sind aufgehoben."
            ).format(reference=reference)

        self._run(work, None, _("Zurücknehmen nicht möglich"))
        return True

    def _run(
        self,
        work: Callable[[UnitOfWorkFactory, str], str],
        dialog: ActionDialog | None,
        failure_title: str,
    ) -> None:
        """The action and the reload after it, both off the GUI thread."""
        assert self._uow_factory is not None
        uow_factory, reference = self._uow_factory, self._paper.reference

        def task() -> tuple[str, PanelState]:
            text = work(uow_factory, reference)
            return text, load_state(uow_factory, reference)

        def done(result: tuple[str, PanelState]) -> None:
            text, state = result
            if not shiboken6.isValid(self):  # closed meanwhile; the action itself is stored
                return
            shown = dialog if dialog is not None and shiboken6.isValid(dialog) else None
            self._set_busy(False)
            if shown is not None:
                shown.set_busy(False)
                shown.accept()
            self._apply_state(state)
            self._show_note(text)
            self.message.emit(text)
            self.workflow_changed.emit(state.paper)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            shown = dialog if dialog is not None and shiboken6.isValid(dialog) else None
            if shown is not None:
                shown.set_busy(False)
            if not isinstance(exc, KimdeskError):
                raise exc
            if shown is None or not shown.isVisible():
                dialogs.warn(self, failure_title, exc.message)
            elif isinstance(exc, signoff.PinRequiredError) and isinstance(shown, SignDialog):
                shown.require_pin(exc.person_name)
                shown.show_error(exc.message)
            elif isinstance(exc, signoff.WrongPinError) and isinstance(shown, SignDialog):
                shown.wrong_pin(exc.message)
            else:
                shown.show_error(exc.message)

        self._set_busy(True, _("Wird ausgeführt …"))
        if dialog is not None:
            dialog.set_busy(True)
        run_task(task, done, failed)
