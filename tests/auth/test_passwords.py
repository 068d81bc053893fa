"""Passwords are hashed at Argon2's recommended cost outside the tests (which hash cheaply)."""

from argon2.profiles import get_default_parameters

from sir_tracker.auth.passwords import hash_password, password_matches
from tests.support.passwords import PRODUCTION_HASHER, TEST_PARAMETERS


def test_production_hashes_with_argon2_cffis_recommended_parameters() -> None:
    recommended = get_default_parameters()
    assert (
        PRODUCTION_HASHER.time_cost,
        PRODUCTION_HASHER.memory_cost,
        PRODUCTION_HASHER.parallelism,
        PRODUCTION_HASHER.hash_len,
        PRODUCTION_HASHER.salt_len,
        PRODUCTION_HASHER.type,
    ) == (
        recommended.time_cost,
        recommended.memory_cost,
        recommended.parallelism,
        recommended.hash_len,
        recommended.salt_len,
        recommended.type,
    )


def test_a_password_hashed_at_production_cost_is_recognised() -> None:
    stored = PRODUCTION_HASHER.hash("a long test password")

    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert password_matches(stored, "a long test password")
    assert not password_matches(stored, "another long password")


def test_the_tests_hash_cheaply_in_the_same_format() -> None:
    stored = hash_password("a long test password")

    assert stored.startswith(f"$argon2id$v=19$m={TEST_PARAMETERS.memory_cost},t=1,p=1$")
    assert password_matches(stored, "a long test password")
