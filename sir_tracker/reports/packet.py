"""The board packet: a summary of every LEA in it, then each LEA's status report.

Each LEA's report is laid out on its own (one WeasyPrint document per LEA, on several
processes) and kept as a section with its data version; the sections and the summary are
then joined with pypdf. A packet asked for again re-uses every section whose LEA has not
changed, so regenerating after a few changes lays out only those few.

The joined PDF keeps each section's text, language, title and an outline entry per LEA;
pypdf does not merge the sections' tag trees, so only the single-LEA reports are tagged PDFs.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, NameObject, TextStringObject
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sir_tracker.database import transaction, utcnow
from sir_tracker.db import Database
from sir_tracker.leas.models import Lea
from sir_tracker.progress.display import long_date
from sir_tracker.progress.quarters import Thresholds
from sir_tracker.reports.data import current_sir, lea_report_data
from sir_tracker.reports.models import Audience, ReportKind
from sir_tracker.reports.operations import RenderedReport, ReportRefused, check_as_of
from sir_tracker.reports.packet_data import PacketSummary, dta_leas, load_leas, packet_summary
from sir_tracker.reports.parallel import LaidOut, lay_out, lay_out_all
from sir_tracker.reports.sections import (
    SectionPdf,
    cached_sections,
    data_versions,
    keep_sections,
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
) -> BuiltPacket:
    """Render the board packet of ``lea_ids`` (None: every LEA in DTA on ``as_of``) without
    archiving it. Sections are kept as they are laid out, each in its own short transaction.

    Refused (``ReportRefused``) for a date in the future, an empty set, or an LEA without a SIR.
    """
    check_as_of(as_of)
    report = (lambda _progress: None) if progress is None else progress
    generated_at = utcnow()
    # Short read transactions, none open while a section is kept: on SQLite a long one would
    # hold back the log's checkpoints for the whole packet.
    with database.new_session(write=False) as session:
        leas = _packet_leas(session, lea_ids, as_of)
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
    for lea_id, laid_out in lay_out_all(html_of_stale(), processes):
        section = SectionPdf(lea_id, laid_out.pdf, laid_out.pages)
        sections[lea_id] = section
        peak = max(peak, laid_out.peak_rss_kib)
        _keep(database, section, versions, as_of, audience)
        report(PacketProgress(len(ids), len(sections), reused, names[lea_id]))

    summary_pdf = _lay_out_summary(summary, [sections[lea_id].pages for lea_id in ids])
    pdf = join(summary, summary_pdf, [sections[lea_id] for lea_id in ids])
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
    leas = load_leas(session, lea_ids)
    missing = set(lea_ids) - {lea.id for lea in leas}
    if missing:
        raise ReportRefused("Some of the chosen LEAs no longer exist.", field="leas")
    for lea in leas:
        current_sir(lea)  # NothingToReport for an LEA without a SIR
    return leas


def _keep(
    database: Database,
    section: SectionPdf,
    versions: dict[int, str],
    as_of: date,
    audience: Audience,
) -> None:
    try:
        with transaction(database.writers) as session:
            keep_sections(session, [section], versions, as_of, audience)
    except IntegrityError:
        # Another packet kept the same section at the same moment: theirs is as good.
        log.info("Section of LEA %s was kept by another packet meanwhile.", section.lea_id)


def _lay_out_summary(summary: PacketSummary, section_pages: Sequence[int]) -> LaidOut:
    """The summary pages, with where each LEA's report starts. Its own length moves those
    starts: lay it out again until the page count it assumed is the one it has."""
    from sir_tracker.reports.render import packet_summary_html

    assumed = 1
    for _attempt in range(4):
        starts, page = [], assumed + 1
        for pages in section_pages:
            starts.append(page)
            page += pages
        laid_out = lay_out(packet_summary_html(summary.with_first_pages(starts)))
        if laid_out.pages == assumed:
            return laid_out
        assumed = laid_out.pages
    raise RuntimeError("The packet summary's page count does not settle.")


def join(summary: PacketSummary, summary_pdf: LaidOut, sections: Sequence[SectionPdf]) -> bytes:
    """One PDF: the summary, then each section, with an outline entry per LEA."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(summary_pdf.pdf)), outline_item="Summary")
    for line, section in zip(summary.lines, sections, strict=True):
        writer.append(PdfReader(io.BytesIO(section.pdf)), outline_item=line.name)
    # Sections embed the same fonts and images: keep one copy of each identical object.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    writer.add_metadata(
        {
            "/Title": summary.title,
            "/Author": "California Collaborative for Educational Excellence",
            "/Subject": f"For the {summary.audience_label}",
            "/Creator": "SIR Tracker",
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject("en")
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
