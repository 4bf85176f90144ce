"""The start-up and speed measures change nothing a reader of the PDF could see.

The parsed-font cache, the kept font subsets, the remembered line breaks and the deferred ReportLab
imports must give the very same bytes as ReportLab left to itself; ``kimdesk pdf`` must not load the
other commands' code, Babel or Pillow.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from kimdesk.cli import build_parser, command_of
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.domain.richtext import RichText
from kimdesk.pdf import fontcache
from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]

#: Greek, Cyrillic, Arabic, Hebrew, box drawing and an emoji: well over 256 characters, so every
#: face needs several embedded subsets.
MANY_GLYPHS = (
    "".join(
        chr(c)
        for block in ((0x391, 0x3CE), (0x410, 0x44F), (0x621, 0x64A), (0x5D0, 0x5EA), (0x2500, 0x257F))
        for c in range(*block)
    )
    + " 😀 <b>&amp;</b>"
)


def many_glyphs_paper(seed: Paper) -> Paper:
    seed.title = "Vielsprachig: " + MANY_GLYPHS[:80]
    seed.rationale = RichText.from_plain(MANY_GLYPHS + "\n\n" + MANY_GLYPHS[::-1])
    seed.draft_resolution = MANY_GLYPHS[100:300]
    return seed


def digests() -> dict[str, str]:
    """SHA-256 of the demo Vorlagen and of one with many scripts, rendered in this process."""
    from kimdesk.services.demo import demo_office, demo_organizations, demo_persons, more_papers, seed_paper

    orgs, persons = demo_organizations(), demo_persons()
    office = demo_office(persons)
    papers = [seed_paper(orgs, persons), *more_papers(orgs, persons)]
    papers.append(many_glyphs_paper(seed_paper(orgs, persons)))
    renderer = PaperPdfRenderer()
    out = {}
    for index, paper in enumerate(papers):
        out[f"{index}:{paper.reference}"] = hashlib.sha256(renderer.render_paper(paper, office)).hexdigest()
    return out


#: ReportLab left to itself: imported the ordinary way before kimdesk.pdf can defer anything, no
#: kept subsets, no remembered line breaks (the font cache is switched off by the environment).
PLAIN_REPORTLAB = """
import reportlab.platypus
from reportlab.pdfbase.ttfonts import TTFontFace
from reportlab.platypus import Paragraph
from kimdesk.pdf import flowables, fontcache
flowables.Para.wrap = Paragraph.wrap
fontcache.SubsetCachingFace.addSubsetObjects = TTFontFace.addSubsetObjects
"""


def digests_in_fresh_process(font_cache: str, *, plain: bool = False) -> dict[str, str]:
    code = "import json\n"
    if plain:
        code += PLAIN_REPORTLAB
    code += "from tests.pdf.test_startup import digests\nprint(json.dumps(digests()))\n"
    env = {**os.environ, fontcache.ENV: font_cache}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    loaded: dict[str, str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def test_speed_measures_give_the_same_bytes_as_plain_reportlab(tmp_path: Path) -> None:
    plain = digests_in_fresh_process("off", plain=True)
    cache = str(tmp_path / "fonts")
    parsed_and_stored = digests_in_fresh_process(cache)
    assert any((tmp_path / "fonts").iterdir())
    restored = digests_in_fresh_process(cache)
    assert parsed_and_stored == plain
    assert restored == plain
    # In one process, the second and third export reuse subsets and parsed markup.
    digests()
    assert digests() == plain


def _table_state(font: TTFont) -> dict[str, object]:
    face = font.face
    names = set(face.__dict__) | set(getattr(face, "_lazy", {}))
    return {
        name: getattr(face, name)
        for name in sorted(names - {"_lazy", "_pdfScale", "_pos"})
        if not name.startswith("__")
    }


@pytest.mark.parametrize("name", ["DejaVuSans", "DejaVuSans-BoldOblique"])
def test_restored_face_holds_the_same_tables_as_a_fresh_parse(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(fontcache.ENV, str(tmp_path))
    path = resource_path("fonts", f"{name}.ttf")
    fresh = TTFont(name, str(path))
    stored = fontcache.load_font(name, path)
    restored = fontcache.load_font(name, path)
    assert isinstance(restored.face, fontcache.RestoredFace)
    assert not isinstance(stored.face, fontcache.RestoredFace)
    expected = _table_state(fresh)
    for font in (stored, restored):
        state = _table_state(font)
        assert state.keys() == expected.keys()
        for key, value in expected.items():
            assert state[key] == value, key
            assert type(state[key]) is type(value), key
        assert font.face._pdfScale(1234) == fresh.face._pdfScale(1234)
        assert font.stringWidth("Zuständigkeit ☒", 10) == fresh.stringWidth("Zuständigkeit ☒", 10)
    # The hmetrics keep their mixed int/float advance widths (they go into the subset as int()).
    assert [type(a) for a, _ in restored.face.hmetrics] == [type(a) for a, _ in fresh.face.hmetrics]


def test_damaged_or_stale_cache_entries_are_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(fontcache.ENV, str(tmp_path))
    path = resource_path("fonts", "DejaVuSans.ttf")
    fontcache.load_font("DejaVuSans", path)
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(entry.read_bytes()[:-100])
    font = fontcache.load_font("DejaVuSans", path)
    assert not isinstance(font.face, fontcache.RestoredFace)
    assert font.face.charToGlyph[ord("ä")]
    # ... and the entry is whole again afterwards.
    assert isinstance(fontcache.load_font("DejaVuSans", path).face, fontcache.RestoredFace)


def test_cache_entries_follow_the_font_content_not_its_timestamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frozen build may unpack its fonts anew on every start; a changed font is parsed again."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(fontcache.ENV, str(cache))
    font_file = tmp_path / "DejaVuSans.ttf"
    font_file.write_bytes(resource_path("fonts", "DejaVuSans.ttf").read_bytes())
    fontcache.load_font("DejaVuSans", font_file)
    os.utime(font_file, (1_000_000_000, 1_000_000_000))
    assert isinstance(fontcache.load_font("DejaVuSans", font_file).face, fontcache.RestoredFace)
    font_file.write_bytes(font_file.read_bytes() + b"\0\0\0\0")  # another version of the font
    assert not isinstance(fontcache.load_font("DejaVuSans", font_file).face, fontcache.RestoredFace)
    assert len(list(cache.iterdir())) == 1  # the old version's entry is gone
    assert isinstance(fontcache.load_font("DejaVuSans", font_file).face, fontcache.RestoredFace)


def test_unwritable_cache_folder_only_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(fontcache.ENV, str(blocker / "fonts"))
    font = fontcache.load_font("DejaVuSans", resource_path("fonts", "DejaVuSans.ttf"))
    assert font.face.charToGlyph[ord("☒")]


def test_repeated_exports_of_changed_vorlagen_stay_right(
    renderer: PaperPdfRenderer, office: Office, seed: Paper
) -> None:
    """Kept subsets and line breaks never leak from one Vorlage into the next."""
    from tests.pdf.readback import flat, page_texts

    first = flat(" ".join(page_texts(renderer.render_paper(seed, office))))
    seed.title = "Ganz anderer Betreff mit ℵ und ß"
    second = flat(" ".join(page_texts(renderer.render_paper(seed, office))))
    assert "Kommunales Integrationsmanagement" in first
    assert "Ganz anderer Betreff mit ℵ und ß" in second
    assert "Betrifft: Kommunales" not in second


def test_kimdesk_pdf_loads_only_what_the_export_needs(tmp_path: Path) -> None:
    code = (
        "import sys, json\n"
        "from kimdesk.cli import build_parser, command_of\n"
        "argv = ['pdf', '20/0270']\n"
        "build_parser(command_of(argv)).parse_args(argv)\n"
        "from tests.pdf.test_startup import digests\n"
        "digests()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, fontcache.ENV: str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    modules = set(json.loads(result.stdout.strip().splitlines()[-1]))
    other_commands = {
        "kimdesk.cli.papers",
        "kimdesk.cli.meetings",
        "kimdesk.cli.signoff",
        "kimdesk.cli.funding",
    }
    assert not modules & other_commands
    for heavy in ("babel", "jsonschema", "PySide6", "kimdesk.domain.funding", "kimdesk.domain.validation"):
        assert heavy not in modules, heavy
    # Pillow's image module stays a lazy placeholder: the form has no bitmaps.
    lazy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, kimdesk.pdf.renderer; print(type(sys.modules['PIL.Image']).__name__)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert lazy.stdout.strip() == "_LazyModule"  # becomes a plain module on first use


def test_deferred_reportlab_parts_still_work() -> None:
    from PIL import Image
    from reportlab.platypus import paragraph

    assert paragraph._uri_split_pairs("https://www.example.org/kim/antrag") is not None
    assert Image.new("RGB", (2, 2)).size == (2, 2)


def test_kimdesk_pdf_as_a_program(tmp_path: Path) -> None:
    """The program (collector paused while loading, frozen at exit) writes the same file as main()."""
    from kimdesk.cli import main

    db = f"sqlite:///{tmp_path / 'k.sqlite'}"
    assert main(["--db", db, "demo"]) == 0
    assert main(["--db", db, "pdf", "20/0270", "-o", str(tmp_path / "in-process.pdf")]) == 0
    assert gc.isenabled() and not gc.get_freeze_count()  # a Python caller's collector is untouched
    env = {**os.environ, fontcache.ENV: str(tmp_path / "fonts")}
    result = subprocess.run(
        [sys.executable, "-m", "kimdesk", "--db", db, "pdf", "20/0270", "-o", str(tmp_path / "program.pdf")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == str(tmp_path / "program.pdf")
    assert (tmp_path / "program.pdf").read_bytes() == (tmp_path / "in-process.pdf").read_bytes()


def test_cli_builds_only_the_named_command() -> None:
    assert command_of(["--db", "sqlite:///x", "pdf", "20/0270"]) == "pdf"
    assert command_of(["--db=sqlite:///x", "pdf"]) == "pdf"
    assert command_of(["--version"]) is None
    assert command_of([]) is None
    parser = build_parser("pdf")
    args = parser.parse_args(["pdf", "20/0270", "-o", "x.pdf"])
    assert (args.command, args.reference, args.output) == ("pdf", "20/0270", Path("x.pdf"))
    with pytest.raises(SystemExit):
        parser.parse_args(["list"])  # only pdf is there
    # A command that is not a module's name gets the full parser.
    assert build_parser("list").parse_args(["list"]).command == "list"


def test_kimdesk_pdf_on_a_current_sqlite_file_loads_no_sqlalchemy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick read (plain sqlite3) writes the very bytes the repository's way writes."""
    import kimdesk.app
    from kimdesk.cli import main

    db = f"sqlite:///{tmp_path / 'k.sqlite'}"
    assert main(["--db", db, "demo"]) == 0
    with monkeypatch.context() as patch:
        patch.setattr(kimdesk.app, "peek_paper_for_pdf", lambda db_url, reference: None)
        assert main(["--db", db, "pdf", "20/0270", "-o", str(tmp_path / "repository.pdf")]) == 0
    env = {**os.environ, fontcache.ENV: str(tmp_path / "fonts")}
    command = [
        "-X",
        "importtime",
        "-m",
        "kimdesk",
        "--db",
        db,
        "pdf",
        "20/0270",
        "-o",
        str(tmp_path / "quick.pdf"),
    ]
    result = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "kimdesk.storage.readonly" in imported and "reportlab" in imported
    assert not {name for name in imported if name.split(".")[0] in ("sqlalchemy", "alembic")}
    assert "kimdesk.storage.database" not in imported
    assert (tmp_path / "quick.pdf").read_bytes() == (tmp_path / "repository.pdf").read_bytes()
