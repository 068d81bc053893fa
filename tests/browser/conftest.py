"""Browser tests: Debian's chromium, driven headless by Playwright, against the app served
over real HTTP on 127.0.0.1.

Each test module has a live server with a database of its own (migrated, demo loaded),
separate from the rolled-back one of the other tests: what a test does through the browser
really commits, and the later tests of its module see it, but no other module does. Modules run
in any order on either worker, so one that checks the demo as loaded (the home page's
"19 completed / 41 in progress / 6 not started") must not see another's bulk update; a copy of
the demo database and a server thread cost milliseconds.

Playwright's own browser download (``playwright install``) is never used: the browser is the
``chromium`` Debian package, which ``make test`` installs (scripts/install-system-packages.sh).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from sqlalchemy import select
from werkzeug.serving import make_server

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.users.models import Role
from sir_tracker.web.serving import QuietRequestHandler
from tests.browser.support import watch_for_policy_violations
from tests.conftest import make_test_app
from tests.support.auth import PASSWORD, make_user
from tests.support.databases import DatabaseServer

HOST = "127.0.0.1"
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
DEFAULT_TIMEOUT_MS = 10_000
CHROMIUM_ARGS = [
    "--no-sandbox",  # we may run as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class LiveServer:
    url: str  # base URL, without a trailing slash
    database_url: str


@pytest.fixture(scope="module")
def live_server(database_server: DatabaseServer, demo_template: str) -> Iterator[LiveServer]:
    """The app on a free port of 127.0.0.1, on its own database with the demo loaded."""
    database_url = database_server.create(template=demo_template)
    app = make_test_app(database_url)
    server = make_server(HOST, 0, app, threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://{HOST}:{server.port}", database_url=database_url)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        app.extensions["sir_tracker.core.db"].engine.dispose()
        database_server.drop(database_url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Browser tests need Debian's chromium (/usr/bin/chromium), which is not installed: "
            "run `make test`, or scripts/install-system-packages.sh, to install it. "
            "(`playwright install` does not work here and is not used.)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in a context of its own (no cookies or storage from other tests). The test
    fails if any page it opened broke the Content Security Policy or raised a script error."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    problems = watch_for_policy_violations(page)
    yield page
    context.close()
    if problems:
        pytest.fail(
            "The pages broke the Content Security Policy or raised errors:\n" + "\n".join(problems),
            pytrace=False,
        )


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    name: str


@pytest.fixture
def make_account(live_server: LiveServer) -> Callable[..., Account]:
    """Create a user in the live server's database, committed, with a known password."""

    def make(role: Role, *, county: str | None = None, lea_name: str | None = None) -> Account:
        database = Database(live_server.database_url)
        try:
            with transaction(database.writers) as session:
                office = None
                if county is not None:
                    office = session.scalars(
                        select(CountyOffice).where(CountyOffice.county == county)
                    ).one()
                lea = None
                if lea_name is not None:
                    lea = session.scalars(select(Lea).where(Lea.name == lea_name)).one()
                user = make_user(session, role, county_office=office, lea=lea)
                return Account(user.email, PASSWORD, user.name)
        finally:
            database.engine.dispose()

    return make


def sign_in_page(page: Page, live_server: LiveServer, account: Account) -> None:
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Email address").fill(account.email)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
