"""Domain operations on SIRs and their recommended actions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit import editing
from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import new_event, record_event
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.leas.models import Lea
from sir_tracker.reviews.models import (
    Action,
    Component,
    CrosswalkLink,
    Finding,
    Sir,
    SirState,
    StatusChange,
    SwotCategory,
    Theme,
)
from sir_tracker.users.models import User


def add_action(
    session: Session,
    sir: Sir,
    *,
    code: str,
    text: str,
    component: Component,
    by: User,
    at: datetime,
    theme: Theme | None = None,
    responsible: str = "",
    target_date: date | None = None,
    note: str = "",
) -> Action:
    """Add a recommended action, not started, with the first row of its history (``note``
    its note)."""
    code = code.strip()
    if not code:
        raise DomainError("An action needs a code, such as 3.4.", field="code")
    if not text.strip():
        raise DomainError("An action needs a text.", field="text")
    if theme is not None and theme.sir_id != sir.id:
        raise DomainError(f"The theme {theme.title!r} belongs to another SIR.", field="theme")
    taken = session.scalar(select(Action.id).where(Action.sir_id == sir.id, Action.code == code))
    if taken is not None:
        raise DomainError(f"This SIR already has an action {code}.", field="code")
    action = Action(
        sir=sir,
        code=code,
        text=text.strip(),
        component=component,
        theme=theme,
        responsible=responsible.strip(),
        target_date=target_date,
        created_at=at,
    )
    session.add(action)
    session.flush()
    _record_creation(session, action, by=by, at=at, note=note.strip())
    return action


def _record_creation(
    session: Session, action: Action, *, by: User, at: datetime, note: str = ""
) -> StatusChange:
    """Write the first history row of a new action: its initial status, as of its creation."""
    entry = StatusChange(
        action=action,
        from_status=None,
        to_status=action.status,
        changed_at=at,
        changed_by=by,
        note=note,
    )
    session.add(entry)
    session.flush()
    return entry


# --- SIRs, themes, findings and actions as editors change them: every change audited ---------


def create_sir(
    session: Session,
    lea: Lea,
    *,
    title: str,
    report_date: date | None,
    state: SirState,
    by: User,
) -> Sir:
    """Start a new SIR for ``lea``."""
    title = title.strip()
    if not title:
        raise DomainError("A SIR needs a title.", field="title")
    sir = Sir(lea=lea, title=title, report_date=report_date, state=state)
    editing.record_creation(session, sir, actor=by, label=sir_label(sir), lea_id=lea.id)
    return sir


def update_sir(
    session: Session, sir: Sir, values: Mapping[str, Any], *, by: User, version: int | None
) -> dict[str, list[str]]:
    """Change a SIR's title, report date or state, if ``version`` is still current."""
    editing.check_version(session, sir, version, sir_label(sir))
    if "title" in values and not str(values["title"]).strip():
        raise DomainError("A SIR needs a title.", field="title")
    return editing.update_record(
        session, sir, values, actor=by, label=sir_label(sir), lea_id=sir.lea_id, version=version
    )


def add_theme(session: Session, sir: Sir, *, title: str, by: User, summary: str = "") -> Theme:
    """Add a theme to ``sir``, numbered after every theme it has had (archived ones too);
    ``summary`` says how in the audit log (as for every operation below that takes one)."""
    title = _checked_theme_title(session, sir, title)
    highest = session.scalar(select(func.max(Theme.number)).where(Theme.sir_id == sir.id))
    theme = Theme(sir=sir, number=(highest or 0) + 1, title=title)
    editing.record_creation(
        session, theme, actor=by, label=theme_label(theme), lea_id=sir.lea_id, summary=summary
    )
    return theme


def update_theme(
    session: Session, theme: Theme, *, title: str, by: User, version: int | None
) -> dict[str, list[str]]:
    editing.check_version(session, theme, version, theme_label(theme))
    title = _checked_theme_title(session, theme.sir, title, besides=theme)
    return editing.update_record(
        session,
        theme,
        {"title": title},
        actor=by,
        label=theme_label(theme),
        lea_id=theme.sir.lea_id,
        version=version,
    )


def _checked_theme_title(
    session: Session, sir: Sir, title: str, besides: Theme | None = None
) -> str:
    title = title.strip()
    if not title:
        raise DomainError("A theme needs a title.", field="title")
    same = session.scalars(
        select(Theme).where(Theme.sir_id == sir.id, func.lower(Theme.title) == title.lower())
    ).first()
    if same is not None and same is not besides:
        where = " (archived: an administrator can restore it)" if same.is_archived else ""
        raise DomainError(
            f"This SIR already has a theme called {same.title!r}{where}.", field="title"
        )
    return title


