from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from sir_tracker.users.models import Role
from tests.support.auth import make_user, sign_in


def test_the_dashboard_asks_for_sign_in(client: FlaskClient) -> None:
    response = client.get("/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_dashboard_lists_leas_with_their_headline_counts(
    client: FlaskClient, session: Session
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    response = client.get("/")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "Inglewood Unified School District" in page
    assert "19 completed / 41 in progress / 6 not started" in page
    assert "91% completed or in progress" in page
    assert "Demo data" in page
