"""Benchmark (issue 18): list, search and open with and without Anlagen in the database, side by side.

    .venv/bin/python bench/bench_anlagen_store.py [--vorlagen 10000] [--anlagen 3] [--kb 5120]
        [--pg postgresql+psycopg://postgres@127.0.0.1:55432/postgres] [--rounds 40] [--keep] [--compressible]
        [--cold]

Two databases with the same generated Vorlagen (bench_gui.populate); one of them gets ``--anlagen``
distinct Anlagen of ``--kb`` KB per Vorlage, stored as kimdesk stores them (1 MiB chunks, through
``uow.attachments.add``). SQLite: two files in ``$KIMDESK_BENCH_DIR/kimdesk-bench`` (default: the temp
folder); ``--pg URL``: two databases ``anlagen_bench_*`` created on that server through the URL's
(superuser) connection and dropped afterwards unless ``--keep``. Everything measured goes through
kimdesk's services and repositories; only the URL differs. The rounds alternate between the two
databases (one list, one search, one open on each in turn), so both see the same machine load.
Printed: median and p95 (ms) of listing (count + a page of 200), searching (count + first page for a
word) and opening (the Vorlage and its Anlagen list, as the editor loads them; „reopen“: the same Vorlage
right after, its pages now in the operating system's cache), and the ratio of the medians. Anlagen
live in a table of their own, read only when a packet or an export asks for them, so the ratio should be
≈ 1 whatever their size. ``--cold`` (SQLite, Linux): before each first opening both database files are
dropped from the operating system's file cache, as after a restart; ``--anlagen 0`` compares a database
with a copy of itself (the noise of the measurement); ``--kb 0`` stores the Anlagen lists only (no bytes);
``--list-baseline`` measures against that database instead of one without Anlagen: the same Anlagen lists,
so the ratio is what the Anlagen's bytes cost. The issue's full size (10.000 × 3 × 5 MB) needs
150 GB; on a smaller disk ``--compressible`` with ``KIMDESK_BENCH_DIR`` on a btrfs volume mounted
``compress-force=zstd``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_gui import WORDS, populate

ACTIONS = ("list", "search", "open", "reopen")
SPARSE_BLOCK, SPARSE_RANDOM = 128 * 1024, 4 * 1024


def anlage_pdf(size: int, pool: bytes, rng: random.Random, compressible: bool = False) -> bytes:
    """A distinct, valid one-page PDF of exactly ``size`` bytes (at least 1 KB): a binary stream fills it,
    each of its MiB begins with its own random 32 bytes (no two alike: nothing dedupes or compresses).

    ``compressible``: the file's bytes are zeros but for 4 KiB of its own random bytes at each 128 KiB of
    the file and a comment of 1,1 KiB random bytes after the header. Still no two alike, and PostgreSQL
    stores every 1 MiB chunk as it is (its pglz gives up on a value whose first KiB does not compress);
    a file system that compresses (btrfs ``compress-force=zstd``) keeps about a 30th."""
    from kimdesk.domain.attachment import CHUNK_BYTES

    marker = b"%\xe2\xe3\xcf\xd3"
    if compressible:  # a comment line: any bytes but line ends
        marker += bytes(b for b in rng.randbytes(1200) if b not in b"\r\n")[:1100]
    head = [
        b"%PDF-1.4\n" + marker + b"\n",
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n",
        b"4 0 obj\n<< /Length 9 >>\nstream\n0 0 m S\n\nendstream\nendobj\n",
    ]
    offsets = [sum(map(len, head[:i])) for i in range(1, 5)]
    fixed = sum(map(len, head))
    offsets.append(fixed)

    def tail(start_xref: int) -> bytes:
        rows = b"".join(b"%010d 00000 n \n" % o for o in offsets)
        return (
            b"\nendstream\nendobj\nxref\n0 6\n0000000000 65535 f \n"
            + rows
            + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % start_xref
        )

    length = 0
    for _ in range(3):  # the stream's length and the xref offset depend on each other's digits
        opening = b"5 0 obj\n<< /Length %d >>\nstream\n" % length
        end_of_stream = fixed + len(opening) + length
        closing = tail(end_of_stream + len(b"\nendstream\nendobj\n"))
        length = size - fixed - len(opening) - len(closing)
    body = bytearray(length if compressible else 0)
    prefix = fixed + len(opening)
    for block in range(prefix // SPARSE_BLOCK + 1, (prefix + length) // SPARSE_BLOCK + 1):
        if not compressible:
            break
        at = block * SPARSE_BLOCK - prefix
        body[at : at + SPARSE_RANDOM] = rng.randbytes(SPARSE_RANDOM)[: length - at]
    while len(body) < length:
        offset = rng.randrange(len(pool) - CHUNK_BYTES)
        body += rng.randbytes(32) + pool[offset : offset + CHUNK_BYTES - 32]
    data = b"".join(head) + opening + bytes(body[:length]) + closing
    assert len(data) == size, (len(data), size)
    return data


def add_anlagen(url: str, per_paper: int, size: int, compressible: bool = False) -> None:
    from kimdesk.app import open_app
    from kimdesk.domain.attachment import Attachment, chunked

    rng = random.Random(11)
    pool = os.urandom(4 * 1024 * 1024)
    app = open_app(url, backup=False)
    with app.uow_factory() as uow:
        ids = uow.papers.all_ids()
    began = time.perf_counter()
    for start in range(0, len(ids), 20):
        with app.uow_factory() as uow:
            for paper_id in ids[start : start + 20]:
                for order in range(per_paper):
                    data = anlage_pdf(size, pool, rng, compressible) if size else b""
                    sha = hashlib.sha256(data).hexdigest()
                    attachment = Attachment(paper_id, f"Scan {order + 1}.pdf", size, order=order, sha256=sha)
                    uow.attachments.add(attachment, chunked(data))
            uow.commit()
        if start % 1000 == 0 and start:
            print(f"  … {start} Vorlagen mit Anlagen, {time.perf_counter() - began:.0f} s", flush=True)
    app.close()


class Side:
    """One database, opened through kimdesk, measured a round at a time."""

    def __init__(self, url: str, seed: int, cold: bool = False) -> None:
        from sqlalchemy import make_url

        from kimdesk.app import open_app

        self.app = open_app(url, backup=False)
        database = make_url(url).database
        self.cold_file = Path(database) if cold and database and url.startswith("sqlite") else None
        with self.app.uow_factory() as uow:
            self.ids = uow.papers.all_ids()
        self.rng = random.Random(seed)
        self.times: dict[str, list[float]] = {a: [] for a in ACTIONS}

    def round(self) -> None:
        from kimdesk.services.papers import count_papers, get_paper_by_id, list_papers
        from kimdesk.services.ports import PaperQuery

        uow = self.app.uow_factory
        rng = self.rng
        began = time.perf_counter()
        count_papers(uow, PaperQuery())
        list_papers(uow, PaperQuery(offset=rng.randrange(len(self.ids) - 200), limit=200))
        self.times["list"].append(time.perf_counter() - began)
        query = PaperQuery(text=rng.choice(WORDS), limit=200)
        began = time.perf_counter()
        count_papers(uow, query)
        list_papers(uow, query)
        self.times["search"].append(time.perf_counter() - began)
        paper_id = rng.choice(self.ids)
        if self.cold_file is not None:
            forget(self.cold_file)
        for action in ("open", "reopen"):  # the first opening of a Vorlage, then the same one again
            began = time.perf_counter()
            get_paper_by_id(uow, paper_id)
            with uow() as u:
                u.attachments.list(paper_id)
            self.times[action].append(time.perf_counter() - began)

    def close(self) -> None:
        self.app.close()


def forget(path: Path) -> None:
    """Drop ``path``'s pages from the operating system's file cache (Linux): its next reads go to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def compare(
    plain_url: str, loaded_url: str, rounds: int, cold: bool = False, baseline: str = "ohne Anlagen"
) -> None:
    # The same seed on both sides: the same pages, words and Vorlagen in the same order.
    plain, loaded = Side(plain_url, 7, cold), Side(loaded_url, 7, cold)
    try:
        for _ in range(3):  # warm both alike
            plain.round()
            loaded.round()
        for side in (plain, loaded):
            side.times = {a: [] for a in ACTIONS}
        for index in range(rounds):
            first, second = (plain, loaded) if index % 2 == 0 else (loaded, plain)
            first.round()
            second.round()
    finally:
        plain.close()
        loaded.close()
    for action in ACTIONS:
        a, b = plain.times[action], loaded.times[action]
        print(
            f"  {action:<7} {baseline} {statistics.median(a) * 1000:6.1f} ms (p95 {p95(a) * 1000:6.1f})   "
            f"mit {statistics.median(b) * 1000:6.1f} ms (p95 {p95(b) * 1000:6.1f})   "
            f"Verhältnis {statistics.median(b) / statistics.median(a):.2f}"
        )


