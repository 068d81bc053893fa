"""Reading an uploaded XLSX or CSV file into rows of raw cell values, refusing a file that
cannot be read safely or faithfully, and turning cells into values with problems in words.

Nothing here touches the database: a file is read and checked before any transaction opens.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.datetime import from_excel
from openpyxl.xml import DEFUSEDXML

from sir_tracker.core.errors import DomainError
from sir_tracker.spreadsheets.columns import (
    ABOUT_SHEET,
    ACTION_LAYOUT,
    COLUMNS_SHEET,
    Column,
    Layout,
)

# Without defusedxml, openpyxl would expand XML entities (the "billion laughs" bomb).
if not DEFUSEDXML:  # pragma: no cover - a dependency of the package
    raise ImportError("defusedxml must be installed: openpyxl parses uploads through it")

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000  # data rows of all sheets together
MAX_NAME = 120  # characters of a file's name kept (it is quoted in notes and the audit log)
# An XLSX is a ZIP archive: these bound what unpacking it may cost (a "zip bomb" is a small
# file that unpacks into gigabytes).
MAX_ARCHIVE_MEMBERS = 1_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
SUFFIXES = (".xlsx", ".csv")
# Spreadsheets run a cell starting with one of these as a formula; exports put an apostrophe
# before them, which a re-import takes off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Value = str | int | float | bool | datetime | date | None


class FileRefused(DomainError):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class Problem:
    """Something wrong in one place of the file: "Actions, row 37, status: ..."."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(self.column.lower())
        return f"{', '.join(where)}: {self.message}"


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet program numbers it
    cells: dict[str, Value]  # by column key; a column the sheet lacks is absent


@dataclass
class Sheet:
    name: str  # the canonical name: "Actions"
    rows: list[Row] = field(default_factory=list)
    columns: tuple[Column, ...] = ()  # those the sheet has


@dataclass
class ReadFile:
    filename: str
    sheets: dict[str, Sheet]
    problems: list[Problem]
    notices: list[str]


def read_upload(filename: str, content: bytes, layout: Layout = ACTION_LAYOUT) -> ReadFile:
    """The sheets of ``layout`` in an uploaded file, with the problems found in their cells
    (formulas, say); ``FileRefused`` for a file that cannot be read at all."""
    name = PurePath(filename.replace("\\", "/")).name[-MAX_NAME:] or "the file"
    suffix = PurePath(name).suffix.lower()
    if len(content) > MAX_FILE_BYTES:
        raise FileRefused(
            f"{name} is larger than {_megabytes(MAX_FILE_BYTES)}, the largest file that can be "
            "imported. Split it, or import the actions of a few components at a time."
        )
    if suffix not in SUFFIXES:
        raise FileRefused(
            f"{name} is not an XLSX or CSV file. Save it from your spreadsheet program as "
            "“Excel workbook (.xlsx)” or “CSV”, and import that."
        )
    if not content.strip():
        raise FileRefused(f"{name} is empty.")
    is_zip = content.startswith(b"PK\x03\x04")
    if suffix == ".xlsx":
        if not is_zip:
            raise FileRefused(
                f"{name} is not an XLSX workbook, although its name ends in .xlsx (an XLSX "
                "file is a ZIP archive; this one is not). Open it in your spreadsheet program "
                "and save it as “Excel workbook (.xlsx)”."
            )
        return _read_xlsx(name, content, layout)
    if is_zip or b"\x00" in content[:4096]:
        raise FileRefused(
            f"{name} is not a CSV text file, although its name ends in .csv (it looks like a "
            "workbook). Import the workbook itself as .xlsx, or save it as CSV."
        )
    return _read_csv(name, content, layout)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


# --- XLSX -------------------------------------------------------------------------------------


