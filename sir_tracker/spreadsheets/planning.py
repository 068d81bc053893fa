"""The dry run of an import: what a read file would create, change and leave alone in a SIR,
and every problem by sheet, row and column. ``spreadsheets.operations`` writes a plan.

A plan reads the SIR in a few queries and writes nothing. Its fingerprint sums up everything
it would write, so a confirmation can check that it writes exactly what the dry run showed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.core.formatting import long_date, pacific_day
from sir_tracker.core.pacific_time import PACIFIC, at_local, end_of_day, today
from sir_tracker.progress.operations import latest_closed_quarter
from sir_tracker.reviews.models import (
    Action,
    ActionStatus,
    Component,
    Finding,
    Sir,
    StatusChange,
    SwotCategory,
    Theme,
)
from sir_tracker.spreadsheets.columns import (
    ACTION_COLUMNS,
    ACTIONS,
    CATEGORY_LABELS,
    CROSSWALK_SEPARATOR,
    FINDINGS,
    STATUS_LABELS,
    THEMES,
)
from sir_tracker.spreadsheets.reading import (
    NotADate,
    Problem,
    ReadFile,
    Row,
    Value,
    date_of,
    text_of,
)

HEADERS = {column.key: column.header for column in ACTION_COLUMNS}
SHEET_ORDER = {THEMES: 1, FINDINGS: 2, ACTIONS: 3}
MAX_CODE = 20
MAX_RESPONSIBLE = 200
MAX_THEME = 200
MAX_PLAN = 100
MAX_REFERENCE = 200


@dataclass(frozen=True)
class FieldChange:
    field: str  # as its column is headed: "Target date"
    old: str
    new: str


@dataclass(frozen=True)
class PlannedTheme:
    row: int
    title: str


@dataclass(frozen=True)
class PlannedFinding:
    row: int
    component: int
    category: SwotCategory
    text: str


@dataclass(frozen=True)
class PlannedStatus:
    status: ActionStatus
    at: datetime | None  # None: when the import is written
    note: str


@dataclass(frozen=True)
class PlannedAction:
    row: int
    code: str
    action_id: int | None  # the action updated; None for a new one
    version: int | None
    component: int
    text: str
    responsible: str
    theme: str  # a title, "" for none
    target_date: date | None
    status: PlannedStatus | None  # a status to set (for a new action: other than not started)
    created_at: datetime | None  # a new action's creation: its status's day
    creation_note: str
    changes: tuple[FieldChange, ...]  # what changes in an existing action (status included)
    links: tuple[tuple[str, str], ...]  # cross-walk items to add

    @property
    def is_new(self) -> bool:
        return self.action_id is None

    @property
    def is_unchanged(self) -> bool:
        return not self.is_new and not self.changes

    @property
    def headline(self) -> str:
        return f"Action {self.code}"


@dataclass
class ImportPlan:
    filename: str
    sir_id: int
    themes: list[PlannedTheme] = field(default_factory=list)  # to create
    themes_unchanged: int = 0
    findings: list[PlannedFinding] = field(default_factory=list)  # to create
    findings_unchanged: int = 0
    actions: list[PlannedAction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def created(self) -> list[PlannedAction]:
        return [action for action in self.actions if action.is_new]

    @property
    def changed(self) -> list[PlannedAction]:
        return [action for action in self.actions if not action.is_new and action.changes]

    @property
    def unchanged(self) -> list[PlannedAction]:
        return [action for action in self.actions if action.is_unchanged]

    @property
    def writes_nothing(self) -> bool:
        return not (self.themes or self.findings or self.created or self.changed)

    @property
    def summary(self) -> str:
        """ "66 actions to create, 2 to change, 0 left as they are; 4 themes and 12 findings
        to create"."""
        parts = [
            f"{_count(len(self.created), 'action')} to create, {len(self.changed)} to change, "
            f"{len(self.unchanged)} left as they are"
        ]
        if self.themes or self.findings:
            parts.append(
                f"{_count(len(self.themes), 'theme')} and "
                f"{_count(len(self.findings), 'finding')} to create"
            )
        return "; ".join(parts)

    @property
    def confirm_label(self) -> str:
        """ "Import: create 4 actions, change 2 actions, add 2 themes"."""
        parts = [
            f"{verb} {_count(n, noun)}"
            for verb, n, noun in (
                ("create", len(self.created), "action"),
                ("change", len(self.changed), "action"),
                ("add", len(self.themes), "theme"),
                ("add", len(self.findings), "finding"),
            )
            if n
        ]
        return f"Import: {', '.join(parts)}"

    @property
    def fingerprint(self) -> str:
        """A digest of everything the plan would write and of the versions it was made from."""
        digest = hashlib.sha256(f"{self.filename}\n{self.sir_id}\n".encode())
        for item in (*self.themes, *self.findings, *self.actions):
            digest.update(repr(item).encode())
            digest.update(b"\n")
        return digest.hexdigest()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class _SirState:
    """What the plan compares the file with, read in a handful of queries."""

    def __init__(self, session: Session, sir: Sir) -> None:
        self.components = {
            component.number: component
            for component in session.scalars(select(Component).order_by(Component.number))
        }
        self.themes = {
            theme.title.casefold(): theme
            for theme in session.scalars(select(Theme).where(Theme.sir_id == sir.id))
        }
        self.findings = {
            (finding.component.number, finding.category, finding.text.strip())
            for finding in session.scalars(
                select(Finding)
                .where(Finding.sir_id == sir.id, Finding.archived_at.is_(None))
                .options(selectinload(Finding.component))
            )
        }
        self.actions = {
            action.code: action
            for action in session.scalars(
                select(Action)
                .where(Action.sir_id == sir.id)
                .options(
                    selectinload(Action.component),
                    selectinload(Action.theme),
                    selectinload(Action.crosswalk_links),
                )
            )
        }
        self.latest: dict[int, datetime] = dict(
            session.execute(
                select(StatusChange.action_id, func.max(StatusChange.changed_at))
                .join(Action, Action.id == StatusChange.action_id)
                .where(Action.sir_id == sir.id)
                .group_by(StatusChange.action_id)
            ).all()
        )
        closed = latest_closed_quarter(session, sir.lea_id)
        self.closed_until = end_of_day(closed.last_day) if closed is not None else None
        self.closed_label = long_date(closed.last_day) if closed is not None else ""


