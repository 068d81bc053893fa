"""Report jobs can be cancelled: a fifth job state, "cancelled".

LEA reports are jobs too now (the kind column already allowed "lea"); only the CHECK
constraint of the state column changes.

Revision ID: 0006_cancelled_jobs
Revises: progress_notes
Create Date: 2026-12-02 05:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006_cancelled_jobs"
down_revision: str | None = "progress_notes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The constraint's name under the naming convention ("ck_%(table_name)s_%(constraint_name)s").
CONSTRAINT = "job_state"
STATES = ("queued", "running", "succeeded", "failed")


def _states_check(states: Sequence[str]) -> str:
    return "state IN ({})".format(", ".join(f"'{state}'" for state in states))


def upgrade() -> None:
    with op.batch_alter_table("report_jobs", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_report_jobs_{CONSTRAINT}"), type_="check")
        batch_op.create_check_constraint(CONSTRAINT, _states_check((*STATES, "cancelled")))


def downgrade() -> None:
    op.execute("UPDATE report_jobs SET state = 'failed' WHERE state = 'cancelled'")
    with op.batch_alter_table("report_jobs", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_report_jobs_{CONSTRAINT}"), type_="check")
        batch_op.create_check_constraint(CONSTRAINT, _states_check(STATES))
