"""The import of California School Dashboard results: its columns, and its dry run (what it
would record for which LEA and year, which LEAs it would create, and every problem by row and
column). ``spreadsheets.operations.import_dashboard_plan`` writes a plan.

A file holds one row per LEA, Dashboard year and student group, with the priorities that group
did not meet; an LEA and year whose groups met every priority is one row with neither. The rows
of an LEA and year in the file are all its results of that year: they replace those held.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.caseload.eligibility import Priority, StudentGroup, Unmet
from sir_tracker.caseload.models import FIRST_YEAR, LAST_YEAR
from sir_tracker.caseload.queries import held_results
from sir_tracker.leas.cds import InvalidCdsCode, normalize_cds_code
from sir_tracker.leas.models import CountyOffice, Lea, LeaKind
from sir_tracker.spreadsheets.columns import Column, Layout
from sir_tracker.spreadsheets.reading import Problem, ReadFile, Row, text_of
from sir_tracker.spreadsheets.template import LIST_ROWS, explain_columns
from sir_tracker.spreadsheets.writing import Cell, Heading, Table, add_sheet

DASHBOARD = "Dashboard results"
GROUPS_SHEET = "Groups and priorities"  # the template's lists; an import does not read it
PRIORITY_SEPARATOR = ";"
MAX_NAME = 200  # as Lea.name
KIND_LABELS = {kind.label.casefold(): kind for kind in LeaKind} | {
    "district": LeaKind.DISTRICT,
    "charter": LeaKind.CHARTER_SCHOOL,
    "coe": LeaKind.COUNTY_OFFICE,
    "county office": LeaKind.COUNTY_OFFICE,
}

DASHBOARD_COLUMNS = (
    Column(
        "cds_code",
        "CDS code",
        16,
        "The LEA's CDS code: 7 digits for a district or county office, 14 for a charter school.",
        required=True,
    ),
    Column("year", "Dashboard year", 10, "The year of the Dashboard, such as 2025.", required=True),
    Column(
        "lea",
        "LEA",
        40,
        "The LEA's name (needed only for an LEA not yet in SIR Tracker, which the import creates).",
    ),
    Column(
        "county",
        "County",
        18,
        "The LEA's county, such as Fresno (needed only for an LEA not yet in SIR Tracker).",
    ),
    Column(
        "kind",
        "LEA type",
        16,
        "district, charter school or county office (optional, for "
        "an LEA not yet in SIR Tracker; else told by the CDS code's length).",
    ),
    Column(
        "group",
        "Student group",
        30,
        "A Dashboard student group, such as English learners. "
        "Leave it and the priorities empty for an LEA whose groups met every priority.",
    ),
    Column(
        "priorities",
        "Priorities not met",
        40,
        "The LCFF priorities this group did not "
        "meet, by number or name, separated by semicolons: 4; 6 or Pupil Achievement; "
        "School Climate.",
    ),
)
DASHBOARD_LAYOUT = Layout({DASHBOARD: DASHBOARD_COLUMNS}, DASHBOARD)
HEADERS = {column.key: column.header for column in DASHBOARD_COLUMNS}
EXAMPLES: list[list[Cell]] = [
    [
        "1962117",
        2025,
        "Example Unified (replace these rows)",
        "Los Angeles",
        "district",
        "English learners",
        "4; 6",
    ],
    [
        "1962117",
        2025,
        "Example Unified (replace these rows)",
        "Los Angeles",
        "district",
        "Students with disabilities",
        "Pupil Achievement; School Climate",
    ],
]

_GROUPS = {
    name: group
    for group in StudentGroup
    for name in (group.label.casefold(), group.value.replace("_", " "))
} | {
    "swd": StudentGroup.STUDENTS_WITH_DISABILITIES,
    "el": StudentGroup.ENGLISH_LEARNERS,
    "ltel": StudentGroup.LONG_TERM_ENGLISH_LEARNERS,
    "sed": StudentGroup.SOCIOECONOMICALLY_DISADVANTAGED,
    "homeless": StudentGroup.HOMELESS_YOUTH,
    "black/african american": StudentGroup.AFRICAN_AMERICAN,
    "hispanic or latino": StudentGroup.HISPANIC,
    "native hawaiian or pacific islander": StudentGroup.PACIFIC_ISLANDER,
    "two or more": StudentGroup.TWO_OR_MORE_RACES,
}
_PRIORITIES = {
    name: priority
    for priority in Priority
    for name in (priority.value, f"priority {priority.value}", priority.label.casefold())
}


@dataclass(frozen=True)
class PlannedLea:
    row: int
    cds_code: str
    name: str
    county_office_id: int
    county: str
    kind: LeaKind


@dataclass(frozen=True)
class PlannedYear:
    row: int  # the first row of this LEA and year
    cds_code: str
    lea_id: int | None  # None: an LEA the import creates
    lea_name: str
    year: int
    unmet: frozenset[Unmet]
    held: frozenset[Unmet] | None  # the results held now; None: none held

    @property
    def is_unchanged(self) -> bool:
        return self.held == self.unmet

    @property
    def groups(self) -> str:
        """ "English learners (4, 6); Hispanic (4, 5)", or "every priority met"."""
        by_group: dict[StudentGroup, list[str]] = {}
        for group, priority in sorted(self.unmet):
            by_group.setdefault(group, []).append(priority.value)
        if not by_group:
            return "every priority met"
        return "; ".join(f"{g.label} ({', '.join(p)})" for g, p in by_group.items())


@dataclass
class DashboardPlan:
    filename: str
    new_leas: list[PlannedLea] = field(default_factory=list)
    years: list[PlannedYear] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def to_record(self) -> list[PlannedYear]:
        return [year for year in self.years if not year.is_unchanged]

    @property
    def unchanged(self) -> list[PlannedYear]:
        return [year for year in self.years if year.is_unchanged]

    @property
    def replaced(self) -> list[PlannedYear]:
        return [year for year in self.to_record if year.held is not None]

    @property
    def writes_nothing(self) -> bool:
        return not (self.new_leas or self.to_record)

    @property
    def summary(self) -> str:
        """ "120 LEA-years to record (3 replacing results held), 4 left as they are; 2 LEAs to
        create"."""
        text = (
            f"{_count(len(self.to_record), 'LEA-year')} to record "
            f"({len(self.replaced)} replacing results held), {len(self.unchanged)} left as "
            "they are"
        )
        return f"{text}; {_count(len(self.new_leas), 'LEA')} to create" if self.new_leas else text

    @property
    def confirm_label(self) -> str:
        parts = [f"record {_count(len(self.to_record), 'LEA-year')}"]
        if self.new_leas:
            parts.append(f"create {_count(len(self.new_leas), 'LEA')}")
        return f"Import: {', '.join(parts)}"

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(f"dashboard\n{self.filename}\n".encode())
        for item in (*self.new_leas, *self.years):
            digest.update(repr(item).encode())
            digest.update(b"\n")
        return digest.hexdigest()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass
