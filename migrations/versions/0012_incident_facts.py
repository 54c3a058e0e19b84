"""One small row per incident for the supervisor reports (issue 9), kept by the report refresh, and the
list of incidents changed since their row was written, filled by triggers on ``incidents`` so that no
writer (the app, the portal sync, a bulk load, SQL typed by hand) can leave a stale row counted.

Replaces ``incident_clocks`` (0011), whose rows were checked against the incident's version by a join
over every incident of the period. Every existing incident starts on the pending list: reports compute
them live until the first refresh.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _enum(name: str, values: list[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


STATUS = ["new", "diagnosed", "workaround_proposed", "workaround_accepted", "resolved", "closed"]
CHANNEL = ["portal", "phone", "mail", "email", "other"]
ORIGIN = ["peripheral", "dbms", "feature", "usage"]
EXCLUSION = ["software_modified", "non_conforming_use", "version_not_applied", "environment_changed", "base_system"]

SQLITE_TRIGGERS = (
    "CREATE TRIGGER incidents_report_insert AFTER INSERT ON incidents BEGIN "
    "INSERT OR REPLACE INTO report_pending (incident_id, version) VALUES (NEW.id, NEW.version); END",
    "CREATE TRIGGER incidents_report_update AFTER UPDATE ON incidents BEGIN "
    "INSERT OR REPLACE INTO report_pending (incident_id, version) VALUES (NEW.id, NEW.version); END",
    "CREATE TRIGGER incidents_report_delete AFTER DELETE ON incidents BEGIN "
    "DELETE FROM report_pending WHERE incident_id = OLD.id; "
    "DELETE FROM incident_facts WHERE incident_id = OLD.id; END",
)
POSTGRESQL_TRIGGER = (
    "CREATE FUNCTION incidents_report_pending() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'DELETE' THEN "
    "DELETE FROM report_pending WHERE incident_id = OLD.id; "
    "DELETE FROM incident_facts WHERE incident_id = OLD.id; "
    "RETURN OLD; END IF; "
    "INSERT INTO report_pending (incident_id, version) VALUES (NEW.id, NEW.version) "
    "ON CONFLICT (incident_id) DO UPDATE SET version = EXCLUDED.version; "
    "RETURN NEW; END $$",
    "CREATE TRIGGER incidents_report_pending AFTER INSERT OR UPDATE OR DELETE ON incidents "
    "FOR EACH ROW EXECUTE FUNCTION incidents_report_pending()",
)


def upgrade() -> None:
    op.drop_table("incident_clocks")
    op.create_table(
        "incident_facts",
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("calendar", sa.BigInteger(), nullable=False),
        sa.Column("opened_x", sa.BigInteger(), nullable=False),
        sa.Column("resolved_x", sa.BigInteger(), nullable=True),
        sa.Column("closed_x", sa.BigInteger(), nullable=True),
        sa.Column("status", _enum("fact_status", STATUS), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=True),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.Column("channel", _enum("fact_channel", CHANNEL), nullable=False),
        sa.Column("origin", _enum("fact_origin", ORIGIN), nullable=True),
        sa.Column("exclusion", _enum("fact_exclusion", EXCLUSION), nullable=True),
        sa.Column("out_of_contract", sa.Boolean(), nullable=False),
        sa.Column("workaround", sa.Boolean(), nullable=False),
        sa.Column("opened_h", sa.BigInteger(), nullable=True),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("first_response_s", sa.BigInteger(), nullable=True),
        sa.Column("resolution_s", sa.BigInteger(), nullable=True),
        sa.Column("paused_s", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("opened_x", "incident_id", name=op.f("pk_incident_facts")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_incident_facts_incident", "incident_facts", ["incident_id"], unique=True)
    op.create_index(
        "ix_incident_facts_resolved",
        "incident_facts",
        ["resolved_x", "status", "calendar", "priority", "resolution_s", "workaround", "assignee_id", "opened_h"],
    )
    op.create_index("ix_incident_facts_closed", "incident_facts", ["closed_x", "calendar"])
    op.create_index("ix_incident_facts_calendar", "incident_facts", ["calendar"])
    op.create_table(
        "report_pending",
        sa.Column("incident_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_report_pending")),
        sqlite_with_rowid=False,
    )
    op.execute("INSERT INTO report_pending (incident_id, version) SELECT id, version FROM incidents")
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    else:
        for statement in POSTGRESQL_TRIGGER:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS incidents_report_{action}")
    else:
        op.execute("DROP TRIGGER IF EXISTS incidents_report_pending ON incidents")
        op.execute("DROP FUNCTION IF EXISTS incidents_report_pending()")
    op.drop_table("report_pending")
    op.drop_index("ix_incident_facts_calendar", table_name="incident_facts")
    op.drop_index("ix_incident_facts_closed", table_name="incident_facts")
    op.drop_index("ix_incident_facts_resolved", table_name="incident_facts")
    op.drop_index("ix_incident_facts_incident", table_name="incident_facts")
    op.drop_table("incident_facts")
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
