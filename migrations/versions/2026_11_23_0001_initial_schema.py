"""Initial schema: LEAs, SIRs, actions with append-only status history, meetings, users.

Also creates the twelve SIR components and the triggers that keep status history append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 06:59:03.163383
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

COMPONENTS = (
    "Culture, Coherence, and the Planning Process",
    "Curriculum, Learning, and Support",
    "Instructional Practice and Strategies",
    "Social-Emotional and Behavioral Health and Development",
    "Assessment and Accountability",
    "Student and Family Engagement",
    "School-based Instructional Leadership Teams (ILTs)",
    "Administrative Coaching and Leadership",
    "Professional Learning and Coaching",
    "Data Management and Use and Student Information Systems",
    "District and Leadership Capacity",
    "Governance Support with Instruction",
)

APPEND_ONLY_MESSAGE = "status history is append-only"

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "components",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_components")),
        sa.UniqueConstraint("number", name=op.f("uq_components_number")),
        sa.UniqueConstraint("title", name=op.f("uq_components_title")),
    )
    op.create_table(
        "geo_lead_agencies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_geo_lead_agencies")),
        sa.UniqueConstraint("name", name=op.f("uq_geo_lead_agencies_name")),
    )
    op.create_table(
        "county_offices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("geo_lead_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["geo_lead_id"],
            ["geo_lead_agencies.id"],
            name=op.f("fk_county_offices_geo_lead_id_geo_lead_agencies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_offices")),
        sa.UniqueConstraint("county", name=op.f("uq_county_offices_county")),
        sa.UniqueConstraint("name", name=op.f("uq_county_offices_name")),
    )
    op.create_table(
        "leas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "district",
                "charter_school",
                "county_office",
                name="lea_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("cds_code", sa.String(length=14), nullable=False),
        sa.Column("county_office_id", sa.Integer(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.CheckConstraint("length(cds_code) IN (7, 14)", name=op.f("ck_leas_cds_code_length")),
        sa.ForeignKeyConstraint(
            ["county_office_id"],
            ["county_offices.id"],
            name=op.f("fk_leas_county_office_id_county_offices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leas")),
        sa.UniqueConstraint("cds_code", name=op.f("uq_leas_cds_code")),
        sa.UniqueConstraint("name", name=op.f("uq_leas_name")),
    )
    with op.batch_alter_table("leas", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_leas_county_office_id"), ["county_office_id"], unique=False
        )

    op.create_table(
        "sirs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lea_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("report_date", sa.Date(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "in_progress",
                "final",
                name="sir_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["lea_id"], ["leas.id"], name=op.f("fk_sirs_lea_id_leas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sirs")),
    )
    with op.batch_alter_table("sirs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sirs_lea_id"), ["lea_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "ccee_lead",
                "coe_staff",
                "lea_staff",
                "viewer",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("county_office_id", sa.Integer(), nullable=True),
        sa.Column("lea_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.String(length=300), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(role = 'coe_staff') = (county_office_id IS NOT NULL)",
            name=op.f("ck_users_county_scope_for_coe"),
        ),
        sa.CheckConstraint(
            "(role = 'lea_staff') = (lea_id IS NOT NULL)", name=op.f("ck_users_lea_scope_for_lea")
        ),
        sa.ForeignKeyConstraint(
            ["county_office_id"],
            ["county_offices.id"],
            name=op.f("fk_users_county_office_id_county_offices"),
        ),
        sa.ForeignKeyConstraint(["lea_id"], ["leas.id"], name=op.f("fk_users_lea_id_leas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "engagements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lea_id", sa.Integer(), nullable=False),
        sa.Column(
            "pathway",
            sa.Enum(
                "primary",
                "wraparound",
                "continuum_of_support",
                "spi_referral",
                "fee_for_service",
                "charter_1",
                "charter_2",
                "charter_3",
                "charter_4",
                name="pathway",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "mode",
            sa.Enum(
                "collaborative_planning",
                "collaborative_facilitation",
                "embedded_partnership",
                name="engagement_mode",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "readiness",
            sa.Enum(
                "willing_able",
                "willing_unable",
                "unwilling_able",
                "unwilling_unable",
                name="readiness",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("exited_on", sa.Date(), nullable=True),
        sa.Column("ccee_lead_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "exited_on IS NULL OR exited_on >= started_on",
            name=op.f("ck_engagements_exit_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["ccee_lead_id"], ["users.id"], name=op.f("fk_engagements_ccee_lead_id_users")
        ),
        sa.ForeignKeyConstraint(["lea_id"], ["leas.id"], name=op.f("fk_engagements_lea_id_leas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagements")),
    )
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_engagements_ccee_lead_id"), ["ccee_lead_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_engagements_lea_id"), ["lea_id"], unique=False)

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sir_id", sa.Integer(), nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "strength",
                "weakness",
                "opportunity",
                "threat",
                name="swot_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"], ["components.id"], name=op.f("fk_findings_component_id_components")
        ),
        sa.ForeignKeyConstraint(["sir_id"], ["sirs.id"], name=op.f("fk_findings_sir_id_sirs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_findings_sir_id"), ["sir_id"], unique=False)

    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lea_id", sa.Integer(), nullable=False),
        sa.Column("sir_id", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "quarterly",
                "monthly_coaching",
                "other",
                name="meeting_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["lea_id"], ["leas.id"], name=op.f("fk_meetings_lea_id_leas")),
        sa.ForeignKeyConstraint(["sir_id"], ["sirs.id"], name=op.f("fk_meetings_sir_id_sirs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_lea_id"), ["lea_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_sir_id"), ["sir_id"], unique=False)

    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sir_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["sir_id"], ["sirs.id"], name=op.f("fk_themes_sir_id_sirs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
        sa.UniqueConstraint("sir_id", "number", name=op.f("uq_themes_sir_id_number")),
        sa.UniqueConstraint("sir_id", "title", name=op.f("uq_themes_sir_id_title")),
    )
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_themes_sir_id"), ["sir_id"], unique=False)

    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sir_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "completed",
                name="action_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"], ["components.id"], name=op.f("fk_actions_component_id_components")
        ),
        sa.ForeignKeyConstraint(["sir_id"], ["sirs.id"], name=op.f("fk_actions_sir_id_sirs")),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["themes.id"], name=op.f("fk_actions_theme_id_themes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
        sa.UniqueConstraint("sir_id", "code", name=op.f("uq_actions_sir_id_code")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_component_id"), ["component_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_sir_id"), ["sir_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "meeting_attendees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_attendees_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendees")),
    )
    with op.batch_alter_table("meeting_attendees", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_attendees_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "meeting_metrics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("value", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_metrics_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_metrics")),
    )
    with op.batch_alter_table("meeting_metrics", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_metrics_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "meeting_next_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_next_steps_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_next_steps")),
    )
    with op.batch_alter_table("meeting_next_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_next_steps_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "meeting_swot_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "strength",
                "weakness",
                "opportunity",
                "threat",
                name="swot_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_swot_notes_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_swot_notes")),
    )
    with op.batch_alter_table("meeting_swot_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_swot_notes_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "crosswalk_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("plan", sa.String(length=100), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_crosswalk_links_action_id_actions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crosswalk_links")),
        sa.UniqueConstraint(
            "action_id",
            "plan",
            "reference",
            name=op.f("uq_crosswalk_links_action_id_plan_reference"),
        ),
    )
    with op.batch_alter_table("crosswalk_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_crosswalk_links_action_id"), ["action_id"], unique=False
        )

    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "not_started",
                "in_progress",
                "completed",
                name="from_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "not_started",
                "in_progress",
                "completed",
                name="to_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence_url", sa.String(length=2000), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "from_status IS NULL OR from_status <> to_status",
            name=op.f("ck_status_changes_status_actually_changes"),
        ),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name=op.f("fk_status_changes_action_id_actions")
        ),
        sa.ForeignKeyConstraint(
            ["changed_by_id"], ["users.id"], name=op.f("fk_status_changes_changed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_status_changes_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_changes")),
    )
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_status_changes_action_id_changed_at", ["action_id", "changed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_status_changes_changed_by_id"), ["changed_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_status_changes_meeting_id"), ["meeting_id"], unique=False
        )

    components = sa.table(
        "components", sa.column("number", sa.Integer), sa.column("title", sa.String)
    )
    op.bulk_insert(
        components,
        [{"number": number, "title": title} for number, title in enumerate(COMPONENTS, 1)],
    )
    _create_append_only_triggers()


def downgrade() -> None:
    _drop_append_only_triggers()
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_changes_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_status_changes_changed_by_id"))
        batch_op.drop_index("ix_status_changes_action_id_changed_at")

    op.drop_table("status_changes")
    with op.batch_alter_table("crosswalk_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crosswalk_links_action_id"))

    op.drop_table("crosswalk_links")
    with op.batch_alter_table("meeting_swot_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_swot_notes_meeting_id"))

    op.drop_table("meeting_swot_notes")
    with op.batch_alter_table("meeting_next_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_next_steps_meeting_id"))

    op.drop_table("meeting_next_steps")
    with op.batch_alter_table("meeting_metrics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_metrics_meeting_id"))

    op.drop_table("meeting_metrics")
    with op.batch_alter_table("meeting_attendees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendees_meeting_id"))

    op.drop_table("meeting_attendees")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actions_theme_id"))
        batch_op.drop_index(batch_op.f("ix_actions_sir_id"))
        batch_op.drop_index(batch_op.f("ix_actions_component_id"))

    op.drop_table("actions")
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_themes_sir_id"))

    op.drop_table("themes")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_sir_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_lea_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_held_on"))

    op.drop_table("meetings")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_findings_sir_id"))

    op.drop_table("findings")
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_engagements_lea_id"))
        batch_op.drop_index(batch_op.f("ix_engagements_ccee_lead_id"))

    op.drop_table("engagements")
    op.drop_table("users")
    with op.batch_alter_table("sirs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sirs_lea_id"))

    op.drop_table("sirs")
    with op.batch_alter_table("leas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leas_county_office_id"))

    op.drop_table("leas")
    op.drop_table("county_offices")
    op.drop_table("geo_lead_agencies")
    op.drop_table("components")


def _create_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER status_changes_no_{event.lower()} BEFORE {event} "
                f"ON status_changes BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION status_changes_refuse_edit() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER status_changes_append_only BEFORE UPDATE OR DELETE "
            "ON status_changes FOR EACH ROW EXECUTE FUNCTION status_changes_refuse_edit()"
        )


def _drop_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER status_changes_no_{event}")
    else:
        op.execute("DROP TRIGGER status_changes_append_only ON status_changes")
        op.execute("DROP FUNCTION status_changes_refuse_edit()")
