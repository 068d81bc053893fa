"""The languages of the public pages and the public PDF, and their message catalogues.

Only what the public reads is translated: the pages of signed-in users are in English. What
people typed (names, themes, a published summary) shows as written.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def known_language(value: str | None) -> str | None:
    return value if value in LANGUAGES else None


@cache
def translations(language: str) -> NullTranslations:
    """The catalogue of ``language`` (compiled .mo under ``TRANSLATIONS``); English has none."""
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS), [language], domain="messages")
