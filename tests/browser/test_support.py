"""The accessibility and width checks themselves: they must catch what they are there to catch."""

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import LiveServer
from tests.browser.support import (
    assert_accessible,
    assert_no_sideways_scroll,
    watch_for_policy_violations,
)

PAGE = """<!doctype html><html lang="en"><head><title>Check</title></head><body><main>
<h1>Check</h1>{body}</main></body></html>"""


def test_an_accessible_page_passes(page: Page) -> None:
    page.set_content(PAGE.format(body='<button type="button">Save</button>'))

    assert_accessible(page)


def test_serious_and_critical_violations_are_listed_with_their_targets(page: Page) -> None:
    page.set_content(
        PAGE.format(
            body='<img src="data:," id="logo"><button id="save"></button>'
            '<p style="color:#aaa;background:#fff" id="faint">Faint text</p>'
        )
    )

    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)

    message = str(failure.value)
    assert "3 serious or critical accessibility violation(s)" in message
    assert "- image-alt (critical): Images must have alternative text" in message
    assert "at #logo" in message
    assert "- button-name (critical)" in message
    assert "at #save" in message
    assert "- color-contrast (serious)" in message
    assert "at #faint" in message


def test_a_page_that_fits_its_viewport_does_not_scroll_sideways(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 600})
    page.set_content(PAGE.format(body="<p>A short line.</p><table><tr><td>1</td></tr></table>"))

    assert_no_sideways_scroll(page)


@pytest.mark.parametrize(
    ("body", "culprit"),
    [
        ('<div id="wide" style="width:500px">Wide</div>', "div#wide ends at 508 px"),
        (
            '<p id="long" style="white-space:nowrap">' + "no wrap " * 20 + "</p>",
            "the content of p#long ends at",
        ),
    ],
    ids=["a wide element", "text that does not wrap"],
)
def test_a_page_wider_than_its_viewport_fails_naming_what_sticks_out(
    page: Page, body: str, culprit: str
) -> None:
    page.set_viewport_size({"width": 375, "height": 600})
    page.set_content(PAGE.format(body=body))

    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_sideways_scroll(page)

    message = str(failure.value)
    assert "px wide in a 375 px viewport" in message
    assert culprit in message


def test_a_table_scrolling_sideways_in_a_box_fails(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 600})
    page.set_content(
        PAGE.format(
            body='<div id="box" style="overflow-x:auto"><table><tr><td style="min-width:600px">'
            "Flags</td></tr></table></div>"
        )
    )

    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_sideways_scroll(page)

    assert "tables scroll sideways in a box:" in str(failure.value)
    assert "div#box:" in str(failure.value)


def test_the_policy_watch_catches_an_inline_style_and_a_script_error(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        problems = watch_for_policy_violations(page)
        page.goto(f"{live_server.url}/sign-in")
        assert problems == []  # the real page breaks nothing

        page.evaluate(
            """() => {
              document.body.insertAdjacentHTML("beforeend", '<p style="color: red">Red</p>');
              setTimeout(() => { throw new Error("broken on purpose"); });
            }"""
        )
        page.wait_for_timeout(300)
    finally:
        context.close()

    assert any("CSP violation: style-src-attr" in problem for problem in problems), problems
    assert any("broken on purpose" in problem for problem in problems), problems