def plan_import(session: Session, sir: Sir, read: ReadFile) -> ImportPlan:
    """What importing ``read`` into ``sir`` would do; ``plan.problems`` lists, in words and in
    file order, every reason it cannot (then nothing may be written)."""
    plan = ImportPlan(
        read.filename, sir.id, problems=list(read.problems), notices=list(read.notices)
    )
    state = _SirState(session, sir)
    new_themes = _plan_themes(plan, read, state)
    _plan_findings(plan, read, state)
    _plan_actions(plan, read, state, new_themes)
    plan.problems.sort(key=lambda problem: (SHEET_ORDER.get(problem.sheet, 0), problem.row or 0))
    return plan


def _plan_themes(plan: ImportPlan, read: ReadFile, state: _SirState) -> set[str]:
    sheet = read.sheets.get(THEMES)
    new: set[str] = set()
    for row in sheet.rows if sheet else []:
        title = text_of(row.cells.get("title"))
        if not title:
            continue
        key = title.casefold()
        if len(title) > MAX_THEME:
            plan.problems.append(
                Problem(THEMES, row.number, "Theme", f"is longer than {MAX_THEME} characters.")
            )
        elif key in new:
            plan.problems.append(
                Problem(THEMES, row.number, "Theme", f"“{title}” is listed twice.")
            )
        elif key in state.themes:
            existing = state.themes[key]
            if existing.is_archived:
                plan.problems.append(
                    Problem(
                        THEMES,
                        row.number,
                        "Theme",
                        f"“{existing.title}” is an archived theme of this SIR: an "
                        "administrator can restore it.",
                    )
                )
            else:
                plan.themes_unchanged += 1
        else:
            new.add(key)
            plan.themes.append(PlannedTheme(row.number, title))
    return new


def _plan_findings(plan: ImportPlan, read: ReadFile, state: _SirState) -> None:
    sheet = read.sheets.get(FINDINGS)
    seen: set[tuple[int, SwotCategory, str]] = set()
    for row in sheet.rows if sheet else []:
        problems = len(plan.problems)
        component = _component(plan, FINDINGS, row, state)
        category = _choice(
            plan, FINDINGS, row, "category", "Category", CATEGORY_LABELS, SwotCategory
        )
        text = text_of(row.cells.get("text"))
        if not text:
            plan.problems.append(Problem(FINDINGS, row.number, "Finding", "is empty."))
        if len(plan.problems) > problems or component is None or category is None:
            continue
        key = (component, category, text)
        if key in state.findings or key in seen:
            plan.findings_unchanged += 1
            continue
        seen.add(key)
        plan.findings.append(PlannedFinding(row.number, component, category, text))


