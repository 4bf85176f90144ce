"""Start the desktop application: window first, database after, fonts, translations, error hook."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from kimdesk.domain.errors import DatabaseDamagedError, KimdeskError
from kimdesk.l10n.i18n import _, set_language
from kimdesk.resources import resource_path
from kimdesk.ui import dialogs
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import AppLike, AppOpener, GuiContext, Recovery
from kimdesk.ui.main_window import ListPeek, MainWindow, StartData, focus_autosave, load_start_data
from kimdesk.ui.tasks import install_bridge, run_task

log = logging.getLogger(__name__)
APP_FONT = "DejaVu Sans"
SHOWN_MESSAGE = "Hauptfenster angezeigt"


def register_fonts() -> list[str]:
    """The bundled TTFs, so the window looks the same on a PC without them."""
    families: list[str] = []
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Our gettext catalog plus Qt's own (standard buttons say "Abbrechen")."""
    set_language(language)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.German if language == "de" else QLocale.Language.English, QLocale.Country.Germany
        )
    )
    translators = []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", folder):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def create_application(language: str = "de") -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("kimdesk")
    app.setOrganizationName("kimdesk")
    app.setApplicationDisplayName("kimdesk")
    families = register_fonts()
    if APP_FONT in families or APP_FONT in QFontDatabase.families():
        font = QFont(APP_FONT)
        font.setPointSizeF(max(app.font().pointSizeF(), 9.5))
        app.setFont(font)
    icon = resource_path("icons", "kimdesk-256.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_translations(app, language)
    install_bridge()
    return app


#: Takes a quick read-only look at the list of a database URL (``kimdesk.app.peek_paper_list``).
ListPeeker = Callable[[str | None], ListPeek | None]


def resolve_db_url(db_url: str | None, config: GuiConfig) -> str | None:
    """``--db`` wins, then ``KIMDESK_DB``, then the location chosen in the settings, then the default."""
    return db_url or os.environ.get("KIMDESK_DB") or config.database_url or None


def run_gui(
    db_url: str | None,
    *,
    quit_after: float | None = None,
    opener: AppOpener,
    peeker: ListPeeker | None = None,
    recovery: Recovery | None = None,
) -> int:
    """The event loop of the desktop application; returns the exit code.

    The caller (``kimdesk gui``) passes in the composition root: ``opener`` (``kimdesk.app.open_app``),
    ``peeker`` and ``recovery`` (the module ``kimdesk.app``, for the restore dialog).

    Start-up order, for a usable window as early as possible: the window is shown first; then the
    first page of the list comes from a quick read-only look at the SQLite file (``peeker``, plain
    sqlite3, no SQLAlchemy); meanwhile the database is opened off the GUI thread (SQLAlchemy import,
    revision check, migrations if needed) together with the master data, and the window attaches.
    """
    started = time.perf_counter()
    config = GuiConfig()
    app = create_application(config.language)
    window = MainWindow(config, opener)
    window.show()
    print(SHOWN_MESSAGE, flush=True)
    # The error hook and its log file right after the window (logging.handlers costs ~15 ms).
    from kimdesk.ui.errors import ExceptionHook, setup_file_log

    log_path = setup_file_log()
    hook = ExceptionHook(log_path, window.autosave_all, lambda: window)
    hook.install()
    log.info("Hauptfenster nach %.0f ms", (time.perf_counter() - started) * 1000)

    url = resolve_db_url(db_url, config)
    window.recovery = recovery
    window.database_path = recovery.database_file(url) if recovery is not None else None
    report = bool(os.environ.get("KIMDESK_STARTUP_REPORT"))  # for bench/bench_gui.py
    listed = False

    def list_shown() -> None:
        nonlocal listed
        if listed:
            return
        listed = True
        log.info("Liste nach %.0f ms", (time.perf_counter() - started) * 1000)
        if report:
            window.repaint()
            print(f"bereit nach {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)

    def open_database() -> None:
        def work() -> tuple[AppLike, StartData]:
            # Importing SQLAlchemy and checking the schema takes long: off the GUI thread.
            app_obj = opener(url)
            try:
                return app_obj, load_start_data(app_obj.uow_factory)
            except BaseException:
                app_obj.close()
                raise

        run_task(work, attach, failed)

    def peek_then_open() -> None:
        try:
            peek = peeker(url) if peeker is not None else None
            if peek is not None and window.show_peek(peek):
                list_shown()
        except Exception:  # only a head start: the real database follows anyway
            log.debug("Schneller Blick auf die Liste fehlgeschlagen", exc_info=True)
        open_database()

    def failed(exc: BaseException) -> None:
        # DatabaseError has a German message; anything else is logged
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        if isinstance(exc, KimdeskError):
            log.warning("Datenbank nicht geöffnet: %s", exc.message)
        else:
            log.error("Datenbank nicht geöffnet", exc_info=exc)
        window.status_label.setText(_("Datenbank nicht geöffnet"))
        if quit_after is None and isinstance(exc, DatabaseDamagedError):
            from kimdesk.ui.restore_dialog import offer_restore

            offer_restore(window, message)
        elif quit_after is None:
            dialogs.warn(
                window,
                _("Datenbank"),
                _(
                    "Die Datenbank konnte nicht geöffnet werden:\n{error}\n\n"
                    "Unter Datei → Einstellungen kann ein anderer Ort gewählt "
                    "werden."
                ).format(error=message),
            )

    def attach(result: tuple[AppLike, StartData]) -> None:
        app_obj, start = result
        window.attach(GuiContext(app_obj, url), start)
        focus_autosave(window)
        list_shown()
        window.warm_up()
        log.info("Datenbank bereit nach %.0f ms", (time.perf_counter() - started) * 1000)
        if report:
            print(f"Datenbank bereit nach {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)

    window.reopen = open_database
    QTimer.singleShot(0, peek_then_open)
    if quit_after is not None:
        QTimer.singleShot(int(quit_after * 1000), app.quit)
    code = app.exec()
    window.autosave_all()
    if window.context is not None:
        window.context.close()
    return int(code)
