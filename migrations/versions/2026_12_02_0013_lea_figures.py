"""The dashboard's figures of each LEA, kept current on write (``monitoring/figures.py``).

Filled from the existing history: the figures are what ``compute_figures`` makes of the rows,
so the backfill runs that code on the migration's connection (a cache of the history, not data
of its own; a later change of how they are computed recomputes them the same way).

Revision ID: 0012_lea_figures
Revises: 0011_dashboard_results
Create Date: 2026-12-02 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0012_lea_figures"
down_revision: str | None = "0011_dashboard_results"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lea_figures",
        sa.Column("lea_id", sa.Integer(), nullable=False),
        sa.Column("sir_id", sa.Integer(), nullable=True),
        sa.Column("sir_note", sa.String(length=100), nullable=True),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.Column("in_progress", sa.Integer(), nullable=False),
        sa.Column("not_started", sa.Integer(), nullable=False),
        sa.Column("quarter_ends", sa.JSON(), nullable=False),
        sa.Column("quarterly_meetings", sa.JSON(), nullable=False),
        sa.Column("windows", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["lea_id"], ["leas.id"], name=op.f("fk_lea_figures_lea_id_leas")),
        sa.ForeignKeyConstraint(["sir_id"], ["sirs.id"], name=op.f("fk_lea_figures_sir_id_sirs")),
        sa.PrimaryKeyConstraint("lea_id", name=op.f("pk_lea_figures")),
    )
    # Imported here: the app's models are needed only by the backfill.
    from sir_tracker.leas.models import Lea
    from sir_tracker.monitoring.figures import keep_figures

    session = Session(bind=op.get_bind())
    keep_figures(session, list(session.scalars(sa.select(Lea.id))))
    session.flush()


def downgrade() -> None:
    op.drop_table("lea_figures")
