"""Emails about the statement: approval requested, decided, published.

Each is sent after the transaction that made the change commits, through Django's email backend,
as plain text with an HTML alternative, one message per recipient (so no one sees the others'
addresses). A failed send is logged and never undoes the change.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from equality_portal.schools.models import Membership, School, User
from equality_portal.schools.roles import Role

from .models import Decision, Publication, StatementVersion

logger = logging.getLogger(__name__)


@dataclass
class Notice:
    subject: str
    paragraphs: list[str]
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, absolute address)


def after_commit(send, **kwargs) -> None:
    """Send once the current transaction commits; nothing is sent if it rolls back."""
    transaction.on_commit(lambda: send(**kwargs), robust=True)


def _address(path: str) -> str:
    return settings.SITE_URL + path


def _emails(school: School, roles, *also: User) -> list[str]:
    """The email addresses of the school's members with ``roles``, and of ``also``, once each."""
    found = Membership.objects.filter(school=school, role__in=roles).exclude(user__email="")
    emails = list(found.order_by("user__email").values_list("user__email", flat=True))
    for user in also:
        if user.email and user.email.lower() not in {email.lower() for email in emails}:
            emails.append(user.email)
    return emails


def _send(notice: Notice, recipients: list[str]) -> None:
    context = {"notice": notice}
    text = render_to_string("publishing/email/notice.txt", context)
    html = render_to_string("publishing/email/notice.html", context)
    messages = []
    for recipient in recipients:
        message = EmailMultiAlternatives(notice.subject, text, to=[recipient])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    try:
        get_connection().send_messages(messages)
    except Exception:  # any backend failure: the change stands, the failure is logged
        logger.exception("Could not send %r to %d recipients", notice.subject, len(recipients))


def _version_address(version: StatementVersion) -> str:
    draft = version.draft
    return _address(
        reverse(
            "publishing:version",
            kwargs={
                "school_slug": draft.school.slug,
                "year": draft.year,
                "version": version.number,
            },
        )
    )


def approval_requested(*, version: StatementVersion) -> None:
    """To the governors: a version is waiting for their decision."""
    draft = version.draft
    school = draft.school
    paragraphs = [
        f"{version.submitted_by} submitted version {version.number} of {school}'s equality "
        f"statement for {draft.label} for approval by the "
        f"{school.get_approving_body_display().lower()}.",
        "Read it, then approve it or ask leadership for changes. What you approve is exactly "
        "what will be published: later evidence does not change it.",
    ]
    if version.errors:
        paragraphs.append(
            f"It has {len(version.errors)} error(s) that must be fixed, in a new version, "
            "before it can be approved."
        )
    notice = Notice(
        subject=f"{school}: the {draft.label} equality statement is ready for approval",
        paragraphs=paragraphs,
        links=[(f"Version {version.number}", _version_address(version))],
    )
    _send(notice, _emails(school, [Role.GOVERNOR]))


def decided(*, decision: Decision) -> None:
    """To whoever submitted the version and the school's leadership: the governors' decision."""
    version = decision.version
    draft = version.draft
    school = draft.school
    what = f"version {version.number} of the {draft.label} equality statement"
    if decision.is_approval:
        subject = f"{school}: the {draft.label} equality statement is approved"
        paragraphs = [
            f"{decision.decided_by} approved {what} on behalf of the "
            f"{decision.on_behalf_of.lower()}.",
        ]
    else:
        subject = f"{school}: changes requested to the {draft.label} equality statement"
        paragraphs = [f"{decision.decided_by} asked for changes to {what}."]
    if decision.comment:
        paragraphs.append(f"Their comment: {decision.comment}")
    if decision.minute_reference:
        paragraphs.append(f"Minute reference: {decision.minute_reference}")
    if decision.is_approval:
        paragraphs.append("Leadership can now publish exactly this version.")
        links = [(f"Version {version.number}", _version_address(version))]
    else:
        paragraphs.append("Make the changes, then submit a new version for approval.")
        links = [
            (
                "The draft",
                _address(
                    reverse(
                        "publishing:draft",
                        kwargs={"school_slug": school.slug, "year": draft.year},
                    )
                ),
            )
        ]
    notice = Notice(subject=subject, paragraphs=paragraphs, links=links)
    _send(notice, _emails(school, [Role.LEADERSHIP], version.submitted_by))


def published(*, publication: Publication) -> None:
    """To the governors and leadership: the statement is public, and its permanent address."""
    school = publication.school
    year = publication.year
    public = _address(reverse("public:year", kwargs={"school_slug": school.slug, "year": year}))
    pdf = _address(reverse("public:pdf", kwargs={"school_slug": school.slug, "year": year}))
    correction = (
        f" (a correction, version {publication.version})" if publication.version > 1 else ""
    )
    notice = Notice(
        subject=f"{school}: the {publication.label} equality statement is published",
        paragraphs=[
            f"{publication.published_by} published {school}'s equality statement for "
            f"{publication.label}{correction}, as approved by {publication.approved_by_name}.",
            "Its permanent public address is below: link to it from the school's website.",
        ],
        links=[("The published statement", public), ("Its PDF", pdf)],
    )
    _send(notice, _emails(school, [Role.GOVERNOR, Role.LEADERSHIP]))
