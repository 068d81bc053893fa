"""The ``sir-tracker`` console script: Flask's CLI with the app built by the factory."""

from flask.cli import FlaskGroup, routes_command, shell_command

from sir_tracker.app import create_app
from sir_tracker.commands.serve import run_command

# Flask's own `run` is replaced by ours (sir_tracker/commands/serve.py); its other two stay.
cli = FlaskGroup(
    create_app=create_app,
    add_default_commands=False,
    help="SIR Tracker: commands for operators.",
)
cli.add_command(run_command)
cli.add_command(shell_command)
cli.add_command(routes_command)


def main() -> None:
    cli.main(prog_name="sir-tracker")