def _read_xlsx(name: str, content: bytes, layout: Layout) -> ReadFile:
    merged = _check_archive(name, content)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken or hostile file
        raise FileRefused(_unreadable(name, error)) from None
    problems: list[Problem] = []
    notices: list[str] = []
    sheets: dict[str, Sheet] = {}
    total_rows = 0
    try:
        for worksheet in workbook.worksheets:
            if worksheet.sheet_state != "visible":
                raise FileRefused(
                    f"{name} has a hidden sheet, “{worksheet.title}”: its rows would be "
                    "imported unseen. Unhide it (or delete it) and import the file again."
                )
            canonical = _canonical_sheet(worksheet.title, layout)
            if canonical is None and len(workbook.worksheets) == 1:
                # A CSV saved as a workbook: its one sheet is named after the file.
                canonical = layout.main
                notices.append(
                    f"The one sheet, “{worksheet.title}”, is read as the {layout.main} sheet."
                )
            if canonical is None:
                if worksheet.title.strip().casefold() not in _EXPLAINING:
                    notices.append(f"The sheet “{worksheet.title}” is not read.")
                continue
            if canonical in sheets:
                raise FileRefused(f"{name} has two sheets named “{canonical}”.")
            if getattr(worksheet, "_worksheet_path", None) in merged:
                raise FileRefused(
                    f"The sheet “{worksheet.title}” of {name} has merged cells: each value "
                    "must sit in its own cell. Unmerge them (and fill in every row) and "
                    "import the file again."
                )
            rows = _cells_of(worksheet.iter_rows())
            sheet = _sheet_from(canonical, layout.sheets[canonical], rows, problems, notices)
            total_rows += len(sheet.rows)
            if total_rows > MAX_ROWS:
                raise FileRefused(_too_many_rows(name))
            sheets[canonical] = sheet
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(_unreadable(name, error)) from None
    finally:
        workbook.close()
    return ReadFile(name, sheets, problems, notices)


def _check_archive(name: str, content: bytes) -> set[str]:
    """Refuse a ZIP that would unpack into too much; return the worksheets with merged cells
    (read-only mode streams cells and never reads the merge list)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileRefused(
            f"{name} is damaged: it cannot be opened as an XLSX workbook. Open it in your "
            "spreadsheet program and save it again."
        ) from None
    unpacked = sum(member.file_size for member in members)
    ratios = (member.file_size / max(member.compress_size, 1) for member in members)
    if (
        len(members) > MAX_ARCHIVE_MEMBERS
        or unpacked > MAX_UNPACKED_BYTES
        or any(ratio > MAX_COMPRESSION_RATIO for ratio in ratios)
    ):
        raise FileRefused(
            f"{name} unpacks into far more data than a spreadsheet of actions holds (it may be "
            "a “zip bomb”); it was not opened."
        )
    merged = set()
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(member) as stream:
            # A DOCTYPE can only come before the root element; no spreadsheet program writes
            # one. (Where lxml parses, openpyxl would not expand the entities, but say so.)
            prolog = stream.read(PROLOG_BYTES)
            if b"<!DOCTYPE" in prolog.upper():
                raise FileRefused(_ENTITIES.format(name=name))
            if member.filename.startswith("xl/worksheets/") and _mentions(
                stream, b"mergeCell ", prolog
            ):
                merged.add(member.filename)
    return merged


def _mentions(stream: Any, needle: bytes, start: bytes) -> bool:
    """Whether ``needle`` is in ``start`` and the rest of ``stream``, read a chunk at a time."""
    if needle in start:
        return True
    tail = start[-len(needle) :]
    while chunk := stream.read(1 << 20):
        if needle in tail + chunk:
            return True
        tail = chunk[-len(needle) :]
    return False


_ENTITIES = (
    "{name} contains XML entity declarations, which no spreadsheet program writes (they are "
    "how “XML bombs” work); it was not read."
)
PROLOG_BYTES = 4096


def _unreadable(name: str, error: BaseException) -> str:
    kind = type(error).__name__
    causes: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and len(causes) < 10:  # openpyxl wraps the parser's error
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(cause, DefusedXmlException) for cause in causes):
        return _ENTITIES.format(name=name)
    return (
        f"{name} cannot be read as an XLSX workbook ({kind}). Open it in your spreadsheet "
        "program and save it again as “Excel workbook (.xlsx)”."
    )


def _cells_of(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, list[tuple[Value, str]]]]:
    """(row number, [(value, data type)]) of each row, empty rows included."""
    for number, row in enumerate(rows, start=1):
        yield number, [(cell.value, getattr(cell, "data_type", "n")) for cell in row]


# --- CSV --------------------------------------------------------------------------------------


def _read_csv(name: str, content: bytes, layout: Layout) -> ReadFile:
    text = _decode(name, content)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileRefused(f"{name} is not a CSV file that can be read: {error}.") from None
    if len(records) > MAX_ROWS + 1:
        raise FileRefused(_too_many_rows(name))
    rows = (
        (number, [(value, "s") for value in record]) for number, record in enumerate(records, 1)
    )
    problems: list[Problem] = []
    notices: list[str] = []
    sheet = _sheet_from(layout.main, layout.sheets[layout.main], rows, problems, notices)
    return ReadFile(name, {layout.main: sheet}, problems, notices)


def _decode(name: str, content: bytes) -> str:
    """UTF-8 (with or without the BOM that Excel writes), else Windows-1252 (Excel's "CSV"
    on Windows in the US)."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise FileRefused(
            f"{name} is not text in UTF-8 or Windows-1252. Save it from your spreadsheet "
            "program as “CSV UTF-8”."
        ) from None


