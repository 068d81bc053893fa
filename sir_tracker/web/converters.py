"""URL converters of the pages."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import BaseConverter


class IdConverter(BaseConverter):
    """Database ids in URLs: at most 18 digits, so every match fits a 64-bit integer and an
    absurd id answers 404 instead of overflowing the database driver."""

    regex = r"[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: Any) -> str:
        return str(int(value))
