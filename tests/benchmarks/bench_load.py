"""The load benchmark: the app served by gunicorn (2 sync workers, as the Procfile serves it) on
127.0.0.1, on SQLite and on PostgreSQL, with the demo plus 50 and 1,000 generated LEAs, loaded
by wrk from another process: the dashboard, an LEA page, a SIR page and a status update (a
real form POST with the CSRF token and the action's version), each while no report is being
made and while the report worker builds a board packet; and, in the same run, a bare Flask
page rendering a 66-row table served the same way (the floor, ``floor_app.py``).

    make bench-load                                      # full run, on a throwaway PostgreSQL
    .venv/bin/python -m tests.benchmarks.bench_load --quick   # smoke run, SQLite, small numbers

The full run writes tests/benchmarks/load_results.md (committed); a quick run writes under
/tmp/sir-bench. PostgreSQL is measured when SIR_TRACKER_TEST_POSTGRES_URL names a server
(``scripts/with-postgres.sh`` sets it). Each database is generated once per size and
generator (cached under /tmp/sir-bench: a SQLite file, and a pg_dump of it on PostgreSQL) and
every run works on a copy. Not collected by pytest: it takes many minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from sir_tracker.core.backup import backup, restore
from sir_tracker.core.db import Database
from sir_tracker.leas.models import Engagement
from sir_tracker.reports.models import JobState, ReportJob
from sir_tracker.reviews.models import Action, Sir
from sir_tracker.users.models import User
from tests.benchmarks.dataset import AS_OF, PASSWORD, WORK_DIR, dataset, generator_hash
from tests.benchmarks.dataset import load as load_dataset
from tests.benchmarks.machine import idle_share
from tests.support.databases import POSTGRES_URL_VARIABLE, DatabaseServer

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RESULTS = Path(__file__).with_name("load_results.md")
LUA = Path(__file__).with_name("load.lua")
WORKERS = 2  # gunicorn sync workers, as in the Procfile
LEAD = "ccee.lead.001@demo.sir-tracker.example"  # leads the first 15 generated LEAs
FLOOR_ROWS = 66
CHEAP_PATH = "/sign-in"  # a small page of the app's
# The goals stated by issue 13.
DASHBOARD_P99_GOAL_MS = 150.0  # at 1,000 LEAs
SIR_FLOOR_GOAL = 0.5  # SIR page throughput / the floor's
STATUS_P99_GOAL_MS = 250.0  # while a packet builds
PAGES = ("dashboard", "lea", "sir", "status")
LABELS = {
    "floor": "floor: 66-row table",
    "floor_sqlalchemy": "floor, rows read through SQLAlchemy",
    "dashboard": "dashboard",
    "lea": "LEA page",
    "sir": "SIR page",
    "status": "status update (POST)",
}


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, ...]
    seconds: int  # measured, per page and condition, at least
    longest: int  # seconds a measurement of a slow page may last
    connections: int
    packet_leas: int  # LEAs ticked in each packet built during the measurements


FULL = Plan(sizes=(50, 1000), seconds=20, longest=120, connections=8, packet_leas=200)
QUICK = Plan(sizes=(5,), seconds=4, longest=20, connections=4, packet_leas=5)
MIN_REQUESTS = 60  # a measurement lasts long enough for about this many answers


@dataclass
class Block:
    """The figures of one database at one size."""

    database: str
    leas: int
    facts: dict[str, Any] = field(default_factory=dict)
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)  # "sir/building" -> figures
    rss: dict[str, dict[str, int]] = field(default_factory=dict)  # condition -> process -> KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run with small numbers")
    parser.add_argument("--out", type=Path, help="where to write the results (markdown)")
    parser.add_argument("--sizes", help="generated LEAs, comma-separated (default 50,1000)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="which databases")
    parser.add_argument(
        "--seconds", type=int, help="measure each page at least this long (default 20)"
    )
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="generate and cache the databases, measure nothing (on a busy machine, before a "
        "quiet one measures)",
    )
    parser.add_argument(
        "--merge",
        type=Path,
        help="a figures JSON of an earlier run whose blocks (database, size) to report too",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    plan = QUICK if args.quick else FULL
    if args.sizes:
        plan = dataclasses.replace(plan, sizes=tuple(int(n) for n in args.sizes.split(",")))
    if args.seconds:
        plan = dataclasses.replace(plan, seconds=args.seconds)
    out = args.out or (WORK_DIR / "load-results-quick.md" if args.quick else RESULTS)
    databases = [name for name in args.databases.split(",") if name]
    if "postgresql" in databases and not os.environ.get(POSTGRES_URL_VARIABLE):
        print("No PostgreSQL server (SIR_TRACKER_TEST_POSTGRES_URL): SQLite only.", flush=True)
        databases.remove("postgresql")
    if args.prepare_only:
        for database in databases:
            for leas in plan.sizes:
                with prepared_database(database, leas):
                    print(f"{database}, {leas} generated LEAs: ready", flush=True)
        return
    command = " ".join([".venv/bin/python -m tests.benchmarks.bench_load", *sys.argv[1:]])
    run = Run(plan=plan, quick=args.quick, command=command)
    run.machine_before = machine_facts()
    if args.merge:
        earlier = json.loads(args.merge.read_text())
        run.earlier = [Block(**block) for block in earlier["blocks"]]
    for database in databases:
        for leas in plan.sizes:
            run.blocks.append(measure_block(plan, database, leas))
            run.write(out)  # after each block, so that a long run's figures are never lost
    run.machine_after = machine_facts()
    run.write(out)
    print(run.goal_lines())
    print(f"Results written to {out}")


# --- One database at one size -------------------------------------------------------------------


def measure_block(plan: Plan, database: str, leas: int) -> Block:
    block = Block(database, leas)
    print(f"\n=== {database}, {leas} generated LEAs ===", flush=True)
    with prepared_database(database, leas) as url, tempfile.TemporaryDirectory() as scratch:
        targets = Targets.find(url)
        block.facts = data_facts(url) | {
            "sir_actions": targets.sir_actions,
            "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load_before": f"{os.getloadavg()[0]:.1f}",
        }
        env = server_environment(url, Path(scratch)) | {"SIR_BENCH_SIR_ID": str(targets.sir_id)}
        with serving("tests.benchmarks.floor_app:app", env) as floor:
            for name, path in (("floor", "/"), ("floor_sqlalchemy", "/sqlalchemy")):
                block.runs[f"{name}/idle"] = load(plan, Client(floor.base), path, cheap_path="/")
            block.rss["floor"] = floor.rss()
        with serving("sir_tracker.wsgi:app", env) as app:
            client = Client(app.base)
            client.sign_in(LEAD, PASSWORD)
            for page in PAGES:
                block.runs[f"{page}/idle"] = measure_page(plan, client, targets, url, page)
            block.rss["idle"] = app.rss()
            with report_worker(env) as worker:
                packet = PacketBuilder(client, url, targets.packet_lea_ids[: plan.packet_leas])
                for page in PAGES:
                    job = packet.building()
                    figures = measure_page(plan, client, targets, url, page)
                    figures["packet_still_building"] = job.still_running()
                    figures["rss"] = app.rss() | worker.rss()
                    block.runs[f"{page}/building"] = figures
                packet.cancel()
                block.rss["building"] = merge_peaks(
                    [block.runs[f"{page}/building"].pop("rss") for page in PAGES]
                )
    return block


def measure_page(
    plan: Plan, client: Client, targets: Targets, url: str, page: str
) -> dict[str, Any]:
    path = {"dashboard": "/", "lea": f"/leas/{targets.lea_id}", "sir": f"/sirs/{targets.sir_id}"}
    if page != "status":
        return load(plan, client, path[page], cheap_path=CHEAP_PATH)
    csrf = client.csrf_token(f"/actions/{targets.update_action_ids[0]}/status")
    return load(
        plan,
        client,
        "/",
        cheap_path=CHEAP_PATH,
        updates=lambda: update_lists(url, targets.update_action_ids, plan.connections),
        csrf=csrf,
    )


@dataclass(frozen=True)
class Targets:
    """What is measured: the generated LEA whose SIR has the number of actions nearest 66
    (IUSD's), the actions whose status is updated (those of the signed-in lead's LEAs) and
    the LEAs of the packets."""

    lea_id: int
    sir_id: int
    sir_actions: int
    update_action_ids: tuple[int, ...]
    packet_lea_ids: tuple[int, ...]

    @classmethod
    def find(cls, url: str) -> Targets:
        database = Database(url)
        try:
            with database.new_session(write=False) as session:
                generated = Sir.lea.has(text("leas.cds_code LIKE '__8%'"))
                counts = session.execute(
                    select(Sir.id, Sir.lea_id, func.count(Action.id))
                    .join(Action, Action.sir_id == Sir.id)
                    .where(generated)
                    .group_by(Sir.id, Sir.lea_id)
                    .order_by(Sir.id)
                ).all()
                sir_id, lea_id, actions = min(
                    counts, key=lambda row: (abs(row[2] - FLOOR_ROWS), row[0])
                )
                generated_leas = list(
                    session.scalars(select(Sir.lea_id).where(generated).order_by(Sir.lea_id))
                )
                led = session.scalars(
                    select(Engagement.lea_id)
                    .join(User, Engagement.ccee_lead_id == User.id)
                    .where(User.email == LEAD)
                ).all()
                update_ids = session.scalars(
                    select(Action.id)
                    .join(Sir, Action.sir_id == Sir.id)
                    .where(Sir.lea_id.in_(led), Action.archived_at.is_(None))
                    .order_by(Action.id)
                ).all()
        finally:
            database.engine.dispose()
        return cls(lea_id, sir_id, actions, tuple(update_ids), tuple(generated_leas))


def update_lists(url: str, action_ids: tuple[int, ...], threads: int) -> list[list[dict[str, Any]]]:
    """The actions of each wrk thread, with their current version and status (read afresh
    before each run: the previous run changed them)."""
    database = Database(url)
    try:
        with database.new_session(write=False) as session:
            rows = session.execute(
                select(Action.id, Action.version, Action.status).where(Action.id.in_(action_ids))
            ).all()
    finally:
        database.engine.dispose()
    lists: list[list[dict[str, Any]]] = [[] for _ in range(threads)]
    for index, (action_id, version, status) in enumerate(sorted(rows)):
        lists[index % threads].append(
            {"path": f"/actions/{action_id}/status", "version": version, "status": status.value}
        )
    return lists


def data_facts(url: str) -> dict[str, Any]:
    database = Database(url)
    facts = {}
    try:
        with database.new_session(write=False) as session:
            for table in ("leas", "actions", "status_changes", "meetings", "users"):
                facts[table] = session.scalar(text(f"SELECT count(*) FROM {table}"))
    finally:
        database.engine.dispose()
    return facts


# --- The databases ------------------------------------------------------------------------------


@contextmanager
def prepared_database(database: str, leas: int) -> Iterator[str]:
    """A working copy of the generated database: a copy of the cached SQLite file, or on
    PostgreSQL a database restored from the cached dump (made once from a generated one)."""
    data = dataset(leas) if database == "sqlite" else None
    if data is not None:
        copy = WORK_DIR / f"load-{leas}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(data.path, copy)
        yield f"sqlite:///{copy}"
        return
    server = DatabaseServer(WORK_DIR)
    dump = WORK_DIR / f"bench-{leas}-{generator_hash()}.pgdump"
    if not dump.exists():
        print(f"Generating the PostgreSQL benchmark database with {leas} LEAs...", flush=True)
        from sir_tracker.migrate import upgrade

        generated = server.create()
        try:
            upgrade(generated)
            load_dataset(generated, leas)
            backup(generated, dump)
        finally:
            server.drop(generated)
    url = server.create()
    try:
        started = time.perf_counter()
        restore(url, dump)
        print(f"  restored from {dump.name} in {time.perf_counter() - started:.0f} s", flush=True)
        yield url
    finally:
        server.drop(url)


# --- Serving, signing in, loading ---------------------------------------------------------------


def server_environment(url: str, scratch: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "SIR_TRACKER_INSTANCE_PATH": str(scratch / "instance"),
        "SIR_TRACKER_SECRET_KEY": "load-benchmark-secret-key-not-secret",
        "SIR_TRACKER_SESSION_COOKIE_SECURE": "false",
        "SIR_TRACKER_SIGN_IN_RATE": "1000 per minute",
    }


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str

    def rss(self) -> dict[str, int]:
        return process_rss(self.process.pid, "gunicorn")


@contextmanager
def serving(app: str, env: dict[str, str]) -> Iterator[Server]:
    """gunicorn serving ``app`` as the Procfile does (sync workers), until the block ends."""
    port = free_port()
    command = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)]
    command += ["--log-level", "warning", app]
    process = subprocess.Popen(command, cwd=PROJECT, env=env)
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        wait_until_answering(server)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


@dataclass
class Worker:
    process: subprocess.Popen[bytes]

    def rss(self) -> dict[str, int]:
        return process_rss(self.process.pid, "report worker")


@contextmanager
def report_worker(env: dict[str, str]) -> Iterator[Worker]:
    # In a process group of its own: its layout processes are stopped with it (on SIGTERM
    # the worker exits without stopping them).
    process = subprocess.Popen(
        [str(BIN / "sir-tracker"), "worker"], cwd=PROJECT, env=env, start_new_session=True
    )
    try:
        yield Worker(process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_answering(server: Server, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"gunicorn exited (status {server.process.returncode})")
        try:
            with urllib.request.urlopen(server.base + "/", timeout=10):
                return
        except urllib.error.HTTPError:
            return  # it answers (a redirect to sign in, say)
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{server.base} did not answer within {timeout:.0f} s")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Client:
    """A signed-in browser, as far as the benchmark needs one: cookies, CSRF tokens, forms."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        self._opener = urllib.request.build_opener(_NoRedirects)

    @property
    def cookie(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, path: str, form: dict[str, Any] | None = None) -> tuple[int, str, str]:
        """(status, body, Location) of one request, redirects not followed."""
        data = None if form is None else urllib.parse.urlencode(form, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=data)
        if self.cookies:
            request.add_header("Cookie", self.cookie)
        try:
            response = self._opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            body = response.read().decode()
            return response.status, body, response.headers.get("Location", "")

    def csrf_token(self, path: str) -> str:
        status, body, _ = self.request(path)
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', body)
        if status != 200 or found is None:
            raise SystemExit(f"{path} answered {status} without a CSRF token")
        return found.group(1)

    def sign_in(self, email: str, password: str) -> None:
        token = self.csrf_token("/sign-in")
        status, _, _ = self.request(
            "/sign-in", {"csrf_token": token, "email": email, "password": password}
        )
        if status != 302:
            raise SystemExit(f"Signing in as {email} answered {status}")


