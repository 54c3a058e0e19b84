"""Contracts' money and the backup service: financial lines, price history, index values, legal interest
rates, backup receipts (R-23, R-24, R-27 to R-29).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "legal_interest_rates",
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=False),
        sa.Column("rate_percent", sa.Numeric(precision=6, scale=3), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_interest_rates")),
        sa.UniqueConstraint("start_on", name=op.f("uq_legal_interest_rates_start_on")),
    )
    op.create_table(
        "price_index_values",
        sa.Column("series", sa.String(length=60), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("value", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_index_values")),
        sa.UniqueConstraint("series", "period", name=op.f("uq_price_index_values_series_period")),
    )
    op.create_table(
        "contract_lines",
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "service",
            sa.Enum(
                "assistance",
                "portal_hosting",
                "jet_clouding",
                "backup",
                name="contract_line_service",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("designation", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("index_series", sa.String(length=60), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_contract_lines_contract_id_contracts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_lines")),
    )
    with op.batch_alter_table("contract_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contract_lines_contract_id"), ["contract_id"], unique=False)

    op.create_table(
        "contract_prices",
        sa.Column("line_id", sa.Uuid(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("previous_price", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("index_series", sa.String(length=60), nullable=True),
        sa.Column("index_period", sa.String(length=7), nullable=True),
        sa.Column("index_value", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.Column("base_period", sa.String(length=7), nullable=True),
        sa.Column("base_value", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", app.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["line_id"],
            ["contract_lines.id"],
            name=op.f("fk_contract_prices_line_id_contract_lines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_prices")),
        sa.UniqueConstraint("line_id", "effective_on", name=op.f("uq_contract_prices_line_id_effective_on")),
    )
    with op.batch_alter_table("contract_prices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contract_prices_line_id"), ["line_id"], unique=False)

    op.create_table(
        "backup_receipts",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("received_at", app.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("file_count", sa.Integer(), nullable=False),
        sa.Column("total_bytes", sa.BigInteger(), nullable=False),
        sa.Column("report_key", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_backup_receipts_client_id_clients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_backup_receipts_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backup_receipts")),
    )
    with op.batch_alter_table("backup_receipts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_backup_receipts_client_id"), ["client_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("backup_receipts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_backup_receipts_client_id"))

    op.drop_table("backup_receipts")
    with op.batch_alter_table("contract_prices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_prices_line_id"))

    op.drop_table("contract_prices")
    with op.batch_alter_table("contract_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_lines_contract_id"))

    op.drop_table("contract_lines")
    op.drop_table("price_index_values")
    op.drop_table("legal_interest_rates")
