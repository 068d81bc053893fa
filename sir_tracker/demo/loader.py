"""Loads the demo data set through the same domain operations the application uses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.core.pacific_time import at_local
from sir_tracker.demo.content import read_demo, shipped_demo
from sir_tracker.demo.spec import CountySpec, LeaSpec, MeetingSpec, SirSpec
from sir_tracker.leas.models import CountyOffice, Engagement, GeoLeadAgency, Lea
from sir_tracker.meetings.models import Attendee, Meeting, Metric, NextStep, SwotNote
from sir_tracker.progress.notes import add_progress_note
from sir_tracker.progress.operations import StatusToSet, set_statuses
from sir_tracker.reviews.models import Component, CrosswalkLink, Finding, Sir, Theme
from sir_tracker.reviews.operations import NewAction, add_actions
from sir_tracker.users.models import Role, User


class DemoRefused(Exception):
    pass


def load_demo(session: Session, folder: Path | None = None) -> str:
    """Load every demo LEA into an empty database; return a one-line summary. The demo is the
    shipped one, or the one described by the TOML files of ``folder`` (see ``content.py``)."""
    existing_leas = session.scalar(select(func.count()).select_from(Lea)) or 0
    existing_users = session.scalar(select(func.count()).select_from(User)) or 0
    if existing_leas or existing_users:
        raise DemoRefused(
            f"the database already holds {existing_leas} LEAs and {existing_users} users; "
            "the demo loads only into an empty database."
        )
    components = {c.number: c for c in session.scalars(select(Component))}
    if len(components) != 12:
        raise DemoRefused("the twelve SIR components are missing: run 'sir-tracker db upgrade'.")

    demo = shipped_demo() if folder is None else read_demo(folder)
    offices = load_counties(session, demo.counties)
    leads = {
        person.email: User(email=person.email, name=person.name, role=Role.CCEE_LEAD)
        for person in demo.ccee_leads
    }
    session.add_all(leads.values())
    for spec in demo.leas:
        load_lea(session, spec, offices[spec.county], leads[spec.ccee_lead], components)
    session.flush()
    changes = sum(len(a.steps) for spec in demo.leas if spec.sir for a in spec.sir.actions)
    return (
        f"Demo loaded: {len(demo.leas)} LEAs, {len(leads)} CCEE leads, "
        f"{changes} status changes. Every demo LEA is marked as demo."
    )


def load_counties(session: Session, counties: tuple[CountySpec, ...]) -> dict[str, CountyOffice]:
    """Add the county offices, with their Geo Leads (those already present are reused)."""
    geo_leads = {agency.name: agency for agency in session.scalars(select(GeoLeadAgency))}
    offices: dict[str, CountyOffice] = {}
    for county in counties:
        geo_lead = None
        if county.geo_lead is not None:
            geo_lead = geo_leads.setdefault(county.geo_lead, GeoLeadAgency(name=county.geo_lead))
        offices[county.county] = CountyOffice(
            county=county.county, name=county.office, geo_lead=geo_lead
        )
    session.add_all(offices.values())
    return offices


def load_lea(
    session: Session,
    spec: LeaSpec,
    office: CountyOffice,
    lead: User,
    components: dict[int, Component],
) -> Lea:
    """Add one LEA of the spec, its engagement, SIR, meetings and history."""
    lea = Lea(
        name=spec.name,
        kind=spec.kind,
        cds_code=spec.cds_code,
        county_office=office,
        is_demo=True,
        is_published=spec.published,
    )
    engagement = spec.engagement
    session.add_all(
        [
            lea,
            Engagement(
                lea=lea,
                pathway=engagement.pathway,
                mode=engagement.mode,
                readiness=engagement.readiness,
                started_on=engagement.started_on,
                exited_on=engagement.exited_on,
                ccee_lead=lead,
            ),
        ]
    )
    sir = None
    if spec.sir is not None:
        created_on = spec.sir.report_date or engagement.started_on
        sir = _load_sir(session, spec.sir, lea, lead, components, created_on)
    meetings = [_load_meeting(session, lea, sir, meeting) for meeting in spec.meetings]
    session.flush()  # once for all meetings: a flush per meeting was a tenth of the load time
    if spec.sir is None or sir is None:
        return lea
    actions = {action.code: action for action in sir.actions}
    # Every change in date order, through the operation of a spreadsheet import: a batch per
    # meeting (a new batch where an action changes twice at one meeting), each change dated
    # on its meeting's day, as a lead making it there would.
    steps = sorted(
        (
            (step.meeting, action_spec.code, step)
            for action_spec in spec.sir.actions
            for step in action_spec.steps
        ),
        key=lambda item: item[0],
    )
    batch: list[StatusToSet] = []
    for meeting_index, code, step in steps:
        meeting = meetings[meeting_index]
        if batch and (batch[0].meeting is not meeting or any(b.action.code == code for b in batch)):
            set_statuses(session, sir, batch, by=lead)
            batch = []
        batch.append(
            StatusToSet(
                actions[code],
                step.status,
                step.note,
                meeting=meeting,
                evidence_url=step.evidence_url,
            )
        )
    if batch:
        set_statuses(session, sir, batch, by=lead)
    for action_spec in spec.sir.actions:
        for note in action_spec.notes:
            add_progress_note(
                session,
                actions[action_spec.code],
                note.note,
                by=lead,
                evidence_url=note.evidence_url,
                meeting=meetings[note.meeting],
            )
    return lea


def _load_sir(
    session: Session,
    sir_spec: SirSpec,
    lea: Lea,
    lead: User,
    components: dict[int, Component],
    created_on: date,
) -> Sir:
    sir = Sir(lea=lea, title=sir_spec.title, report_date=sir_spec.report_date, state=sir_spec.state)
    themes = [Theme(sir=sir, number=n, title=t) for n, t in enumerate(sir_spec.themes, 1)]
    session.add_all([sir, *themes])
    session.add_all(
        Finding(sir=sir, component=components[f.component], category=f.category, text=f.text)
        for f in sir_spec.findings
    )
    session.flush()
    actions = add_actions(
        session,
        sir,
        [
            NewAction(
                code=action_spec.code,
                text=action_spec.text,
                component=components[action_spec.component],
                theme=themes[action_spec.theme - 1] if action_spec.theme else None,
                responsible=action_spec.responsible,
                target_date=action_spec.target_date,
                at=at_local(created_on, 9),
            )
            for action_spec in sir_spec.actions
        ],
        by=lead,
    )
    session.add_all(
        CrosswalkLink(action=action, plan=plan, reference=reference)
        for action, action_spec in zip(actions, sir_spec.actions, strict=True)
        for plan, reference in action_spec.crosswalk
    )
    session.flush()
    return sir


def _load_meeting(session: Session, lea: Lea, sir: Sir | None, spec: MeetingSpec) -> Meeting:
    meeting = Meeting(
        lea=lea,
        sir=sir,
        held_on=spec.held_on,
        kind=spec.kind,
        agenda=spec.agenda,
        summary=spec.summary,
        created_at=at_local(spec.held_on, 17),
    )
    session.add(meeting)
    session.add_all(
        Attendee(meeting=meeting, name=a.name, title=a.title, organisation=a.organisation)
        for a in spec.attendees
    )
    session.add_all(
        SwotNote(meeting=meeting, category=category, text=text)
        for category, text in spec.swot_notes
    )
    session.add_all(
        Metric(meeting=meeting, label=label, value=value, unit=unit)
        for label, value, unit in spec.metrics
    )
    session.add_all(
        NextStep(meeting=meeting, text=s.text, owner=s.owner, due_on=s.due_on, done_on=s.done_on)
        for s in spec.next_steps
    )
    return meeting
