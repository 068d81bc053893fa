"""The dashboard at statewide scale, measured in-process: the benchmark database (the demo plus
N generated LEAs, ``dataset.py``) migrated to the kept figures (the backfill timed), then
requests through the app's test client (real routing, sign-in, SQL and templates, no network):

- the dashboard now, from the kept figures: the first page, a page sorted by flags, a search;
- the dashboard as of a past day, whose figures are computed from every LEA's history;
- a floor in the same run: a bare route reading 50 LEAs in one query and rendering them in a
  plain 50-row table, what no dashboard can beat;
- what a write adds: the figures of one LEA computed again and kept (``keep_figures``).

Not part of ``make test``::

    .venv/bin/python -m tests.benchmarks.bench_dashboard [--leas 1000] [--runs 15]

It writes tests/benchmarks/dashboard_results.md (committed). The machine is shared: the load
average before and after is in the file, and figures taken under load are slower."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from flask import render_template_string
from sqlalchemy import func, select

from sir_tracker import migrate
from sir_tracker.app import create_app
from sir_tracker.core import db
from sir_tracker.core.database import transaction
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.figures import keep_figures
from sir_tracker.users.models import Role
from tests.benchmarks.dataset import AS_OF, Dataset, dataset, generated_ids, working_copy
from tests.support.auth import make_user, sign_in

RESULTS = Path(__file__).with_name("dashboard_results.md")
FLOOR_PAGE = """<!doctype html><table>{% for lea in leas %}<tr><th>{{ lea.name }}</th>
<td>{{ lea.cds_code }}</td><td>{{ lea.kind.label }}</td></tr>{% endfor %}</table>"""


FIGURES_MIGRATION = "0012_lea_figures"
FIGURES_MIGRATION_PARENT = "0011_dashboard_results"


def _floor() -> str:
    leas = db.session().scalars(select(Lea).order_by(Lea.name).limit(50)).all()
    return render_template_string(FLOOR_PAGE, leas=leas)


def _times(run: Callable[[], object], runs: int) -> list[float]:
    run()  # warm: templates compiled, connections open
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def _line(name: str, times: list[float], floor: float) -> str:
    median = statistics.median(times)
    worst = max(times)
    return f"| {name} | {median * 1000:.1f} | {worst * 1000:.1f} | {median / floor:.1f}x |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--leas", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--database", type=Path, help="a benchmark database already built (copied, not changed)"
    )
    options = parser.parse_args()
    load_before = os.getloadavg()[0]
    pristine = (
        Dataset(options.database, generated_ids(options.database))
        if options.database
        else dataset(options.leas)
    )
    data = working_copy(pristine, "dashboard")

    # The dataset is built at the head: the kept figures' migration is undone and done again,
    # so that its backfill of every LEA is measured (what upgrading a live database costs).
    migrate.downgrade(data.url(), FIGURES_MIGRATION_PARENT)
    start = time.perf_counter()
    migrate.upgrade(data.url())
    backfill = time.perf_counter() - start

    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": data.url()})
    app.add_url_rule("/floor", "floor", _floor)
    database = db.Database(data.url())
    with transaction(database.writers) as session:
        viewer = make_user(session, Role.VIEWER)
        lea_id = session.scalars(select(Lea.id).order_by(Lea.id.desc()).limit(1)).one()
    client = app.test_client()
    sign_in(client, viewer)

    def get(path: str) -> Callable[[], object]:
        def request() -> object:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response

        return request

    def write() -> None:
        with transaction(database.writers) as session:
            keep_figures(session, [lea_id])

    floor = _times(get("/floor"), options.runs)
    measured = {
        "Dashboard, first page": _times(get("/"), options.runs),
        "Dashboard, sorted by flags, page 3": _times(
            get("/?sort=flags&direction=descending&page=3"), options.runs
        ),
        "Dashboard, searched (“unified”)": _times(get("/?q=unified"), options.runs),
        f"Dashboard as of {AS_OF} (from history)": _times(
            get(f"/?as_of={AS_OF.isoformat()}"), max(3, options.runs // 5)
        ),
        "One LEA's figures computed and kept (a write's share)": _times(write, options.runs),
    }
    floor_median = statistics.median(floor)
    with app.app_context():
        leas = db.session().scalar(select(func.count()).select_from(Lea))
    lines = [
        "# The dashboard at statewide scale",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with "
        f"`.venv/bin/python -m tests.benchmarks.bench_dashboard {' '.join(sys.argv[1:])} "
        f"`: the demo plus {len(data.generated_lea_ids)} generated LEAs "
        f"({leas} in all), "
        "SQLite, in-process through the test client. Load average "
        f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores, shared: figures "
        "taken under load are slower than on a quiet machine).",
        "",
        f"Backfill of the kept figures (the upgrade to `{FIGURES_MIGRATION}`, every LEA): "
        f"{backfill:.1f} s.",
        "",
        "| request | median ms | slowest ms | median / floor |",
        "|---|---|---|---|",
        _line("Floor: 50 LEAs in one query, a bare 50-row table", floor, floor_median),
        *(_line(name, times, floor_median) for name, times in measured.items()),
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))
    database.engine.dispose()


if __name__ == "__main__":
    main()
