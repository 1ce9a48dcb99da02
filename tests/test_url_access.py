"""Every page needs a signed-in user unless it is on the explicit public list below.

The test walks the whole URLconf, so a page added later without a decision about who may see
it fails here rather than opening to the public.
"""

from http import HTTPStatus
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter

from equality_portal.academic_year import AcademicYearConverter

# URL names anyone may open without signing in, and why.
PUBLIC_URL_NAMES = {
    "healthz",  # load balancers
    "accessibility",  # linked from every page's footer
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}

SAMPLE_VALUES = {
    IntConverter: "1",
    SlugConverter: "carrington-test",
    StringConverter: "sample",
    PathConverter: "sample/path",
    AcademicYearConverter: "2024-25",
}


def _walk(patterns, prefix="", namespace=None, converters=None):
    converters = converters or {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            # The Django admin enforces its own staff sign-in; see test_admin_needs_staff_sign_in.
            if pattern.namespace == "admin":
                continue
            yield from _walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                inner,
                # An include's own converters (such as <slug:school_slug>) apply to its pages.
                {**converters, **pattern.pattern.converters},
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), {**converters, **pattern.pattern.converters}


def _sample_url(route: str, converters) -> str:
    url = route
    for kwarg, converter in converters.items():
        sample = SAMPLE_VALUES.get(type(converter))
        assert sample is not None, f"Add a sample value for {type(converter).__name__}"
        url = url.replace(f"<{kwarg}>", sample)
        for prefix in ("int", "slug", "str", "path", "academic_year"):
            url = url.replace(f"<{prefix}:{kwarg}>", sample)
    assert "<" not in url, f"Could not fill in {route}"
    return "/" + url


ALL_PATTERNS = sorted(_walk(get_resolver().url_patterns))


def test_the_walk_finds_the_pages():
    names = {name for name, _, _ in ALL_PATTERNS}
    assert {"schools:dashboard", "schools:member_list", "login", "healthz"} <= names


def test_every_public_name_exists():
    names = {name for name, _, _ in ALL_PATTERNS}
    assert names >= PUBLIC_URL_NAMES


@pytest.mark.parametrize(("name", "route", "converters"), ALL_PATTERNS, ids=lambda v: str(v))
def test_anonymous_request_is_sent_to_sign_in_unless_public(
    anonymous_client, school, name, route, converters
):
    url = _sample_url(route, converters)
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
