"""The list's order by year and number, whatever the numbering scheme."""

from __future__ import annotations

from kimdesk.domain.numbering import list_sort_key, year_and_number


def _newest_first(fmt: str, references: list[tuple[str, int]]) -> list[str]:
    return [r for r, _ in sorted(references, key=lambda p: list_sort_key(fmt, p[0], p[1]), reverse=True)]


def test_number_then_year_scheme_sorts_by_year_first():
    # As text "362/21" stands above "197/23"; by year and number it is below.
    refs = [("362/21", 2021), ("197/23", 2023), ("9/23", 2023), ("1000/21", 2021)]
    assert _newest_first("{n}/{yy}", refs) == ["197/23", "9/23", "1000/21", "362/21"]


def test_default_scheme_keeps_its_order_and_numbers_beyond_four_digits_sort_as_numbers():
    refs = [("20/0270", 2020), ("20/10000", 2020), ("21/0001", 2021), ("20/0311", 2020)]
    assert _newest_first("{yy}/{n:04d}", refs) == ["21/0001", "20/10000", "20/0311", "20/0270"]


def test_a_running_counter_with_a_prefix_sorts_by_its_number():
    refs = [("SV-9-0010", 2024), ("SV-9-0009", 2024), ("SV-9-0100", 2024), ("SV-9-0002", 2025)]
    assert _newest_first("SV-9-{n:04d}", refs) == ["SV-9-0002", "SV-9-0100", "SV-9-0010", "SV-9-0009"]


def test_a_reference_of_another_scheme_sorts_by_its_last_digits_in_the_vorlage_year():
    assert year_and_number("{yy}/{n:04d}", "BV/12/2020-7", 2020) == (2020, 7)
    assert year_and_number("{yy}/{n:04d}", "frei", 2021) == (2021, 0)
    refs = [("A-10", 2022), ("A-9", 2022), ("frei", 2022), ("22/0001", 2022)]
    assert _newest_first("{yy}/{n:04d}", refs) == ["A-10", "A-9", "22/0001", "frei"]


def test_keys_are_unique_for_equal_year_and_number():
    assert list_sort_key("{yy}/{n:04d}", "X-1", 2022) != list_sort_key("{yy}/{n:04d}", "Y-1", 2022)
