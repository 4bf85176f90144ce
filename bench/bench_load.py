"""Load benchmark (issue 18): many clerks on one database, through the services, as separate processes.

    .venv/bin/python bench/bench_load.py [--vorlagen 100000] [--clerks 20] [--minutes 5] [--db URL]
    .venv/bin/python bench/bench_load.py --sqlite [--vorlagen 100000] [--minutes 5]

PostgreSQL (default): ``--clerks`` processes; without ``--db`` a throw-away server is started (the
PostgreSQL binaries under /usr/lib/postgresql). SQLite (``--sqlite``): one GUI-like writer (the whole
mix) and two command-line writers (save and start only), as an office without a server runs it.

Each clerk runs a mix of list (first page of 200 of a random page), search (what the list reads for
a search: the count up to 2.000 and the first page, ``read_list_head``), open, save (a title change of
a draft from a small shared set, so that clerks collide), start (Umlauf of a draft of its own) and
sign (the next due Mitzeichnung of an Umlauf it started: the panel's state, then the signature with
the holder's personal demo key and its PIN, through the service the GUI's dialog uses; the last
signature releases the Vorlage and signs its PDF), and records per action the milliseconds and the
outcome: done, refused (a German message the clerk sees: "zwischenzeitlich geändert", incomplete
Vorlage …) or error (anything else — a refused signature too, unless the Vorlage was changed by
someone else meanwhile, which the clerk is told). At the end every save
that succeeded is checked against the database: no two successful saves of a Vorlage got the same
version (one would have overwritten the other silently), and the stored title is the last one saved.

Between two actions a clerk thinks (``--think``, mean seconds, exponentially distributed; default 2 s —
a person who lists, opens, types and saves as fast as one can; the command-line writers of the SQLite run
never pause). ``--think 0`` fires the actions back to back:
then the figure is the machine's capacity (20 processes queueing for 2 cores), not what a clerk waits.

Targets: p95 save ≤ 100 ms, search ≤ 50 ms, open ≤ 100 ms; 0 errors, 0 lost updates.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_gui import WORDS, populate

ACTIONS = ("list", "search", "open", "save", "start", "sign")
GUI_MIX = {"list": 25, "search": 25, "open": 25, "save": 15, "start": 5, "sign": 5}
CLI_MIX = {"save": 80, "start": 20}
HOT_DRAFTS = 200
TARGETS = {"save": 100.0, "search": 50.0, "open": 100.0}
#: Every clerk's process starts and loads its code before the measured minutes begin.
START_SECONDS = 30


def clerk(
    url: str,
    number: int,
    mix: dict[str, int],
    begin: float,
    until: float,
    hot: list[str],
    pool: list[str],
    out: str,
    think: float,
) -> None:
    """One clerk's process: actions from ``begin`` until ``until`` (time.time()); results as JSON lines
    in ``out``. Before ``begin`` the process starts as a clerk's running program has: database open,
    the signing and PDF code loaded (else the first signature of each of 20 processes starting at once
    would measure imports)."""
    from kimdesk.app import open_app
    from kimdesk.domain.errors import ConflictError, KimdeskError
    from kimdesk.domain.model import ImpactChoice, SignOffDecision
    from kimdesk.services import signoff, signoff_requests
    from kimdesk.services.demo_keys import DEMO_PIN
    from kimdesk.services.papers import count_papers, get_paper, list_papers, save_paper
    from kimdesk.services.ports import PaperQuery
    from kimdesk.services.signoff_view import load_state

    try:
        from kimdesk.services.list_head import read_list_head
    except ImportError:  # the code before issue 18, for side-by-side runs: exact count, then the page

        def read_list_head(uow: Any, query: Any, rows: int) -> Any:
            count_papers(uow, query)
            return list_papers(uow, replace(query, limit=rows))

    rng = random.Random(number)
    app = open_app(url)
    uow = app.uow_factory
    with uow() as u:
        office = u.office.get()
        total = len(u.papers.all_ids())
    holders = {r.key: r.holder.name for r in office.sign_off_roles if r.holder is not None}
    app.signed_pdf_maker.sign  # noqa: B018 - loads pyHanko and ReportLab now, not in the first signature
    time.sleep(max(0.0, begin - time.time()))
    mine = pool[number::64]  # drafts no other clerk starts
    started: list[str] = []
    actions = [a for a in ACTIONS if a in mix]
    weights = [mix[a] for a in actions]
    lines: list[str] = []
    saves: list[dict[str, Any]] = []
    count = 0
    while time.time() < until:
        if think:
            time.sleep(rng.expovariate(1 / think))
            if time.time() >= until:
                break
        action = rng.choices(actions, weights)[0]
        outcome, note = "done", ""
        began = time.perf_counter()
        try:
            if action == "list":
                list_papers(uow, PaperQuery(offset=rng.randrange(max(1, total - 200)), limit=200))
            elif action == "search":
                read_list_head(uow, PaperQuery(text=rng.choice(WORDS)), 200)
            elif action == "open":
                get_paper(uow, rng.choice(pool + hot))
            elif action == "save":
                paper = get_paper(uow, rng.choice(hot))
                count += 1
                paper.title = f"Last {number}-{count}: {paper.title.split(': ', 1)[-1]}"
                result = save_paper(uow, paper)
                saves.append({"id": str(paper.id), "version": result.paper.version, "title": paper.title})
            elif action == "start":
                if not mine:
                    continue
                reference = mine.pop()
                draft = get_paper(uow, reference)  # complete the draft, then start its Umlauf
                draft.financial_impact.choice = ImpactChoice.NONE
                draft.climate_impact = ImpactChoice.NONE
                save_paper(uow, draft)
                signoff.start(uow, reference)
                started.append(reference)
            elif action == "sign":
                if not started:
                    continue
                reference = started[0]
                state = load_state(uow, reference)  # what the panel shows before the dialog opens
                if not state.status.due:
                    started.pop(0)
                    continue
                row = state.status.due[0]
                given = state.given
                request = signoff_requests.SignRequest(
                    role_key=row.role_key,
                    person_name=holders[row.role_key],
                    as_deputy=False,
                    decision=SignOffDecision.APPROVED,
                    remark="",
                    pin=DEMO_PIN,
                    given=signoff.GivenVersion(given.number, given.content_hash) if given else None,
                )
                try:
                    signoff_requests.sign(uow, reference, request, app.signed_pdf_maker)
                except ConflictError as exc:  # changed by someone else meanwhile: told to the clerk
                    outcome, note = "refused", exc.message[:120]
                except KimdeskError as exc:  # PIN, key, role …: the signature itself failed
                    outcome, note = "error", f"Mitzeichnung abgelehnt: {exc.message}"[:200]
        except KimdeskError as exc:  # shown to the clerk in German: a refusal, not a failure
            outcome, note = "refused", exc.message[:120]
        except Exception as exc:  # every other kind is an error of the benchmark run
            outcome, note = "error", f"{type(exc).__name__}: {exc}"[:200]
        elapsed = (time.perf_counter() - began) * 1000
        lines.append(json.dumps({"action": action, "ms": elapsed, "outcome": outcome, "note": note}))
    app.close()
    Path(out).write_text("\n".join(lines) + "\n" + json.dumps({"saves": saves}) + "\n", encoding="utf-8")


def prepare(url: str, count: int) -> tuple[list[str], list[str]]:
    """Populate (once) and choose the shared hot drafts and the drafts to start."""
    from kimdesk.app import open_app
    from kimdesk.domain.model import PaperStatus
    from kimdesk.services.demo_keys import ensure_demo_keys, install_demo_anchor
    from kimdesk.services.papers import list_papers
    from kimdesk.services.ports import PaperQuery

    app = open_app(url)
    with app.uow_factory() as uow:
        have = len(uow.papers.all_ids())
    app.close()
    if have < count:
        started = time.perf_counter()
        populate(url, count - have)
        print(f"  ({count - have} Vorlagen erzeugt in {time.perf_counter() - started:.0f} s)")
    app = open_app(url)
    drafts = [
        s.reference for s in list_papers(app.uow_factory, PaperQuery(status=PaperStatus.DRAFT, limit=5000))
    ]
    with app.uow_factory() as uow:
        holders = [r.holder.name for r in uow.office.get().sign_off_roles if r.holder is not None]
    install_demo_anchor()  # the demo CA as this PC's trust anchor (see demo_pc)
    ensure_demo_keys(app.uow_factory, holders)  # each holder signs with a personal key and its PIN
    app.close()
    random.Random(1).shuffle(drafts)
    return drafts[:HOT_DRAFTS], drafts[HOT_DRAFTS:]


def demo_pc() -> None:
    """The clerks work on a demo PC of the run's own: its machine configuration (the trust anchor) and
    the user profile (the personal keys) in a temporary folder, as the tests do, not this machine's.
    Set before the clerks' processes start, which inherit it."""
    folder = Path(tempfile.mkdtemp(prefix="kimdesk-load-pc-"))
    os.environ["XDG_CONFIG_DIRS"] = str(folder / "machine-config")
    os.environ["XDG_DATA_HOME"] = str(folder / "profile")


