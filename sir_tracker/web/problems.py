"""Errors of the JSON API as RFC 9457 problem details (``application/problem+json``).

The API's own views answer with these; so does every error page asked for under
``API_PREFIX`` (an unknown path, a method not allowed), since an API client reads JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from flask import Response, request

API_PREFIX = "/api/"
PROBLEM_JSON = "application/problem+json"


def wants_problem() -> bool:
    return request.path.startswith(API_PREFIX)


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    errors: Sequence[Mapping[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    body: dict[str, object] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = [dict(error) for error in errors]
    return Response(
        json.dumps(body), status=status, mimetype=PROBLEM_JSON, headers=dict(headers or {})
    )
