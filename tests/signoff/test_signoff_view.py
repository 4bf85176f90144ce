"""What the Mitzeichnung panel shows, computed without Qt: table rows, overdue rule, texts, history lines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from kimdesk.domain.model import PaperStatus, SignOffDecision
from kimdesk.services import signoff, signoff_requests
from kimdesk.services import signoff_view as view
from kimdesk.services.cells import Cell
from tests.signing import PIN
from tests.signoff.conftest import NOW
from tests.signoff.fakes import FakeUnitOfWork, Store

Factory = Callable[[], FakeUnitOfWork]
DUE = date(2020, 9, 4)


def _sequential_with_deputy_signature(uow: Factory) -> view.PanelState:
    signoff.start(
        uow, "20/0270", roles=["mayor", "first_deputy", "treasurer"], sequential=True, due_date=DUE, now=NOW
    )
    signoff.sign(
        uow,
        "20/0270",
        role_key="mayor",
        person_name="Rainer Weichelt",
        as_deputy=True,
        remark="passt",
        pin=PIN,
        now=NOW,
    )
    return view.load_state(uow, "20/0270")


def _column(rows: list[tuple[Cell, ...]], column: int) -> list[str]:
    return [row[column].text for row in rows]


def test_rows_show_signer_who_is_due_who_waits_and_the_holders(fake_uow: Factory) -> None:
    state = _sequential_with_deputy_signature(fake_uow)
    rows = view.sign_off_rows(state.paper, state.office, DUE)
    assert _column(rows, view.COL_ROLE) == ["Bürgermeister", "Erster Beigeordneter", "Stadtkämmerer"]
    assert _column(rows, view.COL_REQUIRED) == ["ja", "ja", "ja"]
    assert rows[0][view.COL_HOLDER].text.splitlines() == ["Christoph Tesche", "Vertretung: Rainer Weichelt"]
    signed, due, waiting = (row[view.COL_DECISION] for row in rows)
    assert signed.text.splitlines() == ["mitgezeichnet", "i. V. Rainer Weichelt", "01.09.2020, 10:00 Uhr"]
    assert not signed.emphasis and not signed.alert
    assert due == Cell("jetzt an der Reihe", emphasis=True)
    assert waiting == Cell("wartet")
    assert rows[0][view.COL_REMARK].text == "passt"


def test_open_rows_are_overdue_only_after_the_due_day(fake_uow: Factory) -> None:
    state = _sequential_with_deputy_signature(fake_uow)
    on_the_day = view.sign_off_rows(state.paper, state.office, DUE)
    assert _column(on_the_day, view.COL_DUE) == ["04.09.2020"] * 3
    assert not any(row[view.COL_DUE].alert for row in on_the_day)
    late = view.sign_off_rows(state.paper, state.office, DUE + timedelta(days=1))
    signed, due, waiting = (row[view.COL_DUE] for row in late)
    assert signed == Cell("04.09.2020")  # signed in time: never overdue
    assert (
        due
        == waiting
        == Cell("04.09.2020\nüberfällig", "Die Frist ist abgelaufen.", emphasis=True, alert=True)
    )
    assert due.shown_tooltip == "Die Frist ist abgelaufen." and signed.shown_tooltip == "04.09.2020"


def test_overdue_rule_needs_an_open_row_in_sign_off(fake_uow: Factory) -> None:
    state = _sequential_with_deputy_signature(fake_uow)
    signed, open_row = state.paper.active_sign_offs[0], state.paper.active_sign_offs[1]
    late = DUE + timedelta(days=1)
    assert view.is_overdue(open_row, PaperStatus.IN_SIGN_OFF, late)
    assert not view.is_overdue(open_row, PaperStatus.IN_SIGN_OFF, DUE)
    assert not view.is_overdue(open_row, PaperStatus.DRAFT, late)
    assert not view.is_overdue(signed, PaperStatus.IN_SIGN_OFF, late)


def test_due_text_names_who_is_next_or_what_is_open(fake_uow: Factory, store: Store) -> None:
    state = _sequential_with_deputy_signature(fake_uow)
    assert view.due_text(state.paper, state.office) == (
        "Umlauf der Reihe nach – jetzt an der Reihe: "
        "Erster Beigeordneter (Rainer Weichelt, Vertretung: Andrea Krause)"
    )
    signoff.start(fake_uow, "20/0311", roles=["mayor", "treasurer"], now=NOW)
    parallel = view.load_state(fake_uow, "20/0311")
    assert view.due_text(parallel.paper, parallel.office) == (
        "Umlauf gleichzeitig – noch offen: Bürgermeister (Christoph Tesche, Vertretung: Rainer Weichelt); "
        "Stadtkämmerer (Dr. Sabine Möller, Vertretung: Rainer Weichelt)"
    )
    for role, person in (("mayor", "Christoph Tesche"), ("treasurer", "Dr. Sabine Möller")):
        signoff.sign(fake_uow, "20/0311", role_key=role, person_name=person, pin=PIN, now=NOW)
    released = view.load_state(fake_uow, "20/0311")
    assert released.paper.status is PaperStatus.RELEASED
    assert view.due_text(released.paper, released.office) == (
        "Alle erforderlichen Mitzeichnungen liegen vor – die Vorlage ist freigegeben."
    )
    draft = next(p for p in store.papers.values() if p.reference == "20/0325")
    assert view.due_text(draft, released.office) == ""


def test_rejection_is_shown_in_red_with_its_reason(fake_uow: Factory) -> None:
    signoff.start(fake_uow, "20/0270", roles=["mayor", "treasurer"], now=NOW)
    assert view.rejection_text(view.load_state(fake_uow, "20/0270").paper) == ""
    signoff.sign(
        fake_uow,
        "20/0270",
        role_key="treasurer",
        person_name="Dr. Sabine Möller",
        decision=SignOffDecision.REJECTED,
        remark="Deckung fehlt",
        pin=PIN,
        now=NOW,
    )
    state = view.load_state(fake_uow, "20/0270")
    assert view.rejection_text(state.paper) == (
        "Abgelehnt von Stadtkämmerer (Dr. Sabine Möller) am 01.09.2020, 10:00 Uhr:\n„Deckung fehlt“\n"
        "Bitte überarbeiten und den Umlauf neu starten."
    )
    rejected = next(
        row[view.COL_DECISION]
        for row in view.sign_off_rows(state.paper, state.office, DUE)
        if row[0].text == "Stadtkämmerer"
    )
    assert rejected.alert and rejected.text.startswith("abgelehnt")


def test_changed_content_after_signing_is_warned_about(fake_uow: Factory) -> None:
    state = _sequential_with_deputy_signature(fake_uow)
    assert view.broken_text(state.paper) == ""
    state.paper.title += " (geändert)"
    assert view.broken_text(state.paper) == (
        "Achtung: Der Inhalt weicht von dem ab, was gezeichnet wurde (Bürgermeister)."
    )


def test_history_rows_say_when_what_who_and_the_details(fake_uow: Factory) -> None:
    state = _sequential_with_deputy_signature(fake_uow)
    rows = view.history_rows(state.status.history, state.office)
    account = state.status.history[1].os_account
    assert [[cell.text for cell in row] for row in rows] == [
        [
            "01.09.2020, 10:00 Uhr",
            "Umlauf gestartet",
            f"Konto {account}",
            "Rollen: Bürgermeister, Erster Beigeordneter, Stadtkämmerer; der Reihe nach; Frist 04.09.2020",
        ],
        [
            "01.09.2020, 10:00 Uhr",
            "mitgezeichnet",
            f"Rainer Weichelt\nKonto {account}",
            "Bürgermeister (i. V.) – „passt“",
        ],
    ]
    assert view.history_title(len(rows)) == "Verlauf (2 Einträge)"
    signoff.back_to_draft(fake_uow, "20/0270", now=NOW)
    after = view.load_state(fake_uow, "20/0270")
    assert (
        view.history_rows(after.status.history, after.office)[-1][3].text
        == "3 Mitzeichnung(en) aufgehoben"  # every row of the Umlauf
    )


def test_requests_run_the_services_and_say_what_happened(fake_uow: Factory, store: Store) -> None:
    started = signoff_requests.start(
        fake_uow,
        "20/0270",
        signoff_requests.StartRequest(["mayor"], include_legal=False, sequential=False, due_date=None),
    )
    assert started == "Umlauf für Vorlage 20/0270 gestartet."
    request = signoff_requests.SignRequest("mayor", "Rainer Weichelt", True, SignOffDecision.NOTED, "", PIN)
    assert signoff_requests.sign(fake_uow, "20/0270", request) == (
        "Bürgermeister: zur Kenntnis genommen von i. V. Rainer Weichelt."
    )
    paper = view.load_state(fake_uow, "20/0270").paper
    assert "(1 liegen vor)" in signoff_requests.back_to_draft_question(paper)
    assert signoff_requests.back_to_draft(fake_uow, "20/0270") == (
        "Vorlage 20/0270 ist wieder ein Entwurf; alle Mitzeichnungen sind aufgehoben."
    )
    assert signoff_requests.withdraw(fake_uow, "20/0270") == "Vorlage 20/0270 zurückgezogen."
    assert view.load_state(fake_uow, "20/0270").paper.status is PaperStatus.WITHDRAWN
