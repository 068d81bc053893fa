"""Recording progress-monitoring meetings: the meeting itself, its attendees, the quarter's SWOT
notes, evidence metrics and next steps; and next steps carried over to later meetings until
they are done.

Attendees, notes, metrics and next steps are parts of the meeting's record, not history: an
edit replaces them all, and the meeting's audit event counts what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, contains_eager
from sqlalchemy.orm.attributes import flag_modified

from sir_tracker.audit import editing
from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import as_text, record_event, snapshot
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import (
    Attendee,
    Meeting,
    MeetingKind,
    Metric,
    NextStep,
    Organisation,
    SwotNote,
)
from sir_tracker.reviews.models import Sir, SwotCategory
from sir_tracker.users.models import Role, User

ORGANISATION_OF_ROLE = {
    Role.ADMIN: Organisation.CCEE,
    Role.CCEE_LEAD: Organisation.CCEE,
    Role.COE_STAFF: Organisation.COE,
    Role.LEA_STAFF: Organisation.LEA,
}
SCALAR_FIELDS = ("held_on", "kind", "sir", "agenda", "summary")


SIGNED_OFF = "This meeting is signed off: its record is final and cannot be changed or archived."


class MeetingRefused(DomainError):
    """A refusal; ``also`` holds more refusals of the same save, each shown at its field."""

    def __init__(
        self, message: str, *, field: str | None = None, also: tuple[DomainError, ...] = ()
    ) -> None:
        super().__init__(message, field=field)
        self.also = also


@dataclass(frozen=True)
class AttendeeValues:
    name: str
    title: str = ""
    organisation: Organisation | None = None  # None: taken from the known person of that name
    email: str = ""


@dataclass(frozen=True)
class NoteValues:
    category: SwotCategory
    text: str


@dataclass(frozen=True)
class MetricValues:
    label: str
    value: Decimal
    unit: str = ""


@dataclass(frozen=True)
class NextStepValues:
    text: str
    owner: str = ""
    owner_email: str = ""
    due_on: date | None = None
    done: bool = False
    done_on: date | None = None  # the day it was done, when already known (kept across edits)


@dataclass(frozen=True)
class MeetingValues:
    held_on: date
    kind: MeetingKind
    sir: Sir | None
    agenda: str = ""
    summary: str = ""
    attendees: Sequence[AttendeeValues] = ()
    notes: Sequence[NoteValues] = ()
    metrics: Sequence[MetricValues] = ()
    next_steps: Sequence[NextStepValues] = ()


@dataclass(frozen=True)
class KnownPerson:
    """Someone offered when typing an attendee's name: a user, or an earlier attendee."""

    name: str
    description: str
    organisation: Organisation | None
    email: str | None
    user_id: int | None


def meeting_label(kind: MeetingKind, held_on: date) -> str:
    """How the audit log and messages name a meeting: "Quarterly progress monitoring, 15 June
    2021"."""
    name = "Meeting" if kind is MeetingKind.OTHER else kind.label
    return f"{name}, {long_date(held_on)}"


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def known_people(session: Session, lea: Lea) -> dict[str, KnownPerson]:
    """The people who may attend ``lea``'s meetings, by ``name_key``: active users who work on
    it (CCEE, its county office, its own staff), then earlier attendees of its meetings.

    A name shared by two users links to neither (and gives an organisation only if they share
    it)."""
    users = session.scalars(
        select(User)
        .where(
            User.is_active.is_(True),
            or_(
                User.role.in_([Role.ADMIN, Role.CCEE_LEAD]),
                and_(User.role == Role.COE_STAFF, User.county_office_id == lea.county_office_id),
                and_(User.role == Role.LEA_STAFF, User.lea_id == lea.id),
            ),
        )
        .order_by(User.name, User.id)
    )
    people: dict[str, KnownPerson] = {}
    for user in users:
        key = name_key(user.name)
        person = KnownPerson(
            name=user.name,
            description=user.role.label,
            organisation=ORGANISATION_OF_ROLE.get(user.role),
            email=user.email,
            user_id=user.id,
        )
        if key in people:
            other = people[key]
            same = other.organisation if other.organisation is person.organisation else None
            person = KnownPerson(other.name, "Several people", same, None, None)
        people[key] = person
    attendees = session.execute(
        select(Attendee)
        .join(Meeting, Meeting.id == Attendee.meeting_id)
        .where(Meeting.lea_id == lea.id, Meeting.archived_at.is_(None))
        .order_by(Meeting.held_on, Meeting.id, Attendee.id)
    ).scalars()
    for attendee in attendees:  # the latest meeting's details win
        key = name_key(attendee.name)
        if key in people and people[key].user_id is not None:
            continue
        described = ", ".join(p for p in (attendee.title, attendee.organisation.label) if p)
        people[key] = KnownPerson(
            name=attendee.name,
            description=described,
            organisation=attendee.organisation,
            email=attendee.email,
            user_id=attendee.user_id,
        )
    return people


