"""German spell checking: words of a text, which to leave alone, the office dictionary, the backend.

The backend is Enchant (``pyenchant``) with its Hunspell provider and the igerman98 dictionary that kimdesk
ships in ``resources/dictionaries/hunspell`` (GPL-2+, licence beside it). Enchant 2 looks for Hunspell
dictionaries in ``$ENCHANT_CONFIG_DIR/hunspell`` first (documented in enchant(1), "FILES AND DIRECTORIES");
it also writes its personal word lists there, so that folder is a user folder (``spelling_dir()``), never
the program's: the shipped dictionary is copied into it once (and again when the program brings a new one).
The system's dictionaries (``/usr/share/hunspell``) remain a fallback.

No Qt here: the GUI asks :class:`SpellChecker` from a worker thread; Hunspell is not thread-safe, so every
backend call holds one lock.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from platformdirs import user_cache_dir

from kimdesk.l10n.i18n import _
from kimdesk.resources import resource_path
from kimdesk.services.ports import UnitOfWorkFactory

LANGUAGE = "de_DE"
SUGGESTION_LIMIT = 8
#: The office dictionary: one settings entry, a sorted list of words.
OFFICE_WORDS_KEY = "spelling:office-words"
#: Longer "words" are codes or pasted data, not language (Hunspell itself stops at 100 bytes).
MAX_WORD = 60
#: Overrides the user folder Enchant is pointed at (tests, portable installs).
SPELLING_DIR_ENV = "KIMDESK_SPELLING_DIR"

# Spans that are never checked: URLs, e-mail addresses, § references with their law's name,
# abbreviations with inner dots (z.B., u.a., i.V.m.).
_SKIP = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|§§?\s*\d+\w*(?:\s*(?:ff?\.|Abs\.|Absatz|S\.|Satz|Nr\.|Nummer|Buchst\.|lit\.)\s*\w+)*"
    r"(?:\s+[A-ZÄÖÜ][\wÄÖÜäöüß]*)?"
    r"|\b(?:[^\W\d_]{1,3}\.){2,}"
)
_WORD = re.compile(r"\w+(?:['’]\w+)?")


@dataclass(frozen=True, slots=True)
class Token:
    """A word to check: where it starts in the text, how long it is, and whether a dot follows it."""

    start: int
    word: str
    dotted: bool = False

    @property
    def length(self) -> int:
        return len(self.word)


def is_ignored(word: str) -> bool:
    """Words never flagged: numbers and anything with a digit (20/0270, 3a), single letters, codes longer than
    60 letters, abbreviations
    in capitals up to five letters (KIM, NRW, SGB) and names of laws with inner capitals (TIntG, BauGB)."""
    if not 2 <= len(word) <= MAX_WORD or any(ch.isdigit() or ch == "_" for ch in word):
        return True
    if word.isupper() and len(word) <= 5:
        return True
    return any(ch.isupper() for ch in word[1:])


def tokens(text: str) -> Iterator[Token]:
    """The words of ``text`` worth checking, in order (cheap: regular expressions only, no dictionary)."""
    skipped = [(m.start(), m.end()) for m in _SKIP.finditer(text)]
    index = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        while index < len(skipped) and skipped[index][1] <= start:
            index += 1
        if index < len(skipped) and skipped[index][0] < end:
            continue
        word = match.group()
        if is_ignored(word) or _truncated(text, start, end):
            continue
        yield Token(start, word, dotted=text[end : end + 1] == ".")


def _truncated(text: str, start: int, end: int) -> bool:
    """Half of a compound with an Ergänzungsstrich: "Sach- und Personalkosten", "Einnahmen und -ausgaben"."""
    after = text[end + 1 : end + 2]
    if text[end : end + 1] == "-" and not (after.isalnum() or after == "_"):
        return True
    return start > 0 and text[start - 1] == "-" and (start == 1 or text[start - 2].isspace())


class SpellBackend(Protocol):
    """A dictionary: Enchant's in the program, a test double in tests."""

    def check(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


class SpellingUnavailable(Exception):
    """No dictionary could be opened; ``str(exc)`` is the German message for the user."""


class SpellChecker:
    """Answers for single words: known to the dictionary, the office dictionary or ignored this session."""

    def __init__(self, backend: SpellBackend, office_words: Iterable[str] = ()) -> None:
        self._backend = backend
        self._lock = threading.Lock()
        self._office = set(office_words)
        self._session: set[str] = set()

    def is_correct(self, word: str, dotted: bool = False) -> bool:
        """``dotted``: a dot follows the word, so it may be an abbreviation the dictionary has (Abs., Nr.)."""
        if is_ignored(word) or word in self._office or word in self._session:
            return True
        with self._lock:
            if self._backend.check(word):
                return True
            return dotted and self._backend.check(word + ".")

    def suggestions(self, word: str, limit: int = SUGGESTION_LIMIT) -> list[str]:
        with self._lock:
            found = self._backend.suggest(word)
        unique = list(dict.fromkeys(s for s in found if s != word))
        return unique[:limit]

    def ignore(self, word: str) -> None:
        """„Ignorieren“: the word counts as correct until the program ends."""
        self._session.add(word)

    def knows_office_word(self, word: str) -> bool:
        return word in self._office

    def add_office_word(self, uow_factory: UnitOfWorkFactory, word: str) -> None:
        """„Zum Wörterbuch des Amtes hinzufügen“: stored for the whole office (call off the GUI thread)."""
        self._office |= add_office_word(uow_factory, word)


def load_office_words(uow_factory: UnitOfWorkFactory) -> set[str]:
    with uow_factory() as uow:
        stored = uow.settings.get(OFFICE_WORDS_KEY)
    return {str(word) for word in stored} if isinstance(stored, list) else set()


def add_office_word(uow_factory: UnitOfWorkFactory, word: str) -> set[str]:
    """Add ``word`` to the office dictionary (words others added meanwhile are kept); all words after it."""
    word = word.strip()
    if not word:
        raise ValueError(_("Wörterbuch des Amtes: leeres Wort"))
    with uow_factory() as uow:
        stored = uow.settings.get(OFFICE_WORDS_KEY)
        words = {str(w) for w in stored} if isinstance(stored, list) else set()
        words.add(word)
        uow.settings.put(OFFICE_WORDS_KEY, sorted(words))
        uow.commit()
    return words


def spelling_dir() -> Path:
    """``$KIMDESK_SPELLING_DIR`` or ``enchant`` in the user's cache folder."""
    return Path(
        os.environ.get(SPELLING_DIR_ENV) or Path(user_cache_dir("kimdesk", appauthor=False)) / "enchant"
    )


def provide_dictionary(language: str, target: Path) -> bool:
    """Copy the shipped Hunspell files of ``language`` to ``target/hunspell`` unless the same are there."""
    shipped = resource_path("dictionaries", "hunspell")
    names = [f"{language}.aff", f"{language}.dic"]
    if not all((shipped / name).is_file() for name in names):
        return False
    folder = target / "hunspell"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        source, copy = shipped / name, folder / name
        if copy.is_file() and copy.read_bytes() == source.read_bytes():
            continue
        partial = folder / (name + ".part")
        shutil.copyfile(source, partial)
        os.replace(partial, copy)
    return True


class EnchantBackend:
    """The Hunspell dictionary through Enchant."""

    def __init__(self, language: str = LANGUAGE, config_dir: Path | None = None) -> None:
        folder = config_dir or spelling_dir()
        try:
            if provide_dictionary(language, folder):
                # Enchant 2's documented configuration folder, read when a dictionary is requested.
                os.environ["ENCHANT_CONFIG_DIR"] = str(folder)
        except OSError as exc:
            raise SpellingUnavailable(
                _(
                    "Rechtschreibprüfung nicht verfügbar: Ordner {folder} nicht beschreibbar ({error})."
                ).format(folder=folder, error=exc.strerror or exc)
            ) from exc
        try:
            import enchant
        except ImportError as exc:  # the library or its C part (libenchant-2) is missing
            raise SpellingUnavailable(
                _("Rechtschreibprüfung nicht verfügbar: die Bibliothek Enchant fehlt ({error}).").format(
                    error=str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                )
            ) from exc
        broker = enchant.Broker()
        if not broker.dict_exists(language):
            raise SpellingUnavailable(
                _("Rechtschreibprüfung nicht verfügbar: kein Wörterbuch für {language} gefunden.").format(
                    language=language
                )
            )
        self._dict = broker.request_dict(language)
        self._broker = broker  # the dictionary belongs to the broker: keep it alive

    def check(self, word: str) -> bool:
        return bool(self._dict.check(word))

    def suggest(self, word: str) -> list[str]:
        return list(self._dict.suggest(word))


def open_checker(
    uow_factory: UnitOfWorkFactory, backend: Callable[[], SpellBackend] = EnchantBackend
) -> SpellChecker:
    """The checker with the office dictionary; SpellingUnavailable (German message) without a dictionary.

    Loads a dictionary and reads the database: call it off the GUI thread."""
    return SpellChecker(backend(), load_office_words(uow_factory))
