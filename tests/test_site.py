"""Site-wide behaviour: health, error pages, security headers, passwords, production checks."""

import os
import re
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_answers_ok_when_the_database_answers(anonymous_client, db):
    response = anonymous_client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_does_not(anonymous_client, db):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("could not connect to server"),
    ):
        response = anonymous_client.get("/healthz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE


def test_a_page_answers_503_not_a_traceback_when_the_database_is_down(leadership_client, school):
    with mock.patch(
        "equality_portal.schools.selectors.Membership.objects.select_related",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = leadership_client.get(f"/schools/{school.slug}/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    page = response.content.decode()
    assert "the portal is unavailable" in page
    assert "Traceback" not in page
    assert "OperationalError" not in page


def test_other_errors_get_the_sites_500_page(leadership_client, school):
    with mock.patch(
        "equality_portal.schools.selectors.Membership.objects.select_related",
        side_effect=RuntimeError("a bug"),
    ):
        response = leadership_client.get(f"/schools/{school.slug}/")
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Sorry, something went wrong" in response.content.decode()


def test_a_stale_csrf_token_gets_a_friendly_page(leader, school):
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader.user)
    response = client.post(
        reverse("schools:member_add", kwargs={"school_slug": school.slug}),
        {"email": "x@example.org", "role": "staff", "csrfmiddlewaretoken": "stale"},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Please reload the page and try again" in response.content.decode()


def test_unknown_pages_get_the_sites_404(leadership_client):
    response = leadership_client.get("/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.content.decode()


def test_pages_carry_a_strict_content_security_policy(anonymous_client, db):
    response = anonymous_client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(leadership_client, school):
    page = leadership_client.get(f"/schools/{school.slug}/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert " style=" not in page
    assert "<style" not in page


def test_every_page_has_the_accessibility_landmarks(leadership_client, school):
    page = leadership_client.get(f"/schools/{school.slug}/").content.decode()
    assert '<a href="#main-content"' in page
    assert '<main id="main-content"' in page
    assert page.count("<h1") == 1
    assert 'href="/accessibility/"' in page
    assert '<html lang="en-GB">' in page


def test_the_accessibility_statement_is_public(anonymous_client, db):
    response = anonymous_client.get(reverse("accessibility"))
    assert response.status_code == HTTPStatus.OK
    assert "Accessibility statement" in response.content.decode()


def test_password_reset_emails_a_working_link(anonymous_client, leader, settings):
    settings.SITE_URL = "https://equality.example.org"
    anonymous_client.post(reverse("password_reset"), {"email": leader.user.email.upper()})
    [email] = mail.outbox
    link = re.search(r"https://equality\.example\.org(/accounts/reset/\S+)", email.body).group(1)
    form_page = anonymous_client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = anonymous_client.post(
        set_url,
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert response.status_code == HTTPStatus.FOUND
    leader.user.refresh_from_db()
    assert leader.user.check_password("a-brand-new-passphrase")


def test_an_invited_member_who_lost_the_email_can_ask_for_a_new_link(anonymous_client, school):
    from equality_portal.schools.models import User

    invited = User.objects.create(username="new@example.org", email="new@example.org")
    invited.set_unusable_password()
    invited.save()
    anonymous_client.post(reverse("password_reset"), {"email": "new@example.org"})
    assert len(mail.outbox) == 1


def test_password_change_needs_the_old_password(leadership_client, leader):
    response = leadership_client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "n3w-passphrase!",
            "new_password2": "n3w-passphrase!",
        },
    )
    assert "<title>Error: Change your password" in response.content.decode()
    leader.user.refresh_from_db()
    assert leader.user.check_password("correct-horse-battery-staple")


def test_sign_out_is_a_post_and_ends_the_session(leadership_client, school):
    response = leadership_client.post(reverse("logout"))
    assert response.status_code == HTTPStatus.FOUND
    assert leadership_client.get(f"/schools/{school.slug}/").status_code == HTTPStatus.FOUND


def _production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "HTTPS",
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "TWO_FACTOR_REQUIRED",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests only
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="equality_portal.settings",
        DEBUG="false",
        ALLOWED_HOSTS="equality.example.org",
        **extra,
    )
    return env


def test_production_settings_pass_check_deploy_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-1234567"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.parametrize("path", ["/", "/schools/"])
def test_the_front_door_leads_to_sign_in(anonymous_client, db, path):
    response = anonymous_client.get(path)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("login"))


def test_the_suite_runs_on_the_database_ci_asked_for(db):
    """CI runs the suite twice; this proves the second run really is on PostgreSQL."""
    from django.db import connection

    assert connection.vendor == os.environ.get("EXPECT_DB_VENDOR", connection.vendor)
