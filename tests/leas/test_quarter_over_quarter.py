"""The LEA page, quarter over quarter: counts at each quarterly meeting, the trend chart, and the
flags (missed quarter, plateau, stalled actions, regressions)."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core import pacific_time
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Engagement, EngagementMode, Lea, Pathway
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.monitoring.quarters import stalled_actions
from sir_tracker.reviews.models import Action
from sir_tracker.users.models import Role
from tests.dashboard.test_dashboard import counted_queries
from tests.dashboard.test_progress_flags import elapsed_quarters, lea_in_dta
from tests.reviews.iusd import text_of
from tests.support import builders
from tests.support.auth import make_user, sign_in

MESA_LINDA = "Mesa Linda Unified School District"


def lea_named(session: Session, name: str) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == name)).one()


def section(page: str) -> str:
    found = re.search(r'<section class="quarters".*?</section>', page, re.S)
    assert found, "no quarter-over-quarter section"
    return found.group(0)


def page_of(client: FlaskClient, session: Session, lea: Lea) -> str:
    sign_in(client, make_user(session, Role.VIEWER))
    response = client.get(f"/leas/{lea.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_iusd_page_shows_its_counts_at_each_quarterly_meeting_newest_first(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    meetings = session.scalars(
        select(Meeting).where(Meeting.lea_id == iusd.id).order_by(Meeting.held_on.desc())
    ).all()

    quarters = section(page_of(client, session, iusd))
    rows = re.findall(r"<tr>\s*<th scope=\"row\" class=\"nowrap\">.*?</tr>", quarters, re.S)

    assert len(rows) == 8
    assert "2020-21 Q4" in rows[0]
    assert f'href="/meetings/{meetings[0].id}">15 June 2021</a>' in rows[0]
    assert re.findall(r">(\d+)</td>", rows[0]) == ["19", "41", "6"]
    assert "+3 completed, -1 in progress, -2 not started" in rows[0]
    assert "2019-20 Q1" in rows[-1] and "First quarterly meeting" in rows[-1]
    assert re.findall(r">(\d+)</td>", rows[-1]) == ["0", "14", "52"]


def test_the_trend_chart_is_an_accessible_inline_svg_with_its_figures(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    quarters = section(page_of(client, session, iusd))

    assert '<svg class="trend-chart__svg"' in quarters
    assert 'role="img" aria-labelledby="lea-trend-title lea-trend-desc"' in quarters
    assert (
        '<title id="lea-trend-title">Recommended actions by status at each quarterly meeting'
        in quarters
    )
    assert "from 2019-20 Q1 to 2020-21 Q4" in quarters
    assert quarters.count('stroke="#00a91c"') >= 2  # the line and its legend swatch
    assert "<script" not in quarters
    figures = quarters.split('<table class="usa-sr-only">')[1].split("</table>")[0]
    assert "Figures of the chart" in figures  # the same figures, as a table
    assert "2019-20 Q1 17 September 2019 0 14 52" in text_of(figures)
    assert "2020-21 Q4 15 June 2021 19 41 6" in text_of(figures)


def test_stalled_actions_and_the_regression_are_listed_with_links(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    stalled = stalled_actions(session, iusd.sirs[-1])
    nine_three = session.scalars(
        select(Action).where(Action.sir_id == iusd.sirs[-1].id, Action.code == "9.3")
    ).one()

    quarters = section(page_of(client, session, iusd))
    words = text_of(quarters)

    assert (
        f"{len(stalled)} stalled actions: in progress, with neither a status change nor a "
        "progress note across the last 3 quarterly meetings."
    ) in words
    for s in stalled:
        assert f'<a class="usa-link" href="/actions/{s.action.id}">{s.action.code}</a>' in quarters
    assert "1.3 " in {f"{s.action.code} " for s in stalled}
    one_three = next(s for s in stalled if s.action.code == "1.3")
    assert f"1.3 {one_three.action.text[:40]}" in words
    # 1.1 was in progress all along, but its progress note of March 2021 keeps it off the list.
    assert "1.1" not in {s.action.code for s in stalled}
    assert f'href="/actions/{nine_three.id}">9.3</a>' in quarters.split("regressions-heading")[1]
    assert "completed → to in progress 8 December 2020 Alicia Montoya" in words
    assert "protocol lapsed at most schools" in words
    assert "Plateau" not in words


def test_mesa_linda_is_flagged_as_plateauing(client: FlaskClient, session: Session) -> None:
    words = text_of(section(page_of(client, session, lea_named(session, MESA_LINDA))))

    assert (
        "Plateau. The completed count has not risen across the last 2 quarterly meetings: "
        "8 completed on 9 June 2026, against 8 on 10 March 2026, while 17 actions are in progress."
    ) in words


def test_the_thresholds_are_settings(
    app: Flask, client: FlaskClient, session: Session, iusd: Lea
) -> None:
    app.config["PLATEAU_QUARTERLY_MEETINGS"] = 5
    app.config["STALL_QUARTERLY_MEETINGS"] = 9
    sign_in(client, make_user(session, Role.VIEWER))

    mesa_linda = text_of(section(client.get(f"/leas/{lea_named(session, MESA_LINDA).id}").text))
    inglewood = text_of(section(client.get(f"/leas/{iusd.id}").text))

    assert "Plateau" not in mesa_linda
    assert "stalled actions:" not in inglewood
    assert (
        "No action has stayed in progress without a status change or a progress note across "
        "the last 9 quarterly meetings."
    ) in inglewood


def quarters_between(first: SchoolQuarter, last: SchoolQuarter) -> int:
    """How many quarters from ``first`` to ``last``, both counted."""
    return (last.start_year - first.start_year) * 4 + last.quarter - first.quarter + 1


def previous(quarter: SchoolQuarter) -> SchoolQuarter:
    if quarter.quarter == 1:
        return SchoolQuarter(quarter.start_year - 1, 4)
    return SchoolQuarter(quarter.start_year, quarter.quarter - 1)


def test_an_elapsed_quarter_of_this_school_year_without_a_quarterly_meeting_is_flagged(
    client: FlaskClient, session: Session
) -> None:
    today = pacific_time.today()
    elapsed = elapsed_quarters(today)
    lea = lea_in_dta(session, date(2020, 1, 1))
    last_year = SchoolQuarter(SchoolQuarter.of(today).start_year - 1, 4)
    session.add(Meeting(lea=lea, held_on=last_year.last_day, kind=MeetingKind.QUARTERLY))
    session.flush()

    words = text_of(section(page_of(client, session, lea)))

    for missed in elapsed:  # at most three: each is told
        assert (
            f"Missed {missed}: no quarterly meeting was held between "
            f"{missed.first_day.day} {missed.first_day:%B} and "
            f"{missed.last_day.day} {missed.last_day:%B %Y}."
        ) in words
    if not elapsed:
        assert "Missed" not in words


def test_a_quarterly_meeting_in_each_elapsed_quarter_clears_the_flag(
    client: FlaskClient, session: Session
) -> None:
    today = pacific_time.today()
    lea = lea_in_dta(session, date(2020, 1, 1))
    last_year = SchoolQuarter(SchoolQuarter.of(today).start_year - 1, 4)
    for quarter in [last_year, *elapsed_quarters(today)]:
        session.add(Meeting(lea=lea, held_on=quarter.first_day, kind=MeetingKind.QUARTERLY))
    session.flush()

    words = text_of(section(page_of(client, session, lea)))

    assert "Missed" not in words
    assert "No quarterly meeting for" not in words


def test_years_without_a_quarterly_meeting_are_counted_since_the_last_one(
    client: FlaskClient, session: Session
) -> None:
    lea = lea_in_dta(session, date(2018, 10, 1))
    session.add(Meeting(lea=lea, held_on=date(2021, 6, 15), kind=MeetingKind.QUARTERLY))
    session.flush()
    last_ended = previous(SchoolQuarter.of(pacific_time.today()))
    count = quarters_between(SchoolQuarter(2021, 1), last_ended)

    words = text_of(section(page_of(client, session, lea)))

    assert (
        f"No quarterly meeting for {count} school quarters, since 15 June 2021 "
        f"(2021-22 Q1 to {last_ended})."
    ) in words
    assert "Missed" not in words  # counted, not listed quarter by quarter


def test_an_lea_that_never_held_a_quarterly_meeting_counts_from_its_engagement(
    client: FlaskClient, session: Session
) -> None:
    lea = lea_in_dta(session, date(2018, 10, 1))
    last_ended = previous(SchoolQuarter.of(pacific_time.today()))
    count = quarters_between(SchoolQuarter(2018, 2), last_ended)

    words = text_of(section(page_of(client, session, lea)))

    assert (
        f"No quarterly meeting for {count} school quarters, since the engagement began on "
        f"1 October 2018 (2018-19 Q2 to {last_ended})."
    ) in words


def test_an_exited_lea_is_not_flagged(client: FlaskClient, session: Session, iusd: Lea) -> None:
    words = text_of(section(page_of(client, session, iusd)))  # exited on 30 June 2022

    assert "Missed" not in words
    assert "No quarterly meeting for" not in words


def test_an_lea_with_a_sir_but_no_quarterly_meeting_yet_says_so(
    client: FlaskClient, session: Session
) -> None:
    lead = builders.user(session)
    lea = builders.lea(session)
    session.add(
        Engagement(
            lea=lea,
            pathway=Pathway.PRIMARY,
            mode=EngagementMode.COLLABORATIVE_PLANNING,
            readiness=None,
            started_on=pacific_time.today(),
        )
    )
    builders.sir_with_actions(session, 2, by=lead, owner=lea)
    session.flush()

    quarters = section(page_of(client, session, lea))

    assert "No quarterly meeting has been held for this SIR yet." in quarters
    assert '<svg class="trend-chart__svg"' not in quarters
    assert "Missed" not in quarters  # its engagement began this quarter
    assert f'href="/leas/{lea.id}/pre-read"' in quarters


def test_an_lea_without_a_sir_has_nothing_to_compare(client: FlaskClient, session: Session) -> None:
    lea = builders.lea(session)

    quarters = section(page_of(client, session, lea))

    assert "No SIR yet: there is nothing to compare quarter over quarter." in quarters


def test_the_page_s_queries_do_not_grow_with_the_actions(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    lead = builders.user(session)
    small, large = builders.lea(session), builders.lea(session)
    for lea, count in ((small, 2), (large, 30)):
        sir, _ = builders.sir_with_actions(session, count, by=lead, owner=lea)
        for held_on in (date(2024, 3, 1), date(2024, 6, 1), date(2024, 9, 1)):
            session.add(Meeting(lea=lea, sir=sir, held_on=held_on, kind=MeetingKind.QUARTERLY))
    session.flush()
    sign_in(client, make_user(session, Role.VIEWER))

    with counted_queries(app) as few:
        assert client.get(f"/leas/{small.id}").status_code == 200
    with counted_queries(app) as many:
        assert client.get(f"/leas/{large.id}").status_code == 200

    assert len(many) == len(few)
