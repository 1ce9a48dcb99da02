"""Emails about the statement: sent after the change commits, plain text and HTML, to the right
people with the right links; a failed send is logged and undoes nothing."""

import logging
import smtplib
from unittest import mock

import pytest
from django.core import mail

from equality_portal.publishing import services
from equality_portal.publishing.models import StatementVersion
from equality_portal.schools.models import Membership
from equality_portal.schools.roles import Role


@pytest.fixture
def submit(draft, leader, django_capture_on_commit_callbacks):
    def _submit():
        with django_capture_on_commit_callbacks(execute=True):
            return services.statement_submit(draft=draft, by=leader.user)

    return _submit


def _recipients() -> list[str]:
    return sorted(address for email in mail.outbox for address in email.to)


def _members(school, *roles) -> list[str]:
    """The evidence factories add leaders of their own: everyone with ``roles`` at the school."""
    members = Membership.objects.filter(school=school, role__in=roles)
    return sorted(members.values_list("user__email", flat=True))


def _html(email) -> str:
    [(content, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    return content


def test_submitting_emails_each_governor_a_link_to_the_version(
    submit, governor, make_member, settings, school, year
):
    settings.SITE_URL = "https://equality.example.org"
    other_governor = make_member(Role.GOVERNOR)
    make_member(Role.STAFF)
    version = submit()
    assert _recipients() == sorted([governor.user.email, other_governor.user.email])
    email = mail.outbox[0]
    address = (
        f"https://equality.example.org/schools/{school.slug}/statement/{year.label}/versions/1/"
    )
    assert "ready for approval" in email.subject
    assert address in email.body
    assert f'href="{address}"' in _html(email)
    assert f"{version.submitted_by} submitted version 1" in email.body


def test_nothing_is_sent_until_the_change_commits(draft, leader):
    services.statement_submit(draft=draft, by=leader.user)  # the test's transaction is open
    assert mail.outbox == []


def test_a_decision_emails_the_submitter_and_leadership(
    submit, governor, leader, school, make_member, django_capture_on_commit_callbacks
):
    make_member(Role.LEADERSHIP)
    make_member(Role.EQUALITY_LEAD)
    version = submit()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_request_changes(
            version=version, by=governor.user, comment="Say what the survey found."
        )
    assert _recipients() == _members(school, Role.LEADERSHIP)
    assert leader.user.email in _recipients()
    assert "changes requested" in mail.outbox[0].subject
    assert "Say what the survey found." in mail.outbox[0].body
    assert "Say what the survey found." in _html(mail.outbox[0])


def test_an_approval_email_names_the_body_and_the_minute(
    submit, governor, leader, school, django_capture_on_commit_callbacks
):
    school.approving_body = "trust_board"
    school.save()
    version = submit()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_approve(version=version, by=governor.user, minute_reference="TB 9")
    assert _recipients() == _members(school, Role.LEADERSHIP)
    email = mail.outbox[0]
    assert "is approved" in email.subject
    assert "on behalf of the trust board" in email.body
    assert "Minute reference: TB 9" in email.body
    assert "/versions/1/" in email.body


def test_publishing_emails_governors_and_leadership_the_permanent_address(
    submit, governor, leader, equality_lead, settings, school, year,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.SITE_URL = "https://equality.example.org"
    version = submit()
    services.statement_approve(version=version, by=governor.user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_publish(version=version, by=leader.user)
    assert _recipients() == _members(school, Role.GOVERNOR, Role.LEADERSHIP)
    assert equality_lead.user.email not in _recipients()
    email = mail.outbox[0]
    assert "is published" in email.subject
    address = f"https://equality.example.org/equality/{school.slug}/{year.label}/"
    assert address in email.body
    assert f'href="{address}"' in _html(email)


def test_a_failed_send_undoes_nothing_and_is_logged(submit, caplog):
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=smtplib.SMTPException("relay refused"),
        ),
        caplog.at_level(logging.ERROR, logger="equality_portal.publishing.notifications"),
    ):
        version = submit()
    assert StatementVersion.objects.filter(pk=version.pk).exists()
    assert "Could not send" in caplog.text
    assert "relay refused" in caplog.text
