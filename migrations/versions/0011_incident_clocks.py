"""Stored service-level durations per incident, so that a year of supervisor figures reads them instead of
recomputing every clock (issue 9). Derived data, valid while it matches the incident's version and the
calendar's fingerprint; filled by the report refresh.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incident_clocks",
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("calendar", sa.String(length=64), nullable=False),
        sa.Column("first_response_s", sa.BigInteger(), nullable=True),
        sa.Column("resolution_s", sa.BigInteger(), nullable=True),
        sa.Column("paused_s", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_clocks_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_incident_clocks")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("incident_clocks")
