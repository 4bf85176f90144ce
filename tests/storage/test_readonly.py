"""The quick read-only load for ``kimdesk pdf`` (plain sqlite3) gives exactly what the repository
gives, touches nothing, and steps aside for every other case, which then behaves as before."""

from __future__ import annotations

import copy
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Boolean, Date, DateTime, Uuid, select

from kimdesk.cli import main
from kimdesk.domain.errors import NotFoundError
from kimdesk.domain.masterdata import Office, Person, SignOffRole
from kimdesk.domain.model import Paper
from kimdesk.services.demo import load_demo, load_full_demo
from kimdesk.services.export import load_for_pdf
from kimdesk.storage import readonly, values
from kimdesk.storage.base import Base
from kimdesk.storage.database import Database
from kimdesk.storage.readonly import COLUMN_DECODERS, load_paper_and_office
from kimdesk.storage.types import ExactDecimal, JsonText, Money, UtcDateTime
from tests.strategies import papers

DEMO_REFERENCES = ["20/0262", "20/0270", "20/0281", "20/0311", "20/0325", "20/0340", "21/0012"]


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def demo_sqlite(sqlite_url: str) -> Iterator[Database]:
    db = Database.open(sqlite_url)
    try:
        added, _meetings = load_full_demo(db.uow_factory)
        assert sorted(added) == DEMO_REFERENCES
        yield db
    finally:
        db.close()


# --- the same values as the ORM --------------------------------------------------------------------


def _expected_decoder(column: Any) -> Any:
    kinds = [
        (UtcDateTime, values.sqlite_utc_datetime),
        (Money, values.money_from_cents),
        (ExactDecimal, values.decimal_from_stored),
        (JsonText, values.json_from_text),
        (Uuid, values.sqlite_uuid),
        (Boolean, values.sqlite_bool),
        (DateTime, values.sqlite_datetime),
        (Date, values.sqlite_date),
    ]
    for kind, decoder in kinds:
        if isinstance(column.type, kind):
            return decoder
    return None


def test_column_decoders_follow_the_models_column_types() -> None:
    """Every table the loader reads is decoded as its model's column types say (no column left out)."""
    for table_name, decoders in COLUMN_DECODERS.items():
        table = Base.metadata.tables[table_name]
        expected = {c.name: _expected_decoder(c) for c in table.columns if _expected_decoder(c)}
        assert decoders == expected, table_name


def test_every_column_of_every_demo_row_decodes_like_the_orm(demo_sqlite: Database) -> None:
    path = _path(demo_sqlite.url)
    conn = readonly.connect_read_only(path)
    try:
        with demo_sqlite.session() as session:
            for mapper in Base.registry.mappers:
                table = mapper.local_table
                if table.name not in COLUMN_DECODERS:
                    continue
                order = [c.name for c in table.primary_key.columns]
                records = readonly._records(
                    conn, table.name, f"SELECT * FROM {table.name} ORDER BY {', '.join(order)}"
                )
                rows = session.scalars(select(mapper.class_).order_by(*table.primary_key.columns)).all()
                assert len(records) == len(rows) > 0, table.name
                for record, row in zip(records, rows, strict=True):
                    for attr in mapper.column_attrs:
                        name = attr.columns[0].name
                        assert getattr(record, name) == getattr(row, attr.key), (table.name, name)
                        assert type(getattr(record, name)) is type(getattr(row, attr.key)), (table.name, name)
    finally:
        conn.close()


# --- the same Vorlagen and office ----------------------------------------------------------------


def test_demo_vorlagen_equal_the_repository_and_nothing_is_written(demo_sqlite: Database) -> None:
    url = demo_sqlite.url
    expected = {ref: load_for_pdf(demo_sqlite.uow_factory, ref) for ref in DEMO_REFERENCES}
    # while the database is open (a -wal file beside it: read-only in one read transaction)
    for ref in DEMO_REFERENCES:
        assert load_paper_and_office(url, ref) == expected[ref], ref
    office = expected["20/0270"][1]
    assert office.sign_off_roles and office.default_signatory and office.record_bodies
    # the demo has every kind of part somewhere
    loaded = [paper for paper, _office in expected.values()]
    assert any(p.consultations and p.consultations[0].rapporteur for p in loaded)
    assert any(p.funding_modules and p.funding_modules[0].rate for p in loaded)
    assert any(p.financial_impact.amounts for p in loaded)
    assert any(p.sign_offs for p in loaded) and any(p.resolution_record for p in loaded)
    assert any(p.lead_department for p in loaded)
    # closed (no -wal: read as immutable): the folder stays byte for byte as it was
    demo_sqlite.close()
    folder = _path(url).parent
    before = _files(folder)
    assert not any(name.endswith(("-wal", "-shm")) for name in before)
    for ref in DEMO_REFERENCES:
        assert load_paper_and_office(url, f" {ref} ") == expected[ref], ref
    assert _files(folder) == before


