"""Overridden NKF cells in the editor: marked, explained, undoable; „Tabelle übernehmen“ asks per override."""

from __future__ import annotations

import re
from typing import Any

from tests.ui.conftest import type_text


def _open_baustein3(window: Any, demo_app: Any) -> Any:
    from tests.demo_data import demo_id, demo_organizations, demo_persons, funding_papers

    with demo_app.uow_factory() as uow:
        for paper in funding_papers(demo_organizations(), demo_persons()):
            uow.papers.add(paper)
        uow.commit()
    return window.open_paper(demo_id("paper:20/0340"))


def _cell(editor: Any, row: str, period: str) -> Any:
    from kimdesk.domain.model import FinanceRow, Period

    return editor.finance.cells[(FinanceRow(row), Period(period))]


def _retype(edit: Any, text: str) -> None:
    edit.selectAll()
    type_text(edit, text)


def _set_posts(editor: Any, posts: str) -> None:
    from kimdesk.ui.editor.funding import COL_POSTS

    editor.funding.table.cellWidget(0, COL_POSTS).setText(posts)


def answer_overrides(keep: set[Any] | None, seen: list[Any]) -> None:
    """Answer the keep/replace dialog once it is open: „behalten“ for ``keep``, None cancels."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kimdesk.ui.editor.finance_overrides import OverrideChoiceDialog

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OverrideChoiceDialog):
            return  # no question was asked (the test checks ``seen``)
        seen.append(
            [
                (
                    line.row,
                    line.column,
                    line.typed,
                    line.computed,
                    dialog.replace_buttons[line.cell].isChecked(),
                )
                for line in dialog.lines
            ]
        )
        if keep is None:
            dialog.reject()
            return
        for cell in keep:
            dialog.keep_buttons[cell].click()
        dialog.accept()

    QTimer.singleShot(0, answer)


def _pdf_text(demo_app: Any) -> str:
    from kimdesk.pdf.renderer import PaperPdfRenderer
    from kimdesk.services.papers import get_paper
    from tests.demo_data import demo_office, demo_persons
    from tests.pdf.readback import flat, page_texts

    stored = get_paper(demo_app.uow_factory, "20/0340")
    data = PaperPdfRenderer().render_paper(stored, demo_office(demo_persons()))
    return flat(" ".join(page_texts(data)))


def test_an_overridden_cell_is_marked_and_tells_its_computed_figure(window: Any, demo_app: Any) -> None:
    page = _open_baustein3(window, demo_app)
    personnel = _cell(page.editor, "expense_personnel", "annual")
    income = _cell(page.editor, "income", "annual")
    assert not personnel.overridden and personnel.toolTip() == "" and personnel.actions() == []
    _retype(personnel, "45000")
    assert personnel.overridden
    assert personnel.toolTip() == "Berechnet: 50.000,00\xa0€ – überschrieben"
    assert "background-color" in personnel.styleSheet()  # tinted …
    assert personnel.take_action in personnel.actions()  # … and a "*" icon, not colour alone
    assert not personnel.take_action.icon().isNull()
    assert "berechnet: 50.000,00" in personnel.accessibleDescription()
    assert not income.overridden and income.styleSheet() == "" and income.toolTip() == ""
    # Typing the computed figure again is no override: the mark goes.
    _retype(personnel, "50000")
    assert not personnel.overridden and personnel.styleSheet() == ""
    assert page.editor.paper().financial_impact.overridden == set()


def test_berechneten_wert_uebernehmen_by_menu_or_keyboard_is_one_undo_step(
    window: Any, demo_app: Any, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt

    page = _open_baustein3(window, demo_app)
    editor = page.editor
    personnel = _cell(editor, "expense_personnel", "annual")
    _retype(personnel, "45000")
    editor.seal()
    menu = personnel.context_menu()
    take = next(a for a in menu.actions() if a.text() == "Berechneten Wert übernehmen")
    assert take.isEnabled()
    menu.deleteLater()  # Qt deletes the menu on this thread, as after a real context menu
    take.trigger()
    assert personnel.text() == "50.000,00" and not personnel.overridden
    assert editor.paper().financial_impact.overridden == set()
    assert editor.undo_stack.undoText() == "Berechneten Wert übernehmen"
    editor.undo_stack.undo()  # one step back: the typed figure and its mark
    assert personnel.text() == "45.000,00" and personnel.overridden
    personnel.setFocus()
    qtbot.keyClick(personnel, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert personnel.text() == "50.000,00" and not personnel.overridden
    menu = personnel.context_menu()
    assert not next(a for a in menu.actions() if a.text() == "Berechneten Wert übernehmen").isEnabled()
    menu.deleteLater()


def test_three_to_four_posts_asks_and_replaces_the_personalaufwand_in_the_pdf(
    window: Any, demo_app: Any
) -> None:
    from kimdesk.domain.model import FinanceRow, Period

    page = _open_baustein3(window, demo_app)
    editor = page.editor
    _set_posts(editor, "3")
    editor.funding.take_button.click()  # no overrides yet: nothing to ask
    personnel = _cell(editor, "expense_personnel", "annual")
    grants = _cell(editor, "income_grants", "annual")
    assert personnel.text() == "150.000,00"
    _retype(personnel, "140000")
    _retype(grants, "120000")
    assert page.save_and_wait()
    assert "140.000,00 €*" in _pdf_text(demo_app)  # typed and marked

    _set_posts(editor, "4")
    seen: list[Any] = []
    answer_overrides({(FinanceRow.INCOME_GRANTS, Period.ANNUAL)}, seen)
    editor.funding.take_button.click()
    assert seen == [
        [
            (
                "Ertrag, darin enthalten: Zuwendungen und Zuschüsse",
                "jährlich",
                "120.000,00\xa0€",
                "200.000,00\xa0€",
                True,
            ),
            ("Personalaufwand", "jährlich", "140.000,00\xa0€", "200.000,00\xa0€", True),
        ]
    ]  # both listed, "ersetzen" preselected; the clerk keeps the Zuwendungen only
    assert personnel.text() == "200.000,00" and not personnel.overridden
    assert grants.text() == "120.000,00" and grants.overridden
    assert grants.toolTip() == "Berechnet: 200.000,00\xa0€ – überschrieben"
    assert page.save_and_wait()
    text = _pdf_text(demo_app)
    assert re.search(r"Personalaufwand 200\.000,00 €(?!\*)", text), text
    assert "140.000,00" not in text
    assert "120.000,00 €*" in text and "* von der Berechnung abweichend eingetragen" in text

    # Keeping still differs from the computation: asked again next time; replacing ends the mark.
    seen.clear()
    answer_overrides(set(), seen)
    editor.funding.take_button.click()
    assert [line[0] for line in seen[0]] == ["Ertrag, darin enthalten: Zuwendungen und Zuschüsse"]
    assert grants.text() == "200.000,00" and not grants.overridden
    assert page.save_and_wait()
    text = _pdf_text(demo_app)
    assert "*" not in text and "abweichend" not in text


def test_cancelling_the_question_changes_nothing(window: Any, demo_app: Any) -> None:
    page = _open_baustein3(window, demo_app)
    editor = page.editor
    income = _cell(editor, "income", "annual")
    _retype(income, "55000")
    _set_posts(editor, "2")
    before = editor.paper().financial_impact
    seen: list[Any] = []
    answer_overrides(None, seen)
    editor.funding.take_button.click()
    assert len(seen) == 1
    assert editor.paper().financial_impact == before
    assert income.text() == "55000" and income.overridden
    assert _cell(editor, "expense", "annual").text() == "50.000,00"  # not taken over either


def test_an_override_equal_to_the_new_figure_is_not_asked_about_and_not_marked(
    window: Any, demo_app: Any
) -> None:
    page = _open_baustein3(window, demo_app)
    editor = page.editor
    income = _cell(editor, "income", "annual")
    _retype(income, "100000")
    assert income.overridden
    _set_posts(editor, "2")
    seen: list[Any] = []
    answer_overrides(set(), seen)
    editor.funding.take_button.click()
    assert seen == []  # no dialog: nothing disagrees
    assert income.text() == "100.000,00" and not income.overridden
    assert editor.paper().financial_impact.overridden == set()


def test_emptying_a_computed_cell_brings_its_figure_back_and_is_never_printed_overridden(
    window: Any, demo_app: Any, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt

    page = _open_baustein3(window, demo_app)
    editor = page.editor
    grants = _cell(editor, "income_grants", "annual")
    grants.setFocus()
    grants.selectAll()
    qtbot.keyClick(grants, Qt.Key.Key_Delete)
    assert grants.text() == ""
    qtbot.keyClick(grants, Qt.Key.Key_Return)  # leaving / confirming the emptied cell
    assert grants.text() == "50.000,00" and not grants.overridden
    assert editor.finance.hint.isVisibleTo(editor.finance)
    assert "Für „kein Betrag“ bitte 0 eintragen" in editor.finance.hint.text()
    _set_posts(editor, "2")
    editor.funding.take_button.click()
    assert grants.text() == "100.000,00" and not grants.overridden
    assert page.save_and_wait()
    text = _pdf_text(demo_app)
    assert "*" not in text and "abweichend" not in text
    # "kein Betrag" on purpose is a 0: an override, marked in the editor and in the PDF alike.
    _retype(grants, "0")
    assert grants.overridden
    assert page.save_and_wait()
    assert "0,00 €*" in _pdf_text(demo_app)


def test_an_old_override_without_amount_is_not_marked(window: Any, demo_app: Any) -> None:
    """Vorlagen saved by an older kimdesk may hold an emptied cell marked overridden."""
    import dataclasses

    from kimdesk.domain.model import FinanceRow, Period

    grants_cell = (FinanceRow.INCOME_GRANTS, Period.ANNUAL)
    editor = _open_baustein3(window, demo_app).editor
    old = editor.paper()
    impact = dataclasses.replace(
        old.financial_impact,
        amounts={c: v for c, v in old.financial_impact.amounts.items() if c != grants_cell},
        overridden={grants_cell},
    )
    editor.populate(dataclasses.replace(old, financial_impact=impact))
    grants = _cell(editor, "income_grants", "annual")
    assert grants.text() == "" and not grants.overridden and grants.styleSheet() == ""
    assert editor.paper().financial_impact.overridden == set()
