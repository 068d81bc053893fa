"""Where the top-level folders (templates, reports, migrations) live.

In a source checkout they sit beside the package; a wheel carries them inside it.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder ``name`` (``templates``, ``reports`` or ``migrations``)."""
    for base in (_PACKAGE, _PACKAGE.parent):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"SIR Tracker's {name}/ folder is missing from {_PACKAGE}")
