"""Statutory checks the duties app owns: evidence under each aim of the general duty, policy
reviews on time and with their equality analyses, and monitoring data from a recent census."""

import datetime

from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check, Status, status_for_due_date
from equality_portal.core.dates import long_date
from equality_portal.core.equality import Aim
from equality_portal.schools.models import School

from .categories import Population
from .models import Action
from .selectors import latest_census_date, policy_register_summary


def _url(name: str, school: School, *args) -> str:
    return reverse(f"duties:{name}", args=[school.slug, *args])


def _statement_due(year: AcademicYear) -> datetime.date:
    """Guidance expects each year's equality information by 30 March."""
    return datetime.date(year.start_year + 1, 3, 30)


def aim_evidenced(*, school: School, aim: Aim, today: datetime.date) -> Check:
    """Actions recorded under the aim this academic year (or, until the statement is due, at
    least last year)."""
    year = AcademicYear.containing(today)
    actions = Action.objects.for_school(school).for_aim(aim)
    this_year = actions.for_year(year).count()
    title = f"Actions recorded this academic year: {aim.label.lower()}"
    url = f"{_url('action_add', school)}?aim={aim.value}"
    if this_year:
        return Check(
            key=f"aim_evidenced_{aim.value}",
            title=title,
            status=Status.MET,
            summary=f"{this_year} action{'s' if this_year != 1 else ''} recorded in {year}.",
            action="Keep recording what the school does under this aim.",
            url=_url("aim", school, aim.value, year),
        )
    last_year = actions.for_year(year.previous()).exists()
    due = _statement_due(year)
    if last_year:
        status = status_for_due_date(due, today)
        # Nothing recorded this year is never "met", however far off the statement is.
        status = Status.DUE_SOON if status == Status.MET else status
        summary = f"No action recorded in {year} yet; the last were in {year.previous()}."
    else:
        status = Status.MISSING
        summary = f"No action recorded under this aim in {year} or {year.previous()}."
    return Check(
        key=f"aim_evidenced_{aim.value}",
        title=title,
        status=status,
        summary=summary,
        action=f"Record the actions taken under this aim in {year}.",
        url=url,
        due=due,
    )


def policy_reviews_on_time(*, school: School, today: datetime.date) -> Check:
    year = AcademicYear.containing(today)
    register = policy_register_summary(school=school, academic_year=year, today=today)
    url = _url("policy_list", school)
    title = "Policy reviews up to date"
    if not register.policies:
        return Check(
            key="policy_reviews_on_time",
            title=title,
            status=Status.MISSING,
            summary="The policy register is empty.",
            action="Add the school's policies with their last review and review cycle.",
            url=_url("policy_add", school),
        )
    if register.overdue:
        names = ", ".join(policy.title for policy in register.overdue[:3])
        more = len(register.overdue) - 3
        return Check(
            key="policy_reviews_on_time",
            title=title,
            status=Status.OVERDUE,
            summary=f"{len(register.overdue)} overdue: {names}"
            + (f" and {more} more." if more > 0 else "."),
            action="Review the overdue policies and record each review.",
            url=url,
            due=min(
                (p.next_review_due for p in register.overdue if p.next_review_due),
                default=None,
            ),
        )
    due = min(policy.next_review_due for policy in register.policies)
    return Check(
        key="policy_reviews_on_time",
        title=title,
        status=status_for_due_date(due, today),
        summary=f"No review is overdue; the next is due on {long_date(due)}.",
        action="Review each policy by its next review date.",
        url=url,
        due=due,
    )


def policy_reviews_analysed(*, school: School, today: datetime.date) -> Check:
    year = AcademicYear.containing(today)
    register = policy_register_summary(school=school, academic_year=year, today=today)
    reviewed = len(register.reviewed_in_year)
    missing = reviewed - register.reviews_with_analysis
    if missing:
        status = Status.MISSING
        summary = f"{missing} of {reviewed} policy reviews in {year} have no equality analysis."
    else:
        status = Status.MET
        summary = (
            f"Every policy review in {year} has its equality analysis."
            if reviewed
            else f"No policy has been reviewed in {year} yet."
        )
    return Check(
        key="policy_reviews_analysed",
        title="Equality analyses for policies reviewed",
        status=status,
        summary=summary,
        action="Record an equality analysis for each review and link it to the review.",
        url=_url("policy_list", school),
    )


def monitoring_data_recent(*, school: School, today: datetime.date) -> Check:
    year = AcademicYear.containing(today)
    census = latest_census_date(school=school, population=Population.PUPILS)
    recent = census is not None and census >= year.previous().start
    if recent:
        status, summary = (
            Status.MET,
            f"The latest pupil census figures are from {long_date(census)}.",
        )
    elif census is None:
        status, summary = Status.MISSING, "No pupil population figures are recorded."
    else:
        status = Status.OVERDUE
        summary = f"The latest pupil census figures are from {long_date(census)}."
    return Check(
        key="monitoring_data_recent",
        title=f"Pupil monitoring data from the {year} or {year.previous()} census",
        status=status,
        summary=summary,
        action="Enter or import the pupil figures from the latest school census.",
        url=_url("monitoring", school),
    )


def checks(*, school: School, today: datetime.date) -> list[Check]:
    """The duties app's statutory checks for one school on one day."""
    return [
        *(aim_evidenced(school=school, aim=aim, today=today) for aim in Aim),
        policy_reviews_on_time(school=school, today=today),
        policy_reviews_analysed(school=school, today=today),
        monitoring_data_recent(school=school, today=today),
    ]
