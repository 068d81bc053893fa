"""The board packet as one document: a cover, the contents, the caseload and the summary by
LEA, then each LEA's status report, numbered "Page 19 of 1,091" throughout.

Each LEA's report is laid out on its own (one WeasyPrint document per LEA, on several
processes), without page numbers, and kept as a section with its data version; the sections
and the first pages are then joined with pikepdf (``assembly.TaggedJoin``: one structure
tree, one parent tree, one outline) and the numbers stamped. A packet asked for again re-uses
every section whose LEA has not changed, whatever page it now starts on, so regenerating
after a few changes lays out only those few, and a packet with nothing changed starts no
layout process at all.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pikepdf
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.core.db import Database
from sir_tracker.core.formatting import long_date
from sir_tracker.core.paths import resource_dir
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.assembly import (
    TaggedJoin,
    continuous_page_labels,
    link_sections,
    stamp_page_numbers,
)
from sir_tracker.reports.budget import LayoutBudget
from sir_tracker.reports.data import lea_report_data, report_sir
from sir_tracker.reports.models import Audience, GeneratedReport, ReportKind
from sir_tracker.reports.operations import RenderedReport, ReportRefused, check_as_of
from sir_tracker.reports.packet_data import (
    PacketCover,
    PacketSummary,
    dta_leas,
    load_leas,
    packet_summary,
)
from sir_tracker.reports.parallel import LaidOut, LayoutPool
from sir_tracker.reports.sections import (
    SectionPdf,
    cached_sections,
    data_versions,
    keep_section,
)

log = logging.getLogger(__name__)

CCEE = "California Collaborative for Educational Excellence"


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
    layout_processes: int  # processes started to lay out (none when nothing was stale)
    peak_rss_kib: int  # the most memory any process laying out a section used
    same_as: int | None = None  # the archived packet whose bytes these are (nothing changed)


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
    board_meeting: date | None = None,
    prepared_by: str = CCEE,
) -> BuiltPacket:
    """Render the board packet of ``lea_ids`` (None: every LEA in DTA on ``as_of``) without
    archiving it. Sections are kept as they are laid out, each in its own short transaction.

    Refused (``ReportRefused``) for a date in the future, an empty set, or an LEA without a SIR;
    (``ReportOverBudget``) when an LEA's section would pass ``budget``.
    """
    check_as_of(as_of)
    report = (lambda _progress: None) if progress is None else progress
    generated_at = utcnow()
    with ExitStack() as stack:
        # Short read transactions, none open while a section is kept: on SQLite a long one would
        # hold back the log's checkpoints for the whole packet.
        with database.new_session(write=False) as session:
            leas = _packet_leas(session, lea_ids, as_of)
            ids = [lea.id for lea in leas]
            names = {lea.id: lea.name for lea in leas}
            versions = data_versions(session, ids, thresholds)
            sections = cached_sections(session, versions, as_of, audience)
            stale = [lea_id for lea_id in ids if lea_id not in sections]
            if stale:
                pool = stack.enter_context(LayoutPool(processes, budget))
                pool.start()  # the processes get ready while the data is read
            summary = packet_summary(
                session, leas, as_of, audience, thresholds=thresholds, generated_at=generated_at
            )
            cover = _cover(lea_ids, as_of, board_meeting, prepared_by)
            if not stale:
                # Nothing to lay out: the same inputs archived before are the same bytes.
                digest = inputs_digest(summary, cover, [sections[i] for i in ids])
                archived = _archived_packet(session, digest, as_of, audience)
                if archived is not None:
                    return _same_as(archived, digest, ids, as_of, audience, generated_at)
                # Only the first pages: no more than one process is worth starting for them.
                pool = stack.enter_context(LayoutPool(1, budget))
                pool.start()
        reused = len(sections)
        report(PacketProgress(len(ids), reused, reused, ""))

        def html_of_stale() -> Iterator[tuple[int, str]]:
            from sir_tracker.reports.render import lea_report_html

            for lea_id in stale:
                with database.new_session(write=False) as session:
                    lea = session.get_one(Lea, lea_id)
                    data = lea_report_data(
                        session, lea, as_of, audience, thresholds=thresholds,
                        generated_at=generated_at,
                    )  # fmt: skip
                yield lea_id, lea_report_html(data)

        peak = 0
        laid_outs = pool.lay_out_all(html_of_stale())

        def until_laid_out(lea_id: int) -> SectionPdf:
            """The LEA's section: kept, or once the pool has laid it out (keeping those it
            lays out meanwhile)."""
            nonlocal peak
            while lea_id not in sections:
                done_id, laid_out = next(laid_outs)
                section = SectionPdf(done_id, laid_out.pdf, laid_out.pages)
                sections[done_id] = section
                peak = max(peak, laid_out.peak_rss_kib)
                keep_section(database, section, versions, as_of, audience)
                report(PacketProgress(len(ids), len(sections), reused, names[done_id]))
            return sections[lea_id]

        ordered: list[SectionPdf] = []
        key, joined = "", None
        if not stale:
            ordered = [sections[lea_id] for lea_id in ids]
            key = inputs_digest(summary, cover, ordered)
            joined = _kept_packet(key)
        if joined is None:
            # The sections are joined in order while the pool lays out the stale ones, in the
            # same order: after a few changes the join, seconds for a long packet, is mostly
            # done by the time the last of them is. The first pages, which give each LEA's
            # first page, are laid out by the pool once every section is there.
            join = TaggedJoin()
            firsts: dict[int, int] = {}
            front_job: Future[LaidOut] | None = None
            assumed = _front_pages_estimate(len(ids))
            for lea_id in ids:
                firsts[lea_id] = join.append(until_laid_out(lea_id).pdf)
                if front_job is None and len(sections) == len(ids):
                    ordered = [sections[i] for i in ids]
                    front_job = _lay_out_front(pool, _front_html(summary, cover, ordered, assumed))
            assert front_job is not None
            front = front_job.result()
            while front.pages != assumed:  # the estimate was wrong: lay out again
                assumed = front.pages
                front = _lay_out_front(pool, _front_html(summary, cover, ordered, assumed)).result()
            key = key or inputs_digest(summary, cover, ordered)
            joined = _keep_packet(key, finish(join, front, firsts, summary), front.pages)
            peak = max(peak, front.peak_rss_kib)
    pdf, front_pages = joined
    return BuiltPacket(
        report=RenderedReport.of(
            ReportKind.BOARD_PACKET,
            lea_id=None,
            as_of=as_of,
            audience=audience,
            filename=packet_filename(as_of, audience),
            pdf=pdf,
            pages=front_pages + sum(section.pages for section in ordered),
            generated_at=generated_at,
            lea_ids=tuple(ids),
            inputs_digest=key,
        ),
        laid_out=len(stale),
        reused=reused,
        layout_processes=pool.started,
        peak_rss_kib=peak,
    )


def _cover(
    lea_ids: Sequence[int] | None, as_of: date, board_meeting: date | None, prepared_by: str
) -> PacketCover:
    return PacketCover(
        board_meeting=long_date(board_meeting) if board_meeting else "",
        prepared_by=prepared_by,
        selection=(
            f"every LEA in direct technical assistance on {long_date(as_of)}"
            if lea_ids is None
            else "chosen for this packet"
        ),
    )


def inputs_digest(
    summary: PacketSummary, cover: PacketCover, sections: Sequence[SectionPdf]
) -> str:
    """What the packet's bytes follow from: the first pages' HTML (the cover's inputs, the
    summary's figures, the day it was generated, each LEA's first page), every section's bytes
    in order, and the code and styles that join and lay them out. Joining is deterministic
    (``deterministic_id``), so equal digests mean equal packets."""
    digest = hashlib.sha256(_join_fingerprint().encode())
    html = _front_html(summary, cover, sections, _front_pages_estimate(len(sections)))
    digest.update(hashlib.sha256(html.encode()).digest())
    for section in sections:
        digest.update(f"{section.lea_id}:".encode())
        digest.update(hashlib.sha256(section.pdf).digest())
    return digest.hexdigest()


@cache
def _join_fingerprint() -> str:
    """The reports' templates and styles (the summary's too), the code joining the packet and
    pikepdf's version: a change to any of them makes a packet that must be joined again."""
    digest = hashlib.sha256(pikepdf.__version__.encode())
    reports = resource_dir("reports")
    code = Path(__file__).parent
    files = sorted(p for p in reports.rglob("*") if p.is_file())
    files += [code / name for name in ("assembly.py", "packet.py", "packet_data.py", "render.py")]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class _Archived:
    id: int
    pdf: bytes
    pages: int


