"""Shared fixtures: a school, a member of each role, and a client signed in as each."""

import datetime
import io
import os

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from equality_portal.schools.demo import DemoCalendar
from equality_portal.schools.roles import Role
from tests.factories import MembershipFactory, SchoolFactory

IN_CI = os.environ.get("CI", "").lower() == "true"
# TEST_TODAY=2028-01-31 runs the whole suite as if that were today (the clock ticks on from
# there): CI runs it once more over a year ahead to prove no test depends on the real date.
TEST_TODAY = os.environ.get("TEST_TODAY", "")


def pytest_configure(config):
    if TEST_TODAY:
        start = datetime.datetime.combine(
            datetime.date.fromisoformat(TEST_TODAY), datetime.time(9, 0), datetime.UTC
        )
        config._test_today = time_machine.travel(start, tick=True)
        config._test_today.start()


def pytest_unconfigure(config):
    if getattr(config, "_test_today", None):
        config._test_today.stop()


def pytest_report_header(config):
    return f"today is {datetime.date.today()}" + (" (TEST_TODAY)" if TEST_TODAY else "")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test is a failure: a test that needs PostgreSQL or Chromium must run."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, which counts as a failure: {report.longrepr}"


def pytest_make_parametrize_id(config, val, argname):
    """Sets in test ids are sorted, so every pytest-xdist worker collects the same ids (a set's
    order follows string hashing, which differs between processes)."""
    if isinstance(val, set | frozenset):
        return "{" + ", ".join(sorted(str(item) for item in val)) + "}"
    return None


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL's row locks and concurrency. On SQLite they
    are deselected (not skipped): CI runs the whole suite again on PostgreSQL, where they run."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]


@pytest.fixture
def school(db):
    return SchoolFactory(name="Carrington Test School", slug="carrington-test")


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="Another School", slug="another-school")


@pytest.fixture
def make_member(school):
    """Make a member of ``school`` (or another school) with a role."""

    def make(role: Role, *, at=None, **user_fields):
        return MembershipFactory(school=at or school, role=role, **user_fields)

    return make


def _client_for(membership) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(membership.user)
    return client


@pytest.fixture
def governor(make_member):
    return make_member(Role.GOVERNOR)


@pytest.fixture
def leader(make_member):
    return make_member(Role.LEADERSHIP)


@pytest.fixture
def equality_lead(make_member):
    return make_member(Role.EQUALITY_LEAD)


@pytest.fixture
def staff_member(make_member):
    return make_member(Role.STAFF)


@pytest.fixture
def outsider(make_member, other_school):
    """A leader at another school: must never see anything of ``school``."""
    return make_member(Role.LEADERSHIP, at=other_school)


@pytest.fixture
def governor_client(governor):
    return _client_for(governor)


@pytest.fixture
def leadership_client(leader):
    return _client_for(leader)


@pytest.fixture
def equality_lead_client(equality_lead):
    return _client_for(equality_lead)


@pytest.fixture
def staff_client(staff_member):
    return _client_for(staff_member)


@pytest.fixture
def outsider_client(outsider):
    return _client_for(outsider)


@pytest.fixture
def anonymous_client():
    return Client(raise_request_exception=False)


def load_demo() -> None:
    call_command("loaddemo", stdout=io.StringIO())


@pytest.fixture
def demo(db, settings):
    """The demo portal as ``loaddemo`` builds it today; returns its calendar."""
    settings.DEBUG = True
    load_demo()
    return DemoCalendar.now()
