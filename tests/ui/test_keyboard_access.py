"""Keyboard and accessibility rules a user of the screen reader or of Word's keys relies on (BITV):
Tab leaves tables and Strg+Tab moves inside them, the window's shortcuts work from text fields, each
Alt-letter opens one thing per window, and every control has a name a screen reader can say."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QWidget,
)

_MNEMONIC = re.compile(r"&([^&\s])")
_INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
)


def _mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _visible(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.window() is root


def window_mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt-letters of ``root``: its menu bar's menus, its labels, buttons, group boxes and tabs on show."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        letter = _mnemonic(text)
        if letter:
            found[letter].append(text)

    menu_bar = getattr(root, "menuBar", None)
    if callable(menu_bar):
        for action in menu_bar().actions():
            add(action.text())
    for widget in root.findChildren(QWidget):
        if not _visible(widget, root):
            continue
        if isinstance(widget, QAbstractButton | QLabel):
            if isinstance(widget, QLabel) and widget.buddy() is None:
                continue  # a label without a buddy shows its & but Alt does nothing
            add(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index))
    return found


def clashes(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {letter: texts for letter, texts in found.items() if len(texts) > 1}


def menu_clashes(root: Any) -> dict[str, dict[str, list[str]]]:
    result = {}
    for menu in root.menuBar().findChildren(QMenu):
        found: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            letter = _mnemonic(action.text())
            if letter and action.isVisible():
                found[letter].append(action.text())
        if clashes(found):
            result[menu.title()] = clashes(found)
    return result


def unnamed(root: QWidget) -> list[str]:
    """Interactive widgets on show for which a screen reader has no name (Qt's own parts excepted)."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, _INTERACTIVE) or not _visible(widget, root):
            continue
        if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView):
            continue  # spin box line edits, corner buttons, headers: named by the widget around them
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # the line edit inside an editable combo is the combo
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            label = widget.text() if isinstance(widget, QAbstractButton) else ""
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {label!r} in {parent!r}")
    return missing


def _open_demo_paper(window: Any, qtbot: Any) -> Any:
    qtbot.waitUntil(lambda: window.list_page.proxy.rowCount() > 0, timeout=10000)
    window.list_page.view.selectRow(0)
    page = window.open_selected()
    assert page is not None
    qtbot.waitUntil(lambda: window.current_page() is page, timeout=10000)
    return page


def test_tab_leaves_the_beratungsfolge_and_ctrl_tab_moves_inside(window: Any, qtbot: Any) -> None:
    page = _open_demo_paper(window, qtbot)
    consultations = page.editor.consultations
    table = consultations.table
    assert table.rowCount() >= 1
    first = table.cellWidget(0, min(table._editor_columns))
    first.setFocus()
    qtbot.waitUntil(lambda: table.isAncestorOf(window.focusWidget()), timeout=5000)

    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    inside = window.focusWidget()
    assert table.isAncestorOf(inside) and inside is not first, "Strg+Tab must go to the next cell"

    qtbot.keyClick(inside, Qt.Key.Key_Tab)
    after = window.focusWidget()
    assert after is not None and not table.isAncestorOf(after) and after is not table

    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    before = window.focusWidget()
    assert before is not None and not table.isAncestorOf(before) and before is not table

    # Tab from the field before the table walks into the table once and out again to "Gremium hinzufügen".
    before.setFocus()
    seen = []
    for _ in range(12):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        seen.append(window.focusWidget())
        if seen[-1] is consultations.add_button:
            break
    assert consultations.add_button in seen, [type(w).__name__ for w in seen]


def test_tab_leaves_the_list_of_vorlagen(window: Any, qtbot: Any) -> None:
    view = window.list_page.view
    qtbot.waitUntil(lambda: window.list_page.proxy.rowCount() > 1, timeout=10000)
    view.selectRow(0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.focusWidget() is not view
    assert view.currentIndex().row() == 0


def test_down_goes_from_the_search_field_into_the_results_and_enter_opens(window: Any, qtbot: Any) -> None:
    page = window.list_page
    qtbot.waitUntil(lambda: page.proxy.rowCount() > 1, timeout=10000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "20/0270")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=10000)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert window.focusWidget() is page.view
    assert page.current_summary() is not None and page.current_summary().reference == "20/0270"
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() is not None, timeout=10000)
    assert window.current_page().editor.base.reference == "20/0270"


