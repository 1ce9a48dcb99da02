"""Emailing leadership and governors about checks that are due within 30 days or overdue."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from equality_portal.core.checks import Status, collect_checks
from equality_portal.schools.models import Membership, School
from equality_portal.schools.roles import REMINDED_ROLES

from .models import ReminderLog

REMINDED_STATUSES = (Status.DUE_SOON, Status.OVERDUE, Status.MISSING)


@dataclass
class ReminderResult:
    school: School
    checks: list
    recipients: list[str]


def iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def reminders_send(*, today: datetime.date, dry_run: bool = False) -> list[ReminderResult]:
    """One email per school to its leaders and governors, listing the checks not reminded
    about yet this week. Safe to run every day."""
    week = iso_week(today)
    results = []
    for school in School.objects.order_by("name"):
        already = set(
            ReminderLog.objects.filter(school=school, week=week).values_list("check_key", flat=True)
        )
        checks = [
            check
            for check in collect_checks(school=school, today=today)
            if check.status in REMINDED_STATUSES and check.key not in already
        ]
        if not checks:
            continue
        recipients = sorted(
            set(
                Membership.objects.filter(school=school, role__in=REMINDED_ROLES)
                .exclude(user__email="")
                .values_list("user__email", flat=True)
            )
        )
        if not recipients:
            continue
        results.append(ReminderResult(school, checks, recipients))
        if dry_run:
            continue
        with transaction.atomic():
            ReminderLog.objects.bulk_create(
                ReminderLog(
                    school=school,
                    check_key=check.key,
                    status=check.status,
                    week=week,
                    recipients=len(recipients),
                )
                for check in checks
            )
            body = render_to_string(
                "oversight/email/reminder.txt",
                {
                    "school": school,
                    "checks": checks,
                    "site_url": settings.SITE_URL,
                    "dashboard_url": settings.SITE_URL
                    + reverse("schools:dashboard", kwargs={"school_slug": school.slug}),
                },
            )
            # Sent after the log commits: a crash between the two sends nothing twice.
            transaction.on_commit(
                lambda body=body, recipients=recipients, school=school: send_mail(
                    subject=f"{school}: equality duties due or overdue",
                    message=body,
                    from_email=None,
                    recipient_list=recipients,
                )
            )
    return results
