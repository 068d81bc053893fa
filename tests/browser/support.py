"""Helpers for browser tests: the accessibility check with axe-core.

axe-core's script comes from the PyPI package axe-playwright-python, which bundles
``axe.min.js``; it is injected with ``page.evaluate`` (not a script tag), so a Content Security
Policy on the page cannot block it. The package's own ``Axe`` wrapper is not used: it is untyped
and only runs the same two ``evaluate`` calls.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import pytest
from playwright.sync_api import Page

# Violations of these impacts fail a test; "minor" and "moderate" ones do not.
FAILING_IMPACTS = ("serious", "critical")


@cache
def axe_script() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page: Page) -> dict[str, Any]:
    """axe-core's results (violations only) for the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    results: dict[str, Any] = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
    )
    return results


def assert_accessible(page: Page) -> None:
    """Fail, listing each one, if axe-core finds serious or critical violations on the page."""
    results = run_axe(page)
    violations = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
    if violations:
        pytest.fail(describe_violations(page.url, violations, results), pytrace=False)


def describe_violations(url: str, violations: list[dict[str, Any]], results: dict[str, Any]) -> str:
    engine = results.get("testEngine", {})
    lines = [
        f"{len(violations)} serious or critical accessibility violation(s) on {url}"
        f" (axe-core {engine.get('version', '?')}):"
    ]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {_selector(node['target'])}")
            summary = _one_line(node.get("failureSummary") or "")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def _selector(target: list[str | list[str]]) -> str:
    # Each step is a selector, or a list of selectors through shadow roots; steps cross iframes.
    return " >> iframe >> ".join(
        part if isinstance(part, str) else " >>> ".join(part) for part in target
    )


def _one_line(summary: str) -> str:
    # "Fix any of the following:\n  a\n  b" -> "Fix any of the following: a; b"
    head, *items = [line.strip() for line in summary.splitlines() if line.strip()] or [""]
    return f"{head} {'; '.join(items)}".strip()


def assert_no_sideways_scroll(page: Page) -> None:
    """Fail if the page is wider than its viewport (it would scroll sideways), naming the
    elements that stick out."""
    found: dict[str, Any] = page.evaluate(
        """() => {
          const width = window.innerWidth;
          const out = [...document.body.querySelectorAll("*")]
            .filter((el) => el.getBoundingClientRect().left + el.scrollWidth > width + 0.5)
            .slice(0, 5)
            .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
              + (el.className && typeof el.className === "string"
                 ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
          return {scroll: document.documentElement.scrollWidth, width, out};
        }"""
    )
    if found["scroll"] > found["width"]:
        pytest.fail(
            f"{page.url} scrolls sideways at {found['width']} px: it is {found['scroll']} px wide"
            f" (sticking out: {', '.join(found['out']) or 'nothing named'})",
            pytrace=False,
        )
