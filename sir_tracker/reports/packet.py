"""The board packet: a summary of every LEA in it, then each LEA's status report.

Each LEA's report is laid out on its own (one WeasyPrint document per LEA, on several
processes) and kept as a section with its data version; the sections and the summary are
then joined with pikepdf (qpdf). A packet asked for again re-uses every section whose LEA has not
changed, so regenerating after a few changes lays out only those few.

The joined PDF keeps each section's text, outline and internal links, with the packet's
title and language; qpdf (pikepdf) does not merge the sections' tag trees, so only the
single-LEA reports are tagged PDFs.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import pikepdf
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.core.db import Database
from sir_tracker.core.formatting import long_date
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.budget import LayoutBudget
from sir_tracker.reports.data import lea_report_data, report_sir
from sir_tracker.reports.models import Audience, ReportKind
from sir_tracker.reports.operations import RenderedReport, ReportRefused, check_as_of
from sir_tracker.reports.packet_data import PacketSummary, dta_leas, load_leas, packet_summary
from sir_tracker.reports.parallel import LayoutPool
from sir_tracker.reports.sections import (
    SectionPdf,
    cached_sections,
    data_versions,
    keep_section,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PacketProgress:
    total: int  # sections in the packet
    done: int  # sections ready (kept ones count as ready from the start)
    reused: int  # sections kept from an earlier packet
    latest: str  # the LEA whose section was ready last, "" at the start


@dataclass(frozen=True)
class BuiltPacket:
    report: RenderedReport
    laid_out: int  # sections laid out for this packet
    reused: int  # sections kept from an earlier one
    peak_rss_kib: int  # the most memory any process laying out a section used


ProgressCallback = Callable[[PacketProgress], None]


def build_packet(
    database: Database,
    lea_ids: Sequence[int] | None,
    as_of: date,
    audience: Audience,
    *,
    thresholds: Thresholds,
    processes: int = 2,
    progress: ProgressCallback | None = None,
    budget: LayoutBudget | None = None,
) -> BuiltPacket:
    """Render the board packet of ``lea_ids`` (None: every LEA in DTA on ``as_of``) without
    archiving it. Sections are kept as they are laid out, each in its own short transaction.

    Refused (``ReportRefused``) for a date in the future, an empty set, or an LEA without a SIR;
    (``ReportOverBudget``) when an LEA's section would pass ``budget``.
    """
    check_as_of(as_of)
    report = (lambda _progress: None) if progress is None else progress
    generated_at = utcnow()
    with LayoutPool(processes, budget) as pool:
        # Short read transactions, none open while a section is kept: on SQLite a long one would
        # hold back the log's checkpoints for the whole packet.
        with database.new_session(write=False) as session:
            leas = _packet_leas(session, lea_ids, as_of)
            pool.start()  # the processes get ready while the data is read
            ids = [lea.id for lea in leas]
            names = {lea.id: lea.name for lea in leas}
            versions = data_versions(session, ids, thresholds)
            sections = cached_sections(session, versions, as_of, audience)
            summary = packet_summary(
                session, leas, as_of, audience, thresholds=thresholds, generated_at=generated_at
            )
        reused = len(sections)
        report(PacketProgress(len(ids), reused, reused, ""))

        def html_of_stale() -> Iterator[tuple[int, str]]:
            from sir_tracker.reports.render import lea_report_html

            for lea_id in [lea_id for lea_id in ids if lea_id not in sections]:
                with database.new_session(write=False) as session:
                    lea = session.get_one(Lea, lea_id)
                    data = lea_report_data(
                        session, lea, as_of, audience, thresholds=thresholds,
                        generated_at=generated_at,
                    )  # fmt: skip
                yield lea_id, lea_report_html(data)

        peak = 0
        for lea_id, laid_out in pool.lay_out_all(html_of_stale()):
            section = SectionPdf(lea_id, laid_out.pdf, laid_out.pages)
            sections[lea_id] = section
            peak = max(peak, laid_out.peak_rss_kib)
            keep_section(database, section, versions, as_of, audience)
            report(PacketProgress(len(ids), len(sections), reused, names[lea_id]))
        ordered = [sections[lea_id] for lea_id in ids]
        # The summary is laid out by the pool while this process joins the sections.
        assumed = _summary_pages_estimate(len(ids))
        summary_job = pool.submit(_summary_html(summary, ordered, assumed))
        joined = join_sections(ordered)
        summary_pdf = summary_job.result()
        while summary_pdf.pages != assumed:  # the estimate was wrong: lay out again
            assumed = summary_pdf.pages
            summary_pdf = pool.submit(_summary_html(summary, ordered, assumed)).result()
    pdf = finish(joined, summary, summary_pdf.pdf)
    return BuiltPacket(
        report=RenderedReport.of(
            ReportKind.BOARD_PACKET,
            lea_id=None,
            as_of=as_of,
            audience=audience,
            filename=packet_filename(as_of, audience),
            pdf=pdf,
            pages=summary_pdf.pages + sum(sections[lea_id].pages for lea_id in ids),
            generated_at=generated_at,
            lea_ids=tuple(ids),
        ),
        laid_out=len(ids) - reused,
        reused=reused,
        peak_rss_kib=max(peak, summary_pdf.peak_rss_kib),
    )


def packet_filename(as_of: date, audience: Audience) -> str:
    """Like "board-packet-2021-06-30-board.pdf"."""
    return f"board-packet-{as_of.isoformat()}-{audience.value}.pdf"


def _packet_leas(session: Session, lea_ids: Sequence[int] | None, as_of: date) -> list[Lea]:
    if lea_ids is None:
        leas = dta_leas(session, as_of)
        if not leas:
            raise ReportRefused(f"No LEA was in direct technical assistance on {long_date(as_of)}.")
        return leas
    if not lea_ids:
        raise ReportRefused("Choose at least one LEA for the board packet.", field="leas")
    leas = load_leas(session, Lea.id.in_(lea_ids))
    missing = set(lea_ids) - {lea.id for lea in leas}
    if missing:
        raise ReportRefused("Some of the chosen LEAs no longer exist.", field="leas")
    for lea in leas:
        report_sir(lea)  # NothingToReport for an LEA without a SIR
    return leas


# Rows of the summary table on one portrait page (below "What the board should notice" on the
# first), for a first guess of the summary's length (the page numbers it prints depend on it);
# a wrong guess costs one more layout.
SUMMARY_ROWS_FIRST_PAGE = 8
SUMMARY_ROWS_PER_PAGE = 13


def _summary_pages_estimate(leas: int) -> int:
    rest = max(0, leas - SUMMARY_ROWS_FIRST_PAGE)
    return 2 + -(-rest // SUMMARY_ROWS_PER_PAGE)  # the cover, then the table


def _summary_html(summary: PacketSummary, sections: Sequence[SectionPdf], pages: int) -> str:
    """The summary's HTML, giving each LEA's first page as if the summary had ``pages``."""
    from sir_tracker.reports.render import packet_summary_html

    starts, page = [], pages + 1
    for section in sections:
        starts.append(page)
        page += section.pages
    return packet_summary_html(summary.with_first_pages(starts))


def join_sections(sections: Sequence[SectionPdf]) -> pikepdf.Pdf:
    """The sections one after the other, each keeping its outline and internal links (qpdf
    renames clashing destinations). Each section is closed once copied, so memory stays near
    the size of the result: about 1 s and 60 MB for 40 LEAs, where pypdf took 10 s and 300 MB."""
    joined = pikepdf.Pdf.new()
    for section in sections:
        with pikepdf.Pdf.open(io.BytesIO(section.pdf)) as source:
            joined.add_pages_from(source)
    return joined


def finish(joined: pikepdf.Pdf, summary: PacketSummary, summary_pdf: bytes) -> bytes:
    """The summary's pages in front of the joined sections, with the packet's outline entries,
    title and language."""
    with joined, pikepdf.Pdf.open(io.BytesIO(summary_pdf)) as source:
        for index, page in enumerate(source.pages):
            joined.pages.insert(index, page)
        with joined.open_outline() as outline:
            outline.root.insert(0, pikepdf.OutlineItem("Summary by LEA", 1))
            outline.root.insert(0, pikepdf.OutlineItem(summary.title, 0))
        joined.docinfo["/Title"] = summary.title
        joined.docinfo["/Author"] = "California Collaborative for Educational Excellence"
        joined.docinfo["/Subject"] = f"For the {summary.audience_label}"
        joined.docinfo["/Creator"] = "SIR Tracker"
        joined.Root.Lang = pikepdf.String("en")
        joined.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        joined.Root.PageMode = pikepdf.Name.UseOutlines
        out = io.BytesIO()
        joined.save(out)
    return out.getvalue()
