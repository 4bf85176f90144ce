"""The cycle collector is paused while a packet is laid out and runs again afterwards, also after a
cancelled or failed export: a paused collector left behind would let memory grow while the clerk works on."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kimdesk.pdf.collector import collector_paused
from kimdesk.pdf.packet import PacketPdfRenderer
from kimdesk.services.packets import Cancelled, build_packet

UowFactory = Callable[[], Any]


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_pauses_while_a_packet_is_laid_out_and_runs_again_after(packet_db: UowFactory) -> None:
    gc.enable()
    states: list[bool] = []

    def record(done: int, total: int) -> bool:
        states.append(gc.isenabled())
        return True

    build_packet(packet_db, PacketPdfRenderer(), "IR-2020-09-09", progress=record)
    assert len(states) > 2 and not any(states[:-1])  # every page laid out with the collector paused
    assert gc.isenabled()


def test_a_cancelled_packet_leaves_the_collector_running(packet_db: UowFactory) -> None:
    gc.enable()
    with pytest.raises(Cancelled):
        build_packet(packet_db, PacketPdfRenderer(), "IR-2020-09-09", progress=lambda done, total: done < 2)
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("Satzfehler")
    assert gc.isenabled()
