"""The head's Aktenzeichen and Bezugsvorlagen in the editor: typed, saved, reopened; bad numbers named."""

from __future__ import annotations

from typing import Any

from kimdesk.domain.model import RelatedPaper
from kimdesk.services.papers import get_paper, get_paper_by_id
from tests.ui.conftest import type_text


def test_aktenzeichen_and_bezugsvorlagen_typed_saved_and_reopened(
    window: Any, qtbot: Any, demo_app: Any
) -> None:
    page = window.new_paper()
    assert page is not None
    reference = page.editor.base.reference
    head = page.editor.head_fields
    type_text(head.file_number, "51.2-0815/2026")
    type_text(head.related, "20/0270, 19/0112")
    assert page.dirty
    window.tabs.setCurrentWidget(page)
    assert window.save_current()
    qtbot.waitUntil(lambda: not page.dirty, timeout=10000)

    stored = get_paper_by_id(demo_app.uow_factory, page.editor.base.id)
    seed = get_paper(demo_app.uow_factory, "20/0270")
    assert stored.file_number == "51.2-0815/2026"
    assert stored.related_papers == [RelatedPaper("20/0270", seed.id), RelatedPaper("19/0112", None)]

    assert window.close_tab(window.tabs.indexOf(page))
    window.list_page.select_reference(reference)
    window.open_selected()
    reopened = window.current_page()
    assert reopened is not None and reopened is not page
    head = reopened.editor.head_fields
    assert head.file_number.text() == "51.2-0815/2026"
    assert head.related.text() == "20/0270, 19/0112"
    assert "verknüpft: 20/0270" in head.related_state.text()
    assert "als Text geführt: 19/0112" in head.related_state.text()
    assert not reopened.dirty


def test_a_bezugsvorlage_twice_or_the_own_number_is_named(window: Any, qtbot: Any) -> None:
    page = window.new_paper()
    assert page is not None
    own = page.editor.base.reference
    type_text(page.editor.head_fields.related, f"20/0270; 20/0270, {own}")
    problems = " ".join(page.editor.widget_problems["head"])
    assert "Bezugsvorlagen: „20/0270“ steht doppelt da" in problems
    assert f"Bezugsvorlagen: „{own}“ ist die Nummer dieser Vorlage" in problems
    assert page.editor.paper().related_papers == [RelatedPaper("20/0270")]