class _Lea:
    """What the rows say of one CDS code."""

    row: int
    known: Lea | None
    name: str = ""
    county: str = ""
    kind: str = ""


def plan_dashboard_import(session: Session, read: ReadFile) -> DashboardPlan:
    """What importing ``read`` would do; ``plan.problems`` lists, in row order, every reason
    it cannot (then nothing may be written). A few queries, however long the file."""
    plan = DashboardPlan(read.filename, problems=list(read.problems), notices=list(read.notices))
    sheet = read.sheets.get(DASHBOARD)
    if sheet is None:
        plan.problems.append(
            Problem(DASHBOARD, None, None, f"the file has no sheet named {DASHBOARD}.")
        )
        return plan
    codes: dict[str, _Lea] = {}
    unmet: dict[tuple[str, int], set[Unmet]] = {}
    first_row: dict[tuple[str, int], int] = {}
    rows: list[tuple[Row, str]] = []
    for row in sheet.rows:
        before = len(plan.problems)
        code = _cds_code(plan, row)
        year = _year(plan, row)
        pairs = _pairs(plan, row)
        if len(plan.problems) > before or code is None or year is None or pairs is None:
            continue
        rows.append((row, code))
        first_row.setdefault((code, year), row.number)
        unmet.setdefault((code, year), set()).update(pairs)
    known = {
        lea.cds_code: lea
        for lea in session.scalars(select(Lea).where(Lea.cds_code.in_({c for _, c in rows})))
    }
    for row, code in rows:
        _describe_lea(plan, row, code, codes, known.get(code))
    _plan_new_leas(plan, session, codes)
    held = held_results(session, [lea.id for lea in known.values()])
    for (code, year), pairs in unmet.items():
        lea = known.get(code)
        held_pairs = held.get(lea.id, {}).get(year) if lea is not None else None
        plan.years.append(
            PlannedYear(
                row=first_row[(code, year)],
                cds_code=code,
                lea_id=lea.id if lea is not None else None,
                lea_name=lea.name if lea is not None else codes[code].name,
                year=year,
                unmet=frozenset(pairs),
                held=frozenset(held_pairs) if held_pairs is not None else None,
            )
        )
    plan.years.sort(key=lambda year: year.row)
    plan.problems.sort(key=lambda problem: problem.row or 0)
    return plan


