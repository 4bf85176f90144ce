"""``kimdesk demo`` is data: an exchange file and a list of steps, replayed through the services."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.model import PaperStatus
from kimdesk.resources import resource_path
from kimdesk.services import demo, demo_files, verification
from kimdesk.services.exchange import check_document
from kimdesk.services.papers import get_paper


def test_the_shipped_demo_file_is_a_valid_exchange_file_with_every_vorlage_in_entwurf() -> None:
    document = json.loads(resource_path("demo", demo_files.DOCUMENT).read_text(encoding="utf-8"))
    assert check_document(document) == []
    assert {p["reference"] for p in document["papers"]} == {
        "20/0262", "20/0270", "20/0281", "20/0311", "20/0325", "20/0340", "21/0012",
    }  # fmt: skip
    assert all(p["status"] == "draft" and not p.get("signOffs") for p in document["papers"])


def test_the_decision_on_20_0270_is_in_the_audit_chain_as_the_meeting_made_it(
    uow_factory: Callable[[], Any],
) -> None:
    """Beschlossen comes from the result entered for TOP 4 of IR-2020-09-09, recorded like any result."""
    demo.load_full_demo(uow_factory)
    paper = get_paper(uow_factory, "20/0270")
    assert paper.status is PaperStatus.DECIDED
    with uow_factory() as uow:
        entries = uow.audit.entries(paper.id)
    decided = [e for e in entries if e.status == PaperStatus.DECIDED.value]
    assert [(e.action, e.details["meeting"], e.details["top"], e.details["result"]) for e in decided] == [
        (AuditAction.OTHER, "IR-2020-09-09", "4", "noted"),
        # ... and its Beschlussvermerk signed by whoever entered the result
        (AuditAction.RESOLUTION_SIGNED, "IR-2020-09-09", "4", "noted"),
    ]
    assert decided[1].person_name == demo.DEMO_RECORDER
    assert verification.verify(uow_factory).ok


def test_a_changed_steps_file_changes_the_demo_office(
    uow_factory: Callable[[], Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's history is read from resources/demo: the Bürgermeister signing 20/0311 there releases it."""
    shutil.copytree(resource_path("demo"), tmp_path / "demo")
    steps_file = tmp_path / "demo" / demo_files.STEPS
    steps = json.loads(steps_file.read_text(encoding="utf-8"))
    umlauf = next(u for u in steps["signOffs"] if u["paper"] == "20/0311")
    umlauf["steps"].append(
        {"do": "sign", "role_key": "mayor", "person_name": "Christoph Tesche", "now": "2020-10-22T11:00"}
    )
    steps_file.write_text(json.dumps(steps, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(demo_files, "resource_path", lambda *parts: tmp_path.joinpath(*parts))

    demo.apply_demo_signoffs(uow_factory)
    assert get_paper(uow_factory, "20/0311").status is PaperStatus.RELEASED
    assert verification.verify(uow_factory).ok


def test_the_demo_loads_on_a_pc_without_an_installed_office_ca(
    uow_factory: Callable[[], Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """README command 1 and the frozen program load the demo on a fresh PC: its signatures are made with
    the public demo keys, whose CA is trusted only while the demo signs and is never installed."""
    machine = tmp_path / "machine"
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(machine))
    demo.load_full_demo(uow_factory)
    from kimdesk.services.papers import get_paper

    assert get_paper(uow_factory, "20/0270").status is PaperStatus.DECIDED
    assert not list(machine.rglob("office-ca.pem"))  # nothing installed on the PC
