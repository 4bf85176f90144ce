"""The exchange file carries the office settings and form profile: a fresh database that imports it
prints like the office that exported it; older files without the office part keep importing."""

from __future__ import annotations

import copy

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.services.demo_files import demo_document
from kimdesk.services.exchange import export_document, import_document
from kimdesk.services.form_profiles import shipped_profile
from kimdesk.services.office import get_office, save_office, use_profile
from kimdesk.services.papers import get_paper
from tests.pdf.readback import flat, page_texts


def test_a_fresh_database_takes_the_office_and_its_profile_from_the_file(
    uow_factory, make_uow_factory
) -> None:
    import_document(uow_factory, demo_document())
    office = get_office(uow_factory)
    office.municipality = "Kreis Musterkreis"
    office.numbering_format = "{n}/{yy}"
    save_office(uow_factory, office)
    use_profile(uow_factory, shipped_profile("kreis"))
    document = export_document(uow_factory)
    assert document["office"]["municipality"] == "Kreis Musterkreis"
    assert document["office"]["formProfile"]["kind"] == "kreis"

    other = make_uow_factory()
    assert get_office(other).municipality == "Stadt Musterstadt"
    import_document(other, document)
    arrived = get_office(other)
    assert arrived.municipality == "Kreis Musterkreis" and arrived.numbering_format == "{n}/{yy}"
    assert arrived.form_profile == shipped_profile("kreis")
    assert arrived.signature_heading == "Der Landrat"
    text = flat(" ".join(page_texts(PaperPdfRenderer().render_paper(get_paper(other, "20/0270"), arrived))))
    assert "Kreis Musterkreis" in text and "Fachdienst:" in text and "Stadtamt" not in text
    assert export_document(other)["office"] == document["office"]


def test_a_file_without_the_office_part_leaves_the_settings_as_they_are(uow_factory) -> None:
    use_profile(uow_factory, shipped_profile("gemeinde"))
    document = demo_document()
    assert "office" not in document  # today's demo file: format 1 without office settings
    import_document(uow_factory, document)
    assert get_office(uow_factory).form_profile == shipped_profile("gemeinde")


def test_a_bad_profile_in_the_file_is_named_by_its_path_and_nothing_is_imported(uow_factory) -> None:
    document = export_document(uow_factory)
    bad = copy.deepcopy(document)
    bad["office"]["formProfile"]["bodies"]["council"] = ""
    bad["office"]["formProfile"]["kinds"][0]["sections"][0]["key"] = "klatsch"
    bad["office"]["numberingFormat"] = "{jahr}/{n}"
    bad["papers"] = demo_document()["papers"]
    bad["organizations"] = demo_document()["organizations"]
    bad["persons"] = demo_document()["persons"]
    with pytest.raises(ValidationError) as caught:
        import_document(uow_factory, bad)
    problems = {p.field: p.message for p in caught.value.problems}
    assert "darf nicht leer sein" in problems["$.office.formProfile.bodies.council"]
    assert "klatsch" in problems["$.office.formProfile.kinds[0].sections[0].key"]
    assert "Nummernformat" in problems["$.office.numberingFormat"]
    with uow_factory() as uow:
        assert uow.papers.all_ids() == []