# --- the two databases: SQLite files or PostgreSQL databases -------------------------------------------


def sqlite_pair(args: argparse.Namespace) -> tuple[str, str, str]:
    need = args.vorlagen * args.anlagen * args.kb * 1024
    folder = Path(os.environ.get("KIMDESK_BENCH_DIR") or tempfile.gettempdir()) / "kimdesk-bench"
    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / f"store-{args.vorlagen}-ohne.sqlite"
    with_files = folder / f"store-{args.vorlagen}-{args.anlagen}x{args.kb}k.sqlite"
    if not with_files.exists() and shutil.disk_usage(folder).free < 1.2 * need:
        raise SystemExit(f"Zu wenig Platz in {folder}: nötig etwa {1.2 * need / 2**30:.0f} GB.")
    if not plain.exists():
        populate(f"sqlite:///{plain}", args.vorlagen)
    _with_anlagen(plain, with_files, args.anlagen, args.kb, args.compressible)
    if args.list_baseline:  # the same Anlagen lists without bytes
        listed = folder / f"store-{args.vorlagen}-{args.anlagen}x0k.sqlite"
        _with_anlagen(plain, listed, args.anlagen, 0, False)
        plain = listed
    size = f"{with_files.stat().st_size / 2**30:.1f} GB gegenüber {plain.stat().st_size / 2**20:.0f} MB"
    return f"sqlite:///{plain}", f"sqlite:///{with_files}", size