# --- Both: header, rows and cells -------------------------------------------------------------

_EXPLAINING = {COLUMNS_SHEET.casefold(), ABOUT_SHEET.casefold()}


def _canonical_sheet(title: str, layout: Layout) -> str | None:
    wanted = title.strip().casefold()
    return next((sheet for sheet in layout.sheets if sheet.casefold() == wanted), None)


def _sheet_from(
    name: str,
    columns: tuple[Column, ...],
    rows: Iterator[tuple[int, Sequence[tuple[Value, str]]]],
    problems: list[Problem],
    notices: list[str],
) -> Sheet:
    """The rows under the sheet's header row (its first row with anything in it), each cell
    under its column; a formula is a problem, never a value."""
    known = {column.header.casefold(): column for column in columns}
    sheet = Sheet(name)
    positions: dict[int, Column] | None = None
    for number, cells in rows:
        if positions is None:
            if not any(_blank(value) is False for value, _ in cells):
                continue
            positions = _header(name, number, cells, known, problems, notices)
            sheet.columns = tuple(positions.values())
            continue
        values: dict[str, Value] = {}
        for index, (value, kind) in enumerate(cells):
            column = positions.get(index)
            if column is None or _blank(value):
                continue
            if kind == "f":
                problems.append(
                    Problem(
                        name,
                        number,
                        column.header,
                        f"a formula ({value}): type the value itself; formulas are not imported.",
                    )
                )
                continue
            values[column.key] = value
        if values:
            sheet.rows.append(Row(number, values))
    if positions is None:
        problems.append(Problem(name, None, None, "the sheet is empty: it needs a header row."))
    return sheet


def _header(
    name: str,
    number: int,
    cells: Sequence[tuple[Value, str]],
    known: dict[str, Column],
    problems: list[Problem],
    notices: list[str],
) -> dict[int, Column]:
    positions: dict[int, Column] = {}
    for index, (value, _kind) in enumerate(cells):
        if _blank(value):
            continue
        header = str(value).strip()
        column = known.get(header.casefold())
        if column is None:
            notices.append(f"{name}: the column “{header}” is not read.")
        elif column in positions.values():
            problems.append(Problem(name, number, header, "this column appears twice."))
        else:
            positions[index] = column
    for column in known.values():
        if column.required and column not in positions.values():
            problems.append(
                Problem(name, number, None, f"the header row has no column “{column.header}”.")
            )
    return positions


def _blank(value: Value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _too_many_rows(name: str) -> str:
    return f"{name} has more than {MAX_ROWS:,} rows; import it in parts."


# --- Cell values, each checked where it is used ----------------------------------------------


def text_of(value: Value) -> str:
    """A cell as text: numbers as a person typed them (3.4, not 3.4000000000000004), an
    exported neutralised formula start ("'=...") as the text it was."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


_MONTHS = {
    month: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for month in names
}
# Day numbers that an Excel date serial can mean here: 1950 to 2149.
_SERIALS = range(18_264, 91_311)
DATE_FORMS = "a date cell, or a date written 2024-06-30, 6/30/2024 or 30 June 2024"


class NotADate(ValueError):
    pass


def date_of(value: Value) -> date | None:
    """A date cell, an Excel serial number (a date cell that lost its format), or a date
    written as text; ``NotADate`` otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise NotADate(f"{text_of(value)!r} is not a date; write {DATE_FORMS}.")
    if isinstance(value, int | float):
        return _serial(value)
    text = text_of(value)
    try:
        return _parse_text_date(text)
    except ValueError:
        raise NotADate(f"{text!r} is not a date; write {DATE_FORMS}.") from None


def _serial(value: float) -> date:
    if int(value) not in _SERIALS:
        raise NotADate(f"{text_of(value)} is not a date; write {DATE_FORMS}.")
    converted = from_excel(value)
    assert isinstance(converted, datetime)
    return converted.date()


def _parse_text_date(text: str) -> date:
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _serial(float(text))
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    us = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if us:
        return date(int(us[3]), int(us[1]), int(us[2]))
    words = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+)\.? (\d{4})", text)
    if words and words[2].lower() in _MONTHS:
        return date(int(words[3]), _MONTHS[words[2].lower()], int(words[1]))
    words = re.fullmatch(r"([A-Za-z]+)\.? (\d{1,2}),? (\d{4})", text)
    if words and words[1].lower() in _MONTHS:
        return date(int(words[3]), _MONTHS[words[1].lower()], int(words[2]))
    raise ValueError(text)
