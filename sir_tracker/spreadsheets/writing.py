"""Writing tables as XLSX (a sheet per table: widths, a frozen bold header row, real date
cells) or CSV (UTF-8 with the BOM that Excel needs to read it as UTF-8, ISO dates).

A text cell that a spreadsheet would run as a formula gets an apostrophe in front (the
reader takes it off again), in both formats: a CSV opened in Excel runs formulas too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sir_tracker.spreadsheets.reading import FORMULA_STARTS

Cell = str | int | float | date | None
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Heading:
    title: str
    width: int = 14


@dataclass
class Table:
    """One sheet of a workbook: ``name`` is the sheet's name (31 characters at most)."""

    name: str
    headings: Sequence[Heading]
    rows: Sequence[Sequence[Cell]] = ()


def neutralised(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in tables:
        add_sheet(workbook, table)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def add_sheet(workbook: Workbook, table: Table) -> Worksheet:
    sheet: Worksheet = workbook.create_sheet(table.name[:31])
    sheet.append([heading.title for heading in table.headings])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in table.rows:
        sheet.append([neutralised(_day(value)) for value in row])
    for index, heading in enumerate(table.headings, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = heading.width
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, date | datetime):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str):
                # A cell holding text must stay text: "3.10" is a code, not the number 3.1.
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    return sheet


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading.title for heading in table.headings])
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _day(value: Cell) -> Cell:
    """Dates without a time: a datetime cell would show 00:00:00."""
    return value.date() if isinstance(value, datetime) else value


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return _day(value).isoformat()  # type: ignore[union-attr]
    return str(neutralised(value))
