"""The termly governors' report: compliance, objectives, incidents and what changed, for one
term, as a page and a PDF for the governors' meeting. No individual incident appears in it."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from equality_portal.core.academic_year import AcademicYear, Term
from equality_portal.core.checks import collect_checks
from equality_portal.schools.models import School
from incidents.dashboard import incident_trend
from objectives.dashboard import objectives_glance

from .dashboard import Change, recent_changes

TERM_SLUGS = {"autumn": 0, "spring": 1, "summer": 2}
# Enough to cover a term's changes for a report; the report says when it shows only the latest.
CHANGES_LIMIT = 100


def term_from_slug(year: AcademicYear, slug: str) -> Term | None:
    index = TERM_SLUGS.get(slug)
    return None if index is None else year.terms[index]


def reportable_terms(today: datetime.date, count: int = 6) -> list[Term]:
    """The current term and the ones before it, newest first."""
    year = AcademicYear.containing(today)
    term = year.term_containing(today)
    terms = [term]
    while len(terms) < count:
        index = term.index - 1
        year = term.academic_year if index >= 0 else term.academic_year.previous()
        term = year.terms[index % 3]
        terms.append(term)
    return terms


def previous_term(term: Term) -> Term:
    if term.index:
        return term.academic_year.terms[term.index - 1]
    return term.academic_year.previous().terms[2]


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


@dataclass
class GovernorsReport:
    school: School
    term: Term
    as_at: datetime.date
    checks: list
    objectives: dict
    incidents: dict
    changes: list[Change]
    changes_since: datetime.date

    @property
    def objectives_panel(self) -> dict:
        """The objectives in the shape their glance template reads."""
        return {"context": self.objectives}

    @property
    def changes_truncated(self) -> bool:
        return len(self.changes) >= CHANGES_LIMIT


def governors_report(*, school: School, term: Term, today: datetime.date) -> GovernorsReport:
    """The report for a term: figures as at the term's end (or today, for the current term);
    changes since the end of the previous term."""
    as_at = min(today, term.end)
    since = previous_term(term).end
    return GovernorsReport(
        school=school,
        term=term,
        as_at=as_at,
        checks=collect_checks(school=school, today=as_at),
        objectives=objectives_glance(school=school, on=as_at),
        incidents=incident_trend(school=school, academic_year=term.academic_year, today=as_at),
        changes=recent_changes(
            school=school,
            include_private=False,  # the report goes to governors
            limit=CHANGES_LIMIT,
            since=_end_of(since),
            until=_end_of(as_at),
        ),
        changes_since=since,
    )
