"""Issue 16 item 2: two states of a Vorlage side by side, changes marked word by word, F8 to the next."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.model import FinanceRow, Paper, Period
from kimdesk.domain.richtext import Span
from kimdesk.l10n import i18n
from kimdesk.ui.compare import BACKGROUND_CHARS, CompareDialog, CompareWidget
from kimdesk.ui.compare_document import CURRENT_BACKGROUND, DELETED_TEXT, DIM_TEXT, INSERTED_TEXT
from kimdesk.ui.tasks import wait_for
from tests.demo_data import demo_organizations, demo_persons, seed_paper
from tests.diff_sample import NEW_LABEL, OLD_LABEL, kim_versions, long_versions


@pytest.fixture
def versions() -> tuple[Paper, Paper]:
    old = seed_paper(demo_organizations(), demo_persons())
    new = copy.deepcopy(old)
    first = new.rationale.blocks[0]
    first.spans = [Span(first.plain_text().replace("drei Jahren", "vier Jahren"))]
    new.file_number = "32.1-KIM"
    new.financial_impact.amounts[(FinanceRow.EXPENSE, Period.ANNUAL)] = Decimal("60000.00")
    new.draft_resolution = old.draft_resolution.replace("Bericht", "ausführlichen Bericht")
    return old, new


def fragments(document: QTextDocument) -> Iterator[tuple[str, QTextCharFormat]]:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            yield fragment.text(), fragment.charFormat()
            it += 1
        block = block.next()


def shown(widget: CompareWidget, qtbot: Any) -> None:
    """Shortcuts reach only an active window."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.view)


def current_label(widget: CompareWidget) -> str:
    """The label the current-change mark covers (one extra selection, in the marking colour)."""
    (mark,) = widget.view.extraSelections()
    assert mark.format.background().color() == CURRENT_BACKGROUND
    return mark.cursor.selectedText()


def formats_of(document: QTextDocument, text: str) -> list[QTextCharFormat]:
    return [char_format for fragment, char_format in fragments(document) if fragment == text]


def test_changed_words_are_highlighted_on_each_side(versions: tuple[Paper, Paper], qtbot: Any) -> None:
    dialog = CompareDialog(*versions, OLD_LABEL, NEW_LABEL)
    qtbot.addWidget(dialog)
    widget = dialog.compare
    document = widget.view.document()
    assert dialog.windowTitle() == "Fassungen vergleichen – Vorlage 20/0270"
    assert OLD_LABEL in widget.old_heading.text() and NEW_LABEL in widget.new_heading.text()

    (deleted,) = formats_of(document, "drei")
    assert deleted.fontStrikeOut() and deleted.foreground().color() == DELETED_TEXT
    (inserted,) = formats_of(document, "vier")
    assert inserted.fontUnderline() and inserted.foreground().color() == INSERTED_TEXT
    (added,) = formats_of(document, "32.1-KIM")
    assert added.fontUnderline()
    assert formats_of(document, "ausführlichen ")[0].fontUnderline()
    # Unchanged rows are there, dimmed; changed words are not struck through where they stayed.
    unchanged = formats_of(document, "Amt für Integration und Sport")
    assert len(unchanged) == 2 and all(f.foreground().color() == DIM_TEXT for f in unchanged)
    assert widget.summary.text() == "Änderungen: 4"
    assert widget.view.accessibleName() == "Vergleich der Fassungen"


