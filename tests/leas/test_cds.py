import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sir_tracker.leas.cds import InvalidCdsCode, normalize_cds_code
from sir_tracker.leas.models import Lea, LeaKind
from tests.support import builders


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1964634", "1964634"),
        ("19 64634", "1964634"),
        ("19-64634-0000000", "19646340000000"),
        ("34674390120345", "34674390120345"),
    ],
)
def test_accepts_district_and_school_codes(raw: str, expected: str) -> None:
    assert normalize_cds_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "required"),
        ("196463", "has 6"),
        ("19646340", "has 8"),
        ("196463400000000", "has 15"),
        ("19A4634", "only digits"),
    ],
)
def test_refuses_other_codes_saying_why(raw: str, message: str) -> None:
    with pytest.raises(InvalidCdsCode, match=message):
        normalize_cds_code(raw)


def test_an_lea_cannot_be_given_an_invalid_code(session: Session) -> None:
    office = builders.county_office(session)
    with pytest.raises(InvalidCdsCode):
        Lea(name="Bad Code USD", kind=LeaKind.DISTRICT, cds_code="12345", county_office=office)


def test_the_database_refuses_a_second_lea_with_the_same_code(session: Session) -> None:
    office = builders.county_office(session)
    session.add(
        Lea(name="First USD", kind=LeaKind.DISTRICT, cds_code="99 12345", county_office=office)
    )
    session.flush()
    session.add(
        Lea(name="Second USD", kind=LeaKind.DISTRICT, cds_code="9912345", county_office=office)
    )
    with pytest.raises(IntegrityError):
        session.flush()
