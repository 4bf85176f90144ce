"""gettext for user-facing texts: German source strings, English catalog; ``_()`` everywhere."""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "kimdesk"
LANGUAGES = {"de": "Deutsch", "en": "English"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "de"


def set_language(language: str) -> None:
    """Switch the catalog; German is the source language, unknown codes fall back to it."""
    global _translation, _language
    _language = language if language in LANGUAGES else "de"
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Marks a string for extraction where it must be translated later (module constants)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
