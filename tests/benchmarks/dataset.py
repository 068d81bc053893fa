"""The benchmark's database: the demo (for the IUSD report) plus N generated LEAs.

Generated LEAs are described with the demo's own spec classes and loaded by the demo loader's
``_load_lea``, so every row goes through the domain operations (``add_action``,
``change_status``): status history, audit events and ``Action.status`` agree as they do in
production. Generation is deterministic (one seeded ``random.Random``) and the file is cached
under /tmp, keyed by N and a hash of this generator, since it takes a minute for 100 LEAs and
no figure depends on it.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.demo.content import shipped_demo
from sir_tracker.demo.loader import _load_lea, load_demo
from sir_tracker.demo.spec import (
    ActionSpec,
    AttendeeSpec,
    EngagementSpec,
    FindingSpec,
    LeaSpec,
    MeetingSpec,
    NextStepSpec,
    SirSpec,
    StatusStep,
)
from sir_tracker.leas.models import CountyOffice, EngagementMode, Lea, LeaKind, Pathway, Readiness
from sir_tracker.meetings.models import MeetingKind, Organisation
from sir_tracker.migrate import upgrade
from sir_tracker.reviews.models import ActionStatus, Component, SirState, SwotCategory
from sir_tracker.users.models import User
from tests.benchmarks import content

WORK_DIR = Path("/tmp/sir-bench")
SEED = 20260630
# After every generated meeting (the last are in June 2026) and before today.
AS_OF = date(2026, 6, 30)
IUSD = "Inglewood Unified School District"
IUSD_AS_OF = date(2021, 6, 30)
# Generated CDS codes: the county's two digits, then 8 and a serial; the demo uses 99.
_CDS_SERIES = "8"


@dataclass(frozen=True)
class Dataset:
    path: Path  # the pristine database file; work on a copy of it
    generated_lea_ids: tuple[int, ...]  # in generation order

    def url(self) -> str:
        return f"sqlite:///{self.path}"


def dataset(leas: int) -> Dataset:
    """The cached database with the demo and ``leas`` generated LEAs, built if missing."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    path = WORK_DIR / f"bench-{leas}-{_generator_hash()}.db"
    if not path.exists():
        print(f"Generating the benchmark database with {leas} LEAs ({path})...", flush=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        _build(partial, leas)
        partial.rename(path)
    return Dataset(path, generated_ids(path))


def working_copy(data: Dataset, name: str) -> Dataset:
    """A copy of the pristine file, so a run that changes data (regeneration) or keeps
    sections leaves the next run the same starting point."""
    copy = WORK_DIR / f"work-{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(data.path, copy)
    return Dataset(copy, data.generated_lea_ids)


def _generator_hash() -> str:
    digest = hashlib.sha256()
    for module in (Path(__file__), Path(content.__file__)):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:10]


def generated_ids(path: Path) -> tuple[int, ...]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT id FROM leas WHERE cds_code LIKE ? ORDER BY id", (f"__{_CDS_SERIES}%",)
        ).fetchall()
    return tuple(row[0] for row in rows)


def _build(path: Path, leas: int) -> None:
    url = f"sqlite:///{path}"
    upgrade(url)
    database = Database(url)
    rng = random.Random(SEED)
    specs = [_lea_spec(rng, serial) for serial in range(leas)]
    with transaction(database.writers) as session:
        load_demo(session)
    with transaction(database.writers) as session:
        offices = {office.county: office for office in session.scalars(select(CountyOffice))}
        leads = {user.email: user for user in session.scalars(select(User))}
        components = {c.number: c for c in session.scalars(select(Component))}
        for spec in specs:
            _load_lea(session, spec, offices[spec.county], leads[spec.ccee_lead], components)
        count = len(list(session.scalars(select(Lea.id))))
    database.engine.dispose()
    # Fold the write-ahead log into the file, so that copying the file copies everything.
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    print(f"  {count} LEAs in the database ({leas} generated).", flush=True)


# --- One generated LEA ------------------------------------------------------------------------


def _lea_spec(rng: random.Random, serial: int) -> LeaSpec:
    name = _name(rng, serial)
    county = rng.choice(sorted(content.COUNTY_CODES))
    # Started between September 2023 and June 2024: 6 to 9 quarterly meetings by June 2026.
    started_on = date(2023, 9, 1) + timedelta(days=rng.randrange(0, 300))
    report_date = started_on + timedelta(days=rng.randrange(100, 180))
    meetings = _meeting_dates(rng, report_date)
    sir = _sir_spec(rng, name, report_date, len(meetings))
    return LeaSpec(
        name=name,
        kind=LeaKind.DISTRICT,
        cds_code=f"{content.COUNTY_CODES[county]}{_CDS_SERIES}{serial:04d}",
        county=county,
        engagement=EngagementSpec(
            pathway=rng.choice([Pathway.PRIMARY, Pathway.CONTINUUM_OF_SUPPORT, Pathway.WRAPAROUND]),
            mode=rng.choice(list(EngagementMode)),
            readiness=rng.choice(list(Readiness)),
            started_on=started_on,
        ),
        ccee_lead=rng.choice(shipped_demo().ccee_leads).email,
        sir=sir,
        meetings=tuple(_meeting_spec(rng, day, sir, index) for index, day in enumerate(meetings)),
    )


