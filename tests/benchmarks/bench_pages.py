"""The SIR page and the LEA page served in-process, against a floor: requests per second through
Flask's test client (no network, no server), signed in as the LEA's CCEE lead (who sees every
editing control), on the demo's Inglewood Unified School District (66 actions, 12 components).

The floor is a bare Flask app in the same process, serving the same way a page that renders a
66-row table of the same actions (code, text, theme, responsible, target date, status) from a
Jinja template, rows given as plain values. Rounds alternate floor, SIR page and LEA page; each
ratio is a page's rate over the floor's in the same round, and the median ratio is reported.
Rates are per second of the process's CPU time, which other processes on the shared machine
disturb much less than wall-clock time. Not part of ``make test``:

    .venv/bin/python -m tests.benchmarks.bench_pages [--seconds 2] [--rounds 5] [--label after]
    .venv/bin/python -m tests.benchmarks.bench_pages --profile sir   # cProfile of 200 requests

It writes tests/benchmarks/pages_results.md (committed) from the runs kept, by label, in
tests/benchmarks/pages_results.json, so that the figures before and after a change sit side by
side.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from flask.testing import FlaskClient
from jinja2 import DictLoader
from sqlalchemy import event

from sir_tracker import migrate
from sir_tracker.app import create_app
from sir_tracker.auth.sessions import start_session
from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.core.formatting import long_date
from sir_tracker.demo.loader import load_demo
from sir_tracker.leas.queries import find_lea
from sir_tracker.reviews.models import Action
from sir_tracker.reviews.queries import current_sir
from sir_tracker.web.current import TOKEN_KEY

RESULTS = Path(__file__).with_name("pages_results.md")
RUNS = Path(__file__).with_name("pages_results.json")
IUSD = "Inglewood Unified School District"
GOAL = 0.5  # SIR page / floor, the goal

FLOOR_TEMPLATE = """<!doctype html>
<html lang="en"><head><title>{{ title }}</title></head><body><main>
<h1>{{ title }}</h1>
<table>
  <thead><tr><th>Code</th><th>Action</th><th>Theme</th><th>Responsible</th><th>Target date</th>
  <th>Status</th></tr></thead>
  <tbody>
  {% for row in rows %}
    <tr><th><a href="/actions/{{ row.id }}">{{ row.code }}</a></th><td>{{ row.text }}</td>
    <td>{{ row.theme }}</td><td>{{ row.responsible }}</td><td>{{ row.target_date }}</td>
    <td>{{ row.status }}</td></tr>
  {% endfor %}
  </tbody>
</table>
</main></body></html>"""


class Pages:
    """The app on a fresh demo database, a signed-in client, the pages' paths, the floor."""

    def __init__(self, folder: Path) -> None:
        url = f"sqlite:///{folder / 'pages.sqlite'}"
        migrate.upgrade(url)
        database = Database(url)
        with transaction(database.writers) as session:
            load_demo(session)
            lea = find_lea(session, IUSD)
            assert lea is not None
            sir = current_sir(lea)
            assert sir is not None
            # IUSD's own CCEE lead, who sees every editing control (an inline status form a row).
            engagement = lea.current_engagement
            assert engagement is not None and engagement.ccee_lead is not None
            token = start_session(session, engagement.ccee_lead)
            # The account page: what any signed-in page costs (sign-in check, layout) at least.
            self.paths = {"sir": f"/sirs/{sir.id}", "lea": f"/leas/{lea.id}", "account": "/account"}
            themes = {t.id: t.title for t in sir.themes}
            rows = [
                {
                    "id": a.id,
                    "code": a.code,
                    "text": a.text,
                    "theme": themes.get(a.theme_id or 0, "None"),
                    "responsible": a.responsible,
                    "target_date": long_date(a.target_date),
                    "status": a.status.label,
                }
                for a in session.query(Action).filter_by(sir_id=sir.id, archived_at=None)
            ]
        database.engine.dispose()
        self.app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url})
        self.client = self.app.test_client()
        with self.client.session_transaction() as cookie:
            cookie[TOKEN_KEY] = token
        self.floor = _floor_app(rows)
        self.floor_client = self.floor.test_client()
        self.rows = len(rows)

    def get(self, name: str) -> Callable[[], bytes]:
        if name == "floor":
            return lambda: _ok(self.floor_client, "/")
        path = self.paths[name]
        return lambda: _ok(self.client, path)

    def shape(self, name: str) -> dict[str, int]:
        """HTML bytes, url_for calls and SQL statements of one request of the page."""
        app = self.floor if name == "floor" else self.app
        calls = {"url_for": 0, "sql": 0}
        build = app.url_for

        def counted(*args: Any, **kwargs: Any) -> str:
            calls["url_for"] += 1
            return build(*args, **kwargs)

        def statement(*_args: Any) -> None:
            calls["sql"] += 1

        engine = None if name == "floor" else self.app.extensions["sir_tracker.core.db"].engine
        # Templates call the url_for bound into the Jinja globals when the app was made.
        app.url_for = app.jinja_env.globals["url_for"] = counted  # type: ignore[method-assign]
        if engine is not None:
            event.listen(engine, "before_cursor_execute", statement)
        try:
            size = len(self.get(name)())
        finally:
            app.url_for = app.jinja_env.globals["url_for"] = build  # type: ignore[method-assign]
            if engine is not None:
                event.remove(engine, "before_cursor_execute", statement)
        return {"bytes": size, **calls, "python_calls": python_calls(self.get(name))}


