"""Each shipped form profile prints a full Vorlage: every word whole, nothing over a column's edge; the
office's profile decides headings, labels, bodies and sections (read back from the PDF)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pyphen
import pytest

from kimdesk.domain.form_profile import HeadLayout, Section, SignatureSlot
from kimdesk.domain.masterdata import Office, SignOffRole
from kimdesk.domain.model import Paper
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.pdf.styles import LEFT_MARGIN, PAGE_WIDTH, RIGHT_MARGIN
from kimdesk.services.form_profiles import shipped_profile, shipped_profiles
from tests.demo_data import demo_organizations, demo_persons
from tests.pdf.readback import _upright, flat, page_texts
from tests.pdf.showcase import LONG_NAMES, showcase_office, showcase_paper

SHIPPED = [s.key for s in shipped_profiles()]
ATTACHMENT = "Antrag_KIM_Baustein_3.pdf"


_HYPHEN = pyphen.Pyphen(lang="de_DE")
_LINE_END_HYPHEN = re.compile(r"(\w+)-\n(\w+)")


def _joined(text: str) -> str:
    """A word hyphenated at a line end joined again — only where German allows the break."""

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if not tail[0].islower():
            return match.group(0)  # a real hyphen ("Mustermann-Schmidt")
        assert len(head) in _HYPHEN.positions(head + tail), f"{head}-{tail}: keine erlaubte Trennstelle"
        return head + tail

    return _LINE_END_HYPHEN.sub(join, text)


def _words(text: str) -> set[str]:
    return {w.strip('.,:;()–"„“') for w in flat(_joined(text)).split(" ")} - {""}


def _pieces(data: bytes) -> list[str]:
    """The text of every table cell on its own, and the text outside the tables (side by side cells
    would otherwise interleave their lines)."""
    out: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            upright = page.filter(_upright)
            boxes = [cell for table in upright.find_tables() for cell in table.cells if cell]
            for box in boxes:
                out.append(upright.within_bbox(box).extract_text() or "")

            def outside(obj: dict[str, object], boxes: list[tuple[float, ...]] = boxes) -> bool:
                if obj.get("object_type") != "char":
                    return True
                x, y = float(obj["x0"]) + 0.5, float(obj["top"]) + 0.5  # type: ignore[arg-type]
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            out.append(upright.filter(outside).extract_text() or "")
    return out


def _all_words(data: bytes) -> set[str]:
    return set().union(*(_words(piece) for piece in _pieces(data)))


def _printed(key: str, *, roles: list[SignOffRole] | None = None) -> tuple[bytes, Paper, Office]:
    orgs, persons = demo_organizations(), demo_persons()
    office = showcase_office(persons, orgs, shipped_profile(key))
    if roles is not None:
        office.sign_off_roles = roles
    paper = showcase_paper(orgs, persons, office)
    return PaperPdfRenderer().render_paper(paper, office, attachments=[ATTACHMENT]), paper, office


def assert_nothing_crosses_a_rule(data: bytes) -> None:
    """No word runs over the page's text area or across a vertical table rule."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            upright = page.filter(_upright)
            rules = [e["x0"] for e in page.edges if e["orientation"] == "v"]
            for word in upright.extract_words():
                assert word["x0"] >= LEFT_MARGIN - 1 and word["x1"] <= PAGE_WIDTH - RIGHT_MARGIN + 1, (
                    f"Seite {number}: {word['text']!r} ragt aus dem Satzspiegel"
                )
                for x in rules:
                    crossing = word["x0"] + 0.5 < x < word["x1"] - 0.5
                    beside = any(
                        e["top"] - 1 <= word["top"] <= e["bottom"] + 1
                        for e in page.edges
                        if e["orientation"] == "v" and e["x0"] == x
                    )
                    assert not (crossing and beside), (
                        f"Seite {number}: {word['text']!r} läuft über eine Linie"
                    )