def add_finding(
    session: Session,
    sir: Sir,
    *,
    component: Component,
    category: SwotCategory,
    text: str,
    by: User,
    summary: str = "",
) -> Finding:
    """Add a SWOT finding to ``sir`` under ``component``."""
    if not text.strip():
        raise DomainError("A finding needs a text.", field="text")
    finding = Finding(sir=sir, component=component, category=category, text=text.strip())
    editing.record_creation(
        session,
        finding,
        actor=by,
        label=finding_label(finding),
        lea_id=sir.lea_id,
        summary=summary,
    )
    return finding


def update_finding(
    session: Session, finding: Finding, values: Mapping[str, Any], *, by: User, version: int | None
) -> dict[str, list[str]]:
    editing.check_version(session, finding, version, finding_label(finding))
    if "text" in values and not str(values["text"]).strip():
        raise DomainError("A finding needs a text.", field="text")
    return editing.update_record(
        session,
        finding,
        values,
        actor=by,
        label=finding_label(finding),
        lea_id=finding.sir.lea_id,
        version=version,
    )


def create_action(
    session: Session,
    sir: Sir,
    *,
    code: str,
    text: str,
    component: Component,
    by: User,
    theme: Theme | None = None,
    responsible: str = "",
    target_date: date | None = None,
    at: datetime | None = None,
    note: str = "",
    summary: str = "",
) -> Action:
    """Add a recommended action as an editor does: through ``add_action``, audited; ``at``
    (now if None) and ``note`` date and explain the first row of its history."""
    if theme is not None and theme.is_archived:
        raise DomainError(f"The theme {theme.title!r} is archived.", field="theme")
    action = add_action(
        session,
        sir,
        code=code,
        text=text,
        component=component,
        by=by,
        at=at or utcnow(),
        theme=theme,
        responsible=responsible,
        target_date=target_date,
        note=note,
    )
    editing.record_creation(
        session,
        action,
        actor=by,
        label=action_label(action),
        lea_id=sir.lea_id,
        summary=summary,
    )
    return action


@dataclass(frozen=True)
class NewAction:
    """One action for ``add_actions``: what ``create_action`` takes."""

    code: str
    text: str
    component: Component
    theme: Theme | None = None
    responsible: str = ""
    target_date: date | None = None
    at: datetime | None = None  # its creation; now if None
    note: str = ""


def add_actions(
    session: Session, sir: Sir, new: Sequence[NewAction], *, by: User, summary: str = ""
) -> list[Action]:
    """Add many actions as ``create_action`` adds one (each not started, with the first row of
    its history and its audit event), checked first, in two flushes whatever their number: a
    spreadsheet import of thousands of actions takes seconds, not minutes."""
    codes = [item.code.strip() for item in new]
    for item, code in zip(new, codes, strict=True):
        if not code:
            raise DomainError("An action needs a code, such as 3.4.", field="code")
        if not item.text.strip():
            raise DomainError(f"Action {code} needs a text.", field="text")
        theme = item.theme
        if theme is not None and (theme.sir is not sir or theme.is_archived):
            raise DomainError(f"The theme {theme.title!r} is not a current theme of this SIR.")
    repeated = {code for code, n in Counter(codes).items() if n > 1}
    taken = set(
        session.scalars(select(Action.code).where(Action.sir_id == sir.id, Action.code.in_(codes)))
    )
    if repeated or taken:
        raise DomainError(f"This SIR already has an action {sorted(repeated | taken)[0]}.")
    now = utcnow()
    actions = [
        Action(
            sir=sir,
            code=code,
            text=item.text.strip(),
            component=item.component,
            theme=item.theme,
            responsible=item.responsible.strip(),
            target_date=item.target_date,
            created_at=item.at or now,
        )
        for item, code in zip(new, codes, strict=True)
    ]
    session.add_all(actions)
    session.flush()
    for action, item in zip(actions, new, strict=True):
        session.add(
            StatusChange(
                action=action,
                from_status=None,
                to_status=action.status,
                changed_at=action.created_at,
                changed_by=by,
                note=item.note.strip(),
            )
        )
        session.add(
            new_event(
                actor=by,
                action=AuditAction.CREATE,
                record=action,
                label=action_label(action),
                lea_id=sir.lea_id,
                summary=summary,
            )
        )
    session.flush()
    return actions


