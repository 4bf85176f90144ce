"""A head signs twenty Vorlagen on a Friday: seconds per signature, unlocking the key included (target ≤ 1 s).

Each signature unlocks the personal key with the PIN (scrypt, the real cost), signs the payload with the chain
head, and writes the Vorlage, the signature and the audit entries in one transaction — on a SQLite file.

Usage: PYTHONPATH=. python bench/bench_sign.py [--papers 20] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kimdesk.domain.entity import utcnow
from kimdesk.services import enrolment, signoff
from kimdesk.services import keycrypto as kc
from kimdesk.services.demo import load_demo
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.papers import duplicate_paper, get_paper
from kimdesk.services.unlock import unlock_identity
from kimdesk.storage.database import Database

PASSPHRASE = "Benchmark Passphrase"
PIN = "482917"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kimdesk-bench-sign-"))
    db = Database.open(args.db or f"sqlite:///{folder / 'bench.sqlite'}")
    local = LocalKeys(key_dir=folder / "profile", anchor_dirs=(folder / "machine",), use_keyring=False)
    uow = db.uow_factory
    load_demo(uow)
    ca = enrolment.init_office(uow, local, PASSPHRASE)
    (folder / "machine").mkdir()
    (folder / "machine" / "office-ca.pem").write_text(kc.cert_pem(ca), "ascii")
    enrolment.enrol(uow, local, "Christoph Tesche", PIN)
    enrolment.certify(uow, local, PASSPHRASE)
    seed = get_paper(uow, "20/0270")
    references = []
    for _ in range(args.papers):
        copy = duplicate_paper(uow, seed.reference)
        signoff.start(uow, copy.reference, roles=["mayor"])
        references.append(copy.reference)

    started = time.perf_counter()
    unlock_identity(uow, "Christoph Tesche", PIN, local=local)
    unlock = time.perf_counter() - started
    times = []
    for reference in references:
        started = time.perf_counter()
        signoff.sign(uow, reference, role_key="mayor", person_name="Christoph Tesche", pin=PIN, local=local)
        times.append(time.perf_counter() - started)
    db.close()
    print(f"scrypt n=2^{kc.SCRYPT_N.bit_length() - 1}: unlocking the key alone {unlock:.3f} s")
    print(
        f"{len(times)} signatures ({utcnow():%Y-%m-%d}): median {statistics.median(times):.3f} s, "
        f"max {max(times):.3f} s, total {sum(times):.1f} s — target ≤ 1 s each"
    )
    return 0 if max(times) <= 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
