import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from equality_portal.schools.models import Membership, School, User
from equality_portal.schools.roles import Role
from tests.conftest import load_demo


def sign_in(username):
    # django-axes needs the request to decide about lockouts.
    return authenticate(RequestFactory().post("/"), username=username, password="demo-password")


def test_loaddemo_creates_both_seed_schools_and_a_user_for_each_role(demo):
    # The two seed schools and the Welsh demonstration primary, outside the trust.
    assert set(School.objects.values_list("slug", flat=True)) == {
        "carrington",
        "coopers",
        "derwen",
    }
    assert "demonstration school" in School.objects.get(slug="derwen").name
    for slug in ("carrington", "coopers", "derwen"):
        for suffix, role in [
            ("governor", Role.GOVERNOR),
            ("leader", Role.LEADERSHIP),
            ("equality-lead", Role.EQUALITY_LEAD),
            ("staff", Role.STAFF),
        ]:
            user = sign_in(f"{slug}-{suffix}")
            assert user is not None
            assert user.memberships.get().role == role
    trust_lead = sign_in("trust-lead")
    assert {m.school.slug for m in trust_lead.memberships.filter(role=Role.LEADERSHIP)} == {
        "carrington",
        "coopers",
    }


def test_loaddemo_twice_changes_nothing(demo, settings):
    leader = User.objects.get(username="carrington-leader")
    leader.set_password("changed-by-the-user")
    leader.save()
    before = (School.objects.count(), User.objects.count(), Membership.objects.count())
    load_demo()
    assert (School.objects.count(), User.objects.count(), Membership.objects.count()) == before
    leader.refresh_from_db()
    assert leader.check_password("changed-by-the-user")


def test_loaddemo_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("loaddemo")
    assert not School.objects.exists()
    call_command("loaddemo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert School.objects.count() == 3