def _with_anlagen(plain: Path, target: Path, per_paper: int, kb: int, compressible: bool) -> None:
    if target.exists():
        return
    partial = target.with_suffix(".partial")
    shutil.copyfile(plain, partial)
    began = time.perf_counter()
    add_anlagen(f"sqlite:///{partial}", per_paper, kb * 1024, compressible)
    partial.rename(target)
    print(f"  (Anlagen gespeichert in {time.perf_counter() - began:.0f} s)")


def pg_pair(args: argparse.Namespace) -> tuple[str, str, str]:
    from sqlalchemy import create_engine, make_url, text

    admin = make_url(args.pg)
    plain_name = f"anlagen_bench_{args.vorlagen}_ohne"
    loaded_name = f"anlagen_bench_{args.vorlagen}_{args.anlagen}x{args.kb}k"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        present = set(conn.scalars(text("SELECT datname FROM pg_database")))
    url = {n: admin.set(database=n).render_as_string(hide_password=False) for n in (plain_name, loaded_name)}
    if plain_name not in present:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{plain_name}"'))
        populate(url[plain_name], args.vorlagen)
    if loaded_name not in present:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{loaded_name}" TEMPLATE "{plain_name}"'))
        began = time.perf_counter()
        add_anlagen(url[loaded_name], args.anlagen, args.kb * 1024, args.compressible)
        print(f"  (Anlagen gespeichert in {time.perf_counter() - began:.0f} s)")
    # CREATE DATABASE … TEMPLATE starts the copy's statistics at zero rows: autovacuum would never visit its
    # papers, whose visibility map then stays unset (count(*) scans the table instead of the index). Both
    # databases are vacuumed and analysed as a database in use would be.
    for name in (plain_name, loaded_name):
        vacuum = create_engine(url[name], isolation_level="AUTOCOMMIT")
        with vacuum.connect() as conn:
            conn.execute(text("VACUUM (ANALYZE)"))
        vacuum.dispose()
    with engine.connect() as conn:
        sizes = [
            conn.scalar(text("SELECT pg_database_size(:n)"), {"n": n}) or 0 for n in (loaded_name, plain_name)
        ]
    engine.dispose()
    return url[plain_name], url[loaded_name], f"{sizes[0] / 2**30:.1f} GB gegenüber {sizes[1] / 2**20:.0f} MB"


