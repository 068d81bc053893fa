"""The read-only JSON API, ``/api/v1/``: published data for anyone, full data within their scope
for a signed-in user or the holder of a personal API token (``Authorization: Bearer ...``).

Each operation is declared once (``api.get``), which serves it and describes it in
``/api/v1/openapi.json``; ``/api/v1/docs`` shows that description to people.
"""

from __future__ import annotations

import json
from datetime import date
from typing import NoReturn

from flask import Blueprint, abort, g, render_template, request, url_for
from sqlalchemy import ColumnElement, select
from werkzeug.wrappers import Response

from sir_tracker.access.policy import readable_leas
from sir_tracker.auth.tokens import user_for_api_token
from sir_tracker.core import db
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.monitoring import queries
from sir_tracker.monitoring.profile import in_dta
from sir_tracker.monitoring.quarters import counts_at_meetings
from sir_tracker.pages.api import schemas
from sir_tracker.pages.api.spec import Api
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import (
    counts_by_component,
    counts_by_sir,
    counts_by_theme,
)
from sir_tracker.reviews.models import Action, Component, Sir
from sir_tracker.reviews.queries import current_sir
from sir_tracker.users.models import User
from sir_tracker.web.current import signed_in_user
from sir_tracker.web.problems import problem

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
api = Api(
    blueprint,
    title="SIR Tracker API",
    version="1.0.0",
    description=(
        "Read-only figures of the LEAs that CCEE follows after a Systemic Instructional "
        "Review. Without credentials: the LEAs whose progress is published, and no internal "
        "text. With a personal API token (or signed in): every LEA you may see, in full."
    ),
)


@blueprint.before_request
def _identify_reader() -> Response | None:
    """``g.reader``: the token's owner, else the signed-in user, else None (the public).
    A token that is sent but unknown or revoked is refused, never taken as anonymous."""
    header = request.headers.get("Authorization")
    if header is None:
        g.reader = signed_in_user()
        return None
    scheme, _, token = header.partition(" ")
    reader = user_for_api_token(db.session(), token.strip()) if scheme.lower() == "bearer" else None
    if reader is None:
        return problem(
            401,
            "Not authorised",
            "The API token is unknown or revoked. Send a valid token or none.",
            headers={"WWW-Authenticate": 'Bearer realm="SIR Tracker API"'},
        )
    g.reader = reader
    return None


def _reader() -> User | None:
    reader: User | None = g.reader
    return reader


def _scope() -> ColumnElement[bool]:
    return readable_leas(_reader())


def _full() -> bool:
    return _reader() is not None


def _missing(what: str) -> NoReturn:
    abort(404, f"No {what} with this id is visible to you.")


def _counts(counts: StatusCounts) -> schemas.Counts:
    return schemas.Counts(
        completed=counts.completed,
        in_progress=counts.in_progress,
        not_started=counts.not_started,
        total=counts.total,
        percent_completed_or_in_progress=counts.percent_active,
        headline=counts.headline,
    )


def _pagination(window: queries.Window, total: int, has_next: bool) -> schemas.Pagination:
    def link(page: int) -> str:
        args = {**request.args.to_dict(), **(request.view_args or {})}
        args.update(page=page, per_page=window.per_page)
        return url_for(str(request.endpoint), **args)

    return schemas.Pagination(
        page=window.page,
        per_page=window.per_page,
        total=total,
        next=link(window.page + 1) if has_next else None,
        prev=link(window.page - 1) if window.page > 1 else None,
    )


def _lea(lea: Lea, sir: Sir | None, counts: StatusCounts | None, as_of: date | None) -> schemas.Lea:
    engagement = lea.current_engagement
    return schemas.Lea(
        id=lea.id,
        name=lea.name,
        kind=lea.kind,
        cds_code=lea.cds_code,
        county=lea.county_office.county,
        in_dta=in_dta(engagement, today()),
        engagement=None
        if engagement is None
        else schemas.Engagement(
            pathway=engagement.pathway,
            pathway_label=engagement.pathway.label,
            mode=engagement.mode,
            mode_label=engagement.mode.label,
            started_on=engagement.started_on,
            exited_on=engagement.exited_on,
        ),
        current_sir_id=sir.id if sir else None,
        as_of=as_of,
        counts=_counts(counts) if counts is not None else None,
    )


def _themes(sir: Sir) -> list[schemas.Theme]:
    return [
        schemas.Theme(id=theme.id, number=theme.number, title=theme.title)
        for theme in queries.active_themes(sir)
    ]


