"""The one declarative base every storage model module shares (naming convention included).

Other storage modules define their tables on :class:`Base`; Alembic's ``env.py`` calls
:func:`load_model_modules` so that ``Base.metadata`` covers every table.
"""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

import kimdesk.storage as package
from kimdesk.storage.extensions import EXTENSION_MODULES

#: Named constraints, so that SQLite batch migrations can drop and recreate them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def load_model_modules() -> None:
    """Import every ``kimdesk.storage`` module named ``models*`` or ``*_models`` and the extensions.

    The extension list is imported explicitly as well, because a frozen build may not let
    :mod:`pkgutil` walk the package.
    """
    names = {"kimdesk.storage.models"}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("models") or info.name.endswith("_models"):
            names.add(f"kimdesk.storage.{info.name}")
    names.update(EXTENSION_MODULES)
    for name in sorted(names):
        importlib.import_module(name)
