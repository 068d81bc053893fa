"""Sign-in throttles (failed sign-ins counted per account and per client address), and a
version on users so that two admins editing one account conflict visibly.

Revision ID: sign_in_throttles
Revises: 0006_cancelled_jobs
Create Date: 2026-12-02 05:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "sign_in_throttles"
down_revision: str | None = "0006_cancelled_jobs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_throttles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "scope",
            sa.Enum(
                "account",
                "address",
                name="throttle_scope",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("key", sa.String(length=254), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "failures >= 0", name=op.f("ck_sign_in_throttles_failures_not_negative")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_throttles")),
        sa.UniqueConstraint("scope", "key", name=op.f("uq_sign_in_throttles_scope_key")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("version")
    op.drop_table("sign_in_throttles")
