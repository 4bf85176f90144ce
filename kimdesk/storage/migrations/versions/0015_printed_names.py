"""A Vorlage past Entwurf keeps the names it prints and its signatures cover (``papers.printed_names``).

The names of its Amt, its Gremien (with the genitive) and its Berichterstatter (with the function) used to
come from the master data every time, so renaming a Gremium in Einstellungen changed what every signed
Vorlage prints, and ``verify`` then reported each of its signatures as broken. From now on the repository
takes them when a Vorlage leaves Entwurf (kimdesk.domain.signature.printed_names) and loads a locked Vorlage
with them.

For the Vorlagen already past Entwurf this fills them in: with the names its newest signature still in
force covers (a Mitzeichnung not voided, or the Beschlussvermerk), so a rename made before this upgrade no
longer breaks those signatures; a Vorlage without such a signature gets the names as the master data has
them now. Plain ADD COLUMN, also on SQLite (a copy of ``papers`` would drop the rows that cascade from it).

Downgrade drops the column: the older program takes the names from the master data again.

Revision ID: 0015_printed_names
Revises: 0014_attachment_list_index
"""

import json
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from kimdesk.storage import types as kimdesk_types

revision: str = "0015_printed_names"
down_revision: str | Sequence[str] | None = "0014_attachment_list_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

papers = sa.table(
    "papers",
    sa.column("id", sa.Uuid()),
    sa.column("status", sa.String()),
    sa.column("lead_department_id", sa.Uuid()),
    sa.column("signature_heading", sa.Text()),
    sa.column("signature_name", sa.Text()),
    sa.column("signature_function", sa.Text()),
    sa.column("printed_names", kimdesk_types.JsonText()),
)
organizations = sa.table(
    "organizations",
    sa.column("id", sa.Uuid()),
    sa.column("name", sa.Text()),
    sa.column("short_name", sa.Text()),
    sa.column("name_genitive", sa.Text()),
)
persons = sa.table("persons", sa.column("id", sa.Uuid()), sa.column("name", sa.Text()), sa.column("function", sa.Text()))
consultations = sa.table(
    "consultations",
    sa.column("paper_id", sa.Uuid()),
    sa.column("position", sa.Integer()),
    sa.column("committee_id", sa.Uuid()),
    sa.column("rapporteur_id", sa.Uuid()),
)
sign_offs = sa.table("sign_offs", sa.column("id", sa.Uuid()), sa.column("voided", sa.Boolean()))
signatures = sa.table(
    "signatures",
    sa.column("paper_id", sa.Uuid()),
    sa.column("kind", sa.String()),
    sa.column("sign_off_id", sa.Uuid()),
    sa.column("checkpoint_seq", sa.Integer()),
    sa.column("payload", sa.LargeBinary()),
)


def upgrade() -> None:
    op.add_column("papers", sa.Column("printed_names", kimdesk_types.JsonText(), nullable=True))
    bind = op.get_bind()
    locked = {
        row.id: row for row in bind.execute(sa.select(papers).where(papers.c.status != "draft")).all()
    }
    if not locked:
        return
    names = _signed_names(bind, locked.keys())
    current = _current_names(bind, locked)
    rows = [{"pid": pid, "names": names.get(pid) or current[pid]} for pid in locked]
    bind.execute(
        papers.update().where(papers.c.id == sa.bindparam("pid")).values(printed_names=sa.bindparam("names")),
        rows,
    )


def _signed_names(bind: sa.Connection, locked: Any) -> dict[uuid.UUID, Any]:
    """Per Vorlage the names of its newest signature in force (read one by one: payloads can be many)."""
    in_force = sa.or_(signatures.c.kind == "resolution", sign_offs.c.voided == sa.false())
    stmt = (
        sa.select(signatures.c.paper_id, signatures.c.payload)
        .select_from(signatures.outerjoin(sign_offs, sign_offs.c.id == signatures.c.sign_off_id))
        .where(in_force)
        .order_by(signatures.c.paper_id, signatures.c.checkpoint_seq)
        .execution_options(yield_per=500)
    )
    found: dict[uuid.UUID, Any] = {}
    wanted = set(locked)
    for paper_id, payload in bind.execute(stmt):
        if paper_id not in wanted:
            continue
        try:
            data = json.loads(payload)
        except ValueError:
            continue
        if not isinstance(data, dict) or data.get("paperId") != str(paper_id):
            continue  # not this Vorlage's signature (verify names such a row)
        if isinstance(data.get("names"), dict):
            found[paper_id] = data["names"]  # ordered by checkpoint: the newest one stays
    return found


def _current_names(bind: sa.Connection, locked: dict[uuid.UUID, Any]) -> dict[uuid.UUID, Any]:
    """Per Vorlage the names as kimdesk.domain.signature.printed_names gives them from the master data now."""
    orgs = {row.id: row for row in bind.execute(sa.select(organizations))}
    people = {row.id: row for row in bind.execute(sa.select(persons))}
    steps: dict[uuid.UUID, list[Any]] = {}
    stmt = sa.select(consultations).order_by(consultations.c.paper_id, consultations.c.position)
    for row in bind.execute(stmt):
        if row.paper_id in locked:
            org = orgs.get(row.committee_id)
            person = people.get(row.rapporteur_id)
            steps.setdefault(row.paper_id, []).append(
                {
                    "committee": [org.name, org.short_name, org.name_genitive or org.name] if org else None,
                    "rapporteur": [person.name, person.function] if person else None,
                }
            )
    result = {}
    for pid, paper in locked.items():
        lead = orgs.get(paper.lead_department_id)
        result[pid] = {
            "leadDepartment": [lead.name, lead.short_name] if lead else None,
            "consultations": steps.get(pid, []),
            "signature": [paper.signature_heading, paper.signature_name, paper.signature_function],
        }
    return result


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE papers DROP COLUMN printed_names")  # SQLite 3.35+
    else:
        op.drop_column("papers", "printed_names")
