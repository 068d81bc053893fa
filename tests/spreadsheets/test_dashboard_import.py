"""Importing Dashboard results: the dry run names every problem by row and column and lists
the LEAs it would create; writing is all or nothing; the same file again changes nothing; a
changed year replaces the one held, which stays as history."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditEvent
from sir_tracker.caseload.eligibility import Priority, StudentGroup
from sir_tracker.caseload.models import DashboardYear
from sir_tracker.caseload.queries import held_results
from sir_tracker.leas.models import Lea, LeaKind
from sir_tracker.spreadsheets.dashboard import (
    DASHBOARD_LAYOUT,
    DashboardPlan,
    dashboard_template_bytes,
    plan_dashboard_import,
)
from sir_tracker.spreadsheets.operations import ImportRefused, import_dashboard_plan
from sir_tracker.spreadsheets.reading import read_upload
from sir_tracker.users.models import User
from tests.spreadsheets.files import csv_text, xlsx

HEADER = [
    "CDS code",
    "Dashboard year",
    "LEA",
    "County",
    "LEA type",
    "Student group",
    "Priorities not met",
]
IUSD = "1964634"  # the demo's Inglewood Unified


def planned(session: Session, rows: list[list[Any]], *, kind: str = "csv") -> DashboardPlan:
    if kind == "csv":
        read = read_upload(
            "dashboard.csv", csv_text(rows, header=HEADER).encode(), DASHBOARD_LAYOUT
        )
    else:
        content = xlsx(rows, header=HEADER, sheet="Dashboard results")
        read = read_upload("dashboard.xlsx", content, DASHBOARD_LAYOUT)
    return plan_dashboard_import(session, read)


def imported(session: Session, admin: User, rows: list[list[Any]]) -> DashboardPlan:
    plan = planned(session, rows)
    assert [str(p) for p in plan.problems] == []
    import_dashboard_plan(session, plan, by=admin)
    return plan


ROWS = [
    [IUSD, 2024, "", "", "", "English learners", "4; 6"],
    [IUSD, 2024, "", "", "", "Students with disabilities", "Pupil Achievement; School Climate"],
    [IUSD, 2025, "", "", "", "", ""],
    ["0761796", 2025, "Valle Verde Unified", "Alameda County", "", "Hispanic", "4;5"],
]


def test_the_dry_run_lists_years_and_new_leas_and_writes_nothing(session: Session) -> None:
    plan = planned(session, ROWS)
    assert plan.problems == []
    assert [(lea.cds_code, lea.name, lea.county, lea.kind) for lea in plan.new_leas] == [
        ("0761796", "Valle Verde Unified", "Alameda", LeaKind.DISTRICT)
    ]
    assert [(y.cds_code, y.year, y.groups) for y in plan.years] == [
        (IUSD, 2024, "English learners (4, 6); Students with disabilities (4, 6)"),
        (IUSD, 2025, "every priority met"),
        ("0761796", 2025, "Hispanic (4, 5)"),
    ]
    assert plan.summary == (
        "3 LEA-years to record (0 replacing results held), 0 left as they are; 1 LEA to create"
    )
    assert session.scalar(select(func.count()).select_from(DashboardYear)) == 0


def test_writing_creates_the_leas_and_records_every_year_once(
    session: Session, admin: User
) -> None:
    imported(session, admin, ROWS)
    valle = session.scalars(select(Lea).where(Lea.cds_code == "0761796")).one()
    assert valle.county_office.county == "Alameda" and valle.engagements == []
    iusd = session.scalars(select(Lea).where(Lea.cds_code == IUSD)).one()
    held = held_results(session)
    assert held[iusd.id] == {
        2024: {
            (StudentGroup.ENGLISH_LEARNERS, Priority.PUPIL_ACHIEVEMENT),
            (StudentGroup.ENGLISH_LEARNERS, Priority.SCHOOL_CLIMATE),
            (StudentGroup.STUDENTS_WITH_DISABILITIES, Priority.PUPIL_ACHIEVEMENT),
            (StudentGroup.STUDENTS_WITH_DISABILITIES, Priority.SCHOOL_CLIMATE),
        },
        2025: set(),
    }
    again = planned(session, ROWS)
    assert again.writes_nothing and len(again.unchanged) == 3


def test_a_changed_year_replaces_the_one_held_which_stays(session: Session, admin: User) -> None:
    imported(session, admin, ROWS)
    events = session.scalar(select(func.count()).select_from(AuditEvent))
    changed = [[IUSD, 2025, "", "", "", "Hispanic", "4; 6"]]
    plan = imported(session, admin, changed)
    assert len(plan.replaced) == 1
    iusd = session.scalars(select(Lea).where(Lea.cds_code == IUSD)).one()
    years = session.scalars(
        select(DashboardYear).where(DashboardYear.lea_id == iusd.id, DashboardYear.year == 2025)
    ).all()
    assert sorted(year.replaced_at is None for year in years) == [False, True]
    assert held_results(session)[iusd.id][2025] == {
        (StudentGroup.HISPANIC, Priority.PUPIL_ACHIEVEMENT),
        (StudentGroup.HISPANIC, Priority.SCHOOL_CLIMATE),
    }
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == events + 1


def test_every_problem_is_named_by_row_and_column_and_nothing_is_written(
    session: Session, admin: User
) -> None:
    rows = [
        ["12345", 2025, "", "", "", "English learners", "4; 6"],
        [IUSD, "last year", "", "", "", "English learners", "4"],
        [IUSD, 2025, "", "", "", "Martians", "4"],
        [IUSD, 2025, "", "", "", "Hispanic", "4; 9"],
        [IUSD, 2025, "", "", "", "", "4"],
        ["0761796", 2025, "", "Atlantis", "", "Hispanic", "4; 5"],
        ["0761797", 2025, "Inglewood Unified School District", "Alameda", "", "", ""],
    ]
    plan = planned(session, rows, kind="xlsx")
    assert [str(problem) for problem in plan.problems] == [
        "Dashboard results, row 2, cds code: a CDS code has 7 digits (a district) or 14 digits "
        "(a school); '12345' has 5.",
        "Dashboard results, row 3, dashboard year: “last year” is not a Dashboard year: write "
        "the year, such as 2025.",
        "Dashboard results, row 4, student group: “Martians” is not a Dashboard student group; "
        "write one of: " + ", ".join(g.label for g in StudentGroup) + ".",
        "Dashboard results, row 5, priorities not met: “9” is not an LCFF priority: write its "
        "number, 1 to 8, or its name, such as Pupil Achievement.",
        "Dashboard results, row 6, student group: is empty, but the row names priorities not "
        "met: write the student group.",
        "Dashboard results, row 7, lea: is empty: the CDS code 0761796 is not an LEA in SIR "
        "Tracker yet, so the import creates it and needs its name.",
        "Dashboard results, row 7, county: “Atlantis” is not a county with a county office in "
        "SIR Tracker.",
        "Dashboard results, row 8, lea: there is already an LEA named Inglewood Unified School "
        "District, with another CDS code.",
    ]
    with pytest.raises(ImportRefused, match="8 problems to correct"):
        import_dashboard_plan(session, plan, by=admin)
    assert session.scalar(select(func.count()).select_from(DashboardYear)) == 0


def test_the_template_imports_as_its_example(session: Session) -> None:
    read = read_upload("template.xlsx", dashboard_template_bytes(), DASHBOARD_LAYOUT)
    plan = plan_dashboard_import(session, read)
    assert plan.problems == []
    assert [(y.year, y.groups) for y in plan.years] == [
        (2025, "English learners (4, 6); Students with disabilities (4, 6)")
    ]
