"""The accessibility and width checks themselves: they must catch what they are there to catch."""

import pytest
from playwright.sync_api import Page

from tests.browser.support import assert_accessible, assert_no_sideways_scroll

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


def test_a_page_that_fits_its_viewport_passes_and_a_wide_one_is_named(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 600})
    page.set_content(PAGE.format(body="<p>Short text that wraps as it should.</p>"))

    assert_no_sideways_scroll(page)

    page.set_content(PAGE.format(body='<pre id="wide">' + "a long line " * 60 + "</pre>"))
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_sideways_scroll(page)

    message = str(failure.value)
    assert "scrolls sideways at 375 px" in message
    assert "pre#wide" in message
