"""Pages people read on a phone: a statement's chart labels stay legible."""

import pytest

from tests.browser.conftest import PHONE
from tests.demo_site import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

SMALLEST_TEXT = """() => Math.min(...Array.from(
    document.querySelectorAll('.statement-chart svg text'),
    text => text.getBoundingClientRect().height))"""


@pytest.mark.parametrize("slug", ["carrington", "coopers"])
def test_chart_labels_are_legible_on_a_phone(visitor, settings, slug):
    demo_load(settings)
    visitor.page.set_viewport_size(PHONE)
    response = visitor.goto(f"/equality/{slug}/")
    assert response.status == 200
    assert visitor.page.locator(".statement-chart svg text").count() > 0
    # A 12-unit label drawn at its own size is about 14 px tall; shrunk to the screen, about 7.
    assert visitor.page.evaluate(SMALLEST_TEXT) >= 12
    # The chart scrolls in its frame, which takes keyboard focus; the page itself does not.
    assert visitor.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    visitor.assert_accessible()
