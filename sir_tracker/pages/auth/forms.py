from typing import Any

from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from sir_tracker.auth.tokens import NAME_MAX_LENGTH
from sir_tracker.users.models import User
from sir_tracker.web.fields import PASSWORD_HINT, acceptable_password
from sir_tracker.web.forms import CheckedForm


class SignInForm(CheckedForm):
    email = EmailField("Email address", validators=[DataRequired("Enter your email address.")])
    password = PasswordField("Password", validators=[DataRequired("Enter your password.")])


class ChangePasswordForm(CheckedForm):
    current_password = PasswordField(
        "Current password", validators=[DataRequired("Enter your current password.")]
    )
    new_password = PasswordField(
        "New password",
        validators=[DataRequired("Choose a new password."), acceptable_password],
        description=PASSWORD_HINT,
    )
    confirm_password = PasswordField(
        "Repeat the new password",
        validators=[
            DataRequired("Repeat the new password."),
            EqualTo("new_password", "The two new passwords are not the same."),
        ],
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def password_owner(self) -> tuple[str, str]:
        return self.owner.email, self.owner.name


class ApiTokenForm(CheckedForm):
    name = StringField(
        "Name of the token",
        validators=[
            DataRequired("Give the token a name, to tell it apart later."),
            Length(max=NAME_MAX_LENGTH, message="A token's name has at most 100 characters."),
        ],
        description="What it is for, e.g. “County dashboard”.",
    )


class RevokeTokenForm(CheckedForm):
    """Only the CSRF token: the token to revoke is in the URL."""
