"""The rules publishing owns: the statement published within the year, the accessibility plan
adopted within three years and described in the statement, and a contact for other formats."""

import datetime

from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check, Rule, Status, status_for_due_date
from equality_portal.core.dates import add_years, long_date
from equality_portal.core.nations import annual_report_due, annual_report_period_end, rules_for
from equality_portal.core.periods import Period
from equality_portal.schools.models import School
from incidents.names import names_in

from .models import SectionKind, StatementDraft
from .selectors import last_published_on, publication_latest, statement_next_due
from .welsh import missing_translations

# Accessibility plans (Equality Act 2010, Schedule 10) usually run for three years.
ACCESSIBILITY_PLAN_YEARS = 3


def statement_published(*, school: School, year: AcademicYear, today: datetime.date) -> Check:
    """Advice on the dashboard: the equality information published within the last year."""
    due = statement_next_due(school=school)
    latest = publication_latest(school=school)
    last = last_published_on(school=school)
    status = status_for_due_date(due, today)
    if last is None:
        summary = "The school has never published its equality information in the portal."
    elif latest is None or last > latest.published_at.date():
        summary = (
            f"Last published on {long_date(last)}, outside the portal; the next is due by "
            f"{long_date(due)}."
        )
    else:
        summary = (
            f"Last published on {long_date(latest.published_at)} "
            f"(the {latest.label} statement); the next is due by {long_date(due)}."
        )
    return Check(
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


def welsh_annual_report(*, school: School, year: AcademicYear, today: datetime.date) -> list[Check]:
    """Advice on the dashboard in Wales: the annual report for each reporting period (1 April
    to 31 March), published by the following 31 March (the 2011 Welsh regulations, regulation
    16). No check elsewhere."""
    rules = rules_for(school.nation)
    if not rules.annual_report:
        return []
    period_end = annual_report_period_end(today)
    due = annual_report_due(period_end)
    last = last_published_on(school=school)
    duty = (
        f"Under {rules.regulations} (regulation 16), the report for each year to 31 March is "
        "published by the following 31 March."
    )
    if last is None:
        status, summary = Status.MISSING, f"No annual report has been published. {duty}"
    elif last > period_end:
        status = Status.MET
        due = add_years(due, 1)
        summary = (
            f"Last published on {long_date(last)}, after the year to {long_date(period_end)}; "
            f"the next annual report is due by {long_date(due)}."
        )
    elif last > add_years(period_end, -1):
        status = status_for_due_date(due, today)
        summary = (
            f"The annual report for the year to {long_date(period_end)} is due by "
            f"{long_date(due)}. {duty}"
        )
    else:
        status, due = Status.OVERDUE, period_end
        summary = (
            f"Last published on {long_date(last)}; the annual report for the year to "
            f"{long_date(add_years(period_end, -1))} was due by {long_date(period_end)}. {duty}"
        )
    return [
        Check(
            key="welsh_annual_report",
            title="Annual report on the equality duty published by 31 March",
            status=status,
            summary=summary,
            action=(
                "Nothing to do until it is due."
                if status == Status.MET
                else "Prepare the annual report, ask a governor to approve it, and publish it."
            ),
            url=reverse("publishing:home", kwargs={"school_slug": school.slug}),
            due=due,
        )
    ]


def accessibility_plan_adopted(
    *, school: School, year: AcademicYear, today: datetime.date
) -> Check:
    """Advice on the dashboard: an accessibility plan adopted within the last three years."""
    draft = (
        StatementDraft.objects.filter(school=school, accessibility_plan_adopted_on__isnull=False)
        .order_by("-accessibility_plan_adopted_on")
        .first()
    )
    url = reverse(
        "publishing:draft_edit",
        kwargs={"school_slug": school.slug, "year": year},
    )
    if draft is None or draft.accessibility_plan_adopted_on is None:
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


def _draft_for(school: School, year: AcademicYear) -> StatementDraft | None:
    """The draft the pre-publication check is about: the academic year's, or else the latest
    draft of another period reporting on that year (a calendar year, a plan)."""
    exact = StatementDraft.objects.filter(
        school=school, period_start=year.start, period_end=year.end
    ).first()
    if exact is not None:
        return exact
    for draft in StatementDraft.objects.filter(
        school=school, period_start__lte=year.end, period_end__gte=year.start
    ).order_by("-period_end"):
        if draft.period.reporting_year == year:
            return draft
    return None


def _draft_url(school: School, year: AcademicYear | Period) -> str:
    return reverse("publishing:draft_edit", kwargs={"school_slug": school.slug, "year": year})


def accessibility_plan_described(
    *, school: School, year: AcademicYear, today: datetime.date
) -> Check:
    """Advice: the year's statement describes the accessibility plan (a summary or a link)."""
    draft = _draft_for(school, year)
    described = draft is not None and bool(draft.accessibility_plan or draft.accessibility_plan_url)
    return Check(
        key="no_accessibility_plan",  # the key acknowledgements were recorded under
        title="The statement describes the accessibility plan",
        status=Status.MET if described else Status.MISSING,
        summary=(
            f"The {year.label} statement describes the school's accessibility plan."
            if described
            else "The statement does not describe the school's accessibility plan."
        ),
        action="Summarise the accessibility plan in the statement, or link to it.",
        url=_draft_url(school, draft.period if draft else year),
        fix_label="Describe the accessibility plan",
    )


def contact_email(*, school: School, year: AcademicYear, today: datetime.date) -> Check:
    """Advice: a way to reach the school (email, phone, address or a named lead), so readers can
    ask for the statement in another format."""
    ways = [
        way for way in (school.contact_email, school.contact_phone, school.contact_name) if way
    ] or (["the school's postal address"] if school.contact_address else [])
    return Check(
        key="no_contact_email",  # the key acknowledgements were recorded under
        title="A contact for the statement in other formats",
        status=Status.MET if ways else Status.MISSING,
        summary=(
            f"Readers can ask {' or '.join(ways)} for the statement in another format."
            if ways
            else (
                "The school gives no contact (email, phone, postal address or named lead), "
                "so readers cannot ask for the statement in another format."
            )
        ),
        action="Add a contact email, phone, postal address or named lead to the school's details.",
        url=reverse("schools:school_edit", kwargs={"school_slug": school.slug}),
        fix_label="Add a contact",
    )


def written_sections_name_nobody(
    *, school: School, year: AcademicYear, today: datetime.date
) -> Check:
    """Advice before submitting: the school's own sections seem to name a person (a title and a
    name, or two capitalised words that are not school words). A heuristic, so it warns: the
    school may publish a named lead's name, but never a pupil's."""
    draft = _draft_for(school, year)
    found: list[str] = []
    if draft is not None:
        for section in draft.sections.filter(kind=SectionKind.WRITTEN):
            found += names_in(
                f"{section.heading}\n{section.body}\n{section.heading_cy}\n{section.body_cy}"
            )
    found = list(dict.fromkeys(found))
    return Check(
        key="written_sections_names",
        title="The school's own sections name nobody who should not be named",
        status=Status.MISSING if found else Status.MET,
        summary=(
            "The school's own sections may name people: "
            + ", ".join(f"“{name}”" for name in found[:10])
            + ". Nothing published may identify a pupil."
            if found
            else "No names were spotted in the school's own sections."
        ),
        action="Check each; remove any pupil's name (a named lead's may stay).",
        url=reverse(
            "publishing:draft_sections",
            kwargs={"school_slug": school.slug, "year": draft.period if draft else year},
        ),
        fix_label="Check the sections",
    )


def texts_in_both_languages(
    *, school: School, year: AcademicYear, today: datetime.date
) -> list[Check]:
    """Advice for a school that publishes in Welsh as well as English: each of its texts given
    in one language only, which the other language's statement shows untranslated. No check
    at all for a school that publishes in English only."""
    if not school.publishes_in_welsh:
        return []
    draft = _draft_for(school, year)
    missing = missing_translations(draft) if draft is not None else []
    return [
        Check(
            key="texts_in_both_languages",
            title="The statement's texts are in Welsh and in English",
            status=Status.MISSING if missing else Status.MET,
            summary=(
                "Some texts are given in one language only, so the other language's statement "
                "shows them untranslated: " + "; ".join(missing) + "."
                if missing
                else f"Every text of the {year.label} statement is in Welsh and in English."
            ),
            action="Give each text in both languages, or publish with these untranslated.",
            url=_draft_url(school, year),
            fix_label="Add the translations",
        )
    ]


RULES = [
    Rule(accessibility_plan_adopted, before_publishing=False),
    Rule(statement_published, before_publishing=False),
    Rule(welsh_annual_report, before_publishing=False),
    Rule(accessibility_plan_described),
    Rule(contact_email),
    Rule(written_sections_name_nobody),
    Rule(texts_in_both_languages),
]
