"""The floor of the load benchmark: a bare Flask app whose page renders a 66-row table of
actions (code, component, text, responsible, status, last change) with one Jinja template,
served by gunicorn exactly as the app is. Nothing a page of ours needs can be cheaper, so the
app's pages are measured as a share of its throughput.

``/`` renders rows held in memory; ``/sqlalchemy`` first reads the 66 actions of the SIR
that bench_load measures (``SIR_BENCH_SIR_ID``) from ``DATABASE_URL`` through SQLAlchemy's
ORM, as our pages do: the difference is the cost of reading the rows.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from typing import Any

from flask import Flask, render_template_string
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

import sir_tracker.all_models  # noqa: F401 - every model mapped, as in the app
from sir_tracker.core.database import make_engine
from sir_tracker.demo import pools
from sir_tracker.reviews.models import Action

ROWS = 66
TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Actions</title></head>
<body><main><h1>Recommended actions</h1>
<table><thead><tr><th>Code</th><th>Component</th><th>Action</th><th>Responsible</th>
<th>Status</th><th>Last change</th></tr></thead><tbody>
{% for row in rows %}<tr><td><a href="/actions/{{ row.id }}">{{ row.code }}</a></td>
<td>{{ row.component }}</td><td>{{ row.text }}</td><td>{{ row.responsible }}</td>
<td>{{ row.status }}</td><td>{{ row.changed }}</td></tr>
{% endfor %}</tbody></table></main></body></html>"""


def _rows_in_memory() -> list[dict[str, Any]]:
    texts = [(n, text) for n, pool in pools.ACTIONS.items() for text in pool]
    return [
        {
            "id": index + 1,
            "code": f"{component}.{index % 7 + 1}",
            "component": f"Component {component}",
            "text": text,
            "responsible": pools.RESPONSIBLE[component][0],
            "status": ("not started", "in progress", "completed")[index % 3],
            "changed": (date(2026, 6, 1) - timedelta(days=index)).strftime("%B %-d, %Y"),
        }
        for index, (component, text) in enumerate(texts[:ROWS])
    ]


app = Flask(__name__)
_MEMORY = _rows_in_memory()
_ENGINE = make_engine(os.environ["DATABASE_URL"]) if "DATABASE_URL" in os.environ else None


@app.get("/")
def in_memory() -> str:
    return render_template_string(TEMPLATE, rows=_MEMORY)


@app.get("/sqlalchemy")
def through_sqlalchemy() -> str:
    assert _ENGINE is not None
    with Session(_ENGINE) as session:
        actions = session.scalars(
            select(Action)
            .where(Action.sir_id == int(os.environ["SIR_BENCH_SIR_ID"]))
            .options(joinedload(Action.component))
            .order_by(Action.id)
        ).all()
        rows = [
            {
                "id": action.id,
                "code": action.code,
                "component": action.component.title,
                "text": action.text,
                "responsible": action.responsible,
                "status": action.status.label,
                "changed": action.created_at.strftime("%B %-d, %Y"),
            }
            for action in actions
        ]
    return render_template_string(TEMPLATE, rows=rows)
