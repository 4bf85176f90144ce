"""The hash-pinned lock files (scripts/lock.sh) match pyproject.toml, and the install uses them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
APP_LOCK = ROOT / "requirements" / "app.txt"
ALL_LOCK = ROOT / "requirements" / "all.txt"
#: ``name==version [; marker] \`` followed by its ``--hash=sha256:…`` lines.
ENTRY = re.compile(
    r"^([A-Za-z0-9][\w.-]*)==(\S+)(?: ; [^\\\n]*)? \\\n((?:    --hash=sha256:[0-9a-f]{64}.*\n)+)", re.M
)


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """Package -> (version, number of hashes) for every pin in a lock file."""
    text = path.read_text(encoding="utf-8")
    entries = {canonicalize_name(m[1]): (m[2], m[3].count("--hash=")) for m in ENTRY.finditer(text)}
    pins = [line for line in text.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(pins) == len(entries), "every pin in the lock file must carry sha256 hashes"
    return entries


def pinned(requirements: list[str]) -> dict[str, str]:
    versions = {}
    for text in requirements:
        requirement = Requirement(text)
        [spec] = requirement.specifier  # pyproject.toml pins exactly: one ``==`` each
        assert spec.operator == "==", text
        versions[canonicalize_name(requirement.name)] = spec.version
    return versions


RUNTIME = pinned(PYPROJECT["project"]["dependencies"])
EXTRAS = pinned([r for group in PYPROJECT["project"]["optional-dependencies"].values() for r in group])


@pytest.mark.parametrize(
    ("lock", "wanted"), [(APP_LOCK, RUNTIME), (ALL_LOCK, RUNTIME | EXTRAS)], ids=["app", "all"]
)
def test_every_pinned_dependency_is_locked_at_the_same_version(lock: Path, wanted: dict[str, str]) -> None:
    """After a pyproject.toml change without `bash scripts/lock.sh` the install would differ from the test."""
    entries = locked(lock)
    versions = {name: version for name, (version, _) in entries.items()}
    assert {name: versions.get(name) for name in wanted} == wanted
    assert all(count >= 1 for _, count in entries.values())
    # The build backend is locked too (setup.sh installs kimdesk with --no-build-isolation).
    assert {"setuptools", "wheel"} <= set(entries)


def test_app_lock_is_the_all_lock_without_the_extras() -> None:
    """The same package never has two versions: app.txt is resolved against all.txt."""
    app, full = locked(APP_LOCK), locked(ALL_LOCK)
    assert set(app) <= set(full)
    assert {name: app[name][0] for name in app} == {name: full[name][0] for name in app}
    assert set(EXTRAS).isdisjoint(app)  # pytest, mypy, pyinstaller … stay out of a runtime install
    # transitive dependencies are locked too, e.g. ReportLab's pillow and SQLAlchemy's typing-extensions
    assert {"pillow", "typing-extensions", "shiboken6", "mako"} <= set(app)


def test_setup_installs_only_from_the_lock_files() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert 'pip install --require-hashes -r "$lock"' in setup
    assert "pip install --no-deps --no-build-isolation -e ." in setup
    assert "lock=requirements/app.txt" in setup and "lock=requirements/all.txt" in setup
    assert not re.search(r"pip install -e \"?\$spec", setup)  # the old unpinned install
    # "skip when unchanged" is keyed on the lock files: a new lock reinstalls
    assert "cat requirements/app.txt requirements/all.txt pyproject.toml | sha256sum" in setup
    lock_script = (ROOT / "scripts" / "lock.sh").read_text(encoding="utf-8")
    assert "--generate-hashes" in lock_script and "--universal" in lock_script
