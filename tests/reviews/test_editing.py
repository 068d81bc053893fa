import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.leas.models import Lea
from sir_tracker.reviews.models import (
    Action,
    ActionStatus,
    Component,
    CrosswalkLink,
    Finding,
    Sir,
    SirState,
    SwotCategory,
    Theme,
)
from sir_tracker.users.models import User
from tests.reviews.iusd import action_by_code, changed_tables, post, table_counts, text_of
from tests.support.auth import csrf_token, sign_in

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def version_in(page: str) -> str:
    found = re.search(r'id="version" name="version" type="hidden" value="(\d+)"', page)
    assert found, "no version in the form"
    return found.group(1)


def audit_events(session: Session, record: object) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.record_type == type(record).__name__,
                AuditEvent.record_id == record.id,  # type: ignore[attr-defined]
            )
            .order_by(AuditEvent.id)
        )
    )


def completed_action(session: Session, sir: Sir) -> Action:
    return session.scalars(
        select(Action)
        .where(Action.sir_id == sir.id, Action.status == ActionStatus.COMPLETED)
        .order_by(Action.id)
    ).first() or pytest.fail("the demo has completed actions")


def action_form(action: Action, **changes: object) -> dict[str, object]:
    return {
        "code": action.code,
        "component": str(action.component_id),
        "theme": str(action.theme_id or ""),
        "responsible": action.responsible,
        "target_date": action.target_date.isoformat() if action.target_date else "",
        "text": action.text,
        "version": str(action.version),
        **changes,
    }


def test_two_people_edit_an_action_and_the_second_save_is_refused(
    app: Flask, session: Session, lead: User, admin: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "3.1")
    first, second = app.test_client(), app.test_client()
    sign_in(first, lead)
    sign_in(second, admin)
    path = f"/actions/{action.id}/edit"
    first_version = version_in(first.get(path).get_data(as_text=True))
    second_version = version_in(second.get(path).get_data(as_text=True))
    assert first_version == second_version

    saved = first.post(
        path,
        data={
            **action_form(action, text="First person's wording.", version=first_version),
            "csrf_token": csrf_token(first, path),
        },
    )
    refused = second.post(
        path,
        data={
            **action_form(action, text="Second person's wording.", version=second_version),
            "csrf_token": csrf_token(second, path),
        },
    )

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = text_of(refused.get_data(as_text=True))
    assert "Someone else changed this first" in page
    assert "Lena Lead" in page
    assert "Recommended action:" in page and "→ First person's wording." in page
    assert "What you entered, not saved" in page and "Second person's wording." in page
    session.refresh(action)
    assert action.text == "First person's wording."


def test_editing_an_action_is_audited_and_keeps_its_status(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "3.1")
    status = action.status
    sign_in(client, lead)
    path = f"/actions/{action.id}/edit"

    response = post(
        client, path, action_form(action, responsible="Superintendent", status="completed"), path
    )

    assert response.status_code == 302
    session.refresh(action)
    assert action.responsible == "Superintendent"
    assert action.status is status
    (event,) = [e for e in audit_events(session, action) if e.action is AuditAction.UPDATE]
    assert event.changes == {"responsible": ["Chief Academic Officer", "Superintendent"]}
    assert event.actor_id == lead.id


def test_an_action_code_is_unique_within_its_sir(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "3.1")
    sign_in(client, lead)
    path = f"/actions/{action.id}/edit"

    edited = post(client, path, action_form(action, code="3.2"), path)
    added = post(
        client,
        f"/sirs/{iusd_sir.id}/actions/new",
        {"code": "3.2", "component": str(action.component_id), "text": "Another action."},
        f"/sirs/{iusd_sir.id}/actions/new",
    )

    for response in (edited, added):
        assert response.status_code == 422
        assert "This SIR already has an action 3.2." in response.get_data(as_text=True)
    session.refresh(action)
    assert action.code == "3.1"


