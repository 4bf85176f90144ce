"""The install/test scripts, the README's commands and the PyInstaller spec stay consistent with the code."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kimdesk import resources

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = [*sorted((ROOT / "scripts").glob("*.sh")), ROOT / ".ci" / "run"]
SPEC = (ROOT / "kimdesk.spec").read_text(encoding="utf-8")


def fenced_blocks(markdown: str) -> list[str]:
    return [block.strip() for block in re.findall(r"^```[^\n]*\n(.*?)^```", markdown, re.M | re.S)]


def test_readme_opens_with_the_start_and_the_test_command() -> None:
    blocks = fenced_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert blocks[:2] == ["bash scripts/start.sh", "bash scripts/test.sh"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in ci
    assert ci.rstrip().splitlines()[-1] == "bash scripts/test.sh"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_shell_scripts_parse(script: Path) -> None:
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_setup_rejects_unknown_options_without_installing_anything() -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "setup.sh"), "--tset"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "unbekannte Option '--tset'" in result.stderr


def test_test_script_stops_postgres_on_every_exit_and_requires_it() -> None:
    text = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "trap finish EXIT" in text
    assert "export KIMDESK_REQUIRE_PG=1" in text
    assert "KIMDESK_TEST_PG_URL=" in text
    assert "frozen_smoke.sh" in text


def spec_resource_folders() -> set[str]:
    match = re.search(r'for folder in \(([^)]*)\):\n    datas \+= tree\(ROOT / "resources"', SPEC)
    assert match, "kimdesk.spec must list the resources/ folders it bundles"
    return set(ast.literal_eval(f"({match.group(1)})"))


def resource_folders_used_by_code() -> set[str]:
    used = set()
    for path in (ROOT / "kimdesk").rglob("*.py"):
        for call in re.findall(r"resource_path\(\s*[\"']([^\"']+)[\"']", path.read_text(encoding="utf-8")):
            used.add(call.split("/")[0])
    return used


def test_every_resource_folder_the_code_reads_is_bundled() -> None:
    """A folder missing from the spec works in development and fails on the office PC."""
    used = resource_folders_used_by_code()
    assert {"fonts", "funding"} <= used  # the scan itself works
    assert used <= spec_resource_folders()


def test_bundled_resource_folders_exist_with_content() -> None:
    for folder in spec_resource_folders() & resource_folders_used_by_code():
        assert any((ROOT / "resources" / folder).iterdir()), folder
    fonts = {p.name for p in (ROOT / "resources" / "fonts").glob("*.ttf")}
    assert {
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    } <= fonts


def test_alembic_migrations_are_shipped_as_files() -> None:
    """Alembic reads env.py, the template and versions/*.py from disk; the spec collects .py/.mako/.ini."""
    migrations = ROOT / "kimdesk" / "storage" / "migrations"
    assert 'tree(MIGRATIONS, "kimdesk/storage/migrations", suffixes=(".py", ".mako", ".ini"))' in SPEC
    assert (migrations / "env.py").is_file()
    assert list((migrations / "versions").glob("0001*.py"))
    shipped = {".py", ".mako", ".ini"}
    other = [
        p
        for p in migrations.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in shipped | {".pyc"}
    ]
    assert other == [], f"the spec would leave these out of the frozen build: {other}"


def test_compiled_translations_exist_for_the_bundle() -> None:
    locale = ROOT / "kimdesk" / "l10n" / "locale"
    assert 'tree(PACKAGE / "l10n" / "locale", "kimdesk/l10n/locale", suffixes=(".mo",))' in SPEC
    for po in locale.rglob("*.po"):
        assert po.with_suffix(".mo").is_file(), f"{po} has no compiled .mo to bundle"


def test_spec_builds_a_console_and_a_windowed_program_in_one_folder() -> None:
    """Both programs in one folder on Windows; on Linux the windowed one would only double the Python
    archive (the frozen smoke test checks that it is not built there)."""
    assert 'program("kimdesk", console=True)' in SPEC
    assert re.search(
        r'programs = \[cli_exe, program\("kimdesk-gui", console=False\)\] if sys\.platform == "win32" '
        r"else \[cli_exe\]",
        SPEC,
    )
    assert re.search(r"COLLECT\(\s*\*programs,", SPEC)
    assert "exclude_binaries=True" in SPEC


def test_frozen_build_finds_resources_in_its_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resources.resource_path("fonts", "DejaVuSans.ttf").is_file()  # development: the repository
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert (
        resources.resource_path("fonts", "DejaVuSans.ttf")
        == tmp_path / "resources" / "fonts" / "DejaVuSans.ttf"
    )


def test_windowed_build_can_print_without_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """kimdesk-gui.exe starts with sys.stdout = None; printing must not crash the program."""
    import kimdesk.__main__ as entry

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    entry._ensure_std_streams()
    print("Hauptfenster angezeigt")
    print("Warnung", file=sys.stderr)
    sys.stdout.close()
    sys.stderr.close()


def test_app_icon_has_windows_and_linux_sizes() -> None:
    from PIL import Image

    icons = ROOT / "resources" / "icons"
    with Image.open(icons / "kimdesk.ico") as ico:
        sizes = ico.info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes)
    assert (icons / "kimdesk-256.png").is_file()
