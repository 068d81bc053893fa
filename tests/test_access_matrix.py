"""Every route, for every role and for a signed-out visitor, answers as the access rules say:
allowed, a redirect to sign-in, 403 (seen but not allowed), or 404 (outside the user's scope).

The table below must name every route of the application: a new route without an entry
fails ``test_every_route_is_in_the_table``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from sir_tracker.auth.tokens import create_api_token
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.meetings.models import Meeting, NextStep
from sir_tracker.reminders.models import Reminder, ReminderKind, ReminderState
from sir_tracker.reports.distribution.links import DeliveryLinks
from sir_tracker.reports.distribution.operations import add_member, create_list, send_report
from sir_tracker.reports.models import Audience, GeneratedReport, ReportJob, ReportKind
from sir_tracker.reviews.models import Action, CrosswalkLink, Finding, Theme
from sir_tracker.users.models import Role, User
from tests.conftest import bound_to_transaction, make_test_app
from tests.support.auth import csrf_token, make_user, open_session_for

IUSD = "Inglewood Unified School District"
FRESNO_LEA = "Piedra Azul Unified School District"

# Who, by the access rules, may do what to IUSD's records.
EVERYONE = frozenset(
    {"admin", "iusd_lead", "other_lead", "coe_la", "coe_fresno", "iusd_staff", "viewer"}
)
READERS = EVERYONE - {"coe_fresno"}
EDITORS = frozenset({"admin", "iusd_lead"})
COMMENTERS = EDITORS | {"coe_la"}
ADMINS = frozenset({"admin"})
PUBLIC = "public"
PACKET_ASKERS = EVERYONE - {"iusd_staff"}
BOTH_COUNTIES = EVERYONE - {"coe_la", "coe_fresno", "iusd_staff"}
JOB_READERS = frozenset({"admin", "iusd_lead"})
OWNER = frozenset({"viewer"})
SENDERS = frozenset({"admin", "iusd_lead", "other_lead"})


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # with {lea}, {sir}, {action}, {finding}, {theme}, {meeting}, {user}, {report}...
    allowed: frozenset[str] | str  # roles allowed; PUBLIC: anyone, signed in or not
    readers: frozenset[str] = READERS  # who may see the record (others get 404)
    allowed_outcome: str = "allowed"  # signing out ends on the sign-in page
    signed_out: str = "sign-in"  # what a visitor who is not signed in gets


ROUTES: dict[str, list[Route]] = {
    "auth.sign_in": [Route("GET", "/sign-in", PUBLIC)],
    "auth.sign_out": [Route("POST", "/sign-out", PUBLIC, allowed_outcome="sign-in")],
    "auth.change_password": [
        Route("GET", "/account/password", EVERYONE, EVERYONE),
        Route("POST", "/account/password", EVERYONE, EVERYONE),
    ],
    "auth.account": [Route("GET", "/account", EVERYONE, EVERYONE)],
    # Without a name the POST answers 422 and makes no token.
    "auth.create_token": [Route("POST", "/account/tokens", EVERYONE, EVERYONE)],
    # Only the token's owner (the viewer here) finds it.
    "auth.revoke_token": [
        Route("POST", "/account/tokens/{token}/revoke", OWNER, OWNER),
    ],
    "dashboard.index": [Route("GET", "/", EVERYONE, EVERYONE)],
    "public.index": [Route("GET", "/progress", PUBLIC)],
    "public.lea": [Route("GET", "/progress/{lea}", PUBLIC)],
    "public.lea_pdf": [Route("GET", "/progress/{lea}.pdf", PUBLIC)],
    "leas.lea": [Route("GET", "/leas/{lea}", READERS)],
    "leas.pre_read": [Route("GET", "/leas/{lea}/pre-read", READERS)],
    "leas.new": [
        Route("GET", "/leas/new", ADMINS, EVERYONE),
        Route("POST", "/leas/new", ADMINS, EVERYONE),
    ],
    # Without data the POST answers 422 and starts nothing.
    "leas.start_engagement": [
        Route("GET", "/leas/{lea}/engagement/new", EDITORS),
        Route("POST", "/leas/{lea}/engagement/new", EDITORS),
    ],
    "leas.edit": [
        Route("GET", "/leas/{lea}/edit", EDITORS),
        Route("POST", "/leas/{lea}/edit", EDITORS),
    ],
    "leas.edit_engagement": [
        Route("GET", "/leas/{lea}/engagement", EDITORS),
        Route("POST", "/leas/{lea}/engagement", EDITORS),
    ],
    "leas.archive": [
        Route("GET", "/leas/{lea}/archive", ADMINS),
        Route("POST", "/leas/{lea}/archive", ADMINS),
    ],
    "leas.restore": [Route("POST", "/leas/{lea}/restore", ADMINS)],
    "users.index": [Route("GET", "/admin/users", ADMINS, EVERYONE)],
    "users.new": [
        Route("GET", "/admin/users/new", ADMINS, EVERYONE),
        Route("POST", "/admin/users/new", ADMINS, EVERYONE),
    ],
    "users.edit": [
        Route("GET", "/admin/users/{user}/edit", ADMINS, EVERYONE),
        Route("POST", "/admin/users/{user}/edit", ADMINS, EVERYONE),
    ],
    "users.deactivate": [Route("POST", "/admin/users/{user}/deactivate", ADMINS, EVERYONE)],
    "users.reactivate": [Route("POST", "/admin/users/{user}/reactivate", ADMINS, EVERYONE)],
    "users.unlock": [Route("POST", "/admin/users/{user}/lift-lockout", ADMINS, EVERYONE)],
    "audit.index": [Route("GET", "/admin/audit", ADMINS, EVERYONE)],
    "reminders.index": [Route("GET", "/admin/reminders", ADMINS, EVERYONE)],
    "reminders.again": [Route("POST", "/admin/reminders/{reminder}/send-again", ADMINS, EVERYONE)],
    "reminders.sent": [Route("POST", "/admin/reminders/{reminder}/mark-sent", ADMINS, EVERYONE)],
    "meetings.show": [Route("GET", "/meetings/{meeting}", READERS)],
    "meetings.add_comment": [Route("POST", "/meetings/{meeting}/comments", COMMENTERS)],
    "meetings.new": [
        Route("GET", "/leas/{lea}/meetings/new", EDITORS),
        Route("POST", "/leas/{lea}/meetings/new", EDITORS),
    ],
    "meetings.edit": [
        Route("GET", "/meetings/{meeting}/edit", EDITORS),
        Route("POST", "/meetings/{meeting}/edit", EDITORS),
    ],
    "meetings.archive": [
        Route("GET", "/meetings/{meeting}/archive", EDITORS),
        Route("POST", "/meetings/{meeting}/archive", EDITORS),
    ],
    # Without a version the POST is refused as a conflict (409): nothing is published.
    "meetings.public_summary": [
        Route("GET", "/meetings/{meeting}/public-summary", EDITORS),
        Route("POST", "/meetings/{meeting}/public-summary", EDITORS),
    ],
    "meetings.restore": [Route("POST", "/meetings/{meeting}/restore", ADMINS)],
    "meetings.mark_step_done": [Route("POST", "/next-steps/{step}/done", EDITORS)],
    "signoff.sign_off": [
        Route("GET", "/meetings/{meeting}/sign-off", EDITORS),
        Route("POST", "/meetings/{meeting}/sign-off", EDITORS),
    ],
    "reviews.sir": [Route("GET", "/sirs/{sir}", READERS)],
    "reviews.action": [Route("GET", "/actions/{action}", READERS)],
    "reviews.add_comment": [Route("POST", "/actions/{action}/comments", COMMENTERS)],
    "progress.update_status": [
        Route("GET", "/actions/{action}/status", EDITORS),
        Route("POST", "/actions/{action}/status", EDITORS),
    ],
    "progress.add_note": [Route("POST", "/actions/{action}/progress-notes", EDITORS)],
    "progress.meeting_note": [
        Route("GET", "/meetings/{meeting}/progress-notes", EDITORS),
        Route("POST", "/meetings/{meeting}/progress-notes", EDITORS),
    ],
    "progress.bulk_status": [
        Route("GET", "/sirs/{sir}/bulk-status", EDITORS),
        Route("POST", "/sirs/{sir}/bulk-status", EDITORS),
    ],
    "reviews.new_sir": [
        Route("GET", "/leas/{lea}/sirs/new", EDITORS),
        Route("POST", "/leas/{lea}/sirs/new", EDITORS),
    ],
    "reviews.edit_sir": [
        Route("GET", "/sirs/{sir}/edit", EDITORS),
        Route("POST", "/sirs/{sir}/edit", EDITORS),
    ],
    "reviews.archive_sir": [Route("POST", "/sirs/{sir}/archive", ADMINS)],
    "reviews.restore_sir": [Route("POST", "/sirs/{sir}/restore", ADMINS)],
    "reviews.new_theme": [
        Route("GET", "/sirs/{sir}/themes/new", EDITORS),
        Route("POST", "/sirs/{sir}/themes/new", EDITORS),
    ],
    "reviews.edit_theme": [
        Route("GET", "/themes/{theme}/edit", EDITORS),
        Route("POST", "/themes/{theme}/edit", EDITORS),
    ],
    "reviews.archive_theme": [Route("POST", "/themes/{theme}/archive", EDITORS)],
    "reviews.restore_theme": [Route("POST", "/themes/{theme}/restore", ADMINS)],
    "reviews.new_finding": [
        Route("GET", "/sirs/{sir}/findings/new", EDITORS),
        Route("POST", "/sirs/{sir}/findings/new", EDITORS),
    ],
    "reviews.edit_finding": [
        Route("GET", "/findings/{finding}/edit", EDITORS),
        Route("POST", "/findings/{finding}/edit", EDITORS),
    ],
    "reviews.archive_finding": [Route("POST", "/findings/{finding}/archive", EDITORS)],
    "reviews.restore_finding": [Route("POST", "/findings/{finding}/restore", ADMINS)],
    "reviews.new_action": [
        Route("GET", "/sirs/{sir}/actions/new", EDITORS),
        Route("POST", "/sirs/{sir}/actions/new", EDITORS),
    ],
    "reviews.edit_action": [
        Route("GET", "/actions/{action}/edit", EDITORS),
        Route("POST", "/actions/{action}/edit", EDITORS),
    ],
    "reviews.archive_action": [Route("POST", "/actions/{action}/archive", EDITORS)],
    "reviews.restore_action": [Route("POST", "/actions/{action}/restore", ADMINS)],
    "reviews.add_crosswalk_link": [Route("POST", "/actions/{action}/crosswalk", EDITORS)],
    "reviews.remove_crosswalk_link": [
        Route("POST", "/actions/{action}/crosswalk/{link}/remove", EDITORS)
    ],
    # Any reader may generate a report; without a date and audience the POST answers 422
    # before anything is rendered.
    "reports.generate": [Route("POST", "/leas/{lea}/report.pdf", READERS)],
    "reports.lea_reports": [Route("GET", "/leas/{lea}/reports", READERS)],
    # An LEA report's job: whoever asked for it (the IUSD lead here), and admins.
    "reports.job": [Route("GET", "/leas/{lea}/reports/jobs/{lea_job}", JOB_READERS, JOB_READERS)],
    # Cancelling a job (here the packet's): whoever may follow it.
    "reports.cancel_job": [Route("POST", "/report-jobs/{job}/cancel", JOB_READERS, JOB_READERS)],
    "reports.download": [
        Route("GET", "/reports/{report}.pdf", READERS),
        # A board packet: whoever may see every LEA in it.
        Route("GET", "/reports/{packet}.pdf", READERS),
        Route("GET", "/reports/{two_county_packet}.pdf", BOTH_COUNTIES, BOTH_COUNTIES),
    ],
    # The archive lists what each may read; CCEE (admins and leads) send what they may read to
    # distribution lists (without a list the POST answers 422); a delivery's link needs no
    # sign-in. Only admins keep the lists.
    "archive.index": [Route("GET", "/reports", EVERYONE, EVERYONE)],
    "archive.send": [
        Route("GET", "/reports/{report}/send", SENDERS),
        Route("POST", "/reports/{report}/send", SENDERS),
        Route("GET", "/reports/{two_county_packet}/send", SENDERS, BOTH_COUNTIES),
    ],
    "archive.delivered": [Route("GET", "/delivered/{delivery_token}", PUBLIC)],
    "distribution.index": [Route("GET", "/admin/distribution-lists", ADMINS, EVERYONE)],
    "distribution.create": [Route("POST", "/admin/distribution-lists", ADMINS, EVERYONE)],
    "distribution.show": [Route("GET", "/admin/distribution-lists/{list}", ADMINS, EVERYONE)],
    "distribution.rename": [Route("POST", "/admin/distribution-lists/{list}", ADMINS, EVERYONE)],
    "distribution.add": [
        Route("POST", "/admin/distribution-lists/{list}/members", ADMINS, EVERYONE)
    ],
    "distribution.remove": [
        Route("POST", "/admin/distribution-lists/{list}/members/{member}/remove", ADMINS, EVERYONE)
    ],
    # Without a date, audience and LEAs the POST answers 422 and queues nothing.
    "packets.index": [Route("GET", "/board-packets", PACKET_ASKERS, EVERYONE)],
    "packets.create": [Route("POST", "/board-packets", PACKET_ASKERS, EVERYONE)],
    # A packet's progress: whoever asked for it (the IUSD lead here), and admins.
    "packets.job": [Route("GET", "/board-packets/jobs/{job}", JOB_READERS, JOB_READERS)],
    # Spreadsheets: exports for whoever may see what they hold; imports for the SIR's editors
    # (without a file, or a dry run, the POSTs answer 422 and write nothing).
    "spreadsheets.sir_spreadsheets": [Route("GET", "/sirs/{sir}/spreadsheets", READERS)],
    "spreadsheets.sir_actions": [
        Route("GET", "/sirs/{sir}/actions.xlsx", READERS),
        Route("GET", "/sirs/{sir}/actions.csv", READERS),
    ],
    "spreadsheets.history": [
        Route("GET", "/sirs/{sir}/history.xlsx", READERS),
        Route("GET", "/sirs/{sir}/history.csv", READERS),
    ],
    "spreadsheets.dry_run": [Route("POST", "/sirs/{sir}/import", EDITORS)],
    "spreadsheets.confirm": [Route("POST", "/sirs/{sir}/import/confirm", EDITORS)],
    "spreadsheets.template": [Route("GET", "/spreadsheets/template.xlsx", EVERYONE, EVERYONE)],
    "spreadsheets.caseload": [
        Route("GET", "/caseload.xlsx", EVERYONE, EVERYONE),
        Route("GET", "/caseload.csv", EVERYONE, EVERYONE),
    ],
    "spreadsheets.packet_summary_page": [
        Route("GET", "/board-packets/summary", PACKET_ASKERS, EVERYONE)
    ],
    "spreadsheets.packet_summary": [
        Route("GET", "/board-packets/summary.xlsx", PACKET_ASKERS, EVERYONE),
        Route("GET", "/board-packets/summary.csv", PACKET_ASKERS, EVERYONE),
    ],
    "caseload.pipeline_page": [Route("GET", "/caseload/pipeline", PACKET_ASKERS, EVERYONE)],
    "caseload.pipeline_xlsx": [Route("GET", "/caseload/pipeline.xlsx", PACKET_ASKERS, EVERYONE)],
    "dashboard_results.index": [Route("GET", "/dashboard-results", ADMINS, EVERYONE)],
    "dashboard_results.dry_run": [Route("POST", "/dashboard-results/import", ADMINS, EVERYONE)],
    "dashboard_results.confirm": [
        Route("POST", "/dashboard-results/import/confirm", ADMINS, EVERYONE)
    ],
    "dashboard_results.template": [
        Route("GET", "/dashboard-results/template.xlsx", ADMINS, EVERYONE)
    ],
    # The API: IUSD is published, so a visitor reads it; a user reads it within their scope.
    "api.openapi": [Route("GET", "/api/v1/openapi.json", PUBLIC)],
    "api.docs": [Route("GET", "/api/v1/docs", PUBLIC)],
    "api.list_components": [Route("GET", "/api/v1/components", PUBLIC)],
    "api.list_leas": [Route("GET", "/api/v1/leas", PUBLIC)],
    **{
        endpoint: [Route("GET", path, READERS, signed_out="allowed")]
        for endpoint, path in (
            ("api.get_lea", "/api/v1/leas/{lea}"),
            ("api.get_lea_counts", "/api/v1/leas/{lea}/counts"),
            ("api.list_lea_sirs", "/api/v1/leas/{lea}/sirs"),
            ("api.list_lea_meetings", "/api/v1/leas/{lea}/meetings"),
            ("api.get_sir", "/api/v1/sirs/{sir}"),
            ("api.list_sir_actions", "/api/v1/sirs/{sir}/actions"),
            ("api.get_action", "/api/v1/actions/{action}"),
        )
    },
}


@dataclass
class World:
    ids: dict[str, int | str]
    users: dict[str, int]  # role: the id of a user with it (tests load it in their session)


@dataclass
class Shared:
    app: Flask
    connection: Connection
    world: World


@pytest.fixture(scope="module")
def shared(demo_database_url: str) -> Iterator[Shared]:
    """One app and one world for the whole module (built once, not for each of the hundreds of
    cases), in a transaction rolled back after the module."""
    app = make_test_app(demo_database_url)
    with bound_to_transaction(app) as connection:
        with app.extensions["sir_tracker.core.db"].new_session(write=True) as session:
            world = build_world(session, app.config["SECRET_KEY"])
            session.commit()  # into the module's transaction
        yield Shared(app, connection, world)


@pytest.fixture
def app(shared: Shared) -> Iterator[Flask]:
    """The module's app; what a test changes is rolled back to a savepoint after it."""
    savepoint = shared.connection.begin_nested()
    yield shared.app
    savepoint.rollback()


