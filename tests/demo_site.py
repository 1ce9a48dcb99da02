"""The demo portal, and every page type in it as each visitor finds it by following links.

The page types come from the URLconf (tests/url_walk.py), so a page added later is covered
without anyone listing it. Pages whose address names an object (an incident, an action) are
found the way a user finds them: by following links from the pages that need no object, so the
objects are real demo records the visitor may open.
"""

import functools
import io
import re
from collections import deque
from typing import NamedTuple
from urllib.parse import urljoin, urlparse

from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from equality_portal.core.equality import Aim
from equality_portal.schools.demo import WELSH_DEMO, DemoCalendar
from equality_portal.schools.models import School, User
from equality_portal.schools.roles import Role
from objectives.models import Objective
from tests.factories import OutcomeMeasureFactory
from tests.url_walk import Route, site_routes

DEMO_SCHOOLS = ("carrington", "coopers")  # between them, every kind of record
ANONYMOUS = "anonymous"
# Who signs in as each role, and at which school: a member of each demo school, and the trust
# lead (leadership at both), who is the one to see the school picker.
DEMO_USERS = {
    # The public also reads the Welsh demo school, the one that publishes in Welsh and English.
    ANONYMOUS: [(None, "carrington"), (None, "coopers"), (None, WELSH_DEMO)],
    Role.STAFF: [("carrington-staff", "carrington"), ("coopers-staff", "coopers")],
    Role.GOVERNOR: [("carrington-governor", "carrington"), ("coopers-governor", "coopers")],
    Role.EQUALITY_LEAD: [
        ("carrington-equality-lead", "carrington"),
        ("coopers-equality-lead", "coopers"),
    ],
    Role.LEADERSHIP: [
        ("carrington-leader", "carrington"),
        ("coopers-leader", "coopers"),
        ("trust-lead", None),
    ],
}


class Page(NamedTuple):
    username: str | None  # who opens it (None: signed out)
    url: str


# Addresses that answer with something other than a page, and why.
NOT_PAGES = {
    "home": "a redirect to the school picker",
    "healthz": "plain text for load balancers",
    "logout": "POST only: the sign-out button",
    "publishing:submit": "POST only: the submit button on the draft page",
    "publishing:decide": "POST only: a governor's decision on a version's page",
    "publishing:publish": "POST only: the publish button on an approved version's page",
    "publishing:draft_attachment_remove": "POST only: the remove button on the appendices page",
    "public:appendix": "a download (PDF, DOCX or ODT) linked from the published statement",
    "public:logo": "a download: the school's logo image, shown on the public page",
    "public:earlier_document": "a download of an earlier publication, linked from the archive",
    "publishing:carry_forward": "POST only: the 'start from the last one' button on the draft",
    "publishing:carry_forward_reviewed": "POST only: the 'reviewed' button on the draft",
    "trusts:workforce_delete": "POST only: the remove button beside a trust's workforce figure",
}
# Links, and the forms whose address shows a page of its own when the form has errors.
HREF = re.compile(r'(?:href|action)="([^"]*)"')


def demo_load(settings) -> None:
    """Load the demo (it refuses to run unless DEBUG is on, as on a real portal), plus the two
    records it lacks for Carrington: an outcome measure and an action under an objective."""
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    settings.DEBUG = False
    leader = User.objects.get(username="carrington-leader")
    OutcomeMeasureFactory(school=School.objects.get(slug="carrington"), created_by=leader)
    objective = Objective.objects.filter(objective_set__school__slug="carrington").first()
    objective.actions.create(what="Mentoring for Year 10", who="Head of Year 10", when="Termly")


def page_routes() -> list[Route]:
    """Every page type: each route of the site but downloads and the addresses above."""
    return [
        route for route in site_routes() if not route.is_download and route.name not in NOT_PAGES
    ]


def _seeds(username: str | None, school_slug: str | None) -> list[str]:
    """The addresses to start from: every page whose address names no record (with the
    demo's published year), and (signed out) a real password-reset link."""
    year = DemoCalendar.now().statement_year
    values = {"year": year.label, "aim": Aim.ADVANCE.value, "kind": "population"}
    if school_slug:
        values["school_slug"] = school_slug
    seeds = [
        route.fill(lambda kwarg, converter: values[kwarg])
        for route in page_routes()
        if set(route.converters) <= set(values)
    ]
    if username is None:
        user = User.objects.get(username=f"{school_slug}-staff")
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        seeds.append(f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/")
    return seeds


@functools.cache
def _view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _crawl(username: str | None, school_slug: str | None, found: dict[str, Page]) -> None:
    """Follow links from the seeds as ``username``, opening one page of each type, and add to
    ``found`` each type not found before that opens (200, HTML)."""
    client = Client(raise_request_exception=False)
    if username:
        client.force_login(User.objects.get(username=username))
    page_names = {route.name for route in page_routes()}
    opened, queued = set(), set()
    queue = deque(_seeds(username, school_slug))
    while queue:
        url = queue.popleft()
        name = _view_name(urlparse(url).path)
        if name in opened:
            continue
        response = client.get(url)
        if response.status_code == 302 and name == "password_reset_confirm":
            # Django swaps the token in the link for a session value, then shows the form.
            response = client.get(response["Location"])
        assert response.status_code < 500, f"{url} answered {response.status_code} to {username}"
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        opened.add(name)
        found.setdefault(name, Page(username, url))
        for href in HREF.findall(response.content.decode()):
            link = urlparse(urljoin(url, href.replace("&amp;", "&")))
            target = _view_name(link.path)
            fresh = target in page_names - opened and link.path not in queued
            if fresh and link.netloc in ("", "testserver"):
                queued.add(link.path)
                queue.append(link.path)


def pages_for(visitor) -> dict[str, Page]:
    """Each page type the visitor (a role, or ANONYMOUS) can open, found by following links
    as each demo user of that role: URL name -> who opens it, and where."""
    found: dict[str, Page] = {}
    for username, school_slug in DEMO_USERS[visitor]:
        _crawl(username, school_slug, found)
    return found