# Who must be at a quarterly progress-monitoring meeting: the LEA and CCEE or the county office.
_MONITORS = frozenset({Organisation.CCEE, Organisation.COE})


def _check_quarterly_content(values: MeetingValues, attendees: Sequence[Attendee]) -> None:
    """A quarterly meeting that was held records who met and what was said: it counts for
    the LEA's quarterly cycle (flags, plateaus, stalls), so an empty one is refused. One still
    to come (scheduled) needs only its date."""
    if values.kind is not MeetingKind.QUARTERLY or values.held_on > today():
        return
    problems = []
    organisations = {attendee.organisation for attendee in attendees}
    if Organisation.LEA not in organisations or not organisations & _MONITORS:
        problems.append(
            DomainError(
                "A quarterly meeting needs its attendees: at least one from the LEA and one "
                "from CCEE or the county office."
            )
        )
    if not values.summary.strip():
        problems.append(
            DomainError(
                "A quarterly meeting needs a summary of what was reviewed and decided.",
                field="summary",
            )
        )
    if problems:
        first, *more = problems
        raise MeetingRefused(first.message, field=first.field, also=tuple(more))


def save_meeting(
    session: Session,
    lea: Lea,
    meeting: Meeting | None,
    values: MeetingValues,
    *,
    actor: User,
    version: int | None,
) -> Meeting:
    """Create a meeting of ``lea`` (``meeting`` None) or replace what ``meeting`` records.

    Refuses with ``EditConflict`` when ``version`` is stale, with ``MeetingRefused`` when the
    SIR is not one of the LEA's current SIRs, the meeting is archived or of another LEA, an
    attendee has no name or organisation, or a held quarterly meeting lacks its attendees (the
    LEA, and CCEE or the county office) or its summary. Attendees named like a known person get
    their organisation and email when left blank, and are linked to the user of that name.
    """
    if meeting is not None:
        if meeting.lea_id != lea.id:
            raise MeetingRefused("This meeting is not a meeting of this LEA.")
        if meeting.is_archived:
            raise MeetingRefused("This meeting is archived; it must be restored before editing.")
        if meeting.is_closed:
            raise MeetingRefused(SIGNED_OFF)
        editing.check_version(
            session, meeting, version, meeting_label(meeting.kind, meeting.held_on)
        )
    sir = values.sir
    if sir is not None and (
        sir.lea_id != lea.id or (sir.is_archived and (meeting is None or meeting.sir is not sir))
    ):
        raise MeetingRefused("Choose one of this LEA's SIRs, or none.", field="sir")
    attendees = _attendees(session, lea, values.attendees)
    _check_quarterly_content(values, attendees)
    notes = [SwotNote(category=n.category, text=n.text.strip()) for n in values.notes]
    metrics = [
        Metric(label=m.label.strip(), value=m.value, unit=m.unit.strip()) for m in values.metrics
    ]
    steps = [_next_step(step, values.held_on) for step in values.next_steps]
    label = meeting_label(values.kind, values.held_on)

    if meeting is None:
        meeting = Meeting(
            lea=lea,
            held_on=values.held_on,
            kind=values.kind,
            sir=sir,
            agenda=values.agenda.strip(),
            summary=values.summary.strip(),
            attendees=attendees,
            swot_notes=notes,
            metrics=metrics,
            next_steps=steps,
        )
        editing.record_creation(session, meeting, actor=actor, label=label, lea_id=lea.id)
        return meeting

    before = snapshot(meeting, SCALAR_FIELDS)
    # Child rows first: their deletion is flushed before the meeting row changes, so that the
    # meeting is updated (and its version moves on) once.
    child_changes = _replace_children(
        session,
        meeting,
        {"attendees": attendees, "swot_notes": notes, "metrics": metrics, "next_steps": steps},
    )
    meeting.held_on = values.held_on
    meeting.kind = values.kind
    meeting.sir = sir
    meeting.agenda = values.agenda.strip()
    meeting.summary = values.summary.strip()
    after = snapshot(meeting, SCALAR_FIELDS)
    changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    changes |= child_changes
    if changes:
        flag_modified(meeting, "agenda")  # a new version, even when only child rows changed
        record_event(
            session,
            actor=actor,
            action=AuditAction.UPDATE,
            record=meeting,
            label=label,
            lea_id=lea.id,
            changes=changes,
        )
    return meeting


