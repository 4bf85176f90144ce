"""Migration 0011_meetings on an existing database (SQLite and PostgreSQL): the meetings stay, with
empty Vorsitz, invitation text and reason, and no invitation time; the new fields are stored after it."""

from __future__ import annotations

from datetime import datetime

from kimdesk.domain.meeting import MeetingState
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import meeting_cycle as cycle_svc
from kimdesk.services import meetings as svc
from kimdesk.storage.database import Database
from tests.storage.downgrade import downgrade


def test_existing_meetings_survive_the_upgrade_and_take_the_new_fields(db_url: str) -> None:
    from kimdesk.services.demo import load_full_demo

    db = Database.open(db_url)
    try:
        load_full_demo(db.uow_factory)
        downgrade(db, "0005")
        assert db.current_revision() == "0005"
    finally:
        db.close()
    db = Database.open(db_url)  # upgrades the existing database
    try:
        assert db.migration is not None and db.migration.from_revision == "0005"
        assert db.current_revision() == db.head_revision
        uow = db.uow_factory
        held = svc.get_meeting(uow, "IR-2020-09-09")
        assert held.state is MeetingState.HELD and len(held.items) == 7
        assert (held.chair, held.invitation_text, held.invited_at, held.cancel_reason) == ("", "", None, "")
        planned = svc.get_meeting(uow, "IR-2020-11-04")
        sent = datetime(2020, 10, 20, 9, tzinfo=BERLIN)
        cycle_svc.invite_meeting(uow, planned.id, now=sent)
        cycle_svc.edit_meeting(
            uow,
            svc.get_meeting(uow, "IR-2020-11-04"),
            cycle_svc.MeetingDetails(start=planned.start, chair="Frau Ozturk", invitation_text="Einladung"),
        )
        stored = svc.get_meeting(uow, "IR-2020-11-04")
        assert (stored.state, stored.invited_at, stored.chair, stored.invitation_text) == (
            MeetingState.INVITED,
            sent,
            "Frau Ozturk",
            "Einladung",
        )
    finally:
        db.close()
