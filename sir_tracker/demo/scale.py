"""Statewide data: the demo plus N generated LEAs (``sir-tracker demo --scale N``), for trying
the app, and measuring it, at the size of California's caseload.

Each generated LEA has the shape of a real one: about 70 recommended actions across the
twelve components, SWOT findings and themes, twelve quarterly meetings (September 2023 to June
2026, one per school quarter) with attendees, notes, metrics and next steps, the status history
those meetings made, a few progress notes, and a staff account; each of California's 58
counties has a county office with a COE staff account, and every 15 LEAs share a CCEE lead.
Generated LEAs are described with the demo's own spec classes and loaded by the demo loader,
so every action and status change goes through the domain operations (``add_actions``,
``set_statuses``, ``add_progress_note``) with their history rows and audit events.

Generation is deterministic: the same N and seed give the same LEAs, names and histories (the
LEAs of a smaller N are the first LEAs of a larger one). It loads in one transaction per chunk
of LEAs, so no transaction holds SQLite's write lock for long, and hashes the generated
accounts' one password once (a hash takes a tenth of a second).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from itertools import product

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sir_tracker.auth.passwords import hash_password
from sir_tracker.core.database import transaction
from sir_tracker.demo import pools
from sir_tracker.demo.accounts import DOMAIN
from sir_tracker.demo.content import shipped_demo
from sir_tracker.demo.loader import load_counties, load_lea
from sir_tracker.demo.spec import (
    ActionSpec,
    AttendeeSpec,
    CountySpec,
    EngagementSpec,
    FindingSpec,
    LeaSpec,
    MeetingSpec,
    NextStepSpec,
    NoteStep,
    SirSpec,
    StatusStep,
)
from sir_tracker.leas.models import CountyOffice, EngagementMode, LeaKind, Pathway, Readiness
from sir_tracker.meetings.models import MeetingKind, Organisation
from sir_tracker.reviews.models import ActionStatus, Component, SirState, SwotCategory
from sir_tracker.users.models import Role, User

SEED = 20260630
MAX_SCALE = 5000  # unique names and CDS codes run out past this
QUARTERS = 12
# The generated meetings' school quarters: 2023-24 to 2025-26, the last meeting in June 2026.
FIRST_SCHOOL_YEAR = 2023
LEAS_PER_LEAD = 15
# A generated CDS code is the county's two digits, then 8 and a serial; the demo's use 99.
CDS_SERIES = "8"
CHUNK = 20  # LEAs per transaction: a few seconds of writing at most


def county_office_name(county: str) -> str:
    return f"{county} County Office of Education"


def lead_email(number: int) -> str:
    return f"ccee.lead.{number:03d}@{DOMAIN}"


def coe_email(county_code: str) -> str:
    return f"coe.{county_code}@{DOMAIN}"


def lea_staff_email(cds_code: str) -> str:
    return f"lea.{cds_code}@{DOMAIN}"


def load_scaled(
    writers: sessionmaker[Session],
    count: int,
    *,
    password: str,
    seed: int = SEED,
    progress: Callable[[int], None] | None = None,
) -> str:
    """Add ``count`` generated LEAs, county offices for every county and the generated
    accounts (all with ``password``) to a database holding the shipped demo; return a one-line
    summary. ``progress`` is told how many LEAs each committed chunk added."""
    if not 1 <= count <= MAX_SCALE:
        raise ValueError(f"the scale is 1 to {MAX_SCALE:,} LEAs")
    password_hash = hash_password(password)
    leads = math.ceil(count / LEAS_PER_LEAD)
    with transaction(writers) as session:
        _add_offices_and_leads(session, leads, password_hash)
    specs = scaled_specs(count, seed)
    users = leads + len(pools.COUNTIES)
    done = 0
    while done < count:
        chunk = [next(specs) for _ in range(min(CHUNK, count - done))]
        with transaction(writers) as session:
            offices = {office.county: office for office in session.scalars(select(CountyOffice))}
            lead_users = {
                user.email: user
                for user in session.scalars(select(User).where(User.role == Role.CCEE_LEAD))
            }
            components = {c.number: c for c in session.scalars(select(Component))}
            for spec in chunk:
                lea = load_lea(
                    session, spec, offices[spec.county], lead_users[spec.ccee_lead], components
                )
                session.add(
                    User(
                        email=lea_staff_email(spec.cds_code),
                        name=_person(random.Random(f"{seed}-{spec.cds_code}")),
                        role=Role.LEA_STAFF,
                        lea=lea,
                        password_hash=password_hash,
                    )
                )
            session.flush()
        done += len(chunk)
        users += len(chunk)
        if progress is not None:
            progress(len(chunk))
    return (
        f"Generated {count:,} LEAs in {len(pools.COUNTIES)} counties, with {users:,} accounts "
        f"(CCEE leads {lead_email(1)} to {lead_email(leads)}, COE staff coe.CC@{DOMAIN} by "
        f"county code, LEA staff lea.CDS@{DOMAIN} by CDS code)."
    )


def _add_offices_and_leads(session: Session, leads: int, password_hash: str) -> None:
    known = set(session.scalars(select(CountyOffice.county)))
    load_counties(
        session,
        tuple(
            CountySpec(
                county, county_office_name(county), f"Region {region} Geographic Lead Agency"
            )
            for county, _code, region, _weight in pools.COUNTIES
            if county not in known
        ),
    )
    offices = {office.county: office for office in session.scalars(select(CountyOffice))}
    rng = random.Random(SEED)
    session.add_all(
        User(
            email=coe_email(code),
            name=_person(rng),
            role=Role.COE_STAFF,
            county_office=offices[county],
            password_hash=password_hash,
        )
        for county, code, _region, _weight in pools.COUNTIES
    )
    session.add_all(
        User(
            email=lead_email(number),
            name=_person(rng),
            role=Role.CCEE_LEAD,
            password_hash=password_hash,
        )
        for number in range(1, leads + 1)
    )
    session.flush()


def _person(rng: random.Random) -> str:
    return f"{rng.choice(pools.FIRST_NAMES)} {rng.choice(pools.LAST_NAMES)}"


# --- The generated LEAs, as the demo's spec classes ----------------------------------------------


def scaled_specs(count: int, seed: int = SEED) -> Iterator[LeaSpec]:
    """The generated LEAs in load order: the first ``count`` of one seeded sequence."""
    rng = random.Random(seed)
    names = _names(seed)
    counties = [county for county, *_ in pools.COUNTIES]
    weights = [weight for *_, weight in pools.COUNTIES]
    codes = {county: code for county, code, *_ in pools.COUNTIES}
    for serial in range(count):
        county = rng.choices(counties, weights)[0]
        yield _lea_spec(
            rng,
            names[serial],
            f"{codes[county]}{CDS_SERIES}{serial:04d}",
            county,
            lead_email(serial // LEAS_PER_LEAD + 1),
        )


def _names(seed: int) -> list[str]:
    """Every generated name, in a seeded order, none a shipped demo LEA's."""
    taken = {lea.name for lea in shipped_demo().leas}
    names = [
        f"{first} {second} {kind}"
        for first, second, kind in product(
            pools.PLACE_FIRST, pools.PLACE_SECOND, pools.DISTRICT_KINDS
        )
    ]
    random.Random(seed).shuffle(names)
    return [name for name in names if name not in taken]


