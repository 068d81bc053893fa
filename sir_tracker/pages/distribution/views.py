"""Distribution lists, kept by admins: the people reports are sent to from the report archive
(board members, the SPI's office, ...)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from sir_tracker.audit.editing import EditConflict
from sir_tracker.core import db
from sir_tracker.core.errors import DomainError
from sir_tracker.pages.distribution.forms import ListForm, MemberForm, RemoveMemberForm
from sir_tracker.reports.distribution.models import DistributionList, DistributionMember
from sir_tracker.reports.distribution.operations import (
    add_member,
    create_list,
    remove_member,
    rename_list,
)
from sir_tracker.users.models import User
from sir_tracker.web import current
from sir_tracker.web.conflict import Conflict, conflict_of
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.loaders import require_admin
from sir_tracker.web.refusals import show_refusal
from sir_tracker.web.responses import CONFLICT, INVALID_FORM

blueprint = Blueprint("distribution", __name__, url_prefix="/admin/distribution-lists")

SEE_OTHER = 303


def _admin() -> User:
    user = current.user()
    require_admin(user)
    return user


def _list_or_404(list_id: int) -> DistributionList:
    found = db.session().get(DistributionList, list_id)
    if found is None:
        abort(404)
    return found


@blueprint.get("")
@sign_in_required
def index() -> str:
    _admin()
    return _index_page(ListForm())


@blueprint.post("")
@sign_in_required
def create() -> Response | tuple[str, int]:
    admin = _admin()
    form = ListForm()
    if form.validate_on_submit():
        try:
            created = create_list(db.session(), form.name.data or "", by=admin)
        except DomainError as refusal:
            show_refusal(form, refusal)
        else:
            flash(f"The list {created.name} is created: add its members.", "success")
            return redirect(url_for("distribution.show", list_id=created.id), SEE_OTHER)
    return _index_page(form), INVALID_FORM


@blueprint.get("/<id:list_id>")
@sign_in_required
def show(list_id: int) -> str:
    _admin()
    found = _list_or_404(list_id)
    return _list_page(found, _name_form(found), _member_form(found))


@blueprint.post("/<id:list_id>")
@sign_in_required
def rename(list_id: int) -> Response | tuple[str, int]:
    admin = _admin()
    found = _list_or_404(list_id)
    form = ListForm()
    if form.validate_on_submit():
        try:
            rename_list(
                db.session(), found, form.name.data or "", version=form.version.data, by=admin
            )
        except EditConflict as conflict:
            fresh = _name_form(found, formdata=None)
            shown = conflict_of(conflict, form, fresh)
            return _list_page(found, fresh, _member_form(found), conflict=shown), CONFLICT
        except DomainError as refusal:
            show_refusal(form, refusal)
        else:
            flash(f"The list is called {found.name}.", "success")
            return redirect(url_for("distribution.show", list_id=found.id), SEE_OTHER)
    return _list_page(found, form, _member_form(found)), INVALID_FORM


@blueprint.post("/<id:list_id>/members")
@sign_in_required
def add(list_id: int) -> Response | tuple[str, int]:
    admin = _admin()
    found = _list_or_404(list_id)
    form = MemberForm()
    if form.validate_on_submit():
        try:
            member = add_member(
                db.session(), found, form.name.data or "", form.email.data or "",
                version=form.version.data, by=admin,
            )  # fmt: skip
        except EditConflict as conflict:
            fresh = _member_form(found, formdata=None)
            shown = conflict_of(conflict, form, fresh)
            return _list_page(found, _name_form(found), fresh, conflict=shown), CONFLICT
        except DomainError as refusal:
            show_refusal(form, refusal)
        else:
            flash(f"{member.name} is on {found.name}.", "success")
            return redirect(url_for("distribution.show", list_id=found.id), SEE_OTHER)
    return _list_page(found, _name_form(found), form), INVALID_FORM


@blueprint.post("/<id:list_id>/members/<id:member_id>/remove")
@sign_in_required
def remove(list_id: int, member_id: int) -> Response | tuple[str, int]:
    admin = _admin()
    found = _list_or_404(list_id)
    member = db.session().get(DistributionMember, member_id)
    if member is None or member.list_id != found.id:
        abort(404)
    form = RemoveMemberForm()
    if form.validate_on_submit():
        try:
            remove_member(db.session(), member, version=form.version.data, by=admin)
        except EditConflict as conflict:
            shown = conflict_of(conflict, form, RemoveMemberForm(formdata=None))
            return _list_page(
                found, _name_form(found), _member_form(found), conflict=shown
            ), CONFLICT
        except DomainError as refusal:
            flash(refusal.message, "error")
        else:
            flash(f"{member.name} is off {found.name}.", "success")
        return redirect(url_for("distribution.show", list_id=found.id), SEE_OTHER)
    flash("The removal could not be read: try again.", "error")
    return _list_page(found, _name_form(found), _member_form(found)), INVALID_FORM


def _name_form(found: DistributionList, **options: object) -> ListForm:
    return ListForm(data={"name": found.name, "version": found.version}, **options)


def _member_form(found: DistributionList, **options: object) -> MemberForm:
    form = MemberForm(**options)
    form.version.data = found.version
    return form


def _index_page(form: ListForm) -> str:
    members = func.count(DistributionMember.id).filter(DistributionMember.removed_at.is_(None))
    rows = db.session().execute(
        select(DistributionList, members)
        .outerjoin(DistributionMember, DistributionMember.list_id == DistributionList.id)
        .group_by(DistributionList.id)
        .order_by(func.lower(DistributionList.name))
    )
    return render_template("distribution/index.html", rows=list(rows), form=form)


def _list_page(
    found: DistributionList,
    name_form: ListForm,
    member_form: MemberForm,
    conflict: Conflict | None = None,
) -> str:
    session = db.session()
    found = session.scalars(
        select(DistributionList)
        .where(DistributionList.id == found.id)
        .options(selectinload(DistributionList.members))
    ).one()
    removed = [member for member in found.members if member.removed_at is not None]
    return render_template(
        "distribution/list.html",
        found=found,
        name_form=name_form,
        member_form=member_form,
        remove_form=RemoveMemberForm(data={"version": found.version}, formdata=None),
        removed=removed,
        conflict=conflict,
    )
