"""Fassungen on real databases: kept at each event, saves compacted per day, restored as a new Fassung,
bound by the signature, carried through export → import."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.errors import LockedError, WorkflowError
from kimdesk.domain.signoff import content_hash
from kimdesk.domain.versions import VersionEvent
from kimdesk.services import exchange, signoff, versions
from kimdesk.services.demo import apply_demo_signoffs
from kimdesk.services.papers import get_paper, save_paper
from kimdesk.services.signoff import GivenVersion
from kimdesk.storage.database import Database
from tests.signing import PIN, keys_for

REJECTED = "20/0325"
LEGAL = "Yasemin Aydın"


@pytest.fixture
def demo(uow_factory: Callable[[], Any]) -> Callable[[], Any]:
    apply_demo_signoffs(uow_factory)
    return uow_factory


def events(uow: Callable[[], Any], reference: str) -> list[tuple[int, str]]:
    return [(v.number, v.event.value) for v in versions.list_versions(uow, reference)]


def revise(uow: Callable[[], Any], reference: str, title: str) -> None:
    paper = get_paper(uow, reference)
    paper.title = title
    save_paper(uow, paper)


def test_each_event_keeps_a_fassung_and_saves_of_one_day_keep_one(demo: Callable[[], Any]) -> None:
    # The demo imported 20/0325, started its Umlauf, and the Rechtsamt rejected it.
    assert events(demo, REJECTED) == [(1, "imported"), (2, "started"), (3, "rejected")]
    rejected = versions.list_versions(demo, REJECTED)[2]
    assert rejected.who == LEGAL and "Rechtsgrundlage" in rejected.note
    revise(demo, REJECTED, "Erste Überarbeitung")
    revise(demo, REJECTED, "Zweite Überarbeitung")  # the same day: replaces the day's save-version
    assert events(demo, REJECTED)[3:] == [(4, "saved")]
    assert versions.load_version(demo, REJECTED, 4).paper.title == "Zweite Überarbeitung"
    signoff.start(demo, REJECTED, roles=["first_deputy"], include_legal=True)
    assert events(demo, REJECTED)[4:] == [(5, "started")]
    # Version 3 (the rejected state) is untouched by all of it.
    assert versions.load_version(demo, REJECTED, 3).paper.title != "Zweite Überarbeitung"


def test_a_save_after_an_event_of_the_same_day_appends(demo: Callable[[], Any]) -> None:
    revise(demo, REJECTED, "Vor dem Umlauf")
    signoff.start(demo, REJECTED, roles=["first_deputy"])
    signoff.back_to_draft(demo, REJECTED)
    revise(demo, REJECTED, "Nach dem Umlauf")  # never replaces the event-version before it
    assert events(demo, REJECTED)[3:] == [(4, "saved"), (5, "started"), (6, "saved")]
    assert versions.load_version(demo, REJECTED, 4).paper.title == "Vor dem Umlauf"


def test_release_and_signature_bind_to_the_given_fassung(demo: Callable[[], Any]) -> None:
    reference = "20/0311"
    keys_for(demo, "Christoph Tesche")
    given = versions.list_versions(demo, reference)[-1]
    wrong = GivenVersion(given.number, "0" * 64)
    with pytest.raises(WorkflowError, match="geändert, nachdem der Dialog geöffnet wurde"):
        signoff.sign(demo, reference, role_key="mayor", person_name="Christoph Tesche", pin=PIN, given=wrong)
    signoff.sign(
        demo,
        reference,
        role_key="mayor",
        person_name="Christoph Tesche",
        pin=PIN,
        given=GivenVersion(given.number, given.content_hash),
    )
    assert events(demo, reference)[-1] == (given.number + 1, "released")
    entry = [e for e in signoff.status(demo, reference).history if e.action.value == "signed"][-1]
    assert entry.details["version"] == given.number
    assert entry.details["versionHash"] == content_hash(get_paper(demo, reference))


def test_restore_copies_an_old_fassung_as_a_new_one(demo: Callable[[], Any]) -> None:
    original = versions.load_version(demo, REJECTED, 3).paper
    revise(demo, REJECTED, "Ganz anders")
    restored = versions.restore_version(demo, REJECTED, 3, os_account="sachb")
    assert restored.title == original.title == get_paper(demo, REJECTED).title
    listed = versions.list_versions(demo, REJECTED)
    assert [(v.number, v.event) for v in listed[-2:]] == [(4, VersionEvent.SAVED), (5, VersionEvent.RESTORED)]
    assert listed[-1].note == "aus Fassung 3" and listed[-1].who == "sachb"
    assert versions.load_version(demo, REJECTED, 4).paper.title == "Ganz anders"  # history kept
    # Not while the Vorlage is locked.
    with pytest.raises(LockedError):
        versions.restore_version(demo, "20/0270", 1)


def test_export_then_import_keeps_the_fassungen(demo: Callable[[], Any], tmp_path: Path) -> None:
    revise(demo, REJECTED, "Überarbeitet")
    before = versions.list_versions(demo, REJECTED)
    path = tmp_path / "vorlagen.json"
    exchange.export_file(demo, path, [REJECTED])
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [v["number"] for v in document["versions"]] == [1, 2, 3, 4]
    target = Database.open(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        exchange.import_file(target.uow_factory, path)
        after = versions.list_versions(target.uow_factory, REJECTED)
        assert [(v.number, v.event, v.who, v.content_hash) for v in after[:4]] == [
            (v.number, v.event, v.who, v.content_hash) for v in before
        ]
        assert len(after) == 4  # the imported state is the file's newest Fassung: not kept twice
        assert versions.load_version(target.uow_factory, REJECTED, 3).paper.title == (
            versions.load_version(demo, REJECTED, 3).paper.title
        )
    finally:
        target.close()


def test_a_fassung_given_as_another_vorlages_state_is_refused(demo: Callable[[], Any]) -> None:
    document = exchange.export_document(demo, [REJECTED])
    with demo() as uow:
        document["versions"] = exchange_versions_of(uow, document)
    document["versions"][1]["state"]["id"] = "00000000-0000-4000-8000-000000000000"
    document["versions"][2]["number"] = 1
    problems = exchange.check_document(document)
    assert [p.field for p in problems] == ["$.versions[1].state.id", "$.versions[2].number"]


def exchange_versions_of(uow: Any, document: dict[str, Any]) -> list[dict[str, Any]]:
    import uuid

    from kimdesk.services.exchange_versions import export_versions

    return export_versions(uow, [uuid.UUID(p["id"]) for p in document["papers"]])


def test_version_dates_are_the_office_day() -> None:
    from kimdesk.domain.versions import VersionInfo, replaces

    late = VersionInfo(
        paper_id=__import__("uuid").uuid4(),
        number=1,
        event=VersionEvent.SAVED,
        who="a",
        at=datetime(2026, 6, 1, 21, 30, tzinfo=UTC),  # 23:30 in Berlin
        content_hash="0" * 64,
    )
    assert replaces(late, VersionEvent.SAVED, datetime(2026, 6, 1, 21, 50, tzinfo=UTC))
    assert not replaces(late, VersionEvent.SAVED, datetime(2026, 6, 1, 22, 10, tzinfo=UTC))  # 00:10 next day
    assert not replaces(late, VersionEvent.STARTED, datetime(2026, 6, 1, 21, 50, tzinfo=UTC))


def test_migration_makes_the_current_state_of_every_vorlage_its_fassung_1(db_url: str) -> None:
    from alembic import command

    from kimdesk.services.demo import load_demo

    db = Database.open(db_url)
    try:
        load_demo(db.uow_factory)
        config = Database._alembic_config()
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0011_meetings")
        assert db.current_revision() == "0011_meetings"
    finally:
        db.close()
    db = Database.open(db_url)  # upgrades the existing database
    try:
        assert db.migration is not None and db.migration.from_revision == "0011_meetings"
        uow = db.uow_factory
        with uow() as work:
            references = [work.papers.get(i).reference for i in work.papers.all_ids()]
        assert len(references) == 3
        for reference in references:
            (first,) = versions.list_versions(uow, reference)
            assert (first.number, first.event) == (1, VersionEvent.MIGRATED)
            kept = versions.load_version(uow, reference, 1)
            assert content_hash(kept.paper) == content_hash(get_paper(uow, reference)) == first.content_hash
        revise(uow, references[0], "Nach der Migration")
        assert events(uow, references[0]) == [(1, "migrated"), (2, "saved")]
    finally:
        db.close()
