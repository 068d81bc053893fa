"""Board packet jobs, cached LEA report sections, and the LEAs of each generated report.

A packet re-renders only the sections whose data changed since they were cached.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 10:43:18.309626
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lea_id", sa.Integer(), nullable=False),
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
        sa.Column("data_version", sa.String(length=200), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("rendered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lea_id"], ["leas.id"], name=op.f("fk_report_sections_lea_id_leas")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_sections")),
        sa.UniqueConstraint(
            "lea_id", "as_of", "audience", name=op.f("uq_report_sections_lea_id_as_of_audience")
        ),
    )
    op.create_table(
        "generated_report_leas",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("lea_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lea_id"], ["leas.id"], name=op.f("fk_generated_report_leas_lea_id_leas")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["generated_reports.id"],
            name=op.f("fk_generated_report_leas_report_id_generated_reports"),
        ),
        sa.PrimaryKeyConstraint("report_id", "lea_id", name=op.f("pk_generated_report_leas")),
    )
    with op.batch_alter_table("generated_report_leas", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_generated_report_leas_lea_id"), ["lea_id"], unique=False
        )

    op.create_table(
        "report_jobs",
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
        sa.Column(
            "state",
            sa.Enum(
                "queued",
                "running",
                "succeeded",
                "failed",
                name="job_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
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
        sa.Column("lea_ids", sa.JSON(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=True),
        sa.Column("worker", sa.String(length=200), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sections_total", sa.Integer(), nullable=False),
        sa.Column("sections_done", sa.Integer(), nullable=False),
        sa.Column("sections_reused", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["generated_reports.id"],
            name=op.f("fk_report_jobs_report_id_generated_reports"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["users.id"], name=op.f("fk_report_jobs_requested_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_jobs")),
    )
    with op.batch_alter_table("report_jobs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_jobs_requested_at"), ["requested_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_jobs_requested_by_id"), ["requested_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_report_jobs_state"), ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("report_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_jobs_state"))
        batch_op.drop_index(batch_op.f("ix_report_jobs_requested_by_id"))
        batch_op.drop_index(batch_op.f("ix_report_jobs_requested_at"))

    op.drop_table("report_jobs")
    with op.batch_alter_table("generated_report_leas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_generated_report_leas_lea_id"))

    op.drop_table("generated_report_leas")
    op.drop_table("report_sections")
