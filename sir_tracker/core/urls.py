"""URLs of a table's rows, built once a page: url_for costs tens of microseconds a call, and
the SIR page's table of 66 actions called it twice a row."""

from __future__ import annotations

from typing import Any

from flask import url_for

# An id that no URL of ours holds otherwise (the largest a 32-bit INTEGER column can hold).
_PLACEHOLDER_ID = 2**31 - 1
_PLACEHOLDER = str(_PLACEHOLDER_ID)


class RowUrl:
    """``url_for(endpoint, **{key: id}, **values)`` for any id: url_for once, with a placeholder
    id, then each row's id put in its place (as the id converter writes it: ``str(int(id))``)."""

    def __init__(self, endpoint: str, key: str, **values: Any) -> None:
        built = url_for(endpoint, **{key: _PLACEHOLDER_ID, **values})
        self._head, found, self._tail = built.partition(_PLACEHOLDER)
        if not found:
            raise ValueError(f"{endpoint}'s URL {built!r} does not hold its {key}")

    def __call__(self, row_id: int) -> str:
        return f"{self._head}{int(row_id)}{self._tail}"
