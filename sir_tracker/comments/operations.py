"""Comments on actions and meetings: append-only notes, not tracked records (no version, no
audit event). Every comment, wherever it is written, goes through ``add_comment``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.comments.models import Comment
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date
from sir_tracker.meetings.models import Meeting
from sir_tracker.reviews.models import Action
from sir_tracker.users.models import User

COMMENT_LIMIT = 5000


def add_comment(session: Session, record: Action | Meeting, *, body: str, by: User) -> Comment:
    """Add a comment by ``by`` to an action or a meeting; an archived one takes none. The
    comment is in the audit log like every other change."""
    body = body.strip()
    if not body:
        raise DomainError("Write a comment before sending it.", field="body")
    if len(body) > COMMENT_LIMIT:
        raise DomainError("A comment can have at most 5,000 characters.", field="body")
    if isinstance(record, Action):
        if record.is_archived:
            raise DomainError(f"Action {record.code} is archived; it takes no comments.")
        comment = Comment(action_id=record.id, author=by, body=body)
        label, lea_id = f"Comment on action {record.code}", record.sir.lea_id
    else:
        if record.is_archived:
            raise DomainError(
                f"The meeting of {long_date(record.held_on)} is archived; it takes no comments."
            )
        comment = Comment(meeting_id=record.id, author=by, body=body)
        label = f"Comment on the meeting of {long_date(record.held_on)}"
        lea_id = record.lea_id
    session.add(comment)
    record_event(
        session,
        actor=by,
        action=AuditAction.CREATE,
        record=comment,
        label=label,
        lea_id=lea_id,
        changes={"comment": ["", body]},
    )
    return comment
