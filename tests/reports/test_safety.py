"""Text that users typed is shown as text, and WeasyPrint fetches nothing but the report's own
assets: a file:// attachment or image never brings a file of the server into the PDF."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import weasyprint
from sqlalchemy.orm import Session

from sir_tracker.core.pacific_time import at_local, today
from sir_tracker.core.paths import resource_dir
from sir_tracker.progress.operations import change_status
from sir_tracker.reports.models import Audience
from sir_tracker.reports.operations import render_lea_report
from sir_tracker.reports.render import PDF_VARIANT, AssetFetcher, FetchRefused
from sir_tracker.users.models import User
from tests.support import builders, pdfs

PASSWD = Path("/etc/passwd")
# A line that only /etc/passwd holds, whichever of its bytes a leak would carry.
PASSWD_LINE = b"root:x:0:0"
IMAGE = '<img src="file:///etc/passwd">'
ATTACHMENT = '<a rel="attachment" href="file:///etc/passwd">x</a>'
LINK = '<link rel="attachment" href="file:///etc/passwd">'
REPORTS = resource_dir("reports")

pytestmark = pytest.mark.skipif(
    PASSWD_LINE not in PASSWD.read_bytes(), reason="needs a Unix /etc/passwd with root"
)


def leaks_passwd(pdf: bytes) -> bool:
    return any(PASSWD_LINE in stream for stream in pdfs.inflated_streams(pdf))


def test_user_text_is_printed_as_text_and_no_file_is_fetched(session: Session, lead: User) -> None:
    sir, actions = builders.sir_with_actions(session, 2, by=lead)
    sir.lea.name = 'Test <b>Unified</b> & "Sons"'
    actions[0].text = f"Show the attendance {IMAGE} dashboard."
    actions[1].text = f"Publish the plan {ATTACHMENT} on the website."
    session.flush()
    change_status(
        session,
        actions[1],
        "in progress",
        by=lead,
        note=f"Posted {LINK} today.",
        at=at_local(date(2024, 2, 1)),
    )
    session.flush()

    rendered = render_lea_report(session, sir.lea, today(), Audience.SPI)
    text = pdfs.squeezed(pdfs.text(rendered.pdf))

    for typed in (IMAGE, ATTACHMENT, LINK, 'Test <b>Unified</b> & "Sons"'):
        assert pdfs.squeezed(typed) in text, typed
    assert not leaks_passwd(rendered.pdf)
    assert pdfs.embedded_files(rendered.pdf) == []


@pytest.mark.parametrize("fetcher", [None, "ours"], ids=["weasyprint's default", "ours"])
def test_the_fetcher_is_what_keeps_files_out(fetcher: str | None) -> None:
    """The same markup, unescaped, through WeasyPrint's default fetcher leaks the file (the
    check above can see a leak) and through ours does not."""
    html = f'<html lang="en"><title>Leak</title><p>{IMAGE}{ATTACHMENT}{LINK}</p></html>'
    options = {} if fetcher is None else {"url_fetcher": AssetFetcher(REPORTS)}

    pdf = weasyprint.HTML(string=html, base_url=REPORTS.as_uri() + "/", **options).write_pdf(
        pdf_variant=PDF_VARIANT
    )

    if fetcher is None:
        assert leaks_passwd(pdf)
        assert pdfs.embedded_files(pdf)
    else:
        assert not leaks_passwd(pdf)
        assert pdfs.embedded_files(pdf) == []


def test_the_fetcher_serves_the_report_assets() -> None:
    fetcher = AssetFetcher(REPORTS)

    stylesheet = fetcher.fetch((REPORTS / "print.css").as_uri())
    font = fetcher.fetch((REPORTS / "fonts" / "sourcesanspro-regular-webfont.woff2").as_uri())

    assert stylesheet.content_type == "text/css"
    assert b"@page" in stylesheet.read()
    assert font.read()[:4] == b"wOF2"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "FILE:///etc/passwd",
        (REPORTS / ".." / "pyproject.toml").as_uri(),
        REPORTS.as_uri() + "/%2e%2e/pyproject.toml",
        REPORTS.as_uri() + "/fonts",  # a folder
        REPORTS.as_uri() + "/missing.css",
        "file://elsewhere.example/etc/passwd",
        "http://127.0.0.1:9/print.css",
        "https://example.org/print.css",
        "ftp://example.org/print.css",
        "data:text/css,body{color:red}",
        "not a url",
    ],
)
def test_the_fetcher_refuses_everything_else(url: str) -> None:
    with pytest.raises(FetchRefused):
        AssetFetcher(REPORTS).fetch(url)


def test_a_link_out_of_the_assets_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    root.mkdir()
    (root / "ok.css").write_text("p {}")
    os.symlink(PASSWD, root / "passwd.css")
    fetcher = AssetFetcher(root)

    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"p {}"
    with pytest.raises(FetchRefused):
        fetcher.fetch((root / "passwd.css").as_uri())
