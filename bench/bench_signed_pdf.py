"""Benchmark signed PDFs (issue 14): render + PAdES-sign + store one released Vorlage, and ``verify-pdf``.

Part of the ≤ 1 s per signature budget of a head who signs twenty Vorlagen (unlocking the key is
measured by the keys branch). Runs on a SQLite demo office in a temporary folder.

    .venv/bin/python bench/bench_signed_pdf.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kimdesk.domain.released import ReleaseEvent  # noqa: E402
from kimdesk.pdf.signing import PadesPdfMaker  # noqa: E402
from kimdesk.services.demo import apply_demo_signoffs, load_demo  # noqa: E402
from kimdesk.services.pdf_verification import verify_pdf  # noqa: E402
from kimdesk.services.released import sign_and_store_release  # noqa: E402
from kimdesk.storage.database import Database  # noqa: E402
from tests.pdfsig.identities import office_ca  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        load_demo(db.uow_factory)
        apply_demo_signoffs(db.uow_factory)
        ca = office_ca()
        identity = ca.issue("Christoph Tesche")
        maker = PadesPdfMaker()
        sign_and_store_release(db.uow_factory, "20/0270", identity, ReleaseEvent.RELEASED, maker)  # warm-up
        signing: list[float] = []
        checking: list[float] = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            doc = sign_and_store_release(db.uow_factory, "20/0270", identity, ReleaseEvent.RELEASED, maker)
            signing.append(time.perf_counter() - start)
            start = time.perf_counter()
            check = verify_pdf(db.uow_factory, doc.data, maker, [ca.certificate])
            checking.append(time.perf_counter() - start)
            assert check.exit_code == 0, check.findings
        db.close()
    for name, values in (("render+sign+store", signing), ("verify-pdf (in process)", checking)):
        print(
            f"{name:<26} median {statistics.median(values) * 1000:6.0f} ms   "
            f"max {max(values) * 1000:6.0f} ms   ({len(values)} runs)"
        )


if __name__ == "__main__":
    main()
