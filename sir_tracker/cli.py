"""The ``sir-tracker`` console script: Flask's CLI with the app built by the factory."""

from flask.cli import FlaskGroup

from sir_tracker.app import create_app

cli = FlaskGroup(create_app=create_app, help="SIR Tracker: commands for operators.")


def main() -> None:
    cli.main(prog_name="sir-tracker")
