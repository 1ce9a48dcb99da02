"""Two-factor sign-in for the roles that can read individual incidents, and lockout."""

from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from equality_portal.schools.models import AuditEvent
from equality_portal.schools.roles import Role
from equality_portal.schools.two_factor import RECOVERY_CODE_COUNT, WRONG_CODE
from tests.factories import TEST_PASSWORD
from tests.schools.test_views import OFF_SITE


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, membership):
    return client.post(
        reverse("login"), {"username": membership.user.username, "password": TEST_PASSWORD}
    )


def set_up_authenticator(client):
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"code": current_code(device)})
    device.refresh_from_db()
    return device, response


def test_a_leader_without_two_factor_is_sent_to_set_it_up(client, leader, school):
    sign_in(client, leader)
    response = client.get(f"/schools/{school.slug}/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("two_factor_setup"))


@pytest.mark.parametrize("role", [Role.GOVERNOR, Role.STAFF])
def test_roles_that_cannot_read_incidents_sign_in_with_a_password(
    client, make_member, school, role
):
    member = make_member(role)
    sign_in(client, member)
    assert client.get(f"/schools/{school.slug}/").status_code == HTTPStatus.OK


def test_setting_up_gives_recovery_codes_and_opens_the_portal(client, leader, school):
    sign_in(client, leader)
    page = client.get(reverse("two_factor_setup")).content.decode()
    assert "<svg" in page  # the QR code, drawn inline
    device, response = set_up_authenticator(client)
    assert device.confirmed
    assert response.status_code == HTTPStatus.OK
    assert "Your recovery codes" in response.content.decode()
    assert StaticToken.objects.filter(device__user=leader.user).count() == RECOVERY_CODE_COUNT
    assert client.get(f"/schools/{school.slug}/").status_code == HTTPStatus.OK
    assert AuditEvent.objects.filter(action="two_factor_enabled", actor=leader.user).exists()


def test_a_wrong_code_is_shown_beside_the_field(client, leader):
    sign_in(client, leader)
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"code": "000000"})
    page = response.content.decode()
    assert "<title>Error: Set up two-factor sign-in" in page
    assert 'href="#id_code"' in page
    assert WRONG_CODE.replace("'", "&#x27;") in page
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_next_sign_in_asks_for_a_code_and_accepts_a_recovery_code_once(
    client, leader, school, django_user_model
):
    sign_in(client, leader)
    set_up_authenticator(client)
    code = StaticToken.objects.filter(device__user=leader.user).first().token
    client.post(reverse("logout"))

    sign_in(client, leader)
    response = client.get(f"/schools/{school.slug}/")
    assert response["Location"].startswith(reverse("two_factor_verify"))
    response = client.post(
        reverse("two_factor_verify") + f"?next=/schools/{school.slug}/", {"code": code}
    )
    assert response["Location"] == f"/schools/{school.slug}/"
    assert client.get(f"/schools/{school.slug}/").status_code == HTTPStatus.OK

    client.post(reverse("logout"))
    sign_in(client, leader)
    response = client.post(reverse("two_factor_verify"), {"code": code})
    assert response.status_code == HTTPStatus.OK  # used once already
    assert "That code is not right" in response.content.decode()


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_verify_never_redirects_off_site(client, leader, next_url):
    sign_in(client, leader)
    set_up_authenticator(client)
    # The authenticator's code was just used once; a recovery code stands in for the next one.
    code = StaticToken.objects.filter(device__user=leader.user).first().token
    client.post(reverse("logout"))
    sign_in(client, leader)
    response = client.post(
        reverse("two_factor_verify") + "?" + urlencode({"next": next_url}), {"code": code}
    )
    assert response["Location"] == reverse("schools:home")


def test_a_password_alone_cannot_replace_the_authenticator(client, leader):
    sign_in(client, leader)
    set_up_authenticator(client)
    client.post(reverse("logout"))
    sign_in(client, leader)
    response = client.get(reverse("two_factor_setup"))
    assert response["Location"] == reverse("two_factor_verify")


def test_public_pages_need_no_second_factor(client, leader):
    sign_in(client, leader)
    assert client.get(reverse("accessibility")).status_code == HTTPStatus.OK


def test_repeated_wrong_passwords_lock_the_account_out(client, leader, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": leader.user.username, "password": "wrong"})
    response = sign_in(client, leader)  # even the right password, now
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
