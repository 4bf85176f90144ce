"""``kimdesk spelling WORT …``: what the editor's spell checking says about words (dictionary and the
office dictionary), e.g. to check an installation."""

from __future__ import annotations

import argparse

from kimdesk.cli.common import Context, fail
from kimdesk.services.spelling import SpellingUnavailable, open_checker


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "spelling", help="Wörter mit der Rechtschreibprüfung prüfen (Wörterbuch und Wörterbuch des Amtes)"
    )
    parser.add_argument("words", nargs="+", metavar="WORT")
    parser.set_defaults(handler=cmd_spelling)


def cmd_spelling(ctx: Context, args: argparse.Namespace) -> int:
    try:
        checker = open_checker(ctx.app.uow_factory)
    except SpellingUnavailable as exc:
        return fail(str(exc), 2)
    for word in args.words:
        if checker.is_correct(word):
            print(f"{word}: richtig")
        else:
            found = checker.suggestions(word)
            print(f"{word}: unbekannt" + (f" – Vorschläge: {', '.join(found)}" if found else ""))
    return 0