def _attendees(session: Session, lea: Lea, rows: Sequence[AttendeeValues]) -> list[Attendee]:
    people = known_people(session, lea) if rows else {}
    attendees = []
    for number, row in enumerate(rows, 1):
        name = " ".join(row.name.split())
        if not name:
            raise MeetingRefused(f"Attendee {number}: enter the name.", field="attendees")
        person = people.get(name_key(name))
        organisation = row.organisation or (person.organisation if person else None)
        if organisation is None:
            raise MeetingRefused(f"Attendee {number}: choose the organisation.", field="attendees")
        email = row.email.strip() or (person.email if person else None) or None
        attendees.append(
            Attendee(
                name=name,
                title=row.title.strip(),
                organisation=organisation,
                email=email,
                user_id=person.user_id if person else None,
            )
        )
    return attendees


def _next_step(values: NextStepValues, held_on: date) -> NextStep:
    done_on = None
    if values.done:
        done_on = values.done_on or min(held_on, today())
    return NextStep(
        text=values.text.strip(),
        owner=values.owner.strip(),
        owner_email=values.owner_email.strip() or None,
        due_on=values.due_on,
        done_on=done_on,
    )


def _replace_children(
    session: Session, meeting: Meeting, submitted: dict[str, list[Any]]
) -> dict[str, list[str]]:
    """Delete the meeting's child rows and insert the submitted ones, for each list that
    differs; the counts of those lists, for the audit event ("4" -> "5", "4" -> "4 (edited)")."""
    changes: dict[str, list[str]] = {}
    for name, new in submitted.items():
        old: list[Any] = getattr(meeting, name)
        key = ROW_KEYS[name]
        if [key(row) for row in old] == [key(row) for row in new]:
            continue
        count = str(len(new)) if len(new) != len(old) else f"{len(new)} (edited)"
        changes[name] = [str(len(old)), count]
        for row in old:
            session.delete(row)
    session.flush()
    for name in changes:
        session.expire(meeting, [name])
        setattr(meeting, name, submitted[name])
    return changes


def _attendee_key(row: Attendee) -> tuple[str, ...]:
    return (row.name, row.title, as_text(row.organisation), row.email or "")


def _note_key(row: SwotNote) -> tuple[str, ...]:
    return (as_text(row.category), row.text)


def _metric_key(row: Metric) -> tuple[str, ...]:
    return (row.label, format(Decimal(row.value).normalize(), "f"), row.unit)


def _step_key(row: NextStep) -> tuple[str, ...]:
    return (
        row.text,
        row.owner,
        row.owner_email or "",
        as_text(row.due_on),
        as_text(row.done_on),
    )


ROW_KEYS: dict[str, Callable[[Any], tuple[str, ...]]] = {
    "attendees": _attendee_key,
    "swot_notes": _note_key,
    "metrics": _metric_key,
    "next_steps": _step_key,
}


def archive_meeting(session: Session, meeting: Meeting, *, actor: User) -> None:
    if meeting.is_closed:
        raise MeetingRefused(SIGNED_OFF)
    label = meeting_label(meeting.kind, meeting.held_on)
    editing.archive(session, meeting, actor=actor, label=label, lea_id=meeting.lea_id)