def test_adding_an_action_starts_it_not_started_with_history_and_audit(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    component = session.scalars(select(Component).where(Component.number == 3)).one()
    theme = iusd_sir.themes[1]
    sign_in(client, lead)
    path = f"/sirs/{iusd_sir.id}/actions/new"
    before = table_counts(session)

    response = post(
        client,
        path,
        {
            "code": "3.9",
            "component": str(component.id),
            "theme": str(theme.id),
            "responsible": "Director of Curriculum",
            "target_date": "2022-06-30",
            "text": "Pilot co-teaching in two middle schools.",
        },
        path,
    )

    assert response.status_code == 302
    action = action_by_code(session, iusd_sir, "3.9")
    assert response.headers["Location"] == f"/actions/{action.id}"
    assert action.status is ActionStatus.NOT_STARTED
    assert action.theme_id == theme.id
    assert action.target_date == date(2022, 6, 30)
    assert changed_tables(before, table_counts(session)) == {
        "actions": 1,
        "status_changes": 1,
        "audit_events": 1,
    }
    page = text_of(client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True))
    assert "19 completed / 41 in progress / 7 not started" in page


def test_an_action_takes_only_a_theme_of_its_own_sir(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    other_sir = session.scalars(select(Sir).where(Sir.id != iusd_sir.id)).first()
    assert other_sir is not None
    foreign = session.scalars(select(Theme).where(Theme.sir_id == other_sir.id)).first()
    assert foreign is not None
    action = action_by_code(session, iusd_sir, "3.1")
    sign_in(client, lead)
    path = f"/actions/{action.id}/edit"

    response = post(client, path, action_form(action, theme=str(foreign.id)), path)

    assert response.status_code == 422
    assert "Choose one of this SIR&#39;s themes, or none." in response.get_data(as_text=True)


def test_user_text_is_escaped_on_the_sir_and_action_pages(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "3.1")
    sign_in(client, lead)
    edit = f"/actions/{action.id}/edit"
    assert post(client, edit, action_form(action, text=f"Text {SCRIPT}"), edit).status_code == 302
    session.refresh(action)
    updated = post(
        client,
        f"/actions/{action.id}/status",
        {"status": "completed", "note": f"Note {SCRIPT}", "version": str(action.version)},
        f"/actions/{action.id}",
    )
    commented = post(client, f"/actions/{action.id}/comments", {"body": f"Comment {SCRIPT}"}, "/")
    assert (updated.status_code, commented.status_code) == (302, 302)

    sir_page = client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)
    action_page = client.get(f"/actions/{action.id}").get_data(as_text=True)

    assert SCRIPT not in sir_page
    assert f"Text {ESCAPED}" in sir_page
    assert SCRIPT not in action_page
    for shown in (f"Text {ESCAPED}", f"Note {ESCAPED}", f"Comment {ESCAPED}"):
        assert shown in action_page


def test_an_admin_archives_and_restores_an_action_and_the_counts_follow(
    client: FlaskClient, session: Session, admin: User, iusd_sir: Sir
) -> None:
    action = completed_action(session, iusd_sir)
    sign_in(client, admin)
    sir_path = f"/sirs/{iusd_sir.id}"

    archived = post(client, f"/actions/{action.id}/archive", {}, sir_path)
    after_archive = client.get(sir_path).get_data(as_text=True)
    restored = post(client, f"/actions/{action.id}/restore", {}, sir_path)
    after_restore = client.get(sir_path).get_data(as_text=True)

    assert archived.status_code == restored.status_code == 302
    assert "18 completed / 41 in progress / 6 not started" in text_of(after_archive)
    assert "Archived" in after_archive and f"Restore action {action.code}" in after_archive
    assert "19 completed / 41 in progress / 6 not started" in text_of(after_restore)
    assert f"Restore action {action.code}" not in after_restore
    actions = [e.action for e in audit_events(session, action)]
    assert actions[-2:] == [AuditAction.ARCHIVE, AuditAction.RESTORE]


