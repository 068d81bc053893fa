"""``sir-tracker demo --scale N``: the demo plus N generated LEAs of realistic shape, loaded
through the domain operations, deterministic, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.auth.passwords import password_matches
from sir_tracker.core.db import Database
from sir_tracker.core.pacific_time import end_of_day
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.demo import pools
from sir_tracker.demo.content import shipped_demo
from sir_tracker.demo.scale import CDS_SERIES, coe_email, scaled_specs
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_sir
from sir_tracker.reviews.models import ActionStatus, Sir, StatusChange
from sir_tracker.users.models import Role, User
from tests.support.cli import Ran, sir_tracker
from tests.support.databases import DatabaseServer

SCALE = 3
DEMO_LEAS = len(shipped_demo().leas)


@pytest.fixture(scope="module")
def scaled(database_server: DatabaseServer, migrated_template: str) -> Iterator[tuple[str, Ran]]:
    """A database of this module's own where ``demo --scale 3`` ran (as an operator runs it)."""
    url = database_server.create(template=migrated_template)
    ran = sir_tracker("demo", "--scale", str(SCALE), database_url=url)
    yield url, ran
    database_server.drop(url)


@pytest.fixture
def session(scaled: tuple[str, Ran]) -> Iterator[Session]:
    database = Database(scaled[0])
    with database.new_session(write=False) as reading:
        yield reading
    database.engine.dispose()


def meetings(session: Session, lea: Lea) -> list[Meeting]:
    return list(session.scalars(select(Meeting).where(Meeting.lea_id == lea.id)))


def generated(session: Session) -> list[Lea]:
    return list(
        session.scalars(select(Lea).where(Lea.cds_code.like(f"__{CDS_SERIES}%")).order_by(Lea.id))
    )


def test_the_command_adds_the_generated_leas_to_the_demo_and_prints_their_password(
    scaled: tuple[str, Ran], session: Session
) -> None:
    ran = scaled[1]
    assert ran.returncode == 0, ran.stderr
    assert "Demo loaded" in ran.stdout
    assert f"Generated {SCALE} LEAs in 58 counties" in ran.stdout
    password = re.search(r"Every generated account's password: (\S+)", ran.stdout)
    assert password is not None

    leas = generated(session)
    assert session.scalar(select(func.count()).select_from(Lea)) == DEMO_LEAS + SCALE
    assert [lea.name for lea in leas] == [spec.name for spec in scaled_specs(SCALE)]
    assert not any(lea.name in {d.name for d in shipped_demo().leas} for lea in leas)
    # Every county of California has its office (the demo's six among them), with staff.
    offices = session.scalars(select(CountyOffice)).all()
    assert sorted(o.county for o in offices) == sorted(c for c, *_ in pools.COUNTIES)
    codes = {county: code for county, code, *_ in pools.COUNTIES}
    for lea in leas:
        assert re.fullmatch(r"\d{7}", lea.cds_code)
        assert lea.cds_code[:2] == codes[lea.county_office.county]
    coe_staff = session.scalars(
        select(User).where(User.email.in_([coe_email(code) for code in codes.values()]))
    ).all()
    assert sorted(u.county_office.county for u in coe_staff if u.county_office) == sorted(codes)
    assert {u.role for u in coe_staff} == {Role.COE_STAFF}
    staff = session.scalars(select(User).where(User.lea_id.in_([lea.id for lea in leas]))).all()
    assert len(staff) == SCALE
    # The accounts sign in with the password printed (one hash shared by all of them).
    assert password_matches(staff[0].password_hash, password.group(1))
    lead = leas[0].current_engagement.ccee_lead  # type: ignore[union-attr]
    assert lead is not None and lead.role == Role.CCEE_LEAD
    assert password_matches(lead.password_hash, password.group(1))


