"""The board packet's benchmark alone (issue 15's "speed stays", issue 13's cached packet):
the numbered, tagged packet of N LEAs on 2 processes against the same LEAs as one WeasyPrint
document; then, in the process of that build, the same packet with nothing changed and the
packet after three changes. All in one run, each measurement in a fresh process on a fresh
copy of the generated database (``bench_reports --one``).

    .venv/bin/python -m tests.benchmarks.bench_packet            # 100 LEAs, ~10 minutes
    .venv/bin/python -m tests.benchmarks.bench_packet --leas 5   # a smoke run

A run of 100 LEAs writes tests/benchmarks/packet_results.md (committed); others write under
/tmp/sir-bench. The full `make bench` measures the same figures with the rest.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_reports import run_measurement
from tests.benchmarks.dataset import WORK_DIR, dataset
from tests.benchmarks.results import CACHED_GOAL, PACKET_GOAL, REGEN_GOAL, code_fingerprint

RESULTS = Path(__file__).with_name("packet_results.md")
FULL_LEAS = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leas", type=int, default=FULL_LEAS)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or (RESULTS if args.leas == FULL_LEAS else WORK_DIR / "packet-results.md")
    started = time.perf_counter()
    data = dataset(args.leas)
    load_before = os.getloadavg()
    # A shared machine is rarely 90% idle: wait a little for quiet, then measure anyway and
    # say how loaded it was.
    packet = run_measurement(
        data, "packet", leas=args.leas, processes=2, regenerate=True, quiet_for=30.0
    )
    # Kept at once: on a busy machine the one document takes longest, and may be cut short.
    (WORK_DIR / f"packet-figures-{args.leas}-packet.json").write_text(json.dumps(packet))
    one = run_measurement(data, "one-document", leas=args.leas, quiet_for=30.0)
    figures = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "code": code_fingerprint(),
        "leas": args.leas,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "packet": packet,
        "one_document": one,
        "total_seconds": time.perf_counter() - started,
    }
    saved = WORK_DIR / f"packet-figures-{args.leas}.json"
    saved.write_text(json.dumps(figures, indent=1))
    out.write_text(render(figures))
    print(f"Raw figures in {saved}; results written to {out}")


def render(figures: dict[str, Any]) -> str:
    packet, one = figures["packet"], figures["one_document"]
    regen = packet["regenerate"]
    full = packet["seconds"]
    ratios = {
        "packet": full / one["seconds"],
        "regen": regen["rebuild_seconds"] / full,
        "cached": regen["cached_seconds"] / full,
    }

    def met(ok: bool) -> str:
        return "yes" if ok else "**no**"

    def load(result: dict[str, Any]) -> str:
        return f"{result['machine']['foreign_load']:.0%}"

    leas = figures["leas"]
    rows = [
        (
            f"Packet on 2 processes / one document, {leas} LEAs",
            f"≤ {PACKET_GOAL}x",
            f"{ratios['packet']:.2f}x",
            met(ratios["packet"] <= PACKET_GOAL),
        ),
        (
            "Rebuild after 3 changes / full build",
            f"< {REGEN_GOAL}x",
            f"{ratios['regen']:.3f}x",
            met(ratios["regen"] < REGEN_GOAL),
        ),
        (
            f"Rebuild with nothing changed / full build ({regen['cached_processes']} layout "
            "processes started)",
            f"< {CACHED_GOAL}x",
            f"{ratios['cached']:.3f}x",
            met(ratios["cached"] < CACHED_GOAL and regen["cached_processes"] == 0),
        ),
    ]
    builds = [
        ("Packet, 2 processes, full build", full, packet["pages"], packet["phases"], packet),
        ("One document (one WeasyPrint call)", one["seconds"], one["pages"], {}, one),
        (
            "Packet, nothing changed",
            regen["cached_seconds"],
            packet["pages"],
            regen["cached_phases"],
            packet,
        ),
        (
            "Packet, after 3 changes",
            regen["rebuild_seconds"],
            regen["pages"],
            regen["rebuild_phases"],
            packet,
        ),
    ]
    lines = [
        "# Benchmark of the board packet",
        "",
        f"Produced by `make bench-packet` (`.venv/bin/python -m tests.benchmarks.bench_packet`) "
        f"on {figures['date']}, report code `{figures['code'][:12]}`, in "
        f"{figures['total_seconds'] / 60:.1f} minutes. {leas} generated LEAs (the benchmark's "
        "database, as of 2026-06-30, for the board). Each measurement ran in a fresh process on "
        "a fresh copy of the database; the packet is the whole numbered, tagged document: "
        "sections laid out, joined with their structure trees, page numbers stamped, links and "
        "labels set. The rebuilds ran in the full build's process, after it.",
        "",
        "**The machine was shared** (nine sessions on 2 cores): load average "
        f"{figures['load_before'][0]:.1f} before and {figures['load_after'][0]:.1f} after; "
        "*foreign load* is the share of the CPU time used by processes other than the "
        "measurement's own while it ran. Ratios measured in one run compare builds slowed "
        "alike only roughly: treat them as indications and rerun on a quiet machine.",
        "",
        "| Goal | Target | Measured | Met |",
        "|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
        "| Build | Seconds | Pages | Join s | Sections s | Foreign load |",
        "|---|---|---|---|---|---|",
        *(
            f"| {label} | {seconds:.2f} | {pages:,} | {phases.get('join', 0):.2f} | "
            f"{phases.get('sections', 0):.2f} | {load(result)} |"
            for label, seconds, pages, phases, result in builds
        ),
        "",
        f"After the three changes {regen['laid_out']} sections were laid out and "
        f"{regen['reused']} reused; with nothing changed {regen['cached_laid_out']} were laid "
        f"out and {regen['cached_processes']} layout processes started.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
