"""Revision 0003: which host and process ran each run.

A run whose process was killed stays ``running`` forever (it never reached ``finished``); with
the host and process id, ``accord runs list`` can tell such a run (``interrupted``) from one
that is still going. Rows recorded before this revision keep null host and pid.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("host", sa.String(255)))
        batch.add_column(sa.Column("pid", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("pid")
        batch.drop_column("host")
