"""Extract the GUI's texts into the gettext catalogs and compile them (no arguments needed).

New texts appear in ``kimdesk/l10n/locale/<lang>/LC_MESSAGES/kimdesk.po`` with an empty translation;
German needs none (the source texts are German), English must be filled in by hand, then run this
again to compile the ``.mo`` files. ``--check`` exits 1 when an English translation is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "kimdesk" / "l10n" / "locale"
LANGUAGES = ("de", "en")


def extract() -> Catalog:
    template = Catalog(project="kimdesk", charset="utf-8")
    for filename, lineno, message, _comments, context in extract_from_dir(
        ROOT / "kimdesk", method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        template.add(msgid, locations=[(f"kimdesk/{filename}", lineno)], context=context)
    return template


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report missing English texts")
    args = parser.parse_args()
    template = extract()
    missing: list[str] = []
    for language in LANGUAGES:
        po = LOCALE / language / "LC_MESSAGES" / "kimdesk.po"
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        catalog.update(template, no_fuzzy_matching=True)
        # Texts translated at run time from data (e.g. audit action labels) are not found by extraction:
        # keep every translated entry instead of letting it fall out as obsolete.
        for msgid, message in list(catalog.obsolete.items()):
            catalog[msgid] = message
        catalog.obsolete.clear()
        if language == "en":
            missing = [m.id for m in catalog if m.id and not m.string]
        if args.check:
            continue
        with po.open("wb") as handle:
            write_po(handle, catalog, width=110, sort_output=True, omit_header=False)
        with po.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
    for msgid in missing:
        print(f"ohne englische Übersetzung: {msgid!r}", file=sys.stderr)
    return 1 if missing and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
