"""Revision 0002: the forecast ledger.

Forecasts made in sources (pundits) or derived from runs (accord's own), with their resolution,
so both can be scored alike. ``key`` names imported forecasts so an import is idempotent.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "forecasts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(255), unique=True),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("author", sa.String(255)),
        sa.Column("source", sa.Text),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="SET NULL")),
        sa.Column("model", sa.String(80)),
        sa.Column("issue", sa.String(80)),
        sa.Column("scenario_id", sa.String(80)),
        sa.Column("made", sa.String(10), nullable=False),
        sa.Column("resolves", sa.String(10)),
        sa.Column("probability", sa.Float),
        sa.Column("value", sa.Float),
        sa.Column("quote", sa.Text),
        sa.Column("outcome", sa.Float),
        sa.Column("resolved_on", sa.String(10)),
        sa.Column("resolution_note", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("probability IS NULL OR (probability >= 0 AND probability <= 1)",
                           name="ck_forecasts_probability"),
        sa.CheckConstraint("probability IS NULL OR value IS NULL", name="ck_forecasts_one_kind"),
    )
    op.create_index("ix_forecasts_run_id", "forecasts", ["run_id"])


def downgrade() -> None:
    op.drop_table("forecasts")