def _plan_actions(plan: ImportPlan, read: ReadFile, state: _SirState, new_themes: set[str]) -> None:
    sheet = read.sheets.get(ACTIONS)
    if sheet is None:
        if not plan.themes and not plan.findings and not plan.problems:
            plan.problems.append(
                Problem(ACTIONS, None, None, "the file has no sheet named Actions.")
            )
        return
    rows_of_code: dict[str, int] = {}
    now = datetime.now(PACIFIC)
    for row in sheet.rows:
        before = len(plan.problems)
        code = text_of(row.cells.get("code"))
        if isinstance(row.cells.get("code"), float):
            plan.notices.append(
                f"Actions, row {row.number}, code: the cell holds the number {code}; if the code "
                "was written with a trailing zero (3.10), format the column as text and type "
                "it again."
            )
        component = _component(plan, ACTIONS, row, state)
        text = text_of(row.cells.get("text"))
        responsible = text_of(row.cells.get("responsible"))
        theme = text_of(row.cells.get("theme"))
        target_date = _date(plan, row, "target_date")
        last_change = _date(plan, row, "last_change")
        status = _choice(plan, ACTIONS, row, "status", "Status", STATUS_LABELS, ActionStatus)
        note = text_of(row.cells.get("note"))
        links = _links(plan, row)
        if not code:
            plan.problems.append(Problem(ACTIONS, row.number, "Code", "is empty."))
        elif len(code) > MAX_CODE:
            plan.problems.append(
                Problem(ACTIONS, row.number, "Code", f"is longer than {MAX_CODE} characters.")
            )
        elif code in rows_of_code:
            plan.problems.append(
                Problem(
                    ACTIONS,
                    row.number,
                    "Code",
                    f"{code} is also the code of row {rows_of_code[code]}; each action needs "
                    "a code of its own.",
                )
            )
        else:
            rows_of_code[code] = row.number
        if not text:
            plan.problems.append(Problem(ACTIONS, row.number, "Action", "is empty."))
        if len(responsible) > MAX_RESPONSIBLE:
            plan.problems.append(
                Problem(
                    ACTIONS,
                    row.number,
                    "Responsible",
                    f"is longer than {MAX_RESPONSIBLE} characters.",
                )
            )
        theme_record = state.themes.get(theme.casefold()) if theme else None
        if theme and theme_record is None and theme.casefold() not in new_themes:
            plan.problems.append(
                Problem(
                    ACTIONS,
                    row.number,
                    "Theme",
                    f"“{theme}” is not a theme of this SIR nor of the file's Themes sheet.",
                )
            )
        elif theme_record is not None and theme_record.is_archived:
            plan.problems.append(
                Problem(
                    ACTIONS, row.number, "Theme", f"the theme “{theme_record.title}” is archived."
                )
            )
        if last_change is not None and last_change > today():
            plan.problems.append(
                Problem(
                    ACTIONS,
                    row.number,
                    "Last change",
                    f"{long_date(last_change)} is in the future.",
                )
            )
        if len(plan.problems) > before or component is None:
            continue
        existing = state.actions.get(code)
        if theme_record is not None:
            theme = theme_record.title
        common = dict(
            row=row.number,
            code=code,
            component=component,
            text=text,
            responsible=responsible,
            theme=theme,
            target_date=target_date,
        )
        if existing is None:
            planned = _new_action(plan, row, common, status, last_change, note, links, state)
        else:
            planned = _changed_action(
                plan, row, common, existing, status, last_change, note, links, state, now
            )
        if planned is not None:
            plan.actions.append(planned)


def _new_action(
    plan: ImportPlan,
    row: Row,
    common: dict[str, object],
    status: ActionStatus | None,
    last_change: date | None,
    note: str,
    links: tuple[tuple[str, str], ...],
    state: _SirState,
) -> PlannedAction | None:
    at = at_local(last_change) if last_change is not None else None
    if at is not None and not _open_for(plan, row, at, state):
        return None
    changing = status not in (None, ActionStatus.NOT_STARTED)
    return PlannedAction(
        **common,  # type: ignore[arg-type]
        action_id=None,
        version=None,
        status=PlannedStatus(status, at, note or _imported(plan))
        if changing and status is not None
        else None,
        created_at=at,
        creation_note="" if changing else note,
        changes=(),
        links=links,
    )


