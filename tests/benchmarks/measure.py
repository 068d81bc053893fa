"""The measurements, each run in a fresh process by bench_reports (``--one``), so that each
peak of memory is its own and no run warms another's caches.

Each returns a JSON-able dict. Times are wall-clock seconds (``time.perf_counter``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from sir_tracker.database import transaction, utcnow
from sir_tracker.db import Database
from sir_tracker.leas.models import Lea
from sir_tracker.pacific_time import at_local
from sir_tracker.progress.operations import change_status
from sir_tracker.progress.quarters import Thresholds
from sir_tracker.reports.data import current_sir, lea_report_data
from sir_tracker.reports.models import Audience, ReportSection
from sir_tracker.reports.operations import render_lea_report
from sir_tracker.reports.packet import BuiltPacket, build_packet
from sir_tracker.reviews.models import ActionStatus
from tests.benchmarks.dataset import AS_OF, IUSD, IUSD_AS_OF
from tests.benchmarks.memory import ChildPeaks, children_peak_kib, self_peak_kib

AUDIENCE = Audience.BOARD

Result = dict[str, Any]


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


# --- 1. One LEA report against bare WeasyPrint --------------------------------------------------


def lea_report_vs_floor(database: Database, runs: int) -> Result:
    """``render_lea_report`` of IUSD against the same HTML through bare WeasyPrint.

    The runs are interleaved, after one warm-up each, so that drift of the machine (other
    load, CPU frequency) hits every measurement alike.
    """
    import weasyprint

    from sir_tracker.paths import resource_dir
    from sir_tracker.reports.render import lea_report_html

    base_url = resource_dir("reports").as_uri() + "/"
    pages: list[int] = []
    with database.new_session(write=False) as session:
        lea = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
        actions = len(current_sir(lea).actions)

        def report() -> None:
            pages.append(render_lea_report(session, lea, IUSD_AS_OF, AUDIENCE).pages)

        def html() -> str:
            data = lea_report_data(session, lea, IUSD_AS_OF, AUDIENCE, generated_at=utcnow())
            return lea_report_html(data)

        page_html = html()

        def floor() -> None:
            weasyprint.HTML(string=page_html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")

        def floor_plain() -> None:
            weasyprint.HTML(string=page_html, base_url=base_url).write_pdf()

        timed = {"report": report, "floor": floor, "floor_plain": floor_plain, "html": html}
        for run in timed.values():
            run()  # warm-up: imports, Jinja's template cache, the report's font configuration
        times: dict[str, list[float]] = {name: [] for name in timed}
        for _ in range(runs):
            for name, run in timed.items():
                times[name].append(_timed(run))
    return {"times": times, "pages": pages[-1], "actions": actions}


# --- 2. The board packet, and the same LEAs laid out as one document ---------------------------


def forget_sections(database: Database) -> None:
    """A full build: no section kept from an earlier packet."""
    with transaction(database.writers) as session:
        session.execute(text("DELETE FROM report_sections"))


def packet(database: Database, lea_ids: list[int], processes: int, save_as: Path | None) -> Result:
    forget_sections(database)
    before = self_peak_kib()
    built, seconds, sampled = _build(database, lea_ids, processes)
    if save_as is not None:
        save_as.write_bytes(built.report.pdf)
    return {
        "seconds": seconds,
        "pages": built.report.pages,
        "bytes": len(built.report.pdf),
        "laid_out": built.laid_out,
        "reused": built.reused,
        "main_peak_kib": self_peak_kib(),
        "main_peak_before_kib": before,
        "packet_peak_kib": built.peak_rss_kib,
        "workers_hwm_kib": sampled,
        "children_maxrss_kib": children_peak_kib(),
        "section_pages": _section_pages(database, lea_ids),
    }


def _build(
    database: Database, lea_ids: list[int], processes: int
) -> tuple[BuiltPacket, float, int]:
    with ChildPeaks() as children:
        start = time.perf_counter()
        built = build_packet(
            database, lea_ids, AS_OF, AUDIENCE, thresholds=Thresholds(), processes=processes
        )
        seconds = time.perf_counter() - start
    return built, seconds, children.max_kib


def _section_pages(database: Database, lea_ids: list[int]) -> list[int]:
    with database.new_session(write=False) as session:
        pages = session.scalars(
            select(ReportSection.pages).where(ReportSection.lea_id.in_(lea_ids))
        ).all()
    return list(pages)


_HEAD = re.compile(r"<head>(.*?)</head>", re.S)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
_ID = re.compile(r'\b(id|href)="(#?)([^"#][^"]*)"')


def one_document_html(htmls: list[str]) -> str:
    """The LEAs' reports as one HTML document: one head (the stylesheet link), the bodies
    joined, each LEA's cover on a new page. Ids get a per-LEA prefix so that each report's
    contents still point at its own sections (duplicate ids would all point at the first)."""
    head = _HEAD.search(htmls[0])
    assert head is not None
    bodies = []
    for index, html in enumerate(htmls):
        body = _BODY.search(html)
        assert body is not None
        bodies.append(_prefix_ids(body.group(1), f"lea{index}-"))
    return (
        '<!doctype html>\n<html lang="en">\n<head>'
        + head.group(1)
        + "<style>.cover { break-before: page; }</style>\n</head>\n<body>\n"
        + "\n".join(bodies)
        + "\n</body>\n</html>\n"
    )


def _prefix_ids(body: str, prefix: str) -> str:
    def rename(match: re.Match[str]) -> str:
        attribute, hash_, name = match.groups()
        if attribute == "href" and not hash_:
            return match.group(0)  # not a fragment link
        return f'{attribute}="{hash_}{prefix}{name}"'

    return _ID.sub(rename, body)


def one_document(database: Database, lea_ids: list[int], save_as: Path | None) -> Result:
    """The baseline: the same reports laid out by one WeasyPrint call. Timed from the data,
    as the packet is, so that both include reading the database and rendering the HTML."""
    from sir_tracker.reports.render import html_to_pdf, lea_report_html

    start = time.perf_counter()
    generated_at = utcnow()
    htmls = []
    with database.new_session(write=False) as session:
        for lea in session.scalars(select(Lea).where(Lea.id.in_(lea_ids)).order_by(Lea.id)):
            data = lea_report_data(session, lea, AS_OF, AUDIENCE, generated_at=generated_at)
            htmls.append(lea_report_html(data))
    html_seconds = time.perf_counter() - start
    pdf = html_to_pdf(one_document_html(htmls))
    seconds = time.perf_counter() - start
    if save_as is not None:
        save_as.write_bytes(pdf.data)
    return {
        "seconds": seconds,
        "html_seconds": html_seconds,
        "layout_seconds": seconds - html_seconds,
        "pages": pdf.pages,
        "bytes": len(pdf.data),
        "main_peak_kib": self_peak_kib(),
    }


# --- 3. Regenerating after three changes --------------------------------------------------------


def regenerate(database: Database, lea_ids: list[int], processes: int) -> Result:
    forget_sections(database)
    full, full_seconds, _ = _build(database, lea_ids, processes)
    changed = change_three(database, lea_ids)
    rebuilt, rebuild_seconds, _ = _build(database, lea_ids, processes)
    return {
        "full_seconds": full_seconds,
        "full_laid_out": full.laid_out,
        "rebuild_seconds": rebuild_seconds,
        "laid_out": rebuilt.laid_out,
        "reused": rebuilt.reused,
        "pages": rebuilt.report.pages,
        "changed": changed,
        "main_peak_kib": self_peak_kib(),
    }


def change_three(database: Database, lea_ids: list[int]) -> list[str]:
    """One status change in each of three LEAs spread over the packet, dated on the as-of
    day so that it shows in the reports (and is after every generated change)."""
    picks = [lea_ids[len(lea_ids) // 10], lea_ids[len(lea_ids) // 2], lea_ids[-1]]
    changed = []
    with transaction(database.writers) as session:
        for lea_id in picks:
            lea = session.get_one(Lea, lea_id)
            engagement = lea.current_engagement
            assert engagement is not None and engagement.ccee_lead is not None
            action, to = _action_to_move(lea)
            change_status(
                session,
                action,
                to,
                by=engagement.ccee_lead,
                note="Confirmed complete at the end-of-year check-in with the principals.",
                at=at_local(AS_OF, 10),
            )
            changed.append(f"{lea.name}: action {action.code} to {to.label}")
    return changed


def _action_to_move(lea: Lea) -> tuple[Any, ActionStatus]:
    actions = sorted(current_sir(lea).actions, key=lambda a: a.id)
    for action in actions:
        if action.status is ActionStatus.IN_PROGRESS:
            return action, ActionStatus.COMPLETED
    return actions[0], ActionStatus.IN_PROGRESS