def test_each_generated_lea_has_the_shape_of_a_real_one(session: Session) -> None:
    for lea in generated(session):
        sir = lea.sirs[-1]
        actions = [a for a in sir.actions if not a.is_archived]
        assert 60 <= len(actions) <= 84
        assert {a.component.number for a in actions} == set(range(1, 13))
        assert 8 <= len(sir.findings) <= 12
        assert 2 <= len(sir.themes) <= 4
        quarterly = [m for m in meetings(session, lea) if m.kind == MeetingKind.QUARTERLY]
        # Twelve quarterly meetings, one in each school quarter from 2023-24 to 2025-26.
        assert len(quarterly) == 12
        assert {SchoolQuarter.of(m.held_on) for m in quarterly} == {
            SchoolQuarter(year, quarter) for year in (2023, 2024, 2025) for quarter in (1, 2, 3, 4)
        }
        assert all(m.attendees and m.summary for m in quarterly)
        changes = [c for a in actions for c in a.history if c.from_status is not None]
        assert len(changes) >= len(actions) // 2
        assert all(c.meeting is not None and c.meeting.lea is lea for c in changes)


def test_history_agrees_with_the_counts_the_dashboard_shows(session: Session) -> None:
    """The counts (``counts_by_sir``, the dashboard's and the reports' one counting function)
    now and as of every meeting day equal the history replayed row by row, and each action's
    status is its latest change."""
    for lea in generated(session):
        sir = lea.sirs[-1]
        history = session.scalars(
            select(StatusChange)
            .where(StatusChange.action.has(sir_id=sir.id))
            .order_by(StatusChange.changed_at, StatusChange.id)
        ).all()
        for action in sir.actions:
            assert action.status == [c for c in history if c.action is action][-1].to_status
        days: list[date | None] = [None, *(m.held_on for m in meetings(session, lea))]
        for day in days:
            assert counts_by_sir(session, [sir.id], day)[sir.id] == replayed(history, day), day
        assert counts_by_sir(session, [sir.id])[sir.id].total == len(sir.actions)


def replayed(
    history: list[StatusChange] | tuple[StatusChange, ...], day: date | None
) -> StatusCounts:
    latest: dict[int, ActionStatus] = {}
    for change in history:
        if day is None or change.changed_at <= end_of_day(day):
            latest[change.action_id] = change.to_status
    counted = Counter(latest.values())
    return StatusCounts(
        completed=counted[ActionStatus.COMPLETED],
        in_progress=counted[ActionStatus.IN_PROGRESS],
        not_started=counted[ActionStatus.NOT_STARTED],
    )


def test_generation_is_deterministic_and_a_smaller_scale_is_a_prefix() -> None:
    assert list(scaled_specs(SCALE)) == list(scaled_specs(SCALE))
    assert list(scaled_specs(5))[:SCALE] == list(scaled_specs(SCALE))
    assert list(scaled_specs(SCALE, seed=1)) != list(scaled_specs(SCALE))


def test_it_loads_only_into_an_empty_database_and_refuses_a_scale_out_of_range(
    scaled: tuple[str, Ran], session: Session
) -> None:
    url = scaled[0]
    again = sir_tracker("demo", "--scale", "2", database_url=url)
    assert again.returncode != 0
    assert "empty database" in again.stderr
    skipped = sir_tracker("demo", "--scale", "2", "--if-empty", database_url=url)
    assert skipped.returncode == 0
    assert "Demo not loaded" in skipped.stdout
    too_many = sir_tracker("demo", "--scale", "5001", database_url=url)
    assert too_many.returncode == 2
    assert "--scale" in too_many.stderr and "5000" in too_many.stderr
    assert session.scalar(select(func.count()).select_from(Lea)) == DEMO_LEAS + SCALE


def test_sirs_of_generated_leas_are_final_and_dated_before_their_first_meeting(
    session: Session,
) -> None:
    for lea in generated(session):
        sir: Sir = lea.sirs[-1]
        assert sir.report_date is not None
        assert sir.report_date < min(m.held_on for m in meetings(session, lea))
