"""The one declarative base every storage model module shares (naming convention included).

Other storage modules define their tables on :class:`Base`; Alembic's ``env.py`` calls
:func:`load_model_modules` so that ``Base.metadata`` covers every table.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

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
    """Define every table on :class:`Base` (for ``Base.metadata`` and Alembic).

    A new ``*_models`` module is added to this import. (Imported here, not at the top, because the
    model modules import :class:`Base` from this module.)
    """
    from kimdesk.storage import (  # noqa: F401
        audit_models,
        document_models,
        meeting_models,
        models,
        signature_models,
        version_models,
    )
