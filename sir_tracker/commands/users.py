"""``sir-tracker users``: accounts from the command line (the first administrator, scripts)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from sir_tracker.users.roles import Role

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from sir_tracker.leas.models import CountyOffice, Lea


@click.group("users", help="Create and list user accounts.")
def users_group() -> None:
    pass


def _county_office(session: Session, reference: str | None) -> CountyOffice | None:
    from sqlalchemy import func, or_, select

    from sir_tracker.leas.models import CountyOffice

    if reference is None:
        return None
    wanted = reference.strip().lower()
    found = session.scalar(
        select(CountyOffice).where(
            or_(func.lower(CountyOffice.county) == wanted, func.lower(CountyOffice.name) == wanted)
        )
    )
    if found is None:
        raise click.ClickException(f"No county office has the county or name {reference!r}.")
    return found


def _lea(session: Session, reference: str | None) -> Lea | None:
    from sir_tracker.leas.queries import find_lea

    if reference is None:
        return None
    found = find_lea(session, reference)
    if found is None:
        raise click.ClickException(f"No LEA has the CDS code or name {reference!r}.")
    return found


def _password_from_stdin() -> str:
    line = sys.stdin.readline()
    return line.removesuffix("\n").removesuffix("\r")


@users_group.command("create", help="Create an account; asks for its password twice.")
@click.option(
    "--role", required=True, type=click.Choice([role.value for role in Role]), help="Its role."
)
@click.option("--email", required=True, help="The email address the person signs in with.")
@click.option("--name", required=True, help="The person's name.")
@click.option("--county", help="The county (e.g. 'Los Angeles'), for county office staff.")
@click.option("--lea", help="The LEA's name or CDS code, for LEA staff.")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)
def create_command(
    role: str, email: str, name: str, county: str | None, lea: str | None, password_stdin: bool
) -> None:
    from sir_tracker.auth.accounts import UserRefused, create_user
    from sir_tracker.core import db
    from sir_tracker.core.errors import DomainError

    session = db.session()
    try:
        county_office = _county_office(session, county)
        scope_lea = _lea(session, lea)
        if password_stdin:
            password = _password_from_stdin()
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        created = create_user(
            session,
            actor=None,
            email=email,
            name=name,
            role=Role(role),
            county_office=county_office,
            lea=scope_lea,
            password=password,
        )
    except DomainError as refusal:
        session.rollback()
        problems = refusal.problems if isinstance(refusal, UserRefused) else []
        messages = [message for _field, message in problems] or [refusal.message]
        raise click.ClickException(" ".join(messages)) from None
    except click.ClickException:
        session.rollback()
        raise
    session.commit()
    click.echo(f"Created {created.role.value} {created.email}.")


@users_group.command("list", help="List every account with its role and scope.")
def list_command() -> None:
    from sqlalchemy import func, select
    from sqlalchemy.orm import selectinload

    from sir_tracker.core import db
    from sir_tracker.users.models import User

    with db.get_database().new_session(write=False) as session:
        users = session.scalars(
            select(User)
            .options(selectinload(User.county_office), selectinload(User.lea))
            .order_by(func.lower(User.email))
        ).all()
        if not users:
            click.echo("No accounts yet. Create one with: sir-tracker users create --role admin")
            return
        width = max(len(user.email) for user in users)
        for user in users:
            scope = (
                f"{user.county_office.county} County"
                if user.county_office
                else user.lea.name
                if user.lea
                else ""
            )
            state = "active" if user.is_active else "inactive"
            details = ", ".join(part for part in (user.role.label, scope, state) if part)
            click.echo(f"{user.email:<{width}}  {user.name} ({details})")
