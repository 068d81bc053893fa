"""The edit-conflict view, one for every form: what others changed since the form was opened
(from the audit log) and what this person entered that is not saved. Pages render it with the
``conflict_alert`` macro of ``templates/macros/conflict.html`` above the form refilled from the
record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sir_tracker.audit.editing import EditConflict, change_lines, event_headline
from sir_tracker.audit.models import AuditEvent
from sir_tracker.audit.operations import as_text
from sir_tracker.core.formatting import long_date

# Not what a person typed: never listed as unsaved.
_NOT_ENTERED = frozenset({"csrf_token", "version", "next"})
_NOT_COMPARED = frozenset({"HiddenField", "FieldList", "SubmitField", "CSRFTokenField"})


@dataclass(frozen=True)
class EventLine:
    headline: str
    changes: list[str]


@dataclass(frozen=True)
class Conflict:
    message: str
    events: list[EventLine]
    unsaved: list[str]


def conflict_of(
    error: EditConflict, submitted: Any, fresh: Any, *, also_unsaved: Iterable[str] = ()
) -> Conflict:
    """The conflict of ``submitted`` (the refused form) with ``fresh`` (the same form refilled
    from the record as it is now, which the page shows next). A page whose form has row lists
    names their unsaved rows in ``also_unsaved``."""
    labels = {field.name: field.label.text for field in fresh}
    events = [EventLine(event_headline(e), change_lines(e, labels)) for e in error.events]
    unsaved = [*_unsaved(submitted, fresh, error.events), *also_unsaved]
    return Conflict(error.message, events, unsaved)


def shown(field: Any) -> str:
    """A field's value as the person sees it: a choice by its label, a day as "5 June 2021"."""
    data = field.data
    for choice in getattr(field, "choices", None) or ():
        value = getattr(choice, "value", None)
        if value is not None and value == str(data if data is not None else ""):
            return str(choice.label)
    if isinstance(data, date):
        return long_date(data)
    return "" if data is None else str(data).strip()


def _unsaved(submitted: Any, fresh: Any, events: Sequence[AuditEvent]) -> list[str]:
    """What the person changed in the form they opened, now refused.

    A field someone else changed since is compared with its value before their change (from
    the audit log), so that the old value carried by a stale form is not mistaken for an edit.
    """
    opened: dict[str, str] = {}
    for event in reversed(events):
        for name, (old, _new) in event.changes.items():
            opened[name] = old
    lines = []
    for field in fresh:
        if field.name in _NOT_ENTERED or field.type in _NOT_COMPARED:
            continue
        if field.name not in submitted:
            continue
        entered = submitted[field.name]
        if field.name in opened:
            as_entered = {shown(entered).casefold(), as_text(entered.data).casefold()}
            changed = opened[field.name].casefold() not in as_entered
        else:
            changed = shown(entered) != shown(field)
        if changed:
            lines.append(f"{field.label.text}: {shown(entered) or '(empty)'}")
    return lines