def _changed_action(
    plan: ImportPlan,
    row: Row,
    common: dict[str, object],
    existing: Action,
    status: ActionStatus | None,
    last_change: date | None,
    note: str,
    links: tuple[tuple[str, str], ...],
    state: _SirState,
    now: datetime,
) -> PlannedAction | None:
    if existing.is_archived:
        plan.problems.append(
            Problem(
                ACTIONS,
                row.number,
                "Code",
                f"action {existing.code} is archived: an administrator can restore it before "
                "it is imported.",
            )
        )
        return None
    current = {
        "component": str(existing.component.number),
        "text": existing.text,
        "responsible": existing.responsible,
        "theme": existing.theme.title if existing.theme else "",
        "target_date": long_date(existing.target_date),
    }
    wanted = {
        "component": str(common["component"]),
        "text": str(common["text"]),
        "responsible": str(common["responsible"]),
        "theme": str(common["theme"]),
        "target_date": long_date(common["target_date"]),  # type: ignore[arg-type]
    }
    changes = [
        FieldChange(HEADERS[key], current[key], wanted[key])
        for key in current
        if current[key] != wanted[key]
    ]
    planned_status = None
    if status is not None and status != existing.status:
        latest = state.latest.get(existing.id)
        at = _status_moment(last_change, latest, now)
        if at is not None and latest is not None and at < latest:
            plan.problems.append(
                Problem(
                    ACTIONS,
                    row.number,
                    "Last change",
                    f"action {existing.code} last changed on {pacific_day(latest)}; its new "
                    "status cannot be dated before that.",
                )
            )
            return None
        if not _open_for(plan, row, at or now, state):
            return None
        planned_status = PlannedStatus(status, at, note or _imported(plan))
        changes.append(FieldChange("Status", existing.status.label, status.label))
    have = {(link.plan, link.reference) for link in existing.crosswalk_links}
    added = tuple(link for link in links if link not in have)
    changes += [FieldChange("Cross-walk", "", f"{p}: {r}") for p, r in added]
    return PlannedAction(
        **common,  # type: ignore[arg-type]
        action_id=existing.id,
        version=existing.version,
        status=planned_status,
        created_at=None,
        creation_note="",
        changes=tuple(changes),
        links=added,
    )


def _status_moment(
    last_change: date | None, latest: datetime | None, now: datetime
) -> datetime | None:
    """When a changed status takes effect: the file's day, unless it is the day the action
    last changed (a file exported, then edited: the change is made now); None for now."""
    if last_change is None:
        return None
    if latest is not None and latest.astimezone(PACIFIC).date() == last_change:
        return None
    if last_change == now.date():
        return None
    return at_local(last_change)


def _open_for(plan: ImportPlan, row: Row, at: datetime, state: _SirState) -> bool:
    if state.closed_until is not None and at < state.closed_until:
        plan.problems.append(
            Problem(
                ACTIONS,
                row.number,
                "Last change",
                f"the quarter up to {state.closed_label} is closed (signed off); a status "
                "cannot be dated in it.",
            )
        )
        return False
    return True


def _imported(plan: ImportPlan) -> str:
    return f"Imported from {plan.filename}"


def _component(plan: ImportPlan, sheet: str, row: Row, state: _SirState) -> int | None:
    text = text_of(row.cells.get("component"))
    if not text:
        plan.problems.append(Problem(sheet, row.number, "Component", "is empty."))
        return None
    # 3, "3", 3.0, or "3. Instructional Practice and Strategies"
    found = _COMPONENT.fullmatch(text)
    number = int(found[1]) if found else None
    if number is None or number not in state.components:
        plan.problems.append(
            Problem(
                sheet, row.number, "Component", f"{text!r} is not a component number (1 to 12)."
            )
        )
        return None
    return number


_COMPONENT = re.compile(r"(\d{1,2})(?:\.0)?(?:\.?\s.*)?", re.DOTALL)
E = TypeVar("E", ActionStatus, SwotCategory)


def _choice(
    plan: ImportPlan,
    sheet: str,
    row: Row,
    key: str,
    header: str,
    labels: tuple[str, ...],
    enum: type[E],
) -> E | None:
    text = text_of(row.cells.get(key))
    if not text:
        return None
    normalized = " ".join(text.replace("_", " ").split()).casefold()
    for member in enum:
        if member.label == normalized:
            return member
    plan.problems.append(
        Problem(sheet, row.number, header, f"{text!r} is not one of {', '.join(labels)}.")
    )
    return None


def _date(plan: ImportPlan, row: Row, key: str) -> date | None:
    value: Value = row.cells.get(key)
    try:
        return date_of(value)
    except NotADate as error:
        plan.problems.append(Problem(ACTIONS, row.number, HEADERS[key], str(error)))
        return None


def _links(plan: ImportPlan, row: Row) -> tuple[tuple[str, str], ...]:
    text = text_of(row.cells.get("crosswalk"))
    links: list[tuple[str, str]] = []
    for item in filter(None, (part.strip() for part in text.split(CROSSWALK_SEPARATOR))):
        plan_name, colon, reference = item.partition(":")
        plan_name, reference = plan_name.strip(), reference.strip()
        if not colon or not plan_name or not reference:
            plan.problems.append(
                Problem(
                    ACTIONS,
                    row.number,
                    "Cross-walk",
                    f"{item!r} is not written PLAN: ITEM, such as “FCMAT: Pupil Achievement 1.1”.",
                )
            )
        elif len(plan_name) > MAX_PLAN or len(reference) > MAX_REFERENCE:
            plan.problems.append(
                Problem(ACTIONS, row.number, "Cross-walk", f"{item!r} is too long.")
            )
        elif (plan_name, reference) not in links:
            links.append((plan_name, reference))
    return tuple(links)
