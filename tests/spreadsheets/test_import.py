"""Importing a SIR from a spreadsheet: the dry run says what would change and every problem in
words; writing it goes through the forms' operations, all or nothing; the same file again
changes nothing; a changed file updates the actions matched by code."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.pacific_time import PACIFIC, today
from sir_tracker.progress.operations import change_status, counts_by_component, status_counts
from sir_tracker.reviews.models import Action, ActionStatus, Finding, Sir, Theme
from sir_tracker.reviews.operations import archive_record
from sir_tracker.spreadsheets.operations import ImportRefused, import_plan
from sir_tracker.spreadsheets.planning import ImportPlan, plan_import
from sir_tracker.spreadsheets.reading import read_upload
from sir_tracker.users.models import User
from tests.reviews.iusd import changed_tables, table_counts
from tests.spreadsheets.files import (
    action_rows,
    application_of,
    csv_text,
    libreoffice_xlsx,
    xlsx,
)

THEMES = ["Coherence and systemness", "Curriculum, instruction and assessment"]
FINDINGS = [
    [3, "strength", "Teachers plan units together every week."],
    [3, "weakness", "Coaching reaches a third of the classrooms."],
    [5, "threat", "Assessment data arrive too late to use."],
]


def sixty_six_rows() -> list[list[Any]]:
    """66 actions over components 1 to 11 (six each), a few under themes, with cross-walks."""
    rows = []
    for component in range(1, 12):
        for row in action_rows(6, component=component):
            rows.append(row)
    rows[0][4] = THEMES[0]
    rows[1][4] = THEMES[1]
    rows[0][9] = "FCMAT: Pupil Achievement 1.1; LCAP: Goal 1, Action 1"
    return rows


def plan_of(session: Session, sir: Sir, filename: str, content: bytes) -> ImportPlan:
    return plan_import(session, sir, read_upload(filename, content))


def imported(session: Session, sir: Sir, by: User, filename: str, content: bytes) -> ImportPlan:
    plan = plan_of(session, sir, filename, content)
    assert [str(p) for p in plan.problems] == []
    import_plan(session, sir, plan, by=by)
    return plan


def test_a_clean_file_of_66_actions_imports_themes_findings_actions_and_statuses(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    content = xlsx(sixty_six_rows(), themes=THEMES, findings=FINDINGS)
    plan = plan_of(session, empty_sir, "iusd-actions.xlsx", content)

    assert plan.problems == []
    assert plan.summary == (
        "66 actions to create, 0 to change, 0 left as they are; 2 themes and 3 findings to create"
    )
    import_plan(session, empty_sir, plan, by=importer)

    # action_rows: n % 3 == 1 completed, == 0 in progress, == 2 not started; six per component
    assert status_counts(session, empty_sir).headline == (
        "22 completed / 22 in progress / 22 not started"
    )
    per_component = counts_by_component(session, empty_sir)
    assert [per_component[n].total for n in range(1, 13)] == [6] * 11 + [0]
    themes = session.scalars(select(Theme).where(Theme.sir_id == empty_sir.id)).all()
    assert [(t.number, t.title) for t in themes] == [(1, THEMES[0]), (2, THEMES[1])]
    findings = session.scalars(select(Finding).where(Finding.sir_id == empty_sir.id)).all()
    assert [(f.component.number, f.category.label, f.text) for f in findings] == [
        tuple(row) for row in FINDINGS
    ]
    first = session.scalars(
        select(Action).where(Action.sir_id == empty_sir.id, Action.code == "1.1")
    ).one()
    assert first.theme is not None and first.theme.title == THEMES[0]
    assert first.target_date == date(2026, 6, 30)
    assert [(link.plan, link.reference) for link in first.crosswalk_links] == [
        ("FCMAT", "Pupil Achievement 1.1"),
        ("LCAP", "Goal 1, Action 1"),
    ]


def test_status_changes_are_history_with_the_note_of_the_file_or_the_file_name(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    rows = action_rows(3)
    rows[0][8] = ""  # completed, without a note
    imported(session, empty_sir, importer, "actions.xlsx", xlsx(rows))

    history = {
        action.code: [(c.from_status, c.to_status, c.note, c.changed_by) for c in action.history]
        for action in session.scalars(select(Action).where(Action.sir_id == empty_sir.id))
    }
    assert history["3.1"] == [
        (None, ActionStatus.NOT_STARTED, "", importer),
        (ActionStatus.NOT_STARTED, ActionStatus.COMPLETED, "Imported from actions.xlsx", importer),
    ]
    assert history["3.3"][-1][2] == "Seen at the review of action 3."
    assert history["3.2"] == [(None, ActionStatus.NOT_STARTED, "", importer)]


def test_every_write_is_in_the_audit_log_as_an_import_by_its_user(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    imported(session, empty_sir, importer, "actions.xlsx", xlsx(action_rows(2), themes=THEMES))

    events = session.scalars(
        select(AuditEvent).where(AuditEvent.lea_id == empty_sir.lea_id).order_by(AuditEvent.id)
    ).all()
    described = [(e.action, e.record_label, e.summary) for e in events]
    assert described == [
        (AuditAction.CREATE, f"Theme 1: {THEMES[0]}", "Imported from actions.xlsx"),
        (AuditAction.CREATE, f"Theme 2: {THEMES[1]}", "Imported from actions.xlsx"),
        (AuditAction.CREATE, "Action 3.1", "Imported from actions.xlsx"),
        (AuditAction.CREATE, "Action 3.2", "Imported from actions.xlsx"),
        (AuditAction.STATUS_CHANGE, "Action 3.1", "Seen at the review of action 1."),
        (
            AuditAction.UPDATE,
            "SIR Imported SIR",
            "Imported from actions.xlsx: 2 actions to create, 0 to change, 0 left as they "
            "are; 2 themes and 0 findings to create.",
        ),
    ]
    assert {e.actor for e in events} == {importer}


def test_the_same_file_twice_changes_nothing(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    content = xlsx(sixty_six_rows(), themes=THEMES, findings=FINDINGS)
    imported(session, empty_sir, importer, "actions.xlsx", content)
    before = table_counts(session)

    again = plan_of(session, empty_sir, "actions.xlsx", content)
    assert again.writes_nothing
    assert (len(again.unchanged), again.themes_unchanged, again.findings_unchanged) == (66, 2, 3)
    import_plan(session, empty_sir, again, by=importer)

    assert changed_tables(before, table_counts(session)) == {}


def test_one_bad_row_among_60_imports_nothing_and_says_where(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    rows = action_rows(60)
    rows[35][6] = "done"  # the 36th action: row 37 under the header
    before = table_counts(session)

    plan = plan_of(session, empty_sir, "actions.xlsx", xlsx(rows))
    assert [str(p) for p in plan.problems] == [
        "Actions, row 37, status: 'done' is not one of not started, in progress, completed."
    ]
    with pytest.raises(ImportRefused):
        import_plan(session, empty_sir, plan, by=importer)

    assert changed_tables(before, table_counts(session)) == {}


BAD_CELLS = [
    (1, "13", "Actions, row 2, component: '13' is not a component number (1 to 12)."),
    (1, "three", "Actions, row 2, component: 'three' is not a component number (1 to 12)."),
    (1, "", "Actions, row 2, component: is empty."),
    (2, "", "Actions, row 2, action: is empty."),
    (
        5,
        "6/31/2026",
        "Actions, row 2, target date: '6/31/2026' is not a date; write a date "
        "cell, or a date written 2024-06-30, 6/30/2024 or 30 June 2024.",
    ),
    (
        4,
        "Equity",
        "Actions, row 2, theme: “Equity” is not a theme of this SIR nor of the "
        "file's Themes sheet.",
    ),
    (
        9,
        "FCMAT 1.1",
        "Actions, row 2, cross-walk: 'FCMAT 1.1' is not written PLAN: ITEM, such "
        "as “FCMAT: Pupil Achievement 1.1”.",
    ),
    (7, "2999-01-01", "Actions, row 2, last change: 1 January 2999 is in the future."),
    (0, "x" * 21, "Actions, row 2, code: is longer than 20 characters."),
]


@pytest.mark.parametrize(("column", "value", "problem"), BAD_CELLS)
def test_each_bad_cell_is_a_problem_in_words(
    session: Session, empty_sir: Sir, column: int, value: str, problem: str
) -> None:
    rows = action_rows(1)
    rows[0][column] = value
    plan = plan_of(session, empty_sir, "actions.xlsx", xlsx(rows))
    assert [str(p) for p in plan.problems] == [problem]


def test_empty_code_and_duplicate_codes_are_problems(session: Session, empty_sir: Sir) -> None:
    rows = action_rows(4)
    rows[2][0] = "3.1"
    rows[3][0] = None
    plan = plan_of(session, empty_sir, "actions.xlsx", xlsx(rows))
    assert [str(p) for p in plan.problems] == [
        "Actions, row 4, code: 3.1 is also the code of row 2; each action needs a code of its own.",
        "Actions, row 5, code: is empty.",
    ]


def test_problems_of_the_themes_and_findings_sheets(session: Session, empty_sir: Sir) -> None:
    content = xlsx(
        action_rows(1),
        themes=["Coherence", "coherence"],
        findings=[[3, "danger", "Something."], [14, "strength", "Else."], [2, "threat", ""]],
    )
    plan = plan_of(session, empty_sir, "actions.xlsx", content)
    assert [str(p) for p in plan.problems] == [
        "Themes, row 3, theme: “coherence” is listed twice.",
        "Findings, row 2, category: 'danger' is not one of strength, weakness, opportunity, "
        "threat.",
        "Findings, row 3, component: '14' is not a component number (1 to 12).",
        "Findings, row 4, finding: is empty.",
    ]


def test_a_file_without_an_actions_sheet_says_so(session: Session, empty_sir: Sir) -> None:
    import openpyxl

    from tests.spreadsheets.files import save

    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "Sheet1"
    book.create_sheet("Sheet2")
    plan = plan_of(session, empty_sir, "actions.xlsx", save(book))
    assert [str(p) for p in plan.problems] == ["Actions: the file has no sheet named Actions."]
    assert plan.notices == ["The sheet “Sheet1” is not read.", "The sheet “Sheet2” is not read."]


def test_a_changed_file_updates_actions_by_code_and_leaves_the_others(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    rows = action_rows(6)
    imported(session, empty_sir, importer, "first.xlsx", xlsx(rows))
    actions = {
        a.code: a for a in session.scalars(select(Action).where(Action.sir_id == empty_sir.id))
    }
    versions = {code: a.version for code, a in actions.items()}

    old_text = rows[1][2]
    rows[1][2] = "Coach every team, principals included."  # 3.2: text
    rows[1][3] = ""  # 3.2: responsible emptied
    rows[2][6] = "completed"  # 3.3: in progress -> completed
    rows[2][8] = "Every team coached by March."
    rows.append(["3.7", 3, "A new action.", "", "", "", "", "", "", "LCAP: Goal 2"])
    plan = plan_of(session, empty_sir, "second.xlsx", xlsx(rows))

    assert [(a.code, [(c.field, c.old, c.new) for c in a.changes]) for a in plan.changed] == [
        (
            "3.2",
            [
                ("Action", old_text, "Coach every team, principals included."),
                ("Responsible", "Director of curriculum", ""),
            ],
        ),
        ("3.3", [("Status", "in progress", "completed")]),
    ]
    assert [a.code for a in plan.created] == ["3.7"]
    assert [a.code for a in plan.unchanged] == ["3.1", "3.4", "3.5", "3.6"]
    import_plan(session, empty_sir, plan, by=importer)

    session.expire_all()
    assert actions["3.2"].text == "Coach every team, principals included."
    assert actions["3.2"].responsible == ""
    assert actions["3.3"].status is ActionStatus.COMPLETED
    latest = actions["3.3"].history[-1]
    assert (latest.from_status, latest.to_status, latest.note) == (
        ActionStatus.IN_PROGRESS,
        ActionStatus.COMPLETED,
        "Every team coached by March.",
    )
    assert latest.changed_at.astimezone(PACIFIC).date() == today()
    for code in ("3.1", "3.4", "3.5", "3.6"):
        assert actions[code].version == versions[code]


def test_an_empty_status_leaves_an_existing_action_as_it_is(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    rows = action_rows(3)
    imported(session, empty_sir, importer, "first.xlsx", xlsx(rows))
    for row in rows:
        row[6] = ""
    plan = plan_of(session, empty_sir, "second.xlsx", xlsx(rows))
    assert plan.writes_nothing


def test_a_status_dated_in_the_file_takes_effect_that_day(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    rows = action_rows(1)
    rows[0][7] = "2025-03-14"
    imported(session, empty_sir, importer, "actions.xlsx", xlsx(rows))

    action = session.scalars(select(Action).where(Action.sir_id == empty_sir.id)).one()
    assert [c.changed_at.astimezone(PACIFIC).date() for c in action.history] == [
        date(2025, 3, 14),
        date(2025, 3, 14),
    ]
    assert status_counts(session, empty_sir, date(2025, 3, 13)).total == 0
    assert status_counts(session, empty_sir, date(2025, 3, 14)).completed == 1


def test_a_new_status_cannot_be_dated_before_the_actions_last_change(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    rows = action_rows(1)
    rows[0][7] = "2025-03-14"
    imported(session, empty_sir, importer, "actions.xlsx", xlsx(rows))
    rows[0][6], rows[0][7] = "in progress", "2025-01-10"
    plan = plan_of(session, empty_sir, "actions.xlsx", xlsx(rows))
    assert [str(p) for p in plan.problems] == [
        "Actions, row 2, last change: action 3.1 last changed on 14 March 2025; its new status "
        "cannot be dated before that."
    ]


def test_an_archived_action_of_the_same_code_is_a_problem(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    imported(session, empty_sir, importer, "actions.xlsx", xlsx(action_rows(1)))
    action = session.scalars(select(Action).where(Action.sir_id == empty_sir.id)).one()
    archive_record(session, action, by=importer)
    plan = plan_of(session, empty_sir, "actions.xlsx", xlsx(action_rows(1)))
    assert [str(p) for p in plan.problems] == [
        "Actions, row 2, code: action 3.1 is archived: an administrator can restore it before "
        "it is imported."
    ]


def test_a_change_made_after_the_dry_run_refuses_the_whole_import(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    rows = action_rows(3)
    imported(session, empty_sir, importer, "first.xlsx", xlsx(rows))
    for row in rows:
        row[2] = f"{row[2]} Revised."
    plan = plan_of(session, empty_sir, "second.xlsx", xlsx(rows))
    third = session.scalars(
        select(Action).where(Action.sir_id == empty_sir.id, Action.code == "3.3")
    ).one()
    change_status(session, third, ActionStatus.COMPLETED, by=importer, note="Done meanwhile.")
    assert plan_of(session, empty_sir, "second.xlsx", xlsx(rows)).fingerprint != plan.fingerprint
    before = table_counts(session)

    with pytest.raises(ImportRefused) as refused:
        import_plan(session, empty_sir, plan, by=importer)

    assert "Nothing was imported" in refused.value.message
    assert changed_tables(before, table_counts(session)) == {}


def test_csv_files_import_like_workbooks(session: Session, empty_sir: Sir, importer: User) -> None:
    rows = action_rows(6)
    for row in rows:
        row[5] = "6/30/2026"
    content = ("\ufeff" + csv_text(rows, delimiter=";")).encode()
    imported(session, empty_sir, importer, "actions.csv", content)
    assert status_counts(session, empty_sir).headline == (
        "2 completed / 2 in progress / 2 not started"
    )
    targets = session.scalars(select(Action.target_date).where(Action.sir_id == empty_sir.id))
    assert set(targets) == {date(2026, 6, 30)}


# --- Files written by LibreOffice ---------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Written once for the module (LibreOffice takes seconds to start)."""
    bad = action_rows(60)
    bad[35][6] = "done"
    # CSV codes that LibreOffice keeps: 3.10 would become the number 3.1
    csv_rows = [[f"C-{n}", *row[1:]] for n, row in enumerate(action_rows(6), start=1)]
    sources = {
        "clean.xlsx": xlsx(sixty_six_rows(), themes=THEMES, findings=FINDINGS),
        "bad.xlsx": xlsx(bad),
        "from-csv.csv": csv_text(csv_rows).encode(),
    }
    return libreoffice_xlsx(sources, tmp_path_factory.mktemp("libreoffice"))


