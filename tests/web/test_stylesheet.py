"""The pages load the part of USWDS's stylesheet that they can use (scripts/trim_uswds.py),
kept up to date with the templates, and the whole of our own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parents[2]


def test_the_trimmed_stylesheet_is_what_the_templates_need_now() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/trim_uswds.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_a_page_links_the_trimmed_stylesheet_and_it_is_served(client: FlaskClient) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    assert "/static/uswds/css/uswds.trimmed.css" in page
    assert "uswds.min.css" not in page
    with client.get("/static/uswds/css/uswds.trimmed.css") as served:
        assert served.status_code == 200
        css = served.get_data(as_text=True)
    # What the sign-in page's layout and form use, and less than a fifth of the whole.
    for rule in (".usa-button{", ".grid-container{", ".usa-input,", "@font-face"):
        assert rule in css, rule
    whole = (ROOT / "sir_tracker/static/uswds/css/uswds.min.css").stat().st_size
    assert len(css.encode()) < whole / 5