def _action(action: Action) -> schemas.Action:
    full = _full()
    return schemas.Action(
        id=action.id,
        sir_id=action.sir_id,
        code=action.code,
        component_number=action.component.number,
        theme_id=action.theme_id,
        status=action.status,
        text=action.text if full else None,
        responsible=action.responsible if full else None,
        target_date=action.target_date,
    )


def _readable_lea(lea_id: int) -> Lea:
    lea = queries.lea_in(db.session(), _scope(), lea_id)
    if lea is None:
        _missing("LEA")
    return lea


def _readable_sirs(lea: Lea) -> list[Sir]:
    """A signed-in reader sees every SIR of the LEA that is not archived; the public only the
    current one, the one whose progress is published."""
    if _full():
        return [sir for sir in lea.sirs if not sir.is_archived]
    sir = current_sir(lea)
    return [sir] if sir is not None else []


def _readable_sir(sir_id: int) -> Sir:
    sir = queries.sir_in(db.session(), _scope(), sir_id)
    if sir is None or sir not in _readable_sirs(sir.lea):
        _missing("SIR")
    return sir


# --- Operations ---------------------------------------------------------------------------


@api.get("/leas", response=schemas.LeaList, query=schemas.LeaListQuery, tag="LEAs")
def list_leas(query: schemas.LeaListQuery) -> schemas.LeaList:
    """The LEAs you may see, by name, with the counts of their current SIR.

    Without credentials, the LEAs whose progress CCEE publishes. ``as_of`` gives the counts as
    of that day.
    """
    session = db.session()
    window = queries.Window(query.page, query.per_page)
    found = queries.leas_page(session, _scope(), window)
    sirs = {lea.id: sir for lea in found.items if (sir := current_sir(lea)) is not None}
    counts = counts_by_sir(session, [sir.id for sir in sirs.values()], query.as_of)
    items = [
        _lea(
            lea,
            sirs.get(lea.id),
            counts.get(sirs[lea.id].id) if lea.id in sirs else None,
            query.as_of,
        )
        for lea in found.items
    ]
    return schemas.LeaList(items=items, pagination=_pagination(window, found.total, found.has_next))


@api.get("/leas/{lea_id}", response=schemas.Lea, query=schemas.AsOfQuery, tag="LEAs")
def get_lea(query: schemas.AsOfQuery, lea_id: int) -> schemas.Lea:
    """One LEA, with the counts of its current SIR."""
    lea = _readable_lea(lea_id)
    sir = current_sir(lea)
    counts = counts_by_sir(db.session(), [sir.id], query.as_of)[sir.id] if sir else None
    return _lea(lea, sir, counts, query.as_of)


@api.get("/leas/{lea_id}/counts", response=schemas.LeaCounts, query=schemas.AsOfQuery, tag="LEAs")
def get_lea_counts(query: schemas.AsOfQuery, lea_id: int) -> schemas.LeaCounts:
    """The counts of the LEA's current SIR: in all, per component and per theme.

    404 when the LEA has no SIR yet.
    """
    session = db.session()
    lea = _readable_lea(lea_id)
    sir = current_sir(lea)
    if sir is None:
        _missing("SIR of this LEA")
    components = {c.number: c for c in session.scalars(select(Component))}
    themes = {theme.id: theme for theme in _themes(sir)}
    return schemas.LeaCounts(
        lea_id=lea.id,
        sir_id=sir.id,
        as_of=query.as_of,
        counts=_counts(counts_by_sir(session, [sir.id], query.as_of)[sir.id]),
        by_component=[
            schemas.ComponentCounts(
                component=schemas.Component(number=number, title=components[number].title),
                counts=_counts(counts),
            )
            for number, counts in counts_by_component(session, sir, query.as_of).items()
        ],
        by_theme=[
            schemas.ThemeCounts(theme=themes.get(theme_id) if theme_id else None, counts=_counts(c))
            for theme_id, c in counts_by_theme(session, sir, query.as_of).items()
            if theme_id is None or theme_id in themes
        ],
    )


@api.get("/leas/{lea_id}/sirs", response=schemas.SirList, tag="SIRs")
def list_lea_sirs(_query: schemas.NoQuery, lea_id: int) -> schemas.SirList:
    """The LEA's SIRs, oldest first (without credentials, only the current one)."""
    lea = _readable_lea(lea_id)
    sirs = _readable_sirs(lea)
    counts = counts_by_sir(db.session(), [sir.id for sir in sirs])
    current = current_sir(lea)
    return schemas.SirList(items=[_sir(sir, counts[sir.id], sir is current) for sir in sirs])


