"""Issue 21, finding 6: a new session key at each sign-in step; no password change on a
password alone where two-factor sign-in applies."""

from http import HTTPStatus

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests.schools.test_two_factor import current_code, set_up_authenticator, sign_in


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


def session_key(client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def test_the_session_key_changes_at_the_password_and_at_the_second_factor(leader, school):
    client = Client()
    sign_in(client, leader)
    device, _ = set_up_authenticator(client)
    client.post(reverse("logout"))
    type(device).objects.filter(pk=device.pk).update(last_t=-1)  # the same code may be used again

    client.get(reverse("login"))
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "x"  # any key from before
    sign_in(client, leader)
    after_password = session_key(client)
    assert after_password != "x"
    response = client.post(reverse("two_factor_verify"), {"code": current_code(device)})
    assert response.status_code == HTTPStatus.FOUND
    after_second_factor = session_key(client)
    assert after_second_factor != after_password

    incidents = f"/schools/{school.slug}/incidents/"
    assert client.get(incidents).status_code == HTTPStatus.OK
    # Whoever kept the key from after the password step gets nothing the second factor guards.
    stolen = Client()
    stolen.cookies[django_settings.SESSION_COOKIE_NAME] = after_password
    response = stolen.get(incidents)
    assert response.status_code == HTTPStatus.FOUND
    assert not response["Location"].startswith(incidents)


def test_setting_up_the_second_factor_also_changes_the_session_key(leader):
    client = Client()
    sign_in(client, leader)
    after_password = session_key(client)
    set_up_authenticator(client)
    assert session_key(client) != after_password


def test_the_password_cannot_be_changed_before_the_second_factor(leader):
    client = Client()
    sign_in(client, leader)
    set_up_authenticator(client)
    client.post(reverse("logout"))
    sign_in(client, leader)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct-horse-battery-staple",
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("two_factor_verify"))
    leader.user.refresh_from_db()
    assert leader.user.check_password("correct-horse-battery-staple")
