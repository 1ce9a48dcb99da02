"""Issue 21, finding 2: a school's audit trail shows only what happened as its member; a
person's name and email are theirs to keep."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from equality_portal.schools import services
from equality_portal.schools.models import User
from equality_portal.schools.roles import Role
from tests.factories import TEST_PASSWORD


def sign_in(username: str) -> None:
    Client().post(reverse("login"), {"username": username, "password": TEST_PASSWORD})


def test_adding_another_schools_member_does_not_show_their_sign_ins_there(
    leadership_client, leader, outsider, school
):
    sign_in(outsider.user.username)  # at their own school, before they join this one
    services.membership_add(
        school=school, email=outsider.user.email, role=Role.STAFF, by=leader.user
    )
    audit = reverse("schools:audit", kwargs={"school_slug": school.slug})
    shown = [log.username for log in leadership_client.get(audit).context["sign_ins"]]
    assert outsider.user.username not in shown
    sign_in(outsider.user.username)  # now a member here too
    shown = [log.username for log in leadership_client.get(audit).context["sign_ins"]]
    assert shown.count(outsider.user.username) == 1


def test_adding_an_existing_user_keeps_their_own_name(leader, outsider, school):
    services.membership_add(
        school=school,
        email=outsider.user.email.upper(),
        role=Role.STAFF,
        first_name="Someone",
        last_name="Else",
        by=leader.user,
    )
    outsider.user.refresh_from_db()
    assert (outsider.user.first_name, outsider.user.last_name) != ("Someone", "Else")


@pytest.fixture
def details_url():
    return reverse("account_details")


def test_a_user_changes_their_own_name(staff_client, staff_member, details_url):
    assert staff_client.get(details_url).status_code == HTTPStatus.OK
    response = staff_client.post(
        details_url,
        {"first_name": "Sam", "last_name": "Okafor", "email": staff_member.user.email},
    )
    assert response.status_code == HTTPStatus.FOUND
    staff_member.user.refresh_from_db()
    assert staff_member.user.get_full_name() == "Sam Okafor"


def test_changing_the_email_needs_the_password_and_tells_the_old_address(
    staff_client, staff_member, details_url, django_capture_on_commit_callbacks
):
    old = staff_member.user.email
    values = {"first_name": "Sam", "last_name": "Okafor", "email": "sam@example.net"}
    response = staff_client.post(details_url, {**values, "password": "wrong"})
    assert response.status_code == HTTPStatus.OK
    assert "password" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(details_url, {**values, "password": TEST_PASSWORD})
    staff_member.user.refresh_from_db()
    assert staff_member.user.email == "sam@example.net"
    [notice] = mail.outbox
    assert notice.to == [old]
    assert "sam@example.net" in notice.body


def test_an_email_in_use_by_another_account_is_refused(
    staff_client, staff_member, leader, details_url
):
    response = staff_client.post(
        details_url,
        {
            "first_name": "Sam",
            "last_name": "Okafor",
            "email": leader.user.email.upper(),
            "password": TEST_PASSWORD,
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "email" in response.context["form"].errors
    assert User.objects.get(pk=staff_member.user.pk).email != leader.user.email
