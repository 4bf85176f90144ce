"""Start the desktop application: window first, database after, fonts, translations, error hook."""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from kimdesk.l10n.i18n import set_language
from kimdesk.resources import resource_path
from kimdesk.services.logs import setup_logging
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import AppOpener, Recovery
from kimdesk.ui.errors import ExceptionHook
from kimdesk.ui.main_window import MainWindow
from kimdesk.ui.startup import open_in_background
from kimdesk.ui.tasks import install_bridge

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


def resolve_db_url(db_url: str | None, config: GuiConfig) -> str | None:
    """``--db`` wins, then ``KIMDESK_DB``, then the location chosen in the settings, then the default."""
    return db_url or os.environ.get("KIMDESK_DB") or config.database_url or None


def run_gui(
    db_url: str | None,
    *,
    quit_after: float | None = None,
    opener: AppOpener,
    recovery: Recovery | None = None,
) -> int:
    """The event loop of the desktop application; returns the exit code.

    The caller (``kimdesk gui``) passes in the composition root: ``opener`` (``kimdesk.app.open_app``)
    and ``recovery`` (the module ``kimdesk.app``, for the restore dialog).

    Start-up order, for a usable window as early as possible: the window is shown first, before
    SQLAlchemy or ReportLab are imported; then one task on the thread pool opens the database
    (SQLAlchemy import, revision check, migrations if needed) and reads the master data and the
    first page of the list, and the window attaches on the GUI thread when that task is done.
    """
    started = time.perf_counter()
    config = GuiConfig()
    app = create_application(config.language)
    window = MainWindow(config, opener)
    window.show()
    print(SHOWN_MESSAGE, flush=True)
    log_path = setup_logging()
    hook = ExceptionHook(log_path, window.autosave_all, lambda: window)
    hook.install()
    log.info("Hauptfenster nach %.0f ms", (time.perf_counter() - started) * 1000)

    url = resolve_db_url(db_url, config)
    window.recovery = recovery
    window.database_path = recovery.database_file(url) if recovery is not None else None
    report = bool(os.environ.get("KIMDESK_STARTUP_REPORT"))  # for bench/bench_gui.py

    def quit_later() -> None:
        if quit_after is not None:
            QTimer.singleShot(int(quit_after * 1000), app.quit)

    def open_database() -> None:
        open_in_background(
            window,
            url,
            opener,
            started=started,
            report=(lambda line: print(line, flush=True)) if report else None,
            ask=quit_after is None,
            finished=None
            if quit_after is None
            else lambda: QTimer.singleShot(int(quit_after * 1000), app.quit),
        )

    window.reopen = open_database
    QTimer.singleShot(0, open_database)
    code = app.exec()
    window.autosave_all()
    if window.context is not None:
        window.context.close()
    return int(code)