def pg_maintenance(args: argparse.Namespace) -> str:
    """What autovacuum is doing on the server right now (it reads the new Anlagen once after a load)."""
    from sqlalchemy import create_engine, make_url, text

    engine = create_engine(make_url(args.pg), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT a.datname, p.relid::regclass::text, p.phase, p.heap_blks_scanned, p.heap_blks_total "
                "FROM pg_stat_progress_vacuum p JOIN pg_stat_activity a USING (pid)"
            )
        ).all()
    engine.dispose()
    if not rows:
        return "kein Autovacuum"
    return "; ".join(f"{d} {r} {ph} {s}/{t} Blöcke" for d, r, ph, s, t in rows)


def drop_pg(args: argparse.Namespace) -> None:
    from sqlalchemy import create_engine, make_url, text

    engine = create_engine(make_url(args.pg), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for name in conn.scalars(
            text("SELECT datname FROM pg_database WHERE datname LIKE 'anlagen_bench_%'")
        ):
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vorlagen", type=int, default=10_000)
    parser.add_argument("--anlagen", type=int, default=3)
    parser.add_argument("--kb", type=int, default=5 * 1024)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--pg", metavar="URL", help="PostgreSQL server (a superuser's URL) instead of SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases for another run")
    parser.add_argument(
        "--compressible",
        action="store_true",
        help="Anlagen that a compressing file system shrinks (150 GB on a smaller disk; see anlage_pdf)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="SQLite on Linux: drop the database files from the file cache before each first opening",
    )
    parser.add_argument(
        "--list-baseline",
        action="store_true",
        help="SQLite: compare with the same Anlagen lists without bytes (--kb 0) instead of no Anlagen",
    )
    args = parser.parse_args()
    if args.list_baseline and args.pg:
        parser.error("--list-baseline: nur mit SQLite")
    plain, loaded, size = pg_pair(args) if args.pg else sqlite_pair(args)
    engine = "PostgreSQL" if args.pg else "SQLite"
    print(
        f"{engine}: {args.vorlagen} Vorlagen, je {args.anlagen} Anlagen zu {args.kb} KB (Datenbank {size}), "
        f"{args.rounds} Runden abwechselnd:"
    )
    print(f"  Last des Rechners vorher (1/5/15 min): {'/'.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.pg:
        print(f"  vorher: {pg_maintenance(args)}")
    baseline = "nur Anlagenlisten" if args.list_baseline else "ohne Anlagen"
    compare(plain, loaded, args.rounds, args.cold, baseline)
    print(f"  Last des Rechners nachher (1/5/15 min): {'/'.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.pg:
        print(f"  nachher: {pg_maintenance(args)}")
    if args.pg and not args.keep:
        drop_pg(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
