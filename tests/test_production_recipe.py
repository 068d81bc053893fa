"""The README's production recipe, followed as an operator would on a fresh machine: a
PostgreSQL database, the required settings, ``db upgrade``, the first administrator, gunicorn
and a worker as real processes; then a sign-in, a status update and an LEA report over HTTP.

It runs in the PostgreSQL pass of ``make test`` (the recipe is for PostgreSQL). The demo data
stands in for the agency's own, loaded with the same command an operator would use.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from sqlalchemy import select

from sir_tracker.core.db import Database
from sir_tracker.leas.models import Lea
from sir_tracker.reviews.models import Action, ActionStatus, Sir
from tests.support import pdfs
from tests.support.databases import DatabaseServer

README = Path(__file__).resolve().parent.parent / "README.md"
BIN = Path(sys.executable).parent
IUSD = "Inglewood Unified School District"
ADMIN_EMAIL = "first.admin@ccee.example"
ADMIN_PASSWORD = "a long first admin password"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def recipe() -> str:
    text = README.read_text()
    start = text.index("## Running it for real")
    return text[start : text.index("\n## ", start + 1)]


@dataclass
class Answer:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: object, **_kwargs: object) -> None:
        return None  # a test looks at each redirect itself


class Browser:
    """Plain HTTP with cookies, as a browser without scripts: nothing of the app in-process."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
        )

    def open(self, path: str, data: Mapping[str, str] | None = None) -> Answer:
        body = None if data is None else urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as answer:
            return Answer(answer.code, answer.headers, answer.read())

    def submit(self, form_path: str, path: str, data: Mapping[str, str]) -> Answer:
        found = _CSRF.search(self.open(form_path).text)
        assert found, f"no form at {form_path}"
        return self.open(path, {"csrf_token": found.group(1), **data})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def run(command: list[str], env: Mapping[str, str], stdin: str = "") -> str:
    done = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(command)}: {done.stderr}"
    return done.stdout


@pytest.fixture
def postgres_url(database_server: DatabaseServer) -> Iterator[str]:
    if database_server.dialect != "postgresql":
        pytest.skip("the recipe is for PostgreSQL: the PostgreSQL pass of make test follows it")
    url = database_server.create()
    yield url
    database_server.drop(url)


def test_the_production_recipe_serves_signs_in_updates_and_reports(
    postgres_url: str, tmp_path: Path
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": postgres_url,
        "SIR_TRACKER_PRODUCTION": "true",
        "SIR_TRACKER_SECRET_KEY": secrets.token_hex(32),
        "SIR_TRACKER_BASE_URL": base,
        "SIR_TRACKER_INSTANCE_PATH": str(tmp_path / "instance"),  # a fresh machine's
    }

    def gunicorn(port: int) -> list[str]:
        return [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2",
                "sir_tracker.wsgi:app"]  # fmt: skip

    worker = [str(BIN / "sir-tracker"), "worker"]
    for step in ("sir-tracker db upgrade", "sir-tracker users create --role admin",
                 "gunicorn --bind", "--workers", "sir_tracker.wsgi:app", "sir-tracker worker",
                 "SIR_TRACKER_PRODUCTION=true", "SIR_TRACKER_SECRET_KEY",
                 "SIR_TRACKER_BASE_URL", "DATABASE_URL=postgresql://"):  # fmt: skip
        assert step in recipe(), f"the README's recipe no longer says {step!r}"

    # Without its secret key, production refuses to start (checked below, once it has exited:
    # each step here imports the app, seconds that run side by side).
    keyless = {name: value for name, value in env.items() if name != "SIR_TRACKER_SECRET_KEY"}
    refusing = subprocess.Popen(
        gunicorn(free_port()), env=keyless, stderr=subprocess.PIPE, text=True
    )

    run([str(BIN / "sir-tracker"), "db", "upgrade"], env)
    logs = [(tmp_path / name).open("w") for name in ("web.log", "worker.log")]
    processes = [
        subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        for command, log in zip((gunicorn(port), worker), logs, strict=True)
    ]
    try:
        # Stands in for the agency's data; it loads only into an empty database, so first.
        run([str(BIN / "sir-tracker"), "demo"], env)
        admin = ["--role", "admin", "--email", ADMIN_EMAIL, "--name", "First Admin"]
        run([str(BIN / "sir-tracker"), "users", "create", *admin, "--password-stdin"], env,
            stdin=ADMIN_PASSWORD + "\n")  # fmt: skip
        _, refusal = refusing.communicate(timeout=60)
        assert refusing.returncode != 0
        assert "will not start in production without SIR_TRACKER_SECRET_KEY" in refusal

        browser = Browser(base)
        deadline = time.monotonic() + 30
        while True:
            try:
                if browser.open("/sign-in").status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "web.log").read_text()
            time.sleep(0.1)

        signed_in = browser.submit(
            "/sign-in", "/sign-in", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
        )
        assert signed_in.status == 302 and signed_in.headers["Location"] == "/"

        database = Database(postgres_url)
        with database.new_session(write=False) as session:
            iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
            action = session.scalars(
                select(Action)
                .join(Sir)
                .where(Sir.lea_id == iusd.id, Action.status == ActionStatus.NOT_STARTED)
                .order_by(Action.id)
            ).first()
            assert action is not None
            iusd_id, action_id, version = iusd.id, action.id, action.version
        status_page = f"/actions/{action_id}/status"
        changed = browser.submit(
            status_page,
            status_page,
            {"status": "in_progress", "note": "Kick-off held.", "version": str(version)},
        )
        assert changed.status == 302
        with database.new_session(write=False) as session:
            assert session.get_one(Action, action_id).status is ActionStatus.IN_PROGRESS
        database.engine.dispose()

        asked = browser.submit(
            f"/leas/{iusd_id}/reports",
            f"/leas/{iusd_id}/report.pdf",
            {"as_of": "2021-06-30", "audience": "board"},
        )
        assert asked.status == 303
        job_page = urllib.parse.urlsplit(asked.headers["Location"]).path
        deadline = time.monotonic() + 60
        while 'data-active="true"' in (page := browser.open(job_page).text):
            assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()
            time.sleep(0.2)
        link = re.search(r'href="(/reports/\d+\.pdf)" data-download', page)
        assert link is not None, page
        report = browser.open(link.group(1))
        assert report.status == 200 and report.headers["Content-Type"] == "application/pdf"
        assert "19 completed / 41 in progress / 6 not started" in pdfs.text(report.body)
        assert all(process.poll() is None for process in processes)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        for log in logs:
            log.close()
