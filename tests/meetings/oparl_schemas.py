"""The official OParl 1.1 schemas and validator from ``../shared`` (present locally and in CI)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
VALIDATOR = SHARED / "tools" / "oparl_validate.py"


def load_validator() -> ModuleType:
    if not VALIDATOR.exists():
        if os.environ.get("CI"):
            pytest.fail(f"OParl-Validator fehlt: {VALIDATOR}")
        pytest.skip(f"OParl validator not found at {VALIDATOR}")
    spec = importlib.util.spec_from_file_location("oparl_validate", VALIDATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def schema_problems(validator: ModuleType, obj: Any, where: str) -> list[str]:
    problems: list[str] = validator.problems(obj, where)
    return problems