def test_window_shortcuts_work_while_typing_in_betrifft(window: Any, qtbot: Any) -> None:
    page = _open_demo_paper(window, qtbot)
    title = page.editor.title_edit
    export = window.menu.export_action
    export.triggered.disconnect()
    fired: list[bool] = []
    export.triggered.connect(lambda *_: fired.append(True))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    title.setFocus()
    title.setCursorPosition(0)
    qtbot.keyClick(title, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]
    assert title.cursorPosition() == 0  # the field did not take the key as "end of line"
    # Text editing keeps its own keys: Strg+Z undoes in the field, not in another Vorlage.
    title.selectAll()
    qtbot.keyClicks(title, "Neu")
    qtbot.keyClick(title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert title.selectedText() == "Neu"


def test_each_alt_letter_opens_one_thing_per_window(window: Any, qtbot: Any) -> None:
    assert not clashes(window_mnemonics(window)), "Vorlagenliste"
    assert not menu_clashes(window)
    _open_demo_paper(window, qtbot)
    assert not clashes(window_mnemonics(window)), "Editor"
    window.show_meetings()
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1, timeout=5000)
    assert not clashes(window_mnemonics(window)), "Sitzungen"


def test_the_settings_pages_have_unique_alt_letters(window: Any, qtbot: Any) -> None:
    from kimdesk.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    pages = dialog.findChild(QTabBar)
    assert pages is not None
    for index in range(pages.count()):
        pages.setCurrentIndex(index)
        assert not clashes(window_mnemonics(dialog)), pages.tabText(index)
        assert not unnamed(dialog), pages.tabText(index)


def test_every_control_has_a_name_for_screen_readers(window: Any, qtbot: Any) -> None:
    assert not unnamed(window), "Vorlagenliste"
    _open_demo_paper(window, qtbot)
    assert not unnamed(window), "Editor"
    window.show_meetings()
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1, timeout=5000)
    assert not unnamed(window), "Sitzungen"


def test_the_dialogs_of_the_office_cycle_have_unique_alt_letters_and_named_controls(
    window: Any, qtbot: Any
) -> None:
    from kimdesk.domain.meeting import AgendaItem
    from kimdesk.domain.meeting_cycle import StandardItem
    from kimdesk.ui.editor.signoff_dialogs import StartDialog
    from kimdesk.ui.meeting_dialog import MeetingDialog
    from kimdesk.ui.recorder_dialog import RecorderDialog
    from kimdesk.ui.result_dialog import ResultDialog
    from kimdesk.ui.settings.pin_dialog import PinDialog
    from kimdesk.ui.standard_agenda_dialog import StandardAgendaDialog

    master = window.master
    page = _open_demo_paper(window, qtbot)
    persons = [person.name for person in master.persons]
    dialogs = {
        "Neue Sitzung": MeetingDialog(window, lambda *_: None, committees=master.committees, persons=persons),
        "Ergebnis": ResultDialog(window, AgendaItem("Sprachcafés"), "Der Rat beschließt.", lambda *_: None),
        "Standard-Tagesordnung": StandardAgendaDialog(
            window, "Integrationsrat", [StandardItem("Eröffnung"), StandardItem("Anfragen")], lambda _i: None
        ),
        "Signaturschlüssel": PinDialog("Dr. Sabine Möller", window),
        "Beschlussvermerk": RecorderDialog("TOP 3", persons, window),
        "Umlauf starten": StartDialog(page.editor.paper(), master.office, window),
    }
    for title, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        assert not clashes(window_mnemonics(dialog)), title
        assert not unnamed(dialog), title
        dialog.reject()


def _tab_stops(root: QWidget) -> list[QWidget]:
    """Controls a keyboard user must reach with Tab: visible, enabled, taking Tab focus, not a table's cell
    editor (Strg+Tab moves between those) and not Qt's own parts."""
    stops = []
    for widget in root.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and widget.window() is root):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
            continue
        if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView | QTabBar):
            continue
        parent = widget.parentWidget()
        inside_view = False
        while parent is not None and parent is not root:
            if isinstance(parent, QAbstractItemView):
                inside_view = True
            parent = parent.parentWidget()
        if not inside_view:
            stops.append(widget)
    return stops


def test_every_control_of_the_editor_is_reached_with_tab(window: Any, qtbot: Any) -> None:
    page = _open_demo_paper(window, qtbot)
    editor = page.editor
    stops = _tab_stops(window)
    assert editor.title_edit in stops and editor.consultations.add_button in stops
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    editor.title_edit.setFocus()
    qtbot.waitUntil(editor.title_edit.hasFocus, timeout=5000)
    reached: set[int] = set()
    for _ in range(len(stops) * 3):
        focus = window.focusWidget()
        assert focus is not None
        reached.add(id(focus))
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    for widget in stops:  # Tab enters a group of radio buttons once; the arrow keys choose within it
        if isinstance(widget, QRadioButton) and any(
            id(other) in reached for other in widget.parentWidget().findChildren(QRadioButton)
        ):
            reached.add(id(widget))
    missing = [
        f"{type(w).__name__} {w.accessibleName() or w.objectName()!r}"
        for w in stops
        if id(w) not in reached and editor.isAncestorOf(w)
    ]
    assert missing == []
