"""A corpus of hostile exchange files: each refused at the door by ``kimdesk import`` — one German message
naming the JSON path, no traceback — and the database exactly as before (SQLite and PostgreSQL).

The files are made here from the demo office's own export: one new Vorlage ("99/0001", a copy of a draft with
its own ids) is appended, so that every file is fine but for the one hostile change.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kimdesk.cli import main
from kimdesk.domain import limits
from kimdesk.services.exchange import export_document
from tests.hostile_db import demo_db_fixture  # noqa: F401 (the demo_db fixture)

Doc = dict[str, Any]
NEW = "$.papers[7]"  # the appended Vorlage, after the demo's seven
DEEP = 100_000


def _base(exported: Doc) -> Doc:
    doc = copy.deepcopy(exported)
    paper = copy.deepcopy(doc["papers"][5])  # 20/0340: a draft with a funding module
    paper["id"] = str(uuid.uuid4())
    paper["reference"] = "99/0001"
    for module in paper["fundingModules"]:
        module["id"] = str(uuid.uuid4())
    sign_off = copy.deepcopy(doc["papers"][1]["signOffs"][0])
    sign_off["id"] = str(uuid.uuid4())
    paper["signOffs"] = [sign_off]
    doc["papers"].append(paper)
    return doc


def new(doc: Doc) -> Doc:
    paper: Doc = doc["papers"][7]
    return paper


def setting(*path: Any, value: Any) -> Callable[[Doc], Doc]:
    """A mutation that sets ``value`` at ``path`` (below the new Vorlage)."""

    def mutate(doc: Doc) -> Doc:
        target: Any = new(doc)
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        return doc

    return mutate


def raw_in_title(raw: str) -> Callable[[Doc], str]:
    """The file's text with ``raw`` JSON where the new Vorlage's title is."""

    def mutate(doc: Doc) -> str:
        new(doc)["title"] = "@@RAW@@"
        return json.dumps(doc).replace('"@@RAW@@"', raw, 1)

    return mutate


def _nested_objects(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def _dup_key(doc: Doc) -> str:
    new(doc)["title"] = "@@RAW@@"
    return json.dumps(doc).replace('"title": "@@RAW@@"', '"title": "eins", "title": "zwei"', 1)


def _module_shared(doc: Doc) -> Doc:
    new(doc)["fundingModules"][0]["id"] = doc["papers"][6]["fundingModules"][0]["id"]
    return doc


def _sign_off_twice(doc: Doc) -> Doc:
    new(doc)["signOffs"].append(copy.deepcopy(new(doc)["signOffs"][0]))
    return doc


def _org_twice(doc: Doc) -> Doc:
    doc["organizations"].append({**doc["organizations"][0], "name": "Zweites Amt"})
    return doc


def _person_twice(doc: Doc) -> Doc:
    doc["persons"].append({**doc["persons"][0], "name": "Zweite Person"})
    return doc


def _too_many_orgs(doc: Doc) -> Doc:
    doc["organizations"] += [
        {"id": str(uuid.uuid4()), "name": f"Amt {i}", "kind": "department"} for i in range(5001)
    ]
    return doc


def _long_rationale(doc: Doc) -> Doc:
    new(doc)["rationale"] = [{"kind": "paragraph", "spans": [{"text": "x" * 60_000}]} for _ in range(2)]
    return doc


def _amount(value: str) -> Callable[[Doc], Doc]:
    return setting("financialImpact", "amounts", value=_amounts(value))


def _amounts(value: str) -> dict[str, dict[str, str]]:
    return {"expense": {"annual": value}}


def at(case: str, *path: Any, value: Any, words: str) -> tuple[str, Callable[[Doc], Doc], str, str]:
    """A case that sets ``value`` at ``path`` of the new Vorlage and expects ``words`` at that path."""
    where = NEW + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    return case, setting(*path, value=value), where, words


AMOUNT = f"{NEW}.financialImpact.amounts.expense.annual"
MODULE = f"{NEW}.fundingModules[0]"

# (id, mutation of the document → document or file text or bytes, JSON path in the message, German words)
CASES: list[tuple[str, Callable[[Doc], Any], str, str]] = [
    # -- the file itself ---------------------------------------------------------------------------
    ("not-utf8", lambda d: b'{"format": "kimdesk-exchange\xff"}', "$", "nicht UTF-8"),
    ("truncated", lambda d: json.dumps(d)[:-40], "$", "kein gültiges JSON"),
    ("trailing-data", lambda d: json.dumps(d) + " {}", "$", "weitere Daten"),
    ("empty", lambda d: "", "$", "kein gültiges JSON"),
    ("not-an-object", lambda d: "[1, 2, 3]", "$", "falscher Typ"),
    # one part is read whole: at most 16 MB (the file is read part by part; its own limit: below)
    ("entry-too-big", raw_in_title(" " * (16 * 2**20 + 1) + '"x"'), NEW, "größer als 16 MB"),
    (
        "top-part-too-big",
        lambda d: json.dumps(d).replace('"organizations": [', '"organizations": [' + " " * 2**24, 1),
        "$.organizations",
        "größer als 16 MB",
    ),
    # -- nesting -----------------------------------------------------------------------------------
    ("nest-arrays-title", raw_in_title("[" * DEEP + "]" * DEEP), f"{NEW}.title", "verschachtelt"),
    ("nest-objects-title", raw_in_title(_nested_objects(DEEP)), f"{NEW}.title.a", "verschachtelt"),
    ("nest-root", lambda d: "[" * DEEP + "]" * DEEP, "$[0][0]", "verschachtelt"),
    ("nest-21-levels", raw_in_title(_nested_objects(18)), f"{NEW}.title.a", "verschachtelt"),
    # -- numbers that are no numbers ---------------------------------------------------------------
    ("nan", raw_in_title("NaN"), f"{NEW}.title", "NaN ist keine Zahl"),
    ("infinity", lambda d: json.dumps(d).replace('"version": 2', '"version": Infinity'), "$.version", "Zahl"),
    ("int-5000-digits", raw_in_title("1" * 5000), f"{NEW}.title", "Stellen ist zu groß"),
    ("float-1e400", raw_in_title("1e400"), f"{NEW}.title", "zu groß"),
    ("duplicate-key", _dup_key, f"{NEW}.title", "doppelt"),
    ("minutes-10e20", setting("minutesExtracts", value=10**20), f"{NEW}.minutesExtracts", "zu groß"),
    ("minutes-10e18", setting("minutesExtracts", value=10**18), f"{NEW}.minutesExtracts", "Bereich"),
    ("order-10e18", setting("signOffs", 0, "order", value=10**18), f"{NEW}.signOffs[0].order", "Bereich"),
    ("amount-as-number", _amount(100), AMOUNT, "falscher Typ"),  # type: ignore[arg-type]
    # -- NUL and lone surrogates -------------------------------------------------------------------
    ("nul-title", setting("title", value="Betreff\x00"), f"{NEW}.title", "Nullzeichen"),
    ("nul-reference", setting("reference", value="99/\x000001"), f"{NEW}.reference", "Nullzeichen"),
    (
        "nul-span",
        setting("rationale", value=[{"kind": "paragraph", "spans": [{"text": "a\x00"}]}]),
        f"{NEW}.rationale[0].spans[0].text",
        "Nullzeichen",
    ),
    (
        "nul-remark",
        setting("signOffs", 0, "remark", value="\x00"),
        f"{NEW}.signOffs[0].remark",
        "Nullzeichen",
    ),
    ("nul-key", setting("signature", value={"na\x00me": "x"}), f"{NEW}.signature", "Nullzeichen"),
    (
        "nul-org-name",
        lambda d: (d["organizations"][0].update(name="Amt\x00"), d)[1],
        "$.organizations[0].name",
        "Nullzeichen",
    ),
    (
        "nul-person-function",
        lambda d: (d["persons"][0].update(function="\x00"), d)[1],
        "$.persons[0].function",
        "Nullzeichen",
    ),
    ("surrogate-title", setting("title", value="\ud800"), f"{NEW}.title", "Ersatzpaar"),
    ("surrogate-low", setting("draftResolution", value="ok \udfff"), f"{NEW}.draftResolution", "Ersatzpaar"),
    ("surrogate-key", setting("signature", value={"\udc80": "x"}), f"{NEW}.signature", "Ersatzpaar"),
    (
        "surrogate-module-notes",
        setting("fundingModules", 0, "notes", value="\ud83d"),
        f"{MODULE}.notes",
        "Ersatzpaar",
    ),
    ("uuid-with-newline", setting("id", value=str(uuid.uuid4()) + "\n"), f"{NEW}.id", "ungültiges Format"),
    # -- amounts and posts -------------------------------------------------------------------------
    ("amount-1e20", _amount("1" + "0" * 20), AMOUNT, "999999999.99"),
    ("amount-1e40", _amount("1" + "0" * 40), AMOUNT, "999999999.99"),
    ("amount-30-decimals", _amount("1." + "3" * 30), AMOUNT, "zwei Nachkommastellen"),
    ("amount-one-billion", _amount("1000000000.00"), AMOUNT, "999999999.99"),
    ("amount-negative", _amount("-1.00"), AMOUNT, "ungültiges Format"),
    ("amount-exponent", _amount("1E+5"), AMOUNT, "ungültiges Format"),
    ("amount-newline", _amount("100.00\n"), AMOUNT, "ungültiges Format"),
    ("amount-arabic-digits", _amount("١٠٠"), AMOUNT, "ungültiges Format"),
    (
        "own-contribution-1e20",
        setting("fundingModules", 0, "ownContribution", value="1" + "0" * 20),
        f"{MODULE}.ownContribution",
        "999999999.99",
    ),
    (
        "rate-30-decimals",
        setting("fundingModules", 0, "rate", "annualPerPost", value="1." + "0" * 30),
        f"{MODULE}.rate.annualPerPost",
        "zwei Nachkommastellen",
    ),
    ("posts-1e30", setting("fundingModules", 0, "posts", value="1" + "0" * 30), f"{MODULE}.posts", "1000"),
    ("posts-1001", setting("fundingModules", 0, "posts", value="1001"), f"{MODULE}.posts", "1000 Stellen"),
    (
        "posts-1000.5",
        setting("fundingModules", 0, "posts", value="1000.5"),
        f"{MODULE}.posts",
        "1000 Stellen",
    ),
    (
        "posts-4-decimals",
        setting("fundingModules", 0, "posts", value="0.0001"),
        f"{MODULE}.posts",
        "drei Nachkommastellen",
    ),
    (
        "module-111-years",
        lambda d: (new(d)["fundingModules"][0].update(startYear=1990, endYear=2100), d)[1],
        f"{MODULE}.endYear",
        "höchstens 10 Jahre",
    ),
    # -- timestamps and dates ----------------------------------------------------------------------
    at("created-year-0", "created", value="0000-01-01T00:00:00+00:00", words="kein Zeitpunkt"),
    at("created-year-99999", "created", value="99999-01-01T00:00:00+00:00", words="ungültiges Format"),
    at("created-naive", "created", value="2020-01-01T00:00:00", words="Zeitzone"),
    at("modified-year-1", "modified", value="0001-01-01T00:00:00+01:00", words="Jahr 1 liegt nicht"),
    at("modified-year-9999", "modified", value="9999-12-31T23:59:59-01:00", words="Jahr 9999 liegt nicht"),
    at(
        "signed-month-13",
        "signOffs",
        0,
        "signedAt",
        value="2020-13-45T00:00:00+00:00",
        words="kein Zeitpunkt",
    ),
    at("created-hour-25", "created", value="2020-01-01T25:00:00+00:00", words="kein Zeitpunkt"),
    at("offset-24h", "created", value="2020-01-01T00:00:00+24:00", words="kein Zeitpunkt"),
    at("meeting-date-year-0", "consultations", 0, "meetingDate", value="0000-01-01", words="kein Datum"),
    at("due-date-feb-30", "signOffs", 0, "dueDate", value="2020-02-30", words="kein Datum"),
    # -- ids -----------------------------------------------------------------------------------------
    ("module-id-shared", _module_shared, f"{MODULE}.id", "doppelt"),
    ("sign-off-id-twice", _sign_off_twice, f"{NEW}.signOffs[1].id", "doppelt"),
    ("organization-id-twice", _org_twice, "$.organizations[7].id", "doppelt"),
    ("person-id-twice", _person_twice, "$.persons[7].id", "doppelt"),
    (
        "reference-20-digits",
        setting("reference", value="20/99999999999999999999"),
        f"{NEW}.reference",
        "zu groß",
    ),
    # -- sizes ---------------------------------------------------------------------------------------
    ("title-10mb", setting("title", value="x" * 10_000_000), f"{NEW}.title", "zu lang"),
    ("title-1001", setting("title", value="x" * 1001), f"{NEW}.title", "höchstens 1000"),
    (
        "draft-resolution-20001",
        setting("draftResolution", value="x" * 20_001),
        f"{NEW}.draftResolution",
        "zu lang",
    ),
    (
        "rationale-501-blocks",
        setting("rationale", value=[{"kind": "paragraph"}] * 501),
        f"{NEW}.rationale",
        "zu viele",
    ),
    ("rationale-120000-chars", _long_rationale, f"{NEW}.rationale", "Begründung ist zu lang"),
    (
        "consultations-31",
        setting("consultations", value=[{"role": "noting", "public": True}] * 31),
        f"{NEW}.consultations",
        "zu viele",
    ),
    ("organizations-5008", _too_many_orgs, "$.organizations", "zu viele"),
]


def _write(path: Path, content: Any) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content), encoding="utf-8")  # ASCII: lone surrogates as \ud800


@pytest.mark.parametrize(("mutate", "where", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_file_is_refused_with_its_path_and_changes_nothing(
    demo_db: tuple[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], mutate, where, words
):
    url, uow_factory = demo_db
    before = export_document(uow_factory)
    path = tmp_path / "hostile.json"
    _write(path, mutate(_base(before)))

    code = main(["--db", url, "import", str(path)])

    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err and len(err) < 20_000, err[:2000]
    lines = err.splitlines()
    assert lines[0].startswith("kimdesk: ") and "nichts wurde geändert" in lines[0], err[:2000]
    assert any(line.strip().startswith(where) and words in line for line in lines[1:]), err[:2000]
    assert export_document(uow_factory) == before


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(
    demo_db: tuple[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    url, uow_factory = demo_db
    before = export_document(uow_factory)
    path = tmp_path / "huge.kimdesk.json"
    with path.open("wb") as handle:  # sparse: 64 GB + 1 byte that take no room
        handle.truncate(limits.MAX_FILE_BYTES + 1)

    code = main(["--db", url, "import", str(path)])

    err = capsys.readouterr().err
    assert code == 1 and "größer als 64 GB" in err and "nichts wurde geändert" in err, err
    assert export_document(uow_factory) == before


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 50 and len({c[0] for c in CASES}) == len(CASES)