class PacketBuilder:
    """A board packet being built: asked for on the web for a day no earlier packet was asked
    for (so that no laid-out section can be reused), asked for again whenever the last one is
    done, and cancelled at the end."""

    def __init__(self, client: Client, url: str, lea_ids: tuple[int, ...]) -> None:
        self.client, self.url, self.lea_ids = client, url, lea_ids
        self.day = AS_OF
        self.job: Job | None = None

    def building(self) -> Job:
        if self.job is None or not self.job.still_running():
            self.job = self._ask()
        return self.job

    def _ask(self) -> Job:
        self.day -= timedelta(days=1)
        form = {
            "csrf_token": self.client.csrf_token("/board-packets"),
            "as_of": self.day.isoformat(),
            "audience": "board",
            "leas": list(self.lea_ids),
        }
        status, body, location = self.client.request("/board-packets", form)
        found = re.search(r"/board-packets/jobs/(\d+)", location)
        if status not in (302, 303) or found is None:
            raise SystemExit(f"Asking for a packet answered {status}: {body[:500]}")
        job = Job(self.url, int(found.group(1)))
        job.wait_until_running()
        return job

    def cancel(self) -> None:
        if self.job is not None and self.job.still_running():
            token = self.client.csrf_token("/board-packets")
            self.client.request(f"/report-jobs/{self.job.id}/cancel", {"csrf_token": token})


