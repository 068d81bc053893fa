"""The board packet as one document: its cover, contents, caseload and summary, its sections,
its page numbers and links, the flags the board must notice, and the sections kept between
packets.

The demo's packet as of 30 June 2026 (the four LEAs in DTA then) is built once for the test run
(``demo_packet``, tests/reports/conftest.py, also read by test_packet_structure.py), from the
committed demo database, laid out in this process: the test workers already keep both cores
busy. Tests that change data build their own small packets inside the test's transaction.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from flask import Flask
from pypdf.generic import Destination
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core import db
from sir_tracker.core.database import utcnow
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.overview import overview
from sir_tracker.monitoring.quarters import Thresholds, previous_quarter_end, regressions
from sir_tracker.progress.operations import change_status, counts_by_sir
from sir_tracker.reports.data import current_sir, lea_report_data
from sir_tracker.reports.models import Audience, ReportSection
from sir_tracker.reports.operations import ReportRefused, archive_report
from sir_tracker.reports.packet import BuiltPacket, build_packet
from sir_tracker.reports.packet_data import PacketCover, dta_leas, packet_summary
from sir_tracker.reviews.models import Action, ActionStatus
from sir_tracker.users.models import Role
from tests.support import pdfs
from tests.support.auth import make_user

AS_OF = date(2026, 6, 30)
# Inglewood Unified left DTA on 30 June 2022.
IN_DTA = [
    "Mesa Linda Unified School District",
    "Mirador County Office of Education",
    "Piedra Azul Unified School District",
    "Riverlight Academy Charter School",
]
# A cover for first pages laid out from a summary alone.
COVER = PacketCover(board_meeting="", prepared_by="CCEE", selection="chosen for this packet")
SMALL = ["Piedra Azul Unified School District", "Riverlight Academy Charter School"]


@pytest.fixture(scope="module")
def packet(demo_packet: BuiltPacket) -> BuiltPacket:
    """The demo's packet, built once for the run (tests/reports/conftest.py)."""
    return demo_packet


@pytest.fixture(scope="module")
def texts(packet: BuiltPacket) -> list[str]:
    return pdfs.page_texts(packet.report.pdf)


def outline(pdf: bytes) -> list[tuple[str, int]]:
    """The packet's top-level outline: (title, page index)."""
    reader = pdfs.reader(pdf)
    return [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if isinstance(item, Destination)
    ]


def lea_ids(session: Session, names: list[str]) -> list[int]:
    return [session.scalars(select(Lea.id).where(Lea.name == name)).one() for name in names]


def database_of(app: Flask) -> db.Database:
    database: db.Database = app.extensions["sir_tracker.core.db"]
    return database


FRONT = ["Contents", "Caseload by mode of engagement", "Summary by LEA"]


def front_page(texts: list[str], heading: str) -> str:
    """The text of the first page (before the sections) that starts with ``heading``."""
    for page in texts[:4]:
        if page.startswith(heading) or f"June 2026 {heading}" in page[:80]:
            return page
    raise AssertionError(f"No first page is headed {heading!r}.")


def test_the_default_packet_covers_every_lea_in_dta_on_the_date(
    packet: BuiltPacket, texts: list[str]
) -> None:
    assert packet.laid_out == 4 and packet.reused == 0
    assert [title for title, _page in outline(packet.report.pdf)] == [
        "Board packet: Systemic Instructional Review progress as of 30 June 2026",
        *FRONT,
        *IN_DTA,
    ]
    assert packet.report.pages == len(texts)
    cover = texts[0]
    assert "Board packet" in cover
    assert "Status as of 30 June 2026" in cover
    assert "Prepared for the CCEE Governing Board" in cover
    assert "Board meeting 27 August 2026" in cover
    assert (
        "LEAs included 4 LEAs (every LEA in direct technical assistance on 30 June 2026)" in cover
    )
    assert "Prepared by Dana Whitfield, CCEE" in cover
    assert f"Pages {len(texts)}" in cover


def test_pages_are_numbered_and_labelled_through_the_whole_packet(
    packet: BuiltPacket, texts: list[str]
) -> None:
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert text.endswith(f"Page {number} of {total}"), number
    assert pdfs.reader(packet.report.pdf).page_labels == [str(n) for n in range(1, total + 1)]


def test_each_lea_has_its_name_in_the_running_header_of_its_section(
    packet: BuiltPacket, texts: list[str]
) -> None:
    starts = [index for _title, index in outline(packet.report.pdf)[4:]] + [len(texts)]
    for name, start, end in zip(IN_DTA, starts, starts[1:], strict=False):
        for index in range(start + 1, end):  # the first page is the section's cover
            header = re.escape(name) + r"(?: · DEMO DATA)? Status report as of"
            assert re.search(header, texts[index]), (name, index)


