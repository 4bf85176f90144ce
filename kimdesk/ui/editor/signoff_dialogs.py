"""The dialogs of the Mitzeichnung panel whose OK runs a service call, and "Umlauf starten"."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain import signoff as rules
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import LEGAL_ROLE, TREASURER_ROLE, Office
from kimdesk.domain.model import ImpactChoice, Paper
from kimdesk.domain.validation import validate_paper
from kimdesk.l10n.i18n import _
from kimdesk.services.signoff_requests import StartRequest
from kimdesk.services.signoff_view import find_role, holder_text, today
from kimdesk.ui.editor.widgets import DateEdit, field_label

#: Days from today that the "Umlauf starten" dialog proposes as the due date.
DEFAULT_DUE_DAYS = 7


def alert_label(name: str) -> QLabel:
    """A plain-text label in the warning colours (errors, rejections, broken signatures)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("background: #fde2e2; color: #7a0000; padding: 6px;")
    label.setAccessibleName(name)
    return label


class ActionDialog(QDialog):
    """A dialog whose OK runs a service call: it stays open until the call succeeds, errors show inside."""

    submitted = Signal()

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.body = QVBoxLayout()
        self.error = alert_label(_("Fehlermeldung"))
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


class StartDialog(ActionDialog):
    """ "Umlauf starten": roles (the service's pick ticked), Rechtsamt, order, due date."""

    def __init__(self, paper: Paper, office: Office, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Umlauf starten – Vorlage {reference}").format(reference=paper.reference),
            _("Umlauf &starten"),
            parent,
        )
        self.problems = [str(p) for p in validate_paper(paper)]
        self.problem_label = alert_label(_("Was den Start verhindert"))
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
        self.legal_box = QCheckBox(_("Rechts&amt beteiligen ({holder})").format(holder=holder_text(legal)))
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
