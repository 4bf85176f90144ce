"""The meeting commands as a clerk types them: one-line German errors, files where asked, OParl on disk."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pypdf import PdfReader

from kimdesk.cli import main
from kimdesk.services.oparl_export import serve
from tests.demo_data import NON_PUBLIC_MARKER
from tests.meetings.oparl_schemas import schema_problems
from tests.meetings.pdfs import store_anlage, tiny_pdf


@pytest.fixture
def db(demo_sqlite_url: str) -> str:
    return demo_sqlite_url


def run(db: str, *args: str) -> int:
    return main(["--db", db, *args])


def test_list_and_show(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "meeting", "list") == 0
    out = capsys.readouterr().out
    assert "IR-2020-09-09      09.09.2020 17:00  durchgeführt" in out and "IR-2020-11-04" in out
    assert run(db, "meeting", "show", "IR-2020-09-09") == 0
    out = capsys.readouterr().out
    assert "TOP 4     Kommunales Integrationsmanagement  [20/0270]" in out
    assert "→ zur Kenntnis genommen" in out
    assert out.index("Öffentlicher Teil") < out.index("Nichtöffentlicher Teil") < out.index("TOP 7")


def test_create_add_move_and_result(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "meeting", "create", "IR", "02.12.2020", "17:00", "--location", "Rathaus") == 0
    assert "Sitzung IR-2020-12-02 angelegt" in capsys.readouterr().out
    assert run(db, "meeting", "candidates", "IR-2020-12-02") == 0
    assert "20/0325   Kenntnisnahme" in capsys.readouterr().out
    assert run(db, "meeting", "add", "IR-2020-12-02", "20/0325") == 0
    assert run(db, "meeting", "add", "IR-2020-12-02", "--title", "Personalsachen", "--non-public") == 0
    assert run(db, "meeting", "add", "IR-2020-12-02", "--title", "Mitteilungen", "--position", "1") == 0
    assert run(db, "meeting", "move", "IR-2020-12-02", "2", "1") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-3:] == [
        "TOP 1     Bericht über die Arbeit des Kommunalen Integrationszentrums 2019/2020",
        "TOP 2     Mitteilungen",
        "TOP 3     Personalsachen",
    ]
    assert run(db, "meeting", "result", "IR-2020-11-04", "2", "vertagt", "--to", "IR-2020-12-02") == 0
    assert "TOP 2: vertagt" in capsys.readouterr().out


def test_user_mistakes_give_one_german_line(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        (("meeting", "create", "IR", "31.02.2020", "17:00"), "Datum: „31.02.2020“ ist kein Datum"),
        (("meeting", "create", "IR", "01.02.2021", "25:00"), "Beginn: „25:00“ ist keine Uhrzeit"),
        (("meeting", "result", "IR-2020-09-09", "4", "vielleicht"), "Ergebnis: „vielleicht“ ist unbekannt"),
        (("meeting", "show", "HFA-2020-01-01"), "Sitzung: Eine Sitzung „HFA-2020-01-01“ gibt es nicht"),
        (("meeting", "add", "IR-2020-11-04", "20/0270"), "Beratungsfolge: Vorlage 20/0270"),
        (("meeting", "remove", "IR-2020-09-09", "4"), "TOP: TOP 4 hat schon ein Ergebnis"),
        (("meeting", "state", "IR-2020-09-09", "geplant"), "Status: Die Sitzung"),
        (("extract", "IR-2020-09-09", "6"), "Protokollauszug: Für TOP 6"),
        (("oparl", "out"), "Basis-URL: --base-url angeben"),
    ]
    for args, message in cases:
        assert run(db, *args) == 1, args
        err = capsys.readouterr().err
        assert err.startswith("kimdesk: ") and message in err, (args, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_packet_extract_and_attach_write_files(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    anlage = tmp_path / "Statistik.pdf"
    anlage.write_bytes(tiny_pdf("ANLAGE", 3))
    assert run(db, "attach", "20/0340", str(anlage)) == 0  # a draft
    assert "Anlage 1 „Statistik.pdf“" in capsys.readouterr().out
    assert run(db, "attach", "20/0340") == 0
    assert capsys.readouterr().out.startswith("1. Statistik.pdf")
    assert run(db, "attach", "20/0340", "--remove", "Statistik.pdf") == 0
    assert capsys.readouterr().out == "Anlage „Statistik.pdf“ entfernt.\n"
    store_anlage(db, "20/0270", "Statistik.pdf", anlage.read_bytes())  # decided on 09.09.2020
    monkeypatch.chdir(tmp_path)
    assert run(db, "packet", "IR-2020-09-09") == 0
    full = Path(capsys.readouterr().out.strip())
    assert full == tmp_path / "Sitzungsmappe_IR-2020-09-09.pdf"
    assert run(db, "packet", "IR-2020-09-09", "--public", "-o", str(tmp_path / "presse.pdf")) == 0
    public = Path(capsys.readouterr().out.strip())
    assert len(PdfReader(full).pages) > len(PdfReader(public).pages)
    assert NON_PUBLIC_MARKER not in "".join(p.extract_text() for p in PdfReader(public).pages)
    assert run(db, "extract", "IR-2020-09-09", "TOP 4", "-o", str(tmp_path)) == 0
    assert Path(capsys.readouterr().out.strip()).name == "Protokollauszug_IR-2020-09-09_TOP4.pdf"


def test_oparl_export_on_disk_passes_the_validator_and_can_be_served(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "oparl"
    base = "http://127.0.0.1:8765/oparl"
    # 20/0270 was decided in the demo meeting: it is published with its PDF and its Anlage.
    anlage = tiny_pdf("ANLAGE")
    store_anlage(db, "20/0270", "Statistik.pdf", anlage)
    assert run(db, "oparl", str(out), "--base-url", base) == 0
    assert "Einstieg: http://127.0.0.1:8765/oparl/system" in capsys.readouterr().out
    files = sorted(out.rglob("*.json"))
    problems = []
    count = 0
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for obj in doc.get("data", [doc]):
            count += 1
            problems += schema_problems(obj, str(path))
    assert problems == [] and count > 30
    papers = json.loads((out / "body").glob("*/paper.json").__next__().read_text(encoding="utf-8"))["data"]
    seed = next(p for p in papers if p["reference"] == "20/0270")
    pdf = out / seed["mainFile"]["accessUrl"].removeprefix(base + "/")
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size == seed["mainFile"]["size"]
    [aux] = seed["auxiliaryFile"]
    assert aux["fileName"] == "Statistik.pdf"
    assert (out / aux["accessUrl"].removeprefix(base + "/")).read_bytes() == anlage
    # A second export into the same folder replaces the first; a foreign folder is refused.
    assert run(db, "oparl", str(out), "--base-url", base) == 0
    foreign = tmp_path / "fremd"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("x", encoding="utf-8")
    assert run(db, "oparl", str(foreign), "--base-url", base) == 1
    assert "nicht leer" in capsys.readouterr().err

    server = serve(out, 0)
    try:
        port = server.server_address[1]
        paper_path = seed["id"].removeprefix(base)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{paper_path}", timeout=10) as response:
            assert response.headers["Content-Type"].startswith("application/json")
            assert json.loads(response.read())["reference"] == "20/0270"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert json.loads(response.read())["type"].endswith("/System")
        request = urllib.request.Request(f"http://127.0.0.1:{port}{paper_path}", data=b"{}", method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 405
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/paper/nichts", timeout=10)
        assert missing.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_chair_and_a_cancellation_with_its_reason(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "meeting", "create", "IR", "02.12.2030", "17:00", "--chair", "Frau Ozturk") == 0
    capsys.readouterr()
    assert run(db, "meeting", "state", "IR-2030-12-02", "durchgeführt") == 1
    assert "hat noch nicht stattgefunden" in capsys.readouterr().err
    assert run(db, "meeting", "state", "IR-2030-12-02", "abgesagt", "--reason", "Krankheit") == 0
    assert "Sitzung IR-2030-12-02: abgesagt" in capsys.readouterr().out
    assert run(db, "meeting", "show", "IR-2030-12-02") == 0
    out = capsys.readouterr().out
    assert "Vorsitz: Frau Ozturk" in out and "Grund:   Krankheit" in out