def restore_meeting(session: Session, meeting: Meeting, *, actor: User) -> None:
    label = meeting_label(meeting.kind, meeting.held_on)
    editing.restore(session, meeting, actor=actor, label=label, lea_id=meeting.lea_id)


# --- Next steps carried over ---------------------------------------------------------------------


def carried_over_steps(
    session: Session, lea_id: int, held_on: date, meeting_id: int | None = None
) -> list[NextStep]:
    """Next steps of earlier meetings of the LEA that were still open at a meeting held on
    ``held_on``: not done, or done only after that day. Earlier means held before, or the same
    day and recorded before (``meeting_id``; every meeting of that day for a new meeting).
    Each step's ``meeting`` is loaded; oldest meeting first."""
    if meeting_id is None:
        earlier = Meeting.held_on <= held_on
    else:
        earlier = or_(
            Meeting.held_on < held_on, and_(Meeting.held_on == held_on, Meeting.id < meeting_id)
        )
    return list(
        session.scalars(
            select(NextStep)
            .join(NextStep.meeting)
            .options(contains_eager(NextStep.meeting))
            .where(
                Meeting.lea_id == lea_id,
                Meeting.archived_at.is_(None),
                earlier,
                or_(NextStep.done_on.is_(None), NextStep.done_on > held_on),
            )
            .order_by(Meeting.held_on, Meeting.id, NextStep.id)
        )
    )


def mark_step_done(session: Session, step: NextStep, at: Meeting, *, actor: User) -> date:
    """Mark an earlier meeting's open next step done at the later meeting ``at``: done on that
    meeting's day (today, if the meeting is still ahead). Audited as an update of the meeting
    that owns the step, whose version moves on so an edit form opened before is refused."""
    owner = step.meeting
    if owner.lea_id != at.lea_id:
        raise MeetingRefused("That next step is not one of this LEA's.")
    if owner.is_archived or at.is_archived:
        raise MeetingRefused("The next step's meeting is archived; restore it first.")
    if (owner.held_on, owner.id) >= (at.held_on, at.id):
        raise MeetingRefused("A next step can only be marked done at a later meeting.")
    if step.done_on is not None:
        raise MeetingRefused(f"That next step was already done on {long_date(step.done_on)}.")
    done_on = min(at.held_on, today())
    step.done_on = done_on
    flag_modified(owner, "agenda")
    record_event(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        record=owner,
        label=meeting_label(owner.kind, owner.held_on),
        lea_id=owner.lea_id,
        changes={"next step": [f"{step.text} (open)", f"{step.text} (done {long_date(done_on)})"]},
        summary=f"Marked done at the meeting of {long_date(at.held_on)}.",
    )
    return done_on


PUBLIC_SUMMARY_LIMIT = 3000


def publish_public_summary(
    session: Session,
    meeting: Meeting,
    public_summary: str,
    *,
    published: bool,
    actor: User,
    version: int | None,
) -> None:
    """Set the summary that the public progress page may show of ``meeting``, published or
    kept as a draft. It is written apart from the internal summary: nothing internal becomes
    public by accident. Only a held quarterly meeting's summary can be published."""
    text = public_summary.strip()
    if len(text) > PUBLIC_SUMMARY_LIMIT:
        raise MeetingRefused(
            f"A public summary has at most {PUBLIC_SUMMARY_LIMIT:,} characters.",
            field="public_summary",
        )
    if published and not text:
        raise MeetingRefused(
            "Write the public summary before publishing it.", field="public_summary"
        )
    if published and (meeting.kind is not MeetingKind.QUARTERLY or meeting.held_on > today()):
        raise MeetingRefused(
            "Only a quarterly meeting that has been held has a public summary.",
            field="published",
        )
    was_published = meeting.public_summary_published_at is not None
    published_at = (
        (meeting.public_summary_published_at if was_published else utcnow()) if published else None
    )
    editing.update_record(
        session,
        meeting,
        {"public_summary": text, "public_summary_published_at": published_at},
        actor=actor,
        label=meeting_label(meeting.kind, meeting.held_on),
        lea_id=meeting.lea_id,
        version=version,
    )
