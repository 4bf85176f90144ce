"""The bundled TTFs, parsed once per installation instead of once per process.

ReportLab parses a TrueType file into Python tables (cmap, widths, glyph offsets …) on every
``TTFont(...)`` — about 12 ms for each DejaVu face, paid again by every ``kimdesk pdf`` run. This
module keeps the parsed tables in the user's cache folder and restores them in ~3 ms per face.

* Nothing about the output changes: the restored face holds the same tables (same values, same
  types, same order) and the font file's own bytes, so subsetting and embedding work exactly as
  after a fresh parse (``tests/pdf/test_fontcache.py`` compares whole PDFs).
* A cache entry is keyed by the font file's content (size and CRC-32), the ReportLab and Python
  versions and this module's format version, and carries a CRC-32 of itself against damage. Any
  mismatch, a damaged or missing entry, or an unwritable cache folder simply means parsing the TTF
  as before; writing an entry removes the face's older ones.
* ``KIMDESK_FONT_CACHE`` names another folder; ``KIMDESK_FONT_CACHE=off`` disables the cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from array import array
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    TTEncoding,
    TTFNameBytes,
    TTFont,
    TTFontFace,
)

FORMAT = 3
ENV = "KIMDESK_FONT_CACHE"
_CHECK_SIZE = 4

#: Attributes that are not stored: the file's bytes (read from the TTF itself) and the scale function.
_FILE_DATA = "_ttf_data"
_SCALE = "_pdfScale"
#: Per-document state of a TTFont, created fresh.
_FONT_FRESH = ("face", "encoding", "state")
#: Tables only subsetting (at save time) or nothing after parsing reads: decoded on first access.
_LAZY = frozenset(["glyphToChar", "hmetrics", "glyphPos"])


@lru_cache(maxsize=64)
def _compressed_subset(face: TTFontFace, subset: tuple[int, ...]) -> tuple[int, bytes]:
    raw = face.makeSubset(list(subset))
    return len(raw), zlib.compress(raw)


class SubsetCachingFace(TTFontFace):
    """Keeps the last few embedded subsets, made and compressed, for the next document.

    Subsetting and deflating the DejaVu glyphs is a quarter of a Vorlage's render time, and the
    same Vorlage (or one with the same characters) gives the same subsets again. The stream written
    is byte for byte what ReportLab writes: the subset, deflated, ``/Length1`` its raw length,
    ``/Filter [/FlateDecode]``.
    """

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        """ReportLab's ``TTFontFace.addSubsetObjects`` (5.1), with the font stream from the cache."""
        if not doc.compression:
            return super().addSubsetObjects(doc, fontname, subset)
        length, compressed = _compressed_subset(self, tuple(subset))
        font_file = pdfdoc.PDFStream()
        font_file.content = compressed
        font_file.dictionary["Length1"] = length
        # Already deflated: PDFStream.format applies no filter when the dictionary names one.
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        font_file_ref = doc.Reference(font_file, f"fontFile:{self.filename}({fontname})")
        flags = (self.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": self.ascent,
                "CapHeight": self.capHeight,
                "Descent": self.descent,
                "Flags": flags,
                "FontBBox": pdfdoc.PDFArray(self.bbox),
                "FontName": pdfdoc.PDFName(fontname),
                "ItalicAngle": self.italicAngle,
                "StemV": self.stemV,
                "FontFile2": font_file_ref,
                "MissingWidth": self.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)


class RestoredFace(SubsetCachingFace):
    """A TTFontFace restored from the cache; a few tables are decoded only when first read."""

    _lazy: dict[str, bytes]

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not (yet) in the instance dict.
        lazy = self.__dict__.get("_lazy")
        if lazy is None or name not in lazy:
            raise AttributeError(name)
        value = _decode(*marshal.loads(lazy[name]))
        setattr(self, name, value)
        return value


def cache_dir() -> Path | None:
    """Where parsed faces are kept, or None when caching is off."""
    configured = os.environ.get(ENV, "")
    if configured.lower() in ("off", "0", "no"):
        return None
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kimdesk", appauthor=False)) / "fonts"


def load_font(name: str, path: Path) -> TTFont:
    """``TTFont(name, path)``, from the cache when it has a current entry (and stored there if not)."""
    folder = cache_dir()
    if folder is None:
        return _parse(name, path)
    try:
        data = path.read_bytes()
    except OSError:
        return _parse(name, path)
    # Keyed by content, not modification time: a frozen build may unpack its fonts anew each run.
    key = f"{name}|{len(data)}|{zlib.crc32(data)}|{reportlab.Version}|{sys.version}|{FORMAT}"
    entry = folder / f"{name}-{hashlib.sha1(key.encode()).hexdigest()[:16]}.bin"
    font = _read(entry, name, path, data)
    if font is None:
        font = _parse(name, path)
        _write(entry, font)
    return font


