"""The rules the duties app owns: evidence under each aim of the general duty, policy reviews
on time and with their equality analyses, monitoring data from the latest census, the staff
information large schools must publish, and equality analyses recorded in the year."""

import datetime
from typing import Any

from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check, Rule, Severity, Status, status_for_due_date
from equality_portal.core.dates import long_date
from equality_portal.core.equality import Aim
from equality_portal.core.nations import rules_for
from equality_portal.schools.models import School
from workforce.selectors import trust_staff_in_post_recorded

from .categories import Population
from .models import Action
from .selectors import (
    employer_staff_profile_school,
    equality_analyses_for_statement,
    latest_census_date,
    policy_register_summary,
)


def _url(name: str, school: School, *args) -> str:
    return reverse(f"duties:{name}", args=[school.slug, *args])


def _statement_due(year: AcademicYear) -> datetime.date:
    """Guidance expects each year's equality information by 30 March."""
    return datetime.date(year.start_year + 1, 3, 30)


def aims_evidenced(*, school: School, year: AcademicYear, today: datetime.date) -> list[Check]:
    """Advice for each aim: actions recorded under it in the year. The law asks for information
    showing due regard, not for an action under each aim, so a statement of data and principles
    or of a policy and objectives is published without them. Until the statement is due, last
    year's actions make it "due soon"."""
    return [_aim_evidenced(school=school, aim=aim, year=year, today=today) for aim in Aim]


def _aim_evidenced(*, school: School, aim: Aim, year: AcademicYear, today: datetime.date) -> Check:
    actions = Action.objects.for_school(school).for_aim(aim)
    this_year = actions.for_year(year).count()
    title = f"Actions recorded this academic year: {aim.label.lower()}"
    common: dict[str, Any] = {
        "key": f"aim_evidenced_{aim.value}",
        "title": title,
        "fix_label": "Record actions",
    }
    if this_year:
        return Check(
            status=Status.MET,
            summary=f"{this_year} action{'s' if this_year != 1 else ''} recorded in {year}.",
            action="Keep recording what the school does under this aim.",
            url=_url("aim", school, aim.value, year),
            **common,
        )
    due = _statement_due(year)
    if actions.for_year(year.previous()).exists():
        status = status_for_due_date(due, today)
        # Nothing recorded this year is never "met", however far off the statement is.
        status = Status.DUE_SOON if status == Status.MET else status
        last = f" (the last were in {year.previous()})"
    else:
        status = Status.MISSING
        last = ""
    return Check(
        status=status,
        summary=(
            f"No action is recorded under “{aim.label}” for {year}{last}. Actions under each aim "
            "are a good way to show due regard; the law does not require them."
        ),
        action=f"Record the actions taken under this aim in {year}.",
        url=f"{_url('action_add', school)}?aim={aim.value}",
        due=due,
        **common,
    )


def policy_reviews_on_time(*, school: School, year: AcademicYear, today: datetime.date) -> Check:
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
    due = min((p.next_review_due for p in register.policies if p.next_review_due), default=None)
    return Check(
        key="policy_reviews_on_time",
        title=title,
        status=status_for_due_date(due, today),
        summary=f"No review is overdue; the next is due on {long_date(due)}.",
        action="Review each policy by its next review date.",
        url=url,
        due=due,
    )


def policy_reviews_analysed(*, school: School, year: AcademicYear, today: datetime.date) -> Check:
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
            else f"No policy review in {year} is waiting for its equality analysis."
        )
    return Check(
        key="policy_reviews_analysed",
        title="Equality analyses for policies reviewed",
        status=status,
        summary=summary,
        action="Record an equality analysis for each review and link it to the review.",
        url=_url("policy_list", school),
    )


def last_spring_census(on: datetime.date) -> datetime.date:
    """The January school census most recently held on or before a date (the third Thursday
    of January; the 1st stands for it, as schools record the date they choose)."""
    return datetime.date(on.year if on.month >= 2 else on.year - 1, 1, 1)


def monitoring_data_recent(*, school: School, year: AcademicYear, today: datetime.date) -> Check:
    """Advice: pupil figures from the latest January census held by the end of the year."""
    expected = last_spring_census(min(today, year.end))
    census = latest_census_date(school=school, population=Population.PUPILS, on_or_before=year.end)
    common: dict[str, Any] = {
        "key": "monitoring_data_recent",
        "title": f"Pupil monitoring data from the January {expected.year} census or later",
        "action": "Enter or import the pupil figures from the latest school census.",
        "url": _url("monitoring", school),
        "fix_label": "Update the pupil census",
    }
    if census is None:
        return Check(
            status=Status.MISSING,
            summary=f"No information about pupils is recorded for {year.label}.",
            **common,
        )
    if census < expected:
        return Check(
            status=Status.OVERDUE,
            summary=(
                f"The pupil figures are from {long_date(census)}; the January {expected.year} "
                "census is more recent."
            ),
            **common,
        )
    return Check(
        status=Status.MET,
        summary=f"The latest pupil census figures are from {long_date(census)}.",
        **common,
    )


def _employer_staff(school: School) -> str:
    """The headcount the 150-staff rule counts, and whose it is: the trust's for an academy
    (it employs the staff of all its academies), the governing body's for a maintained
    school (the local authority's staff at the school count as its own: reg. 2(3))."""
    return f"{school.employer_staff} staff at {school.employer_description}"


