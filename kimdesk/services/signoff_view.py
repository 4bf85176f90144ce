"""What the Mitzeichnung panel shows, as plain text and table rows (no Qt, unit-tested on its own).

The GUI loads a ``PanelState`` off its thread and renders the rows and texts made here.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from kimdesk.domain import signoff as rules
from kimdesk.domain.audit import AuditAction, AuditEntry
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Office, SignOffRole
from kimdesk.domain.model import Paper, PaperStatus, SignOff, SignOffDecision
from kimdesk.domain.timezone import BERLIN
from kimdesk.domain.versions import VersionInfo
from kimdesk.l10n.formatting import format_date, format_datetime
from kimdesk.l10n.i18n import N_, _
from kimdesk.services import signoff
from kimdesk.services.cells import Cell, Row, plain_row
from kimdesk.services.office import get_office
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.signature_check import NO_ANCHOR, sign_off_signatures
from kimdesk.services.versions import LoadedVersion, seen_by

#: The columns of the Umlauf table (message ids; translate when shown).
COLUMNS = (
    N_("Rolle"),
    N_("Pflicht"),
    N_("Inhaber / Vertretung"),
    N_("Entscheidung"),
    N_("Bemerkung"),
    N_("Frist"),
)
COL_ROLE, COL_REQUIRED, COL_HOLDER, COL_DECISION, COL_REMARK, COL_DUE = range(len(COLUMNS))
#: The columns of the history table; the details (last) wrap.
HISTORY_COLUMNS = (N_("Zeit"), N_("Vorgang"), N_("Person / Konto"), N_("Einzelheiten"))
HISTORY_DETAILS = len(HISTORY_COLUMNS) - 1


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
    #: Per decided Mitzeichnung: "" when its signature verifies on this PC, else why not.
    signatures: dict[uuid.UUID, str] = field(default_factory=dict)
    #: The Fassungen, oldest first; the last one is what the Umlauf gives the signers.
    versions: list[VersionInfo] = field(default_factory=list)
    #: Per due person: the Fassung they last saw or rejected (a new Umlauf after a rejection).
    seen: dict[str, LoadedVersion] = field(default_factory=dict)
    #: Valid signatures whose certificate was revoked afterwards: when.
    revoked: dict[uuid.UUID, datetime] = field(default_factory=dict)

    @property
    def given(self) -> VersionInfo | None:
        """The Fassung a signature binds to: the newest, if it is the Vorlage's content."""
        last = self.versions[-1] if self.versions else None
        return last if last is not None and last.content_hash == self.status.content_hash else None

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
    listed, seen = seen_by(uow_factory, reference, list(needs_pin))
    signatures, revoked = sign_off_signatures(uow_factory, reference)
    return PanelState(status, office, needs_pin, signatures, listed, seen, revoked)


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


def due_text(paper: Paper, office: Office) -> str:
    """Who can sign now (In Mitzeichnung), or that all is there (Freigegeben); empty otherwise."""
    if paper.status is PaperStatus.IN_SIGN_OFF:
        rows = rules.current_round(paper)
        due = rules.due_roles(paper)
        mode = _("der Reihe nach") if is_sequential(rows) else _("gleichzeitig")
        if not due:
            return _("Umlauf ({mode}): alle erforderlichen Mitzeichnungen liegen vor.").format(mode=mode)
        names = "; ".join(f"{row.role_label} ({holder_text(find_role(office, row.role_key))})" for row in due)
        if is_sequential(rows):
            return _("Umlauf der Reihe nach – jetzt an der Reihe: {names}").format(names=names)
        return _("Umlauf gleichzeitig – noch offen: {names}").format(names=names)
    if paper.status is PaperStatus.RELEASED:
        return _("Alle erforderlichen Mitzeichnungen liegen vor – die Vorlage ist freigegeben.")
    return ""


def rejection_text(paper: Paper) -> str:
    """The last rejection of the current Umlauf and what to do now; empty when there is none."""
    rejection = rules.last_rejection(paper)
    if rejection is None:
        return ""
    return _(
        "Abgelehnt von {role} ({person}) am {when}:\n„{remark}“\n"
        "Bitte überarbeiten und den Umlauf neu starten."
    ).format(
        role=rejection.role_label,
        person=signer_text(rejection),
        when=format_datetime(rejection.signed_at),
        remark=rejection.remark,
    )


