"""``kimdesk demo``: the demo office, loaded and then worked through as a real office would.

The data lives in ``resources/demo/``: ``demo-office.kimdesk.json`` is an ordinary exchange file (every
Vorlage in Entwurf), read through the normal import; ``demo-steps.json`` holds the office's settings and
what the office did next — the Mitzeichnungen, the Sitzungen with their TOPs and results — which this
module replays through the same services as the program and the CLI.

Running it again adds nothing: a Vorlage already there is not imported again, one that already went into
an Umlauf keeps its history, and a Sitzung already there is not created again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kimdesk.domain.errors import NotFoundError
from kimdesk.domain.meeting import AgendaResult, MeetingState
from kimdesk.domain.model import PaperStatus, SignOffDecision
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import meetings, office, signoff
from kimdesk.services.demo_files import demo_document, demo_office, demo_steps
from kimdesk.services.demo_keys import DEMO_PIN, ensure_demo_keys, install_demo_anchor
from kimdesk.services.exchange import import_document
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.papers import get_paper
from kimdesk.services.pdf_signatures import SignedPdfMaker
from kimdesk.services.ports import UnitOfWorkFactory


def _local(text: str) -> datetime:
    """A time of the steps file: written without a zone, meant in Europe/Berlin."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def load_demo(uow_factory: UnitOfWorkFactory) -> list[str]:
    """The master data, the office settings and the first three Vorlagen, all in Entwurf.

    Returns the references of the Vorlagen that were added.
    """
    return _import(uow_factory, demo_steps()["firstPapers"])


@contextmanager
def demo_signing() -> Iterator[LocalKeys]:
    """The keys of this OS account with the demo CA trusted for the demo's own signatures only.

    The demo CA is never installed on the PC (its keys come from public seeds): it is trusted only while
    the demo signs, from a temporary folder, so that ``kimdesk demo`` works on a fresh PC. ``kimdesk
    verify`` afterwards trusts only the office CA IT installed.
    """
    with tempfile.TemporaryDirectory(prefix="kimdesk-demo-ca-") as folder:
        default = LocalKeys()
        anchor = LocalKeys(anchor_dirs=(Path(folder),))
        install_demo_anchor(anchor)
        yield replace(default, anchor_dirs=(*default.anchor_dirs, Path(folder)))


def apply_demo_signoffs(uow_factory: UnitOfWorkFactory, *, maker: SignedPdfMaker | None = None) -> list[str]:
    """Every demo Vorlage, then their Mitzeichnungen: the office as it was before the Sitzungen.

    20/0270 Freigegeben, 20/0311 In Mitzeichnung (Bürgermeister missing), 20/0325 rejected by the Rechtsamt.
    With ``maker`` the Mitzeichnung that releases a Vorlage also signs its PDF, as in the program.
    Returns the references of the Vorlagen that were added.
    """
    added = _import(uow_factory, None)
    steps = demo_steps()
    with demo_signing() as local:
        for umlauf in steps["signOffs"]:
            if _untouched(uow_factory, umlauf["paper"]):
                for step in umlauf["steps"]:
                    _sign_off_step(uow_factory, umlauf["paper"], step, steps["osAccount"], local, maker)
    return added


def load_full_demo(
    uow_factory: UnitOfWorkFactory, *, maker: SignedPdfMaker | None = None
) -> tuple[list[str], list[str]]:
    """``kimdesk demo``: every Vorlage, their Mitzeichnungen, then the Integrationsrat's Sitzungen.

    With ``maker`` (``kimdesk demo`` passes the program's) the released and decided Vorlagen get their
    signed PDFs as in a real office, signed by the demo keys (``kimdesk verify-pdf --trust`` with the demo
    CA, from ``kimdesk keys export-anchor``, accepts them). Returns the references and the short ids of the
    Sitzungen that were added.
    """
    added = apply_demo_signoffs(uow_factory, maker=maker)
    with demo_signing() as local:
        held = [_meeting(uow_factory, plan, local, maker) for plan in demo_steps()["meetings"]]
    return added, [short_id for short_id in held if short_id]


