"""Issue 17 item 4: which words the checker looks at, what the shipped German dictionary says, and the
office dictionary in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kimdesk.resources import resource_path
from kimdesk.services.spelling import (
    EnchantBackend,
    SpellChecker,
    SpellingUnavailable,
    add_office_word,
    load_office_words,
    open_checker,
    tokens,
)


@pytest.fixture(autouse=True)
def _spelling_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIMDESK_SPELLING_DIR", str(tmp_path / "enchant"))
    monkeypatch.delenv("ENCHANT_CONFIG_DIR", raising=False)


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> SpellChecker:
    return SpellChecker(EnchantBackend(config_dir=tmp_path_factory.mktemp("enchant")))


def words(text: str) -> list[str]:
    return [t.word for t in tokens(text)]


def test_numbers_references_links_and_abbreviations_are_not_checked() -> None:
    text = (
        "Vorlage 20/0270 vom 3.4.2025 nach § 9 Abs. 2 TIntG und §§ 27 ff. SGB XII, z.B. die KIM-Stelle "
        "(siehe https://www.kreis-beispiel.de/kim?x=1 oder kim@kreis-beispiel.de), 3a, 2025er NRW-Mittel"
    )
    assert words(text) == ["Vorlage", "vom", "nach", "und", "die", "Stelle", "siehe", "oder", "Mittel"]


def test_halves_of_compounds_are_not_checked() -> None:
    assert words("Sach- und Personalkosten, Einnahmen und -ausgaben, KIM-Stelle") == [
        "und",
        "Personalkosten",
        "Einnahmen",
        "und",
        "Stelle",
    ]


def test_codes_longer_than_a_word_are_not_checked() -> None:
    assert words("Kennung " + "Q" * 40 + "x" * 40 + " Ende") == ["Kennung", "Ende"]


def test_a_word_before_a_dot_may_be_an_abbreviation() -> None:
    found = list(tokens("Siehe Nr. 3 und vgl. Anlage."))
    assert [(t.word, t.dotted) for t in found] == [
        ("Siehe", False),
        ("Nr", True),
        ("und", False),
        ("vgl", True),
        ("Anlage", True),
    ]


def test_the_shipped_dictionary_knows_german_compounds_and_finds_typos(checker: SpellChecker) -> None:
    for word in ("Integrationsmanagement", "Haushaltsjahrs", "Beschlussentwurf", "Fortführung", "Ausschuss"):
        assert checker.is_correct(word), word
    assert checker.is_correct("Nr", dotted=True)
    assert not checker.is_correct("Integratoinsmanagement")
    assert not checker.is_correct("Beschlusentwurf")
    suggestions = checker.suggestions("Integratoinsmanagement")
    assert suggestions[0] == "Integrationsmanagement"
    assert len(checker.suggestions("Sitzng")) <= 8


def test_the_dictionary_and_its_licence_are_shipped() -> None:
    folder = resource_path("dictionaries")
    assert (folder / "hunspell" / "de_DE.aff").is_file()
    assert (folder / "hunspell" / "de_DE.dic").stat().st_size > 1_000_000
    assert "GPL-2+" in (folder / "COPYRIGHT-igerman98.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in (folder / "GPL-2.txt").read_text(encoding="utf-8")


def test_enchant_writes_only_into_the_user_folder(tmp_path: Path) -> None:
    shipped = resource_path("dictionaries")
    before = sorted(p.name for p in shipped.rglob("*"))
    backend = EnchantBackend(config_dir=tmp_path / "user")
    assert backend.check("Vorlage")
    assert sorted(p.name for p in shipped.rglob("*")) == before
    assert (tmp_path / "user" / "hunspell" / "de_DE.dic").is_file()


def test_no_dictionary_gives_a_german_message(uow_factory: Any) -> None:
    with pytest.raises(SpellingUnavailable, match=r"^Rechtschreibprüfung nicht verfügbar: .*xx_XX"):
        open_checker(uow_factory, lambda: EnchantBackend("xx_XX"))


def test_the_office_dictionary_is_one_list_for_everyone(uow_factory: Any, checker: SpellChecker) -> None:
    assert load_office_words(uow_factory) == set()
    add_office_word(uow_factory, "Kimdeskwort")
    add_office_word(uow_factory, " Wulfenbrok ")
    add_office_word(uow_factory, "Kimdeskwort")
    assert load_office_words(uow_factory) == {"Kimdeskwort", "Wulfenbrok"}
    with pytest.raises(ValueError, match="Wörterbuch des Amtes"):
        add_office_word(uow_factory, "  ")

    other = open_checker(uow_factory, lambda: _Nothing())
    assert other.is_correct("Wulfenbrok")
    assert not other.is_correct("Wulfenbruk")
    other.ignore("Wulfenbruk")
    assert other.is_correct("Wulfenbruk")
    assert "Wulfenbruk" not in load_office_words(uow_factory)


class _Nothing:
    def check(self, word: str) -> bool:
        return False

    def suggest(self, word: str) -> list[str]:
        return []


def test_the_command_line_tells_known_words_from_typos(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "KIMDESK_DB": f"sqlite:///{tmp_path / 'spell.sqlite'}",
        "KIMDESK_SPELLING_DIR": str(tmp_path / "enchant"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "kimdesk", "spelling", "Integrationsmanagement", "Integratoinsmanagement"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Integrationsmanagement: richtig",
        "Integratoinsmanagement: unbekannt – Vorschläge: Integrationsmanagement",
    ]
