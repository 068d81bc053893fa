"""Archived board packets keep the digest of what they were made from (every section's bytes,
the first pages' HTML, the joining code), so a packet asked for again with nothing changed is
found in the archive instead of being joined again; a packet's job keeps the board meeting
asked for on the web, printed on its cover.

Revision ID: 0013_packet_digest_and_meeting
Revises: 0012_lea_figures
Create Date: 2026-12-02 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_packet_digest_and_meeting"
down_revision: str | None = "0012_lea_figures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("board_meeting", sa.Date(), nullable=True))
    with op.batch_alter_table("generated_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inputs_digest", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_generated_reports_inputs_digest"), ["inputs_digest"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("generated_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_generated_reports_inputs_digest"))
        batch_op.drop_column("inputs_digest")
    with op.batch_alter_table("report_jobs", schema=None) as batch_op:
        batch_op.drop_column("board_meeting")
