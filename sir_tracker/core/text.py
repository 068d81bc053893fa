"""What any text typed by a person may hold: no control characters, and a bounded length.

PostgreSQL refuses a NUL byte in text (an error, not a field message) and SQLite stores it, so
both are refused here first, the same way on both; a length limit keeps one field from making
a report hundreds of pages long (a 110,001-character note once made an LEA's report take 100 s).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import String, inspect
from sqlalchemy.orm import Session

from sir_tracker.core.errors import DomainError

# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) but tabs and
# line breaks, which are text. A regular expression: every flush checks every new text, and a
# loop over characters in Python was a tenth of loading statewide data.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(value: str) -> bool:
    return _CONTROL.search(value) is not None


def text_problem(value: str, *, limit: int, what: str) -> str | None:
    """Why ``value`` cannot be saved as ``what`` ("The note"), or None."""
    if has_control_characters(value):
        return (
            f"{what} contains a control character (such as a NUL byte) that cannot be saved: "
            "remove it."
        )
    if len(value) > limit:
        return f"{what} can have at most {limit:,} characters; this one has {len(value):,}."
    return None


class ControlCharactersRefused(DomainError):
    """A record held text with a control character when it was about to be written."""


def refuse_control_characters(session: Session, _context: Any, _instances: Any) -> None:
    """Before every flush: no text column of a new or changed record holds a control
    character, whichever path (form, import, command) the text came by. The forms refuse them
    first with a message on the field; this is the guarantee behind them."""
    for record in (*session.new, *session.dirty):
        mapper = inspect(record).mapper
        for column in mapper.columns:
            if not isinstance(column.type, String) or column.key is None:
                continue
            value = getattr(record, mapper.get_property_by_column(column).key, None)
            if isinstance(value, str) and has_control_characters(value):
                raise ControlCharactersRefused(
                    f"The {column.key.replace('_', ' ')} of this {type(record).__name__} holds "
                    "a control character (such as a NUL byte); nothing was saved.",
                    field=column.key,
                )
