"""The admins' Reminders page: the reminders that stopped on their own (failed too often, or
perhaps sent by a run that died), each to send again or record as sent, and the latest ones."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from sir_tracker.core import db
from sir_tracker.core.errors import DomainError
from sir_tracker.pages.reminders.forms import ReminderDecisionForm
from sir_tracker.reminders.models import Reminder
from sir_tracker.reminders.operations import mark_sent, reminder_label, send_again
from sir_tracker.reminders.queries import recent_reminders, waiting_on_an_admin
from sir_tracker.users.models import User
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.loaders import require_admin
from sir_tracker.web.responses import CONFLICT, INVALID_FORM

blueprint = Blueprint("reminders", __name__, url_prefix="/admin/reminders")

Decision = Callable[..., None]


def _page(error: str | None = None) -> str:
    session = db.session()
    return render_template(
        "reminders/index.html",
        waiting=waiting_on_an_admin(session),
        recent=recent_reminders(session),
        form=ReminderDecisionForm(),
        error=error,
    )


@blueprint.get("")
@sign_in_required
def index() -> str:
    require_admin(current.user())
    return _page()


@blueprint.post("/<id:reminder_id>/send-again")
@sign_in_required
def again(reminder_id: int) -> Response | tuple[str, int]:
    return _decide(reminder_id, send_again, "will be sent by the next run of the reminders.")


@blueprint.post("/<id:reminder_id>/mark-sent")
@sign_in_required
def sent(reminder_id: int) -> Response | tuple[str, int]:
    return _decide(reminder_id, mark_sent, "is recorded as sent.")


def _decide(reminder_id: int, decision: Decision, done: str) -> Response | tuple[str, int]:
    admin: User = current.user()
    require_admin(admin)
    session: Session = db.session()
    reminder = session.get(Reminder, reminder_id)
    if reminder is None:
        abort(404)
    form = ReminderDecisionForm()
    if not form.validate_on_submit():
        return _page("The form was incomplete: reload the page and try again."), INVALID_FORM
    try:
        decision(session, reminder, version=form.version.data, by=admin)
    except DomainError as refusal:
        # Changed meanwhile (a run sent it, another admin decided): the page shows it as it is.
        return _page(refusal.message), CONFLICT
    flash(f"{reminder_label(reminder)} {done}", "success")
    return redirect(url_for("reminders.index"))