def test_contents_and_summary_lead_to_each_leas_first_page(
    packet: BuiltPacket, texts: list[str]
) -> None:
    starts = dict(outline(packet.report.pdf)[4:])
    contents, summary = front_page(texts, "Contents"), front_page(texts, "Summary by LEA")
    for name, index in starts.items():
        assert re.search(re.escape(name) + r"[ .]*" + str(index + 1) + r"\b", contents), name
        first = texts[index]
        assert name in first and "Status as of 30 June 2026" in first
    # Each LEA's line is a link, in the contents and in the summary, to its first page.
    targets = pdfs.link_targets(packet.report.pdf)
    contents_page = texts.index(contents)
    caseload_page = texts.index(front_page(texts, "Caseload by mode of engagement"))
    summary_page = texts.index(summary)
    assert sorted(set(targets[contents_page])) == sorted(
        [caseload_page, summary_page, *starts.values()]
    )
    assert sorted(set(targets[summary_page])) == sorted(starts.values())


def test_summary_line_of_each_lea_has_the_counts_of_the_count_query(
    packet: BuiltPacket, texts: list[str], session: Session
) -> None:
    summary = front_page(texts, "Summary by LEA")
    leas = session.scalars(select(Lea).where(Lea.name.in_(IN_DTA))).all()
    sirs = {lea.name: current_sir(lea).id for lea in leas}
    counts = counts_by_sir(session, sirs.values(), AS_OF)
    rows = summary_rows(summary)
    for name, sir_id in sirs.items():
        c = counts[sir_id]
        figures = f"{c.completed} {c.in_progress} {c.not_started} {c.percent_active}%"
        assert figures in rows[name], name
    assert "Inglewood Unified School District" not in summary  # exited in 2022
    # Mesa Linda's completed count has not risen across its last two quarterly meetings.
    assert (
        "Mesa Linda Unified School District DEMO Kern · Embedded partnership 8 17 0 100% "
        "No change 4 Plateau"
    ) in summary
    assert (
        "Piedra Azul Unified School District DEMO Fresno · Collaborative facilitation "
        "15 6 0 100% +3 / -3 / 0 4"
    ) in summary


def summary_rows(summary: str) -> dict[str, str]:
    """Each LEA's row of the summary table as text, from its name (marked DEMO) on."""
    # The header row ends "To notice", "Still DTA-eligible" (wrapped in its narrow column), "Page".
    table = re.split(r"To notice Still DTA-\s*eligible\s+Page ", summary, maxsplit=1)[1]
    starts = sorted((table.index(f"{name} DEMO "), name) for name in IN_DTA)
    ends = [start for start, _name in starts[1:]] + [table.index("Board packet ·")]
    # (pypdf leaves the notice list's bullets at the end of the page's text)
    return {
        name: table[start:end].strip(" •") for (start, name), end in zip(starts, ends, strict=True)
    }


def test_summary_flags_what_the_dashboard_flags_as_of_the_packets_day(
    packet: BuiltPacket, texts: list[str], session: Session
) -> None:
    rows = summary_rows(front_page(texts, "Summary by LEA"))
    dashboard = {row.name: row for row in overview(
        session, make_user(session, Role.ADMIN), today=AS_OF, as_of=AS_OF
    ).rows}  # fmt: skip
    starts = dict(outline(packet.report.pdf))
    since = previous_quarter_end(AS_OF)
    for name in IN_DTA:
        lea = session.scalars(select(Lea).where(Lea.name == name)).one()
        assert lea.is_demo
        backwards = [
            r for r in regressions(session, current_sir(lea), AS_OF) if r.changed_on > since
        ]
        expected = list(dashboard[name].flags)
        if backwards:
            expected.append(f"{len(backwards)} regression{'s' if len(backwards) != 1 else ''}")
        # The demo holds no Dashboard results: "Still DTA-eligible" says so for every LEA.
        assert rows[name].endswith(
            f" {' '.join(expected) or 'None'} No results held {starts[name] + 1}"
        ), name
    summary = front_page(texts, "Summary by LEA")
    # The flags the demo raises: what the board must notice, by reason, above the table.
    assert "With quarterly meetings missed (2): Mirador County Office of Education; " in summary
    assert "On a plateau (1): Mesa Linda Unified School District." in summary
    assert (
        "With stalled actions (2): Mesa Linda Unified School District; "
        "Piedra Azul Unified School District."
    ) in summary