def _import(uow_factory: UnitOfWorkFactory, references: list[str] | None) -> list[str]:
    """Import the demo Vorlagen not yet in the database (all, or the named ones); then the settings."""
    document = demo_document()
    with uow_factory() as uow:
        present = {str(paper_id) for paper_id in uow.papers.all_ids()}
    document["papers"] = [
        p
        for p in document["papers"]
        if p["id"] not in present and (references is None or p["reference"] in references)
    ]
    added = import_document(uow_factory, document).added
    office.save_office(uow_factory, demo_office(office.list_persons(uow_factory)))
    return added


def _untouched(uow_factory: UnitOfWorkFactory, reference: str) -> bool:
    """A demo Vorlage that exists, is in Entwurf and never was in an Umlauf."""
    try:
        paper = get_paper(uow_factory, reference)
    except NotFoundError:
        return False
    return paper.status is PaperStatus.DRAFT and not paper.sign_offs


#: Who records the Integrationsrat's results in the demo (and signs the Beschlussvermerke).
DEMO_RECORDER = "Wolfgang Krämer"

_SIGN_OFF_ACTIONS: dict[str, Callable[..., object]] = {
    "start": signoff.start,
    "sign": signoff.sign,
    "reject": signoff.reject,
}
_ARGUMENTS: dict[str, Callable[[Any], object]] = {
    "now": _local,
    "due_date": date.fromisoformat,
    "decision": SignOffDecision,
}


def _sign_off_step(
    uow_factory: UnitOfWorkFactory,
    reference: str,
    step: dict[str, Any],
    account: str,
    local: LocalKeys,
    maker: SignedPdfMaker | None,
) -> None:
    """One step of an Umlauf (start, sign, reject) at its fixed time, by the demo account."""
    arguments = {key: _ARGUMENTS.get(key, lambda v: v)(value) for key, value in step.items() if key != "do"}
    if step["do"] in ("sign", "reject"):
        ensure_demo_keys(uow_factory, [arguments["person_name"]], local=local)
        arguments["pin"] = DEMO_PIN
        arguments["local"] = local
    if step["do"] == "sign":
        arguments["maker"] = maker
    _SIGN_OFF_ACTIONS[step["do"]](uow_factory, reference, os_account=account, **arguments)


def _meeting(
    uow_factory: UnitOfWorkFactory, plan: dict[str, Any], local: LocalKeys, maker: SignedPdfMaker | None
) -> str | None:
    """Create a Sitzung, set its agenda, record its results; None when the committee met that day already."""
    start = _local(plan["start"])
    if any(m.date == start.date() for m in meetings.list_meetings(uow_factory, plan["committee"])):
        return None
    meeting = meetings.create_meeting(
        uow_factory,
        plan["committee"],
        start,
        end=_local(plan["end"]) if "end" in plan else None,
        location=plan.get("location", ""),
    )
    ident = str(meeting.id)
    results = []
    for entry in plan["agenda"]:
        item = meetings.add_to_agenda(
            uow_factory,
            ident,
            reference=entry.get("reference"),
            title=entry.get("title"),
            public=entry.get("public"),
        )
        if "result" in entry:
            results.append((item.id, AgendaResult(entry["result"]), entry.get("text", "")))
    numbers = {item.id: item.number for item in meetings.get_meeting(uow_factory, ident).items}
    ensure_demo_keys(uow_factory, [DEMO_RECORDER], local=local)
    for item_id, result, text in results:
        meetings.enter_result(
            uow_factory,
            ident,
            numbers[item_id],
            result,
            text,
            person_name=DEMO_RECORDER,
            pin=DEMO_PIN,
            local=local,
            maker=maker,
        )
    if "state" in plan:
        meetings.set_meeting_state(uow_factory, ident, MeetingState(plan["state"]))
    return meeting.short_id
