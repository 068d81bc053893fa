from flask.testing import FlaskClient


def test_home_lists_leas_with_their_headline_counts(client: FlaskClient) -> None:
    response = client.get("/")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "Inglewood Unified School District" in page
    assert "19 completed / 41 in progress / 6 not started" in page
    assert "91% completed or in progress" in page
    assert "Demo data" in page