def _name(rng: random.Random, serial: int) -> str:
    # Serial picks the place (unique for up to len(PLACES) LEAs), the kind varies; beyond
    # that a roman-ish suffix keeps names unique.
    place = content.PLACES[serial % len(content.PLACES)]
    kind = rng.choice(content.DISTRICT_KINDS)
    round_ = serial // len(content.PLACES)
    return f"{place} {kind}" if round_ == 0 else f"{place} {kind} No. {round_ + 1}"


def _meeting_dates(rng: random.Random, report_date: date) -> list[date]:
    """One quarterly meeting per school quarter after the report, the last in June 2026."""
    days = []
    # Mid-September, early December, mid-March, mid-June: one in each school quarter.
    for year in range(report_date.year - 1, AS_OF.year + 1):
        for month, first in ((9, 8), (12, 1), (3, 3), (6, 2)):
            held_on = date(year + (month < 7), month, first + rng.randrange(0, 15))
            if report_date < held_on <= AS_OF:
                days.append(held_on)
    return sorted(days)


def _sir_spec(rng: random.Random, name: str, report_date: date, meetings: int) -> SirSpec:
    themes = tuple(rng.sample(content.THEMES, rng.randint(2, 4)))
    findings = tuple(
        FindingSpec(component, SwotCategory(category), text)
        for component, category, text in rng.sample(content.FINDINGS, rng.randint(8, 12))
    )
    pace = rng.uniform(0.55, 0.95)  # how much of the plan the LEA has under way
    actions = []
    for component in range(1, 13):
        pool = content.ACTIONS[component]
        count = min(len(pool), rng.choice((2, 3, 3, 3, 3, 4)))
        for number, text in enumerate(rng.sample(pool, count), 1):
            actions.append(
                ActionSpec(
                    code=f"{component}.{number}",
                    component=component,
                    text=text,
                    responsible=rng.choice(content.RESPONSIBLE[component]),
                    theme=rng.randint(1, len(themes)) if rng.random() < 0.7 else None,
                    target_date=report_date + timedelta(days=rng.randrange(240, 1100)),
                    steps=_steps(rng, meetings, pace),
                    crosswalk=(
                        (("LCAP", f"Goal {rng.randint(1, 4)}, Action {rng.randint(1, 9)}"),)
                        if rng.random() < 0.3
                        else ()
                    ),
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
    steps = [StatusStep(start, ActionStatus.IN_PROGRESS, _note(rng, content.STARTED_NOTES))]
    at = start
    if at + 2 < meetings and rng.random() < 0.06:
        steps.append(StatusStep(at + 1, ActionStatus.NOT_STARTED, _note(rng, content.PAUSED_NOTES)))
        steps.append(
            StatusStep(at + 2, ActionStatus.IN_PROGRESS, _note(rng, content.RESTARTED_NOTES))
        )
        at += 2
    if at + 1 < meetings and rng.random() < 0.6:
        done = rng.randint(at + 1, min(meetings - 1, at + 5))
        evidence = f"https://evidence.example.org/sir/{rng.randrange(10**6)}.pdf"
        steps.append(
            StatusStep(
                done,
                ActionStatus.COMPLETED,
                _note(rng, content.COMPLETED_NOTES),
                evidence if rng.random() < 0.4 else None,
            )
        )
    return tuple(steps)


def _note(rng: random.Random, pool: tuple[str, ...]) -> str:
    return rng.choice(pool).format(
        schools=rng.randint(3, 14),
        month=rng.choice(content.MONTHS),
        role=rng.choice(("Director of Curriculum and Instruction", "principal lead", "coach")),
        share=rng.randint(70, 98),
    )


def _meeting_spec(rng: random.Random, held_on: date, sir: SirSpec, index: int) -> MeetingSpec:
    changes = Counter(s.status for a in sir.actions for s in a.steps if s.meeting == index)
    started, completed = changes[ActionStatus.IN_PROGRESS], changes[ActionStatus.COMPLETED]
    people = rng.sample(content.PEOPLE, 4)
    return MeetingSpec(
        held_on=held_on,
        kind=MeetingKind.QUARTERLY,
        agenda=rng.choice(content.AGENDAS),
        summary=rng.choice(content.MEETING_SUMMARIES).format(started=started, completed=completed),
        attendees=(
            AttendeeSpec(people[0], "Superintendent", Organisation.LEA),
            AttendeeSpec(people[1], "Assistant Superintendent", Organisation.LEA),
            AttendeeSpec(people[2], "CCEE Lead", Organisation.CCEE),
            AttendeeSpec(people[3], "Coordinator, Differentiated Assistance", Organisation.COE),
        ),
        swot_notes=tuple(
            (SwotCategory(category), text)
            for category, text in rng.sample(content.SWOT_NOTES, rng.randint(2, 4))
        ),
        metrics=tuple(
            (label, Decimal(rng.randint(8, 96)), unit)
            for label, unit in rng.sample(content.METRICS, rng.randint(1, 3))
        ),
        next_steps=tuple(
            NextStepSpec(text, rng.choice(content.RESPONSIBLE[1]), held_on + timedelta(days=45))
            for text in rng.sample(content.NEXT_STEPS, rng.randint(1, 3))
        ),
    )
