"""Issue 21, finding 1: lockouts and rate limits on the client's real address, behind proxies."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from equality_portal.schools import throttling
from equality_portal.schools.roles import Role
from tests.factories import TEST_PASSWORD

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def attempt(client, username, password, *, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_client_address_is_the_entry_the_trusted_proxies_added(rf, settings):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert throttling.client_address(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.1")
    assert throttling.client_address(request) == "203.0.113.9"
    # Fewer entries than proxies, or junk: the connecting address, never the client's choice.
    assert throttling.client_address(rf.get("/", REMOTE_ADDR=PROXY)) == PROXY
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="x, not-an-address, 10.0.0.1")
    assert throttling.client_address(request) == PROXY
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert throttling.client_address(request) == PROXY


def test_lockout_behind_a_proxy_holds_against_forged_entries_and_spares_other_addresses(
    client, make_member, settings
):
    member = make_member(Role.STAFF)
    username = member.user.username
    for n in range(settings.AXES_FAILURE_LIMIT + 3):
        attempt(client, username, "wrong", forwarded_for=f"198.51.100.{n}, 203.0.113.7")
    response = attempt(client, username, TEST_PASSWORD, forwarded_for="1.1.1.1, 203.0.113.7")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not signed_in(client)
    # The owner, signing in from their own network, is not locked out by the attacker.
    attempt(client, username, TEST_PASSWORD, forwarded_for="192.0.2.44")
    assert signed_in(client)


def test_sign_in_is_rate_limited_per_address_across_accounts(client, make_member):
    victims = [make_member(Role.STAFF) for _ in range(4)]
    for n in range(throttling.SIGN_IN_PER_ADDRESS.limit):
        victim = victims[n % len(victims)]
        attempt(client, victim.user.username, f"guess-{n}", forwarded_for="203.0.113.8")
    other = make_member(Role.GOVERNOR)
    response = attempt(client, other.user.username, TEST_PASSWORD, forwarded_for="203.0.113.8")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert throttling.TOO_MANY_SIGN_INS in response.content.decode().replace("&#x27;", "'")
    assert not signed_in(client)


def test_sign_in_is_rate_limited_per_account_across_addresses(client, make_member):
    member = make_member(Role.STAFF)
    for n in range(throttling.SIGN_IN_PER_ACCOUNT.limit):
        attempt(client, member.user.username, "wrong", forwarded_for=f"198.51.{n}.1")
    response = attempt(client, member.user.username, TEST_PASSWORD, forwarded_for="192.0.2.1")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not signed_in(client)
