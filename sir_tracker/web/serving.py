"""Werkzeug's HTTP server as ``sir-tracker run`` uses it, without naming its versions."""

from __future__ import annotations

from werkzeug.serving import WSGIRequestHandler


class QuietRequestHandler(WSGIRequestHandler):
    """Says ``Server: SIR Tracker`` instead of Werkzeug's and Python's versions, which would
    only tell a prober which published flaws to try."""

    def version_string(self) -> str:
        return "SIR Tracker"
