"""Writing the files kimdesk hands out (PDFs, exchange files): whole or not at all."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from kimdesk.domain.errors import KimdeskError

log = logging.getLogger(__name__)


def write_atomically(
    path: Path, data: bytes, *, what: str = "Ausgabedatei", create_folder: bool = False
) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, and move it into place.

    A reader never sees half a file and an existing file stays intact if writing fails. Problems come
    back as a German ``KimdeskError`` naming ``what`` and the path.
    """
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if create_folder:
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise KimdeskError(f"{what}: Der Ordner „{folder}“ existiert nicht.")
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise KimdeskError(f"{what}: „{path}“ kann nicht geschrieben werden ({exc.strerror}).") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it private; a PDF or export is meant to be shared
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise KimdeskError(f"{what}: „{path}“ kann nicht geschrieben werden ({exc.strerror}).") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    log.info("%s geschrieben: %s (%d Bytes)", what, path, len(data))
    return path
