"""Writes the part of the vendored USWDS stylesheet that our pages can use.

USWDS's built CSS (sir_tracker/static/uswds/css/uswds.min.css, scripts/vendor-uswds.sh) is
527 KB: every component of the design system. A page loads it before it shows anything, a
phone on a slow line included, and the browser matches every rule against every element on
each layout. This keeps each rule whose class selectors all name a class that appears in our
templates, Python code or scripts (a class written as a prefix there, ``usa-alert--`` before
a variable, keeps every class it begins), and every rule without a class selector, as
PurgeCSS does; at-rules (media queries, fonts, keyframes) keep what is kept inside them.

    .venv/bin/python scripts/trim_uswds.py          # rewrite uswds.trimmed.css; commit it
    .venv/bin/python scripts/trim_uswds.py --check  # exit 1 if it is not what we would write

tests/web/test_stylesheet.py runs ``--check``: a template that starts using a USWDS class
fails it until this is run again.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from tinycss2.ast import Node

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sir_tracker/static/uswds/css/uswds.min.css"
TARGET = ROOT / "sir_tracker/static/uswds/css/uswds.trimmed.css"
# Where the classes our pages use are written.
USERS = [
    (ROOT / "templates", "*.html"),
    (ROOT / "sir_tracker", "*.py"),
    (ROOT / "sir_tracker/static", "*.js"),
]
_WORD = re.compile(r"[A-Za-z0-9_:-]+")
_CLASS = re.compile(r"\.((?:\\.|[A-Za-z0-9_-])+)")
# A parenthesised part of a selector, innermost first (applied until none is left).
_PARENTHESES = re.compile(r"\([^()]*\)")
# At-rules whose content is rules, trimmed like the top level.
_GROUPING = {"media", "supports"}


def used_words(places: Iterable[tuple[Path, str]] = USERS) -> set[str]:
    words: set[str] = set()
    for folder, pattern in places:
        for path in sorted(folder.rglob(pattern)):
            for word in _WORD.findall(path.read_text(encoding="utf-8")):
                # "tablet:grid-col-6" is one class; "a:b" in code may also be two words.
                words.add(word)
                words.update(word.split(":"))
    return words


def _selectors(prelude: str) -> list[str]:
    """The selectors of a list, split at its top-level commas (not those in ``:is(a, b)``)."""
    parts, depth, current = [], 0, []
    for char in prelude:
        depth += char in "(["
        depth -= char in ")]"
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def trimmed(css: str, words: set[str]) -> str:
    prefixes = tuple(word for word in words if word.endswith("-"))

    def used(selector: str) -> bool:
        # Classes inside :is(), :where(), :not() or :has() are alternatives or negations, not
        # all needed: only the classes outside them decide (the rule is kept otherwise).
        outside, count = selector, 1
        while count:
            outside, count = _PARENTHESES.subn("", outside)
        return all(
            name in words or name.startswith(prefixes)
            for name in (found.replace("\\", "") for found in _CLASS.findall(outside))
        )

    def keep(rules: Iterable[Node]) -> list[str]:
        kept = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [s for s in _selectors(tinycss2.serialize(rule.prelude)) if used(s)]
                if selectors:
                    kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
            elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
                inner = keep(
                    tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
                )
                if inner:
                    prelude = tinycss2.serialize(rule.prelude)
                    kept.append(f"@{rule.at_keyword}{prelude}{{{''.join(inner)}}}")
            elif rule.type == "at-rule":
                kept.append(tinycss2.serialize([rule]))
        return kept

    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    version = re.search(r"/\*! (uswds v[^*]+?) \*/", css)
    header = f"/*! {version.group(1) if version else 'uswds'}, trimmed by scripts/trim_uswds.py */"
    return header + "\n" + "".join(keep(rules)) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    wanted = trimmed(SOURCE.read_text(encoding="utf-8"), used_words())
    if args.check:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != wanted:
            print(
                f"{TARGET.relative_to(ROOT)} is not the trimmed USWDS stylesheet of our pages "
                "as they are now: run .venv/bin/python scripts/trim_uswds.py and commit it.",
                file=sys.stderr,
            )
            return 1
        return 0
    TARGET.write_text(wanted, encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(wanted):,} bytes of {SOURCE.stat().st_size:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
