#!/usr/bin/env python3
"""Fails when sir_tracker holds code that nothing uses (vulture). Names that the templates of
templates/ and reports/ use count as used; scripts/vulture-allowlist.py lists the rest that
vulture cannot see used, each with its reason."""

from __future__ import annotations

import keyword
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")


def template_names() -> set[str]:
    names: set[str] = set()
    for folder in ("templates", "reports"):
        for path in (ROOT / folder).rglob("*.html"):
            names |= set(NAME.findall(path.read_text()))
    return {name for name in names if not keyword.iskeyword(name) and name.isidentifier()}


def main() -> int:
    with tempfile.NamedTemporaryFile("w", suffix="_template_names.py") as used:
        used.write("\n".join(sorted(template_names())) + "\n")
        used.flush()
        return subprocess.call(
            [
                sys.executable,
                "-m",
                "vulture",
                str(ROOT / "sir_tracker"),
                str(ROOT / "scripts" / "vulture-allowlist.py"),
                used.name,
                # Registered by their decorator: routes, commands, event hooks.
                "--ignore-decorators",
                "@blueprint.*,@api.get,@*.command,@*.group,@click.*,@event.listens_for,@validates",
                # Read by the frameworks by name: WTForms, SQLAlchemy, Flask-Login, Werkzeug,
                # WeasyPrint, pikepdf; and the columns that only the database reads.
                "--ignore-names",
                "validate_*,process_bind_param,process_result_value,impl,cache_ok,"
                "type_annotation_map,Meta,widget,option_widget,invalid_choice_message,"
                "invalid_value_message,is_anonymous,get_id,login_view,permanent,regex,"
                "to_python,to_url,fetch,model_config,isolation_level,Lang,ViewerPreferences,PageMode,trace,"
                "*_id,*_at",
            ]
        )


if __name__ == "__main__":
    sys.exit(main())