@dataclass
class Job:
    url: str
    id: int

    def state(self) -> JobState:
        database = Database(self.url)
        try:
            with database.new_session(write=False) as session:
                job = session.get(ReportJob, self.id)
                assert job is not None
                return job.state
        finally:
            database.engine.dispose()

    def wait_until_running(self, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        while self.state() == JobState.QUEUED:
            if time.monotonic() > deadline:
                raise SystemExit(f"The packet job {self.id} was not taken within {timeout:.0f} s")
            time.sleep(0.5)
        time.sleep(2)  # its layout processes started and warmed up

    def still_running(self) -> bool:
        return self.state() == JobState.RUNNING


def load(
    plan: Plan,
    client: Client,
    path: str,
    *,
    cheap_path: str,
    updates: Callable[[], list[list[dict[str, Any]]]] | None = None,
    csrf: str = "",
) -> dict[str, Any]:
    """wrk on ``path``: its figures. A page is first asked for a few times in turn (warming
    both workers, and timing it), so that the measurement lasts long enough for
    ``MIN_REQUESTS`` answers on a slow page or a busy machine; afterwards the requests wrk
    left unanswered are waited out (behind requests for ``cheap_path``), so that they do not
    slow the next measurement."""
    seconds = plan.seconds
    lines = [f"cookie = {lua_string(client.cookie)}", f"path = {lua_string(path)}"]
    if updates is None:
        try:
            single = probe(client, path)
        except (OSError, ProbeFailed) as failure:
            # gunicorn ends a request after 30 s (a sync worker's timeout, as the Procfile runs
            # it): a page slower than that is a failure to report, not a figure.
            print(f"  {path:<24} FAILED: {failure}", flush=True)
            drain(client, cheap_path)
            return failed(str(failure))
        seconds = max(seconds, min(plan.longest, math.ceil(MIN_REQUESTS * single / WORKERS)))
    else:
        lines.append(f"csrf = {lua_string(urllib.parse.quote(csrf, safe=''))}")
        lines.append(f"updates = {lua_table(updates())}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as config:
        config.write("\n".join(lines) + "\n")
    idle = idle_share(0.3)
    command = ["wrk", "-t", str(plan.connections), "-c", str(plan.connections)]
    command += ["-d", f"{seconds}s", "--timeout", "300s", "-s", str(LUA), client.base + path]
    done = subprocess.run(
        command,
        env={**os.environ, "SIR_BENCH_WRK_CONFIG": config.name},
        capture_output=True,
        text=True,
        check=False,
    )
    os.unlink(config.name)
    found = re.search(r"BENCH-WRK (.*)", done.stdout)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"wrk failed on {path}: {done.stdout}{done.stderr}")
    drain(client, cheap_path)
    figures: dict[str, Any] = {
        key: int(value) for key, value in (pair.split("=") for pair in found.group(1).split())
    }
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["seconds"] = seconds
    figures["idle_before"] = idle
    figures["load_average"] = os.getloadavg()[0]
    figures["refused_codes"] = ",".join(re.findall(r"BENCH-REFUSED (\S+)", done.stdout))
    bodies = re.findall(r"BENCH-REFUSED-BODY (.*)", done.stdout)
    if bodies:
        print(f"    first refused answer: {bodies[0][:3000]}", flush=True)
    what = "status update" if updates is not None else path
    print(
        f"  {what:<24} {figures['rps']:7.1f} req/s  p50 {figures['p50_us'] / 1000:7.1f} ms  "
        f"p99 {figures['p99_us'] / 1000:7.1f} ms  ({figures['requests']} in {seconds} s; "
        f"refused {figures['non_2xx_3xx']} {figures['refused_codes']}, socket errors "
        f"{figures['socket_errors']}; load {figures['load_average']:.1f})",
        flush=True,
    )
    return figures


def drain(client: Client, cheap_path: str) -> None:
    """Wait out the requests still queued at the workers: answered after them, in turn."""
    for _ in range(WORKERS):
        # A worker killed at its timeout closes the connection: the next request waits still.
        with contextlib.suppress(OSError):
            client.request(cheap_path)


class ProbeFailed(Exception):
    pass


def failed(reason: str) -> dict[str, Any]:
    """The figures of a page that could not be measured (no answer within gunicorn's
    timeout): no throughput, latencies unknown."""
    return {
        "failed": reason,
        "rps": 0.0,
        "requests": 0,
        "seconds": 0,
        "p50_us": 0,
        "p99_us": 0,
        "non_2xx_3xx": 0,
        "refused_codes": "",
        "idle_before": idle_share(0.3),
        "load_average": os.getloadavg()[0],
    }


def probe(client: Client, path: str) -> float:
    """Seconds of one request for ``path`` alone (the median of three, after a first)."""
    times = []
    for _ in range(4):
        started = time.perf_counter()
        status, _, _ = client.request(path)
        if status != 200:
            raise ProbeFailed(
                f"answered {status} after {time.perf_counter() - started:.0f} s alone"
            )
        times.append(time.perf_counter() - started)
    return sorted(times[1:])[1]


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a Lua string for these characters


def lua_table(lists: list[list[dict[str, Any]]]) -> str:
    def item(entry: dict[str, Any]) -> str:
        return "{" + ", ".join(f"{key} = {json.dumps(value)}" for key, value in entry.items()) + "}"

    return (
        "{" + ", ".join("{" + ", ".join(item(e) for e in entries) + "}" for entries in lists) + "}"
    )


# --- Memory ---------------------------------------------------------------------------------------


def process_rss(root: int, name: str) -> dict[str, int]:
    """RSS (KiB) of ``root`` and of each process below it, named by what it is."""
    found = {f"{name} (main)": _rss_kib(root)}
    for number, pid in enumerate(sorted(_descendants(root)), 1):
        found[f"{name} child {number}"] = _rss_kib(pid)
    return {label: kib for label, kib in found.items() if kib}


def merge_peaks(samples: list[dict[str, int]]) -> dict[str, int]:
    merged: dict[str, int] = {}
    for sample in samples:
        for label, kib in sample.items():
            merged[label] = max(merged.get(label, 0), kib)
    return merged


def _descendants(root: int) -> set[int]:
    found: set[int] = set()
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            frontier.extend(children - found)
            found |= children
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# --- The run and its write-up -------------------------------------------------------------------


@dataclass
class Run:
    plan: Plan
    quick: bool
    command: str
    blocks: list[Block] = field(default_factory=list)
    earlier: list[Block] = field(default_factory=list)  # of a run merged in (--merge)
    machine_before: dict[str, Any] = field(default_factory=dict)
    machine_after: dict[str, Any] = field(default_factory=dict)
    started: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))

    @property
    def all_blocks(self) -> list[Block]:
        measured = {(b.database, b.leas) for b in self.blocks}
        kept = [b for b in self.earlier if (b.database, b.leas) not in measured]
        return sorted([*kept, *self.blocks], key=lambda b: (b.database, b.leas))

    def write(self, out: Path) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(self.markdown())
        raw = WORK_DIR / f"load-figures-{'quick' if self.quick else 'full'}.json"
        figures = dataclasses.asdict(self) | {
            "blocks": [dataclasses.asdict(b) for b in self.all_blocks]
        }
        raw.write_text(json.dumps(figures, indent=1, default=str))

    def goals(self) -> list[tuple[str, str, bool | None]]:
        """(goal, figures, met) for each goal of the issue and each database measured."""
        found: list[tuple[str, str, bool | None]] = []
        for database in sorted({b.database for b in self.all_blocks}):
            blocks = {b.leas: b for b in self.all_blocks if b.database == database}
            dashboard = blocks[max(blocks)].runs["dashboard/idle"]
            p99 = dashboard["p99_us"] / 1000
            found.append(
                (
                    f"{database}: dashboard p99 under {DASHBOARD_P99_GOAL_MS:.0f} ms at "
                    f"{max(blocks):,} LEAs (goal stated for 1,000)",
                    f"failed: {dashboard['failed']}"
                    if dashboard.get("failed")
                    else f"{p99:,.0f} ms",
                    p99 < DASHBOARD_P99_GOAL_MS and not dashboard.get("failed"),
                )
            )
            for leas, block in sorted(blocks.items()):
                ratio = ratio_to_floor(block, "sir/idle")
                found.append(
                    (
                        f"{database}, {leas:,} LEAs: SIR page at least {SIR_FLOOR_GOAL}x the "
                        "floor's throughput",
                        f"{ratio:.2f}x",
                        ratio >= SIR_FLOOR_GOAL,
                    )
                )
            for leas, block in sorted(blocks.items()):
                status = block.runs["status/building"]
                p99 = status["p99_us"] / 1000
                met = p99 < STATUS_P99_GOAL_MS and not status["non_2xx_3xx"]
                found.append(
                    (
                        f"{database}, {leas:,} LEAs: status update p99 under "
                        f"{STATUS_P99_GOAL_MS:.0f} ms while a packet builds (none refused)",
                        f"{p99:,.0f} ms, {status['non_2xx_3xx']} refused",
                        met,
                    )
                )
        return found

    def goal_lines(self) -> str:
        lines = ["Goals of issue 13:"]
        for goal, figures, met in self.goals():
            lines.append(f"  {'MET    ' if met else 'NOT MET'}  {goal}: {figures}")
        return "\n".join(lines)

    def markdown(self) -> str:
        plan = self.plan
        parts = [
            "# Load benchmark: the app under gunicorn, against a bare Flask page\n",
            f"{'A quick smoke run: small numbers, not figures to quote. ' if self.quick else ''}"
            f"Run {self.started} with `{self.command}` (`make bench-load` runs it on a "
            "throwaway PostgreSQL cluster: `scripts/with-postgres.sh`), on code "
            f"{self.machine_before.get('commit', '?')}.\n",
            "## How\n",
            f"- gunicorn on 127.0.0.1, {WORKERS} sync workers (as the Procfile), for the app and "
            "for the floor (`tests/benchmarks/floor_app.py`: a bare Flask page rendering a "
            f"{FLOOR_ROWS}-row table with one Jinja template; its second page first reads the "
            "measured SIR's actions through SQLAlchemy's ORM).",
            f"- wrk from another process: {plan.connections} connections (one per wrk thread), "
            "each page first asked for 4 times in turn (warming both workers; the median of "
            f"the last 3 is its time alone, T), then loaded for max({plan.seconds} s, "
            f"{MIN_REQUESTS} x T / {WORKERS} workers) up to {plan.longest} s, so that a slow page "
            "still gets enough answers; the requests wrk leaves unanswered are waited out "
            "before the next measurement. Latencies are wrk's (from sending a request to its "
            "whole answer), with the number of answers in each row.",
            f"- Signed in as a CCEE lead ({LEAD}, who leads 15 generated LEAs) with a real "
            "session cookie. Pages: the dashboard, the generated LEA whose SIR has the number of "
            f"actions nearest {FLOOR_ROWS} (its LEA page and SIR page), and a status update: a "
            "form POST to `/actions/<id>/status` with the CSRF token and the action's current "
            "version, each connection on its own actions of the lead's LEAs, alternating their "
            "status (a refused update, 409 or 422, is counted).",
            f"- Conditions: *idle* (no report worker) and *building*: the report worker "
            f"(`sir-tracker worker`, {os.environ.get('SIR_TRACKER_REPORT_PROCESSES', '2')} layout "
            f"processes) builds a board packet of up to {plan.packet_leas} generated LEAs, asked "
            "for on the web for an as-of day no earlier packet was asked for (nothing laid out "
            "can be reused), asked for again before a measurement if the last one is done; a "
            "row says so if its packet was done before the measurement ended.",
            "- Data: the demo plus N LEAs of `sir-tracker demo --scale N` (the same generator), "
            "generated once per size and cached (SQLite file; on PostgreSQL a `pg_dump` restored "
            "into a new database); each run works on a copy.\n",
            self._machine(),
            "## Goals (issue 13)\n",
            "| goal | measured | met |",
            "|---|---|---|",
            *(
                f"| {goal} | {figures} | {'yes' if met else '**no**'} |"
                for goal, figures, met in self.goals()
            ),
            "",
        ]
        if self.earlier:
            parts.append(
                "Some blocks below come from an earlier run, merged in (`--merge`): each "
                "block's table gives the load of its own time.\n"
            )
        for block in self.all_blocks:
            parts.append(self._block(block))
        return "\n".join(parts) + "\n"

    def _machine(self) -> str:
        before, after = self.machine_before, self.machine_after
        return "\n".join(
            [
                "## Machine\n",
                f"- {before.get('cpu', '?')}, {before.get('cores', '?')} cores, "
                f"{before.get('memory', '?')} of memory; {before.get('system', '')}.",
                f"- {before.get('software', '')}",
                f"- Load average (1 min) {before.get('load', '?')} at the start, "
                f"{after.get('load', '?')} at the end. The machine is shared with other work: "
                "each row gives the idle CPU share just before it and the load average just "
                "after, and figures taken while others ran are slower for reasons not ours.\n",
            ]
        )

    def _block(self, block: Block) -> str:
        facts = block.facts
        lines = [
            f"## {block.database}, {block.leas:,} generated LEAs\n",
            f"{facts.get('leas', 0):,} LEAs, {facts.get('actions', 0):,} actions, "
            f"{facts.get('status_changes', 0):,} status history rows, "
            f"{facts.get('meetings', 0):,} meetings, {facts.get('users', 0):,} accounts; "
            f"the SIR page measured has {facts.get('sir_actions', 0)} actions. Measured from "
            f"{facts.get('measured_at', '?')}, load average {facts.get('load_before', '?')} "
            "at the start.\n",
            "| page | condition | req/s | p50 ms | p99 ms | x floor (req/s) | answers | refused "
            "| idle CPU before | load after |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for key, figures in block.runs.items():
            page, condition = key.split("/")
            if figures.get("failed"):
                lines.append(
                    f"| {LABELS[page]} | {condition} | failed: {figures['failed']} | | | 0 | | | "
                    f"{figures['idle_before']:.0%} | {figures['load_average']:.1f} |"
                )
                continue
            if condition == "building" and not figures.get("packet_still_building", True):
                condition += " (packet done before the end)"
            lines.append(
                f"| {LABELS[page]} | {condition} | {figures['rps']:,.1f} | "
                f"{figures['p50_us'] / 1000:,.1f} | {figures['p99_us'] / 1000:,.1f} | "
                f"{ratio_to_floor(block, key):.2f} | {figures['requests']:,} in "
                f"{figures['seconds']} s | {figures['non_2xx_3xx']} {figures['refused_codes']}"
                f"{_socket_errors(figures)} | "
                f"{figures['idle_before']:.0%} | {figures['load_average']:.1f} |"
            )
        lines += ["", "RSS of each process at the end of the measurements (MiB):\n"]
        lines += ["| condition | process | RSS MiB |", "|---|---|---:|"]
        for condition, processes in block.rss.items():
            for process, kib in processes.items():
                lines.append(f"| {condition} | {process} | {kib / 1024:,.0f} |")
        return "\n".join(lines) + "\n"


def _socket_errors(figures: dict[str, Any]) -> str:
    errors = figures.get("socket_errors", 0)
    return f", {errors} without an answer (connection closed, timeout)" if errors else ""


def ratio_to_floor(block: Block, key: str) -> float:
    return float(block.runs[key]["rps"] / block.runs["floor/idle"]["rps"])


def machine_facts() -> dict[str, Any]:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "software": f"Python {platform.python_version()}, gunicorn {version('gunicorn')}, "
        f"SQLAlchemy {version('sqlalchemy')}, "
        f"{(wrk.stdout or wrk.stderr).splitlines()[0] if (wrk.stdout or wrk.stderr) else 'wrk'}",
        "load": f"{os.getloadavg()[0]:.1f}",
        "commit": commit,
    }


if __name__ == "__main__":
    main()
