"""The forms of distribution lists: a list's name, a member to add, a member to remove."""

from __future__ import annotations

from wtforms import StringField
from wtforms.validators import DataRequired, Length

from sir_tracker.reports.distribution.models import EMAIL_LIMIT, NAME_LIMIT
from sir_tracker.web.fields import version_field
from sir_tracker.web.forms import CheckedForm


class ListForm(CheckedForm):
    name = StringField(
        "Name of the list",
        validators=[
            DataRequired("Give the list a name, such as “CCEE Governing Board”."),
            Length(max=NAME_LIMIT, message=f"A list's name has at most {NAME_LIMIT} characters."),
        ],
    )
    version = version_field()


class MemberForm(CheckedForm):
    name = StringField(
        "Name",
        validators=[
            DataRequired("Write the member's name."),
            Length(max=NAME_LIMIT, message=f"A name has at most {NAME_LIMIT} characters."),
        ],
    )
    email = StringField(
        "E-mail address",
        validators=[
            DataRequired("Write the member's e-mail address."),
            Length(
                max=EMAIL_LIMIT, message=f"An e-mail address has at most {EMAIL_LIMIT} characters."
            ),
        ],
    )
    version = version_field()


class RemoveMemberForm(CheckedForm):
    version = version_field()
