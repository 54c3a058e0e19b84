"""Folded commune of each client, indexed, for lookups by town.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 06:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.domain.text import fold

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_city", sa.String(length=100), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_clients_search_city"), ["search_city"], unique=False)
    clients = sa.table("clients", sa.column("id", sa.Uuid()), sa.column("city", sa.String()), sa.column("search_city"))
    bind = op.get_bind()
    rows = bind.execute(sa.select(clients.c.id, clients.c.city)).all()
    for client_id, city in rows:
        bind.execute(clients.update().where(clients.c.id == client_id).values(search_city=fold(city or "")))
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.alter_column("search_city", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clients_search_city"))
        batch_op.drop_column("search_city")
