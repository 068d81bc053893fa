"""Reads of LEAs, SIRs, actions and meetings within a reader's scope, a page at a time: what
the JSON API and the public pages list. Every function takes the scope as a filter on ``Lea``
(``access.policy.readable_leas``) and loads what it returns in a fixed number of queries,
whatever the number of LEAs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.reviews.models import Action, Sir, Theme
from sir_tracker.reviews.queries import code_key

T = TypeVar("T")


@dataclass(frozen=True)
class Window:
    """Which page of a list: ``page`` counted from 1, ``per_page`` rows each."""

    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Slice(Generic[T]):
    """One page of a list and the length of the whole list."""

    items: Sequence[T]
    total: int
    window: Window

    @property
    def has_next(self) -> bool:
        return self.window.offset + len(self.items) < self.total


def _count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def leas_page(session: Session, scope: ColumnElement[bool], window: Window) -> Slice[Lea]:
    """The LEAs in ``scope`` by name, with their county office, engagements and SIRs."""
    ids = select(Lea.id).where(scope)
    leas = session.scalars(
        select(Lea)
        .where(scope)
        .options(
            selectinload(Lea.county_office),
            selectinload(Lea.engagements),
            selectinload(Lea.sirs),
        )
        .order_by(Lea.name, Lea.id)
        .offset(window.offset)
        .limit(window.per_page)
    )
    return Slice(list(leas), _count(session, ids), window)


def lea_in(session: Session, scope: ColumnElement[bool], lea_id: int) -> Lea | None:
    return session.scalar(
        select(Lea)
        .where(scope, Lea.id == lea_id)
        .options(selectinload(Lea.engagements), selectinload(Lea.sirs))
    )


def sir_in(session: Session, scope: ColumnElement[bool], sir_id: int) -> Sir | None:
    """A SIR that is not archived, of an LEA in ``scope``."""
    return session.scalar(
        select(Sir)
        .join(Lea, Lea.id == Sir.lea_id)
        .where(scope, Sir.id == sir_id, Sir.archived_at.is_(None))
        .options(selectinload(Sir.themes))
    )


def action_in(session: Session, scope: ColumnElement[bool], action_id: int) -> Action | None:
    """An action that is not archived, of a SIR that is not archived, in ``scope``."""
    return session.scalar(
        select(Action)
        .join(Sir, Sir.id == Action.sir_id)
        .join(Lea, Lea.id == Sir.lea_id)
        .where(
            scope,
            Action.id == action_id,
            Action.archived_at.is_(None),
            Sir.archived_at.is_(None),
        )
        .options(
            selectinload(Action.component),
            selectinload(Action.history),
            selectinload(Action.sir),
        )
    )


def actions_page(session: Session, sir: Sir, window: Window) -> Slice[Action]:
    """The SIR's actions that are not archived, in code order (3.2 before 3.10)."""
    rows = session.execute(
        select(Action.id, Action.code).where(Action.sir_id == sir.id, Action.archived_at.is_(None))
    ).all()
    ordered = [row.id for row in sorted(rows, key=lambda row: code_key(row.code))]
    wanted = ordered[window.offset : window.offset + window.per_page]
    loaded = {
        action.id: action
        for action in session.scalars(
            select(Action).where(Action.id.in_(wanted)).options(selectinload(Action.component))
        )
    }
    return Slice([loaded[action_id] for action_id in wanted], len(ordered), window)


def active_themes(sir: Sir) -> list[Theme]:
    return [theme for theme in sir.themes if not theme.is_archived]


def meetings_page(
    session: Session,
    lea: Lea,
    window: Window,
    *,
    quarterly_held_by: date | None = None,
) -> Slice[Meeting]:
    """The LEA's meetings that are not archived, newest first; only the quarterly ones held
    by ``quarterly_held_by`` when it is given (what the public sees)."""
    where = [Meeting.lea_id == lea.id, Meeting.archived_at.is_(None)]
    if quarterly_held_by is not None:
        where += [Meeting.kind == MeetingKind.QUARTERLY, Meeting.held_on <= quarterly_held_by]
    meetings = session.scalars(
        select(Meeting)
        .where(*where)
        .options(selectinload(Meeting.sir))
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .offset(window.offset)
        .limit(window.per_page)
    )
    return Slice(list(meetings), _count(session, select(Meeting.id).where(*where)), window)
