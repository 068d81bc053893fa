"""Reports refused over their layout budget, and reminders that say where their sending is.

Report jobs get a sixth state, "refused". Reminders get a state (unsent, sending, sent,
uncertain, stopped), when and with which Message-ID they were last handed to the mail server,
and a version: admins decide on the uncertain and stopped ones. Existing reminders are sent
or unsent as their ``sent_at`` says.

Revision ID: 0011_budget_reminder_states
Revises: 0010_distribution
Create Date: 2026-12-02 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_budget_reminder_states"
down_revision: str | None = "0010_distribution"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JOB_STATES = ("queued", "running", "succeeded", "failed", "cancelled")
REMINDER_STATES = ("unsent", "sending", "sent", "uncertain", "stopped")


def _check(column: str, values: Sequence[str]) -> str:
    return "{} IN ({})".format(column, ", ".join(f"'{value}'" for value in values))


def upgrade() -> None:
    with op.batch_alter_table("report_jobs", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_report_jobs_job_state"), type_="check")
        batch_op.create_check_constraint("job_state", _check("state", (*JOB_STATES, "refused")))
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "state",
                sa.Enum(*REMINDER_STATES, name="reminder_state", native_enum=False, length=32,
                        create_constraint=True),
                nullable=False,
                server_default="unsent",
            )
        )  # fmt: skip
        batch_op.add_column(sa.Column("sending_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("message_id", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.create_index(batch_op.f("ix_reminders_state"), ["state"], unique=False)
    op.execute("UPDATE reminders SET state = 'sent' WHERE sent_at IS NOT NULL")
    # The models give the defaults; the server defaults only filled the existing rows.
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.alter_column("state", server_default=None)
        batch_op.alter_column("message_id", server_default=None)
        batch_op.alter_column("version", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminders_state"))
        batch_op.drop_constraint(op.f("ck_reminders_reminder_state"), type_="check")
        batch_op.drop_column("version")
        batch_op.drop_column("message_id")
        batch_op.drop_column("sending_at")
        batch_op.drop_column("state")
    op.execute("UPDATE report_jobs SET state = 'failed' WHERE state = 'refused'")
    with op.batch_alter_table("report_jobs", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_report_jobs_job_state"), type_="check")
        batch_op.create_check_constraint("job_state", _check("state", JOB_STATES))
