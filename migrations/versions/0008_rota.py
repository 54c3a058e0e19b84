"""Hotline rota: shifts, weekly patterns and their exceptions, staff leave.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_ROLE = sa.Enum("primary", "backup", name="rota_line_role", native_enum=False, create_constraint=True, length=32)
_KIND = sa.Enum(
    "conges",
    "maladie",
    "formation",
    "temps_partiel",
    "rtt",
    "autre",
    name="staff_leave_kind",
    native_enum=False,
    create_constraint=True,
    length=32,
)


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", app.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "rota_shifts",
        sa.Column("technician_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.Column("role", _ROLE, nullable=False),
        sa.Column("exceptional", sa.Boolean(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["technician_id"], ["technicians.id"], name=op.f("fk_rota_shifts_technician_id_technicians")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rota_shifts")),
    )
    with op.batch_alter_table("rota_shifts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rota_shifts_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_rota_shifts_technician_id"), ["technician_id"], unique=False)

    op.create_table(
        "rota_patterns",
        sa.Column("technician_id", sa.Uuid(), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.Column("role", _ROLE, nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(["technician_id"], ["technicians.id"], name=op.f("fk_rota_patterns_technician_id_technicians")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rota_patterns")),
    )
    with op.batch_alter_table("rota_patterns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rota_patterns_technician_id"), ["technician_id"], unique=False)

    op.create_table(
        "rota_pattern_exceptions",
        sa.Column("pattern_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pattern_id"], ["rota_patterns.id"], name=op.f("fk_rota_pattern_exceptions_pattern_id_rota_patterns"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rota_pattern_exceptions")),
        sa.UniqueConstraint("pattern_id", "day", name=op.f("uq_rota_pattern_exceptions_pattern_id_day")),
    )

    op.create_table(
        "staff_leaves",
        sa.Column("technician_id", sa.Uuid(), nullable=False),
        sa.Column("kind", _KIND, nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("starts_afternoon", sa.Boolean(), nullable=False),
        sa.Column("ends_at_noon", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["technician_id"], ["technicians.id"], name=op.f("fk_staff_leaves_technician_id_technicians")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_leaves")),
    )
    with op.batch_alter_table("staff_leaves", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_leaves_first_day"), ["first_day"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_leaves_technician_id"), ["technician_id"], unique=False)


def downgrade() -> None:
    op.drop_table("staff_leaves")
    op.drop_table("rota_pattern_exceptions")
    op.drop_table("rota_patterns")
    op.drop_table("rota_shifts")
