"""Distribution lists and their members, and the sendings of archived reports to them, with
one delivery per member (tried by the report worker).

Revision ID: 0010_distribution
Revises: 0006_api_tokens
Create Date: 2026-12-02 15:09:22.195938
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_distribution"
down_revision: str | None = "0006_api_tokens"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "distribution_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distribution_lists")),
        sa.UniqueConstraint("name", name=op.f("uq_distribution_lists_name")),
    )
    op.create_table(
        "distribution_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["distribution_lists.id"],
            name=op.f("fk_distribution_members_list_id_distribution_lists"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distribution_members")),
    )
    with op.batch_alter_table("distribution_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_distribution_members_list_id"), ["list_id"], unique=False
        )

    op.create_table(
        "report_sendings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=200), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("links_expire_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["distribution_lists.id"],
            name=op.f("fk_report_sendings_list_id_distribution_lists"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["generated_reports.id"],
            name=op.f("fk_report_sendings_report_id_generated_reports"),
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"], ["users.id"], name=op.f("fk_report_sendings_sent_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_sendings")),
    )
    with op.batch_alter_table("report_sendings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_sendings_report_id"), ["report_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_report_sendings_sent_at"), ["sent_at"], unique=False)

    op.create_table(
        "report_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sending_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "waiting",
                "sent",
                "failed",
                name="delivery_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("attached", sa.Boolean(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sending_id"],
            ["report_sendings.id"],
            name=op.f("fk_report_deliveries_sending_id_report_sendings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_deliveries")),
    )
    with op.batch_alter_table("report_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_deliveries_sending_id"), ["sending_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_report_deliveries_state"), ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("report_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_deliveries_state"))
        batch_op.drop_index(batch_op.f("ix_report_deliveries_sending_id"))

    op.drop_table("report_deliveries")
    with op.batch_alter_table("report_sendings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_sendings_sent_at"))
        batch_op.drop_index(batch_op.f("ix_report_sendings_report_id"))

    op.drop_table("report_sendings")
    with op.batch_alter_table("distribution_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_distribution_members_list_id"))

    op.drop_table("distribution_members")
    op.drop_table("distribution_lists")
