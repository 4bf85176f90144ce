"""Writing the files and folders kimdesk hands out (PDFs, exchange files, the OParl export): whole or not at
all."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from kimdesk.domain.errors import KimdeskError

log = logging.getLogger(__name__)
T = TypeVar("T")


def _cannot_write(what: str, path: Path, exc: OSError) -> KimdeskError:
    return KimdeskError(f"{what}: „{path}“ kann nicht geschrieben werden ({exc.strerror or exc}).")


def write_atomically(
    path: Path, data: bytes, *, what: str = "Ausgabedatei", create_folder: bool = False
) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, and move it into place.

    A reader never sees half a file and an existing file stays intact if writing fails. Problems come
    back as a German ``KimdeskError`` naming ``what`` and the path.
    """

    def fill(temp: Path) -> None:
        with temp.open("wb") as out:
            out.write(data)

    write_file_atomically(path, fill, what=what, create_folder=create_folder)
    return path.expanduser()


def write_file_atomically(
    path: Path, fill: Callable[[Path], object], *, what: str = "Ausgabedatei", create_folder: bool = False
) -> Path:
    """Let ``fill`` write the new file (by its name) beside ``path``; flush it to disk and move it into
    place — for files too large to hold in memory. If ``fill`` fails or is cancelled, the temporary file
    is removed and an existing file at ``path`` stays as it was (see :func:`write_atomically`).
    """
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if create_folder:
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise KimdeskError(f"{what}: Der Ordner „{folder}“ existiert nicht.")
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
    except OSError as exc:
        raise _cannot_write(what, path, exc) from exc
    temp = Path(temp_name)
    try:
        fill(temp)
        with temp.open("rb+") as out:
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it private; a PDF or export is meant to be shared
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _cannot_write(what, path, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    log.info("%s geschrieben: %s (%d Bytes)", what, path, path.stat().st_size)
    return path


def write_files_atomically(
    paths: Sequence[Path],
    fill: Callable[[list[Path]], object],
    *,
    what: str = "Ausgabedatei",
    create_folder: bool = False,
) -> list[Path]:
    """Like :func:`write_file_atomically` for files made by one job: ``fill`` writes all of them (by
    their temporary names, in the order of ``paths``); they are moved into place only when every one is
    written and on disk. If ``fill`` fails or is cancelled, none is left behind."""
    temps: list[Path] = []
    try:
        for path in paths:
            path = path.expanduser()
            folder = path.parent if str(path.parent) else Path(".")
            if create_folder:
                folder.mkdir(parents=True, exist_ok=True)
            elif not folder.is_dir():
                raise KimdeskError(f"{what}: Der Ordner „{folder}“ existiert nicht.")
            handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
            os.close(handle)
            temps.append(Path(temp_name))
        fill(list(temps))
        for temp in temps:
            with temp.open("rb+") as out:
                os.fsync(out.fileno())
            os.chmod(temp, 0o644)
        for temp, path in zip(temps, paths, strict=True):
            os.replace(temp, path.expanduser())
    except OSError as exc:
        for temp in temps:
            temp.unlink(missing_ok=True)
        failed = Path(exc.filename) if isinstance(exc.filename, str) else paths[0]
        raise _cannot_write(what, failed, exc) from exc
    except BaseException:
        for temp in temps:
            temp.unlink(missing_ok=True)
        raise
    for path in paths:
        log.info("%s geschrieben: %s", what, path)
    return [path.expanduser() for path in paths]


def write_folder_atomically(
    folder: Path, fill: Callable[[Path], T], *, what: str, owns: Callable[[str], bool] = lambda name: True
) -> T:
    """Let ``fill`` write a folder's new content into a temporary sibling, then swap it in.

    The old folder is renamed away, the new one renamed into its place, and the old one deleted. If ``fill``
    fails (or is cancelled), the old folder stays exactly as it was. Entries of the old folder that ``owns``
    does not claim (say a README an administrator put there) are copied into the new one.
    """
    folder = folder.expanduser()
    if folder.is_symlink():
        folder = folder.resolve()  # swap the folder the link points to, keep the link
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".neu"))
    except OSError as exc:
        raise _cannot_write(what, folder, exc) from exc
    try:
        os.chmod(staging, folder.stat().st_mode & 0o7777 if folder.is_dir() else 0o755)
        result = fill(staging)
        if folder.is_dir():
            _carry_over(folder, staging, owns)
        _swap(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _cannot_write(what, folder, exc) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("%s geschrieben: %s", what, folder)
    return result


def _carry_over(folder: Path, staging: Path, owns: Callable[[str], bool]) -> None:
    """Copy what ``owns`` does not claim from the old folder into the new one (unless written anew)."""
    for entry in folder.iterdir():
        target = staging / entry.name
        if owns(entry.name) or target.exists() or target.is_symlink():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True)
        else:
            shutil.copy2(entry, target, follow_symlinks=False)


def _swap(new: Path, folder: Path) -> None:
    """Put ``new`` where ``folder`` is: rename the old one away, the new one in, then delete the old."""
    if not folder.exists():
        os.replace(new, folder)
        return
    old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".alt"))
    os.replace(folder, old / folder.name)  # inside a fresh folder: the name is ours alone
    try:
        os.replace(new, folder)
    except OSError:
        os.replace(old / folder.name, folder)  # put the last good one back
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)