def _parse(name: str, path: Path) -> TTFont:
    """``TTFont(name, path)`` with a face that keeps its subsets."""
    font = TTFont(name, str(path))
    face = SubsetCachingFace.__new__(SubsetCachingFace)
    face.__dict__.update(font.face.__dict__)
    font.face = face
    return font


# -- encoding -----------------------------------------------------------------------------------


def _int_array(values: list[Any]) -> bytes | None:
    if not all(type(v) is int for v in values):
        return None
    try:
        return array("q", values).tobytes()
    except OverflowError:
        return None


def _encode(value: Any) -> tuple[str, Any]:
    """A marshal-able tagged form; big int tables as packed arrays (much faster to load)."""
    if type(value) is TTFNameBytes:
        return ("name", bytes(value))
    if type(value) is dict and len(value) > 64:
        keys = _int_array(list(value))
        values = list(value.values())
        if keys is not None:
            ints = _int_array(values)
            if ints is not None:
                return ("dict-int", (keys, ints))
            if all(type(v) is float for v in values):
                return ("dict-float", (keys, array("d", values).tobytes()))
    if type(value) is list and len(value) > 64:
        ints = _int_array(value)
        if ints is not None:
            return ("list-int", ints)
    return ("raw", value)


def _decode(tag: str, data: Any) -> Any:
    if tag == "raw":
        return data
    if tag == "name":
        return TTFNameBytes(data)
    if tag == "list-int":
        return array("q", data).tolist()
    if tag == "dict-int":
        return dict(zip(array("q", data[0]), array("q", data[1]), strict=True))
    if tag == "dict-float":
        return dict(zip(array("q", data[0]), array("d", data[1]), strict=True))
    raise ValueError(f"unknown tag {tag!r}")


def _scale(units_per_em: int) -> Callable[[float], float]:
    """The same scale function ReportLab's ``TTFontFile.extractInfo`` makes."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _state(font: TTFont) -> dict[str, Any]:
    stored = {k: v for k, v in font.face.__dict__.items() if k not in (_FILE_DATA, _SCALE)}
    face = {k: _encode(v) for k, v in stored.items() if k not in _LAZY}
    lazy = {k: marshal.dumps(_encode(v)) for k, v in stored.items() if k in _LAZY}
    own = {k: _encode(v) for k, v in font.__dict__.items() if k not in _FONT_FRESH}
    return {
        "face": face,
        "lazy": lazy,
        "font": own,
        "data_size": len(font.face._ttf_data),
    }


def _restore(state: dict[str, Any], name: str, path: Path, data: bytes) -> TTFont | None:
    if len(data) != state["data_size"]:
        return None
    face = RestoredFace.__new__(RestoredFace)
    face.__dict__.update({k: _decode(*v) for k, v in state["face"].items()})
    face._lazy = state["lazy"]
    face._ttf_data = data
    face.filename = str(path)
    face._pdfScale = _scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    font.__dict__.update({k: _decode(*v) for k, v in state["font"].items()})
    if font.fontName != name:
        return None
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    return font


# -- files --------------------------------------------------------------------------------------


def _read(entry: Path, name: str, path: Path, data: bytes) -> TTFont | None:
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    check, payload = blob[:_CHECK_SIZE], blob[_CHECK_SIZE:]
    if zlib.crc32(payload).to_bytes(_CHECK_SIZE, "big") != check:
        return None
    try:
        return _restore(marshal.loads(payload), name, path, data)
    except (ValueError, EOFError, TypeError, KeyError, AttributeError, OSError):
        return None


def _write(entry: Path, font: TTFont) -> None:
    try:
        payload = marshal.dumps(_state(font))
    except ValueError:  # something ReportLab keeps that marshal cannot store: no cache then
        return
    blob = zlib.crc32(payload).to_bytes(_CHECK_SIZE, "big") + payload
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(blob)
            os.replace(temp, entry)
            # Entries of this face for other font files or versions are not needed any more.
            for old in entry.parent.glob(f"{entry.name.rsplit('-', 1)[0]}-????????????????.bin"):
                if old != entry:
                    old.unlink(missing_ok=True)
        except OSError:
            Path(temp).unlink(missing_ok=True)
    except OSError:
        pass
