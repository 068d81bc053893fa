"""The measurements, each run in a fresh process by bench_reports (``--one``), so that each
peak of memory is its own and no run warms another's caches.

Each returns a JSON-able dict. Times are wall-clock seconds (``time.perf_counter``).
"""

from __future__ import annotations

import inspect
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from sir_tracker.core.database import transaction, utcnow
from sir_tracker.core.db import Database
from sir_tracker.core.pacific_time import at_local
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.progress.operations import change_status
from sir_tracker.reports import assembly as assembly_module
from sir_tracker.reports import packet as packet_module
from sir_tracker.reports import parallel as parallel_module
from sir_tracker.reports.data import current_sir, lea_report_data
from sir_tracker.reports.models import Audience, ReportSection
from sir_tracker.reports.operations import archive_report, render_lea_report
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

    from sir_tracker.core.paths import resource_dir
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


def packet(
    database: Database,
    lea_ids: list[int],
    processes: int,
    save_as: Path | None,
    *,
    then_regenerate: bool = False,
) -> Result:
    """A full build; then, if asked, three changes and a rebuild (section 3), in the same
    process: the full build's figures are taken before the rebuild starts."""
    forget_sections(database)
    before = self_peak_kib()
    built, seconds, sampled, phases = _build(database, lea_ids, processes)
    if save_as is not None:
        save_as.write_bytes(built.report.pdf)
    result = {
        "seconds": seconds,
        "phases": phases,
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
    if then_regenerate:
        # Archived as the worker archives every packet it builds: a packet asked for again with
        # nothing changed is found there (packet.inputs_digest).
        with transaction(database.writers) as session:
            archive_report(session, built.report, by=None)
        result["regenerate"] = regenerate(database, lea_ids, processes)
    return result


def _build(
    database: Database, lea_ids: list[int], processes: int
) -> tuple[BuiltPacket, float, int, dict[str, float]]:
    with ChildPeaks() as children, PhaseTimer() as phases:
        start = time.perf_counter()
        built = build_packet(
            database, lea_ids, AS_OF, AUDIENCE, thresholds=Thresholds(), processes=processes
        )
        seconds = time.perf_counter() - start
    return built, seconds, children.max_kib, phases.seconds


class PhaseTimer:
    """Where a packet's time goes: wraps steps of the packet code with timers while the block
    runs, and restores them after. It only times; what the steps do is unchanged.

    The packet code is being reworked while this benchmark is written, so each phase lists
    the functions that have done it (old and new names); those that exist are timed.
    """

    # (phase, module or class, attribute): looked up when ``build_packet`` runs.
    _STEPS: tuple[tuple[str, object, str], ...] = (
        ("sections", packet_module, "lay_out_all"),
        ("sections", parallel_module, "LayoutPool.lay_out_all"),
        ("join", assembly_module, "TaggedJoin.append"),
        ("join", packet_module, "finish"),
    )

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._saved: list[tuple[object, str, Any]] = []
        self._depth: dict[str, int] = {}

    def __enter__(self) -> PhaseTimer:
        for phase, module, path in self._STEPS:
            owner, _, name = _resolve(module, path)
            if owner is None or not hasattr(owner, name):
                continue
            original = getattr(owner, name)
            self.seconds.setdefault(phase, 0.0)
            self._saved.append((owner, name, original))
            wrap = self._generator if inspect.isgeneratorfunction(original) else self._function
            setattr(owner, name, wrap(phase, original))
        return self

    def __exit__(self, *_exc: object) -> None:
        for owner, name, original in reversed(self._saved):
            setattr(owner, name, original)

    @contextmanager
    def _span(self, phase: str) -> Iterator[None]:
        # Only the outermost call of a phase counts (one timed step may call another).
        self._depth[phase] = self._depth.get(phase, 0) + 1
        start = time.perf_counter()
        try:
            yield
        finally:
            self._depth[phase] -= 1
            if self._depth[phase] == 0:
                self.seconds[phase] += time.perf_counter() - start

    def _function(self, phase: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self._span(phase):
                return original(*args, **kwargs)

        return timed

    def _generator(self, phase: str, original: Callable[..., Any]) -> Callable[..., Any]:
        # From the first item asked for to the last: includes the caller's work between items
        # (keeping each section), which is part of producing the sections.
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            with self._span(phase):
                yield from original(*args, **kwargs)

        return timed


def _resolve(module: object, path: str) -> tuple[object | None, str, str]:
    """("LayoutPool.lay_out_all") -> (the class, "LayoutPool", "lay_out_all")."""
    owner: object | None = module
    *parents, name = path.split(".")
    for parent in parents:
        owner = getattr(owner, parent, None)
    return owner, ".".join(parents), name


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
    """After a full build: the same packet with nothing changed (every section kept: no
    layout process should start), then three changes, then the same packet again."""
    cached, cached_seconds, _, cached_phases = _build(database, lea_ids, processes)
    changed = change_three(database, lea_ids)
    rebuilt, seconds, _, phases = _build(database, lea_ids, processes)
    return {
        "rebuild_seconds": seconds,
        "rebuild_phases": phases,
        "cached_seconds": cached_seconds,
        "cached_phases": cached_phases,
        "cached_laid_out": cached.laid_out,
        "cached_processes": cached.layout_processes,
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
                note=_NOTES[to],
                at=at_local(AS_OF, 10),
            )
            changed.append(f"{lea.name}: action {action.code} to {to.label}")
    return changed


_NOTES = {
    ActionStatus.COMPLETED: "Confirmed complete at the end-of-year check-in with principals.",
    ActionStatus.IN_PROGRESS: "Work began after the end-of-year check-in with principals.",
}


def _action_to_move(lea: Lea) -> tuple[Any, ActionStatus]:
    actions = sorted(current_sir(lea).actions, key=lambda a: a.id)
    for action in actions:
        if action.status is ActionStatus.IN_PROGRESS:
            return action, ActionStatus.COMPLETED
    return actions[0], ActionStatus.IN_PROGRESS