@pytest.fixture
def world(shared: Shared) -> World:
    return shared.world


def build_world(session: Session, secret_key: str) -> World:
    iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
    fresno_lea = session.scalars(select(Lea).where(Lea.name == FRESNO_LEA)).one()
    offices = {o.county: o for o in session.scalars(select(CountyOffice))}
    sir = iusd.sirs[-1]
    users = {
        "admin": make_user(session, Role.ADMIN),
        "iusd_lead": make_user(session, Role.CCEE_LEAD),
        "other_lead": make_user(session, Role.CCEE_LEAD),
        "coe_la": make_user(session, Role.COE_STAFF, county_office=offices["Los Angeles"]),
        "coe_fresno": make_user(session, Role.COE_STAFF, county_office=offices["Fresno"]),
        "iusd_staff": make_user(session, Role.LEA_STAFF, lea=iusd),
        "viewer": make_user(session, Role.VIEWER),
    }
    engagement = iusd.current_engagement
    assert engagement is not None
    engagement.ccee_lead = users["iusd_lead"]
    fresno_engagement = fresno_lea.current_engagement
    assert fresno_engagement is not None
    fresno_engagement.ccee_lead = users["other_lead"]
    session.flush()
    first = lambda model, *where: session.scalars(  # noqa: E731
        select(model.id).where(*where).order_by(model.id)
    ).first()
    ids = {
        "lea": iusd.id,
        "sir": sir.id,
        "action": first(Action, Action.sir_id == sir.id),
        "finding": first(Finding, Finding.sir_id == sir.id),
        "theme": first(Theme, Theme.sir_id == sir.id),
        "meeting": first(Meeting, Meeting.lea_id == iusd.id),
        "user": users["viewer"].id,
    }
    ids["link"] = first(CrosswalkLink, CrosswalkLink.action_id == ids["action"])
    iusd_meetings = select(Meeting.id).where(Meeting.lea_id == iusd.id)
    ids["step"] = first(NextStep, NextStep.meeting_id.in_(iusd_meetings))
    report = GeneratedReport(
        kind=ReportKind.LEA,
        lea_id=iusd.id,
        as_of=date(2021, 6, 30),
        audience=Audience.BOARD,
        filename="iusd-status-report.pdf",
        pages=1,
        sha256=hashlib.sha256(b"%PDF-1.7 test").hexdigest(),
        pdf=b"%PDF-1.7 test",
    )
    session.add(report)
    for key, leas in (("packet", [iusd]), ("two_county_packet", [iusd, fresno_lea])):
        packet = GeneratedReport(
            kind=ReportKind.BOARD_PACKET,
            lea_id=None,
            as_of=date(2021, 6, 30),
            audience=Audience.BOARD,
            filename="board-packet.pdf",
            pages=1,
            sha256=hashlib.sha256(b"%PDF-1.7 test").hexdigest(),
            pdf=b"%PDF-1.7 test",
            leas=leas,
        )
        session.add(packet)
        session.flush()
        ids[key] = packet.id
    job = ReportJob(
        kind=ReportKind.BOARD_PACKET,
        as_of=date(2021, 6, 30),
        audience=Audience.BOARD,
        lea_ids=[iusd.id],
        requested_by=users["iusd_lead"],
    )
    lea_job = ReportJob(
        kind=ReportKind.LEA,
        as_of=date(2021, 6, 30),
        audience=Audience.BOARD,
        lea_ids=[iusd.id],
        requested_by=users["iusd_lead"],
    )
    session.add_all([job, lea_job])
    session.flush()
    ids["report"] = report.id
    ids["job"] = job.id
    ids["lea_job"] = lea_job.id

    ids["token"] = create_api_token(session, users["viewer"], "Matrix")[0].id
    board = create_list(session, "Matrix board", by=users["admin"])
    member = add_member(session, board, "Bo Ard", "bo@example.org", version=board.version,
                        by=users["admin"])  # fmt: skip
    sending = send_report(session, report, board, "", by=users["admin"], link_days=1)
    ids["list"], ids["member"] = board.id, member.id
    ids["delivery_token"] = DeliveryLinks(secret_key).token(sending.deliveries[0].id)
    reminder = Reminder(
        kind=ReminderKind.MISSED_QUARTER,
        key="matrix",
        recipient="lead@test.example",
        subject="No quarterly meeting",
        body="",
        lea_id=iusd.id,
        state=ReminderState.STOPPED,
    )
    session.add(reminder)
    session.flush()
    ids["reminder"] = reminder.id
    return World(ids, {role: user.id for role, user in users.items()})


