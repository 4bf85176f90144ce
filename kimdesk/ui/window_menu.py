"""The main window's actions, menus and toolbar, and which actions are enabled when."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow

from kimdesk.l10n.i18n import _
from kimdesk.services.window_actions import WindowState, enabled_commands
from kimdesk.ui.database_commands import DatabaseCommands
from kimdesk.ui.exchange_export import ExchangeExport
from kimdesk.ui.exchange_import import ExchangeImport
from kimdesk.ui.help_viewer import TOPIC_EDITOR, TOPIC_LIST, TOPIC_MEETINGS, open_help
from kimdesk.ui.keyboard import WindowShortcuts
from kimdesk.ui.paper_commands import PaperCommands
from kimdesk.ui.paper_tabs import PaperTabs


class WindowMenu:
    """Every action of the main window, in the menu bar and (the frequent ones) in the toolbar."""

    def __init__(
        self,
        window: QMainWindow,
        tabs: PaperTabs,
        papers: PaperCommands,
        database: DatabaseCommands,
        *,
        restore: Callable[[], object],
        show_meetings: Callable[[], None],
        print_current: Callable[[], object],
        focus_search: Callable[[], None],
        undo_group: QUndoGroup,
    ) -> None:
        self.window = window
        k = QKeySequence.StandardKey
        action = self._action
        self.new_action = action(_("&Neu"), papers.new_paper, QKeySequence(k.New), _("Neue Vorlage anlegen"))
        self.open_action = action(
            _("Ö&ffnen"), papers.open_selected, "Ctrl+O", _("Ausgewählte Vorlage öffnen")
        )
        self.save_action = action(_("&Speichern"), papers.save_current, QKeySequence(k.Save))
        self.duplicate_action = action(
            _("Als Vorlage für neue &verwenden"),
            papers.duplicate_selected,
            "Ctrl+D",
            _("Neue Vorlage mit dem Inhalt der ausgewählten anlegen"),
        )
        self.delete_action = action(_("&Löschen …"), papers.delete_selected, "Ctrl+Del")
        self.supplement_action = action(
            _("E&rgänzungsvorlage anlegen …"),
            papers.create_supplement,
            tip=_("Neue Ergänzungsvorlage (z. B. 20/0270-1) zur geöffneten oder ausgewählten Vorlage"),
        )
        self.amendment_action = action(
            _("Änderungsvorla&ge anlegen …"),
            lambda: papers.create_supplement(amendment=True),
            tip=_("Neue Änderungsvorlage (z. B. 20/0270-1) zur geöffneten oder ausgewählten Vorlage"),
        )
        self.versions_action = action(
            _("Fass&ungen …"),
            papers.show_versions,
            "Ctrl+Shift+V",
            _("Die Fassungen der geöffneten Vorlage: vergleichen, als PDF, wiederherstellen"),
        )
        self.export_action = action(_("PDF &exportieren …"), papers.export_selected, "Ctrl+E")
        self.print_action = action(
            _("&Drucken …"), print_current, QKeySequence(k.Print), _("Die Vorlage drucken")
        )
        self.exchange_import = ExchangeImport(tabs, database.host.reload_master_data)
        self.import_action = action(
            _("&Austauschdatei importieren …"),
            self.exchange_import.run,
            None,
            _("Vorlagen aus einer kimdesk-Austauschdatei (JSON) übernehmen"),
        )
        self.exchange_export = ExchangeExport(tabs)
        self.exchange_export_action = action(
            _("Austauschdatei e&xportieren …"),
            self.exchange_export.run,
            None,
            _("Alle Vorlagen mit Ämtern, Gremien, Personen und Anlagen in eine Austauschdatei (JSON)"),
        )
        self.folder_action = action(_("Datenbank&ordner öffnen"), database.open_database_folder)
        self.backup_action = action(_("Si&cherung …"), database.backup)
        self.restore_action = action(_("Sicherung &wiederherstellen …"), restore)
        self.settings_action = action(_("E&instellungen …"), database.open_settings, "Ctrl+,")
        self.setup_action = action(
            _("Einric&htungsassistent …"),
            database.open_setup_wizard,
            tip=_("Amt, Ämter, Gremien, Personen und Nummern einrichten – oder aus Datei übernehmen"),
        )
        self.quit_action = action(_("&Beenden"), window.close, QKeySequence(k.Quit))
        # Ctrl+Q also where the platform's Quit is another key; the same key twice is an "ambiguous
        # shortcut overload" for Qt and then does nothing (Linux, where Quit is Ctrl+Q already).
        self.quit_action.setShortcuts(distinct_keys([QKeySequence(k.Quit), QKeySequence("Ctrl+Q")]))
        tab_widget = tabs.host.tabs
        self.close_tab_action = action(
            _("&Tab schließen"), lambda: tabs.close_tab(tab_widget.currentIndex()), QKeySequence(k.Close)
        )
        self.list_action = action(_("&Vorlagenliste"), lambda: tab_widget.setCurrentIndex(0), "Ctrl+L")
        self.meetings_action = action(_("S&itzungen"), show_meetings, "Ctrl+M")
        self.search_action = action(_("&Suchen"), focus_search, QKeySequence(k.Find))
        self.undo_action = undo_group.createUndoAction(window, _("&Rückgängig"))
        self.undo_action.setShortcut(QKeySequence(k.Undo))
        self.redo_action = undo_group.createRedoAction(window, _("&Wiederherstellen"))
        self.redo_action.setShortcuts([QKeySequence(k.Redo), QKeySequence("Ctrl+Y")])
        self.about_action = action(_("Ü&ber kimdesk"), database.about)
        self.help_action = action(
            _("&Anleitung"),
            lambda: open_help(window, self._help_topic(tabs)),
            QKeySequence(k.HelpContents),
            _("Die Anleitung an der Stelle des aktuellen Bildschirms öffnen"),
        )
        # F1 everywhere: HelpContents is F1 on Windows and Linux, but not on every platform.
        self.help_action.setShortcuts(distinct_keys([QKeySequence(k.HelpContents), QKeySequence("F1")]))
        self._build_menus()
        # Strg+E, Strg+D … also while the cursor stands in a text field (its Emacs keys would win).
        commands = [a for a in vars(self).values() if isinstance(a, QAction)]
        self.text_shortcuts = WindowShortcuts(window, commands)

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    @staticmethod
    def _help_topic(tabs: PaperTabs) -> str:
        """The guide's heading for what the user looks at: the list, a Vorlage or the meetings."""
        index = tabs.host.tabs.currentIndex()
        if tabs.current_page() is not None:
            return TOPIC_EDITOR
        return TOPIC_LIST if index == 0 else TOPIC_MEETINGS

    def _build_menus(self) -> None:
        menu = self.window.menuBar()
        file_menu = menu.addMenu(_("&Datei"))
        for action in (
            self.new_action,
            self.open_action,
            self.save_action,
            self.duplicate_action,
            self.supplement_action,
            self.amendment_action,
            self.delete_action,
        ):
            file_menu.addAction(action)
        file_menu.addAction(self.versions_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.exchange_export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.folder_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.setup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_tab_action)
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu(_("&Bearbeiten"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        view_menu = menu.addMenu(_("&Ansicht"))
        view_menu.addAction(self.list_action)
        view_menu.addAction(self.meetings_action)
        view_menu.addAction(self.search_action)
        help_menu = menu.addMenu(_("&Hilfe"))
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        toolbar = self.window.addToolBar(_("Werkzeuge"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.new_action,
            self.save_action,
            self.duplicate_action,
            self.export_action,
            self.undo_action,
            self.redo_action,
        ):
            toolbar.addAction(action)

    def update(self, state: WindowState) -> None:
        enabled = enabled_commands(state)
        for name, action in (
            ("settings", self.settings_action),
            ("settings", self.setup_action),
            ("backup", self.backup_action),
            ("backup", self.exchange_export_action),
            ("folder", self.folder_action),
            ("new", self.new_action),
            ("import", self.import_action),
            ("export", self.export_action),
            ("print", self.print_action),
            ("duplicate", self.duplicate_action),
            ("duplicate", self.supplement_action),
            ("duplicate", self.amendment_action),
            ("delete", self.delete_action),
            ("open", self.open_action),
            ("save", self.save_action),
            ("versions", self.versions_action),
        ):
            action.setEnabled(name in enabled)


def distinct_keys(keys: list[QKeySequence]) -> list[QKeySequence]:
    """``keys`` without repeats and empty sequences (a platform without a standard key gives an empty one)."""
    return [key for i, key in enumerate(keys) if not key.isEmpty() and key not in keys[:i]]
