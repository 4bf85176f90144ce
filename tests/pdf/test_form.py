"""The Vorlage PDF read back: every field of the municipal form, in order, in the right place."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pdfplumber
import pypdf
import pytest

from kimdesk.domain.masterdata import Office, Organization, Person
from kimdesk.domain.model import (
    FinanceRow,
    ImpactChoice,
    Paper,
    PaperStatus,
    Period,
    ResolutionEntry,
    SignOff,
    SignOffDecision,
)
from kimdesk.pdf.renderer import PaperPdfRenderer
from tests.demo_data import B3_REFERENCE, funding_papers
from tests.pdf.conftest import REFERENCE_DIR
from tests.pdf.readback import find_in_order, flat, grid_cells, mark_text, page_texts, text_lines

Render = Callable[[Paper], bytes]


def whole_text(data: bytes) -> str:
    return flat(" ".join(page_texts(data)))


def test_seed_fields_appear_in_form_order(seed_pdf: bytes) -> None:
    text = whole_text(seed_pdf)
    find_in_order(
        text,
        [
            "Vorlage Nr. 20/0270",
            "Federf. Stadtamt: Amt für Integration und Sport",
            "Vorlage für den Berichterstatter Zuständigkeit Sitzung am Punkt",
            "Integrationsrat Rainer Weichelt Kenntnisnahme 09.09.2020 4",
            "Erster Beigeordneter",
            "öffentliche Sitzung",
            "Betrifft: Kommunales Integrationsmanagement",
            "Begründung:",
            "Das Ministerium für Kinder, Familien, Flüchtlinge und Integration",
            "Mitzeichnungen",
            "Bürgermeister:",
            "Zahl der erforderlichen Protokollauszüge: ______",
            "Finanzielle Auswirkungen:",
            "☒ keine ☐ folgende",
            "Ergebnisrechnung",
            "Ertrag €",
            "Aufwand €",
            "darin enthalten:",
            "Personalaufwand",
            "Sach- und Dienstleistungen",
            "Transferaufwand",
            "investiver Finanzplan",
            "Einzahlung €",
            "Zuschüsse",
            "Beiträge Dritter",
            "Auszahlung €",
            "Haushaltsmittel stehen: ☐ zur Verfügung ☐ nicht zur Verfügung",
            "Wesentliche klimarelevante Auswirkungen: ☒ keine ☐ folgende",
            "Beschlussentwurf: Der Integrationsrat nimmt den Bericht der Verwaltung zur Kenntnis.",
            "Der Bürgermeister i. V. Rainer Weichelt Erster Beigeordneter",
            "In der Sitzung des – Integrationsrates – Rates – Haupt- und Finanzausschusses",
            "am ______ (nicht-öffentlicher Teil) wurde wie folgt beschlossen:",
        ],
    )


def test_mitzeichnungen_grid_lists_every_role_of_the_office(seed_pdf: bytes, office: Office) -> None:
    first_page = flat(page_texts(seed_pdf)[0])
    grid = first_page[first_page.index("Mitzeichnungen") :]
    for role in office.sign_off_roles:
        for word in role.label.split():
            assert word in grid
    assert grid.count("Datum: ______") == len(office.sign_off_roles)
    # Like the form: the grid is the foot of page 1, the Begründung goes on on page 2.
    assert "Zahl der erforderlichen Protokollauszüge" in first_page
    assert "Finanzielle Auswirkungen" not in first_page


def test_every_begruendung_paragraph_reads_back_in_order(seed_pdf: bytes, seed: Paper) -> None:
    text = whole_text(seed_pdf)
    # The grid at the foot of page 1 and the running header interrupt the flow; each
    # paragraph's opening and closing words are still there, in order.
    needles: list[str] = []
    for block in seed.rationale.blocks:
        parts = [block.plain_text()] if not block.is_list else [s.text for item in block.items for s in item]
        for part in parts:
            words = part.split()
            needles += [" ".join(words[:5]), " ".join(words[-4:])]
    find_in_order(text, needles)


def test_check_boxes_show_the_chosen_options(render: Render, sprachcafe: Paper) -> None:
    text = whole_text(render(sprachcafe))
    assert "Finanzielle Auswirkungen: ☐ keine ☒ folgende" in text
    assert "Haushaltsmittel stehen: ☒ zur Verfügung ☐ nicht zur Verfügung" in text
    assert "Wesentliche klimarelevante Auswirkungen: ☒ keine ☐ folgende" in text

    sprachcafe.financial_impact.budget_available = False
    sprachcafe.climate_impact = ImpactChoice.FOLLOWING
    sprachcafe.climate_text = "Weniger Autofahrten durch Standorte im Quartier."
    text = whole_text(render(sprachcafe))
    assert "☐ zur Verfügung ☒ nicht zur Verfügung" in text
    assert "Auswirkungen: ☐ keine ☒ folgende Weniger Autofahrten durch Standorte im Quartier." in text


def test_undecided_check_boxes_are_all_empty(render: Render, orgs: dict[str, Organization]) -> None:
    text = whole_text(render(Paper(reference="26/0001", title="Leer", lead_department=orgs["finance_dept"])))
    assert "Finanzielle Auswirkungen: ☐ keine ☐ folgende" in text
    assert "☒" not in text


def _line_with(lines: list[dict[str, object]], start: str, *, repeated: bool = False) -> dict[str, object]:
    matches = [line for line in lines if flat(str(line["text"])).startswith(start)]
    assert matches and (repeated or len(matches) == 1), f"{start!r}: {[line['text'] for line in matches]}"
    return matches[0]


def _amount_right_edge(line: dict[str, object], amount: str) -> float:
    chars = line["chars"]
    assert isinstance(chars, list)
    visible = [c for c in chars if not c["text"].isspace()]
    text = "".join(c["text"] for c in visible)
    wanted = "".join(amount.split())
    start = text.index(wanted)
    return float(visible[start + len(wanted) - 1]["x1"])


def test_amounts_stand_in_their_rows_and_columns(render: Render, sprachcafe: Paper) -> None:
    lines = text_lines(render(sprachcafe))
    header = _line_with(lines, "einmalig jährlich", repeated=True)  # repeated when the table splits
    annual_right = _amount_right_edge(header, "jährlich")
    one_off_right = _amount_right_edge(header, "einmalig")
    for label in ("Aufwand €", "Transferaufwand"):
        line = _line_with(lines, label)
        assert flat(str(line["text"])) == f"{label} 12.000,00 €"
        # right-aligned under "jährlich", not under "einmalig"
        assert abs(_amount_right_edge(line, "12.000,00 €") - annual_right) < 1.0
    for label in ("Ertrag €", "Personalaufwand", "Einzahlung €", "Auszahlung €"):
        assert flat(str(_line_with(lines, label)["text"])) == label

    sprachcafe.financial_impact.amounts[(FinanceRow.INVESTMENT_PAYMENTS, Period.ONE_OFF)] = Decimal(
        "1234567.8"
    )
    sprachcafe.financial_impact.overridden.add((FinanceRow.INVESTMENT_PAYMENTS, Period.ONE_OFF))
    data = render(sprachcafe)
    lines = text_lines(data)
    line = _line_with(lines, "Auszahlung €")
    assert flat(str(line["text"])) == "Auszahlung € 1.234.567,80 €*"
    assert abs(_amount_right_edge(line, "1.234.567,80 €*") - one_off_right) < 1.0
    assert "* von der Berechnung abweichend eingetragen" in whole_text(data)


def test_signed_sign_offs_show_name_date_and_checksum(render: Render, seed: Paper) -> None:
    def signed(role: str, name: str, when: datetime, **kw: object) -> SignOff:
        return SignOff(role, role, person_name=name, signed_at=when, **kw)  # type: ignore[arg-type]

    seed.status = PaperStatus.RELEASED
    seed.minutes_extracts = 4
    seed.sign_offs = [
        signed(
            "mayor", "Frank Alt", datetime(2020, 8, 30, 9, 0, tzinfo=UTC), decision=SignOffDecision.APPROVED
        ),
        # newer decision of the same role wins; late evening UTC is the next day in Berlin
        signed(
            "mayor",
            "Christoph Tesche",
            datetime(2020, 8, 31, 22, 30, tzinfo=UTC),
            decision=SignOffDecision.APPROVED,
            content_hash="1a2b3c4d5e6f7a8b9c0d",
        ),
        signed(
            "first_deputy",
            "Andrea Krause",
            datetime(2020, 9, 1, 8, 0, tzinfo=UTC),
            decision=SignOffDecision.APPROVED,
            as_deputy=True,
        ),
        signed(
            "treasurer",
            "Dr. Sabine Möller",
            datetime(2020, 9, 2, 8, 0, tzinfo=UTC),
            decision=SignOffDecision.REJECTED,
        ),
        signed(
            "legal",
            "Yasemin Aydın",
            datetime(2020, 9, 3, 8, 0, tzinfo=UTC),
            decision=SignOffDecision.APPROVED,
            voided=True,
        ),
        signed("city_architect", "Holger Brandt", datetime(2020, 9, 3, 8, 0, tzinfo=UTC)),  # not decided
    ]
    data = render(seed)
    mayor, first_deputy, treasurer, deputies, architect, legal = grid_cells(data)
    assert mayor == "Bürgermeister: Christoph Tesche Datum: 01.09.2020 Prüfsumme 1a2b3c4d5e6f"
    assert first_deputy == "Erster Beigeordneter: i. V. Andrea Krause Datum: 01.09.2020"
    assert treasurer == "Stadtkämmerer: Dr. Sabine Möller abgelehnt Datum: 02.09.2020"
    assert deputies == "Beigeordnete: Datum: ______"
    assert architect == "Stadtbaurat: Datum: ______"  # signed_at without a decision is no signature
    assert legal == "Rechtsamt: Datum: ______"  # voided sign-offs no longer count
    assert "Zahl der erforderlichen Protokollauszüge: 4" in flat(page_texts(data)[0])


def test_funding_modules_get_their_own_section(
    render: Render, orgs: dict[str, Organization], persons: dict[str, Person]
) -> None:
    paper = next(p for p in funding_papers(orgs, persons) if p.reference == B3_REFERENCE)
    text = whole_text(render(paper))
    find_in_order(
        text, ["Haushaltsmittel stehen", "Fördermodule:", "Jahr Baustein Stellen Zuschuss Eigenanteil"]
    )
    for year in (2020, 2021, 2022):
        assert re.search(rf"{year} .*?50\.000,00 €", text)
    assert "Summe 150.000,00 €" in text
    assert "Fördermodule" not in whole_text(render(Paper(reference="26/0002", title="Ohne")))


def test_resolution_record_replaces_the_blanks(render: Render, seed: Paper) -> None:
    seed.status = PaperStatus.DECIDED
    seed.resolution_record = [
        ResolutionEntry(
            "Integrationsrat", date(2020, 9, 9), False, "zur Kenntnis genommen", "Ohne Aussprache."
        )
    ]
    text = whole_text(render(seed))
    assert (
        "In der Sitzung des – Integrationsrates am 09.09.2020 (öffentlicher Teil): zur Kenntnis genommen"
        in text
    )
    assert "Ohne Aussprache." in text
    assert "am ______" not in text


def test_head_shows_non_public_sessions(render: Render, seed: Paper) -> None:
    seed.consultations[0].public = False
    assert "nicht-öffentliche Sitzung" in whole_text(render(seed))


def test_draft_mark_on_every_page_until_released(render: Render, seed: Paper) -> None:
    draft = render(seed)
    pages = mark_text(draft).split("|")
    assert len(pages) >= 2 and all(page == "ENTWURF" for page in pages)
    for status in (PaperStatus.IN_SIGN_OFF, PaperStatus.WITHDRAWN):
        seed.status = status
        assert "ENTWURF" in mark_text(render(seed))
    for status in (PaperStatus.RELEASED, PaperStatus.DECIDED):
        seed.status = status
        data = render(seed)
        assert mark_text(data).replace("|", "") == ""
        assert "ENTWURF" not in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_every_page_says_seite_x_von_y_and_later_pages_name_the_vorlage(seed_pdf: bytes) -> None:
    pages = page_texts(seed_pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in text
    for text in pages[1:]:
        assert text.splitlines()[0] == "Vorlage Nr. 20/0270 – Kommunales Integrationsmanagement"
    assert not pages[0].startswith("Vorlage Nr.")


def test_session_packet_label_appears_in_the_header(office: Office, seed: Paper) -> None:
    data = PaperPdfRenderer().render_paper(seed, office, top_label="TOP 4")
    assert page_texts(data)[1].splitlines()[0].endswith("TOP 4")


def test_long_title_is_shortened_in_the_running_header_only(render: Render, seed: Paper) -> None:
    seed.title = "Kommunales Integrationsmanagement " * 12
    pages = page_texts(render(seed))
    header = pages[1].splitlines()[0]
    assert header.startswith("Vorlage Nr. 20/0270 – Kommunales") and header.endswith("…")
    assert flat(seed.title) in flat(pages[0])


def test_metadata_and_language(seed_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(seed_pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Vorlage 20/0270 – Kommunales Integrationsmanagement"
    assert meta.author == "Amt für Integration und Sport"
    assert meta.subject == "Mitteilungsvorlage"
    assert meta.creator == "kimdesk"
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"


def test_two_exports_are_byte_identical(seed_pdf: bytes, seed: Paper, office: Office) -> None:
    again = PaperPdfRenderer().render_paper(seed, office)
    assert again == seed_pdf
    assert PaperPdfRenderer().render_paper(seed, office) == again


def test_rendering_never_changes_the_vorlage(render: Render, sprachcafe: Paper) -> None:
    before = copy.deepcopy(sprachcafe)
    render(sprachcafe)
    assert sprachcafe == before


def test_reviewed_reference_text_of_the_seed(seed_pdf: bytes) -> None:
    reference = (REFERENCE_DIR / "seed_20-0270.txt").read_text(encoding="utf-8")
    rendered = "\n\n".join(page_texts(seed_pdf))
    assert flat(rendered) == flat(reference), "Textfassung weicht von der geprüften Referenz ab"


def test_an_entry_too_big_for_any_page_is_a_german_message(render: Render, seed: Paper) -> None:
    from kimdesk.domain.errors import KimdeskError

    seed.consultations[0].agenda_item = "7" * 3000  # the narrow "Punkt" column cannot hold it on one page
    with pytest.raises(KimdeskError, match="passt nicht auf eine Seite"):
        render(seed)


def test_head_cells_hold_short_entries_on_one_line_and_wrap_long_ones_inside(
    render: Render, seed: Paper
) -> None:
    """The body the Vorlage is for: a short name stands on one line, one too long for its column
    wraps inside the column and never runs over into the Berichterstatter beside it."""
    from kimdesk.pdf.styles import LEFT_MARGIN

    edge = LEFT_MARGIN + 38 * 72 / 25.4  # the first column of the head table is 38 mm wide

    def cell_words(name: str) -> list[dict[str, object]]:
        lead = seed.lead_consultation
        assert lead is not None and lead.committee is not None
        lead.committee = replace(lead.committee, name=name)  # a copy: the demo's body stays as it is
        with pdfplumber.open(io.BytesIO(render(seed))) as pdf:
            words = pdf.pages[0].extract_words()
        header = next(w for w in words if w["text"] == "Berichterstatter")
        below = float(header["bottom"])
        end = next(float(w["top"]) for w in words if w["text"] == "öffentliche" and float(w["top"]) > below)
        return [w for w in words if float(w["x0"]) < edge and below < float(w["top"]) < end]

    short = cell_words("Integrationsrat")
    assert [w["text"] for w in short] == ["Integrationsrat"]
    assert float(short[0]["x1"]) <= edge
    long = cell_words("Ausschuss für Soziales, Gesundheit und Integration")
    assert [w["text"] for w in long] == ["Ausschuss", "für", "Soziales,", "Gesundheit", "und", "Integration"]
    assert all(float(w["x1"]) <= edge for w in long)
    assert len({round(float(w["top"])) for w in long}) >= 2  # wrapped onto more lines
