"""The caseload pipeline: its counts equal a direct count over the imported rows; each LEA sits
at the stage its eligibility and engagement put it; county office staff see their county only;
the page, its year form and its XLSX export over HTTP."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import openpyxl
import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.caseload.models import DashboardResult, DashboardYear
from sir_tracker.caseload.pipeline import Stage, pipeline
from sir_tracker.leas.models import Engagement, EngagementMode, Lea, Pathway
from sir_tracker.leas.operations import EngagementValues, start_engagement
from sir_tracker.spreadsheets.dashboard import DASHBOARD_LAYOUT, plan_dashboard_import
from sir_tracker.spreadsheets.operations import import_dashboard_plan
from sir_tracker.spreadsheets.reading import read_upload
from sir_tracker.users.models import Role, User
from tests.reviews.iusd import admin as admin
from tests.reviews.iusd import county
from tests.spreadsheets.files import csv_text
from tests.support.auth import make_user, open_session_for

HEADER = ["CDS code", "Dashboard year", "LEA", "County", "LEA type", "Student group",
          "Priorities not met"]  # fmt: skip
TODAY = date(2026, 12, 2)
THREE = ["English learners", "Students with disabilities", "Hispanic"]


def rows_of(code: str, name: str, county_name: str, years: dict[int, list[str]]) -> list[list[Any]]:
    """Each year's groups missing Pupil Achievement and School Climate (none: a row of
    nothing missed)."""
    rows: list[list[Any]] = []
    for year, groups in years.items():
        for group in groups or [""]:
            rows.append([code, year, name, county_name, "", group, "4; 6" if group else ""])
    return rows


# (CDS code, name, county, groups by year, engagement: (started, exited) or None)
LEAS: list[tuple[str, str, str, dict[int, list[str]], tuple[date, date | None] | None]] = [
    ("1900001", "Alder Unified", "Los Angeles",
     {2022: THREE, 2023: THREE, 2024: [], 2025: THREE}, None),
    ("1900002", "Birch Unified", "Los Angeles",
     {2023: THREE, 2024: THREE, 2025: THREE}, (date(2024, 8, 1), None)),
    ("1900003", "Cedar Unified", "Los Angeles",
     {2021: THREE, 2022: THREE, 2023: THREE, 2024: [], 2025: ["Hispanic"]},
     (date(2023, 1, 9), None)),
    ("1000004", "Dogwood Unified", "Fresno",
     {2022: THREE, 2023: THREE, 2024: THREE, 2025: ["Foster youth"]},
     (date(2022, 3, 1), date(2025, 6, 30))),
    ("1000005", "Elm Unified", "Fresno", {2024: THREE, 2025: THREE}, None),
    ("1000006", "Fir Unified", "Fresno", {2023: THREE, 2024: THREE, 2025: THREE}, None),
]  # fmt: skip


@pytest.fixture
def imported(session: Session, admin: User) -> dict[str, Lea]:
    rows = [row for code, name, c, years, _ in LEAS for row in rows_of(code, name, c, years)]
    read = read_upload("dashboard.csv", csv_text(rows, header=HEADER).encode(), DASHBOARD_LAYOUT)
    plan = plan_dashboard_import(session, read)
    assert plan.problems == []
    import_dashboard_plan(session, plan, by=admin)
    leas = {
        lea.name: lea for lea in session.scalars(select(Lea).where(Lea.cds_code.like("1_000%")))
    }
    for _, name, _, _, engagement in LEAS:
        if engagement is not None:
            start_engagement(
                session,
                leas[name],
                EngagementValues(
                    pathway=Pathway.CONTINUUM_OF_SUPPORT,
                    mode=EngagementMode.COLLABORATIVE_PLANNING,
                    readiness=None,
                    started_on=engagement[0],
                    exited_on=engagement[1],
                    ccee_lead=None,
                ),
                by=admin,
            )
    session.flush()
    return leas


def dta_by_direct_count(session: Session, year: int) -> set[int]:
    """LEAs with three or more groups each missing two or more priorities in at least three of
    the four years to ``year``, counted in SQL over the imported rows."""
    groups = (
        select(DashboardYear.lea_id, DashboardYear.year, DashboardResult.student_group)
        .join(DashboardResult)
        .where(DashboardYear.replaced_at.is_(None), DashboardYear.year.between(year - 3, year))
        .group_by(DashboardYear.lea_id, DashboardYear.year, DashboardResult.student_group)
        .having(func.count(DashboardResult.priority) >= 2)
        .subquery()
    )
    years = (
        select(groups.c.lea_id, groups.c.year)
        .group_by(groups.c.lea_id, groups.c.year)
        .having(func.count() >= 3)
        .subquery()
    )
    return set(
        session.scalars(select(years.c.lea_id).group_by(years.c.lea_id).having(func.count() >= 3))
    )


def test_the_counts_equal_a_direct_count_over_the_imported_rows(
    session: Session, imported: dict[str, Lea], admin: User
) -> None:
    for year in (2024, 2025):
        found = pipeline(session, admin, year=year, today=TODAY)
        day = found.engagements_on
        assert day is not None
        dta = dta_by_direct_count(session, year)
        with_results = set(
            session.scalars(
                select(DashboardYear.lea_id).where(
                    DashboardYear.year == year, DashboardYear.replaced_at.is_(None)
                )
            )
        )
        under_way = set(
            session.scalars(
                select(Engagement.lea_id).where(
                    Engagement.started_on <= day,
                    (Engagement.exited_on.is_(None)) | (Engagement.exited_on > day),
                )
            )
        )
        ever = set(session.scalars(select(Engagement.lea_id).where(Engagement.started_on <= day)))
        assert found.count(Stage.INTAKE) == len(dta - ever)
        assert found.count(Stage.ENGAGED) == len(dta & under_way)
        assert found.count(Stage.EXIT_CANDIDATE) == len((under_way & with_results) - dta)
        assert found.count(Stage.INTAKE) + found.count(Stage.ENGAGED) > 0


def test_each_lea_sits_at_its_stage(
    session: Session, imported: dict[str, Lea], admin: User
) -> None:
    found = pipeline(session, admin, year=2025, today=TODAY)
    names = {stage: [lea.name for lea in found.stages[stage]] for stage in Stage}
    assert names[Stage.INTAKE] == ["Fir Unified", "Alder Unified"]  # by county, then name
    assert "Birch Unified" in names[Stage.ENGAGED]
    assert "Cedar Unified" in names[Stage.EXIT_CANDIDATE]
    assert "Dogwood Unified" in names[Stage.WATCH]
    assert "Elm Unified" not in [n for each in names.values() for n in each]
    cedar = next(lea for lea in found.stages[Stage.EXIT_CANDIDATE] if lea.name == "Cedar Unified")
    # DTA by 2021-2023 up to the 2024 Dashboard (2021-2024); 2022-2025 holds two such years.
    assert cedar.out_of_eligibility == "1 Dashboard year (since 2025)"
    dogwood = next(lea for lea in found.stages[Stage.WATCH] if lea.name == "Dogwood Unified")
    assert dogwood.exited_on == date(2025, 6, 30)
    # Exited in 2025, and 2022-2024 still make it eligible by the 2025 Dashboard.
    assert dogwood.level.label == "Direct Technical Assistance"
    assert dogwood.reason.endswith("Pupil Achievement and School Climate in 2022, 2023 and 2024")
    years = {each.year: each for each in found.trend}
    assert years[2025].exits >= 1


def test_county_office_staff_see_their_county_only(
    session: Session, imported: dict[str, Lea]
) -> None:
    coe = make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno"))
    found = pipeline(session, coe, year=2025, today=TODAY)
    assert found.counties == ["Fresno"]
    assert [lea.name for lea in found.stages[Stage.INTAKE]] == ["Fir Unified"]


def test_the_page_and_its_export_over_http(
    client: FlaskClient, session: Session, imported: dict[str, Lea]
) -> None:
    coe = make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno"))
    open_session_for(client, session, coe)
    page = client.get("/caseload/pipeline?year=2025")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Fir Unified" in html and "Alder Unified" not in html
    # The chart's figures for 2025 in Fresno: Piedra Azul (the demo's) and Dogwood engaged,
    # Dogwood's exit, and Dogwood eligible by the 2024 Dashboard.
    assert '<tr><th scope="row">2025</th><td>2</td><td>1</td><td>1</td></tr>' in html
    assert "not necessarily the same" in html or "need not be the same" in html
    refused = client.get("/caseload/pipeline?year=1999")
    assert refused.status_code == 422
    assert "Choose a Dashboard year that has results" in refused.get_data(as_text=True)
    download = client.get("/caseload/pipeline.xlsx?year=2025")
    assert download.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(download.data))
    names = [row[2] for row in book["Pipeline"].iter_rows(min_row=2, values_only=True)]
    assert "Fir Unified" in names and "Alder Unified" not in names
    assert client.get("/dashboard-results").status_code == 403


def test_lea_staff_have_no_pipeline(
    client: FlaskClient, session: Session, imported: dict[str, Lea]
) -> None:
    staff = make_user(session, Role.LEA_STAFF, lea=imported["Fir Unified"])
    open_session_for(client, session, staff)
    assert client.get("/caseload/pipeline").status_code == 403
