"""URL converters of the pages."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import BaseConverter, ValidationError

# Ids are INTEGER columns: 32 bits on PostgreSQL, which refuses a larger value with an error
# (a 500) where SQLite would just find nothing.
MAX_ID = 2**31 - 1


class IdConverter(BaseConverter):
    """Database ids in URLs: at most 10 digits and at most ``MAX_ID``, so an absurd id answers
    404 instead of overflowing the database driver."""

    regex = r"[1-9][0-9]{0,9}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValidationError()  # no route matches: 404
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))