def staff_information(*, school: School, year: AcademicYear, today: datetime.date) -> Check:
    """A gate for schools with 150 staff or more: information about their employees."""
    common: dict[str, Any] = {
        "key": "staff_information",
        "title": "Information about staff, for employers with 150 staff or more",
        "action": "Enter or import the staff profile for the year (the make-up of its employees).",
        "url": _url("monitoring", school),
        "severity": Severity.GATE,
        "fix_label": "Add the staff profile",
    }
    rules = rules_for(school.nation)
    if rules.employee_threshold is None:
        return _employment_information_each_year(
            school=school, year=year, duty=rules.employment_information_duty, common=common
        )
    if school.number_of_staff is None:
        return Check(
            status=Status.MET,
            summary=(
                "The staff headcount is not known. With 150 staff or more, the school must "
                "publish information about its employees."
            ),
            **common,
        )
    if not school.must_publish_staff_information:
        return Check(
            status=Status.MET,
            summary=(
                f"With {_employer_staff(school)}, the employer has fewer than 150 employees "
                "and need not publish it."
            ),
            **common,
        )
    recorded_at = employer_staff_profile_school(school=school, academic_year=year)
    if recorded_at is not None:
        where = "" if recorded_at.pk == school.pk else f" for the trust, at {recorded_at.name}"
        return Check(
            status=Status.MET,
            summary=f"A staff profile is recorded{where} for {year.label}.",
            **common,
        )
    if school.counted_at_trust and trust_staff_in_post_recorded(
        trust_id=school.trust_id, academic_year=year.start_year
    ):
        return Check(
            status=Status.MET,
            summary=f"The trust's staff in post are recorded by the trust for {year.label}.",
            **common,
        )
    return Check(
        status=Status.MISSING,
        summary=(
            f"The employer has {_employer_staff(school)}, so it must publish information "
            f"about its employees, but no staff profile is recorded for {year.label}."
        ),
        **common,
    )


def _employment_information_each_year(
    *, school: School, year: AcademicYear, duty: str, common: dict[str, Any]
) -> Check:
    """Wales: every school, whatever its size, collects and publishes its employment
    information each year, but may publish it apart from any one statement: advice, never a
    gate."""
    common = {
        **common,
        "title": "Information about employees, collected each year",
        "severity": Severity.ADVICE,
    }
    if employer_staff_profile_school(school=school, academic_year=year) is not None:
        return Check(
            status=Status.MET,
            summary=f"A staff profile is recorded for {year.label}. {duty}",
            **common,
        )
    return Check(
        status=Status.MISSING,
        summary=(
            f"No staff profile is recorded for {year.label}. {duty} If you publish it "
            "elsewhere, you can leave it out of this statement."
        ),
        **common,
    )


def equality_analysis_recorded(
    *, school: School, year: AcademicYear, today: datetime.date
) -> Check:
    """Advice: at least one equality analysis in the year, or the statement says none was done."""
    count = equality_analyses_for_statement(school=school, academic_year=year).count()
    common: dict[str, Any] = {
        "key": "no_equality_analysis",  # the key acknowledgements were recorded under
        "title": "Equality analyses recorded this academic year",
        "action": "Record an equality analysis of a decision, policy or practice.",
        "url": _url("analysis_add", school),
        "fix_label": "Record an equality analysis",
    }
    if count:
        return Check(
            status=Status.MET,
            summary=f"{count} equality analys{'es' if count != 1 else 'is'} recorded in {year}.",
            **common,
        )
    return Check(
        status=Status.MISSING,
        summary=(
            f"No equality analysis is recorded for {year.label}, so that section of the "
            "statement says none was done."
        ),
        **common,
    )


def welsh_engagement_and_impact(
    *, school: School, year: AcademicYear, today: datetime.date
) -> list[Check]:
    """Advice in Wales: assess the likely impact of proposed policies and practices, involving
    people who represent those with protected characteristics (the 2011 Welsh regulations,
    regulations 5 and 8). No check elsewhere."""
    rules = rules_for(school.nation)
    if not rules.engagement_and_impact_duties:
        return []
    count = equality_analyses_for_statement(school=school, academic_year=year).count()
    duty = (
        f"{rules.regulations[0].upper()}{rules.regulations[1:]} ask the school to assess the "
        "likely impact of the policies and practices it proposes or reviews (regulation 8), "
        "involving people who represent those with protected characteristics (regulation 5), "
        "and to publish reports of the assessments with a substantial impact."
    )
    return [
        Check(
            key="welsh_engagement_and_impact",
            title="Equality impact assessments, with engagement",
            status=Status.MET if count else Status.MISSING,
            summary=(
                f"{count} equality impact assessment{'s' if count != 1 else ''} recorded in "
                f"{year}. {duty}"
                if count
                else f"No equality impact assessment is recorded for {year.label}. {duty}"
            ),
            action=(
                "Record each equality impact assessment, who was involved, and the engagement "
                "that informed it."
            ),
            url=_url("analysis_add", school),
            fix_label="Record an impact assessment",
        )
    ]


RULES = [
    Rule(aims_evidenced),
    Rule(policy_reviews_on_time, before_publishing=False),
    Rule(policy_reviews_analysed, before_publishing=False),
    Rule(monitoring_data_recent),
    Rule(staff_information),
    Rule(equality_analysis_recorded),
    Rule(welsh_engagement_and_impact),
]
