from http import HTTPStatus

from django.urls import reverse

from equality_portal.schools import services
from equality_portal.schools.models import AuditAction, AuditEvent
from equality_portal.schools.roles import Role
from tests.factories import TEST_PASSWORD


def test_role_changes_are_audited_with_who_and_what(leader, staff_member, school):
    services.membership_change_role(membership=staff_member, role=Role.GOVERNOR, by=leader.user)
    event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED)
    assert event.actor == leader.user
    assert event.school == school
    assert event.detail == f"{staff_member.user.email}: Staff to Governor"


def test_adding_and_removing_members_is_audited(leader, school):
    member = services.membership_add(
        school=school, email="new@example.org", role=Role.STAFF, by=leader.user
    )
    services.membership_remove(membership=member, by=leader.user)
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [AuditAction.MEMBER_ADDED, AuditAction.MEMBER_REMOVED]


def test_leadership_read_changes_and_sign_ins(
    client, leadership_client, leader, staff_member, school
):
    client.post(
        reverse("login"), {"username": staff_member.user.username, "password": TEST_PASSWORD}
    )
    services.membership_change_role(membership=staff_member, role=Role.GOVERNOR, by=leader.user)
    response = leadership_client.get(reverse("schools:audit", kwargs={"school_slug": school.slug}))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Staff to Governor" in page
    assert staff_member.user.username in page  # their sign-in


def test_audit_is_for_leadership_only(governor_client, equality_lead_client, school):
    url = reverse("schools:audit", kwargs={"school_slug": school.slug})
    assert governor_client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert equality_lead_client.get(url).status_code == HTTPStatus.FORBIDDEN


def test_another_schools_sign_ins_are_not_shown(client, leadership_client, outsider, school):
    client.post(reverse("login"), {"username": outsider.user.username, "password": TEST_PASSWORD})
    response = leadership_client.get(reverse("schools:audit", kwargs={"school_slug": school.slug}))
    assert outsider.user.username not in response.content.decode()
