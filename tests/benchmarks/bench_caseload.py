"""The Dashboard import and the caseload pipeline, measured: a CSV of a few hundred LEAs over
five Dashboard years, every LEA new (so the import creates them), read, planned, written; then
the pipeline computed as of the latest year. The computation is compared with a floor measured
in the same run: reading the same results without computing anything. Not part of
``make test``:

    .venv/bin/python -m tests.benchmarks.bench_caseload [--leas 400]

It writes tests/benchmarks/caseload_results.md (committed)."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sir_tracker import migrate
from sir_tracker.caseload.eligibility import StudentGroup, history
from sir_tracker.caseload.pipeline import Stage, pipeline
from sir_tracker.caseload.queries import dashboard_years, held_results
from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.spreadsheets.dashboard import DASHBOARD_LAYOUT, plan_dashboard_import
from sir_tracker.spreadsheets.operations import import_dashboard_plan
from sir_tracker.spreadsheets.reading import read_upload
from sir_tracker.users.models import Role, User
from tests.benchmarks.bench_import import write_table

RESULTS = Path(__file__).with_name("caseload_results.md")
YEARS = (2021, 2022, 2023, 2024, 2025)
COUNTIES = ("Alameda", "Fresno", "Kern", "Los Angeles", "Sacramento", "San Bernardino")
GROUPS = [group.label for group in StudentGroup]
CEILING_S = 1.0  # "well under a second" for the computation


def csv_content(leas: int) -> bytes:
    """Each LEA's groups missing priorities vary with its number and the year, so that every
    stage of the pipeline has LEAs."""
    lines = ["CDS code,Dashboard year,LEA,County,Student group,Priorities not met"]
    for n in range(leas):
        code = f"{10 + n % 40:02d}{n:05d}"
        for year in YEARS:
            groups = (n + year) % 6  # 0 to 5 groups missing two priorities
            name = f"Benchmark Unified {n}"
            county = COUNTIES[n % len(COUNTIES)]
            if not groups:
                lines.append(f"{code},{year},{name},{county},,")
            for g in range(groups):
                lines.append(f'{code},{year},{name},{county},{GROUPS[(n + g) % 15]},"4; 6; 5"')
    return "\n".join(lines).encode()


def run(leas: int) -> dict[str, float | int]:
    content = csv_content(leas)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.sqlite"
        migrate.upgrade(url)
        database = Database(url)
        with transaction(database.writers) as session:
            session.add_all(CountyOffice(county=c, name=f"{c} County Office") for c in COUNTIES)
            admin = User(email="bench@test.example", name="Bench", role=Role.ADMIN)
            session.add(admin)
            session.flush()
            admin_id = admin.id
        started, wall_started = time.process_time(), time.perf_counter()
        read = read_upload("dashboard.csv", content, DASHBOARD_LAYOUT)
        with transaction(database.writers) as session:
            plan = plan_dashboard_import(session, read)
            assert not plan.problems, plan.problems[:3]
            recorded = import_dashboard_plan(session, plan, by=session.get_one(User, admin_id))
        imported, wall_imported = time.process_time(), time.perf_counter()
        with database.new_session(write=False) as session:
            user = session.get_one(User, admin_id)
            # The floor: the same reads, no eligibility computed.
            floor_started = time.process_time()
            held = held_results(session)
            years = dashboard_years(session)
            leas_read = list(session.scalars(Lea.__table__.select()))
            floor = time.process_time() - floor_started
            rule_started = time.process_time()
            for results in held.values():
                history(results, charter=False, years=years)
            rule = time.process_time() - rule_started
            pipeline_started, wall = time.process_time(), time.perf_counter()
            found = pipeline(session, user, year=YEARS[-1], today=date(2026, 12, 2))
            computed = time.process_time() - pipeline_started
            wall = time.perf_counter() - wall
        database.engine.dispose()
    assert recorded == leas * len(YEARS) and len(leas_read) == leas
    assert found.count(Stage.INTAKE) > 0
    assert computed < CEILING_S, f"the pipeline took {computed:.2f} s"
    return {
        "leas": leas,
        "dashboard_years": len(YEARS),
        "file_rows": len(read.sheets["Dashboard results"].rows),
        "import_cpu_s (read, dry run, write; creates every LEA)": imported - started,
        "import_wall_s": wall_imported - wall_started,
        "floor_cpu_s (reading the results, nothing computed)": floor,
        "eligibility_rule_cpu_s (every LEA, every year)": rule,
        "pipeline_cpu_s (reads and rule, as of 2025)": computed,
        "pipeline_wall_s": wall,
        "pipeline_over_floor": computed / floor if floor else 0.0,
        "intake": found.count(Stage.INTAKE),
        "load_average_1min": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leas", type=int, default=400)
    write_table(
        RESULTS,
        "Dashboard import and caseload pipeline benchmark",
        f"`python -m tests.benchmarks.bench_caseload`, {datetime.now(UTC):%Y-%m-%d}, SQLite, "
        "one process on the shared 2-core machine. CPU times (`_cpu_s`, what this process "
        "used) are the measure; wall-clock times (`_wall_s`) depend on what else the machine "
        f"runs (see the load average). The pipeline must take under {CEILING_S:.0f} s of CPU.",
        run(parser.parse_args().leas),
        places=3,
    )


if __name__ == "__main__":
    main()