@pytest.mark.parametrize("key", SHIPPED)
def test_each_shipped_profile_prints_every_word_whole_and_inside_its_column(key: str) -> None:
    data, paper, office = _printed(key)
    words = _all_words(data)
    profile = office.form_profile
    kind = profile.kind_for(paper.paper_type.value, paper.paper_type.label)
    expected = [
        paper.title,
        paper.draft_resolution.plain_text(),
        *LONG_NAMES,
        kind.label,
        office.municipality,
    ]
    expected += [role.label for role in office.sign_off_roles]
    table = kind.head_layout is HeadLayout.CONSULTATION_TABLE
    expected += [c.committee.name for c in paper.consultations[: None if table else 1] if c.committee]
    expected += [
        s.shown_heading for s in kind.sections if s.visible and s.key not in ("related_papers", "signature")
    ]
    for phrase in expected:
        missing = _words(phrase) - words
        assert not missing, f"{key}: {sorted(missing)} fehlt oder ist getrennt"
    assert_nothing_crosses_a_rule(data)


def test_narrow_grid_neither_breaks_nor_overflows_long_role_labels() -> None:
    labels = [
        "Oberbürgermeisterin",
        "Kreisverwaltungsdirektorin",
        "Stadtkämmerin",
        "Beigeordnete",
        "Stadtbaurätin",
        "Rechnungsprüfungsamt",
    ]
    roles = [SignOffRole(f"r{i}", label, i) for i, label in enumerate(labels)]
    data, _, _ = _printed("stadt-standard", roles=roles)
    words = _all_words(data)
    for label in labels:
        assert label in words, f"{label} getrennt oder verloren"
    assert "Oberbürgermeist" not in words
    assert_nothing_crosses_a_rule(data)


def _section_order(text: str, headings: list[str]) -> list[int]:
    return [text.index(h) for h in headings]


def test_switching_an_office_between_profiles_changes_headings_labels_and_bodies() -> None:
    city, _, _ = _printed("stadt-standard")
    district, _, _ = _printed("kreis")
    second, _, _ = _printed("stadt-beratungsfolge")
    village, _, _ = _printed("gemeinde")
    city_text, district_text = flat(" ".join(page_texts(city))), flat(" ".join(page_texts(district)))
    second_text, village_text = flat(" ".join(page_texts(second))), flat(" ".join(page_texts(village)))

    assert "Federf. Stadtamt:" in city_text and "Beschlussentwurf:" in city_text
    assert "Zahl der erforderlichen Protokollauszüge: 3" in city_text
    assert "Wesentliche klimarelevante Auswirkungen:" in city_text
    assert "– Rates" in city_text and "– Haupt- und Finanzausschusses" in city_text

    assert "Fachdienst:" in district_text and "Stadtamt" not in district_text
    assert "Beschlussvorschlag:" in district_text and "Beschlussentwurf" not in district_text
    assert "Kreis Musterkreis" in district_text and "Der Landrat" in district_text
    assert "– Kreistages" in district_text and "– Kreisausschusses" in district_text
    assert "Rates" not in district_text
    assert "Protokollauszüge" not in district_text and "klimarelevante" not in district_text
    for label in ("Landrat:", "Kreisdirektor:", "Kreiskämmerer:"):
        assert label in district_text
    assert "Beratungsfolge Gremium" in district_text  # the table in the head

    # the second city: Beschlussvorschlag before the Sachdarstellung, Rat der Stadt once in the record
    assert "Beschlussvorschlag:" in second_text
    assert second_text.index("Beschlussvorschlag:") < second_text.index("Sachdarstellung:")
    assert second_text.count("Rates der Stadt") == 1 and "– Rat der Stadt" not in second_text

    assert "Gemeinde Musterdorf" in village_text and "Beschlussvorschlag/Empfehlung:" in village_text
    assert "Sichtvermerke" in village_text and "Finanzielle Auswirkungen" not in village_text
    assert "Fachbereichsleitung" in village_text and "Sachbearbeitung" in village_text
    assert "– Gemeinderates" in village_text
    # the seed city's Vorlage order is as on its form
    order = _section_order(
        city_text, ["Betrifft:", "Begründung:", "Finanzielle Auswirkungen:", "Beschlussentwurf:"]
    )
    assert order == sorted(order)


