"""What the GUI needs from the composition root, as a protocol, plus the few use cases it wraps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services.ports import PdfRenderer, UnitOfWorkFactory

if TYPE_CHECKING:  # the signing code (cryptography) loads on a worker, not with the window
    from kimdesk.services.backup_rows import Backup  # (and Babel, for its dates, with the restore dialog)
    from kimdesk.services.packets import PacketRenderer
    from kimdesk.services.pdf_signatures import SignedPdfMaker


class AppLike(Protocol):
    """``kimdesk.app.App``: the GUI is handed one and never imports storage or pdf itself."""

    @property
    def uow_factory(self) -> UnitOfWorkFactory: ...

    @property
    def renderer(self) -> PdfRenderer: ...

    def renderer_ready(self) -> bool:
        """True once :attr:`renderer` is loaded (then asking for it costs nothing)."""
        ...

    @property
    def packet_renderer(self) -> PacketRenderer: ...

    @property
    def signed_pdf_maker(self) -> SignedPdfMaker:
        """Renders and PAdES-signs a Vorlage's PDF (at release and at the Beschlussvermerk)."""
        ...

    @property
    def database(self) -> Any: ...

    def daily_backup(self, cancelled: Callable[[], bool] | None = None) -> str | None:
        """Today's automatic backup, if due; the German reason if it could not be made
        (``kimdesk.app.App.daily_backup``)."""
        ...

    def close(self) -> None: ...


#: Opens the app for a database URL (``kimdesk.app.open_app``: ``opener(url, migrate=…, backup=…)``),
#: injected by the caller.
AppOpener = Callable[..., AppLike]


class Recovery(Protocol):
    """The restore functions of the composition root: the module ``kimdesk.app``, from ``kimdesk gui``."""

    def database_file(self, db_url: str | None = None) -> Path | None:
        """The SQLite file the program would open for ``db_url`` (None for PostgreSQL)."""
        ...

    def find_backups(self, path: Path) -> Sequence[Backup]: ...

    def check_backup(self, backup: Path) -> Backup: ...

    def restore_backup(self, path: Path, backup: Path) -> Path | None: ...


class GuiContext:
    """The open app and the database URL it came from."""

    def __init__(self, app: AppLike, db_url: str | None = None) -> None:
        self.app = app
        self.db_url = db_url or str(getattr(app.database, "url", "") or "")

    @property
    def uow_factory(self) -> UnitOfWorkFactory:
        return self.app.uow_factory

    def packet_renderer(self) -> PacketRenderer:
        """The session-packet renderer (``kimdesk.app.App.packet_renderer``)."""
        return self.app.packet_renderer

    def renderer(self) -> PdfRenderer | None:
        """None when this build has no PDF renderer."""
        try:
            return self.app.renderer
        except ImportError:
            return None

    def database_file(self) -> Path | None:
        """The SQLite file, if the database is one."""
        url = self.db_url
        for prefix in ("sqlite+pysqlite:///", "sqlite:///"):
            if url.startswith(prefix):
                path = url[len(prefix) :].split("?", 1)[0]
                return Path(path) if path and path != ":memory:" else None
        return None

    def backup(self, target: Path) -> None:
        """A consistent copy of the database to ``target`` (``Database.backup``)."""
        backup = getattr(self.app.database, "backup", None)
        if backup is None:
            raise KimdeskError(_("Sicherung: Diese Datenbank unterstützt keine Sicherung aus kimdesk."))
        backup(target)

    def close(self) -> None:
        self.app.close()
