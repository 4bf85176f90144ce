"""The "save as" dialog of kimdesk: one that never opens the files it lists.

Qt's file dialog asks the icon provider for each listed file's icon and type name, and the default
provider guesses both from the *content* (MIME magic) when the name is not enough: it opens and
closes ``kimdesk.sqlite``, ``-wal``, ``-shm`` … whenever their folder is shown. On Linux and macOS
that ``close()`` drops every POSIX lock this process holds on the file — SQLite's included
(strace of the GUI showed exactly this; docs/STORAGE.md). The dialogs here judge files by their
names only, and are Qt's own dialog outside Windows (the platform dialogs of Linux desktops sniff
content inside this process too).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QFileInfo, QMimeDatabase, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

__all__ = ["NameOnlyIconProvider", "open_file_name", "open_file_names", "save_file_name"]


#: The folder of the last file chosen in any of kimdesk's dialogs (this run), where the next one starts.
_last_folder: Path | None = None


def start_folder() -> Path:
    """Where a dialog without a folder of its own starts, as in Word: the folder of the last file
    chosen, else the user's documents folder, else the home folder — never the program's working
    folder (on an office PC that is wherever the shortcut started it, often the installation)."""
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def _remember(chosen: list[str]) -> list[str]:
    global _last_folder
    if chosen and chosen[0]:
        _last_folder = Path(chosen[0]).parent
    return chosen


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the file name alone; no file is opened."""

    def __init__(self) -> None:
        super().__init__()
        self._mime = QMimeDatabase()

    def type(self, info: QFileInfo) -> str:
        if not info.isFile():
            return super().type(info)  # folders and drives: no content is read
        mime = self._mime.mimeTypeForFile(info, QMimeDatabase.MatchMode.MatchExtension)
        return mime.comment() or mime.name()

    def icon(self, what: QFileInfo | QFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = QFileIconProvider.IconType.Folder if what.isDir() else QFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)


def save_file_name(
    parent: QWidget | None,
    caption: str,
    suggestion: str = "",
    name_filter: str = "",
    *,
    confirm_overwrite: bool = True,
) -> str:
    """Like ``QFileDialog.getSaveFileName`` (the chosen path, or "" if cancelled)."""
    dialog = QFileDialog(parent, caption, str(start_folder()), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, sys.platform != "win32")
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    if suggestion:
        path = Path(suggestion)
        if path.is_dir():
            dialog.setDirectory(str(path))
        else:
            if path.parent != Path():
                dialog.setDirectory(str(path.parent))
            dialog.selectFile(path.name)
    try:
        chosen = _remember(list(dialog.selectedFiles())) if dialog.exec() else []
        return chosen[0] if chosen else ""
    finally:
        dialog.deleteLater()


def _open_dialog(
    parent: QWidget | None, caption: str, name_filter: str, mode: QFileDialog.FileMode
) -> list[str]:
    """The existing files chosen in kimdesk's open dialog (none if cancelled)."""
    dialog = QFileDialog(parent, caption, str(start_folder()), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(mode)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, sys.platform != "win32")
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    try:
        return _remember(list(dialog.selectedFiles())) if dialog.exec() else []
    finally:
        dialog.deleteLater()


def open_file_names(parent: QWidget | None, caption: str, name_filter: str = "") -> list[str]:
    """Like ``QFileDialog.getOpenFileNames``: the existing files chosen (none if cancelled)."""
    return _open_dialog(parent, caption, name_filter, QFileDialog.FileMode.ExistingFiles)


def open_file_name(parent: QWidget | None, caption: str, name_filter: str = "") -> str:
    """Like ``QFileDialog.getOpenFileName`` (the chosen existing file, or "" if cancelled)."""
    chosen = _open_dialog(parent, caption, name_filter, QFileDialog.FileMode.ExistingFile)
    return chosen[0] if chosen else ""
