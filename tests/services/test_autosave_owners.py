"""On a shared database each clerk gets back only their own autosaved drafts."""

from __future__ import annotations

import pytest

from kimdesk.services import autosave
from kimdesk.services.demo import load_demo
from kimdesk.services.papers import get_paper
from tests.demo_data import demo_id

SEED = demo_id("paper:20/0270")


def as_user(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(autosave, "current_user", lambda: name)


def test_drafts_belong_to_who_typed_them(uow_factory, monkeypatch: pytest.MonkeyPatch) -> None:
    load_demo(uow_factory)
    paper = get_paper(uow_factory, "20/0270")
    as_user(monkeypatch, "mmueller")
    paper.title = "Entwurf von Frau Müller"
    autosave.store(uow_factory, paper)

    as_user(monkeypatch, "kkaya")
    assert autosave.pending(uow_factory) == []  # not offered to a colleague
    paper.title = "Entwurf von Herrn Kaya"
    autosave.store(uow_factory, paper)
    autosave.discard(uow_factory, SEED)  # his proper save …

    as_user(monkeypatch, "mmueller")  # … leaves her crash backup alone
    assert autosave.pending(uow_factory) == [SEED]
    restored = autosave.load(uow_factory, SEED)
    assert restored is not None and restored.paper.title == "Entwurf von Frau Müller"
