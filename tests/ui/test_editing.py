"""Undo/redo, live validation, autosave after a crash, save conflicts, PDF export, read-only Vorlagen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kimdesk.domain.model import PaperStatus
from kimdesk.domain.richtext import RichText
from kimdesk.services import autosave
from kimdesk.services.papers import get_paper_by_id, save_paper
from kimdesk.ui.conflict import Choice
from tests.demo_data import demo_id
from tests.ui.conftest import type_text

SEED = demo_id("paper:20/0270")


def test_undo_and_redo_every_kind_of_edit(window: Any) -> None:
    page = window.open_paper(SEED)
    editor = page.editor
    original_title = editor.title_edit.text()
    type_text(editor.title_edit, " – Nachtrag")
    editor.seal()
    editor.climate.second.click()
    editor.consultations.add_button.click()
    assert editor.consultations.table.rowCount() == 2
    assert window.menu.undo_action.isEnabled()

    window.menu.undo_action.trigger()  # the added Beratungsfolge row goes
    assert editor.consultations.table.rowCount() == 1
    window.menu.undo_action.trigger()  # back to "keine"
    assert editor.climate.value() == 0
    window.menu.undo_action.trigger()  # the whole typing burst in Betrifft at once
    assert editor.title_edit.text() == original_title
    assert not page.dirty

    window.menu.redo_action.trigger()
    assert editor.title_edit.text() == original_title + " – Nachtrag"
    window.menu.redo_action.trigger()
    window.menu.redo_action.trigger()
    assert editor.climate.value() == 1 and editor.consultations.table.rowCount() == 2
    assert page.dirty


def test_rich_text_edits_are_undone_through_the_same_stack(window: Any) -> None:
    page = window.open_paper(SEED)
    edit = page.editor.rationale.edit
    before = page.editor.rationale.richtext()
    edit.setFocus()
    type_text(edit, "Neu: ")
    assert page.editor.rationale.richtext() != before
    page.editor.undo_stack.undo()
    assert page.editor.rationale.richtext() == before


def test_validation_messages_appear_and_disappear_while_typing(window: Any, qtbot: Any) -> None:
    page = window.new_paper()
    editor = page.editor
    title_section = editor.sections["title"]
    assert "Betrifft: fehlt" in title_section.problems.text()
    assert any(text.startswith("⚠") or "Betrifft" in text for text in editor.all_problem_texts())
    below = editor.sections["finance"]

    def top_of_below() -> Any:
        qtbot.wait(50)  # let the layouts settle, as they would before the next click
        return below.mapTo(editor.widget(), below.rect().topLeft())

    settled: list[Any] = [None]

    def opened() -> bool:  # the form has its final layout once the window showed it
        previous, settled[0] = settled[0], top_of_below()
        return previous == settled[0]

    qtbot.waitUntil(opened, timeout=5000)
    top_before = top_of_below()
    type_text(editor.title_edit, "Neue Sprachkurse")
    assert title_section.problems.text() == ""
    assert not any("Betrifft" in text for text in editor.all_problem_texts())
    # The message went, and nothing below it moved: a click aimed there still lands there.
    assert top_of_below() == top_before
    editor.title_edit.clear()
    assert "Betrifft: fehlt" in title_section.problems.text()
    assert top_of_below() == top_before

    cell = next(iter(editor.finance.cells.values()))
    cell.setText("12,3,4")
    assert "mehrdeutig" in editor.sections["finance"].problems.text()
    cell.setText("12,34")
    assert "mehrdeutig" not in editor.sections["finance"].problems.text()
    # An incomplete draft still saves.
    assert page.save_and_wait()


def test_autosave_restores_after_a_crash(make_window: Any, demo_app: Any, qtbot: Any) -> None:
    first = make_window()
    page = first.open_paper(SEED)
    type_text(page.editor.title_edit, " (Entwurf 2)")
    assert page.autosave_now()
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    # The Vorlage itself is untouched; the draft lives in the autosave store.
    assert get_paper_by_id(demo_app.uow_factory, SEED).title == "Kommunales Integrationsmanagement"
    assert autosave.pending(demo_app.uow_factory) == [SEED]
    page.shutdown()  # the process "dies": no save, no close

    second = make_window()
    restored = second.page_for(SEED)
    assert restored is not None
    assert restored.editor.title_edit.text() == "Kommunales Integrationsmanagement (Entwurf 2)"
    assert "wiederhergestellt" in restored.notice.text() and not restored.notice.isHidden()
    assert restored.dirty
    second.tabs.setCurrentWidget(restored)
    assert second.save_current()
    qtbot.waitUntil(lambda: not restored.dirty, timeout=10000)
    assert autosave.pending(demo_app.uow_factory) == []
    assert get_paper_by_id(demo_app.uow_factory, SEED).title.endswith("(Entwurf 2)")


def test_a_conflict_is_offered_not_swallowed(window: Any, demo_app: Any) -> None:
    page = window.open_paper(SEED)
    offered: list[tuple[str, str]] = []

    def keep_mine(mine: Any, stored: Any, error: Any) -> Choice:
        offered.append((mine.title, stored.title))
        return Choice.MINE

    page.conflict_resolver = keep_mine
    other = get_paper_by_id(demo_app.uow_factory, SEED)
    other.title = "Von der Kollegin geändert"
    save_paper(demo_app.uow_factory, other)

    page.editor.title_edit.setText("Meine Fassung")
    assert page.save_and_wait()
    assert offered == [("Meine Fassung", "Von der Kollegin geändert")]
    assert get_paper_by_id(demo_app.uow_factory, SEED).title == "Meine Fassung"


def test_conflict_can_take_the_stored_version(window: Any, demo_app: Any) -> None:
    page = window.open_paper(SEED)
    page.conflict_resolver = lambda mine, stored, error: Choice.STORED
    other = get_paper_by_id(demo_app.uow_factory, SEED)
    other.draft_resolution = RichText.from_plain_exact("Fassung der Kollegin.")
    save_paper(demo_app.uow_factory, other)
    page.editor.title_edit.setText("Meine Fassung")
    assert page.save_and_wait()
    assert page.editor.resolution.edit.toPlainText() == "Fassung der Kollegin."
    assert page.editor.title_edit.text() == "Kommunales Integrationsmanagement"
    assert not page.dirty


def test_conflict_dialog_shows_both_versions(qtbot: Any, demo_app: Any) -> None:
    from kimdesk.domain.errors import ConflictError
    from kimdesk.ui.conflict import ConflictDialog

    mine = get_paper_by_id(demo_app.uow_factory, SEED)
    stored = get_paper_by_id(demo_app.uow_factory, SEED)
    mine.title = "Meine"
    dialog = ConflictDialog(mine, stored, ConflictError("x", changed_by="kollegin"))
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
    assert rows == [["Betrifft", "Meine", "Kommunales Integrationsmanagement"]]
    dialog.stored_button.click()
    assert dialog.choice is Choice.STORED


def test_export_from_the_gui_writes_the_pdf(window: Any, qtbot: Any, tmp_path: Path) -> None:
    page = window.open_paper(SEED)
    target = tmp_path / "vorlage.pdf"
    done: list[Path] = []
    page.export_pdf(target, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert target.read_bytes().startswith(b"%PDF")


def test_export_of_a_released_vorlage_from_the_gui_is_its_signed_pdf(
    window: Any, demo_app: Any, qtbot: Any, tmp_path: Path
) -> None:
    from kimdesk.domain.released import ReleaseEvent
    from kimdesk.pdf.signing import PadesPdfMaker, read_pdf_signatures
    from kimdesk.services.demo import apply_demo_signoffs
    from kimdesk.services.released import sign_and_store_release
    from tests.pdfsig.identities import office_ca

    ca = office_ca()
    apply_demo_signoffs(demo_app.uow_factory)
    assert get_paper_by_id(demo_app.uow_factory, SEED).status is PaperStatus.RELEASED
    stored = sign_and_store_release(
        demo_app.uow_factory, "20/0270", ca.issue("Christoph Tesche"), ReleaseEvent.RELEASED, PadesPdfMaker()
    )
    page = window.open_paper(SEED)
    target = tmp_path / "vorlage.pdf"
    done: list[Path] = []
    page.export_pdf(target, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert target.read_bytes() == stored.data
    [signature] = read_pdf_signatures(target.read_bytes(), [ca.certificate])
    assert signature.intact and signature.trusted


def test_gui_pdf_export_goes_through_the_atomic_writer(
    window: Any, qtbot: Any, tmp_path: Path, answers: dict[str, Any]
) -> None:
    """A folder that vanished is named in German (the atomic writer's check), not as "[Errno 2] …"."""
    page = window.open_paper(SEED)
    page.export_pdf(tmp_path / "weg" / "vorlage.pdf")
    qtbot.waitUntil(lambda: bool(answers["shown"]), timeout=20000)
    [(kind, title, text)] = answers["shown"]
    assert (kind, title) == ("warn", "PDF exportieren")
    assert f"PDF: Der Ordner „{tmp_path / 'weg'}“ existiert nicht." in text
    assert "Errno" not in text
    assert not (tmp_path / "weg").exists()


def test_preview_renders_off_the_gui_thread(window: Any, qtbot: Any) -> None:
    page = window.open_paper(SEED)
    page.preview.schedule(page.editor.paper(), immediately=True)
    qtbot.waitUntil(lambda: page.preview.shown_generation == page.preview.generation, timeout=20000)
    assert page.preview.last_pdf.startswith(b"%PDF")
    assert page.preview.document.pageCount() >= 1


def test_released_vorlage_opens_read_only_and_cannot_be_deleted(
    window: Any, demo_app: Any, answers: Any
) -> None:
    with demo_app.uow_factory() as uow:  # released by the workflow, as the sign-off service would
        paper = uow.papers.get(SEED)
        paper.status = PaperStatus.RELEASED
        uow.papers.update(paper)
        uow.commit()
    page = window.open_paper(SEED)
    assert not page.editor.banner.isHidden()
    assert page.editor.title_edit.isReadOnly()
    assert not page.save_and_wait()
    assert not window.delete_selected()
    assert any(kind == "warn" and "nicht gelöscht" in text for kind, _t, text in answers["shown"])


def test_new_duplicate_and_delete_from_the_list(window: Any, demo_app: Any, answers: Any, qtbot: Any) -> None:
    before = window.list_page.model.total
    window.list_page.select_reference("20/0311")
    duplicate = window.duplicate_selected()
    assert duplicate is not None
    assert duplicate.editor.title_edit.text().startswith("Zuschuss an den Verein")
    assert duplicate.editor.base.reference != "20/0311"
    qtbot.waitUntil(
        lambda: window.list_page.model.total == before + 1
    )  # the list is re-read off the GUI thread
    assert window.delete_selected()
    qtbot.waitUntil(lambda: window.list_page.model.total == before)
    assert window.page_for(duplicate.editor.base.id) is None


def test_settings_change_the_office_and_remember_the_database(window: Any, demo_app: Any, qtbot: Any) -> None:
    from kimdesk.services.office import get_office, list_organizations
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    dialog.office_page.municipality.setText("Stadt Castrop-Rauxel")
    row = dialog.committees.table.add_row()
    committees = dialog.committees.table.rows_model
    committees.setData(committees.index(row, 0), "Jugendhilfeausschuss")
    committees.setData(committees.index(row, 1), "JHA")
    dialog.database_page.db_url.setText("sqlite:////tmp/anderer-ort.sqlite")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert get_office(demo_app.uow_factory).municipality == "Stadt Castrop-Rauxel"
    assert "Jugendhilfeausschuss" in [o.name for o in list_organizations(demo_app.uow_factory)]
    assert window.config.database_url == "sqlite:////tmp/anderer-ort.sqlite"


def test_connection_test_reports_in_german(window: Any, qtbot: Any, tmp_path: Path) -> None:
    from kimdesk.app import open_app
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, open_app, window)
    qtbot.addWidget(dialog)
    page = dialog.database_page
    page.db_url.setText(f"sqlite:///{tmp_path / 'fehlt' / 'gibtsnicht' / 'x.sqlite'}")
    page.test_connection()
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=10000)
    assert page.test_result.text().startswith("✘ Keine Verbindung")
    page.db_url.setText(window.context.db_url)
    page.test_connection()
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=10000)
    assert page.test_result.text() == "✔ Verbindung erfolgreich."


