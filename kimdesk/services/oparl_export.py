"""Writing the OParl 1.1 export to a folder (JSON + Vorlagen as PDF); serving it read-only on 127.0.0.1."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import threading
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from kimdesk.domain.errors import KimdeskError, ValidationError
from kimdesk.services.attachments import write_attachment
from kimdesk.services.export import listed_titles
from kimdesk.services.files import write_folder_atomically
from kimdesk.services.oparl import OparlMapper
from kimdesk.services.oparl_data import ExportedFile, OparlData, published_papers
from kimdesk.services.ports import PdfRenderer, UnitOfWorkFactory

#: The folders an export writes (each also as ``<name>.json``, with ``system.json``); a new export replaces
#: them, anything else in the folder is kept.
OWN_FOLDERS = (
    "body",
    "organization",
    "person",
    "meeting",
    "paper",
    "agendaItem",
    "consultation",
    "file",
    "files",
    "legislativeTerm",
    "location",
)


@dataclass(frozen=True, slots=True)
class OparlExportResult:
    directory: Path
    documents: int
    files: int
    system_url: str


def check_base_url(base_url: str) -> str:
    parsed = urllib.parse.urlsplit(base_url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.query or parsed.fragment:
        raise ValidationError(
            f"Basis-URL: „{base_url}“ ist keine http(s)-Adresse wie https://ris.example.de/oparl."
        )
    return base_url.strip().rstrip("/")


def export_oparl(
    uow_factory: UnitOfWorkFactory,
    renderer: PdfRenderer,
    directory: Path,
    base_url: str,
    *,
    include_non_public: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> OparlExportResult:
    """Write every object as ``<path>.json`` and each published Vorlage's PDF as ``files/<id>.pdf``."""
    base = check_base_url(base_url)
    with uow_factory() as uow:
        office = uow.office.get()
        organizations = uow.organizations.list()
        persons = uow.persons.list()
        meetings = uow.meetings.list()
        papers = [uow.papers.get(paper_id) for paper_id in uow.papers.all_ids()]
        published = published_papers(papers, include_non_public=include_non_public)
        # A non-public Anlage is published only with the non-public part (as its Vorlage would be).
        attachments = {
            p.id: [a for a in uow.attachments.list(p.id) if a.public or include_non_public] for p in published
        }
    _check_target(directory)

    def fill(folder: Path) -> OparlExportResult:
        files_dir = folder / "files"
        files_dir.mkdir()
        main_files: dict[uuid.UUID, ExportedFile] = {}
        aux_files: dict[uuid.UUID, list[ExportedFile]] = {}
        written = 0
        for done, paper in enumerate(published, start=1):
            listed = listed_titles(paper, office, attachments.get(paper.id, []))
            pdf = renderer.render_paper(paper, office, attachments=listed)
            (files_dir / f"{paper.id}.pdf").write_bytes(pdf)
            written += 1
            main_files[paper.id] = ExportedFile(
                id=paper.id,
                name=f"Vorlage {paper.reference}",
                file_name=f"Vorlage_{paper.reference.replace('/', '-')}.pdf",
                path=f"files/{paper.id}.pdf",
                size=len(pdf),
                sha512=hashlib.sha512(pdf).hexdigest(),
                created=paper.created_at,
                modified=paper.modified_at,
            )
            aux_files[paper.id] = []
            for attachment in attachments.get(paper.id, []):
                suffix = Path(attachment.filename).suffix or ".pdf"
                with uow_factory() as uow:
                    sha512 = write_attachment(uow, attachment, files_dir / f"{attachment.id}{suffix}")
                written += 1
                aux_files[paper.id].append(
                    ExportedFile(
                        id=attachment.id,
                        name=attachment.shown_title,
                        file_name=attachment.filename,
                        path=f"files/{attachment.id}{suffix}",
                        size=attachment.size,
                        sha512=sha512,
                        created=attachment.created_at,
                        modified=attachment.created_at,
                        media_type=attachment.media_type,
                    )
                )
            if progress is not None and not progress(done, len(published)):
                raise KimdeskError("OParl-Export: abgebrochen.")
        data = OparlData(
            office=office,
            organizations=organizations,
            persons=persons,
            meetings=meetings,
            papers=papers,
            main_files=main_files,
            attachments=aux_files,
        )
        mapper = OparlMapper(data, base, include_non_public=include_non_public)
        documents = mapper.documents()
        for path, document in documents.items():
            target = folder / f"{path}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        return OparlExportResult(directory, len(documents), written, mapper.system_url)

    # Written beside the folder, then swapped in: a failed or cancelled export leaves the last good one.
    return write_folder_atomically(directory, fill, what="OParl-Export", owns=_owned)


