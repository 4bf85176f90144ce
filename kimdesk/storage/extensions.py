"""Storage modules of other features that register repositories on the unit of work.

Each listed module is imported when a database is opened (and by Alembic's ``env.py``). At import
time it defines its models on :class:`kimdesk.storage.base.Base` (directly or by importing its
``*_models`` module) and calls ``SqlUnitOfWork.register_repository("name", Factory)``; every unit of
work then has ``uow.name = Factory(session)``. Append ONE line per feature.
"""

from __future__ import annotations

EXTENSION_MODULES: list[str] = [
    "kimdesk.storage.audit_repository",
    "kimdesk.storage.meeting_repository",
    "kimdesk.storage.child_ids",
]
