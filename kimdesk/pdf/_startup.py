"""Cheaper first import of ReportLab (``kimdesk pdf`` pays it on every run).

Two module-level costs of ReportLab that a Vorlage never needs are deferred until first use:

* ``reportlab.lib.utils`` imports Pillow's ``PIL.Image`` (~15 ms) for bitmap images; the form has
  none. ``PIL.Image`` is put into ``sys.modules`` behind the standard library's ``LazyLoader``: it
  is really imported on its first attribute access, so anything that does use images still works.
* ``reportlab.platypus.paragraph`` compiles a case-insensitive URL pattern spanning
  U+00A1–U+FFFF (~50 ms) that only the URL-aware hyphenation (``uriWasteReduce``, off in our
  styles) reads. While that module is first imported, this one pattern is compiled on first use.

Both only take effect if ReportLab has not been imported yet; the output does not change.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from typing import Any

#: Start of ReportLab's ``uri_pat`` (reportlab/platypus/paragraph.py, taken from Django's validators).
URI_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


class LazyPattern:
    """A regular expression compiled on first use; otherwise behaves like the compiled pattern."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def _get(self) -> re.Pattern[str]:
        with self._lock:
            if self._compiled is None:
                self._compiled = re.compile(*self._source)
            return self._compiled

    @property
    def pattern(self) -> str:
        return self._source[0]

    @property
    def flags(self) -> int:
        return self._get().flags

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)


def _lazy_pil_image() -> None:
    if "PIL.Image" in sys.modules:
        return
    try:
        import PIL

        spec = importlib.util.find_spec("PIL.Image")
    except ImportError:
        return
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    loader.exec_module(module)
    # ``from PIL import Image`` then takes the attribute without touching the module (any access,
    # even the import system's look at ``__spec__``, would load it).
    PIL.Image = module  # type: ignore[attr-defined]


def _import_paragraph_with_lazy_uri_pattern() -> None:
    original = re.compile

    def compile_lazily(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and pattern.startswith(URI_PATTERN_START):
            return LazyPattern(pattern, flags)
        return original(pattern, flags)

    re.compile = compile_lazily
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        re.compile = original


def prepare() -> None:
    """Set up the deferred parts; call before the first ``reportlab.platypus`` import."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    _lazy_pil_image()
    _import_paragraph_with_lazy_uri_pattern()
