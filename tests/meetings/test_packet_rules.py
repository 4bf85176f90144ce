"""What the Sitzungsmappe may and must show, read back from the PDF: the TOP's part decides „öffentliche“ or
„nicht-öffentliche Sitzung“ on its Vorlage; drafts only when confirmed, and marked; the public variant
without non-public Anlagen, Prüfsummen and (unless the office decides otherwise) sign-off names; the
invitation with Vorsitz and its own text."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader

from kimdesk.cli import main
from kimdesk.domain.attachment import new_attachment
from kimdesk.pdf.packet import PacketPdfRenderer
from kimdesk.services import packets
from kimdesk.services.packets import DraftsNotConfirmed, build_packet
from tests.meetings.pdfs import tiny_pdf

UowFactory = Callable[[], Any]
HELD = "IR-2020-09-09"
PLANNED = "IR-2020-11-04"
PUBLIC_LINE = re.compile(r"(?<!nicht-)öffentliche Sitzung")


def texts(data: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


def vorlage_pages(data: bytes, reference: str) -> str:
    """The text of the pages of Vorlage ``reference`` (found by the page labels: "TOP 5 · 7")."""
    labels = PdfReader(io.BytesIO(data)).page_labels
    pages = texts(data)
    first = next(i for i, text in enumerate(pages) if f"Vorlage Nr. {reference}" in text)
    top = labels[first].split(" · ")[0] + " · "
    return " ".join(t for t, label in zip(pages, labels, strict=True) if label.startswith(top))


def _change_meeting(uow_factory: UowFactory, ident: str, change: Callable[[Any], None]) -> None:
    from kimdesk.services.meetings import resolve_meeting

    with uow_factory() as uow:
        meeting = resolve_meeting(uow, ident)
        change(meeting)
        uow.meetings.update(meeting)
        uow.commit()


def test_the_tops_part_decides_what_its_vorlage_says(demo_uow: UowFactory) -> None:
    def swap(meeting: Any) -> None:
        meeting.item_by_number("5").public = False  # 20/0262 itself says öffentlich
        meeting.item_by_number("7").public = True  # 20/0281 itself says nicht öffentlich

    _change_meeting(demo_uow, HELD, swap)
    full = build_packet(demo_uow, PacketPdfRenderer(), HELD)
    moved_out, moved_in = vorlage_pages(full, "20/0262"), vorlage_pages(full, "20/0281")
    assert "nicht-öffentliche Sitzung" in moved_out
    assert not PUBLIC_LINE.search(moved_out)
    assert PUBLIC_LINE.search(moved_in)
    assert "nicht-öffentliche Sitzung" not in moved_in
    with demo_uow() as uow:  # the Vorlagen themselves are unchanged
        assert uow.papers.get_by_reference("20/0262").consultations[0].public is True
        assert uow.papers.get_by_reference("20/0281").consultations[0].public is False
    public = "".join(texts(build_packet(demo_uow, PacketPdfRenderer(), HELD, public=True)))
    assert "20/0262" not in public and "20/0281" in public


def test_drafts_go_in_only_when_confirmed_and_are_marked(demo_uow: UowFactory) -> None:
    assert packets.packet_drafts(demo_uow, PLANNED, public=False) == [
        "TOP 2: Vorlage 20/0311 (In Mitzeichnung)"
    ]
    with pytest.raises(DraftsNotConfirmed, match="TOP 2: Vorlage 20/0311 \\(In Mitzeichnung\\)"):
        build_packet(demo_uow, PacketPdfRenderer(), PLANNED)
    data = build_packet(demo_uow, PacketPdfRenderer(), PLANNED, include_drafts=True)
    pages = texts(data)
    assert "20/0311 (Entwurf)" in pages[0]
    assert "ENTWURF" in vorlage_pages(data, "20/0311")
    assert packets.packet_drafts(demo_uow, HELD, public=False) == []
    assert "ENTWURF" not in "".join(texts(build_packet(demo_uow, PacketPdfRenderer(), HELD)))


def test_the_cli_takes_drafts_only_with_the_flag(
    demo_sqlite_url: str, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mappe.pdf"
    assert main(["--db", demo_sqlite_url, "packet", PLANNED, "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "20/0311" in err and "--entwuerfe" in err and "Traceback" not in err
    assert not target.exists()
    assert main(["--db", demo_sqlite_url, "packet", PLANNED, "--entwuerfe", "-o", str(target)]) == 0
    assert "ENTWURF" in "".join(texts(target.read_bytes()))


def test_the_public_packet_shows_nothing_internal(demo_uow: UowFactory) -> None:
    with demo_uow() as uow:
        seed = uow.papers.get_by_reference("20/0270")
        statistik = tiny_pdf("ANLAGE STATISTIK")
        uow.attachments.add(new_attachment(seed.id, "Statistik.pdf", statistik, 0), [statistik])
        vertrag = tiny_pdf("VERTRAG INTERN")
        internal = new_attachment(seed.id, "Vertrag intern.pdf", vertrag, 1)
        internal.public = False
        uow.attachments.add(internal, [vertrag])
        uow.commit()
    full = " ".join(texts(build_packet(demo_uow, PacketPdfRenderer(), HELD)))
    assert "Anlagen: 1. Statistik 2. Vertrag intern (nichtöffentlich)" in full
    assert "VERTRAG INTERN" in full and "ANLAGE STATISTIK" in full
    assert "Prüfsumme" in full and "Dr. Sabine Möller" in full

    public_pdf = build_packet(demo_uow, PacketPdfRenderer(), HELD, public=True)
    public = " ".join(texts(public_pdf))
    outline = str(PdfReader(io.BytesIO(public_pdf)).outline)
    assert "ANLAGE STATISTIK" in public and "Anlagen: 1. Statistik" in public
    assert "VERTRAG INTERN" not in public and "Vertrag intern" not in public + outline
    assert "Prüfsumme" not in public
    assert "Dr. Sabine Möller" not in public and "Christoph Tesche" not in public
    assert "Mitzeichnungen" in public  # the grid stays: roles and dates

    assert packets.set_public_sign_off_names(demo_uow, True) is True
    assert packets.public_sign_off_names(demo_uow)
    named = " ".join(texts(build_packet(demo_uow, PacketPdfRenderer(), HELD, public=True)))
    assert "Dr. Sabine Möller" in named and "Prüfsumme" not in named


def test_the_invitation_prints_vorsitz_and_its_own_text(demo_uow: UowFactory) -> None:
    def invite(meeting: Any) -> None:
        meeting.chair = "Frau Aylin Özdemir"
        meeting.invitation_text = (
            "Sehr geehrte Damen und Herren,\n\nbitte beachten Sie den neuen Sitzungsraum."
        )

    _change_meeting(demo_uow, HELD, invite)
    for public in (False, True):
        first = texts(build_packet(demo_uow, PacketPdfRenderer(), HELD, public=public))[0]
        assert "Vorsitz: Frau Aylin Özdemir" in first
        assert "Sehr geehrte Damen und Herren," in first
        assert "bitte beachten Sie den neuen Sitzungsraum." in first
        assert "Mit freundlichen Grüßen Frau Aylin Özdemir Vorsitz des Integrationsrates" in first
