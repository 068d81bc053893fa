"""The ``sir-tracker`` console script's start-up, measured: ``--help``, a command's ``--help``,
and ``report lea`` against the ``weasyprint`` command laying out the same document (the IUSD
report as of 2021-06-30, for the board). Each command is a fresh process, as an operator runs
it; the commands alternate, and the median wall-clock time of each is reported.

``--before COMMIT`` measures that commit's code too, in the same rounds (a git worktree put
first on ``PYTHONPATH``), so that before and after share the machine's moment. Not part of
``make test``:

    .venv/bin/python -m tests.benchmarks.bench_cli [--runs 5] [--before COMMIT]

It writes tests/benchmarks/cli_results.md (committed).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sir_tracker import migrate
from sir_tracker.core.database import transaction, utcnow
from sir_tracker.core.db import Database
from sir_tracker.core.paths import resource_dir
from sir_tracker.demo.loader import load_demo
from sir_tracker.leas.queries import find_lea
from sir_tracker.reports.data import lea_report_data
from sir_tracker.reports.models import Audience
from sir_tracker.reports.render import PDF_VARIANT, lea_report_html
from tests.benchmarks.dataset import IUSD, IUSD_AS_OF

PROJECT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).with_name("cli_results.md")
HELP_GOAL = 1.0  # seconds, the goal for `sir-tracker --help`
# The console script's entry point, run from the code on PYTHONPATH (this checkout or another).
SCRIPT = "import sys; from sir_tracker.cli import main; sys.argv[0] = 'sir-tracker'; main()"


def _prepare(folder: Path) -> tuple[str, Path]:
    """A demo database, and the HTML of IUSD's report written to a file."""
    url = f"sqlite:///{folder / 'cli.sqlite'}"
    migrate.upgrade(url)
    database = Database(url)
    with transaction(database.writers) as session:
        load_demo(session)
    with database.new_session(write=False) as session:
        lea = find_lea(session, IUSD)
        assert lea is not None
        data = lea_report_data(session, lea, IUSD_AS_OF, Audience.BOARD, generated_at=utcnow())
        html = folder / "report.html"
        html.write_text(lea_report_html(data))
    database.engine.dispose()
    return url, html


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of the command. Its CPU time (user and system) is what a busy
    shared machine disturbs least: a quiet machine's wall-clock time is close to it."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True, timeout=600)
    return time.perf_counter() - start, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(runs: int, before: Path | None) -> dict[str, list[tuple[float, float]]]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url, html = _prepare(folder)
        env = {**os.environ, "DATABASE_URL": url, "SIR_TRACKER_INSTANCE_PATH": str(folder)}
        pdf = str(folder / "out.pdf")
        report = ["report", "lea", IUSD, "--as-of", IUSD_AS_OF.isoformat(), "--audience", "board"]
        sources = {"": PROJECT, **({"before: ": before} if before else {})}
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "weasyprint (same document)": (
                [str(Path(sys.executable).with_name("weasyprint")), "--pdf-variant", PDF_VARIANT,
                 "-u", resource_dir("reports").as_uri() + "/", str(html), pdf],
                env,
            ),
        }  # fmt: skip
        for prefix, source in sources.items():
            source_env = {**env, "PYTHONPATH": str(source)}
            python = [sys.executable, "-c", SCRIPT]
            commands[f"{prefix}sir-tracker --help"] = ([*python, "--help"], source_env)
            commands[f"{prefix}sir-tracker report lea --help"] = (
                [*python, "report", "lea", "--help"],
                source_env,
            )
            commands[f"{prefix}sir-tracker report lea"] = (
                [*python, *report, "-o", pdf],
                source_env,
            )
        for command, command_env in commands.values():
            _timed(command, command_env, folder)  # warm-up: the page cache, Python's bytecode
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
        for _ in range(runs):
            for label, (command, command_env) in commands.items():
                # In the temporary folder: `python -c` puts its working directory first on
                # sys.path, which in the project would shadow the code on PYTHONPATH.
                times[label].append(_timed(command, command_env, folder))
    return times


def write_results(times: dict[str, list[tuple[float, float]]], before: str | None) -> None:
    wall = {label: statistics.median(w for w, _ in values) for label, values in times.items()}
    cpu = {label: statistics.median(c for _, c in values) for label, values in times.items()}
    floor = "weasyprint (same document)"
    lines = [
        "# The console script's start-up",
        "",
        "Written by `.venv/bin/python -m tests.benchmarks.bench_cli"
        + (f" --before {before}`" if before else "`")
        + " (not part of `make test`); see the module's docstring. Seconds, the median of",
        f"{len(next(iter(times.values())))} runs of each, alternating; every command a fresh"
        " process. CPU is the process's user and system time, which",
        "the load of the shared machine disturbs least (a quiet machine's wall-clock time is",
        f"close to it). Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average "
        f"{os.getloadavg()[0]:.1f} on 2 cores.",
        "",
        f"Goal: `sir-tracker --help` under {HELP_GOAL:.0f} s; `report lea` close to `weasyprint`.",
        "",
        "| command | CPU s | / weasyprint (CPU) | wall-clock s |",
        "|---|---|---|---|",
    ]
    for label in times:
        lines.append(
            f"| {label} | {cpu[label]:.2f} | {cpu[label] / cpu[floor]:.2f}x | {wall[label]:.2f} |"
        )
    RESULTS.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", metavar="COMMIT", help="measure this commit's code too")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        before = None
        if options.before:
            before = Path(name) / "before"
            subprocess.run(
                ["git", "-C", str(PROJECT), "worktree", "add", "--detach", str(before),
                 options.before],
                check=True, capture_output=True,
            )  # fmt: skip
        try:
            times = measure(options.runs, before)
        finally:
            if before:
                subprocess.run(
                    ["git", "-C", str(PROJECT), "worktree", "remove", "--force", str(before)],
                    check=True,
                )
    for label, values in times.items():
        print(f"{label}: {', '.join(f'{w:.2f}/{c:.2f}' for w, c in values)}")
    write_results(times, options.before)


if __name__ == "__main__":
    main()
