"""Where the top-level folders (templates, reports, migrations) live.

In a source checkout they sit beside the package; a wheel carries them inside it (reports/
then shares the folder of the ``sir_tracker.reports`` package, which is why a checkout is
recognised by its pyproject.toml rather than by which folders exist).
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # sir_tracker/, not sir_tracker/core/


def resource_dir(name: str) -> Path:
    """Return the folder ``name`` (``templates``, ``reports`` or ``migrations``)."""
    in_checkout = (_PACKAGE.parent / "pyproject.toml").is_file()
    candidate = (_PACKAGE.parent if in_checkout else _PACKAGE) / name
    if candidate.is_dir():
        return candidate
    raise FileNotFoundError(f"SIR Tracker's {name}/ folder is missing from {candidate.parent}")
