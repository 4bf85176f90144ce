"""The editor's fields at the limits: beyond them the field's section says so in German, naming the field,
and saving is refused with the same words — the stored Vorlage stays as it was, nothing typed is cut off."""

from __future__ import annotations

from typing import Any

from kimdesk.domain.limits import MAX_LONG_TEXT, MAX_TITLE
from kimdesk.domain.model import FinanceRow, Period
from kimdesk.services.papers import get_paper_by_id


def test_a_title_beyond_the_limit_is_named_and_not_saved(window: Any, demo_app: Any, answers: Any) -> None:
    page = window.new_paper()
    editor = page.editor
    editor.title_edit.setText("Ä" * (MAX_TITLE + 1))

    assert "Betrifft: ist zu lang: 1.001 Zeichen, höchstens 1.000" in editor.sections["title"].problems.text()
    assert editor.title_edit.text() == "Ä" * (MAX_TITLE + 1)  # nothing cut off behind the clerk's back
    assert not page.save_and_wait()
    assert any(kind == "warn" and "Betrifft: ist zu lang" in text for kind, _t, text in answers["shown"])
    assert get_paper_by_id(demo_app.uow_factory, page.paper_id).title == ""

    editor.title_edit.setText("Ä" * MAX_TITLE)
    assert "zu lang" not in editor.sections["title"].problems.text()
    assert page.save_and_wait()
    assert get_paper_by_id(demo_app.uow_factory, page.paper_id).title == "Ä" * MAX_TITLE


def test_a_long_draft_resolution_is_named(window: Any) -> None:
    page = window.new_paper()
    page.editor.resolution.edit.setPlainText("x" * (MAX_LONG_TEXT + 1))
    assert "Beschlussentwurf: ist zu lang" in "\n".join(page.editor.all_problem_texts())
    assert not page.save_and_wait()


def test_an_amount_above_the_maximum_is_refused_naming_its_cell(window: Any) -> None:
    page = window.new_paper()
    cell = page.editor.finance.cells[(FinanceRow.EXPENSE, Period.ANNUAL)]
    problems = page.editor.sections["finance"].problems

    cell.setText("1.000.000.000,00 €")
    assert cell.accessibleName() in problems.text()
    assert "höchstens 999.999.999,99 €" in problems.text()

    cell.setText("999.999.999,99")
    assert "höchstens 999.999.999,99 €" not in problems.text()
