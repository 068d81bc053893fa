"""Benchmarks of the PDF reports: one LEA report against bare WeasyPrint, the board packet
(sequential, on two processes, and against one document holding every LEA), and
regenerating a packet after three changes.

    .venv/bin/python -m tests.benchmarks.bench_reports            # full run, ~15-20 minutes
    .venv/bin/python -m tests.benchmarks.bench_reports --quick    # smoke run, small numbers

The full run writes tests/benchmarks/results.md; a quick run writes under /tmp/sir-bench.
Every measurement runs in a fresh process (``--one``, JSON on stdout), on a fresh copy of the
generated database, so that each peak of memory is its own and no run reuses another's
sections or caches. Not collected by pytest (no ``test_`` prefix): it takes minutes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.benchmarks import measure
from tests.benchmarks.dataset import WORK_DIR, Dataset, dataset, generated_ids, working_copy
from tests.benchmarks.machine import LoadMeter, calibrate, wait_for_quiet
from tests.benchmarks.results import (
    Figures,
    code_fingerprint,
    dataset_facts,
    load_figures,
    save_figures,
    write_results,
)

PROJECT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).with_name("results.md")
_MARK = "BENCH-RESULT "


@dataclass(frozen=True)
class Plan:
    small: int  # LEAs of the small packet
    big: int  # LEAs of the big packet (and of the generated database)
    report_runs: int  # timed runs of the LEA report and of its floor
    small_repeats: int  # fresh processes per small-packet configuration
    big_repeats: int
    calibration_rounds: int


FULL = Plan(small=20, big=100, report_runs=5, small_repeats=3, big_repeats=1, calibration_rounds=3)
QUICK = Plan(small=1, big=3, report_runs=1, small_repeats=1, big_repeats=1, calibration_rounds=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run with small numbers")
    parser.add_argument("--out", type=Path, help="where to write the results (markdown)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one measurement
    parser.add_argument(
        "--rewrite", type=Path, help="write the results again from a saved figures JSON"
    )
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--leas", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=2, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5, help=argparse.SUPPRESS)
    parser.add_argument("--save", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--regenerate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(_MARK + json.dumps(run_one(args)), flush=True)
        return
    out = args.out or (Path("/tmp/sir-bench/results-quick.md") if args.quick else RESULTS)
    if args.rewrite:
        figures = load_figures(args.rewrite)
    else:
        figures = run_all(QUICK if args.quick else FULL, quick=args.quick)
        saved = WORK_DIR / f"figures-{'quick' if args.quick else 'full'}.json"
        save_figures(figures, saved)
        print(f"\nRaw figures saved to {saved}")
    write_results(figures, out)
    print(f"Results written to {out}")


# --- In a fresh process: one measurement --------------------------------------------------------


def run_one(args: argparse.Namespace) -> dict[str, Any]:
    # The package's code was imported just now: its fingerprint says which code this measured.
    code = code_fingerprint()
    result = _measure(args)
    result["code"] = code
    return result


def _measure(args: argparse.Namespace) -> dict[str, Any]:
    from sir_tracker.core.db import Database

    data = Dataset(args.db, generated_ids(args.db))
    database = Database(data.url())
    lea_ids = list(data.generated_lea_ids[: args.leas])
    if args.one == "report":
        return measure.lea_report_vs_floor(database, args.runs)
    if args.one == "packet":
        return measure.packet(
            database, lea_ids, args.processes, args.save, then_regenerate=args.regenerate
        )
    if args.one == "one-document":
        return measure.one_document(database, lea_ids, args.save)
    raise SystemExit(f"unknown measurement {args.one!r}")


# --- The whole run ----------------------------------------------------------------------------


def run_all(plan: Plan, *, quick: bool) -> Figures:
    started = time.perf_counter()
    data = dataset(plan.big)
    figures = Figures(quick=quick, small=plan.small, big=plan.big)
    figures.data = dataset_facts(data, plan.big) | {
        "code": code_fingerprint(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    print("Calibrating: pure-Python work alone and on both cores at once...", flush=True)
    wait_for_quiet()
    figures.calibration = calibrate(plan.calibration_rounds)
    print(f"  two processes at once are {figures.calibration['speedup']:.2f}x one", flush=True)

    print(f"LEA report against the floor ({plan.report_runs} runs each)...", flush=True)
    figures.report = run_measurement(data, "report", runs=plan.report_runs)

    # Repeats interleaved, so that a slow patch of the machine does not hit one config only.
    for repeat in range(plan.small_repeats):
        for processes in (1, 2):
            save = WORK_DIR / f"packet-{plan.small}.pdf" if repeat == 0 else None
            figures.add_packet(
                plan.small,
                processes,
                run_measurement(data, "packet", leas=plan.small, processes=processes, save=save),
            )
        figures.add_one_document(plan.small, run_measurement(data, "one-document", leas=plan.small))
    for repeat in range(plan.big_repeats):
        figures.add_packet(plan.big, 1, run_measurement(data, "packet", leas=plan.big, processes=1))
        # The first full build on two processes is also the "full" of section 3: the same
        # process then makes three changes and builds again.
        regenerate = repeat == 0
        full = run_measurement(data, "packet", leas=plan.big, processes=2, regenerate=regenerate)
        if regenerate:
            figures.regenerate = full.pop("regenerate") | {
                "full_seconds": full["seconds"],
                "machine": full["machine"],
            }
        figures.add_packet(plan.big, 2, full)
        figures.add_one_document(plan.big, run_measurement(data, "one-document", leas=plan.big))
    figures.data["code_at_end"] = code_fingerprint()
    figures.total_seconds = time.perf_counter() - started
    return figures


def run_measurement(
    data: Dataset, name: str, *, quiet_for: float = 180.0, **options: Any
) -> dict[str, Any]:
    """Run one measurement in a fresh process on a fresh copy of the database, after waiting
    up to ``quiet_for`` seconds for the machine to be quiet."""
    label = " ".join([name, *(f"{key}={value}" for key, value in options.items() if value)])
    print(f"  {label} ...", end=" ", flush=True)
    copy = working_copy(data, name)
    command = [sys.executable, "-m", "tests.benchmarks.bench_reports", "--one", name]
    command += ["--db", str(copy.path)]
    for key, value in options.items():
        if value is True:
            command.append(f"--{key}")
        elif value not in (None, False):
            command += [f"--{key}", str(value)]
    idle_before = wait_for_quiet(give_up_after=quiet_for)
    meter = LoadMeter()
    meter.begin()
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    foreign, steal = meter.foreign_load()
    lines = [line for line in done.stdout.splitlines() if line.startswith(_MARK)]
    if done.returncode != 0 or not lines:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"The measurement {label!r} failed (exit {done.returncode}).")
    result: dict[str, Any] = json.loads(lines[-1].removeprefix(_MARK))
    result["machine"] = {"idle_before": idle_before, "foreign_load": foreign, "steal": steal}
    print(f"{time.perf_counter() - meter.start:.1f} s (foreign load {foreign:.0%})", flush=True)
    return result


if __name__ == "__main__":
    main()