def cases() -> list[tuple[str, Route, str]]:
    roles = [*sorted(EVERYONE), "signed_out"]
    return [
        (endpoint, route, role)
        for endpoint, routes in ROUTES.items()
        for route in routes
        for role in roles
    ]


def expected(route: Route, role: str) -> str:
    if route.allowed == PUBLIC:
        return route.allowed_outcome
    if role == "signed_out":
        return route.signed_out
    if role not in route.readers:
        return "missing"
    assert isinstance(route.allowed, frozenset)
    return route.allowed_outcome if role in route.allowed else "forbidden"


def outcome(response_status: int, location: str | None) -> str:
    if response_status == 302 and location and location.startswith("/sign-in"):
        return "sign-in"
    if response_status == 404:
        return "missing"
    if response_status == 403:
        return "forbidden"
    if response_status < 400 or response_status in (409, 422):
        return "allowed"
    return f"HTTP {response_status}"


@pytest.mark.parametrize(
    ("endpoint", "route", "role"),
    cases(),
    ids=lambda value: value.path if isinstance(value, Route) else str(value),
)
def test_route_answers_each_role_as_the_rules_say(
    client: FlaskClient, session: Session, world: World, endpoint: str, route: Route, role: str
) -> None:
    if role != "signed_out":
        open_session_for(client, session, session.get_one(User, world.users[role]))
    path = route.path.format(**world.ids)
    # A POST carries a valid CSRF token and no other data: access is decided before the form.
    data = {"csrf_token": csrf_token(client, "/sign-in")} if route.method == "POST" else {}
    response = client.open(path, method=route.method, data=data)

    got = outcome(response.status_code, response.headers.get("Location"))
    assert got == expected(route, role), f"{route.method} {path} as {role}: {response.status_code}"


def test_every_route_is_in_the_table(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - {"static"}
    assert endpoints == set(ROUTES)


def test_absurd_and_unknown_ids_answer_404(
    client: FlaskClient, session: Session, world: World
) -> None:
    open_session_for(client, session, session.get_one(User, world.users["admin"]))
    for endpoint, routes in ROUTES.items():
        for route in routes:
            if "{" not in route.path or route.method != "GET":
                continue
            for bad in (
                "0",
                "99999999",
                "2147483648",
                "99999999999999999999999",
                "-1",
                "abc",
                "1e3",
            ):
                path = re.sub(r"\{\w+\}", bad, route.path)
                assert client.get(path).status_code == 404, (endpoint, path)
