"""The sheets and columns of an import file, shared by the reader, the template and the
exports (an exported SIR imports again as it is)."""

from __future__ import annotations

from dataclasses import dataclass

from sir_tracker.reviews.models import ActionStatus, SwotCategory

ACTIONS = "Actions"
THEMES = "Themes"
FINDINGS = "Findings"
# Sheets of the template and of exports that explain, and that an import does not read.
COLUMNS_SHEET = "Columns"
ABOUT_SHEET = "About"

STATUS_LABELS = tuple(status.label for status in ActionStatus)
CATEGORY_LABELS = tuple(category.label for category in SwotCategory)
COMPONENT_NUMBERS = tuple(range(1, 13))
CROSSWALK_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    help: str
    required: bool = False


ACTION_COLUMNS = (
    Column(
        "code",
        "Code",
        10,
        "The action's code, such as 3.4; unique in the SIR. An action "
        "already in the SIR with this code is updated.",
        required=True,
    ),
    Column("component", "Component", 12, "The component's number, 1 to 12.", required=True),
    Column("text", "Action", 60, "What the LEA will do.", required=True),
    Column("responsible", "Responsible", 24, "Who is responsible (optional)."),
    Column(
        "theme", "Theme", 28, "The title of a theme of the SIR or of the Themes sheet (optional)."
    ),
    Column(
        "target_date",
        "Target date",
        14,
        "When the action should be done (optional): a date cell, or written 2024-06-30.",
    ),
    Column(
        "status",
        "Status",
        14,
        "not started, in progress or completed (optional: a new "
        "action starts not started, an action already in the SIR keeps its status).",
    ),
    Column(
        "last_change",
        "Last change",
        14,
        "The day the status took effect (optional; today if empty or unchanged since the export).",
    ),
    Column(
        "note",
        "Note",
        40,
        "Why the status is what it is; kept in the action's history "
        '(optional: "Imported from" and the file\'s name if empty).',
    ),
    Column(
        "crosswalk",
        "Cross-walk",
        36,
        "Items of other plans the action is aligned to, "
        'written PLAN: ITEM and separated by semicolons, such as "FCMAT: Pupil '
        'Achievement 1.1; LCAP: Goal 1, Action 1" (optional; items are added, never '
        "removed).",
    ),
)
THEME_COLUMNS = (
    Column(
        "title",
        "Theme",
        50,
        "The title of a cross-cutting theme; themes are numbered in the order they are added.",
        required=True,
    ),
)
FINDING_COLUMNS = (
    Column("component", "Component", 12, "The component's number, 1 to 12.", required=True),
    Column("category", "Category", 14, "strength, weakness, opportunity or threat.", required=True),
    Column(
        "text",
        "Finding",
        80,
        "What the review found. A finding already in the SIR with "
        "the same component, category and text is left as it is.",
        required=True,
    ),
)

SHEETS: dict[str, tuple[Column, ...]] = {
    ACTIONS: ACTION_COLUMNS,
    THEMES: THEME_COLUMNS,
    FINDINGS: FINDING_COLUMNS,
}


@dataclass(frozen=True)
class Layout:
    """The sheets an import reads, and the one a CSV (or a workbook of one sheet) is."""

    sheets: dict[str, tuple[Column, ...]]
    main: str


ACTION_LAYOUT = Layout(SHEETS, ACTIONS)
