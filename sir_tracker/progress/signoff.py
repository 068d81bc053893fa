"""Quarterly sign-off: closing a held quarterly meeting freezes its figures for good.

Closing writes, in one transaction, the status of every action of the meeting's SIR as of the
meeting (``FrozenStatus``), the signatures for CCEE, the county office and the LEA
(``SignOff``), who closed it and when, and an audit event. From then on
``progress.operations.counts_at_meeting`` reads the frozen figures, and
``progress.operations.change_status`` refuses a change dated up to the end of the meeting's
school quarter.

There is no reopen: what was signed stays as signed. Should one be needed, give it to admins
only, as an audited operation here that keeps what was signed (mark the sign-off withdrawn,
say) rather than deleting ``FrozenStatus`` and ``SignOff`` rows.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sir_tracker.audit.editing import check_version
from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import PACIFIC, end_of_day
from sir_tracker.meetings.models import (
    FrozenStatus,
    Meeting,
    MeetingKind,
    Organisation,
    SignOff,
)
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import lock_quarters
from sir_tracker.reviews.models import Action, ActionStatus, Sir, StatusChange
from sir_tracker.users.models import User

# Who signs a quarterly meeting, in the order the form and the summary name them.
SIGNING_ORGANISATIONS = (Organisation.CCEE, Organisation.COE, Organisation.LEA)
SIGNER_NAME_LIMIT = 200
_SIGNING_FOR = {
    Organisation.CCEE: "CCEE",
    Organisation.COE: "the county office",
    Organisation.LEA: "the LEA",
}


class SignOffRefused(DomainError):
    pass


@dataclass(frozen=True)
class Signature:
    organisation: Organisation
    name: str
    signed_on: date


def signing_for(organisation: Organisation) -> str:
    """How a signature's organisation reads in a sentence: "for the county office"."""
    return _SIGNING_FOR.get(organisation, organisation.label)


def meeting_label(meeting: Meeting) -> str:
    return f"Meeting of {long_date(meeting.held_on)}"


def sign_off_refusal(session: Session, meeting: Meeting, *, today: date) -> str | None:
    """Why ``meeting`` cannot be signed off on ``today``, or None when it can."""
    if meeting.is_closed:
        return (
            f"This meeting was already signed off on {long_date(closed_on(meeting))}; "
            "a sign-off cannot be repeated or reopened."
        )
    if meeting.is_archived:
        return "This meeting is archived; it must be restored before it can be signed off."
    if meeting.kind is not MeetingKind.QUARTERLY:
        return (
            "Only a quarterly progress-monitoring meeting can be signed off; this one is "
            f"a {meeting.kind.label.lower()} meeting."
        )
    if meeting.held_on > today:
        return (
            f"This meeting is scheduled for {long_date(meeting.held_on)}; it can be signed off "
            "once it has been held."
        )
    if meeting.sir is None:
        return "This meeting is not linked to a SIR, so there are no action statuses to freeze."
    later = session.scalar(
        select(func.max(Meeting.held_on)).where(
            Meeting.lea_id == meeting.lea_id,
            Meeting.closed_at.is_not(None),
            Meeting.archived_at.is_(None),
            Meeting.held_on > meeting.held_on,
        )
    )
    if later is not None:
        return (
            f"The later quarterly meeting of {long_date(_as_date(later))} is already signed "
            "off, so this earlier one can no longer be closed."
        )
    return None


def name_problem(organisation: Organisation, name: str) -> str | None:
    """What is wrong with the name given for ``organisation``'s signature, or None."""
    if not name.strip():
        return f"Enter the name of the person who signed for {signing_for(organisation)}."
    if len(name.strip()) > SIGNER_NAME_LIMIT:
        return f"A name can have at most {SIGNER_NAME_LIMIT} characters."
    return None


def date_problem(
    organisation: Organisation, signed_on: date, meeting: Meeting, *, today: date
) -> str | None:
    """What is wrong with the date of ``organisation``'s signature, or None: it cannot be in
    the future, nor before the meeting."""
    who = signing_for(organisation)
    if signed_on > today:
        return f"The date signed for {who} cannot be in the future."
    if signed_on < meeting.held_on:
        return (
            f"The date signed for {who} cannot be before the meeting "
            f"({long_date(meeting.held_on)})."
        )
    return None