def python_calls(request: Callable[[], bytes], requests: int = 5) -> int:
    """Python function calls a request makes (cProfile's count): unlike a rate, the same on a
    busy machine as on a quiet one, so a change of a few percent shows."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        request()
    profiler.disable()
    return round(pstats.Stats(profiler).total_calls / requests)  # type: ignore[attr-defined]


def _floor_app(rows: list[dict[str, Any]]) -> Flask:
    floor = Flask("floor")
    # A template loaded (and compiled) once, as Flask's templates are: render_template_string
    # would compile it on every request.
    floor.jinja_loader = DictLoader({"table.html": FLOOR_TEMPLATE})

    @floor.get("/")
    def table() -> str:
        return render_template("table.html", title="Recommended actions", rows=rows)

    return floor


def _ok(client: FlaskClient, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.data


def rate(request: Callable[[], bytes], seconds: float) -> float:
    """Requests per second of this process's CPU time, over about ``seconds`` of it.

    CPU time, not wall-clock time: on the shared machine another process's work would count
    as ours; a request served in-process is all CPU (SQLite's file is in the page cache)."""
    done, start = 0, time.process_time()
    while (elapsed := time.process_time() - start) < seconds:
        request()
        done += 1
    return done / elapsed


def measure(pages: Pages, seconds: float, rounds: int) -> dict[str, Any]:
    names = ("floor", "account", "sir", "lea")
    for name in names:
        for _ in range(20):  # templates compiled, caches warm
            pages.get(name)()
    rates: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(rounds):
        for name in names:
            rates[name].append(rate(pages.get(name), seconds))
    ratios = {
        name: statistics.median(
            page / floor for page, floor in zip(rates[name], rates["floor"], strict=True)
        )
        for name in names[1:]
    }
    return {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": os.getloadavg()[0],
        "rows": pages.rows,
        "rates": {name: statistics.median(values) for name, values in rates.items()},
        "ratios": ratios,
        "shape": {name: pages.shape(name) for name in names},
    }


def profile(pages: Pages, name: str, requests: int) -> None:
    request = pages.get(name)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        request()
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def write_results(runs: dict[str, dict[str, Any]]) -> None:
    lines = [
        "# Page benchmark: the SIR and LEA pages against a floor, in-process",
        "",
        "Written by `.venv/bin/python -m tests.benchmarks.bench_pages --label LABEL` (not part",
        "of `make test`); see the module's docstring. Flask's test client, signed in as the",
        "LEA's CCEE lead (every editing control shown), on the demo's Inglewood USD (66",
        "actions). The floor: a bare Flask page rendering a 66-row table of the same actions",
        "from a compiled template, measured in the same rounds. Rates are requests per",
        "second of the process's CPU time (the machine is shared: 2 cores, the load average is",
        "given with each run); ratios are the median of the rounds' page/floor rates.",
        "",
        f"Goal: the SIR page at least {GOAL}x the floor's throughput.",
        "",
        "The account page (a form and the layout) is there for what any signed-in page costs",
        "before it shows anything: the sign-in check's queries and the layout.",
        "",
        "| run | when | load | floor req/s | account req/s (/ floor) | SIR req/s | SIR / floor "
        "| LEA req/s | LEA / floor |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, run in runs.items():
        rates, ratios = run["rates"], run["ratios"]
        account = (
            f"{rates['account']:.0f} ({ratios['account']:.2f}x)" if "account" in rates else "-"
        )
        lines.append(
            f"| {label} | {run['when']} | {run['load']:.1f} | {rates['floor']:.0f} | {account} | "
            f"{rates['sir']:.0f} | {ratios['sir']:.2f}x | {rates['lea']:.0f} | "
            f"{ratios['lea']:.2f}x |"
        )
    lines += [
        "",
        "What one request of each page is: HTML bytes, `url_for` calls, SQL statements, and",
        "Python function calls (cProfile's count, which load does not change):",
        "",
        "| run | page | bytes | url_for | SQL | Python calls |",
        "|---|---|---|---|---|---|",
    ]
    for label, run in runs.items():
        for name in ("floor", "account", "sir", "lea"):
            if name not in run["shape"]:
                continue
            shape = run["shape"][name]
            lines.append(
                f"| {label} | {name} | {shape['bytes']:,} | {shape['url_for']} | {shape['sql']} | "
                f"{shape.get('python_calls', 0):,} |"
            )
    RESULTS.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="per page and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--label", default="latest", help="the name of this run in the results")
    parser.add_argument("--profile", choices=("sir", "lea", "floor"), help="profile, write nothing")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pages = Pages(Path(folder))
        if options.profile:
            profile(pages, options.profile, 200)
            return
        run = measure(pages, options.seconds, options.rounds)
    print(json.dumps(run, indent=2))
    runs = json.loads(RUNS.read_text()) if RUNS.exists() else {}
    runs[options.label] = run
    RUNS.write_text(json.dumps(runs, indent=2) + "\n")
    write_results(runs)


if __name__ == "__main__":
    main()
