"""The spreadsheet import of a large file, measured: a 5,000-action XLSX read, planned (the dry
run) and written into a new SIR on a migrated SQLite database, with the time of each step, the
length of the writing transaction and the peak memory. Not part of ``make test``:

    .venv/bin/python -m tests.benchmarks.bench_import [--rows 5000]

It writes tests/benchmarks/import_results.md (committed)."""

from __future__ import annotations

import argparse
import io
import os
import resource
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import openpyxl

from sir_tracker import migrate
from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.progress.operations import status_counts
from sir_tracker.reviews.models import Sir
from sir_tracker.spreadsheets.operations import import_plan
from sir_tracker.spreadsheets.planning import plan_import
from sir_tracker.spreadsheets.reading import read_upload
from sir_tracker.users.models import Role, User
from tests.support import builders

RESULTS = Path(__file__).with_name("import_results.md")
STATUSES = ("not started", "in progress", "completed")


def workbook(rows: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Actions"
    sheet.append(
        ["Code", "Component", "Action", "Responsible", "Theme", "Target date", "Status",
         "Last change", "Note", "Cross-walk"]
    )  # fmt: skip
    for n in range(rows):
        component = n % 12 + 1
        sheet.append(
            [
                f"{component}.{n // 12 + 1}",
                component,
                f"Action {n}: coach every grade-level team on the new units of study, "
                "and observe each classroom twice a semester.",
                "Director of curriculum",
                "",
                "2027-06-30",
                STATUSES[n % 3],
                "",
                f"Reviewed at the spring meeting ({n}).",
                "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(rows: int) -> dict[str, float | int]:
    content = workbook(rows)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.sqlite"
        migrate.upgrade(url)
        database = Database(url)
        with transaction(database.writers) as session:
            sir = Sir(lea=builders.lea(session), title="Benchmark SIR")
            user = User(email="bench@test.example", name="Bench", role=Role.ADMIN)
            session.add_all([sir, user])
            session.flush()
            sir_id, user_id = sir.id, user.id

        before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started, cpu_started = time.perf_counter(), time.process_time()
        read = read_upload("bench.xlsx", content)
        read_done, cpu_read = time.perf_counter(), time.process_time()
        with database.new_session(write=False) as session:
            plan = plan_import(session, session.get_one(Sir, sir_id), read)
        plan_done, cpu_plan = time.perf_counter(), time.process_time()
        assert not plan.problems, plan.problems[:3]
        with transaction(database.writers) as session:
            write_started = time.perf_counter()
            sir = session.get_one(Sir, sir_id)
            again = plan_import(session, sir, read)
            assert again.fingerprint == plan.fingerprint
            import_plan(session, sir, again, by=session.get_one(User, user_id))
        write_done, cpu_done = time.perf_counter(), time.process_time()
        after_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with database.new_session(write=False) as session:
            total = status_counts(session, session.get_one(Sir, sir_id)).total
        database.engine.dispose()
    assert total == rows
    return {
        "rows": rows,
        "file_kib": len(content) // 1024,
        "read_s": read_done - started,
        "read_cpu_s": cpu_read - cpu_started,
        "dry_run_s": plan_done - read_done,
        "dry_run_cpu_s": cpu_plan - cpu_read,
        "write_transaction_s": write_done - write_started,
        "total_s": write_done - started,
        "total_cpu_s": cpu_done - cpu_started,
        # ru_maxrss only grows: the import's own growth of the process's peak
        "peak_growth_mib": (after_kib - before_kib) / 1024,
        "process_peak_mib": after_kib / 1024,
        "load_average_1min": os.getloadavg()[0],
    }


def write_table(
    path: Path, title: str, intro: str, result: dict[str, float | int], *, places: int = 2
) -> None:
    """The result as a markdown table of measures under ``title`` and ``intro``, written to
    ``path`` and printed."""

    def line(key: str, value: float) -> str:
        shown = f"{value:.{places}f}" if isinstance(value, float) else str(value)
        return f"| {key} | {shown} |"

    lines = [
        f"# {title}",
        "",
        intro,
        "",
        "| measure | value |",
        "| --- | --- |",
        *(line(key, value) for key, value in result.items()),
        "",
    ]
    path.write_text("\n".join(lines))
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5_000)
    write_table(
        RESULTS,
        "Spreadsheet import benchmark",
        f"`python -m tests.benchmarks.bench_import`, {datetime.now(UTC):%Y-%m-%d}, SQLite, "
        "one process on the shared 2-core machine. Wall-clock times (`_s`) depend on what else "
        "the machine runs (see the load average); CPU times (`_cpu_s`) much less.",
        run(parser.parse_args().rows),
    )


if __name__ == "__main__":
    main()
