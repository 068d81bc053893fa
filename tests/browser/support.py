"""Helpers for browser tests: the accessibility check with axe-core, and the watch for
Content Security Policy violations and script errors.

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
from playwright.sync_api import ConsoleMessage, Page
from playwright.sync_api import Error as PlaywrightError

# Violations of these impacts fail a test; "minor" and "moderate" ones do not.
FAILING_IMPACTS = ("serious", "critical")


@cache
def axe_script() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


# What the browser says when a navigation replaced the document while axe was reading it.
_NAVIGATED_AWAY = ("Execution context was destroyed", "reading 'documentElement'")


def run_axe(page: Page) -> dict[str, Any]:
    """axe-core's results (violations only) for the page as it is now.

    A click that follows a link can return before the browser has swapped the documents; axe
    then starts on the old page and fails when it goes. So the check waits for the page to load
    and, if a navigation still cuts it short, runs again on the page that arrived.
    """
    for _ in range(2):
        try:
            return _axe_once(page)
        except PlaywrightError as error:
            if not any(sign in str(error) for sign in _NAVIGATED_AWAY):
                raise
    return _axe_once(page)


def _axe_once(page: Page) -> dict[str, Any]:
    page.wait_for_load_state("load")
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


# The widest elements that stick out of the viewport, or the scroll boxes that a table makes
# scroll: what a person has to scroll sideways to read.
_SIDEWAYS_JS = """() => {
  const width = window.innerWidth;
  const describe = (el) => {
    const classes = typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : [];
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + classes.filter(Boolean).map((name) => '.' + name).join('');
  };
  const outside = [];
  const boxes = [];
  for (const el of document.querySelectorAll('body *')) {
    const right = el.getBoundingClientRect().right;
    const parentRight = el.parentElement.getBoundingClientRect().right;
    if (right > width + 0.5 && parentRight <= width + 0.5) {
      outside.push(`${describe(el)} ends at ${Math.round(right)} px`);
    }
    // Text that does not wrap sticks out of its element without widening it.
    const spill = el.scrollWidth - el.clientWidth;
    const overflow = getComputedStyle(el).overflowX;
    if (right <= width + 0.5 && el.clientWidth > 0 && spill > 1 && right + spill > width + 0.5
        && overflow === 'visible') {
      outside.push(`the content of ${describe(el)} ends at ${Math.round(right + spill)} px`);
    }
    if ((overflow === 'auto' || overflow === 'scroll') && spill > 1 && el.querySelector('table')) {
      boxes.push(`${describe(el)}: ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }
  return {width, documentWidth: document.documentElement.scrollWidth, outside, boxes};
}"""


def assert_no_sideways_scroll(page: Page) -> None:
    """Fail if the page is wider than the viewport, or if a table scrolls sideways in a box,
    naming what sticks out."""
    found: dict[str, Any] = page.evaluate(_SIDEWAYS_JS)
    problems = []
    if found["documentWidth"] > found["width"]:
        problems.append(
            f"the page is {found['documentWidth']} px wide in a {found['width']} px viewport:"
        )
        problems.extend(f"- {line}" for line in found["outside"][:10])
    if found["boxes"]:
        problems.append("tables scroll sideways in a box:")
        problems.extend(f"- {line}" for line in found["boxes"])
    if problems:
        pytest.fail(f"{page.url} scrolls sideways: " + "\n".join(problems), pytrace=False)


# Every document reports what its Content Security Policy refused to the console, where
# ``watch_for_policy_violations`` collects it: the policy is on in the browser tests as in
# production. (Chromium also logs each refusal itself; both are kept.)
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} refused ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


def watch_for_policy_violations(page: Page) -> list[str]:
    """The list that fills with every CSP violation and script error of the documents that
    ``page`` opens from now on."""
    problems: list[str] = []
    page.add_init_script(REPORT_CSP_VIOLATIONS)

    def on_console(message: ConsoleMessage) -> None:
        text = message.text
        if text.startswith("CSP violation") or "Content Security Policy" in text:
            problems.append(text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    return problems
