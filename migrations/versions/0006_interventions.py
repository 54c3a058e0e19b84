"""Télémaintenance (R-18) with its append-only steps, and on-site interventions (R-19).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_REFUSAL = "telemaintenance_steps is append-only (R-18, R-30)"


def upgrade() -> None:
    op.create_table(
        "onsite_interventions",
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("quote_number", sa.String(length=60), nullable=False),
        sa.Column("quote_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("quote_date", sa.Date(), nullable=False),
        sa.Column("order_reference", sa.String(length=60), nullable=True),
        sa.Column("order_date", sa.Date(), nullable=True),
        sa.Column("visit_at", app.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("technician_id", sa.Uuid(), nullable=True),
        sa.Column("technician_name", sa.String(length=120), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("report_reference", sa.String(length=60), nullable=True),
        sa.Column("created_by_name", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", app.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_onsite_interventions_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["technician_id"], ["technicians.id"], name=op.f("fk_onsite_interventions_technician_id_technicians")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onsite_interventions")),
        sa.UniqueConstraint("incident_id", "ordinal", name=op.f("uq_onsite_interventions_incident_id_ordinal")),
        sa.UniqueConstraint("reference", name=op.f("uq_onsite_interventions_reference")),
    )
    with op.batch_alter_table("onsite_interventions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_onsite_interventions_incident_id"), ["incident_id"], unique=False)

    op.create_table(
        "telemaintenances",
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("nature", sa.Text(), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("risks", sa.Text(), nullable=False),
        sa.Column("delay_minutes", sa.Integer(), nullable=False),
        sa.Column("precautions_requested", sa.Text(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "to_inform",
                "waiting_consent",
                "waiting_precautions",
                "ready",
                "in_progress",
                "to_notify",
                "to_report",
                "done",
                "refused",
                "withdrawn",
                name="telemaintenance_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("state_since", app.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("begun_at", app.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_name", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", app.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["technicians.id"], name=op.f("fk_telemaintenances_created_by_id_technicians")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_telemaintenances_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telemaintenances")),
        sa.UniqueConstraint("incident_id", "ordinal", name=op.f("uq_telemaintenances_incident_id_ordinal")),
        sa.UniqueConstraint("reference", name=op.f("uq_telemaintenances_reference")),
    )
    with op.batch_alter_table("telemaintenances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_telemaintenances_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_telemaintenances_state"), ["state"], unique=False)

    op.create_table(
        "telemaintenance_steps",
        sa.Column("telemaintenance_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=24), nullable=False),
        sa.Column("at", app.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["technicians.id"], name=op.f("fk_telemaintenance_steps_author_id_technicians")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_telemaintenance_steps_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["telemaintenance_id"],
            ["telemaintenances.id"],
            name=op.f("fk_telemaintenance_steps_telemaintenance_id_telemaintenances"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telemaintenance_steps")),
        sa.UniqueConstraint(
            "telemaintenance_id", "position", name=op.f("uq_telemaintenance_steps_telemaintenance_id_position")
        ),
    )
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER telemaintenance_steps_no_{action.lower()} BEFORE {action} ON telemaintenance_steps "
                f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION telemaintenance_steps_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER telemaintenance_steps_append_only BEFORE UPDATE OR DELETE ON telemaintenance_steps "
            "FOR EACH ROW EXECUTE FUNCTION telemaintenance_steps_refuse_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS telemaintenance_steps_no_update")
        op.execute("DROP TRIGGER IF EXISTS telemaintenance_steps_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS telemaintenance_steps_append_only ON telemaintenance_steps")
        op.execute("DROP FUNCTION IF EXISTS telemaintenance_steps_refuse_change()")
    op.drop_table("telemaintenance_steps")
    with op.batch_alter_table("telemaintenances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_telemaintenances_state"))
        batch_op.drop_index(batch_op.f("ix_telemaintenances_incident_id"))

    op.drop_table("telemaintenances")
    with op.batch_alter_table("onsite_interventions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_onsite_interventions_incident_id"))

    op.drop_table("onsite_interventions")
