import re
from html.parser import HTMLParser
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.pacific_time import PACIFIC
from sir_tracker.meetings.models import Meeting
from sir_tracker.progress.operations import BulkChangeRefused, RequestedChange, change_statuses
from sir_tracker.reviews.models import Action, ActionStatus, Component, Sir, StatusChange, Theme
from sir_tracker.users.models import User
from tests.reviews.iusd import changed_tables, post, table_counts, text_of
from tests.support.auth import sign_in


def bulk_path(sir: Sir) -> str:
    return f"/sirs/{sir.id}/bulk-status"


def actions_in(session: Session, sir: Sir, status: ActionStatus, count: int) -> list[Action]:
    found = list(
        session.scalars(
            select(Action)
            .where(Action.sir_id == sir.id, Action.status == status)
            .order_by(Action.id)
            .limit(count)
        )
    )
    assert len(found) == count
    return found


def rows(
    session: Session,
    sir: Sir,
    changes: dict[int, dict[str, str]],
    shown: list[Action] | None = None,
) -> dict[str, Any]:
    """The bulk form as a browser submits it: one row per action shown (by default every current
    action), in page order."""
    data: dict[str, Any] = {}
    actions = shown or session.scalars(
        select(Action).where(Action.sir_id == sir.id, Action.archived_at.is_(None))
    )
    for i, action in enumerate(actions):
        data[f"rows-{i}-action_id"] = str(action.id)
        data[f"rows-{i}-version"] = str(action.version)
        row = changes.get(action.id, {})
        data[f"rows-{i}-status"] = row.get("status", "")
        # A change is saved with a note; tests of the note itself pass one ("" for none).
        default_note = f"Reviewed at the meeting: {action.code}." if row.get("status") else ""
        data[f"rows-{i}-note"] = row.get("note", default_note)
        data[f"rows-{i}-evidence_url"] = row.get("evidence_url", "")
        if "version" in row:
            data[f"rows-{i}-version"] = row["version"]
    return data


def snapshot_of_actions(session: Session) -> dict[int, tuple[str, int]]:
    session.expire_all()
    return {
        row.id: (row.status.value, row.version)
        for row in session.execute(select(Action.id, Action.status, Action.version))
    }


def test_the_bulk_page_lists_every_current_action_with_its_row(
    client: FlaskClient, lead: User, iusd_sir: Sir
) -> None:
    sign_in(client, lead)
    response = client.get(bulk_path(iusd_sir))
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert len(re.findall(r'name="rows-\d+-status"', page)) == 66
    assert len(re.findall(r'name="rows-\d+-version"', page)) == 66
    assert "Meeting these changes were made at" in page
    meetings = re.findall(r'<option value="\d+">(\d+ \w+ \d{4})', page)
    assert meetings[0] == "15 June 2021"  # newest first


def test_five_changes_write_five_history_rows_and_five_audit_events_and_nothing_else(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    started = actions_in(session, iusd_sir, ActionStatus.NOT_STARTED, 2)
    going = actions_in(session, iusd_sir, ActionStatus.IN_PROGRESS, 3)
    changes = {a.id: {"status": "in_progress", "note": f"Begun: {a.code}"} for a in started}
    changes |= {
        a.id: {"status": "completed", "evidence_url": "https://example.org/done.pdf"} for a in going
    }
    sign_in(client, lead)
    data = rows(session, iusd_sir, changes)
    tables_before = table_counts(session)
    actions_before = snapshot_of_actions(session)

    response = post(client, bulk_path(iusd_sir), data, bulk_path(iusd_sir))

    assert response.status_code == 302
    assert response.headers["Location"] == f"/sirs/{iusd_sir.id}"
    assert changed_tables(tables_before, table_counts(session)) == {
        "status_changes": 5,
        "audit_events": 5,
    }
    actions_after = snapshot_of_actions(session)
    changed = {i for i in actions_after if actions_after[i] != actions_before[i]}
    assert changed == set(changes)
    new_rows = session.scalars(select(StatusChange).order_by(StatusChange.id.desc()).limit(5)).all()
    assert {r.action_id for r in new_rows} == set(changes)
    assert all(r.changed_by_id == lead.id and r.meeting_id is None for r in new_rows)
    events = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(5)).all()
    assert {e.action for e in events} == {AuditAction.STATUS_CHANGE}
    page = text_of(client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True))
    assert "5 statuses updated: 22 completed / 40 in progress / 4 not started" in page