def _owned(name: str) -> bool:
    """Whether an export writes ``name`` at the top of its folder (else it is carried over)."""
    return name.removesuffix(".json") in (*OWN_FOLDERS, "system")


def _check_target(directory: Path) -> None:
    """An empty or missing folder, or one holding an earlier export (which the new one replaces)."""
    try:
        if not directory.exists():
            return
        if not directory.is_dir():
            raise ValidationError(f"Ordner: „{directory}“ ist kein Ordner.")
        entries = {p.name for p in directory.iterdir()}
    except OSError as exc:
        raise KimdeskError(f"Ordner: „{directory}“ kann nicht gelesen werden ({exc.strerror}).") from exc
    if entries and "system.json" not in entries:
        raise ValidationError(
            f"Ordner: „{directory}“ ist nicht leer und enthält keinen früheren OParl-Export; "
            "bitte einen leeren Ordner angeben."
        )


# -- serving ------------------------------------------------------------------------------------------


def check_origin(origin: str) -> str:
    """A web origin such as ``https://ris.example.de`` (scheme, host, optional port), for the CORS header."""
    parsed = urllib.parse.urlsplit(origin.strip())
    if (
        parsed.scheme not in ("http", "https")
        or not parsed.hostname
        or "@" in parsed.netloc
        or parsed.path not in ("", "/")
        or parsed.query
        or parsed.fragment
    ):
        raise ValidationError(
            f"--cors: „{origin}“ ist kein Ursprung wie https://ris.example.de "
            "(Schema und Rechner, ohne Pfad; „*“ ist nicht erlaubt)."
        )
    return f"{parsed.scheme}://{parsed.netloc.lower()}"


class _ReadOnlyHandler(http.server.SimpleHTTPRequestHandler):
    """GET and HEAD only; ``/paper/<id>`` is answered from ``paper/<id>.json``; no directory listings.

    No CORS header unless one origin is named: with ``Access-Control-Allow-Origin: *`` any web page open in
    the clerk's browser could read the export (drafts and non-public items with ``--all``) from 127.0.0.1.
    """

    def __init__(self, *args: Any, cors_origin: str | None = None, **kwargs: Any) -> None:
        self.cors_origin = cors_origin  # before super().__init__, which handles the request
        super().__init__(*args, **kwargs)

    def send_head(self) -> Any:
        path = urllib.parse.urlsplit(self.path).path
        if path in ("", "/"):
            self.path = "/system.json"
        else:
            local = Path(self.translate_path(path))
            if not local.is_file() and Path(f"{local}.json").is_file():
                self.path = path + ".json"
            elif not local.is_file():
                self.send_error(404, "Nicht gefunden")
                return None
        return super().send_head()

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        if str(path).endswith(".json"):
            return "application/json; charset=utf-8"
        return super().guess_type(path)

    def end_headers(self) -> None:
        if self.cors_origin is not None:
            self.send_header("Access-Control-Allow-Origin", self.cors_origin)
        super().end_headers()

    def _refuse(self) -> None:
        self.send_error(405, "Nur lesender Zugriff")

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path, port: int, *, cors_origin: str | None = None) -> http.server.ThreadingHTTPServer:
    """Start serving ``directory`` on 127.0.0.1:``port`` (0 picks a free port) in a daemon thread; only
    ``cors_origin`` (if given) may read it from a web page in a browser.

    Stop with ``server.shutdown(); server.server_close()``.
    """
    origin = check_origin(cors_origin) if cors_origin is not None else None
    handler = partial(_ReadOnlyHandler, directory=str(directory), cors_origin=origin)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise KimdeskError(f"Port: {port} auf 127.0.0.1 ist nicht verfügbar ({exc.strerror}).") from exc
    threading.Thread(target=server.serve_forever, name="oparl-server", daemon=True).start()
    return server
