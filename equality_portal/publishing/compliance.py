"""The statement's own compliance checks: published within the year, accessibility plan."""

import datetime

from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check, Status, status_for_due_date
from equality_portal.core.dates import add_years, long_date
from equality_portal.schools.models import School

from .models import StatementDraft
from .selectors import publication_latest, statement_next_due

# Accessibility plans (Equality Act 2010, Schedule 10) usually run for three years.
ACCESSIBILITY_PLAN_YEARS = 3


def checks(*, school: School, today: datetime.date) -> list[Check]:
    due = statement_next_due(school=school)
    latest = publication_latest(school=school)
    status = status_for_due_date(due, today)
    if latest is None:
        summary = "The school has never published its equality information in the portal."
    else:
        summary = (
            f"Last published on {long_date(latest.published_at)} "
            f"(the {latest.year.label} statement); the next is due by {long_date(due)}."
        )
    return [
        _accessibility_plan_check(school=school, today=today),
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
        ),
    ]


def _accessibility_plan_check(*, school: School, today: datetime.date) -> Check:
    draft = (
        StatementDraft.objects.filter(school=school, accessibility_plan_adopted_on__isnull=False)
        .order_by("-accessibility_plan_adopted_on")
        .first()
    )
    url = reverse(
        "publishing:draft_edit",
        kwargs={"school_slug": school.slug, "year": AcademicYear.containing(today)},
    )
    if draft is None:
        return Check(
            key="accessibility_plan",
            title="Accessibility plan adopted within three years",
            status=Status.MISSING,
            summary="No adoption date is recorded for the school's accessibility plan.",
            action="Record when the current accessibility plan was adopted, with a summary.",
            url=url,
        )
    adopted = draft.accessibility_plan_adopted_on
    due = add_years(adopted, ACCESSIBILITY_PLAN_YEARS)
    status = status_for_due_date(due, today)
    return Check(
        key="accessibility_plan",
        title="Accessibility plan adopted within three years",
        status=status,
        summary=(
            f"The current plan was adopted on {long_date(adopted)}; renew it by {long_date(due)}."
        ),
        action=(
            "Nothing to do until it is due."
            if status == Status.MET
            else "Review the accessibility plan with governors and record the new plan."
        ),
        url=url,
        due=due,
    )
