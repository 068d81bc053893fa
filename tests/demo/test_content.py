"""The demo's TOML files: the shipped ones load, another folder of the same shape describes a new
demo, and a file that does not fit the spec is refused with the file, the entry and the key."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from sir_tracker import migrate
from sir_tracker.core import db
from sir_tracker.core.database import transaction
from sir_tracker.demo.content import DemoDataError, read_demo, shipped_demo
from sir_tracker.demo.loader import load_demo
from sir_tracker.leas.models import Lea
from sir_tracker.reviews.models import ActionStatus
from tests.support.databases import DatabaseServer

IUSD = "Inglewood Unified School District"

COMMON = """\
leas = ["tiny"]

[[counties]]
county = "Kern"
office = "Kern County Superintendent of Schools"

[[ccee_leads]]
name = "Test Lead"
email = "lead@example.org"
"""

TINY = """\
name = "Tiny Unified School District"
kind = "district"
cds_code = "1500001"
county = "Kern"
ccee_lead = "lead@example.org"

[engagement]
pathway = "primary"
mode = "collaborative_planning"
started_on = 2024-08-01

[sir]
title = "Tiny Unified School District Systemic Instructional Review"
report_date = 2024-09-01
state = "final"
themes = ["Coherence"]
findings = []

[[sir.actions]]
code = "1.1"
component = 1
theme = 1
text = "Write one district plan."
responsible = "Superintendent"

[[sir.actions]]
code = "1.2"
component = 1
text = "Adopt the plan."
responsible = "Board"
target_date = 2025-06-30
crosswalk = [["LCAP", "Goal 1"]]

[[sir.actions.steps]]
meeting = 0
status = "in_progress"
note = "Draft shared with principals."

