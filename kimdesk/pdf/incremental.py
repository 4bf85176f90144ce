"""Small changes appended to a large PDF as an incremental update (ISO 32000-1, 7.5.6).

The packet's last step changes a few small objects of a file of possibly gigabytes; rewriting it would
copy every scanned page again. An incremental update appends the changed objects, a cross-reference
section for them and a trailer pointing back to the previous one — what PDF signatures use too, and
what every reader understands. The file must have a classic cross-reference table (no xref stream).
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def append_update(path: Path, pdf: pikepdf.Pdf, changed: list[pikepdf.Object]) -> None:
    """Append ``changed`` (indirect objects of ``pdf``, opened from ``path`` and changed in memory) to
    ``path``. Streams keep their stored (encoded) data."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 1024))
        match = _STARTXREF.search(handle.read())
    if match is None:
        raise ValueError("no startxref at the end of the file")
    previous = int(match.group(1))
    trailer = pikepdf.Dictionary({k: v for k, v in pdf.trailer.items() if k != "/Prev"})
    offsets: dict[tuple[int, int], int] = {}
    with path.open("ab") as out:
        out.write(b"\n")
        for obj in changed:
            number, generation = obj.objgen
            offsets[(number, generation)] = out.tell()
            out.write(f"{number} {generation} obj\n".encode())
            if isinstance(obj, pikepdf.Stream):
                raw = obj.read_raw_bytes()
                head = pikepdf.Dictionary(dict(obj.stream_dict.items()))
                head.Length = len(raw)
                out.write(head.unparse() + b"\nstream\n" + raw + b"\nendstream\nendobj\n")
            else:
                direct = pikepdf.Dictionary(dict(obj.items()))
                out.write(direct.unparse() + b"\nendobj\n")
        start = out.tell()
        lines = [b"xref\n"]
        for (number, generation), offset in sorted(offsets.items()):
            lines.append(f"{number} 1\n{offset:010d} {generation:05d} n \n".encode())
        out.write(b"".join(lines))
        trailer.Prev = previous
        out.write(b"trailer\n" + trailer.unparse() + f"\nstartxref\n{start}\n%%EOF\n".encode())