def test_an_editor_archives_but_only_an_admin_restores(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = completed_action(session, iusd_sir)
    sign_in(client, lead)
    sir_path = f"/sirs/{iusd_sir.id}"

    archived = post(client, f"/actions/{action.id}/archive", {}, sir_path)
    page = client.get(sir_path).get_data(as_text=True)
    restored = post(client, f"/actions/{action.id}/restore", {}, sir_path)

    assert archived.status_code == 302
    assert "18 completed / 41 in progress / 6 not started" in text_of(page)
    assert "Restore action" not in page
    assert restored.status_code == 404  # archived records are invisible to non-admins
    assert client.get(f"/actions/{action.id}").status_code == 404


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/actions/{action}/status", {"status": "completed"}),
        ("/sirs/{sir}/bulk-status", {}),
        ("/sirs/{sir}/actions/new", {"code": "9.9", "text": "x"}),
        ("/actions/{action}/edit", {"text": "x"}),
        ("/actions/{action}/archive", {}),
        ("/sirs/{sir}/themes/new", {"title": "x"}),
        ("/sirs/{sir}/findings/new", {"text": "x"}),
        ("/sirs/{sir}/edit", {"title": "x"}),
        ("/actions/{action}/crosswalk", {"plan": "LCAP", "reference": "1"}),
    ],
)
def test_a_viewer_may_not_change_anything(
    client: FlaskClient,
    session: Session,
    viewer: User,
    iusd_sir: Sir,
    path: str,
    data: dict[str, str],
) -> None:
    action = action_by_code(session, iusd_sir, "3.1")
    sign_in(client, viewer)
    before = table_counts(session)

    response = post(client, path.format(sir=iusd_sir.id, action=action.id), data, "/")

    assert response.status_code == 403
    assert table_counts(session) == before


def test_an_editor_creates_and_edits_a_sir(
    client: FlaskClient, session: Session, lead: User, iusd: Lea
) -> None:
    sign_in(client, lead)
    path = f"/leas/{iusd.id}/sirs/new"

    created = post(
        client,
        path,
        {"title": "Second review", "report_date": "", "state": "in_progress"},
        path,
    )

    sir = session.scalars(select(Sir).where(Sir.title == "Second review")).one()
    assert created.headers["Location"] == f"/sirs/{sir.id}"
    assert sir.report_date is None and sir.state is SirState.IN_PROGRESS
    page = text_of(client.get(f"/sirs/{sir.id}").get_data(as_text=True))
    assert "0 completed / 0 in progress / 0 not started" in page
    assert "Not dated yet" in page

    edit = f"/sirs/{sir.id}/edit"
    saved = post(
        client,
        edit,
        {"title": "Second review", "report_date": "2024-05-01", "state": "final", "version": "1"},
        edit,
    )
    assert saved.status_code == 302
    session.refresh(sir)
    assert (sir.report_date, sir.state) == (date(2024, 5, 1), SirState.FINAL)
    assert [e.action for e in audit_events(session, sir)] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
    ]


