"""Cheap Argon2 for the test run: signing in costs a hash verification, and the suite signs
in hundreds of times. Production keeps argon2-cffi's recommended parameters (checked in
tests/auth/test_passwords.py); a hash records its own parameters, so verifying works the same
either way."""

from __future__ import annotations

import dataclasses

from argon2 import PasswordHasher
from argon2.profiles import get_default_parameters

from sir_tracker.auth import passwords

PRODUCTION_HASHER = passwords._hasher
# The same hash and salt lengths as production; one pass over 8 KiB instead of three over 64 MiB.
TEST_PARAMETERS = dataclasses.replace(
    get_default_parameters(), time_cost=1, memory_cost=8, parallelism=1
)


def hash_cheaply() -> None:
    """Hash new passwords with ``TEST_PARAMETERS`` in this process from now on."""
    passwords._hasher = PasswordHasher.from_parameters(TEST_PARAMETERS)