def test_office_never_saved_is_the_default_office(sqlite_url: str) -> None:
    db = Database.open(sqlite_url)
    try:
        paper = Paper(reference="26/0001", title="Ohne Amtseinstellungen")
        with db.uow_factory() as uow:
            uow.papers.add(paper)
            uow.commit()
        loaded = load_paper_and_office(sqlite_url, "26/0001")
        assert loaded == load_for_pdf(db.uow_factory, "26/0001")
        assert loaded is not None and loaded[1] == Office()
    finally:
        db.close()


def test_office_roles_with_missing_holders_and_order_of_the_list(sqlite_url: str) -> None:
    db = Database.open(sqlite_url)
    try:
        mayor, deputy = Person("Anna Amt", "Bürgermeisterin"), Person("Ben Vertretung")
        office = Office(
            municipality="Stadt Beispiel",
            default_signatory=mayor,
            record_bodies=["Rates"],
            sign_off_roles=[
                SignOffRole("z", "Zuletzt", order=0, holder=None, deputy=deputy),
                SignOffRole("a", "Zuerst", order=5, holder=mayor, deputy=None),
            ],
        )
        with db.uow_factory() as uow:
            uow.office.save(office)
            uow.papers.add(Paper(reference="26/0002"))
            uow.commit()
        loaded = load_paper_and_office(sqlite_url, "26/0002")
        assert loaded is not None
        assert loaded[1] == load_for_pdf(db.uow_factory, "26/0002")[1] == office
    finally:
        db.close()


@pytest.fixture(scope="module")
def props_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(f"sqlite:///{tmp_path_factory.mktemp('readonly') / 'kimdesk.sqlite'}")
    load_demo(db.uow_factory)  # an office with roles and persons
    yield db
    db.close()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(paper=papers())
def test_generated_vorlagen_equal_the_repository(props_db: Database, paper: Paper) -> None:
    paper.reference = f"H/{uuid.uuid4().hex[:12]}"
    expected = copy.deepcopy(paper)
    expected.version = 1
    with props_db.uow_factory() as uow:
        uow.papers.add(paper)
        uow.commit()
    repository = load_for_pdf(props_db.uow_factory, paper.reference)
    assert repository[0] == expected
    assert load_paper_and_office(props_db.url, paper.reference) == repository


# --- every other case: None here, the ordinary way decides ----------------------------------------


