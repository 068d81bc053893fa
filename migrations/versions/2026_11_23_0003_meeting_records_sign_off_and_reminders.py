"""Meeting records: sign-off of quarterly meetings with frozen statuses, reminders by email.

Also attendee and next-step email addresses, and versions and archiving for meetings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 07:48:43.187528
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "pre_read",
                "overdue_next_step",
                "missed_quarter",
                name="reminder_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("lea_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["lea_id"], ["leas.id"], name=op.f("fk_reminders_lea_id_leas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("key", name=op.f("uq_reminders_key")),
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminders_lea_id"), ["lea_id"], unique=False)

    op.create_table(
        "meeting_sign_offs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column(
            "organisation",
            sa.Enum(
                "lea",
                "ccee",
                "coe",
                "geo_lead",
                name="organisation",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_sign_offs_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_sign_offs")),
        sa.UniqueConstraint(
            "meeting_id", "organisation", name=op.f("uq_meeting_sign_offs_meeting_id_organisation")
        ),
    )
    with op.batch_alter_table("meeting_sign_offs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_sign_offs_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "meeting_frozen_statuses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "completed",
                name="frozen_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_meeting_frozen_statuses_action_id_actions")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_frozen_statuses_meeting_id_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_frozen_statuses")),
        sa.UniqueConstraint(
            "meeting_id", "action_id", name=op.f("uq_meeting_frozen_statuses_meeting_id_action_id")
        ),
    )
    with op.batch_alter_table("meeting_frozen_statuses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_frozen_statuses_meeting_id"), ["meeting_id"], unique=False
        )

    with op.batch_alter_table("meeting_attendees", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_meeting_attendees_user_id_users"), "users", ["user_id"], ["id"]
        )

    with op.batch_alter_table("meeting_next_steps", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_email", sa.String(length=254), nullable=True))

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("closed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_meetings_closed_by_id_users"), "users", ["closed_by_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_meetings_closed_by_id_users"), type_="foreignkey")
        batch_op.drop_column("archived_at")
        batch_op.drop_column("closed_by_id")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("version")

    with op.batch_alter_table("meeting_next_steps", schema=None) as batch_op:
        batch_op.drop_column("owner_email")

    with op.batch_alter_table("meeting_attendees", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_meeting_attendees_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("user_id")
        batch_op.drop_column("email")

    with op.batch_alter_table("meeting_frozen_statuses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_frozen_statuses_meeting_id"))

    op.drop_table("meeting_frozen_statuses")
    with op.batch_alter_table("meeting_sign_offs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_sign_offs_meeting_id"))

    op.drop_table("meeting_sign_offs")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminders_lea_id"))

    op.drop_table("reminders")