def test_beratungsfolge_rows_move_with_their_editors_and_the_move_is_undone(window: Any) -> None:
    page = window.open_paper(SEED)
    table = page.editor.consultations
    table.add_button.click()
    table.table.cellWidget(1, 0).setCurrentText("Rat")
    table.table.cellWidget(1, 3).setText("9")
    table.table.selectRow(1)
    table.up_button.click()
    moved = [c.committee.name if c.committee else "" for c in page.editor.paper().consultations]
    assert moved[0] == "Rat" and page.editor.paper().consultations[0].agenda_item == "9"
    assert table.table.cellWidget(0, 3).text() == "9"  # the editor moved with its row
    assert table.table.cellWidget(0, 3).accessibleName() == "TOP, Zeile 1"
    assert table.table.currentRow() == 0
    page.editor.undo_stack.undo()
    assert [c.committee.name if c.committee else "" for c in page.editor.paper().consultations] == moved[::-1]
    assert table.table.cellWidget(1, 3).text() == "9"


def test_screen_readers_hear_the_right_row_number_after_a_row_is_removed(window: Any) -> None:
    page = window.open_paper(SEED)
    table = page.editor.consultations
    table.add_button.click()
    table.table.cellWidget(1, 3).setText("9")
    table.table.selectRow(0)
    table.remove_button.click()
    assert table.table.cellWidget(0, 3).text() == "9"
    assert table.table.cellWidget(0, 3).accessibleName() == "TOP, Zeile 1"
    assert table.table.cellWidget(0, 0).accessibleName() == "Gremium, Zeile 1"
