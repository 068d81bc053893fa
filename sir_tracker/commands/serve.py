"""``sir-tracker run``: Flask's development server, minus the versions in its Server header."""

from __future__ import annotations

import click
from flask.cli import ScriptInfo, pass_script_info


@click.command("run", help="Serve the app on Werkzeug's HTTP server.")
@click.option("--host", "-h", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", default=5000, show_default=True, help="Port to listen on.")
@pass_script_info
def run_command(info: ScriptInfo, host: str, port: int) -> None:
    from werkzeug.serving import run_simple

    from sir_tracker.web.serving import QuietRequestHandler

    run_simple(host, port, info.load_app(), threaded=True, request_handler=QuietRequestHandler)
