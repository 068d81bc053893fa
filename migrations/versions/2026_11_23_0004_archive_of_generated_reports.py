"""Archive of generated reports: each PDF kept with its LEA, as-of date, audience and hash.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 08:27:31.455456
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "generated_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "lea",
                "board_packet",
                name="report_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("lea_id", sa.Integer(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "board",
                "spi",
                name="audience",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("generated_by_id", sa.Integer(), nullable=True),
        sa.Column("generated_at", sa.DateTime(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["generated_by_id"],
            ["users.id"],
            name=op.f("fk_generated_reports_generated_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["lea_id"], ["leas.id"], name=op.f("fk_generated_reports_lea_id_leas")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generated_reports")),
    )
    with op.batch_alter_table("generated_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_generated_reports_generated_at"), ["generated_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_generated_reports_lea_id"), ["lea_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("generated_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_generated_reports_lea_id"))
        batch_op.drop_index(batch_op.f("ix_generated_reports_generated_at"))

    op.drop_table("generated_reports")