def test_changes_made_at_a_meeting_are_linked_to_it_and_dated_on_its_day(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    (action,) = actions_in(session, iusd_sir, ActionStatus.NOT_STARTED, 1)
    meeting = session.scalars(
        select(Meeting).where(Meeting.lea_id == iusd_sir.lea_id).order_by(Meeting.held_on.desc())
    ).first()
    assert meeting is not None
    sign_in(client, lead)
    data = rows(session, iusd_sir, {action.id: {"status": "in_progress"}})

    response = post(
        client, bulk_path(iusd_sir), {**data, "meeting": str(meeting.id)}, bulk_path(iusd_sir)
    )

    assert response.status_code == 302
    latest = session.scalars(
        select(StatusChange)
        .where(StatusChange.action_id == action.id)
        .order_by(StatusChange.id.desc())
    ).first()
    assert latest is not None
    assert latest.meeting_id == meeting.id
    assert latest.changed_at.astimezone(PACIFIC).date() == meeting.held_on


def test_one_invalid_row_refuses_the_whole_update(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    good = actions_in(session, iusd_sir, ActionStatus.NOT_STARTED, 4)
    (bad,) = actions_in(session, iusd_sir, ActionStatus.COMPLETED, 1)
    changes = {a.id: {"status": "in_progress"} for a in good}
    changes[bad.id] = {"status": "in_progress", "evidence_url": "javascript:alert(1)"}
    sign_in(client, lead)
    data = rows(session, iusd_sir, changes)
    before = table_counts(session)
    actions_before = snapshot_of_actions(session)

    response = post(client, bulk_path(iusd_sir), data, bulk_path(iusd_sir))

    assert response.status_code == 422
    page = text_of(response.get_data(as_text=True))
    assert "1 row needs correcting; nothing was saved." in page
    assert (
        f"Action {bad.code}: Evidence must be a web link starting with http:// or https://." in page
    )
    assert table_counts(session) == before
    assert snapshot_of_actions(session) == actions_before


def test_no_op_unknown_status_and_note_without_status_are_row_errors(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    first, second, third = actions_in(session, iusd_sir, ActionStatus.NOT_STARTED, 3)
    changes = {
        first.id: {"status": "not_started"},
        second.id: {"status": "finished"},
        third.id: {"note": "A note but no status."},
    }
    sign_in(client, lead)
    before = table_counts(session)

    response = post(
        client, bulk_path(iusd_sir), rows(session, iusd_sir, changes), bulk_path(iusd_sir)
    )

    assert response.status_code == 422
    page = text_of(response.get_data(as_text=True))
    assert "3 rows need correcting; nothing was saved." in page
    assert f"Action {first.code}: Action {first.code} is already not started" in page
    assert f"Action {second.code}: 'finished' is not a status" in page
    assert f"Action {third.code}: Choose a new status for action {third.code}" in page
    assert table_counts(session) == before


def test_a_row_changed_by_someone_else_meanwhile_is_named_with_the_change(
    client: FlaskClient, session: Session, lead: User, admin: User, iusd_sir: Sir
) -> None:
    (action,) = actions_in(session, iusd_sir, ActionStatus.NOT_STARTED, 1)
    sign_in(client, lead)
    data = rows(session, iusd_sir, {action.id: {"status": "in_progress"}})  # the page as loaded
    # Meanwhile an administrator completes the action.
    sign_in(client, admin)
    done = post(
        client,
        f"/actions/{action.id}/status",
        {"status": "completed", "note": "Done.", "version": str(action.version)},
        "/",
    )
    assert done.status_code == 302
    sign_in(client, lead)
    before = table_counts(session)

    response = post(client, bulk_path(iusd_sir), data, bulk_path(iusd_sir))

    assert response.status_code == 422
    page = text_of(response.get_data(as_text=True))
    assert f"Action {action.code} was changed by someone else after you opened this page" in page
    assert "Ada Admin" in page and "Status: not started → completed" in page
    assert table_counts(session) == before


def test_nothing_chosen_is_an_error(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    sign_in(client, lead)

    response = post(client, bulk_path(iusd_sir), rows(session, iusd_sir, {}), bulk_path(iusd_sir))

    assert response.status_code == 422
    assert "Choose a new status for at least one action." in response.get_data(as_text=True)


def test_readers_may_not_open_the_bulk_page(
    client: FlaskClient, viewer: User, iusd_sir: Sir
) -> None:
    sign_in(client, viewer)

    assert client.get(bulk_path(iusd_sir)).status_code == 403


def test_a_change_without_a_note_is_refused_row_by_row_and_nothing_is_saved(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    first, second, third = actions_in(session, iusd_sir, ActionStatus.NOT_STARTED, 3)
    sign_in(client, lead)
    before = table_counts(session)
    changes = {
        first.id: {"status": "in_progress", "note": "Kick-off held."},
        second.id: {"status": "in_progress", "note": ""},
        third.id: {"status": "completed", "note": "   "},
    }

    response = post(client, bulk_path(iusd_sir), rows(session, iusd_sir, changes), "/")

    assert response.status_code == 422
    page = text_of(response.get_data(as_text=True))
    for action in (second, third):
        assert f"Write a note for action {action.code}: what changed, and how you know" in page
    assert f"Write a note for action {first.code}" not in page
    assert table_counts(session) == before


def test_changes_made_at_a_meeting_come_back_to_the_meeting(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    (action,) = actions_in(session, iusd_sir, ActionStatus.NOT_STARTED, 1)
    meeting = session.scalars(
        select(Meeting).where(Meeting.lea_id == iusd_sir.lea_id).order_by(Meeting.held_on.desc())
    ).first()
    assert meeting is not None
    sign_in(client, lead)
    data = rows(session, iusd_sir, {action.id: {"status": "in_progress"}})

    form = f"{bulk_path(iusd_sir)}?meeting={meeting.id}"  # from the meeting's page
    response = post(client, form, {**data, "meeting": str(meeting.id)}, form)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/meetings/{meeting.id}"


class BulkPage(HTMLParser):
    """What the bulk page shows: its rows (id, classes, fields in document order) and the links
    of its error summary."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.summary_links: list[str] = []
        self.hidden_meeting: str | None = None
        self._in_summary = False
        self._form = ""
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id") == "error-summary":
            self._in_summary = True
        if tag == "form":
            self._in_summary = False
            self._form = "filter" if found.get("method") == "get" else "bulk"
        if tag == "a" and self._in_summary:
            self.summary_links.append(found.get("href") or "")
        if tag == "tr" and "data-bulk-row" in found:
            self.rows.append({"id": found["id"], "class": found.get("class") or "", "fields": []})
        if tag in ("select", "textarea", "input") and found.get("type") != "hidden" and self.rows:
            self.rows[-1]["fields"].append(found.get("id"))
        if self._form == "filter" and tag == "input" and found.get("name") == "meeting":
            self.hidden_meeting = found.get("value")


def current_actions(session: Session, sir: Sir) -> list[Action]:
    return list(
        session.scalars(select(Action).where(Action.sir_id == sir.id, Action.archived_at.is_(None)))
    )


def codes_on(page: str) -> list[str]:
    return re.findall(r'<th scope="row" data-label="Code">([^<]+)<input', page)


def test_the_filters_show_the_rows_of_a_component_a_status_a_theme_and_their_combinations(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    actions = current_actions(session, iusd_sir)
    component = session.scalars(select(Component).where(Component.number == 3)).one()
    theme = session.scalars(
        select(Theme).where(Theme.sir_id == iusd_sir.id, Theme.number == 2)
    ).one()
    sign_in(client, lead)
    cases = {
        f"component={component.id}": lambda a: a.component_id == component.id,
        "status=not_started": lambda a: a.status is ActionStatus.NOT_STARTED,
        f"theme={theme.id}": lambda a: a.theme_id == theme.id,
        f"component={component.id}&status=in_progress": lambda a: (
            a.component_id == component.id and a.status is ActionStatus.IN_PROGRESS
        ),
        f"theme={theme.id}&status=completed": lambda a: (
            a.theme_id == theme.id and a.status is ActionStatus.COMPLETED
        ),
    }
    for query, wanted in cases.items():
        response = client.get(f"{bulk_path(iusd_sir)}?{query}")
        page = response.get_data(as_text=True)
        expected = {a.code for a in actions if wanted(a)}

        assert response.status_code == 200, query
        assert expected, query  # the demo has rows for each case
        assert set(codes_on(page)) == expected, query
        assert len(BulkPage(page).rows) == len(expected), query
        assert f"{len(expected)} of 66 actions shown." in text_of(page), query


def test_a_filter_that_matches_nothing_says_so(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    component = session.scalars(select(Component).where(Component.number == 1)).one()
    sign_in(client, lead)

    response = client.get(f"{bulk_path(iusd_sir)}?component={component.id}&q=no such words")

    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert "0 of 66 actions shown." in page
    assert "No action matches these filters." in page


def test_bad_filter_values_are_named_and_left_out_not_a_server_error(
    client: FlaskClient, lead: User, iusd_sir: Sir
) -> None:
    sign_in(client, lead)

    response = client.get(
        f"{bulk_path(iusd_sir)}?component=abc&status=finished&theme=99999999999999999999999"
    )

    assert response.status_code == 422
    page = text_of(response.get_data(as_text=True))
    for message in (
        "Component: Choose a component from the list. This filter is not applied.",
        "Status: Choose a status from the list. This filter is not applied.",
        "Theme: Choose a theme from the list. This filter is not applied.",
    ):
        assert message in page
    assert len(BulkPage(response.get_data(as_text=True)).rows) == 66  # no filter applied


def test_every_action_text_is_shown_in_full(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    actions = current_actions(session, iusd_sir)
    sign_in(client, lead)

    page = text_of(client.get(bulk_path(iusd_sir)).get_data(as_text=True))

    assert sum(len(a.text) > 150 for a in actions) > 10  # texts that used to be cut at 110
    assert all(a.text in page for a in actions)
    assert "…" not in page


def test_each_row_offers_its_status_then_its_note_then_its_evidence_link(
    client: FlaskClient, lead: User, iusd_sir: Sir
) -> None:
    sign_in(client, lead)

    found = BulkPage(client.get(bulk_path(iusd_sir)).get_data(as_text=True))

    assert [row["fields"] for row in found.rows[:2]] == [
        ["rows-0-status", "rows-0-note", "rows-0-evidence_url"],
        ["rows-1-status", "rows-1-note", "rows-1-evidence_url"],
    ]
    assert all(len(row["fields"]) == 3 for row in found.rows)


def test_the_filter_keeps_the_meeting_and_saving_a_filtered_page_returns_to_it(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    meeting = session.scalars(
        select(Meeting).where(Meeting.lea_id == iusd_sir.lea_id).order_by(Meeting.held_on.desc())
    ).first()
    assert meeting is not None
    component = session.scalars(select(Component).where(Component.number == 2)).one()
    shown = [a for a in current_actions(session, iusd_sir) if a.component_id == component.id]
    target = next(a for a in shown if a.status is not ActionStatus.COMPLETED)
    sign_in(client, lead)
    path = f"{bulk_path(iusd_sir)}?meeting={meeting.id}&component={component.id}"

    page = client.get(path).get_data(as_text=True)

    assert BulkPage(page).hidden_meeting == str(meeting.id)  # the filter form carries it
    assert f'<option selected value="{meeting.id}">' in page
    show_all = re.search(r'href="([^"]+)">Show all 66 actions', page)
    assert show_all is not None and f"meeting={meeting.id}" in show_all.group(1)

    before = snapshot_of_actions(session)
    data = rows(session, iusd_sir, {target.id: {"status": "completed"}}, shown)
    response = post(client, path, {**data, "meeting": str(meeting.id)}, path)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/meetings/{meeting.id}"
    after = snapshot_of_actions(session)
    assert {i for i in after if after[i] != before[i]} == {target.id}


def test_errors_are_listed_at_the_top_with_links_to_their_marked_rows_and_nothing_is_saved(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    component = session.scalars(select(Component).where(Component.number == 1)).one()
    shown = [a for a in current_actions(session, iusd_sir) if a.component_id == component.id]
    good, no_note, no_status = shown[0], shown[1], shown[2]
    changes = {
        good.id: {"status": "completed" if good.status.value != "completed" else "in_progress"},
        no_note.id: {"status": "completed", "note": ""},
        no_status.id: {"note": "Discussed, nothing decided."},
    }
    path = f"{bulk_path(iusd_sir)}?component={component.id}"
    sign_in(client, lead)
    before = table_counts(session)
    actions_before = snapshot_of_actions(session)

    response = post(client, path, rows(session, iusd_sir, changes, shown), path)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    found = BulkPage(page)
    marked = [row for row in found.rows if "bulk-status__row--error" in row["class"]]
    assert [row["id"] for row in marked] == ["row-rows-1-status", "row-rows-2-status"]
    # Each link of the list goes to the first field of a marked row.
    assert found.summary_links == [f"#{row['fields'][0]}" for row in marked]
    assert len(found.rows) == len(shown)  # the same filtered rows come back, as typed
    assert "Discussed, nothing decided." in page
    assert "2 rows need correcting; nothing was saved." in text_of(page)
    assert table_counts(session) == before
    assert snapshot_of_actions(session) == actions_before


def test_a_bulk_note_past_the_limit_or_with_a_nul_byte_is_a_row_error_and_nothing_is_saved(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    long_one, nul_one = actions_in(session, iusd_sir, ActionStatus.NOT_STARTED, 2)
    changes = {
        long_one.id: {"status": "in_progress", "note": "n" * 5001},
        nul_one.id: {"status": "in_progress", "note": "Started\x00 at the meeting."},
    }
    sign_in(client, lead)
    before = table_counts(session)
    actions_before = snapshot_of_actions(session)

    response = post(client, bulk_path(iusd_sir), rows(session, iusd_sir, changes), "/")

    assert response.status_code == 422
    page = text_of(response.get_data(as_text=True))
    assert "Keep the note under 5,000 characters." in page
    assert "Note contains a control character (such as a NUL byte)" in page
    assert table_counts(session) == before
    assert snapshot_of_actions(session) == actions_before


def test_the_bulk_operation_itself_refuses_a_note_past_the_limit(
    session: Session, lead: User, iusd_sir: Sir
) -> None:
    (action,) = actions_in(session, iusd_sir, ActionStatus.NOT_STARTED, 1)
    requested = [
        RequestedChange(
            action_id=action.id, version=action.version, status="in_progress", note="n" * 110_001
        )
    ]

    with pytest.raises(BulkChangeRefused) as refused:
        change_statuses(session, iusd_sir, requested, by=lead)

    assert refused.value.problems == {
        action.id: f"Action {action.code}: The note can have at most 5,000 characters; "
        "this one has 110,001."
    }
