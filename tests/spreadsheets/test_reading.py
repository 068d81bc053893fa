"""Reading uploads: what a spreadsheet program writes is read as a person sees it; a file that
cannot be read faithfully or safely is refused with a sentence saying why."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import openpyxl
import pytest

from sir_tracker.spreadsheets.reading import (
    MAX_FILE_BYTES,
    FileRefused,
    NotADate,
    date_of,
    read_upload,
    text_of,
)
from tests.spreadsheets.files import ACTION_HEADER, action_rows, csv_text, save, xlsx


def refusal(filename: str, content: bytes) -> str:
    with pytest.raises(FileRefused) as refused:
        read_upload(filename, content)
    return refused.value.message


def test_a_clean_workbook_is_read_row_by_row_under_its_headers() -> None:
    read = read_upload("actions.xlsx", xlsx(action_rows(3), themes=["Coherence"]))

    assert read.problems == [] and read.notices == []
    rows = read.sheets["Actions"].rows
    assert [row.number for row in rows] == [2, 3, 4]
    assert rows[0].cells["code"] == "3.1"
    assert rows[0].cells["component"] == 3
    assert rows[0].cells["status"] == "completed"
    assert "last_change" not in rows[0].cells  # an empty cell is no value
    assert [row.cells["title"] for row in read.sheets["Themes"].rows] == ["Coherence"]


def test_headers_are_matched_in_any_case_and_unknown_columns_are_named() -> None:
    header = [h.upper() for h in ACTION_HEADER] + ["Comments"]
    read = read_upload("actions.xlsx", xlsx(action_rows(1), header=header))

    assert read.sheets["Actions"].rows[0].cells["code"] == "3.1"
    assert read.notices == ["Actions: the column “Comments” is not read."]


def test_a_missing_required_column_is_a_problem_of_the_header_row() -> None:
    header = [h for h in ACTION_HEADER if h != "Component"]
    read = read_upload("actions.xlsx", xlsx([["3.1", "Coach"]], header=header))

    assert [str(p) for p in read.problems] == [
        "Actions, row 1: the header row has no column “Component”."
    ]


def test_a_formula_is_refused_in_its_cell_never_read_as_its_text() -> None:
    rows = action_rows(2)
    rows[1][5] = "=DATE(2026,6,30)"
    read = read_upload("actions.xlsx", xlsx(rows))

    assert [str(p) for p in read.problems] == [
        "Actions, row 3, target date: a formula (=DATE(2026,6,30)): type the value itself; "
        "formulas are not imported."
    ]
    assert "target_date" not in read.sheets["Actions"].rows[1].cells


def test_merged_cells_are_refused() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Actions"
    sheet.append(ACTION_HEADER)
    for row in action_rows(3):
        sheet.append(row)
    sheet.merge_cells("B2:B4")

    message = refusal("actions.xlsx", save(book))
    assert message.startswith("The sheet “Actions” of actions.xlsx has merged cells")


def test_a_hidden_sheet_is_refused() -> None:
    book = openpyxl.Workbook()
    hidden = book.create_sheet("Findings")
    hidden.sheet_state = "hidden"
    message = refusal("actions.xlsx", xlsx(action_rows(1), workbook=book))
    assert message.startswith("actions.xlsx has a hidden sheet, “Findings”")


@pytest.mark.parametrize(
    ("filename", "content", "start"),
    [
        ("actions.xls", b"\xd0\xcf\x11\xe0 old Excel", "actions.xls is not an XLSX or CSV file"),
        ("actions.ods", b"PK\x03\x04...", "actions.ods is not an XLSX or CSV file"),
        ("actions.xlsx", b"Code,Component\n1.1,1\n", "actions.xlsx is not an XLSX workbook"),
        ("actions.csv", xlsx(action_rows(1)), "actions.csv is not a CSV text file"),
        ("actions.xlsx", b"PK\x03\x04 not really a zip", "actions.xlsx is damaged"),
        ("actions.csv", b"   \n", "actions.csv is empty."),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(
    filename: str, content: bytes, start: str
) -> None:
    assert refusal(filename, content).startswith(start)


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert "cannot be read as an XLSX workbook" in refusal("actions.xlsx", out.getvalue())


def test_an_oversize_file_is_refused_before_it_is_opened() -> None:
    message = refusal("actions.xlsx", b"PK\x03\x04" + b"\0" * MAX_FILE_BYTES)
    assert message.startswith("actions.xlsx is larger than 5.0 MB")


def test_a_zip_bomb_is_refused_unopened() -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx(action_rows(1)))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for member in source.infolist():
            bomb.writestr(member, source.read(member))
        bomb.writestr("xl/media/padding.bin", b"\0" * (50 * 1024 * 1024))
    content = out.getvalue()
    assert len(content) < MAX_FILE_BYTES

    assert "zip bomb" in refusal("actions.xlsx", content)


LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def with_entities(xml: bytes) -> bytes:
    """The member with entity declarations before its root ("billion laughs")."""
    declaration_end = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    return xml[:declaration_end] + LAUGHS + xml[declaration_end:]


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_an_xml_bomb_is_refused(member: str) -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx(action_rows(1)))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            content = source.read(info)
            bomb.writestr(info, with_entities(content) if info.filename == member else content)

    assert "XML entity declarations" in refusal("actions.xlsx", out.getvalue())


def test_csv_in_utf8_with_a_bom_is_read() -> None:
    content = "\ufeff" + csv_text([["3.1", "3", "Réviser le plan", "", "", "", "", "", "", ""]])
    read = read_upload("actions.csv", content.encode("utf-8"))

    assert read.problems == []
    cells = read.sheets["Actions"].rows[0].cells
    assert cells["code"] == "3.1"  # the BOM is not part of the first header
    assert cells["text"] == "Réviser le plan"


def test_csv_in_windows_1252_is_read() -> None:
    text = "The district\u2019s plan \u2014 revis\u00e9"  # bytes 0x92, 0x97, 0xe9 in cp1252
    row = ["3.1", "3", text, "", "", "", "", "", "", ""]
    read = read_upload("actions.csv", csv_text([row]).encode("cp1252"))

    assert read.sheets["Actions"].rows[0].cells["text"] == text


def test_csv_with_semicolons_is_read() -> None:
    row = ["3.1", "3", "Coach teams, then principals", "", "", "30/06/2026", "", "", "", ""]
    read = read_upload("actions.csv", csv_text([row], delimiter=";").encode())

    cells = read.sheets["Actions"].rows[0].cells
    assert cells["text"] == "Coach teams, then principals"
    assert cells["target_date"] == "30/06/2026"


def test_a_csv_of_too_many_rows_is_refused() -> None:
    rows = [["3.1", "3", "x", "", "", "", "", "", "", ""]] * 10_001
    assert "more than 10,000 rows" in refusal("actions.csv", csv_text(rows).encode())


EXCEL_EPOCH = date(1899, 12, 30)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-06-30", date(2026, 6, 30)),
        ("6/30/2026", date(2026, 6, 30)),
        ("30 June 2026", date(2026, 6, 30)),
        ("June 30, 2026", date(2026, 6, 30)),
        ("30 Jun 2026", date(2026, 6, 30)),
        ((date(2026, 6, 30) - EXCEL_EPOCH).days, date(2026, 6, 30)),  # a serial number
        (float((date(2026, 6, 30) - EXCEL_EPOCH).days), date(2026, 6, 30)),
        (str((date(2026, 6, 30) - EXCEL_EPOCH).days), date(2026, 6, 30)),  # a serial as text
        ("", None),
    ],
)
def test_dates_are_read_from_text_and_from_excel_serials(value: object, expected: date) -> None:
    assert date_of(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["31/31/2026", "next June", "2026-13-01", 12, True])
def test_a_value_that_is_not_a_date_says_how_to_write_one(value: object) -> None:
    with pytest.raises(NotADate) as refused:
        date_of(value)  # type: ignore[arg-type]
    assert "is not a date; write a date cell, or a date written 2024-06-30" in str(refused.value)


def test_date_cells_of_a_workbook_are_dates() -> None:
    rows = action_rows(1)
    rows[0][5] = date(2026, 6, 30)
    read = read_upload("actions.xlsx", xlsx(rows))
    assert date_of(read.sheets["Actions"].rows[0].cells["target_date"]) == date(2026, 6, 30)
    assert date_of(date(2026, 6, 30) - timedelta(days=1)) == date(2026, 6, 29)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3.4, "3.4"),
        (3.0, "3"),
        (7, "7"),
        ("'=1+2", "=1+2"),
        ("'-3 pupils", "-3 pupils"),
        ("'quoted'", "'quoted'"),
        ("  text ", "text"),
    ],
)
def test_cells_as_text(value: object, expected: str) -> None:
    assert text_of(value) == expected  # type: ignore[arg-type]
