"""Every page type opens, with the demo's real records, for some demo user who reaches it by
following links; tests/browser/test_accessibility.py checks each with axe as each of them."""

import pytest

from tests.demo_site import DEMO_USERS, NOT_PAGES, demo_load, page_routes, pages_for

pytestmark = pytest.mark.usefixtures("transactional_db")


def test_following_links_reaches_every_page_type(settings):
    demo_load(settings)
    reached = set()
    for visitor in DEMO_USERS:
        # pages_for fails on any page that answers with a server error.
        reached |= set(pages_for(visitor))
    missing = sorted({route.name for route in page_routes()} - reached)
    assert not missing, (
        f"No demo user reaches {missing} by following links: link to them, give the demo a "
        f"record they show, or add them to NOT_PAGES ({sorted(NOT_PAGES)}) in tests/demo_site.py."
    )