def test_a_hidden_section_is_not_printed_and_a_renamed_one_under_its_new_heading() -> None:
    orgs, persons = demo_organizations(), demo_persons()
    profile = shipped_profile("stadt-standard")
    kind = profile.kind_for("resolution", "Beschlussvorlage")
    kind.sections = [
        Section("subject", "Gegenstand:"),
        Section("rationale"),
        Section("climate_impact", visible=False),
    ]
    kind.sections += [Section("draft_resolution", "Beschlussvorschlag:"), Section("signature")]
    kind.head_layout = HeadLayout.CONSULTATION_TABLE
    kind.signatures = [SignatureSlot(), SignatureSlot("Kämmerei"), SignatureSlot("Rechnungsprüfung")]
    office = showcase_office(persons, orgs, profile)
    paper = showcase_paper(orgs, persons, office)
    text = flat(" ".join(page_texts(PaperPdfRenderer().render_paper(paper, office))))
    assert "Gegenstand:" in text and "Betrifft" not in text
    assert "klimarelevante" not in text and "Mitzeichnungen" not in text and "Finanzielle" not in text
    assert text.index("Gegenstand:") < text.index("Begründung:") < text.index("Beschlussvorschlag:")
    assert "Kämmerei" in text and "Rechnungsprüfung" in text
    assert re.search(r"Beratungsfolge Gremium", text)


def test_an_office_without_a_stored_profile_prints_the_seed_form(
    seed_pdf: bytes, seed: Paper, office: Office
) -> None:
    again = PaperPdfRenderer().render_paper(
        seed, replace(office, form_profile=shipped_profile("stadt-standard"))
    )
    assert again == seed_pdf


def test_letterhead_lines_and_logo_print_in_the_head() -> None:
    import base64
    from pathlib import Path

    orgs, persons = demo_organizations(), demo_persons()
    profile = shipped_profile("kreis")
    icon = Path(__file__).resolve().parents[2] / "resources" / "icons" / "kimdesk-64.png"
    profile.logo = base64.b64encode(icon.read_bytes()).decode("ascii")
    profile.letterhead = ["Der Landrat", "Fachdienst 50 – Integration"]
    office = showcase_office(persons, orgs, profile)
    data = PaperPdfRenderer().render_paper(showcase_paper(orgs, persons, office), office)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = pdf.pages[0]
        assert len(first.images) == 1
        image = first.images[0]
        assert image["x0"] >= LEFT_MARGIN - 1 and image["top"] < 120  # top left, in the letterhead
    text = flat(page_texts(data)[0])
    assert "Kreis Musterkreis" in text and "Fachdienst 50 – Integration" in text
    # a logo that is no image is left out rather than failing the export
    profile.logo = base64.b64encode(b"kein Bild").decode("ascii")
    assert PaperPdfRenderer().render_paper(
        showcase_paper(orgs, persons, office), replace(office, form_profile=profile)
    )


def test_exported_pdf_lists_the_anlagen_where_the_profile_has_the_section(tmp_path: Path) -> None:
    from kimdesk.domain.attachment import Attachment
    from kimdesk.services.demo import load_demo
    from kimdesk.services.export import export_paper_pdf
    from kimdesk.services.office import use_profile
    from kimdesk.services.papers import get_paper
    from kimdesk.storage.database import Database

    db = Database.open(f"sqlite:///{tmp_path / 'k.sqlite'}")
    try:
        load_demo(db.uow_factory)
        paper = get_paper(db.uow_factory, "20/0270")
        with db.uow_factory() as uow:
            data = b"%PDF-1.4\n%%EOF\n"
            uow.attachments.add(Attachment(paper.id, "Förderbescheid_2020.pdf", len(data)), [data])
            uow.commit()
        seed_form = export_paper_pdf(db.uow_factory, PaperPdfRenderer(), "20/0270", tmp_path / "a.pdf")
        # The seed form lists Anlagen too (numbered, by title: the file name without ".pdf").
        assert "Anlagen: 1. Förderbescheid_2020" in flat(" ".join(page_texts(seed_form.read_bytes())))
        without = shipped_profile("stadt-standard")
        for kind in without.kinds:  # an office that switched the Anlagen section off
            kind.sections = [section for section in kind.sections if section.key != "attachments"]
        use_profile(db.uow_factory, without)
        plain = export_paper_pdf(db.uow_factory, PaperPdfRenderer(), "20/0270", tmp_path / "c.pdf")
        assert "Förderbescheid" not in flat(" ".join(page_texts(plain.read_bytes())))
        use_profile(db.uow_factory, shipped_profile("kreis"))
        district = export_paper_pdf(db.uow_factory, PaperPdfRenderer(), "20/0270", tmp_path / "b.pdf")
        text = flat(" ".join(page_texts(district.read_bytes())))
        assert "Anlagen: 1. Förderbescheid_2020" in text
    finally:
        db.close()
