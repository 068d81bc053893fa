"""The dashboard, the LEA page and the SIR page as of a day say what the LEA's status report
(the PDF, read back) says for that day: headline, percent, per-component counts, each
action's status, the quarterly meetings up to then, plateau and stalled actions. The pages
are reached by their links, dashboard -> LEA -> SIR, which keep the day."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core import pacific_time
from sir_tracker.core.formatting import long_date
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.profile import in_dta
from sir_tracker.reports.models import Audience
from sir_tracker.reports.operations import render_lea_report
from sir_tracker.users.models import Role
from tests.reviews.iusd import IUSD, text_of
from tests.support import pdfs
from tests.support.auth import make_user, open_session_for

MESA_LINDA = "Mesa Linda Unified School District"
TODAY = pacific_time.today()

DAYS = {
    # IUSD's SIR report is dated 26 April 2019; Mesa Linda's 24 February 2023.
    IUSD: (date(2019, 3, 31), date(2021, 6, 30), date(2024, 2, 29), date(2024, 12, 31), TODAY),
    MESA_LINDA: (date(2021, 6, 30), date(2024, 2, 29), date(2024, 12, 31), TODAY),
}
CASES = [(name, day) for name, days in DAYS.items() for day in days]


@dataclass(frozen=True)
class Report:
    text: str  # whitespace collapsed, "(signed off)" left out: the pages do not say it
    squeezed: str  # without any whitespace, for text a table cell may have wrapped

    @classmethod
    def of(cls, pdf: bytes) -> Report:
        text = pdfs.text(pdf).replace(" (signed off)", "")
        return cls(text, pdfs.squeezed(text))

    def __contains__(self, value: str) -> bool:
        return value in self.text


def _get(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _link(page: str, label: str) -> str:
    """The href of the link whose text is ``label``."""
    found = re.search(r'<a class="usa-link" href="([^"]+)">' + re.escape(label) + "</a>", page)
    assert found, label
    return html.unescape(found.group(1))


def _dashboard_row(page: str, name: str) -> str:
    rows = [row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if f">{name}</a>" in row]
    assert len(rows) == 1, name
    return rows[0]


def _percent(text: str) -> str | None:
    found = re.search(r"(\d+)% completed or in progress", text)
    return found.group(1) if found else None


def _report_stalled(report: Report) -> int:
    found = re.search(r"and still in progress then: (\d+) actions?\.", report.text)
    if found is None:
        assert "No action stayed in progress without a status change or a progress note" in report
        return 0
    return int(found.group(1))


@pytest.mark.slow
@pytest.mark.parametrize(("name", "day"), CASES, ids=[f"{n[:4]}-{d}" for n, d in CASES])
def test_the_pages_as_of_a_day_give_the_figures_of_the_report_for_that_day(
    client: FlaskClient, session: Session, name: str, day: date
) -> None:
    lea = session.scalars(select(Lea).where(Lea.name == name)).one()
    open_session_for(client, session, make_user(session, Role.VIEWER))
    report = Report.of(render_lea_report(session, lea, day, Audience.BOARD).pdf)
    assert f"Recommended actions as of {long_date(day)}" in report

    # The dashboard: the LEA's row.
    dashboard = _get(client, f"/?as_of={day.isoformat()}")
    if day < TODAY:
        assert f"As of {long_date(day)}." in text_of(dashboard)
    row = text_of(_dashboard_row(dashboard, name))
    headline = re.search(r"\d+ completed / \d+ in progress / \d+ not started", row)
    assert headline, row
    assert headline.group(0) in report
    assert _percent(row) == _percent(report.text)

    # The LEA page, by the dashboard's link.
    lea_page = _get(client, _link(dashboard, name))
    lea_text = text_of(lea_page)
    if day < TODAY:
        assert f"As of {long_date(day)}." in lea_text
    assert headline.group(0) in lea_text
    quarter_rows = [
        text_of(tr)
        for tr in re.findall(r"<tr>\s*<th scope=\"row\" class=\"nowrap\">.*?</tr>", lea_page, re.S)
    ]
    for line in quarter_rows:
        assert line in report, line
    in_report = re.findall(r"\d{4}-\d{2} Q\d \d{1,2} \w+ \d{4} \d+ \d+ \d+ ", report.text)
    assert len(in_report) == len(quarter_rows)
    last_held = re.search(r"\d{1,2} \w+ \d{4}", quarter_rows[0]) if quarter_rows else None
    stalled = re.search(r"(\d+) stalled actions?:", lea_text)
    assert (int(stalled.group(1)) if stalled else 0) == _report_stalled(report)
    assert ("Plateau." in lea_text) == ("Plateau." in report)

    # Back on the dashboard: the last quarterly meeting and, for an LEA in DTA, the flags.
    if last_held:
        assert last_held.group(0) in row
    else:
        assert "None yet" in row
    if in_dta(lea.engagement_on(day), day):
        flag = re.search(r"(\d+) stalled", row)
        assert (int(flag.group(1)) if flag else 0) == _report_stalled(report)
        assert ("Plateau" in row) == ("Plateau." in report)

    # The SIR page, by the LEA page's link.
    sir_title = lea.sirs[-1].title
    sir_page = _get(client, _link(lea_page, sir_title))
    if day < TODAY:
        assert "as_of=" in _link(lea_page, sir_title)
        assert f"As of {long_date(day)}." in text_of(sir_page)
        assert "Update many statuses" not in sir_page
    counts = re.search(r'class="sir-headline__counts">([^<]+)<', sir_page)
    assert counts and counts.group(1) == headline.group(0)
    components = re.findall(
        r'<h2 id="component-(\d+)-heading">\d+\. ([^<]+)</h2>\s*'
        r'<p class="sir-component__counts">(\d+) completed / (\d+) in progress / (\d+) not',
        sir_page,
    )
    assert len(components) == 12
    for number, title, *component_counts in components:
        done, doing, todo = (int(n) for n in component_counts)
        line = f"{number}. {html.unescape(title)} {done} {doing} {todo} {done + doing + todo}"
        assert line in report, line
    actions = re.findall(r'<tr id="action-\d+">.*?</tr>', sir_page, re.S)
    total = sum(int(n) for n in re.findall(r"\d+", headline.group(0)))
    assert len(actions) == total
    for action in actions:
        cells = [text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", action, re.S)]
        code, text, theme, status = cells[0], cells[1], cells[2], cells[5].split(" Update")[0]
        # An action without a theme says "None" in its Theme cell; the report says nothing.
        named = theme if theme != "None" else ""
        expected = f"{code}{text}" + (f"Theme:{named}" if named else "") + status.capitalize()
        assert pdfs.squeezed(expected) in report.squeezed, f"{code} {status}"