def test_f8_and_shift_f8_walk_through_the_changes(versions: tuple[Paper, Paper], qtbot: Any) -> None:
    widget = CompareWidget()
    qtbot.addWidget(widget)
    widget.set_papers(*versions, OLD_LABEL, NEW_LABEL)
    shown(widget, qtbot)
    labels = [spot.label for spot in widget.spots]
    assert labels == ["Aktenzeichen", "Absatz", "Aufwand / jährlich", "Beschlussentwurf"]
    assert not widget.previous_button.isEnabled() and widget.next_button.isEnabled()

    qtbot.keyClick(widget.view, Qt.Key.Key_F8)
    assert widget.current == 0
    assert current_label(widget) == "Aktenzeichen\u2029neu"
    assert widget.position.text() == "Änderung 1 von 4: Aktenzeichen"
    qtbot.keyClick(widget.view, Qt.Key.Key_F8)
    assert widget.current == 1 and current_label(widget) == "Absatz"
    assert widget.view.textCursor().position() == widget.spots[1].start
    qtbot.keyClick(widget.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert widget.current == 2
    qtbot.keyClick(widget.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert widget.current == 1
    qtbot.keyClick(widget.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert widget.current == 0 and not widget.previous_button.isEnabled()
    for _ in range(5):  # past the last change it stays on the last
        qtbot.keyClick(widget.view, Qt.Key.Key_F8)
    assert widget.current == 3 and not widget.next_button.isEnabled()
    assert current_label(widget) == "Beschlussentwurf"
    widget.previous_button.click()
    assert widget.current == 2


def test_only_changes_hides_what_stayed(versions: tuple[Paper, Paper], qtbot: Any) -> None:
    widget = CompareWidget()
    qtbot.addWidget(widget)
    widget.set_papers(*versions, OLD_LABEL, NEW_LABEL)
    everything = widget.view.toPlainText()
    assert "Amt für Integration und Sport" in everything and "Vorlagenart" in everything
    assert "Beratungsfolge  unverändert" in everything and "Begründung  Änderungen: 1" in everything

    widget.only_changes.click()
    text = widget.view.toPlainText()
    assert "Amt für Integration und Sport" not in text and "Vorlagenart" not in text
    assert "Berichterstattung" not in text  # the unchanged Beratungsfolge is collapsed to its heading
    assert "Beratungsfolge  unverändert" in text
    assert "32.1-KIM" in text and "ausführlichen" in text
    assert [spot.label for spot in widget.spots] == [
        "Aktenzeichen",
        "Absatz",
        "Aufwand / jährlich",
        "Beschlussentwurf",
    ]
    shown(widget, qtbot)
    qtbot.keyClick(widget.view, Qt.Key.Key_F8)
    assert current_label(widget) == "Aktenzeichen\u2029neu"

    widget.only_changes.click()
    assert "Amt für Integration und Sport" in widget.view.toPlainText()


def test_identical_states_say_so(versions: tuple[Paper, Paper], qtbot: Any) -> None:
    old, _ = versions
    widget = CompareWidget()
    qtbot.addWidget(widget)
    widget.set_papers(old, copy.deepcopy(old), OLD_LABEL, NEW_LABEL)
    assert widget.summary.text() == "Keine Änderungen – die Fassungen stimmen überein."
    assert widget.spots == [] and not widget.next_button.isEnabled()
    shown(widget, qtbot)
    qtbot.keyClick(widget.view, Qt.Key.Key_F8)  # nothing to go to, nothing breaks
    assert widget.current == -1


def test_a_long_begruendung_is_compared_off_the_gui_thread(qtbot: Any) -> None:
    old, new = long_versions(pages=20)
    assert len(old.rationale.plain_text()) * 2 > BACKGROUND_CHARS
    widget = CompareWidget()
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.compared, timeout=30000):
        widget.set_papers(old, new, OLD_LABEL, NEW_LABEL)
        assert widget.view.toPlainText() == "Die Fassungen werden verglichen …"
        assert widget.diff is None
    assert widget.diff is not None and len(widget.spots) > 100
    shown(widget, qtbot)
    qtbot.keyClick(widget.view, Qt.Key.Key_F8)
    assert widget.current == 0


def test_english_labels_for_every_row(qtbot: Any) -> None:
    """The row labels come from the diff (German); each has its English text in the catalog."""
    old, new = long_versions(pages=1)
    new.consultations[0].agenda_item = "9"
    i18n.set_language("en")
    try:
        widget = CompareWidget()
        qtbot.addWidget(widget)
        widget.set_papers(old, new, OLD_LABEL, NEW_LABEL)
        assert widget.diff is not None
        labels = {
            f.label
            for f in (
                widget.diff.title,
                widget.diff.draft_resolution,
                *widget.diff.head,
                *widget.diff.finance,
                *widget.diff.climate,
                *widget.diff.signature,
                *(field for item in widget.diff.consultations for field in item.fields),
                *(field for item in widget.diff.funding for field in item.fields),
            )
        }
        untranslated = sorted(label for label in labels if i18n._(label) == label)
        assert untranslated == []
        text = widget.view.toPlainText()
        assert "Subject" in text and "Paper type" in text and "Rationale" in text
        assert widget.next_button.text() == "N&ext change"
    finally:
        i18n.set_language("de")


def test_cells_modules_consultations_and_anlagen_entry_by_entry(qtbot: Any) -> None:
    old, new = kim_versions()
    plan = Attachment(old.id, "Lageplan.pdf", size=1000, sha256="a" * 64, order=0)
    letter = Attachment(old.id, "Bescheid.pdf", size=2000, sha256="b" * 64, order=1)
    dialog = CompareDialog(
        old, new, OLD_LABEL, NEW_LABEL, old_attachments=[plan], new_attachments=[plan, letter]
    )
    qtbot.addWidget(dialog)
    widget = dialog.compare
    document = widget.view.document()
    labels = [spot.label for spot in widget.spots]
    # Beratungsfolge: the changed TOP in its entry, the new body as a new entry
    assert "1. Integrationsrat – Vorberatung" in labels
    assert "2. Ausschuss für Soziales und Gesundheit – Vorberatung" in labels
    assert formats_of(document, "7")[0].fontStrikeOut() and formats_of(document, "5")[0].fontUnderline()
    # NKF table cell by cell, with the typed-over figure and the computed one
    assert {"Ertrag / jährlich", "Aufwand / jährlich", "Personalaufwand / jährlich"} <= set(labels)
    (typed,) = {f.fontUnderline() for f in formats_of(document, "80.000,00")}
    assert typed
    assert " (von Hand; berechnet 75.000,00\u00a0€)" in [t for t, _f in fragments(document)]
    # the funding module field by field
    module = "1. KIM NRW – Baustein 3: Stellen in Ausländer- und Einbürgerungsbehörden"
    assert module in labels
    assert formats_of(document, "1,5")[0].fontUnderline()
    # Anlagen item by item
    assert "2. Bescheid.pdf" in labels and "1. Lageplan.pdf" not in labels
    assert formats_of(document, "Bescheid.pdf")[0].fontUnderline()


def test_closing_before_a_long_comparison_ends_is_harmless(qtbot: Any) -> None:
    old, new = long_versions(pages=20)
    widget = CompareWidget()
    widget.set_papers(old, new, OLD_LABEL, NEW_LABEL)
    task = widget._task
    assert task is not None
    shiboken6.delete(widget)  # the dialog closed and Qt deleted it while the diff still runs
    wait_for(task)  # the result arrives for a widget that is gone: dropped, no error
    assert task.done
