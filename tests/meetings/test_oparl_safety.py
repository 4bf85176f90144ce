"""The OParl export replaces the last good one only when it is complete; the server lets no foreign web page
read it unless one origin is named."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kimdesk.cli import main
from kimdesk.domain.errors import KimdeskError, ValidationError
from kimdesk.services.oparl_export import export_oparl, serve

BASE = "http://127.0.0.1:8765/oparl"


@pytest.fixture
def app(demo_sqlite_url: str) -> Iterator[Any]:
    from kimdesk.app import open_app

    opened = open_app(demo_sqlite_url)
    yield opened
    opened.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class BreaksOnSecond:
    """A renderer that fails on the second Vorlage, as a full disk or a ReportLab error would."""

    def __init__(self, renderer: Any) -> None:
        self.renderer, self.calls = renderer, 0

    def render_paper(self, paper: Any, office: Any, *, attachments: Any = ()) -> bytes:
        self.calls += 1
        if self.calls == 2:
            raise KimdeskError("PDF: kaputt")
        data: bytes = self.renderer.render_paper(paper, office)
        return data


def test_a_failed_or_cancelled_export_leaves_the_last_good_one_byte_identical(
    app: Any, tmp_path: Path
) -> None:
    out = tmp_path / "exporte" / "oparl"
    first = export_oparl(app.uow_factory, app.renderer, out, BASE, include_non_public=True)
    (out / "LIESMICH.txt").write_text("vom Administrator", encoding="utf-8")
    before = snapshot(out)
    assert first.files >= 2 and "system.json" in before and any(k.startswith("files/") for k in before)

    with pytest.raises(KimdeskError, match="kaputt"):
        export_oparl(app.uow_factory, BreaksOnSecond(app.renderer), out, BASE)
    assert snapshot(out) == before
    with pytest.raises(KimdeskError, match="abgebrochen"):
        export_oparl(app.uow_factory, app.renderer, out, BASE, progress=lambda done, total: False)
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["oparl"]  # no half-written sibling left behind

    # A complete export replaces it: without --all the non-public items are gone; foreign files stay.
    second = export_oparl(app.uow_factory, app.renderer, out, BASE)
    after = snapshot(out)
    assert second.documents < first.documents and after != before
    assert after["LIESMICH.txt"] == b"vom Administrator"
    assert [p.name for p in out.parent.iterdir()] == ["oparl"]


def get(port: int, path: str = "/") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Origin": "https://boese.example"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.parametrize(
    ("origin", "header"),
    [
        (None, None),
        ("https://ris.example.de", "https://ris.example.de"),
        ("HTTP://Intra:8080/", "http://intra:8080"),
    ],
)
def test_served_export_has_no_wildcard_cors_header(
    tmp_path: Path, origin: str | None, header: str | None
) -> None:
    (tmp_path / "system.json").write_text('{"type": "https://schema.oparl.org/1.1/System"}', encoding="utf-8")
    server = serve(tmp_path, 0) if origin is None else serve(tmp_path, 0, cors_origin=origin)
    try:
        response = get(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
    assert response.status == 200
    assert response.getheader("Access-Control-Allow-Origin") == header


@pytest.mark.parametrize("origin", ["*", "null", "ris.example.de", "https://ris.example.de/oparl", "ftp://x"])
def test_cors_accepts_only_one_plain_origin(origin: str) -> None:
    with pytest.raises(ValidationError, match="kein Ursprung"):
        serve(Path("."), 0, cors_origin=origin)


def test_cli_refuses_a_wildcard_or_cors_without_serve(
    demo_sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "oparl"
    assert main(["--db", demo_sqlite_url, "oparl", str(out), "--serve", "8765", "--cors", "*"]) == 1
    assert "--cors: „*“ ist kein Ursprung wie https://ris.example.de" in capsys.readouterr().err
    assert (
        main(["--db", demo_sqlite_url, "oparl", str(out), "--base-url", BASE, "--cors", "https://a.de"]) == 1
    )
    assert "--cors: gilt nur zusammen mit --serve PORT." in capsys.readouterr().err
    assert not out.exists()  # refused before anything was written
