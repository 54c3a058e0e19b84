"""Full-text search over incidents: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 05:15:00
"""

from __future__ import annotations

from alembic import op

from app.db.search_tables import create_search_tables, drop_search_tables

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_search_tables(op.get_bind())


def downgrade() -> None:
    drop_search_tables(op.get_bind())