def close_meeting(
    session: Session,
    meeting: Meeting,
    signatures: Sequence[Signature],
    *,
    version: int | None,
    seen: str | None,
    by: User,
    today: date,
) -> StatusCounts:
    """Sign off ``meeting``: freeze its SIR's statuses as of the meeting, record the three
    signatures and who closed it, and audit the change. Returns the frozen counts.

    Refuses with ``EditConflict`` if the meeting changed since ``version`` was read, with
    ``SignOffRefused`` when ``seen`` (``figures_seen`` of the page the signers read) no longer
    matches, because a status change was committed after the page was read (the signers would
    freeze figures they never saw), and with ``SignOffRefused`` (nothing written) when
    ``sign_off_refusal`` gives a reason or a signature is missing, unnamed, dated in the future
    or before the meeting.
    """
    # Queue behind any status change of the LEA (and it behind this), then lock the meeting so
    # that two sign-offs of it queue up, and decide on fresh values.
    lock_quarters(session, meeting.lea_id)
    session.refresh(meeting, with_for_update=True)
    check_version(session, meeting, version, meeting_label(meeting))
    refusal = sign_off_refusal(session, meeting, today=today)
    if refusal is not None:
        raise SignOffRefused(refusal)
    by_organisation = {signature.organisation: signature for signature in signatures}
    for organisation in SIGNING_ORGANISATIONS:
        signature = by_organisation.get(organisation)
        if signature is None:
            raise SignOffRefused(
                f"A signature for {signing_for(organisation)} is required.",
                field=f"{organisation.value}_name",
            )
        problem = name_problem(organisation, signature.name)
        if problem is not None:
            raise SignOffRefused(problem, field=f"{organisation.value}_name")
        problem = date_problem(organisation, signature.signed_on, meeting, today=today)
        if problem is not None:
            raise SignOffRefused(problem, field=f"{organisation.value}_signed_on")

    assert meeting.sir is not None  # sign_off_refusal refuses a meeting without a SIR
    statuses = statuses_as_of(session, meeting.sir, meeting.held_on)
    if seen is not None and _digest(statuses) != seen:
        now = StatusCounts.from_mapping(Counter(statuses.values()))
        raise SignOffRefused(
            "A status as of this meeting changed after this page was opened: the figures to "
            f"freeze are now {now.headline}. Check them and sign off again."
        )
    session.add_all(
        FrozenStatus(meeting=meeting, action_id=action_id, status=status)
        for action_id, status in statuses.items()
    )
    session.add_all(
        SignOff(
            meeting=meeting,
            organisation=organisation,
            name=by_organisation[organisation].name.strip(),
            signed_on=by_organisation[organisation].signed_on,
        )
        for organisation in SIGNING_ORGANISATIONS
    )
    meeting.closed_at = utcnow()
    meeting.closed_by = by
    counts = StatusCounts.from_mapping(Counter(statuses.values()))
    record_event(
        session,
        actor=by,
        action=AuditAction.UPDATE,
        record=meeting,
        label=meeting_label(meeting),
        lea_id=meeting.lea_id,
        changes={"sign-off": ["open", "closed"]},
        summary=f"Signed off {meeting.school_quarter}: {counts.headline}. "
        + "; ".join(
            f"{by_organisation[o].name.strip()} for {signing_for(o)} on "
            f"{long_date(by_organisation[o].signed_on)}"
            for o in SIGNING_ORGANISATIONS
        )
        + ".",
    )
    return counts


def figures_seen(session: Session, meeting: Meeting) -> str | None:
    """A short digest of what the sign-off page shows its signers (every action's status as of
    the meeting), for ``close_meeting(seen=...)``; None for a meeting without a SIR."""
    if meeting.sir is None:
        return None
    return _digest(statuses_as_of(session, meeting.sir, meeting.held_on))


def _digest(statuses: dict[int, ActionStatus]) -> str:
    listed = ",".join(
        f"{action_id}:{status.value}" for action_id, status in sorted(statuses.items())
    )
    return hashlib.sha256(listed.encode()).hexdigest()[:32]


def statuses_as_of(session: Session, sir: Sir, day: date) -> dict[int, ActionStatus]:
    """Each action's status at the end of the Pacific day ``day``, replaying history in one
    query: the actions that existed then and were not yet archived, as ``counts_by_sir``
    counts them."""
    cutoff = end_of_day(day)
    rank = (
        func.row_number()
        .over(
            partition_by=StatusChange.action_id,
            order_by=(StatusChange.changed_at.desc(), StatusChange.id.desc()),
        )
        .label("rank")
    )
    latest = (
        select(StatusChange.action_id, StatusChange.to_status, rank)
        .join(Action, Action.id == StatusChange.action_id)
        .where(
            Action.sir_id == sir.id,
            StatusChange.changed_at < cutoff,
            or_(Action.archived_at.is_(None), Action.archived_at >= cutoff),
        )
        .subquery()
    )
    rows = session.execute(select(latest.c.action_id, latest.c.to_status).where(latest.c.rank == 1))
    return {action_id: ActionStatus(status) for action_id, status in rows}


def closed_on(meeting: Meeting) -> date:
    """The Pacific day the meeting was signed off."""
    assert meeting.closed_at is not None
    return meeting.closed_at.astimezone(PACIFIC).date()


def ordered_sign_offs(meeting: Meeting) -> list[SignOff]:
    order = {organisation: n for n, organisation in enumerate(SIGNING_ORGANISATIONS)}
    return sorted(meeting.sign_offs, key=lambda s: (order.get(s.organisation, 99), s.id))


def sign_off_summary(meeting: Meeting) -> str | None:
    """The line "Signed off on 2 July 2021 by A for CCEE, B for the county office and C for
    the LEA.", or None while the meeting is open."""
    if not meeting.is_closed:
        return None
    signers = [f"{s.name} for {signing_for(s.organisation)}" for s in ordered_sign_offs(meeting)]
    if not signers:
        return f"Signed off on {long_date(closed_on(meeting))}."
    names = signers[0] if len(signers) == 1 else ", ".join(signers[:-1]) + " and " + signers[-1]
    return f"Signed off on {long_date(closed_on(meeting))} by {names}."


def _as_date(value: date | str) -> date:
    # SQLite hands back an aggregate of dates as text; PostgreSQL as a date.
    return value if isinstance(value, date) else date.fromisoformat(value)
