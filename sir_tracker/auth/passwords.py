"""Password hashing with Argon2id (argon2-cffi's recommended parameters), and what makes a
password acceptable.

Length is what makes a password strong, so the rules are few (NIST SP 800-63B, ASVS 5.0 V6):
at least 12 characters, anything allowed (spaces and any script: a pass-phrase is welcome), but
not one of the 10,000 most common passwords (common_passwords.txt beside this file, with its
source and licence), nor one with only digits or symbols added to those, nor a run or a
repetition of a few characters, nor the person's email address or name (give or take some
digits or symbols).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import files
from itertools import pairwise

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 256  # a long pass-phrase fits many times over; Argon2 hashes any length
MIN_DISTINCT_CHARACTERS = 5
_hasher = PasswordHasher()
_AROUND = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _stand_in_hash() -> str:
    return _hasher.hash("no account has this password")


def spend_a_verification(password: str) -> None:
    """Take as long as checking a password, for an account that does not exist: a sign-in
    answered faster for unknown addresses would tell which addresses have an account."""
    password_matches(_stand_in_hash(), password)


@cache
def common_passwords() -> frozenset[str]:
    text = (files("sir_tracker.auth") / "common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why ``password`` is not acceptable for the person with ``email`` and ``name``, or None."""
    if len(password) < MIN_LENGTH:
        return f"A password needs at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"A password can have at most {MAX_LENGTH} characters."
    if any(unicodedata.category(character) == "Cc" for character in password):
        return "A password cannot contain control characters (such as tabs or line breaks)."
    if password.strip() != password:
        return "A password cannot start or end with a space."
    folded = unicodedata.normalize("NFKC", password).casefold()
    if folded in common_passwords():
        return "This is one of the 10,000 most common passwords: choose another."
    if _AROUND.sub("", folded) in common_passwords():
        return (
            "This is a common password with digits or symbols added: choose another (a few "
            "words of your own make a strong one)."
        )
    if len(set(folded)) < MIN_DISTINCT_CHARACTERS or _is_repeated(folded):
        return (
            f"A password needs at least {MIN_DISTINCT_CHARACTERS} different characters, and "
            "cannot be a shorter one repeated."
        )
    if _is_a_run(folded):
        return "A password cannot be a run of consecutive characters, such as 123456789012."
    if _is_own_details(folded, email, name):
        return "A password cannot be the account's email address or name."
    return None


def _is_repeated(folded: str) -> bool:
    """trustno1trustno1, abcabcabcabc: a shorter password said again."""
    return any(
        folded == folded[:unit] * (len(folded) // unit)
        for unit in range(1, len(folded) // 2 + 1)
        if len(folded) % unit == 0
    )


def _is_a_run(folded: str) -> bool:
    return {_step(a, b) for a, b in pairwise(folded)} in ({1}, {-1})


def _step(a: str, b: str) -> int:
    # 1234567890 wraps from 9 to 0, as on a keyboard's number row.
    wraps = {("9", "0"): 1, ("0", "9"): -1}
    return wraps.get((a, b), ord(b) - ord(a))


def _is_own_details(folded: str, email: str, name: str) -> bool:
    """Is the password the person's email address, its local part or their name, give or take
    spaces and some digits or symbols around it?"""
    squeezed = _AROUND.sub("", "".join(folded.split()))
    email = email.casefold()
    own = {email, email.partition("@")[0], "".join(name.casefold().split())}
    return squeezed in own - {""}
