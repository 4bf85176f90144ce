"""Start-up by design: the window is shown first, the database opens on the thread pool.

:func:`open_in_background` is called after the window is visible. One task opens the database
(importing SQLAlchemy, checking the revision, migrating if needed) and reads the count and first
page of the list, which the GUI thread shows at once (the list is usable: it scrolls and loads
further pages); the same task then reads master data and the funding catalogue, and the window attaches (every
action enabled) when it is done; today's automatic backup (the first start of a day) follows on a
thread of its own (:mod:`kimdesk.ui.daily_backup`). The GUI thread never waits for the database and
never imports SQLAlchemy or ReportLab on the way to a usable list.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable

from kimdesk.domain.errors import DatabaseDamagedError, KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services.list_head import ListHead
from kimdesk.ui import dialogs
from kimdesk.ui.context import AppLike, AppOpener, GuiContext
from kimdesk.ui.daily_backup import DailyBackup
from kimdesk.ui.main_window import MainWindow
from kimdesk.ui.paper_tabs import focus_autosave
from kimdesk.ui.start_data import StartData, load_first_page, load_start_data
from kimdesk.ui.tasks import Task, run_task, to_main

log = logging.getLogger(__name__)


def open_in_background(
    window: MainWindow,
    url: str | None,
    opener: AppOpener,
    *,
    started: float | None = None,
    report: Callable[[str], None] | None = None,
    ask: bool = True,
    finished: Callable[[], None] | None = None,
) -> Task:
    """Open ``url`` with ``opener`` off the GUI thread, then attach ``window`` to it.

    ``report`` receives the start-up milestones (``bereit nach … ms`` when the list is usable,
    ``Datenbank bereit nach … ms`` when every action is); ``ask`` False shows no dialog if opening
    fails (smoke tests), the status bar says so either way. ``finished`` is called on the GUI
    thread after either.
    """
    begin = time.perf_counter() if started is None else started

    def elapsed() -> float:
        return (time.perf_counter() - begin) * 1000

    def work() -> tuple[AppLike, StartData]:
        app_obj = opener(url, backup=False)
        try:
            first = load_first_page(app_obj.uow_factory)
            to_main(list_ready, app_obj, first)  # delivered before the result below (one queue)
            return app_obj, load_start_data(app_obj.uow_factory, first=first)
        except BaseException:
            app_obj.close()
            raise

    def list_ready(app_obj: AppLike, first: ListHead) -> None:
        if task.cancelled:
            return
        window.show_list(app_obj.uow_factory, first)
        log.info("Liste nach %.0f ms", elapsed())
        if report is not None:
            window.repaint()
            report(f"bereit nach {elapsed():.0f} ms")

    def attach(result: tuple[AppLike, StartData]) -> None:
        app_obj, start = result
        window.attach(GuiContext(app_obj, url), start)
        focus_autosave(window.paper_tabs)
        window.warm_up()
        # The first start of a day copies and checks the database — minutes with gigabytes of
        # Anlagen — on a thread of its own while the clerk already works (kimdesk.ui.daily_backup).
        window.daily_backup = DailyBackup(window, app_obj, ask=ask)
        window.daily_backup.start()
        log.info("Datenbank bereit nach %.0f ms", elapsed())
        if report is not None:
            report(f"Datenbank bereit nach {elapsed():.0f} ms")
        collect_again()
        if finished is not None:
            finished()

    def failed(exc: BaseException) -> None:
        # DatabaseError has a German message; anything else is logged
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        if isinstance(exc, KimdeskError):
            log.warning("Datenbank nicht geöffnet: %s", exc.message)
        else:
            log.error("Datenbank nicht geöffnet", exc_info=exc)
        window.status_label.setText(_("Datenbank nicht geöffnet"))
        collect_again()
        if ask and isinstance(exc, DatabaseDamagedError):
            from kimdesk.ui.restore_dialog import offer_restore

            offer_restore(window, message)
        elif ask:
            dialogs.warn(
                window,
                _("Datenbank"),
                _(
                    "Die Datenbank konnte nicht geöffnet werden:\n{error}\n\n"
                    "Unter Datei → Einstellungen kann ein anderer Ort gewählt "
                    "werden."
                ).format(error=message),
            )
        if finished is not None:
            finished()

    task = run_task(work, attach, failed)
    return task


def collect_again() -> None:
    """Start-up is over: the cycle collector, paused by ``kimdesk gui`` while the program loads, runs
    again; what start-up built (modules, classes, the window) is frozen out of its walks, so that its
    full collections stay short while the clerk works. Nothing to do if it was not paused (tests)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
