"""The audit log page: who changed what, newest first, filtered and paginated."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from sqlalchemy import func, select

from sir_tracker.core import db
from sir_tracker.leas.models import Lea
from sir_tracker.pages.audit.forms import AuditFilterForm
from sir_tracker.pages.audit.log import AuditFilters, audit_page, record_type_choices
from sir_tracker.users.models import User
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.loaders import require_admin
from sir_tracker.web.responses import INVALID_FORM

blueprint = Blueprint("audit", __name__, url_prefix="/admin/audit")

FILTER_NAMES = ("record_type", "action", "user", "lea", "from_date", "to_date")


def _page_number(form: AuditFilterForm) -> int:
    raw = request.args.get("page", "1").strip()
    if raw.isdigit() and 0 < int(raw) < 1_000_000:
        return int(raw)
    form.form_errors.append("The page number must be a whole number, 1 or more.")
    return 1


def _page_link(number: int) -> str:
    kept: dict[str, Any] = {
        name: request.args[name] for name in FILTER_NAMES if request.args.get(name)
    }
    if number > 1:
        kept["page"] = number
    return url_for("audit.index", **kept)


@blueprint.get("")
@sign_in_required
def index() -> tuple[str, int]:
    require_admin(current.user())
    session = db.session()
    form = AuditFilterForm(
        formdata=request.args,
        record_types=record_type_choices(session),
        users=session.scalars(select(User).order_by(func.lower(User.name))).all(),
        leas=session.scalars(select(Lea).order_by(Lea.name)).all(),
    )
    valid = form.validate()
    number = _page_number(form)
    if not valid or form.form_errors:
        return render_template("audit/index.html", form=form, page=None), INVALID_FORM
    filters = AuditFilters(
        record_type=form.record_type.data or None,
        action=form.action.data,
        user_id=form.user.data,
        lea_id=form.lea.data,
        since=form.since,
        until=form.until,
    )
    page = audit_page(session, filters, number)
    return render_template(
        "audit/index.html",
        form=form,
        page=page,
        filtered=any(request.args.get(name) for name in FILTER_NAMES),
        newer_url=_page_link(number - 1) if page.has_newer else None,
        older_url=_page_link(number + 1) if page.has_older else None,
    ), 200