def empty_text(paper: Paper) -> str:
    """What the panel says when no Mitzeichnung of a running Umlauf is there to show."""
    if any(row.voided for row in paper.sign_offs):
        return _(
            "Kein Umlauf offen – die Mitzeichnungen des letzten Umlaufs sind aufgehoben (siehe Verlauf). "
            "„Umlauf starten …“ beginnt einen neuen."
        )
    return _("Noch kein Umlauf – die Vorlage ist nicht in der Mitzeichnung gewesen.")


def broken_text(paper: Paper) -> str:
    """The warning when the content differs from what was signed; empty when it does not."""
    broken = rules.broken_signatures(paper)
    if not broken:
        return ""
    return _("Achtung: Der Inhalt weicht von dem ab, was gezeichnet wurde ({roles}).").format(
        roles=", ".join(b.role_label for b in broken)
    )


def _decision_cell(
    row: SignOff, paper: Paper, due_now: bool, signature: str | None, revoked: datetime | None = None
) -> Cell:
    if row.decision is not None:
        lines = [_(row.decision.label), signer_text(row), format_datetime(row.signed_at)]
        if signature is None:
            return Cell("\n".join(lines), alert=row.decision is SignOffDecision.REJECTED)
        if not signature:
            lines.append(_("✓ Signatur gültig"))
            tip = _("Die persönliche Signatur passt zu Inhalt, Anlagen und Prüfprotokoll.")
            if revoked is not None:
                lines.append(_("Zertifikat seit {date} gesperrt").format(date=format_datetime(revoked)))
                tip += " " + _(
                    "Das Zertifikat wurde erst danach gesperrt; vor der Sperrung geleistete Signaturen "
                    "bleiben gültig."
                )
            return Cell("\n".join(lines), tip, alert=row.decision is SignOffDecision.REJECTED)
        if signature == NO_ANCHOR:
            lines.append(_("? Signatur nicht prüfbar"))
            tip = _(
                "Auf diesem PC ist der Vertrauensanker des Amtes nicht eingerichtet. Ohne ihn kann kimdesk "
                "nicht prüfen, ob die Signatur von einem Schlüssel des Amtes stammt. Die IT legt ihn als "
                "office-ca.pem in C:\\ProgramData\\kimdesk ab (INSTALL.md, Abschnitt 3)."
            )
            return Cell("\n".join(lines), tip, emphasis=True, alert=row.decision is SignOffDecision.REJECTED)
        lines.append(_("✗ Signatur ungültig"))
        return Cell("\n".join(lines), signature, emphasis=True, alert=True)
    if due_now:
        return Cell(_("jetzt an der Reihe"), emphasis=True)
    return Cell(_("wartet") if paper.status is PaperStatus.IN_SIGN_OFF else _("offen"))


def sign_off_rows(
    paper: Paper,
    office: Office,
    on: date,
    signatures: dict[uuid.UUID, str] | None = None,
    revoked: dict[uuid.UUID, datetime] | None = None,
) -> list[Row]:
    """The rows of the current Umlauf in ``COLUMNS`` order; ``on`` decides what is overdue.

    With ``signatures`` (see :class:`PanelState`) each decision says whether its signature verifies, and
    with ``revoked`` whether its certificate was revoked since.
    """
    due_ids = {row.id for row in rules.due_roles(paper)}
    rows: list[Row] = []
    for row in rules.current_round(paper):
        deadline = Cell(format_date(row.due_date))
        if is_overdue(row, paper.status, on):
            text = _("{date}\nüberfällig").format(date=deadline.text)
            deadline = Cell(text, _("Die Frist ist abgelaufen."), emphasis=True, alert=True)
        rows.append(
            (
                Cell(row.role_label),
                Cell(_("ja") if row.required else _("nein")),
                Cell(holder_lines(find_role(office, row.role_key))),
                _decision_cell(
                    row,
                    paper,
                    row.id in due_ids,
                    None if signatures is None else signatures.get(row.id, ""),
                    (revoked or {}).get(row.id),
                ),
                Cell(row.remark),
                deadline,
            )
        )
    return rows


def history_rows(entries: list[AuditEntry], office: Office) -> list[Row]:
    """One row per audit entry in ``HISTORY_COLUMNS`` order: when, what, who (and which account)."""
    rows: list[Row] = []
    for entry in entries:
        who = entry.person_name
        if entry.os_account:
            who = (who + "\n" if who else "") + _("Konto {account}").format(account=entry.os_account)
        rows.append(
            plain_row(format_datetime(entry.at), _(entry.action.label), who, history_text(entry, office))
        )
    return rows


def history_title(count: int) -> str:
    return _("Verlauf ({n} Einträge)").format(n=count)
