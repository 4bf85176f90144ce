"""Vorlage numbers per year, also under concurrent creation; stale saves are refused."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from kimdesk.domain.errors import ConflictError, NotFoundError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.domain.numbering import parse_reference
from kimdesk.services.demo import load_demo

FMT = "{yy}/{n:04d}"


def _create(uow_factory, year: int = 2026, fmt: str = FMT) -> str:
    with uow_factory() as uow:
        ref = uow.papers.next_reference(year, fmt)
        created = datetime(year, 6, 1, tzinfo=UTC)
        uow.papers.add(Paper(title="Neu", reference=ref, created_at=created, modified_at=created))
        uow.commit()
    return str(ref)


def test_numbers_count_up_per_year(uow_factory):
    assert [_create(uow_factory) for _ in range(3)] == ["26/0001", "26/0002", "26/0003"]
    assert _create(uow_factory, 2027) == "27/0001"
    assert _create(uow_factory, 2026, "{yyyy}-{n}") == "2026-4"


def test_a_rolled_back_number_is_not_handed_out_twice(uow_factory):
    with uow_factory() as uow:
        assert uow.papers.next_reference(2026, FMT) == "26/0001"
        # no commit: the reservation is rolled back with the Vorlage
    assert _create(uow_factory) == "26/0001"
    assert _create(uow_factory) == "26/0002"


def test_explicit_references_advance_the_counter(uow_factory):
    load_demo(uow_factory)  # 20/0270, 20/0311, 20/0325
    assert _create(uow_factory, 2020) == "20/0326"
    with uow_factory() as uow:
        uow.papers.add(
            Paper(title="Import", reference="26/0500", created_at=datetime(2026, 1, 2, tzinfo=UTC))
        )
        uow.commit()
    assert _create(uow_factory) == "26/0501"


def test_explicit_references_follow_the_office_format(uow_factory):
    with uow_factory() as uow:
        uow.office.save(Office(numbering_format="V-{yyyy}-{n:03d}"))
        uow.papers.add(
            Paper(title="Import", reference="V-2026-041", created_at=datetime(2026, 1, 2, tzinfo=UTC))
        )
        uow.commit()
    assert _create(uow_factory, 2026, "V-{yyyy}-{n:03d}") == "V-2026-042"


def test_parse_reference():
    assert parse_reference(FMT, "20/0270", 2020) == (2020, 270)
    assert parse_reference(FMT, "99/0001", 2026) == (2099, 1)
    assert parse_reference(FMT, "19/0001", 2119) == (2119, 1)
    assert parse_reference("{yyyy}.{n}", "2026.17", 2020) == (2026, 17)
    assert parse_reference("Nr. {n}", "Nr. 5", 2024) == (2024, 5)
    assert parse_reference(FMT, "frei", 2026) is None
    assert parse_reference("{yy}", "26", 2026) is None


@pytest.mark.postgres
def test_concurrent_creation_on_postgresql_gives_unique_numbers(pg_url):
    from kimdesk.storage.database import Database

    db = Database.open(pg_url)
    per_thread, threads = 25, 4
    results: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(threads)
    lock = threading.Lock()

    def clerk() -> None:
        try:
            start.wait()
            for _ in range(per_thread):
                ref = _create(db.uow_factory)
                with lock:
                    results.append(ref)
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=clerk) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    try:
        assert errors == []
        assert len(results) == per_thread * threads
        assert sorted(results) == [f"26/{n:04d}" for n in range(1, per_thread * threads + 1)]
    finally:
        db.close()


def test_concurrent_creation_on_sqlite_gives_unique_numbers(sqlite_url):
    from kimdesk.storage.database import Database

    db = Database.open(sqlite_url)
    results: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def clerk() -> None:
        try:
            start.wait()
            for _ in range(10):
                results.append(_create(db.uow_factory))
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=clerk) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    db.close()
    assert errors == []
    assert sorted(results) == [f"26/{n:04d}" for n in range(1, 31)]


def test_stale_save_is_refused_naming_who_changed_it_and_when(uow_factory):
    load_demo(uow_factory)
    with uow_factory() as uow:
        mine = uow.papers.get_by_reference("20/0270")
    with uow_factory() as uow:
        theirs = uow.papers.get_by_reference("20/0270")
    theirs.title = "Geändert von Frau Müller"
    theirs.modified_by = "mmueller"
    theirs.modified_at = datetime(2026, 11, 21, 13, 3, tzinfo=UTC)  # 14:03 in Berlin
    with uow_factory() as uow:
        uow.papers.update(theirs)
        uow.commit()
    mine.title = "Mein Titel"
    with uow_factory() as uow, pytest.raises(ConflictError) as info:
        uow.papers.update(mine)
    message = info.value.message
    assert "Vorlage 20/0270 wurde inzwischen von mmueller am 21.11.2026 um 14:03 Uhr geändert" in message
    assert info.value.changed_by == "mmueller"
    with uow_factory() as uow:
        assert uow.papers.get_by_reference("20/0270").title == "Geändert von Frau Müller"


def test_saving_a_deleted_paper_says_so(uow_factory):
    load_demo(uow_factory)
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference("20/0311")
        uow.papers.delete(paper.id)
        uow.commit()
    with uow_factory() as uow, pytest.raises(NotFoundError, match="gelöscht"):
        uow.papers.update(paper)
