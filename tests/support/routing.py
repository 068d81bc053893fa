"""URL builders compiled once per test process instead of once per app.

Werkzeug compiles two small Python functions for each URL rule (``url_for`` calls them) by
building and compiling an AST: with ninety rules that was most of ``create_app``'s time, and the
suite makes an app for nearly every test. The function depends only on what the rule parsed
into (its trace, its defaults as URL text) and on whether unknown arguments are appended, so
one compiled for an equal rule of an earlier app is the same function; it is bound to each
rule as Werkzeug binds it. Production builds one app per process and keeps Werkzeug's own path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing import Rule

_Builder = Callable[..., tuple[str, str]]


def compile_url_builders_once() -> None:
    """Make every ``Rule`` of this process reuse the builders compiled for an equal rule."""
    original: Callable[[Rule, bool], _Builder] = Rule._compile_builder
    if getattr(original, "cached", False):
        return
    compiled: dict[tuple[Any, ...], _Builder] = {}

    def cached_builder(rule: Rule, append_unknown: bool = True) -> _Builder:
        defaults = rule.defaults or {}
        key = (
            append_unknown,
            tuple(rule._trace),
            # What the builder inlines of a default that the rule also takes as a variable.
            tuple(
                sorted(
                    (name, rule._converters[name].to_url(value) if name in rule._converters else "")
                    for name, value in defaults.items()
                )
            ),
        )
        if key not in compiled:
            compiled[key] = original(rule, append_unknown)
        return compiled[key]

    cached_builder.cached = True  # type: ignore[attr-defined]
    Rule._compile_builder = cached_builder  # type: ignore[method-assign,assignment]
