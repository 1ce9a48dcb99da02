"""The rules on engagement: something recorded in the academic year with its outcome, and no
record left without one."""

import datetime

from django.urls import reverse

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check, Rule, Status
from equality_portal.schools.models import School

from . import selectors


def engagement_checks(*, school: School, year: AcademicYear, today: datetime.date) -> list[Check]:
    """Advice: engagement recorded in the year with its outcome, and every record's outcome."""
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
            fix_label="Record engagement",
        )
    else:
        recorded = Check(
            key="engagement_recorded",
            title="Engagement recorded this academic year, with outcomes",
            status=Status.MISSING,
            summary=f"No engagement or consultation with its outcome is recorded for {year.label}.",
            action="Record who the school engaged or consulted, and what changed as a result.",
            url=year_url,
            fix_label="Record engagement",
        )
    if incomplete:
        names = ", ".join(f"“{record.title}”" for record in incomplete)
        outcomes = Check(
            key="engagement_outcomes",
            title="Every engagement record has its outcome",
            status=Status.MISSING,
            summary=(
                f"No outcome is recorded for {names} ({year.label}): the statement will say "
                "the outcome has not been recorded."
            ),
            action="Record what changed as a result of each.",
            url=reverse(
                "engagement:record_edit",
                kwargs={"school_slug": school.slug, "pk": incomplete[0].pk},
            ),
            fix_label="Record what changed",
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


RULES = [Rule(engagement_checks)]
