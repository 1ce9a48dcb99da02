"""The statement's own compliance check, and the collector of every app's checks."""

import datetime
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import reverse

from equality_portal.compliance import Check, Status, status_for_due_date
from equality_portal.schools.models import School

from .selectors import publication_latest, statement_next_due


def checks(*, school: School, today: datetime.date) -> list[Check]:
    due = statement_next_due(school=school)
    latest = publication_latest(school=school)
    status = status_for_due_date(due, today)
    if latest is None:
        summary = "The school has never published its equality information in the portal."
    else:
        summary = (
            f"Last published on {latest.published_at:%d %B %Y} "
            f"(the {latest.year.label} statement); the next is due by {due:%d %B %Y}."
        )
    return [
        Check(
            key="statement_published",
            title="Equality information published within the last 12 months",
            status=status,
            summary=summary,
            action=(
                "Prepare the statement, ask a governor to approve it, and publish it."
                if status != Status.MET
                else "Nothing to do until it is due."
            ),
            url=reverse("publishing:home", kwargs={"school_slug": school.slug}),
            due=due,
        )
    ]


def collect_checks(*, school: School, today: datetime.date) -> list[Check]:
    """Every app's compliance checks for the school, in the order of INSTALLED_APPS."""
    found = []
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.compliance"
        if find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        if hasattr(module, "checks"):
            found.extend(module.checks(school=school, today=today))
    return found
