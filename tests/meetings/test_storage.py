"""Meetings and Anlagen in the database (SQLite and PostgreSQL): everything survives save → load."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from kimdesk.domain.attachment import chunked, new_attachment
from kimdesk.domain.errors import ConflictError
from kimdesk.services.demo import load_full_demo
from kimdesk.services.papers import get_paper
from tests.meetings.pdfs import tiny_pdf

UowFactory = Callable[[], Any]


@pytest.fixture
def loaded(uow_factory: UowFactory) -> UowFactory:
    assert load_full_demo(uow_factory)[1] == ["IR-2020-09-09", "IR-2020-11-04"]
    return uow_factory


def test_every_field_of_the_demo_meetings_survives_save_and_load(loaded: UowFactory) -> None:
    """The demo meetings (results, non-public TOP, times) stored again as new meetings come back equal."""
    with loaded() as uow:
        copies = uow.meetings.list()
        for meeting in copies:
            meeting.id = uuid.uuid4()
            for item in meeting.items:
                item.id = uuid.uuid4()
            uow.meetings.add(meeting)
        uow.commit()
    assert any(item.result for item in copies[0].items) and not all(item.public for item in copies[0].items)
    with loaded() as uow:
        stored = [uow.meetings.get(meeting.id) for meeting in copies]
    assert stored == copies


def test_loading_the_demo_meetings_twice_changes_nothing(demo_uow: UowFactory) -> None:
    loaded = demo_uow
    with loaded() as uow:
        before = uow.meetings.list()
    assert load_full_demo(loaded) == ([], [])
    with loaded() as uow:
        assert uow.meetings.list() == before


def test_the_beschlussvermerk_of_the_seed_vorlage_is_stored(demo_uow: UowFactory) -> None:
    loaded = demo_uow
    seed = get_paper(loaded, "20/0270")
    assert seed.resolution_record[0].result == "zur Kenntnis genommen"
    assert seed.consultations[0].agenda_item == "4"


def test_a_stale_meeting_save_is_refused(loaded: UowFactory) -> None:
    with loaded() as uow:
        first = uow.meetings.list()[1]
    second = copy.deepcopy(first)
    with loaded() as uow:
        first.location = "Bürgerhaus Süd"
        uow.meetings.update(first)
        uow.commit()
    with loaded() as uow, pytest.raises(ConflictError, match="zwischenzeitlich geändert"):
        second.location = "Rathaus"
        uow.meetings.update(second)


def test_anlagen_are_stored_in_order_and_go_with_a_deleted_vorlage(demo_uow: UowFactory) -> None:
    loaded = demo_uow
    paper = get_paper(loaded, "20/0325")
    with loaded() as uow:
        for order, name in enumerate(["Statistik.pdf", "Karte.pdf"]):
            data = tiny_pdf(name)
            uow.attachments.add(new_attachment(paper.id, name, data, order), chunked(data, 100))
        uow.commit()
    with loaded() as uow:
        stored = uow.attachments.list(paper.id)
        assert [a.filename for a in stored] == ["Statistik.pdf", "Karte.pdf"]
        assert b"".join(uow.attachments.chunks(stored[0].id)) == tiny_pdf("Statistik.pdf")
        assert len(list(uow.attachments.chunks(stored[0].id))) > 1 and len(stored[0].sha256) == 64
        assert stored[0].size == len(tiny_pdf("Statistik.pdf"))
        uow.papers.delete(paper.id)
        uow.commit()
    with loaded() as uow:
        assert uow.attachments.list(paper.id) == []


def test_a_deleted_draft_leaves_its_agenda_item_without_vorlage(demo_uow: UowFactory) -> None:
    loaded = demo_uow
    draft = get_paper(loaded, "20/0311")
    with loaded() as uow:
        uow.papers.delete(draft.id)
        uow.commit()
    with loaded() as uow:
        planned = uow.meetings.list()[1]
    item = planned.item_by_number("2")
    assert item.paper_id is None and item.title.startswith("Zuschuss an den Verein")