def test_summary_table_stays_inside_the_margins_of_a_portrait_page(
    packet: BuiltPacket, texts: list[str]
) -> None:
    summary_pages = [index for index, text in enumerate(texts) if "Summary by LEA" in text]
    assert summary_pages
    for index in summary_pages:
        page = pdfs.reader(packet.report.pdf).pages[index]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width < height  # portrait, like the LEA reports that follow
        edges = pdfs.drawn_right_edges(packet.report.pdf, index)
        header_rule = max(x for x, y in edges if y > height - 0.9 * 72)
        assert header_rule == pytest.approx(width - 0.75 * 72)
        assert max(x for x, _y in edges) <= header_rule + 0.01


def test_demo_sections_say_demo_on_every_page(packet: BuiltPacket, texts: list[str]) -> None:
    starts = [index for _title, index in outline(packet.report.pdf)[4:]]
    for start, end in zip(starts, [*starts[1:], len(texts)], strict=True):
        for index in range(start, end):
            assert "DEMO DATA" in texts[index], (index, texts[index][:80])


def test_no_page_holds_a_lone_heading_or_sentence(packet: BuiltPacket) -> None:
    bodies = pdfs.body_texts(packet.report.pdf, top=0.9 * 72, bottom=0.8 * 72)
    for number, body in enumerate(bodies, start=1):
        sentences = len(re.findall(r"[.!?:](?:\s|$)", body))
        assert len(body.split()) > 40 or sentences > 1, (number, body)


def test_caseload_by_mode_adds_up_to_the_packet(texts: list[str]) -> None:
    cover = front_page(texts, "Caseload by mode of engagement")
    assert "4 LEAs: recommended actions as of 30 June 2026" in cover
    assert "24 completed / 35 in progress / 9 not started" in cover
    assert "Collaborative planning 2 1 12 9 59%" in cover
    assert "Collaborative facilitation 1 15 6 0 100%" in cover
    assert "Embedded partnership 1 8 17 0 100%" in cover
    assert "All modes 4 24 35 9 87%" in cover
    assert "1 LEA on a plateau" in cover


def test_each_report_starts_on_the_page_the_summary_gives(
    packet: BuiltPacket, texts: list[str]
) -> None:
    rows = summary_rows(front_page(texts, "Summary by LEA"))
    for title, index in outline(packet.report.pdf)[4:]:
        # A row ends with the page where the LEA's report starts.
        assert rows[title].endswith(f" {index + 1}"), title
        first = texts[index]
        assert title in first and "Status as of 30 June 2026" in first


def test_sections_are_the_lea_reports(packet: BuiltPacket, texts: list[str]) -> None:
    starts = dict(outline(packet.report.pdf))
    mesa_linda = " ".join(texts[starts[IN_DTA[0]] : starts[IN_DTA[1]]])
    assert "8 completed / 17 in progress / 0 not started" in mesa_linda
    assert "100% completed or in progress" in mesa_linda
    assert "Progress by component" in mesa_linda