def _archived_packet(
    session: Session, digest: str, as_of: date, audience: Audience
) -> _Archived | None:
    row = session.execute(
        select(GeneratedReport.id, GeneratedReport.pdf, GeneratedReport.pages)
        .where(
            GeneratedReport.kind == ReportKind.BOARD_PACKET,
            GeneratedReport.inputs_digest == digest,
            GeneratedReport.as_of == as_of,
            GeneratedReport.audience == audience,
        )
        .order_by(GeneratedReport.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _Archived(row.id, row.pdf, row.pages)


def _same_as(
    archived: _Archived,
    digest: str,
    ids: list[int],
    as_of: date,
    audience: Audience,
    generated_at: datetime,
) -> BuiltPacket:
    """The archived packet's bytes as this packet: archived again, it is a new entry (who
    asked, when) of the same version (the same sha256), and says so (``same_as``)."""
    rendered = RenderedReport.of(
        ReportKind.BOARD_PACKET,
        lea_id=None,
        as_of=as_of,
        audience=audience,
        filename=packet_filename(as_of, audience),
        pdf=archived.pdf,
        pages=archived.pages,
        generated_at=generated_at,
        lea_ids=tuple(ids),
        inputs_digest=digest,
    )
    return BuiltPacket(
        report=rendered, laid_out=0, reused=len(ids), layout_processes=0, peak_rss_kib=0,
        same_as=archived.id,
    )  # fmt: skip


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
# first), and LEAs on one page of contents (two columns), for a first guess of how many pages
# come before the sections (the page numbers they print depend on it); a wrong guess costs one
# more layout.
SUMMARY_ROWS_FIRST_PAGE = 8
SUMMARY_ROWS_PER_PAGE = 13
CONTENTS_FIRST_PAGE = 44
CONTENTS_PER_PAGE = 56


def _front_pages_estimate(leas: int) -> int:
    summary = 1 + -(-max(0, leas - SUMMARY_ROWS_FIRST_PAGE) // SUMMARY_ROWS_PER_PAGE)
    contents = 1 + -(-max(0, leas - CONTENTS_FIRST_PAGE) // CONTENTS_PER_PAGE)
    return 1 + contents + 1 + summary  # the cover, the contents, the caseload, the summary


def _front_html(
    summary: PacketSummary, cover: PacketCover, sections: Sequence[SectionPdf], pages: int
) -> str:
    """The first pages' HTML, giving each LEA's first page as if they were ``pages`` long."""
    from sir_tracker.reports.render import packet_summary_html

    starts, page = [], pages + 1
    for section in sections:
        starts.append(page)
        page += section.pages
    return packet_summary_html(
        summary.with_first_pages(starts), replace(cover, total_pages=page - 1)
    )


# The first pages last laid out in this process, by their HTML: the same packet asked for again
# the same day with nothing changed (a worker lives for days) needs no layout at all.
_FRONTS: OrderedDict[str, LaidOut] = OrderedDict()
_FRONTS_KEPT = 4
_fronts_lock = threading.Lock()  # the pool's callbacks run on its own thread


def _lay_out_front(pool: LayoutPool, html: str) -> Future[LaidOut]:
    key = hashlib.sha256(html.encode()).hexdigest()
    with _fronts_lock:
        kept = _FRONTS.get(key)
        if kept is not None:
            _FRONTS.move_to_end(key)
    if kept is not None:
        done: Future[LaidOut] = Future()
        done.set_result(kept)
        return done
    job = pool.submit(html)

    def keep(finished: Future[LaidOut]) -> None:
        if finished.exception() is not None:
            return
        with _fronts_lock:
            _FRONTS[key] = finished.result()
            while len(_FRONTS) > _FRONTS_KEPT:
                _FRONTS.popitem(last=False)

    job.add_done_callback(keep)
    return job


# The packets last joined in this process, by what they are made of (the first pages' HTML
# and every section's bytes): asked for again with nothing changed, a packet is neither laid
# out nor joined again. Joining is deterministic (``deterministic_id``), so the bytes are
# those a new join would give.
_PACKETS: OrderedDict[str, tuple[bytes, int]] = OrderedDict()
_PACKETS_KEPT = 2
_packets_lock = threading.Lock()


def _kept_packet(key: str) -> tuple[bytes, int] | None:
    with _packets_lock:
        kept = _PACKETS.get(key)
        if kept is not None:
            _PACKETS.move_to_end(key)
        return kept


def _keep_packet(key: str, pdf: bytes, front_pages: int) -> tuple[bytes, int]:
    with _packets_lock:
        _PACKETS[key] = (pdf, front_pages)
        while len(_PACKETS) > _PACKETS_KEPT:
            _PACKETS.popitem(last=False)
    return pdf, front_pages


def finish(
    join: TaggedJoin, front: LaidOut, firsts: dict[int, int], summary: PacketSummary
) -> bytes:
    """The first pages in front of the joined sections; the links of the contents and the
    summary led to each LEA's first page; the pages numbered and labelled; the packet's
    title (shown as the window's title), language and outline."""
    join.append(front.pdf, in_front=True)
    pdf = join.finish()
    with pdf:
        starts = {lea_id: first + front.pages for lea_id, first in firsts.items()}
        link_sections(pdf, range(front.pages), starts)
        stamp_page_numbers(pdf)
        continuous_page_labels(pdf)
        with pdf.open_outline() as outline:
            outline.root.insert(0, pikepdf.OutlineItem(summary.title, 0))
        with pikepdf.Pdf.open(io.BytesIO(front.pdf)) as source:
            # The first pages' XMP: the packet's dc:title, and that it is PDF/UA-1.
            pdf.Root.Metadata = pdf.copy_foreign(source.Root.Metadata)
        pdf.docinfo["/Title"] = summary.title
        pdf.docinfo["/Author"] = CCEE
        pdf.docinfo["/Subject"] = f"For the {summary.audience_label}"
        pdf.docinfo["/Creator"] = "SIR Tracker"
        pdf.Root.Lang = pikepdf.String("en")
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        pdf.Root.PageMode = pikepdf.Name.UseOutlines
        out = io.BytesIO()
        # Object streams as the sections have them: without, the packet is 3.5 times their
        # size and its saving twice as slow.
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
