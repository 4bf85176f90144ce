"""The "Mitzeichnen" and "Ablehnen" dialog: role, person (holder or deputy), decision, remark, PIN."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from kimdesk.domain import signoff as rules
from kimdesk.domain.model import SignOffDecision
from kimdesk.l10n.i18n import _
from kimdesk.services.signoff import GivenVersion
from kimdesk.services.signoff_requests import SignRequest
from kimdesk.services.signoff_view import PanelState, find_role
from kimdesk.ui.editor.changes_since import ChangesSinceSeen
from kimdesk.ui.editor.signoff_dialogs import ActionDialog
from kimdesk.ui.editor.widgets import field_label


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
        self.remark.setMaximumHeight(self.remark.fontMetrics().lineSpacing() * 8)
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
        self.changes = ChangesSinceSeen(state, self)
        self.body.addWidget(self.changes, 1)  # the comparison, not the remark, takes the room
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
        self.changes.show_for(self.person_name())
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
        given = self.state.given
        return SignRequest(
            role_key=str(self.role.currentData()),
            person_name=self.person_name(),
            as_deputy=self.as_deputy(),
            decision=decision,
            remark=self.remark.toPlainText().strip(),
            pin=self.pin.text() if self.needs_pin() else None,
            given=GivenVersion(given.number, given.content_hash) if given is not None else None,
        )
