"""Report data to HTML (Jinja templates of reports/) and HTML to PDF (WeasyPrint).

WeasyPrint fetches the stylesheet and fonts through ``AssetFetcher``, which serves the files
of reports/ and nothing else: with its default fetcher, a ``file://`` attachment or image in
the HTML would put that file's bytes in the PDF. User text is escaped by Jinja's autoescape.

Importing this module imports WeasyPrint (0.6 s): only code that renders should import it.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from sir_tracker.core.formatting import dates_in
from sir_tracker.core.i18n import DEFAULT_LANGUAGE, translations
from sir_tracker.core.paths import resource_dir
from sir_tracker.monitoring.published import NO_THEME, PublicProfile
from sir_tracker.reports.assembly import SECTION_LINK, numbered
from sir_tracker.reports.budget import LayoutBudget
from sir_tracker.reports.charts import counts_chart
from sir_tracker.reports.data import Counts, LeaReportData
from sir_tracker.reports.models import ReportKind
from sir_tracker.reports.packet_data import PacketCover, PacketSummary
from sir_tracker.reviews.models import ActionStatus

PDF_VARIANT = "pdf/ua-1"  # tagged, with the document's language and title (PDF/UA-1)
LEA_TEMPLATE = "lea_report.html"
PACKET_TEMPLATE = "board_packet.html"

log = logging.getLogger(__name__)


class FetchRefused(ValueError):
    pass


class AssetFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
    """Serves the files under ``root`` (file:// URLs) and refuses every other URL: other
    files, http(s), ftp, data:. Symbolic links are followed before the check."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = self.asset_path(url)
        if path is None:
            log.warning("A report tried to fetch %r; only files of reports/ are served.", url)
            raise FetchRefused(f"Reports fetch nothing but their own assets, not {url!r}.")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )

    def asset_path(self, url: str) -> Path | None:
        """The file of ``root`` that ``url`` names, or None if it names anything else."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path


@cache
def _environment(language: str = DEFAULT_LANGUAGE) -> Environment:
    """The reports' Jinja environment in ``language``: only the public report is written in
    another language than English; the others' ``_()`` leave the English as it is."""
    environment = Environment(
        loader=FileSystemLoader(resource_dir("reports")),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations(language), newstyle=True
    )
    environment.globals["ActionStatus"] = ActionStatus
    environment.filters["thousands"] = "{:,}".format  # 1,539: a packet sums many LEAs
    environment.filters.update(dates_in(language))
    return environment


@cache
def _font_configuration() -> FontConfiguration:
    # One per process: it caches the fonts of @font-face (a fresh one per render is 15% slower).
    return FontConfiguration()


@cache
def _fetcher() -> AssetFetcher:
    return AssetFetcher(resource_dir("reports"))


# The font configuration is shared, and WeasyPrint does not say it is thread-safe: one render
# at a time per process (two at once would not finish sooner under the GIL anyway).
_render_lock = threading.Lock()


def lea_report_html(data: LeaReportData) -> str:
    """The HTML of an LEA status report; it links reports/print.css."""
    return (
        _environment()
        .get_template(LEA_TEMPLATE)
        .render(
            report=data, kind=ReportKind.LEA.label, counts_chart=counts_chart(data.headline.counts)
        )
    )


def packet_summary_html(summary: PacketSummary, cover: PacketCover) -> str:
    """The HTML of a board packet's first pages: the cover, the contents, the caseload by
    mode and the summary table; links to the LEAs' sections are SECTION_LINK URLs, made
    links to their pages once the packet is joined."""
    return (
        _environment()
        .get_template(PACKET_TEMPLATE)
        .render(
            summary=summary,
            cover=cover,
            section_link=SECTION_LINK,
            kind=ReportKind.BOARD_PACKET.label,
            counts_chart=counts_chart(summary.total),
        )
    )


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


def html_to_pdf(html: str, budget: LayoutBudget | None = None) -> Pdf:
    """Lay out HTML written from reports/ templates as a tagged PDF (PDF/UA-1); refused
    (``ReportOverBudget``) past ``budget``."""
    if budget is not None:
        budget.check_text(html)
    fetcher = _fetcher()
    source = weasyprint.HTML(
        string=html, base_url=resource_dir("reports").as_uri() + "/", url_fetcher=fetcher
    )
    options = {"pdf_variant": PDF_VARIANT}
    with _render_lock:
        with budget.deadline() if budget is not None else nullcontext():
            document = source.render(font_config=_font_configuration(), **options)
        if budget is not None:
            budget.check_pages(len(document.pages))
        data: bytes = document.write_pdf(**options)
    return Pdf(data, len(document.pages))


def lea_report_pdf(data: LeaReportData, budget: LayoutBudget | None = None) -> Pdf:
    """One LEA's status report, its pages numbered (``lea_report_section`` without them)."""
    section = lea_report_section(data, budget)
    return Pdf(numbered(section.data), section.pages)


def lea_report_section(data: LeaReportData, budget: LayoutBudget | None = None) -> Pdf:
    """One LEA's status report without page numbers: a section, numbered where it is used
    (alone, or where it falls in a packet)."""
    return html_to_pdf(lea_report_html(data), budget)


PUBLIC_TEMPLATE = "public_report.html"


def public_report_html(
    profile: PublicProfile, *, generated_on: date, language: str = DEFAULT_LANGUAGE
) -> str:
    """The HTML of the public progress report: what the LEA's public page shows, and no
    more (``monitoring.published`` reads only published content)."""
    counts = profile.counts
    headline = Counts.of("All recommended actions", counts) if counts is not None else None
    no_theme = translations(language).gettext(NO_THEME)
    return (
        _environment(language)
        .get_template(PUBLIC_TEMPLATE)
        .render(
            profile=profile,
            language=language,
            no_theme=no_theme,
            headline=headline,
            components=[Counts.of(line.label, line.counts) for line in profile.components],
            themes=[
                Counts.of(no_theme if line.label == NO_THEME else line.label, line.counts)
                for line in profile.themes
            ],
            counts_chart=counts_chart(headline) if headline is not None else None,
            generated_on=generated_on,
        )
    )
