"""Writing an import plan: all of it or, refused, nothing.

Every write goes through the operations the forms use (``reviews.operations``,
``progress.operations.change_status``), so the history rows and audit events of an import are
those of any other change, by the importing user, each marked "Imported from FILE".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.caseload.operations import YearResults, record_dashboard_years
from sir_tracker.core.errors import DomainError
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.leas.operations import LeaValues, add_lea
from sir_tracker.progress.operations import StatusToSet, set_statuses
from sir_tracker.reviews import operations as reviews
from sir_tracker.reviews.models import Action, Component, Sir, Theme
from sir_tracker.spreadsheets.dashboard import DashboardPlan
from sir_tracker.spreadsheets.planning import ImportPlan, PlannedAction
from sir_tracker.users.models import User


class ImportRefused(DomainError):
    """The plan cannot be written (it has problems, or an operation refused a row): nothing
    was written."""


@dataclass(frozen=True)
class ImportResult:
    themes: int
    findings: int
    created: int
    changed: int
    unchanged: int
    statuses: int

    @property
    def summary(self) -> str:
        return (
            f"{self.created} actions created, {self.changed} changed, {self.unchanged} left as "
            f"they were; {self.themes} themes and {self.findings} findings created; "
            f"{self.statuses} statuses set"
        )


def import_plan(session: Session, sir: Sir, plan: ImportPlan, *, by: User) -> ImportResult:
    """Write ``plan`` (made by ``plan_import`` for ``sir``) as ``by``, in one savepoint: a row
    that an operation refuses rolls every other row back and raises ``ImportRefused``."""
    if plan.sir_id != sir.id:
        raise ImportRefused("This import was planned for another SIR.")
    if plan.problems:
        raise ImportRefused(
            f"{plan.filename} has {len(plan.problems)} problems to correct; nothing was imported."
        )
    note = f"Imported from {plan.filename}"
    statuses = 0
    try:
        with session.begin_nested():
            components = {c.number: c for c in session.scalars(select(Component))}
            themes = {
                theme.title.casefold(): theme
                for theme in session.scalars(select(Theme).where(Theme.sir_id == sir.id))
            }
            for planned_theme in plan.themes:
                theme = reviews.add_theme(
                    session, sir, title=planned_theme.title, by=by, summary=note
                )
                themes[theme.title.casefold()] = theme
            for finding in plan.findings:
                reviews.add_finding(
                    session,
                    sir,
                    component=components[finding.component],
                    category=finding.category,
                    text=finding.text,
                    by=by,
                    summary=note,
                )
            statuses = _write_actions(session, sir, plan, components, themes, by, note)
            if not plan.writes_nothing:
                record_event(
                    session,
                    actor=by,
                    action=AuditAction.UPDATE,
                    record=sir,
                    label=reviews.sir_label(sir),
                    lea_id=sir.lea_id,
                    summary=f"{note}: {plan.summary}.",
                )
    except DomainError as refused:
        raise ImportRefused(
            f"Nothing was imported: {refused.message} (someone may have changed the SIR since "
            "the dry run)."
        ) from refused
    return ImportResult(
        themes=len(plan.themes),
        findings=len(plan.findings),
        created=len(plan.created),
        changed=len(plan.changed),
        unchanged=len(plan.unchanged),
        statuses=statuses,
    )


def _write_actions(
    session: Session,
    sir: Sir,
    plan: ImportPlan,
    components: dict[int, Component],
    themes: dict[str, Theme],
    by: User,
    note: str,
) -> int:
    """New actions all at once (an import can hold thousands), then each changed one; then
    every status, at once."""

    def theme_of(planned: PlannedAction) -> Theme | None:
        return themes[planned.theme.casefold()] if planned.theme else None

    created = reviews.add_actions(
        session,
        sir,
        [
            reviews.NewAction(
                code=planned.code,
                text=planned.text,
                component=components[planned.component],
                theme=theme_of(planned),
                responsible=planned.responsible,
                target_date=planned.target_date,
                at=planned.created_at,
                note=planned.creation_note,
            )
            for planned in plan.created
        ],
        by=by,
        summary=note,
    )
    written = list(zip(plan.created, created, strict=True))
    for planned in plan.changed:
        action = session.get_one(Action, planned.action_id)
        reviews.update_action(
            session,
            action,
            {
                "component": components[planned.component],
                "text": planned.text,
                "responsible": planned.responsible,
                "theme": theme_of(planned),
                "target_date": planned.target_date,
            },
            by=by,
            version=planned.version,
            summary=note,
        )
        written.append((planned, action))
    for planned, action in written:
        for plan_name, reference in planned.links:
            reviews.add_crosswalk_link(
                session, action, plan=plan_name, reference=reference, by=by, summary=note
            )
    changes = [
        StatusToSet(action, planned.status.status, planned.status.note, planned.status.at)
        for planned, action in written
        if planned.status is not None
    ]
    set_statuses(session, sir, changes, by=by)
    return len(changes)


def import_dashboard_plan(session: Session, plan: DashboardPlan, *, by: User) -> int:
    """Write ``plan`` (made by ``plan_dashboard_import``) as ``by``, in one savepoint: the LEAs
    it creates (``leas.operations.add_lea``), then every LEA-year it records
    (``caseload.operations``). Returns the LEA-years recorded; ``ImportRefused`` writes
    nothing."""
    if plan.problems:
        raise ImportRefused(
            f"{plan.filename} has {len(plan.problems)} problems to correct; nothing was imported."
        )
    try:
        with session.begin_nested():
            offices = {office.id: office for office in session.scalars(select(CountyOffice))}
            created = {
                planned.cds_code: add_lea(
                    session,
                    LeaValues(
                        name=planned.name,
                        kind=planned.kind,
                        cds_code=planned.cds_code,
                        county_office=offices[planned.county_office_id],
                    ),
                    by=by,
                )
                for planned in plan.new_leas
            }
            known = {
                lea.id: lea
                for lea in session.scalars(
                    select(Lea).where(
                        Lea.id.in_({y.lea_id for y in plan.to_record if y.lea_id is not None})
                    )
                )
            }
            recorded = record_dashboard_years(
                session,
                [
                    YearResults(
                        known[year.lea_id] if year.lea_id is not None else created[year.cds_code],
                        year.year,
                        year.unmet,
                    )
                    for year in plan.to_record
                ],
                by=by,
                source=plan.filename,
            )
    except DomainError as refused:
        raise ImportRefused(
            f"Nothing was imported: {refused.message} (someone may have changed the LEAs since "
            "the dry run)."
        ) from refused
    return len(recorded)
