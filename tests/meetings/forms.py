"""Filling in the meeting form as a browser would send it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.core.database import Base
from sir_tracker.meetings.models import Attendee, Meeting, Metric, NextStep, SwotNote
from tests.support.auth import csrf_token

MEETING_TABLES = (Meeting, Attendee, SwotNote, Metric, NextStep)


def rows(name: str, *filled: Mapping[str, str], blank: int = 3) -> dict[str, str]:
    """The inputs of a list of rows: the filled ones, then ``blank`` empty rows."""
    fields = {
        "attendees": ("name", "title", "organisation", "email"),
        "notes": ("category", "text"),
        "metrics": ("label", "value", "unit"),
        "steps": ("text", "owner", "owner_email", "due_on", "done_on"),
    }[name]
    data: dict[str, str] = {}
    for index, row in enumerate([*filled, *({} for _ in range(blank))]):
        for field in fields:
            data[f"{name}-{index}-{field}"] = row.get(field, "")
        if row.get("done"):
            data[f"{name}-{index}-done"] = "y"
    return data


# A held quarterly meeting records who met (the LEA, and CCEE or the county office) and a summary.
ATTENDING = (
    {"name": "Dana Principal", "title": "Principal", "organisation": "lea"},
    {"name": "Casey Coach", "title": "CCEE facilitator", "organisation": "ccee"},
)
SUMMARY = "Reviewed the actions due this quarter and agreed next steps."


def meeting_data(held_on: str = "2024-03-12", **fields: Any) -> dict[str, str]:
    """A whole form: the meeting's fields, then every list of rows. Unless given, the attendees
    are an LEA principal and a CCEE facilitator, the summary says what was reviewed, and the
    other lists are blank."""
    data = {"held_on": held_on, "kind": "quarterly", "sir": "", "agenda": "", "summary": SUMMARY}
    data |= fields.pop("attendees", rows("attendees", *ATTENDING))
    for name in ("notes", "metrics", "steps"):
        data |= fields.pop(name, rows(name))
    data |= {key: str(value) for key, value in fields.items()}
    return data


def submit(client: FlaskClient, path: str, data: Mapping[str, str]) -> Any:
    return client.post(path, data={"csrf_token": csrf_token(client, path), **data})


def meeting_rows(session: Session) -> dict[str, int]:
    session.expire_all()
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
        for model in MEETING_TABLES
        if issubclass(model, Base)
    }
