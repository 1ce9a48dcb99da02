"""Shared fixtures: a school, a member of each role, and a client signed in as each."""

import os

import pytest
from django.test import Client

from equality_portal.schools.roles import Role
from tests.factories import MembershipFactory, SchoolFactory

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test is a failure: a test that needs PostgreSQL or Chromium must run."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, which counts as a failure: {report.longrepr}"


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