def _cds_code(plan: DashboardPlan, row: Row) -> str | None:
    raw = text_of(row.cells.get("cds_code"))
    if isinstance(row.cells.get("cds_code"), int | float):
        # A code typed into a number cell loses its leading zero ("0161176" became 161176).
        raw = raw.zfill(7 if len(raw) <= 7 else 14)
    try:
        return normalize_cds_code(raw)
    except InvalidCdsCode as error:
        plan.problems.append(Problem(DASHBOARD, row.number, HEADERS["cds_code"], _lower(error)))
        return None


def _year(plan: DashboardPlan, row: Row) -> int | None:
    text = text_of(row.cells.get("year"))
    match = re.fullmatch(r"(\d{4})(?:\.0)?", text)
    if match is None or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        plan.problems.append(
            Problem(
                DASHBOARD,
                row.number,
                HEADERS["year"],
                f"“{text}” is not a Dashboard year: write the year, such as 2025."
                if text
                else "is empty.",
            )
        )
        return None
    return int(match[1])


def _pairs(plan: DashboardPlan, row: Row) -> set[Unmet] | None:
    group_text = text_of(row.cells.get("group"))
    priorities_text = text_of(row.cells.get("priorities"))
    if not group_text and not priorities_text:
        return set()
    if not group_text:
        plan.problems.append(
            Problem(
                DASHBOARD,
                row.number,
                HEADERS["group"],
                "is empty, but the row names priorities not met: write the student group.",
            )
        )
        return None
    group = _GROUPS.get(group_text.casefold())
    if group is None:
        plan.problems.append(
            Problem(
                DASHBOARD,
                row.number,
                HEADERS["group"],
                f"“{group_text[:60]}” is not a Dashboard student group; write one of: "
                f"{', '.join(g.label for g in StudentGroup)}.",
            )
        )
        return None
    names = [name.strip() for name in priorities_text.split(PRIORITY_SEPARATOR) if name.strip()]
    if not names:
        plan.problems.append(
            Problem(
                DASHBOARD,
                row.number,
                HEADERS["priorities"],
                f"is empty: write the priorities {group.label} did not meet, such as 4; 6.",
            )
        )
        return None
    priorities = [_PRIORITIES.get(re.sub(r"\.0$", "", name).casefold()) for name in names]
    wrong = [name for name, priority in zip(names, priorities, strict=True) if priority is None]
    if wrong:
        plan.problems.append(
            Problem(
                DASHBOARD,
                row.number,
                HEADERS["priorities"],
                f"“{wrong[0][:60]}” is not an LCFF priority: write its number, 1 to 8, or its "
                "name, such as Pupil Achievement.",
            )
        )
        return None
    return {(group, priority) for priority in priorities if priority is not None}


def _describe_lea(
    plan: DashboardPlan, row: Row, code: str, codes: dict[str, _Lea], known: Lea | None
) -> None:
    name = text_of(row.cells.get("lea"))
    county = text_of(row.cells.get("county"))
    kind = text_of(row.cells.get("kind"))
    described = codes.setdefault(code, _Lea(row.number, known))
    for attribute, value, header in (
        ("name", name, HEADERS["lea"]),
        ("county", county, HEADERS["county"]),
        ("kind", kind, HEADERS["kind"]),
    ):
        if not value:
            continue
        given = getattr(described, attribute)
        if not given:
            setattr(described, attribute, value)
        elif given.casefold() != value.casefold() and known is None:
            plan.problems.append(
                Problem(
                    DASHBOARD,
                    row.number,
                    header,
                    f"“{value[:60]}” differs from “{given[:60]}” in row {described.row} for the "
                    f"same CDS code {code}.",
                )
            )
    if (
        known is not None
        and name
        and name.casefold() != known.name.casefold()
        and (described.row == row.number)
    ):
        plan.notices.append(
            f"{DASHBOARD}, row {row.number}: the CDS code {code} is {known.name} here (the file "
            f"calls it {name}); its results are recorded for {known.name}."
        )