def check_saves(url: str, saves: list[dict[str, Any]]) -> tuple[int, int]:
    """(lost or silently overwritten updates, checked Vorlagen)."""
    from kimdesk.app import open_app

    by_paper: dict[str, list[dict[str, Any]]] = {}
    for save in saves:
        by_paper.setdefault(save["id"], []).append(save)
    lost = 0
    app = open_app(url)
    with app.uow_factory() as uow:
        for paper_id, done in by_paper.items():
            versions = [s["version"] for s in done]
            lost += len(versions) - len(set(versions))  # two successes on one version: one overwrote
            stored = uow.papers.get(uuid.UUID(paper_id))
            last = max(done, key=lambda s: s["version"])
            if stored.title != last["title"] and stored.version == last["version"]:
                lost += 1
    app.close()
    return lost, len(by_paper)


def report(results: list[Path], url: str, clerks: int, minutes: float, think: float) -> int:
    rows: dict[str, list[float]] = {a: [] for a in ACTIONS}
    outcomes: dict[str, dict[str, int]] = {a: {"done": 0, "refused": 0, "error": 0} for a in ACTIONS}
    errors: list[str] = []
    refusals: dict[str, set[str]] = {}
    saves: list[dict[str, Any]] = []
    for path in results:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line:  # a clerk without a single action (its process started late)
                continue
            record = json.loads(line)
            if "saves" in record:
                saves += record["saves"]
                continue
            rows[record["action"]].append(record["ms"])
            outcomes[record["action"]][record["outcome"]] += 1
            if record["outcome"] == "error":
                errors.append(record["note"])
            elif record["outcome"] == "refused":
                refusals.setdefault(record["action"], set()).add(record["note"][:90])
    pause = f"{think:g} s Bedenkzeit im Mittel" if think else "ohne Bedenkzeit (Kapazität)"
    print(f"{clerks} Sachbearbeiter, {minutes:g} min, {pause}:")
    print(
        f"  {'Aktion':<8}{'Anzahl':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'abgelehnt':>11}{'Fehler':>8}"
    )
    ok = True
    for action in ACTIONS:
        times = sorted(rows[action])
        if not times:
            continue
        cuts = statistics.quantiles(times, n=100) if len(times) > 1 else [times[0]] * 99
        p95 = cuts[94]
        target = TARGETS.get(action)
        mark = "" if target is None else (" ✓" if p95 <= target else f" ✗ (Ziel ≤ {target:.0f})")
        ok &= target is None or p95 <= target
        out = outcomes[action]
        print(
            f"  {action:<8}{len(times):>8}{cuts[49]:>9.1f}{p95:>9.1f}{cuts[98]:>9.1f}"
            f"{out['refused']:>11}{out['error']:>8}{mark}"
        )
    lost, checked = check_saves(url, saves)
    print(f"  Speichern: {len(saves)} erfolgreich auf {checked} Vorlagen, verlorene/überschriebene: {lost}")
    print(f"  abgelehnte veraltete Speicherungen (der Person gemeldet): {outcomes['save']['refused']}")
    for action, notes in refusals.items():
        for note in sorted(notes)[:3]:
            print(f"  abgelehnt ({action}): {note}")
    for note in sorted(set(errors))[:10]:
        print(f"  Fehler: {note}")
    ok &= not errors and lost == 0
    print(f"  Last des Rechners (1 min): {os.getloadavg()[0]:.1f} bei {os.cpu_count()} Kernen")
    print("Ziel erreicht" if ok else "Ziel verfehlt")
    return 0 if ok else 1


