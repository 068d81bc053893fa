"""Dashboard results: which student groups of each LEA did not meet which LCFF priorities, per
Dashboard year (a replaced year is kept, marked replaced; one current year per LEA).

Revision ID: 0011_dashboard_results
Revises: 0011_budget_reminder_states
Create Date: 2026-12-02 15:00:49.848239
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_dashboard_results"
down_revision: str | None = "0011_budget_reminder_states"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dashboard_years",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lea_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "year BETWEEN 2000 AND 2100", name=op.f("ck_dashboard_years_year_plausible")
        ),
        sa.ForeignKeyConstraint(
            ["imported_by_id"], ["users.id"], name=op.f("fk_dashboard_years_imported_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["lea_id"], ["leas.id"], name=op.f("fk_dashboard_years_lea_id_leas")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_years")),
    )
    with op.batch_alter_table("dashboard_years", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dashboard_years_imported_by_id"), ["imported_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dashboard_years_lea_id"), ["lea_id"], unique=False)
        batch_op.create_index(
            "uq_dashboard_years_current",
            ["lea_id", "year"],
            unique=True,
            sqlite_where=sa.text("replaced_at IS NULL"),
            postgresql_where=sa.text("replaced_at IS NULL"),
        )

    op.create_table(
        "dashboard_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dashboard_year_id", sa.Integer(), nullable=False),
        sa.Column(
            "student_group",
            sa.Enum(
                "all_students",
                "english_learners",
                "long_term_english_learners",
                "foster_youth",
                "homeless_youth",
                "socioeconomically_disadvantaged",
                "students_with_disabilities",
                "african_american",
                "american_indian",
                "asian",
                "filipino",
                "hispanic",
                "pacific_islander",
                "two_or_more_races",
                "white",
                name="student_group",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "priority",
            sa.Enum(
                "1",
                "2",
                "3",
                "4",
                "5",
                "6",
                "7",
                "8",
                name="lcff_priority",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["dashboard_year_id"],
            ["dashboard_years.id"],
            name=op.f("fk_dashboard_results_dashboard_year_id_dashboard_years"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_results")),
        sa.UniqueConstraint(
            "dashboard_year_id",
            "student_group",
            "priority",
            name=op.f("uq_dashboard_results_dashboard_year_id_student_group_priority"),
        ),
    )
    with op.batch_alter_table("dashboard_results", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dashboard_results_dashboard_year_id"),
            ["dashboard_year_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("dashboard_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dashboard_results_dashboard_year_id"))

    op.drop_table("dashboard_results")
    with op.batch_alter_table("dashboard_years", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_dashboard_years_current",
            sqlite_where=sa.text("replaced_at IS NULL"),
            postgresql_where=sa.text("replaced_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_dashboard_years_lea_id"))
        batch_op.drop_index(batch_op.f("ix_dashboard_years_imported_by_id"))

    op.drop_table("dashboard_years")