def _plan_new_leas(plan: DashboardPlan, session: Session, codes: dict[str, _Lea]) -> None:
    new = {code: lea for code, lea in codes.items() if lea.known is None}
    if not new:
        return
    offices = list(session.scalars(select(CountyOffice)))
    by_county = {office.county.casefold(): office for office in offices} | {
        office.name.casefold(): office for office in offices
    }
    taken = set(
        session.scalars(
            select(Lea.name).where(Lea.name.in_({lea.name.strip() for lea in new.values()}))
        )
    )
    names: dict[str, str] = {}
    for code, lea in new.items():
        before = len(plan.problems)
        name = lea.name.strip()
        if not name:
            plan.problems.append(
                Problem(
                    DASHBOARD,
                    lea.row,
                    HEADERS["lea"],
                    f"is empty: the CDS code {code} is not an LEA in SIR Tracker yet, so the "
                    "import creates it and needs its name.",
                )
            )
        elif len(name) > MAX_NAME:
            plan.problems.append(
                Problem(
                    DASHBOARD, lea.row, HEADERS["lea"], f"is longer than {MAX_NAME} characters."
                )
            )
        elif name in taken:
            plan.problems.append(
                Problem(
                    DASHBOARD,
                    lea.row,
                    HEADERS["lea"],
                    f"there is already an LEA named {name}, with another CDS code.",
                )
            )
        elif name.casefold() in names:
            plan.problems.append(
                Problem(
                    DASHBOARD,
                    lea.row,
                    HEADERS["lea"],
                    f"{name} is also the name given to the CDS code {names[name.casefold()]}.",
                )
            )
        names.setdefault(name.casefold(), code)
        county = re.sub(r"\s+county$", "", lea.county.strip(), flags=re.IGNORECASE)
        office = by_county.get(county.casefold()) or by_county.get(lea.county.strip().casefold())
        if office is None:
            plan.problems.append(
                Problem(
                    DASHBOARD,
                    lea.row,
                    HEADERS["county"],
                    f"“{lea.county[:60]}” is not a county with a county office in SIR Tracker."
                    if lea.county
                    else f"is empty: the import creates the LEA {code} and needs its county.",
                )
            )
        kind = _kind(code, lea.kind)
        if kind is None:
            plan.problems.append(
                Problem(
                    DASHBOARD,
                    lea.row,
                    HEADERS["kind"],
                    f"“{lea.kind[:60]}” is not an LEA type: write district, charter school or "
                    "county office.",
                )
            )
        if len(plan.problems) > before or office is None or kind is None:
            continue
        plan.new_leas.append(PlannedLea(lea.row, code, name, office.id, office.county, kind))


def _kind(code: str, text: str) -> LeaKind | None:
    if not text:
        return LeaKind.CHARTER_SCHOOL if len(code) == 14 else LeaKind.DISTRICT
    return KIND_LABELS.get(text.casefold())


def _lower(error: Exception) -> str:
    message = str(error)
    return message[:1].lower() + message[1:]


TEMPLATE_FILENAME = "dashboard-results-template.xlsx"


def dashboard_template_bytes() -> bytes:
    """The import's sheet with its header and example rows, a list to choose the student group
    from, and the Columns sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    sheet = add_sheet(
        workbook,
        Table(
            DASHBOARD,
            [Heading(column.header, column.width) for column in DASHBOARD_COLUMNS],
            EXAMPLES,
        ),
    )
    groups = DataValidation(
        type="list",
        formula1=f"'{GROUPS_SHEET}'!$A$2:$A${len(StudentGroup) + 1}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=HEADERS["group"],
        error="Choose a Dashboard student group from the list.",
    )
    letter = chr(ord("A") + [c.key for c in DASHBOARD_COLUMNS].index("group"))
    groups.add(f"{letter}2:{letter}{LIST_ROWS}")
    sheet.add_data_validation(groups)
    explain_columns(workbook, DASHBOARD_LAYOUT.sheets)
    lists = workbook.create_sheet(GROUPS_SHEET)
    lists.append(["Student group", "", "Priority", "Name"])
    for index, group in enumerate(StudentGroup):
        priority = list(Priority)[index] if index < len(Priority) else None
        lists.append(
            [group.label, "", *((int(priority.value), priority.label) if priority else ())]
        )
    for letter, width in zip("ABCD", (34, 4, 10, 36), strict=True):
        lists.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
