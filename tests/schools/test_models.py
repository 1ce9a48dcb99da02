import pytest
from django.db import IntegrityError

from equality_portal.schools.models import Membership, Phase
from equality_portal.schools.roles import Role
from tests.factories import SchoolFactory, UserFactory


@pytest.mark.parametrize(
    ("phase", "sixth_form", "first", "last"),
    [
        (Phase.PRIMARY, False, "R", "Y6"),
        (Phase.SECONDARY, False, "Y7", "Y11"),
        (Phase.SECONDARY, True, "Y7", "Y13"),
        (Phase.ALL_THROUGH, True, "R", "Y13"),
        (Phase.NURSERY, False, "N1", "N2"),
        (Phase.SIXTEEN_PLUS, False, "Y12", "Y13"),
    ],
)
def test_year_groups_follow_the_phase(db, phase, sixth_form, first, last):
    school = SchoolFactory(phase=phase, has_sixth_form=sixth_form)
    codes = [code for code, _ in school.year_groups()]
    assert (codes[0], codes[-1]) == (first, last)


@pytest.mark.parametrize(("staff", "must_publish"), [(149, False), (150, True), (400, True)])
def test_staff_information_is_required_from_150_staff(db, staff, must_publish):
    assert SchoolFactory(number_of_staff=staff).must_publish_staff_information is must_publish


def test_the_database_allows_one_role_per_school(school):
    user = UserFactory()
    Membership.objects.create(user=user, school=school, role=Role.STAFF)
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, school=school, role=Role.GOVERNOR)


def test_the_database_refuses_an_unknown_role(school):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=UserFactory(), school=school, role="headteacher")


def test_emails_are_unique_whatever_their_case(db):
    UserFactory(email="Head@Example.org")
    with pytest.raises(IntegrityError):
        UserFactory(email="head@example.org")
