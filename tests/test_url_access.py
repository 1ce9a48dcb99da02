"""Every page needs a signed-in user unless it is on the explicit public list below.

The test walks the whole URLconf, so a page added later without a decision about who may see
it fails here rather than opening to the public.
"""

from http import HTTPStatus
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from tests.url_walk import site_routes

# URL names anyone may open without signing in, and why.
PUBLIC_URL_NAMES = {
    "healthz",  # load balancers
    "accessibility",  # linked from every page's footer
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # The published equality information (the portal's reason to exist).
    "public:latest",
    "public:year",
    "public:pdf",
    "public:json",
    "public:version",
    "public:version_pdf",
    "public:version_json",
    "public:earlier_document",  # earlier publications in the public archive
    "public:appendix",
    "public:logo",  # the school's logo on its public page
    # The same statement in Welsh, for a school that publishes in Welsh as well as English.
    "public:latest_cy",
    "public:year_cy",
    "public:pdf_cy",
    "public:json_cy",
    "public:version_cy",
    "public:version_pdf_cy",
    "public:version_json_cy",
    # A trust's published statement.
    "public:trust_latest",
    "public:trust_year",
    "public:trust_pdf",
    "public:trust_json",
    "public:trust_version",
    "public:trust_version_pdf",
    "public:trust_version_json",
}

ALL_PATTERNS = site_routes()


def test_the_walk_finds_the_pages():
    names = {name for name, _, _ in ALL_PATTERNS}
    assert {"schools:dashboard", "schools:member_list", "login", "healthz"} <= names


def test_every_public_name_exists():
    names = {name for name, _, _ in ALL_PATTERNS}
    assert names >= PUBLIC_URL_NAMES


@pytest.mark.parametrize("route", ALL_PATTERNS, ids=lambda route: route.name)
def test_anonymous_request_is_sent_to_sign_in_unless_public(anonymous_client, school, route):
    name, url = route.name, route.fill()
    response = anonymous_client.get(url)
    sign_in = resolve_url(settings.LOGIN_URL)
    sent_to_sign_in = (
        response.status_code == HTTPStatus.FOUND and urlparse(response["Location"]).path == sign_in
    )
    if name in PUBLIC_URL_NAMES:
        assert not sent_to_sign_in, f"{url} is public but asked for sign-in"
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    else:
        assert sent_to_sign_in, f"{url} ({name}) answered {response.status_code} to anonymous"
        assert f"next={url}" in response["Location"].replace("%2F", "/")


def test_admin_needs_staff_sign_in(anonymous_client, client, leader):
    response = anonymous_client.get("/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/admin/login/")
    # A school leader is not a platform admin.
    client.force_login(leader.user)
    assert client.get("/admin/").status_code == HTTPStatus.FOUND
