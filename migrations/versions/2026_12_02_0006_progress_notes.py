"""Progress notes: what happened on an action without a change of its status.

Append-only like the status history: triggers refuse UPDATE and DELETE.

Revision ID: progress_notes
Revises: 0005
Create Date: 2026-12-02 05:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "progress_notes"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_MESSAGE = "progress notes are append-only"


def upgrade() -> None:
    op.create_table(
        "progress_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("noted_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("noted_by_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence_url", sa.String(length=2000), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("note <> ''", name=op.f("ck_progress_notes_note_not_empty")),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_progress_notes_action_id_actions")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_progress_notes_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["noted_by_id"], ["users.id"], name=op.f("fk_progress_notes_noted_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_notes")),
    )
    with op.batch_alter_table("progress_notes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_progress_notes_action_id_noted_at", ["action_id", "noted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_progress_notes_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_progress_notes_noted_by_id"), ["noted_by_id"], unique=False
        )
    _create_append_only_triggers()


def downgrade() -> None:
    _drop_append_only_triggers()
    with op.batch_alter_table("progress_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_notes_noted_by_id"))
        batch_op.drop_index(batch_op.f("ix_progress_notes_meeting_id"))
        batch_op.drop_index("ix_progress_notes_action_id_noted_at")
    op.drop_table("progress_notes")


def _create_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER progress_notes_no_{event.lower()} BEFORE {event} "
                f"ON progress_notes BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION progress_notes_refuse_edit() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER progress_notes_append_only BEFORE UPDATE OR DELETE "
            "ON progress_notes FOR EACH ROW EXECUTE FUNCTION progress_notes_refuse_edit()"
        )


def _drop_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER progress_notes_no_{event}")
    else:
        op.execute("DROP TRIGGER progress_notes_append_only ON progress_notes")
        op.execute("DROP FUNCTION progress_notes_refuse_edit()")