def run(url: str, mixes: list[dict[str, int]], minutes: float, count: int, think: float) -> int:
    demo_pc()
    hot, pool = prepare(url, count)
    folder = Path(tempfile.mkdtemp(prefix="kimdesk-load-"))
    begin = time.time() + START_SECONDS
    until = begin + minutes * 60
    context = multiprocessing.get_context("spawn")
    processes = []
    results = []
    for number, mix in enumerate(mixes):
        out = folder / f"clerk-{number}.jsonl"
        results.append(out)
        process = context.Process(
            target=clerk,
            args=(url, number, mix, begin, until, hot, pool, str(out), think if mix is GUI_MIX else 0.0),
        )
        process.start()
        processes.append(process)
    for process in processes:
        process.join()
    return report(results, url, len(mixes), minutes, think)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vorlagen", type=int, default=100_000)
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--db", help="database URL (default: a throw-away PostgreSQL server)")
    parser.add_argument("--sqlite", action="store_true", help="SQLite: one GUI-like and two CLI writers")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between a clerk's actions")
    args = parser.parse_args()
    if args.sqlite:
        folder = Path(os.environ.get("KIMDESK_BENCH_DIR") or tempfile.gettempdir()) / "kimdesk-bench"
        folder.mkdir(parents=True, exist_ok=True)
        url = args.db or f"sqlite:///{(folder / f'load-{args.vorlagen}.sqlite').as_posix()}"
        return run(url, [GUI_MIX, CLI_MIX, CLI_MIX], args.minutes, args.vorlagen, args.think)
    if args.db:
        return run(args.db, [GUI_MIX] * args.clerks, args.minutes, args.vorlagen, args.think)
    from tests.conftest import _Cluster, glob

    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries:
        raise SystemExit("Kein PostgreSQL gefunden: bitte --db URL angeben.")
    cluster = _Cluster(Path(binaries[-1]).parent)
    try:
        return run(cluster.start(), [GUI_MIX] * args.clerks, args.minutes, args.vorlagen, args.think)
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