def test_packet_is_titled_and_in_english(packet: BuiltPacket) -> None:
    reader = pdfs.reader(packet.report.pdf)
    assert reader.metadata is not None
    assert reader.metadata.title == (
        "Board packet: Systemic Instructional Review progress as of 30 June 2026"
    )
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_regenerating_lays_out_only_the_leas_that_changed(app: Flask, session: Session) -> None:
    database = database_of(app)
    chosen = lea_ids(session, SMALL)

    def build(leas: list[int] = chosen, processes: int = 1) -> BuiltPacket:
        return build_packet(
            database, leas, AS_OF, Audience.SPI, thresholds=Thresholds(), processes=processes
        )

    first = build()
    # Nothing changed: the sections are kept, and no layout process is started for them.
    again = build(processes=2)
    assert (first.laid_out, first.reused) == (2, 0)
    assert (again.laid_out, again.reused, again.layout_processes) == (0, 2, 0)
    front = 4  # the cover, the contents, the caseload and the summary
    # The same packet: the same bytes (a worker keeps the packets it joined last).
    assert again.report.pdf == first.report.pdf
    assert first.same_as is again.same_as is None  # not archived yet
    assert again.report.inputs_digest == first.report.inputs_digest is not None
    # Once archived, the same inputs are that archived packet: nothing laid out or joined.
    kept = archive_report(session, first.report, by=None)
    session.flush()
    archived = build(processes=2)
    assert (archived.same_as, archived.layout_processes, archived.laid_out) == (kept.id, 0, 0)
    assert archived.report.pdf == first.report.pdf
    # A cover that says something else is a new packet, its sections the same.
    dated = build_packet(
        database, chosen, AS_OF, Audience.SPI, thresholds=Thresholds(),
        board_meeting=date(2026, 7, 16),
    )  # fmt: skip
    assert "16 July 2026" in pdfs.page_texts(dated.report.pdf)[0]
    assert "16 July 2026" not in pdfs.page_texts(again.report.pdf)[0]
    assert pdfs.page_texts(dated.report.pdf)[front:] == pdfs.page_texts(first.report.pdf)[front:]

    # Riverlight's section, kept from a packet where it followed Piedra Azul's, now starts
    # right after the first pages: the same section, numbered where it now falls.
    alone = build(chosen[1:])
    assert (alone.laid_out, alone.reused) == (0, 1)
    pages = pdfs.page_texts(alone.report.pdf)
    assert pages[front].startswith("CALIFORNIA COLLABORATIVE FOR EDUCATIONAL EXCELLENCE LEA status")
    assert "Riverlight Academy Charter School" in pages[front]
    assert pages[front].endswith(f"Page {front + 1} of {len(pages)}")

    piedra = session.get_one(Lea, chosen[0])
    action = session.scalars(
        select(Action)
        .where(Action.sir_id == current_sir(piedra).id, Action.status == ActionStatus.IN_PROGRESS)
        .order_by(Action.id)
    ).first()
    assert action is not None
    change_status(
        session, action, ActionStatus.COMPLETED, by=make_user(session, Role.ADMIN),
        note="Done", at=None,
    )  # fmt: skip
    session.flush()

    after = build()
    assert (after.laid_out, after.reused, after.same_as) == (1, 1, None)
    text = pdfs.text(after.report.pdf)
    # Counted now (after 30 June 2026), so the as-of figures do not move; the section was laid
    # out again all the same, because Piedra Azul's data changed.
    assert "15 completed / 6 in progress / 0 not started" in text


def test_a_packet_needs_leas_and_a_past_date(app: Flask, session: Session) -> None:
    database = database_of(app)
    with pytest.raises(ReportRefused, match="at least one LEA"):
        build_packet(database, [], AS_OF, Audience.BOARD, thresholds=Thresholds(), processes=1)
    with pytest.raises(ReportRefused, match="in the future"):
        build_packet(
            database, None, date(2999, 1, 1), Audience.BOARD, thresholds=Thresholds(),
            processes=1,
        )  # fmt: skip
    with pytest.raises(ReportRefused, match="No LEA was in direct technical assistance"):
        build_packet(
            database, None, date(2000, 1, 1), Audience.BOARD, thresholds=Thresholds(),
            processes=1,
        )  # fmt: skip
    assert session.scalars(select(ReportSection)).all() == []


def test_only_demo_leas_are_marked_demo(session: Session) -> None:
    from sir_tracker.reports.render import lea_report_html, packet_summary_html

    lea = session.scalars(select(Lea).where(Lea.name == IN_DTA[0])).one()
    data = lea_report_data(session, lea, AS_OF, Audience.BOARD, generated_at=utcnow())
    summary = packet_summary(
        session, [lea], AS_OF, Audience.BOARD, thresholds=Thresholds(), generated_at=utcnow()
    )
    assert data.is_demo and "DEMO DATA" in lea_report_html(data)
    assert "DEMO DATA" not in lea_report_html(replace(data, is_demo=False))
    real = replace(summary, lines=tuple(replace(line, is_demo=False) for line in summary.lines))
    assert "demo-tag" in packet_summary_html(summary, COVER)
    assert "DEMO" not in packet_summary_html(real, COVER)


def test_leas_without_a_quarterly_meeting_this_school_year_are_named_first(
    session: Session,
) -> None:
    from sir_tracker.reports.render import packet_summary_html

    early = date(2025, 8, 15)  # the first weeks of 2025-26: nobody has met yet
    summary = packet_summary(
        session, dta_leas(session, early), early, Audience.BOARD, thresholds=Thresholds(),
        generated_at=utcnow(),
    )  # fmt: skip
    none_yet = [line.name for line in summary.lines if line.quarterly_meetings == 0]
    assert none_yet
    reason = summary.attention[0]
    assert reason.reason == "No quarterly meeting in the 2025-26 school year"
    assert list(reason.leas) == none_yet
    html = packet_summary_html(summary, COVER)
    assert f"No quarterly meeting in the 2025-26 school year</strong> ({len(none_yet)})" in html
    assert html.count('<strong class="flag">None</strong>') == len(none_yet)
