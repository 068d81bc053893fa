"""RowUrl: the URL of each row of a table from one url_for, equal to url_for's for every id."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, url_for
from werkzeug.routing import BaseConverter

from sir_tracker.core.urls import RowUrl


@pytest.mark.parametrize(
    ("endpoint", "key", "values"),
    [
        ("reviews.action", "action_id", {}),
        ("progress.update_status", "action_id", {}),
        ("meetings.show", "meeting_id", {}),
        ("reviews.new_action", "component", {"sir_id": 7}),  # the id in the query string
        ("reviews.sir", "sir_id", {"as_of": "2021-06-30"}),
    ],
)
def test_each_rows_url_is_url_fors(
    app: Flask, endpoint: str, key: str, values: dict[str, object]
) -> None:
    with app.test_request_context("/"):
        row_url = RowUrl(endpoint, key, **values)

        for row_id in (1, 9, 42, 2_147_483_646, 10**12):
            assert row_url(row_id) == url_for(endpoint, **{key: row_id, **values})


class HexConverter(BaseConverter):
    def to_url(self, value: Any) -> str:
        return f"{int(value):x}"


def test_a_url_that_writes_the_id_otherwise_is_refused() -> None:
    """A converter that does not write the id in digits would make every row's URL wrong."""
    bare = Flask("hex")
    bare.url_map.converters["hex"] = HexConverter
    bare.add_url_rule("/things/<hex:thing_id>", "thing", lambda thing_id: "")

    with bare.test_request_context("/"), pytest.raises(ValueError, match="does not hold"):
        RowUrl("thing", "thing_id")
