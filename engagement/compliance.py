"""Statutory evidence checks on engagement: recorded this academic year, with outcomes."""

import datetime

from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check, Status
from equality_portal.schools.models import School

from . import selectors


def checks(*, school: School, today: datetime.date) -> list[Check]:
    """The engagement checks for one school on one day: something recorded this academic
    year with its outcome, and no record left without one."""
    year = AcademicYear.containing(today)
    records = list(selectors.engagement_for_statement(school=school, academic_year=year))
    complete = [record for record in records if record.is_complete]
    incomplete = [record for record in records if not record.is_complete]
    year_url = reverse("engagement:year_list", kwargs={"school_slug": school.slug, "year": year})
    if complete:
        recorded = Check(
            key="engagement_recorded",
            title="Engagement recorded this academic year, with outcomes",
            status=Status.MET,
            summary=f"{len(complete)} record{'s' if len(complete) != 1 else ''} in {year.label} "
            "say what changed as a result.",
            action="Nothing to do.",
            url=year_url,
        )
    else:
        recorded = Check(
            key="engagement_recorded",
            title="Engagement recorded this academic year, with outcomes",
            status=Status.MISSING,
            summary=f"No engagement with an outcome has been recorded for {year.label}.",
            action="Record who the school engaged or consulted, and what changed as a result.",
            url=year_url,
        )
    if incomplete:
        names = ", ".join(f"“{record.title}”" for record in incomplete)
        outcomes = Check(
            key="engagement_outcomes",
            title="Every engagement record has its outcome",
            status=Status.MISSING,
            summary=f"No outcome recorded for {names} ({year.label}).",
            action="Record what changed as a result of each.",
            url=reverse(
                "engagement:record_edit",
                kwargs={"school_slug": school.slug, "pk": incomplete[0].pk},
            ),
        )
    else:
        outcomes = Check(
            key="engagement_outcomes",
            title="Every engagement record has its outcome",
            status=Status.MET,
            summary=f"No record in {year.label} is waiting for its outcome.",
            action="Nothing to do.",
            url=year_url,
        )
    return [recorded, outcomes]
