import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from equality_portal.schools import services
from equality_portal.schools.models import Membership, User
from equality_portal.schools.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def leader_user(leader):
    return leader.user


def test_adding_a_new_person_invites_them_to_set_a_password(
    school, leader_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_add(
            school=school, email=" New.Teacher@Example.org ", role=Role.STAFF, by=leader_user
        )
    user = membership.user
    assert user.username == "new.teacher@example.org"
    assert user.email == "New.Teacher@example.org"  # the domain is normalised
    assert not user.has_usable_password()
    assert membership.role == Role.STAFF
    [email] = mail.outbox
    assert email.to == ["New.Teacher@example.org"]
    assert "/accounts/reset/" in email.body
    assert "staff at Carrington Test School" in email.body


def test_adding_an_existing_user_links_their_account_case_insensitively(
    school, leader_user, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="governor@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_add(
            school=school, email="GOVERNOR@example.org", role=Role.GOVERNOR, by=leader_user
        )
    assert membership.user == existing
    assert User.objects.filter(email__iexact="governor@example.org").count() == 1
    [email] = mail.outbox
    assert "/accounts/reset/" not in email.body
    assert "/accounts/login/" in email.body


def test_adding_someone_twice_is_refused_and_keeps_their_role(school, leader_user, staff_member):
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            school=school, email=staff_member.user.email, role=Role.LEADERSHIP, by=leader_user
        )
    assert error.value.message_dict["email"] == [
        services.ALREADY_MEMBER.format(email=staff_member.user.email, school=school)
    ]
    staff_member.refresh_from_db()
    assert staff_member.role == Role.STAFF


def test_a_failed_add_creates_no_account(school, leader_user, staff_member):
    """The new user and the membership are one transaction: nothing half-made remains."""
    users_before = User.objects.count()
    with pytest.raises(ValidationError):
        services.membership_add(school=school, email="x@example.org", role="owner", by=leader_user)
    assert User.objects.count() == users_before


def test_the_last_leader_cannot_be_demoted(school, leader):
    with pytest.raises(ValidationError) as error:
        services.membership_change_role(membership=leader, role=Role.STAFF, by=leader.user)
    assert error.value.messages == [services.LAST_LEADER.format(school=school)]
    leader.refresh_from_db()
    assert leader.role == Role.LEADERSHIP


def test_a_leader_can_be_demoted_when_another_remains(school, leader, make_member):
    make_member(Role.LEADERSHIP)
    services.membership_change_role(membership=leader, role=Role.GOVERNOR, by=leader.user)
    leader.refresh_from_db()
    assert leader.role == Role.GOVERNOR


def test_the_last_leader_cannot_be_removed(school, leader):
    with pytest.raises(ValidationError):
        services.membership_remove(membership=leader, by=leader.user)
    assert Membership.objects.filter(pk=leader.pk).exists()


def test_removing_a_member_keeps_their_account_and_other_schools(
    school, other_school, leader, make_member
):
    member = make_member(Role.STAFF)
    make_member(Role.GOVERNOR, at=other_school, user=member.user)
    services.membership_remove(membership=member, by=leader.user)
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert member.user.memberships.get().school == other_school


def test_school_update_validates_and_refuses_unknown_fields(school, leader):
    services.school_update(school=school, by=leader.user, number_of_staff=151)
    school.refresh_from_db()
    assert school.must_publish_staff_information
    with pytest.raises(ValidationError):
        services.school_update(school=school, by=leader.user, urn="12")
    with pytest.raises(TypeError):
        services.school_update(school=school, by=leader.user, slug="renamed")