def update_action(
    session: Session,
    action: Action,
    values: Mapping[str, Any],
    *,
    by: User,
    version: int | None,
    summary: str = "",
) -> dict[str, list[str]]:
    """Change what an action says (never its status: that is ``change_status``'s)."""
    if "status" in values:
        raise DomainError("A status changes only through a status update, with its history.")
    label = action_label(action)
    editing.check_version(session, action, version, label)
    if "code" in values:
        code = str(values["code"]).strip()
        if not code:
            raise DomainError("An action needs a code, such as 3.4.", field="code")
        taken = session.scalar(
            select(Action.id).where(
                Action.sir_id == action.sir_id, Action.code == code, Action.id != action.id
            )
        )
        if taken is not None:
            raise DomainError(f"This SIR already has an action {code}.", field="code")
        values = {**values, "code": code}
    if "text" in values:
        if not str(values["text"]).strip():
            raise DomainError("An action needs a text.", field="text")
        values = {**values, "text": str(values["text"]).strip()}
    theme = values.get("theme")
    if theme is not None and (theme.sir_id != action.sir_id):
        raise DomainError(f"The theme {theme.title!r} belongs to another SIR.", field="theme")
    if theme is not None and theme.is_archived and theme is not action.theme:
        raise DomainError(f"The theme {theme.title!r} is archived.", field="theme")
    return editing.update_record(
        session,
        action,
        values,
        actor=by,
        label=label,
        lea_id=action.sir.lea_id,
        version=version,
        summary=summary,
    )


def add_crosswalk_link(
    session: Session,
    action: Action,
    *,
    plan: str,
    reference: str,
    by: User,
    summary: str = "",
) -> CrosswalkLink:
    """Align ``action`` with an item of another plan; audited as a change of the action."""
    plan, reference = plan.strip(), reference.strip()
    if not plan:
        raise DomainError("Name the plan, such as FCMAT or LCAP.", field="plan")
    if not reference:
        raise DomainError("Give the item of that plan, such as PA-4.", field="reference")
    if any(link.plan == plan and link.reference == reference for link in action.crosswalk_links):
        raise DomainError(
            f"Action {action.code} is already cross-walked to {plan} {reference}.",
            field="reference",
        )
    link = CrosswalkLink(action=action, plan=plan, reference=reference)
    session.add(link)
    record_event(
        session,
        actor=by,
        action=AuditAction.UPDATE,
        record=action,
        label=action_label(action),
        lea_id=action.sir.lea_id,
        changes={"cross-walk link": ["", f"{plan} {reference}"]},
        summary=f"Cross-walk link {plan} {reference} added." + (f" {summary}" if summary else ""),
    )
    return link


def remove_crosswalk_link(session: Session, link: CrosswalkLink, *, by: User) -> None:
    """Remove a cross-walk link (a plain association, not a record of its own: the audit log
    keeps it as a change of the action)."""
    action = link.action
    text = f"{link.plan} {link.reference}"
    session.delete(link)
    record_event(
        session,
        actor=by,
        action=AuditAction.UPDATE,
        record=action,
        label=action_label(action),
        lea_id=action.sir.lea_id,
        changes={"cross-walk link": [text, ""]},
        summary=f"Cross-walk link {text} removed.",
    )


Archived = Sir | Theme | Finding | Action


def archive_record(session: Session, record: Archived, *, by: User) -> None:
    """Archive a SIR, theme, finding or action: it leaves lists and counts, history stays."""
    editing.archive(session, record, actor=by, label=label_of(record), lea_id=_lea_id(record))


def restore_record(session: Session, record: Archived, *, by: User) -> None:
    editing.restore(session, record, actor=by, label=label_of(record), lea_id=_lea_id(record))


def _lea_id(record: Archived) -> int:
    return record.lea_id if isinstance(record, Sir) else record.sir.lea_id


def sir_label(sir: Sir) -> str:
    return f"SIR {sir.title}"


def theme_label(theme: Theme) -> str:
    return f"Theme {theme.number}: {theme.title}"


def finding_label(finding: Finding) -> str:
    text = finding.text if len(finding.text) <= 60 else finding.text[:59] + "…"
    return f"Finding ({finding.category.label}): {text}"


def action_label(action: Action) -> str:
    return f"Action {action.code}"


def label_of(record: Archived) -> str:
    if isinstance(record, Sir):
        return sir_label(record)
    if isinstance(record, Theme):
        return theme_label(record)
    if isinstance(record, Finding):
        return finding_label(record)
    return action_label(record)
