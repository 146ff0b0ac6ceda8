"""Revision 0001: scenario versions and recorded runs.

The first schema: every scenario a run used, keyed by its digest with its text, and one row per
run with its RunSpec, status, times and what it produced.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "scenario_versions",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("scenario_id", sa.String(80), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("as_of", sa.String(10)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_kind", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_scenario_versions_scenario_id", "scenario_versions", ["scenario_id"])
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("spec", sa.Text, nullable=False),
        sa.Column("scenario_digest", sa.String(64), sa.ForeignKey("scenario_versions.digest"),
                  nullable=False),
        sa.Column("accord_version", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("payload", sa.Text),
        sa.Column("error", sa.Text),
        sa.CheckConstraint("status IN ('running', 'finished', 'failed')", name="ck_runs_status"),
    )
    op.create_index("ix_runs_kind", "runs", ["kind"])
    op.create_index("ix_runs_scenario_digest", "runs", ["scenario_digest"])
    op.create_index("ix_runs_status", "runs", ["status"])


def downgrade() -> None:
    op.drop_table("runs")
    op.drop_table("scenario_versions")
