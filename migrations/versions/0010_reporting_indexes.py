"""Indexes for the supervisor reports: incidents by resolution and closure date, calls by start, and the
partial index of the history lines that pause the service-level clock.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CLOCK_EVENTS_SQL = (
    "field = 'waiting' OR to_status = 'workaround_proposed' OR from_status = 'workaround_proposed'"
    " OR (from_status IN ('resolved', 'closed')"
    " AND to_status IN ('new', 'diagnosed', 'workaround_proposed', 'workaround_accepted'))"
)


def upgrade() -> None:
    op.create_index("ix_incidents_resolved_at", "incidents", ["resolved_at"], unique=False)
    op.create_index("ix_incidents_closed_at", "incidents", ["closed_at"], unique=False)
    op.create_index("ix_call_logs_started_at", "call_logs", ["started_at"], unique=False)
    op.create_index(
        "ix_incident_events_clock",
        "incident_events",
        ["incident_id", "at", "seq"],
        unique=False,
        sqlite_where=sa.text(CLOCK_EVENTS_SQL),
        postgresql_where=sa.text(CLOCK_EVENTS_SQL),
    )


def downgrade() -> None:
    op.drop_index("ix_incident_events_clock", table_name="incident_events")
    op.drop_index("ix_call_logs_started_at", table_name="call_logs")
    op.drop_index("ix_incidents_closed_at", table_name="incidents")
    op.drop_index("ix_incidents_resolved_at", table_name="incidents")