[[meetings]]
held_on = 2024-10-15
kind = "quarterly"
summary = "First quarterly review."
metrics = [["Schools", 3, "schools"], ["Attendance", 92.5, "%"]]
"""


def write_demo(folder: Path, common: str = COMMON, tiny: str = TINY) -> Path:
    (folder / "leas").mkdir(parents=True)
    (folder / "common.toml").write_text(common)
    (folder / "leas" / "tiny.toml").write_text(tiny)
    return folder


def refusal(folder: Path) -> str:
    with pytest.raises(DemoDataError) as refused:
        read_demo(folder)
    return str(refused.value)


def test_the_shipped_demo_loads_from_its_files() -> None:
    demo = shipped_demo()

    assert demo.leas[0].name == IUSD
    assert len(demo.leas) == 7
    assert (len(demo.counties), len(demo.ccee_leads)) == (6, 3)
    iusd = demo.lea(IUSD)
    assert iusd.sir is not None
    assert len(iusd.sir.actions) == 66
    assert sum(len(lea.sir.actions) for lea in demo.leas if lea.sir) == 152
    assert shipped_demo() is demo  # read once


def test_a_small_demo_reads_into_the_spec(tmp_path: Path) -> None:
    demo = read_demo(write_demo(tmp_path))

    lea = demo.lea("Tiny Unified School District")
    assert lea.published is False
    assert lea.engagement.readiness is None  # left out
    assert lea.sir is not None and lea.sir.findings == ()
    first, second = lea.sir.actions
    assert (first.theme, first.target_date, first.steps) == (1, None, ())
    assert second.target_date == date(2025, 6, 30)
    assert second.crosswalk == (("LCAP", "Goal 1"),)
    assert second.steps[0].status is ActionStatus.IN_PROGRESS
    assert lea.meetings[0].metrics == (
        ("Schools", Decimal(3), "schools"),
        ("Attendance", Decimal("92.5"), "%"),
    )


def test_a_demo_folder_loads_into_a_new_database(
    tmp_path: Path, database_server: DatabaseServer
) -> None:
    url = database_server.create()
    try:
        migrate.upgrade(url)
        database = db.Database(url)
        with transaction(database.writers) as session:
            summary = load_demo(session, write_demo(tmp_path / "demo"))
            lea = session.scalars(select(Lea)).one()
            assert lea.name == "Tiny Unified School District"
            assert [action.status for action in lea.sirs[-1].actions] == [
                ActionStatus.NOT_STARTED,
                ActionStatus.IN_PROGRESS,
            ]
        database.engine.dispose()
    finally:
        database_server.drop(url)
    assert summary.startswith("Demo loaded: 1 LEAs, 1 CCEE leads, 1 status changes.")


ACTION_1_2 = "leas/tiny.toml, sir.actions[1] (code 1.2)"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'responsible = "Board"\n',
            'responsible = "Board"\ncolour = "blue"\n',
            f"{ACTION_1_2}: unknown key 'colour'; the keys are code, component, text, "
            "responsible, theme, target_date, steps, crosswalk, notes",
        ),
        (
            'status = "in_progress"',
            'status = "in progress"',
            f"{ACTION_1_2}, steps[0] (meeting 0): key 'status' should be one of 'not_started', "
            "'in_progress', 'completed', not the string 'in progress'",
        ),
        (
            'code = "1.2"\ncomponent = 1',
            'code = "1.2"\ncomponent = "1"',
            f"{ACTION_1_2}: key 'component' should be a whole number, not the string '1'",
        ),
        (
            'text = "Adopt the plan."\n',
            "",
            f"{ACTION_1_2}: missing key 'text'",
        ),
        (
            "target_date = 2025-06-30",
            'target_date = "2025-06-30"',
            f"{ACTION_1_2}: key 'target_date' should be a date such as 2024-09-17, "
            "not the string '2025-06-30'",
        ),
        (
            "theme = 1",
            "theme = true",
            "leas/tiny.toml, sir.actions[0] (code 1.1): key 'theme' should be a whole number, "
            "not true",
        ),
        (
            '[["LCAP", "Goal 1"]]',
            '[["LCAP"]]',
            f"{ACTION_1_2}: key 'crosswalk[0]' should be an array of 2, not 1",
        ),
        (
            '["Schools", 3, "schools"]',
            '["Schools", "3", "schools"]',
            "leas/tiny.toml, meetings[0] (held_on 2024-10-15): key 'metrics[0][1]' should be a "
            "number, not the string '3'",
        ),
        (
            'state = "final"\n',
            "",
            "leas/tiny.toml, sir: missing key 'state'",
        ),
        (
            'county = "Kern"',
            'county = "Kenr"',
            "leas/tiny.toml: key 'county' should be one of the counties of common.toml (Kern), "
            "not 'Kenr'",
        ),
        (
            "meeting = 0",
            "meeting = 1",
            f"{ACTION_1_2}, steps[0] (meeting 1): key 'meeting' should be the index of one of "
            "the 1 meetings (0 for the first), not 1",
        ),
        (
            'code = "1.1"\ncomponent = 1\ntheme = 1',
            'code = "1.1"\ncomponent = 1\ntheme = 2',
            "leas/tiny.toml, sir.actions[0] (code 1.1): key 'theme' should be a number from 1 "
            "to 1 (sir.themes), not 2",
        ),
    ],
)
def test_a_lea_file_that_does_not_fit_the_spec_is_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert TINY.count(old) == 1
    assert refusal(write_demo(tmp_path, tiny=TINY.replace(old, new))) == message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'office = "Kern County Superintendent of Schools"\n',
            "",
            "common.toml, counties[0] (county Kern): missing key 'office'",
        ),
        (
            'leas = ["tiny"]',
            'leas = "tiny"',
            "common.toml: key 'leas' should be an array, not the string 'tiny'",
        ),
        ('leas = ["tiny"]', 'leas = ["tiny", "gone"]', "leas/gone.toml: no such file in {folder}"),
        (
            "[[ccee_leads]]",
            "[ccee_leads]",
            "common.toml: key 'ccee_leads' should be an array, not a table",
        ),
        ('leas = ["tiny"]', "leas = [", "common.toml: not valid TOML: "),
    ],
)
def test_a_common_file_that_does_not_fit_the_spec_is_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert COMMON.count(old) == 1
    folder = write_demo(tmp_path, common=COMMON.replace(old, new))
    assert refusal(folder).startswith(message.format(folder=folder))


def test_a_lea_file_not_listed_in_common_is_refused(tmp_path: Path) -> None:
    folder = write_demo(tmp_path)
    (folder / "leas" / "forgotten.toml").write_text(TINY)

    assert refusal(folder) == "leas/forgotten.toml: not listed in key 'leas' of common.toml"