def test_a_stale_sir_edit_is_a_conflict(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    sign_in(client, lead)
    edit = f"/sirs/{iusd_sir.id}/edit"
    data = {"title": "Renamed", "report_date": "2019-04-26", "state": "final"}

    first = post(client, edit, {**data, "version": str(iusd_sir.version)}, edit)
    second = post(client, edit, {**data, "title": "Again", "version": str(iusd_sir.version)}, edit)

    assert first.status_code == 302
    assert second.status_code == 409
    assert "Title: Inglewood Unified School District Systemic Instructional Review → Renamed" in (
        second.get_data(as_text=True)
    )


def test_only_an_admin_archives_a_sir(
    app: Flask, session: Session, lead: User, admin: User, iusd_sir: Sir
) -> None:
    as_lead, as_admin = app.test_client(), app.test_client()
    sign_in(as_lead, lead)
    sign_in(as_admin, admin)
    path = f"/sirs/{iusd_sir.id}"

    assert post(as_lead, f"{path}/archive", {}, path).status_code == 403
    assert post(as_admin, f"{path}/archive", {}, path).status_code == 302
    assert as_lead.get(path).status_code == 404
    assert "This SIR is archived" in as_admin.get(path).get_data(as_text=True)
    assert post(as_admin, f"{path}/restore", {}, path).status_code == 302
    assert as_lead.get(path).status_code == 200


def test_themes_are_numbered_in_order_and_titles_are_unique(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    sign_in(client, lead)
    path = f"/sirs/{iusd_sir.id}/themes/new"

    added = post(client, path, {"title": "Family partnership"}, path)
    duplicate = post(client, path, {"title": "accountability"}, path)

    assert added.status_code == 302
    theme = session.scalars(select(Theme).where(Theme.title == "Family partnership")).one()
    assert theme.number == 5
    assert duplicate.status_code == 422
    assert "This SIR already has a theme called" in duplicate.get_data(as_text=True)

    edit = f"/themes/{theme.id}/edit"
    renamed = post(client, edit, {"title": "Family partnerships", "version": "1"}, edit)
    assert renamed.status_code == 302
    assert post(client, f"/themes/{theme.id}/archive", {}, edit).status_code == 302
    client.get(f"/sirs/{iusd_sir.id}")  # shows, and so clears, the flash naming the theme
    assert "Family partnerships" not in client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)


def test_findings_are_added_edited_archived_and_restored(
    app: Flask, session: Session, lead: User, admin: User, iusd_sir: Sir
) -> None:
    client = app.test_client()
    sign_in(client, lead)
    component = session.scalars(select(Component).where(Component.number == 6)).one()
    path = f"/sirs/{iusd_sir.id}/findings/new"

    added = post(
        client,
        path,
        {"component": str(component.id), "category": "threat", "text": "Parent turnout is low."},
        path,
    )

    assert added.status_code == 302
    assert added.headers["Location"].endswith("#component-6")
    finding = session.scalars(select(Finding).where(Finding.text == "Parent turnout is low.")).one()
    assert finding.category is SwotCategory.THREAT
    edit = f"/findings/{finding.id}/edit"
    saved = post(
        client,
        edit,
        {
            "component": str(component.id),
            "category": "weakness",
            "text": "Parent turnout is low.",
            "version": "1",
        },
        edit,
    )
    assert saved.status_code == 302
    assert post(client, f"/findings/{finding.id}/archive", {}, edit).status_code == 302
    client.get(f"/sirs/{iusd_sir.id}")  # shows, and so clears, the flash naming the finding
    assert "Parent turnout is low." not in client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)

    sign_in(client, admin)
    admin_page = client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)
    assert "Restore this finding" in admin_page
    assert post(client, f"/findings/{finding.id}/restore", {}, "/").status_code == 302
    session.refresh(finding)
    assert not finding.is_archived and finding.category is SwotCategory.WEAKNESS


def test_crosswalk_links_are_added_and_removed_with_audit(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "3.1")
    sign_in(client, lead)
    edit = f"/actions/{action.id}/edit"

    added = post(
        client, f"/actions/{action.id}/crosswalk", {"plan": "LCAP", "reference": "Goal 2"}, edit
    )
    again = post(
        client, f"/actions/{action.id}/crosswalk", {"plan": "LCAP", "reference": "Goal 2"}, edit
    )
    link = session.scalars(
        select(CrosswalkLink).where(
            CrosswalkLink.action_id == action.id, CrosswalkLink.plan == "LCAP"
        )
    ).one()
    assert "LCAP Goal 2" in text_of(client.get(f"/actions/{action.id}").get_data(as_text=True))
    removed = post(client, f"/actions/{action.id}/crosswalk/{link.id}/remove", {}, edit)

    assert (added.status_code, again.status_code, removed.status_code) == (302, 422, 302)
    assert "already cross-walked to LCAP Goal 2" in again.get_data(as_text=True)
    assert session.scalar(select(CrosswalkLink.id).where(CrosswalkLink.id == link.id)) is None
    changes = [e.changes for e in audit_events(session, action)][-2:]
    assert changes == [
        {"cross-walk link": ["", "LCAP Goal 2"]},
        {"cross-walk link": ["LCAP Goal 2", ""]},
    ]