def test_unknown_reference_gives_the_repositorys_german_error(
    demo_sqlite: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert load_paper_and_office(demo_sqlite.url, "99/9999") is None
    with demo_sqlite.uow_factory() as uow, pytest.raises(NotFoundError) as raised:
        uow.papers.get_by_reference("99/9999")
    assert main(["--db", demo_sqlite.url, "pdf", "99/9999", "-o", str(tmp_path / "x.pdf")]) == 1
    assert capsys.readouterr().err == f"kimdesk: {raised.value.message}\n"
    assert raised.value.message == "Vorlage Nr. 99/9999: gibt es nicht."
    assert not (tmp_path / "x.pdf").exists()


def test_other_databases_and_urls_are_not_read_here(tmp_path: Path) -> None:
    assert load_paper_and_office("postgresql+psycopg://kim@127.0.0.1:1/kimdesk", "20/0270") is None
    assert load_paper_and_office("sqlite://", "20/0270") is None
    assert load_paper_and_office(f"sqlite:///{tmp_path / 'fehlt.sqlite'}", "20/0270") is None
    assert not (tmp_path / "fehlt.sqlite").exists()
    garbage = tmp_path / "kaputt.sqlite"
    garbage.write_bytes(b"keine Datenbank" * 100)
    assert load_paper_and_office(f"sqlite:///{garbage}", "20/0270") is None


def test_damaged_file_falls_back_to_the_ordinary_german_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garbage = tmp_path / "kaputt.sqlite"
    garbage.write_bytes(b"keine Datenbank" * 100)
    assert main(["--db", f"sqlite:///{garbage}", "pdf", "20/0270", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "keine lesbare SQLite-Datenbank" in capsys.readouterr().err


def test_any_error_while_reading_means_the_ordinary_way(
    demo_sqlite: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection, reference: str) -> None:
        raise ValueError("unerwartet")

    monkeypatch.setattr(readonly, "_load", broken)
    assert load_paper_and_office(demo_sqlite.url, "20/0270") is None


def test_a_file_written_while_read_as_immutable_is_not_trusted(
    demo_sqlite: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = demo_sqlite.url
    demo_sqlite.close()
    real_load = readonly._load

    def load_while_another_program_writes(conn: sqlite3.Connection, reference: str) -> Any:
        loaded = real_load(conn, reference)
        writer = sqlite3.connect(_path(url))
        writer.execute("UPDATE papers SET title = 'geändert' WHERE reference = ?", (reference,))
        writer.commit()
        writer.close()
        return loaded

    monkeypatch.setattr(readonly, "_load", load_while_another_program_writes)
    assert load_paper_and_office(url, "20/0270") is None


def test_newer_database_is_refused_as_before_and_left_untouched(
    demo_sqlite: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_sqlite.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    demo_sqlite.close()
    folder = _path(demo_sqlite.url).parent
    before = _files(folder)
    assert load_paper_and_office(demo_sqlite.url, "20/0270") is None
    assert main(["--db", demo_sqlite.url, "pdf", "20/0270", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "neueren kimdesk-Version" in capsys.readouterr().err
    assert _files(folder) == before


def test_older_database_is_migrated_by_the_ordinary_way(demo_sqlite: Database, tmp_path: Path) -> None:
    from alembic import command

    url = demo_sqlite.url
    assert main(["--db", url, "pdf", "20/0270", "-o", str(tmp_path / "current.pdf")]) == 0
    config = Database._alembic_config()
    with demo_sqlite.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    demo_sqlite.close()
    assert load_paper_and_office(url, "20/0270") is None
    assert main(["--db", url, "pdf", "20/0270", "-o", str(tmp_path / "older.pdf")]) == 0
    backups = [p.name for p in _path(url).parent.iterdir() if ".bak-0004-" in p.name]
    assert len(backups) == 1
    assert load_paper_and_office(url, "20/0270") is not None  # at head again
    assert (tmp_path / "older.pdf").read_bytes() == (tmp_path / "current.pdf").read_bytes()


@pytest.mark.postgres
def test_postgresql_takes_the_ordinary_way_and_gives_the_same_pdf(
    pg_url: str, demo_sqlite: Database, tmp_path: Path
) -> None:
    db = Database.open(pg_url)
    try:
        load_full_demo(db.uow_factory)
    finally:
        db.close()
    assert load_paper_and_office(pg_url, "20/0270") is None
    assert main(["--db", pg_url, "pdf", "20/0270", "-o", str(tmp_path / "pg.pdf")]) == 0
    assert main(["--db", demo_sqlite.url, "pdf", "20/0270", "-o", str(tmp_path / "sqlite.pdf")]) == 0
    assert (tmp_path / "pg.pdf").read_bytes() == (tmp_path / "sqlite.pdf").read_bytes()


def test_sqlite_uris_work_for_windows_drives_and_shares(tmp_path) -> None:
    import sqlite3
    from pathlib import PurePosixPath, PureWindowsPath

    from kimdesk.storage.readonly import file_uri

    assert file_uri(PureWindowsPath(r"C:\Users\amt\kimdesk.sqlite")) == "file:///C:/Users/amt/kimdesk.sqlite"
    assert (
        file_uri(PureWindowsPath(r"\\fileserver\amt\kimdesk.sqlite"))
        == "file:////fileserver/amt/kimdesk.sqlite"
    )
    assert file_uri(PurePosixPath("/srv/kimdesk/kimdesk.sqlite")) == "file:///srv/kimdesk/kimdesk.sqlite"
    # SQLite accepts the share form (an authority would be refused: "invalid uri authority")
    local = tmp_path / "ein Ordner mit Ä" / "k.sqlite"
    local.parent.mkdir()
    sqlite3.connect(local).close()
    sqlite3.connect(f"{file_uri(local)}?mode=ro", uri=True).close()
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect("file://fileserver/amt/kimdesk.sqlite?mode=ro", uri=True)


def test_a_database_on_a_windows_share_is_recognised() -> None:
    from pathlib import PurePosixPath, PureWindowsPath

    from kimdesk.storage.database import on_network_share

    assert on_network_share(PureWindowsPath(r"\\fileserver\amt\kimdesk.sqlite"))
    assert not on_network_share(PureWindowsPath(r"C:\Users\amt\kimdesk.sqlite"))
    assert not on_network_share(PurePosixPath("/home/amt/.local/share/kimdesk/kimdesk.sqlite"))