def _sir(sir: Sir, counts: StatusCounts, is_current: bool) -> schemas.Sir:
    return schemas.Sir(
        id=sir.id,
        lea_id=sir.lea_id,
        title=sir.title,
        report_date=sir.report_date,
        state=sir.state,
        is_current=is_current,
        themes=_themes(sir),
        counts=_counts(counts),
    )


@api.get(
    "/leas/{lea_id}/meetings", response=schemas.MeetingList, query=schemas.PageQuery, tag="Meetings"
)
def list_lea_meetings(query: schemas.PageQuery, lea_id: int) -> schemas.MeetingList:
    """The LEA's meetings, newest first, with the SIR's counts as of each.

    Without credentials, only the quarterly meetings held, and only the summary a lead
    published.
    """
    session = db.session()
    lea = _readable_lea(lea_id)
    window = queries.Window(query.page, query.per_page)
    full = _full()
    found = queries.meetings_page(session, lea, window, quarterly_held_by=None if full else today())
    quarterly = [meeting for meeting in found.items if meeting.kind is MeetingKind.QUARTERLY]
    counts = counts_at_meetings(session, quarterly)
    return schemas.MeetingList(
        items=[_meeting(meeting, counts.get(meeting.id), full) for meeting in found.items],
        pagination=_pagination(window, found.total, found.has_next),
    )


def _meeting(meeting: Meeting, counts: StatusCounts | None, full: bool) -> schemas.Meeting:
    published = meeting.public_summary_published_at is not None and meeting.public_summary
    return schemas.Meeting(
        id=meeting.id,
        lea_id=meeting.lea_id,
        held_on=meeting.held_on,
        kind=meeting.kind,
        sir_id=meeting.sir_id,
        counts=_counts(counts) if counts is not None else None,
        public_summary=meeting.public_summary if published else None,
        summary=meeting.summary if full else None,
        agenda=meeting.agenda if full else None,
    )


@api.get("/sirs/{sir_id}", response=schemas.Sir, tag="SIRs")
def get_sir(_query: schemas.NoQuery, sir_id: int) -> schemas.Sir:
    """One SIR, with its themes and current counts."""
    sir = _readable_sir(sir_id)
    counts = counts_by_sir(db.session(), [sir.id])[sir.id]
    return _sir(sir, counts, sir is current_sir(sir.lea))


@api.get(
    "/sirs/{sir_id}/actions", response=schemas.ActionList, query=schemas.PageQuery, tag="Actions"
)
def list_sir_actions(query: schemas.PageQuery, sir_id: int) -> schemas.ActionList:
    """The SIR's recommended actions in code order, with their status.

    Without credentials, the text of an action and who is responsible are null.
    """
    sir = _readable_sir(sir_id)
    window = queries.Window(query.page, query.per_page)
    found = queries.actions_page(db.session(), sir, window)
    return schemas.ActionList(
        items=[_action(action) for action in found.items],
        pagination=_pagination(window, found.total, found.has_next),
    )


@api.get("/actions/{action_id}", response=schemas.ActionDetail, tag="Actions")
def get_action(_query: schemas.NoQuery, action_id: int) -> schemas.ActionDetail:
    """One action, with its status history, oldest first.

    Without credentials, the history has no notes and no evidence links.
    """
    action = queries.action_in(db.session(), _scope(), action_id)
    if action is None or action.sir not in _readable_sirs(action.sir.lea):
        _missing("action")
    full = _full()
    return schemas.ActionDetail(
        **_action(action).model_dump(),
        history=[
            schemas.StatusChange(
                from_status=change.from_status,
                to_status=change.to_status,
                changed_at=change.changed_at,
                meeting_id=change.meeting_id if full else None,
                note=change.note if full else None,
                evidence_url=change.evidence_url if full else None,
            )
            for change in action.history
        ],
    )


@api.get("/components", response=schemas.ComponentList, tag="SIRs")
def list_components(_query: schemas.NoQuery) -> schemas.ComponentList:
    """The twelve components of the SIR framework, in number order."""
    rows = db.session().scalars(select(Component).order_by(Component.number))
    return schemas.ComponentList(
        items=[schemas.Component(number=row.number, title=row.title) for row in rows]
    )


# --- The description ----------------------------------------------------------------------


def _description() -> dict[str, object]:
    return api.openapi(url_for("api.openapi").removesuffix("/openapi.json"))


@blueprint.get("/openapi.json")
def openapi() -> Response:
    response = Response(json.dumps(_description(), indent=2), mimetype="application/json")
    response.add_etag()
    return response.make_conditional(request)


@blueprint.get("/docs")
def docs() -> str:
    return render_template("api/docs.html", spec=_description())
