"""The trust's members page: trust leadership list, add (an existing user by email, or a new
one invited), change the role of and remove trust members, each change in the audit trail;
nobody else gets in."""

from http import HTTPStatus

import pytest
from django.core import mail

from equality_portal.schools.models import AuditEvent, Trust, TrustMembership
from equality_portal.schools.roles import Role, TrustRole
from tests.factories import MembershipFactory, SchoolFactory, UserFactory

URL = "/trusts/st-example/members/"


@pytest.fixture
def world(db):
    trust = Trust.objects.create(name="St Example Trust", slug="st-example")
    academy = SchoolFactory(trust=trust)
    lead = UserFactory(email="lead@example.org")
    TrustMembership.objects.create(user=lead, trust=trust, role=TrustRole.TRUST_LEADERSHIP)
    trustee = UserFactory(email="trustee@example.org")
    trustee_membership = TrustMembership.objects.create(
        user=trustee, trust=trust, role=TrustRole.TRUSTEE
    )
    other = Trust.objects.create(name="Other Trust", slug="other")
    other_lead = UserFactory()
    TrustMembership.objects.create(user=other_lead, trust=other, role=TrustRole.TRUST_LEADERSHIP)
    return {
        "trust": trust,
        "academy": academy,
        "lead": lead,
        "trustee": trustee,
        "trustee_membership": trustee_membership,
        "other_lead": other_lead,
    }


def test_trust_leadership_add_an_existing_user_and_invite_a_new_one(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world["lead"])
    page = client.get(URL).content.decode()
    assert "trustee@example.org" in page
    existing = UserFactory(email="Known@Example.org")
    response = client.post(URL + "add/", {"email": "known@example.org", "role": TrustRole.TRUSTEE})
    assert response.status_code == HTTPStatus.FOUND
    assert TrustMembership.objects.get(user=existing).role == TrustRole.TRUSTEE
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL + "add/",
            {"email": "new@example.org", "first_name": "Nia", "role": TrustRole.TRUST_LEADERSHIP},
        )
    assert response.status_code == HTTPStatus.FOUND
    added = TrustMembership.objects.get(user__email="new@example.org")
    assert not added.user.has_usable_password()  # invited: sets a password from the email
    [message] = mail.outbox
    assert message.subject == "You have been added to St Example Trust on Equality Portal"
    assert "/reset/" in message.body or "password" in message.body
    events = AuditEvent.objects.filter(trust=world["trust"])
    assert events.count() == 2
    assert "new@example.org added as Trust leadership" in client.get(URL).content.decode()


def test_adding_someone_twice_or_a_bad_email_is_an_error_beside_the_field(world, client):
    client.force_login(world["lead"])
    response = client.post(
        URL + "add/", {"email": "trustee@example.org", "role": TrustRole.TRUSTEE}
    )
    assert response.status_code == HTTPStatus.OK
    assert "already a member" in response.context["form"].errors["email"][0]
    response = client.post(URL + "add/", {"email": "not an email", "role": "governor"})
    assert response.status_code == HTTPStatus.OK
    errors = response.context["form"].errors
    assert "email" in errors
    assert "role" in errors  # a school's role is not a trust's


def test_roles_change_and_members_go_but_the_trust_keeps_a_leader(world, client):
    client.force_login(world["lead"])
    membership = world["trustee_membership"]
    response = client.post(f"{URL}{membership.pk}/role/", {"role": TrustRole.TRUST_LEADERSHIP})
    assert response.status_code == HTTPStatus.FOUND
    membership.refresh_from_db()
    assert membership.role == TrustRole.TRUST_LEADERSHIP
    response = client.post(f"{URL}{membership.pk}/remove/")
    assert response.status_code == HTTPStatus.FOUND
    assert not TrustMembership.objects.filter(pk=membership.pk).exists()
    # The last of the trust's leadership can neither step down nor be removed.
    own = TrustMembership.objects.get(user=world["lead"])
    response = client.post(f"{URL}{own.pk}/role/", {"role": TrustRole.TRUSTEE})
    assert response.status_code == HTTPStatus.OK
    assert "at least one member with the trust leadership role" in response.content.decode()
    response = client.post(f"{URL}{own.pk}/remove/")
    assert response.status_code == HTTPStatus.OK
    assert TrustMembership.objects.filter(pk=own.pk).exists()
    details = list(AuditEvent.objects.filter(trust=world["trust"]).values_list("detail", flat=True))
    assert any("Trustee to Trust leadership" in detail for detail in details)
    assert any("removed" in detail for detail in details)


def test_the_members_pages_are_for_this_trust_s_leadership_only(world, client):
    membership = world["trustee_membership"]
    urls = [URL, URL + "add/", f"{URL}{membership.pk}/role/", f"{URL}{membership.pk}/remove/"]
    school_leader = MembershipFactory(school=world["academy"], role=Role.LEADERSHIP).user
    for user, status in (
        (school_leader, HTTPStatus.NOT_FOUND),
        (world["other_lead"], HTTPStatus.NOT_FOUND),
        (world["trustee"], HTTPStatus.FORBIDDEN),
    ):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == status, (user, url)
        assert client.post(f"{URL}{membership.pk}/remove/").status_code == status
    assert TrustMembership.objects.filter(pk=membership.pk).exists()
    # Another trust's member is not found through this trust's address.
    client.force_login(world["lead"])
    other = TrustMembership.objects.get(user=world["other_lead"])
    assert client.post(f"{URL}{other.pk}/remove/").status_code == HTTPStatus.NOT_FOUND
    assert TrustMembership.objects.filter(pk=other.pk).exists()
