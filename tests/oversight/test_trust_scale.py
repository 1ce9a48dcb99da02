"""The trust view's queries do not grow with the number of schools (issue 17)."""

from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equality_portal import dates
from equality_portal.oversight.models import ComplianceSnapshot
from equality_portal.oversight.snapshots import checks_for_schools
from equality_portal.schools.models import Membership, School, Trust
from equality_portal.schools.roles import Role
from tests.factories import IncidentFactory, SchoolFactory, UserFactory


def _trust_of(size: int, user, *, name: str) -> list[School]:
    trust = Trust.objects.create(name=name)
    schools = School.objects.bulk_create(
        SchoolFactory.build(
            trust=trust, name=f"{name} academy {n}", slug=f"{name.lower()}-{n}", number_of_staff=40
        )
        for n in range(size)
    )
    Membership.objects.bulk_create(
        Membership(user=user, school=school, role=Role.GOVERNOR) for school in schools
    )
    return schools


def _queries(client, schools) -> int:
    # The checks come from the day's snapshots: compute them once, as the night's run or each
    # school's dashboard does, then count the page's queries.
    checks_for_schools(schools=schools, today=dates.today())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("trust"))
    assert response.status_code == HTTPStatus.OK
    return len(queries)


def test_trust_view_queries_are_the_same_for_2_and_500_academies(client, db):
    small, large = UserFactory(), UserFactory()
    few = _trust_of(2, small, name="Small")
    many = _trust_of(500, large, name="Large")
    IncidentFactory(school=many[7])
    client.force_login(small)
    two = _queries(client, few)
    client.force_login(large)
    five_hundred = _queries(client, many)
    assert two == five_hundred


def test_a_change_to_a_schools_records_makes_its_checks_fresh(db, school):
    today = dates.today()
    checks_for_schools(schools=[school], today=today)
    assert ComplianceSnapshot.objects.filter(school=school).exists()
    IncidentFactory(school=school)
    assert not ComplianceSnapshot.objects.filter(school=school).exists()
