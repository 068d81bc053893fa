"""Every form of every page, sent with hostile text in each of its text fields (a NUL byte, or
far more than any limit), is refused or handled: never a 500, and nothing with a NUL stored."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from sir_tracker.users.models import User
from tests.support.auth import open_session_for
from tests.test_access_matrix import ROUTES, World
from tests.test_access_matrix import app as app
from tests.test_access_matrix import shared as shared
from tests.test_access_matrix import world as world

TEXT_INPUTS = {"text", "email", "url", "search", "password", "tel", ""}


class Forms(HTMLParser):
    """The post forms of a page: (action, [(name, value, is_text)])."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.forms: list[tuple[str, list[tuple[str, str, bool]]]] = []
        self._current: list[tuple[str, str, bool]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._current = []
            self.forms.append((a.get("action") or self.page_path, self._current))
        elif self._current is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type", "") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._current.append((a["name"], a.get("value", ""), a.get("type", "") in TEXT_INPUTS))
        elif tag == "textarea":
            self._current.append((a["name"], "", True))
        elif tag == "select":
            self._select = a["name"]
        if tag == "option" and self._select is not None and self._current is not None:
            self._current.append((self._select, a.get("value", ""), False))
            self._select = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def form_pages(world: World) -> list[str]:
    return sorted(
        {
            route.path.format(**world.ids)
            for routes in ROUTES.values()
            for route in routes
            if route.method == "GET" and "{" not in route.path.format(**world.ids)
        }
    )


HOSTILE = {
    "a NUL byte": "Looks fine\x00 but is not",
    "12,000 characters": "x" * 12_000,
}


@pytest.mark.parametrize("hostile", HOSTILE, ids=list(HOSTILE))
def test_no_form_answers_500_to_hostile_text(
    client: FlaskClient, session: Session, world: World, hostile: str
) -> None:
    open_session_for(client, session, session.get_one(User, world.users["admin"]))
    sent: list[tuple[str, int]] = []
    kinds: set[str] = set()
    for page in form_pages(world):
        response = client.get(page)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = Forms(page)
        parser.feed(response.get_data(as_text=True))
        for action, fields in parser.forms:
            kind = re.sub(r"\d+", "N", action)  # the SIR page has one status form per action
            if kind in kinds or action.endswith(("/sign-out", "/deactivate")):
                continue  # (or would end the session or the account the loop goes on with)
            kinds.add(kind)
            data: dict[str, Any] = {}
            for name, value, is_text in fields:
                data[name] = HOSTILE[hostile] if is_text and name != "csrf_token" else value
            answer = client.post(action, data=data)
            sent.append((action, answer.status_code))

    assert len(sent) > 20  # the pages' forms were found and sent
    failures = [(action, status) for action, status in sent if status >= 500]
    assert failures == []