def _lea_spec(rng: random.Random, name: str, cds_code: str, county: str, lead: str) -> LeaSpec:
    # Engaged between September 2022 and March 2023; the SIR report before September 2023.
    started_on = date(2022, 9, 1) + timedelta(days=rng.randrange(0, 180))
    report_date = started_on + timedelta(days=rng.randrange(100, 180))
    meetings = _meeting_dates(rng)
    sir = _sir_spec(rng, name, report_date, len(meetings))
    return LeaSpec(
        name=name,
        kind=LeaKind.DISTRICT,
        cds_code=cds_code,
        county=county,
        engagement=EngagementSpec(
            pathway=rng.choice([Pathway.PRIMARY, Pathway.CONTINUUM_OF_SUPPORT, Pathway.WRAPAROUND]),
            mode=rng.choice(list(EngagementMode)),
            readiness=rng.choice(list(Readiness)),
            started_on=started_on,
        ),
        ccee_lead=lead,
        sir=sir,
        meetings=tuple(_meeting_spec(rng, day, sir, index) for index, day in enumerate(meetings)),
        published=rng.random() < 0.3,
    )


def _meeting_dates(rng: random.Random) -> list[date]:
    """One quarterly meeting per school quarter: mid-September, early December, mid-March and
    mid-June of each school year."""
    days = []
    for year in range(FIRST_SCHOOL_YEAR, FIRST_SCHOOL_YEAR + QUARTERS // 4):
        for month, first in ((9, 8), (12, 1), (3, 3), (6, 2)):
            days.append(date(year + (month < 7), month, first + rng.randrange(0, 15)))
    return days


def _sir_spec(rng: random.Random, name: str, report_date: date, meetings: int) -> SirSpec:
    themes = tuple(rng.sample(pools.THEMES, rng.randint(2, 4)))
    findings = tuple(
        FindingSpec(component, SwotCategory(category), text)
        for component, category, text in rng.sample(pools.FINDINGS, rng.randint(8, 12))
    )
    pace = rng.uniform(0.55, 0.95)  # how much of the plan the LEA has under way
    actions = []
    for component in range(1, 13):
        pool = pools.ACTIONS[component]
        count = min(len(pool), rng.choice((5, 6, 6, 6, 7)))
        for number, text in enumerate(rng.sample(pool, count), 1):
            steps = _steps(rng, meetings, pace)
            actions.append(
                ActionSpec(
                    code=f"{component}.{number}",
                    component=component,
                    text=text,
                    responsible=rng.choice(pools.RESPONSIBLE[component]),
                    theme=rng.randint(1, len(themes)) if rng.random() < 0.7 else None,
                    target_date=report_date + timedelta(days=rng.randrange(240, 1100)),
                    steps=steps,
                    crosswalk=(
                        (("LCAP", f"Goal {rng.randint(1, 4)}, Action {rng.randint(1, 9)}"),)
                        if rng.random() < 0.3
                        else ()
                    ),
                    notes=_notes(rng, steps, meetings),
                )
            )
    return SirSpec(
        title=f"{name} Systemic Instructional Review",
        report_date=report_date,
        state=SirState.FINAL,
        themes=themes,
        findings=findings,
        actions=tuple(actions),
    )


def _steps(rng: random.Random, meetings: int, pace: float) -> tuple[StatusStep, ...]:
    """A plausible status history: most actions start at some meeting, many finish later,
    a few pause and restart; some never start."""
    if meetings == 0 or rng.random() > pace:
        return ()
    start = min(int(rng.expovariate(0.45)), meetings - 1)
    steps = [StatusStep(start, ActionStatus.IN_PROGRESS, _note(rng, pools.STARTED_NOTES))]
    at = start
    if at + 2 < meetings and rng.random() < 0.06:
        steps.append(StatusStep(at + 1, ActionStatus.NOT_STARTED, _note(rng, pools.PAUSED_NOTES)))
        steps.append(
            StatusStep(at + 2, ActionStatus.IN_PROGRESS, _note(rng, pools.RESTARTED_NOTES))
        )
        at += 2
    if at + 1 < meetings and rng.random() < 0.6:
        done = rng.randint(at + 1, min(meetings - 1, at + 5))
        evidence = f"https://evidence.example.org/sir/{rng.randrange(10**6)}.pdf"
        steps.append(
            StatusStep(
                done,
                ActionStatus.COMPLETED,
                _note(rng, pools.COMPLETED_NOTES),
                evidence if rng.random() < 0.4 else None,
            )
        )
    return tuple(steps)


def _notes(
    rng: random.Random, steps: tuple[StatusStep, ...], meetings: int
) -> tuple[NoteStep, ...]:
    """Now and then a lead's progress note on an action under way, at a later meeting."""
    if not steps or steps[-1].status != ActionStatus.IN_PROGRESS or rng.random() > 0.15:
        return ()
    later = steps[-1].meeting + 1
    if later >= meetings:
        return ()
    return (NoteStep(rng.randrange(later, meetings), _note(rng, pools.STARTED_NOTES)),)


def _note(rng: random.Random, pool: tuple[str, ...]) -> str:
    return rng.choice(pool).format(
        schools=rng.randint(3, 14),
        month=rng.choice(pools.MONTHS),
        role=rng.choice(("Director of Curriculum and Instruction", "principal lead", "coach")),
        share=rng.randint(70, 98),
    )


def _meeting_spec(rng: random.Random, held_on: date, sir: SirSpec, index: int) -> MeetingSpec:
    changes = Counter(s.status for a in sir.actions for s in a.steps if s.meeting == index)
    started, completed = changes[ActionStatus.IN_PROGRESS], changes[ActionStatus.COMPLETED]
    people = rng.sample(pools.PEOPLE, 4)
    return MeetingSpec(
        held_on=held_on,
        kind=MeetingKind.QUARTERLY,
        agenda=rng.choice(pools.AGENDAS),
        summary=rng.choice(pools.MEETING_SUMMARIES).format(started=started, completed=completed),
        attendees=(
            AttendeeSpec(people[0], "Superintendent", Organisation.LEA),
            AttendeeSpec(people[1], "Assistant Superintendent", Organisation.LEA),
            AttendeeSpec(people[2], "CCEE Lead", Organisation.CCEE),
            AttendeeSpec(people[3], "Coordinator, Differentiated Assistance", Organisation.COE),
        ),
        swot_notes=tuple(
            (SwotCategory(category), text)
            for category, text in rng.sample(pools.SWOT_NOTES, rng.randint(2, 4))
        ),
        metrics=tuple(
            (label, Decimal(rng.randint(8, 96)), unit)
            for label, unit in rng.sample(pools.METRICS, rng.randint(1, 3))
        ),
        next_steps=tuple(
            NextStepSpec(text, rng.choice(pools.RESPONSIBLE[1]), held_on + timedelta(days=45))
            for text in rng.sample(pools.NEXT_STEPS, rng.randint(1, 3))
        ),
    )
