"""Issue 21, finding 7: reset links from SITE_URL, and reset emails throttled."""

from django.core import mail
from django.urls import reverse

from equality_portal.schools import throttling
from equality_portal.schools.roles import Role


def ask_for_reset(client, email, *, address="203.0.113.20", host="testserver"):
    return client.post(
        reverse("password_reset"), {"email": email}, REMOTE_ADDR=address, HTTP_HOST=host
    )


def test_reset_links_come_from_site_url_not_the_host_header(client, make_member, settings):
    settings.SITE_URL = "https://equality.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example.com"]
    member = make_member(Role.STAFF)
    ask_for_reset(client, member.user.email, host="evil.example.com")
    [email] = mail.outbox
    assert "https://equality.example.org/accounts/reset/" in email.body
    assert "evil.example.com" not in email.body


def test_reset_emails_are_limited_per_account(client, make_member):
    member = make_member(Role.STAFF)
    for n in range(15):
        response = ask_for_reset(client, member.user.email, address=f"198.51.100.{n}")
        assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == throttling.RESET_PER_ACCOUNT.limit


def test_reset_emails_are_limited_per_address(client, make_member):
    members = [make_member(Role.STAFF) for _ in range(throttling.RESET_PER_ADDRESS.limit + 5)]
    for member in members:
        ask_for_reset(client, member.user.email)
    assert len(mail.outbox) == throttling.RESET_PER_ADDRESS.limit