def test_a_file_saved_by_libreoffice_imports_and_imports_again_as_nothing(
    session: Session, empty_sir: Sir, importer: User, libreoffice_files: dict[str, bytes]
) -> None:
    content = libreoffice_files["clean.xlsx"]
    assert application_of(content).startswith("LibreOffice")  # not openpyxl's file
    imported(session, empty_sir, importer, "clean.xlsx", content)

    assert status_counts(session, empty_sir).headline == (
        "22 completed / 22 in progress / 22 not started"
    )
    assert (
        session.scalar(select(Theme.title).where(Theme.sir_id == empty_sir.id, Theme.number == 2))
        == THEMES[1]
    )
    assert plan_of(session, empty_sir, "clean.xlsx", content).writes_nothing


def test_a_bad_row_in_a_libreoffice_file_is_named(
    session: Session, empty_sir: Sir, libreoffice_files: dict[str, bytes]
) -> None:
    plan = plan_of(session, empty_sir, "bad.xlsx", libreoffice_files["bad.xlsx"])
    assert [str(p) for p in plan.problems] == [
        "Actions, row 37, status: 'done' is not one of not started, in progress, completed."
    ]


def test_a_csv_converted_by_libreoffice_imports_with_its_dates_as_date_cells(
    session: Session, empty_sir: Sir, importer: User, libreoffice_files: dict[str, bytes]
) -> None:
    imported(session, empty_sir, importer, "from-csv.xlsx", libreoffice_files["from-csv.csv"])
    targets = session.scalars(select(Action.target_date).where(Action.sir_id == empty_sir.id))
    assert set(targets) == {date(2026, 6, 30)}
    assert status_counts(session, empty_sir).total == 6


def test_history_rows_count_what_an_import_wrote(
    session: Session, empty_sir: Sir, importer: User
) -> None:
    before = table_counts(session)
    imported(session, empty_sir, importer, "actions.xlsx", xlsx(action_rows(6)))
    changed = changed_tables(before, table_counts(session))
    # six creations, four status changes (two actions stay not started)
    assert changed["status_changes"] == 10
    assert changed["actions"] == 6
