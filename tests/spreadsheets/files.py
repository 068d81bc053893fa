"""Spreadsheet files for the import tests: built with openpyxl, as CSV text, or written by
LibreOffice (``soffice --headless --convert-to xlsx``), as a person's spreadsheet program
would write them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

ACTION_HEADER = [
    "Code",
    "Component",
    "Action",
    "Responsible",
    "Theme",
    "Target date",
    "Status",
    "Last change",
    "Note",
    "Cross-walk",
]


def action_rows(count: int, *, component: int = 3) -> list[list[Any]]:
    """``count`` clean action rows, codes 3.1, 3.2, ..."""
    return [
        [
            f"{component}.{n}",
            component,
            f"Test action {n}: coach every grade-level team on the new units.",
            "Director of curriculum",
            "",
            "2026-06-30",
            "in progress" if n % 3 == 0 else ("completed" if n % 3 == 1 else "not started"),
            "",
            f"Seen at the review of action {n}." if n % 3 != 2 else "",
            "",
        ]
        for n in range(1, count + 1)
    ]


def xlsx(
    actions: Sequence[Sequence[Any]] | None = None,
    *,
    themes: Sequence[str] = (),
    findings: Sequence[Sequence[Any]] = (),
    header: Sequence[str] = ACTION_HEADER,
    workbook: openpyxl.Workbook | None = None,
    sheet: str = "Actions",
) -> bytes:
    """An XLSX workbook with an Actions sheet (and Themes and Findings sheets if given)."""
    book = workbook or openpyxl.Workbook()
    main = book.active
    assert main is not None
    main.title = sheet
    main.append(list(header))
    for row in actions or []:
        main.append(list(row))
    if themes:
        theme_sheet = book.create_sheet("Themes")
        theme_sheet.append(["Theme"])
        for title in themes:
            theme_sheet.append([title])
    if findings:
        finding_sheet = book.create_sheet("Findings")
        finding_sheet.append(["Component", "Category", "Finding"])
        for row in findings:
            finding_sheet.append(list(row))
    return save(book)


def save(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(
    rows: Sequence[Sequence[Any]], *, delimiter: str = ",", header: Sequence[str] = ACTION_HEADER
) -> str:
    lines = [header, *rows]
    return "\r\n".join(delimiter.join(_quoted(cell, delimiter) for cell in row) for row in lines)


def _quoted(cell: Any, delimiter: str) -> str:
    text = "" if cell is None else str(cell)
    if any(c in text for c in (delimiter, '"', "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.fail(
            "LibreOffice (soffice) is missing: scripts/install-system-packages.sh installs it"
        )
    return found


def libreoffice_xlsx(sources: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    """Each source file (named with its extension: .csv, .xlsx) opened and saved as XLSX by
    LibreOffice, in one run of soffice with a profile of its own (so that it never meets
    another soffice running on the machine)."""
    source_dir, out_dir = folder / "in", folder / "out"
    source_dir.mkdir()
    out_dir.mkdir()
    for name, content in sources.items():
        (source_dir / name).write_bytes(content)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out_dir),
            *(str(source_dir / name) for name in sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {name: (out_dir / (Path(name).stem + ".xlsx")).read_bytes() for name in sources}


def application_of(content: bytes) -> str:
    """The program that wrote an XLSX file, as its docProps/app.xml names it."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        found = re.search(rb"<Application>([^<]*)</Application>", archive.read("docProps/app.xml"))
    return found[1].decode() if found else ""
