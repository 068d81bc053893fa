"""The import template: the three sheets an import reads, each with its header and an example
row, lists to choose the component, status and category from, and a sheet that explains
every column."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.reviews.models import Component
from sir_tracker.spreadsheets.columns import (
    ACTIONS,
    CATEGORY_LABELS,
    COLUMNS_SHEET,
    COMPONENT_NUMBERS,
    FINDINGS,
    SHEETS,
    STATUS_LABELS,
    THEMES,
    Column,
)
from sir_tracker.spreadsheets.writing import Heading, Table, add_sheet

TEMPLATE_FILENAME = "sir-import-template.xlsx"
# Rows of a sheet that the lists apply to: far more than any SIR has.
LIST_ROWS = 2_000

EXAMPLES: dict[str, list[str | int]] = {
    ACTIONS: [
        "1.1",
        1,
        "Example (replace this row): adopt a multi-year strategic plan with measurable goals.",
        "Superintendent",
        "Culture, coherence and systemness",
        "2025-06-30",
        "in progress",
        "2024-10-15",
        "Board study session held; draft plan shared with principals.",
        "FCMAT: Pupil Achievement 1.1; LCAP: Goal 1, Action 1",
    ],
    THEMES: ["Culture, coherence and systemness"],
    FINDINGS: [
        1,
        "weakness",
        "Example (replace this row): school plans are not aligned to district priorities.",
    ],
}


def template_bytes(session: Session) -> bytes:
    components = list(session.scalars(select(Component).order_by(Component.number)))
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, columns in SHEETS.items():
        sheet = add_sheet(
            workbook,
            Table(
                name,
                [Heading(column.header, column.width) for column in columns],
                [EXAMPLES[name]],
            ),
        )
        _add_lists(sheet, columns)
    _explain(workbook, components)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _add_lists(sheet: Worksheet, columns: tuple[Column, ...]) -> None:
    lists = {
        "component": ",".join(str(number) for number in COMPONENT_NUMBERS),
        "status": ",".join(STATUS_LABELS),
        "category": ",".join(CATEGORY_LABELS),
    }
    for index, column in enumerate(columns):
        choices = lists.get(column.key)
        if choices is None:
            continue
        letter = chr(ord("A") + index)
        validation = DataValidation(
            type="list",
            formula1=f'"{choices}"',
            allow_blank=not column.required,
            showErrorMessage=True,
            errorTitle=column.header,
            error=f"Choose one of: {choices.replace(',', ', ')}.",
        )
        validation.add(f"{letter}2:{letter}{LIST_ROWS}")
        sheet.add_data_validation(validation)


def _explain(workbook: Workbook, components: list[Component]) -> None:
    sheet = explain_columns(workbook, SHEETS)
    sheet.append([])
    sheet.append(["Components", "Number", "", "Title"])
    for component in components:
        sheet.append(["", component.number, "", component.title])
    _wrap(sheet)


def explain_columns(workbook: Workbook, sheets: dict[str, tuple[Column, ...]]) -> Worksheet:
    """The Columns sheet: what to write in each column of each sheet."""
    sheet: Worksheet = workbook.create_sheet(COLUMNS_SHEET)
    sheet.append(["Sheet", "Column", "Required", "What to write"])
    for name, columns in sheets.items():
        for column in columns:
            sheet.append([name, column.header, "yes" if column.required else "no", column.help])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (16, 18, 10, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    _wrap(sheet)
    return sheet


def _wrap(sheet: Worksheet) -> None:
    for row in sheet.iter_rows(min_row=2):
        if len(row) > 3:
            row[3].alignment = Alignment(wrap_text=True, vertical="top")
