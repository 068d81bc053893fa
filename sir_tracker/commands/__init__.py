"""Operator commands, reached through the ``sir-tracker`` console script (sir_tracker/cli.py).

Each module imports at its top only click and what its options need (an enum for a choice, a
date parser): ``sir-tracker --help`` imports every one of them to show their help. What a
command works with (the models, Alembic, WeasyPrint, openpyxl) it imports when it runs, inside
the app's context (which the console script's group gives it)."""

# Each command's name and where it is defined, as module:attribute.
COMMANDS: dict[str, str] = {
    "backup": "sir_tracker.commands.backup:backup_command",
    "db": "sir_tracker.commands.database:db_group",
    "demo": "sir_tracker.commands.demo:demo_command",
    "import": "sir_tracker.commands.imports:import_command",
    "reminders": "sir_tracker.commands.reminders:reminders_group",
    "report": "sir_tracker.commands.reports:report_group",
    "restore": "sir_tracker.commands.backup:restore_command",
    "run": "sir_tracker.commands.serve:run_command",
    "status": "sir_tracker.commands.status:status_command",
    "users": "sir_tracker.commands.users:users_group",
    "worker": "sir_tracker.commands.reports:worker_command",
}
