"""The GUI's own settings (database location, language, window geometry) in an ini file."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir
from PySide6.QtCore import QByteArray, QSettings

CONFIG_ENV = "KIMDESK_CONFIG_DIR"


def config_dir() -> Path:
    """``$KIMDESK_CONFIG_DIR`` (tests, portable installs) or the platform's user config folder."""
    return Path(os.environ.get(CONFIG_ENV) or user_config_dir("kimdesk", appauthor=False))


class GuiConfig:
    """Typed access to ``kimdesk-gui.ini``; every key has its default here."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "kimdesk-gui.ini"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def database_url(self) -> str:
        return str(self._settings.value("database/url", "") or "")

    @database_url.setter
    def database_url(self, value: str) -> None:
        self._settings.setValue("database/url", value)
        self._settings.sync()

    @property
    def language(self) -> str:
        return str(self._settings.value("ui/language", "de") or "de")

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("ui/language", value)
        self._settings.sync()

    def geometry(self) -> QByteArray | None:
        value = self._settings.value("ui/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("ui/geometry", value)
        self._settings.sync()
