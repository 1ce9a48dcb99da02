"""The termly governors' report: compliance, objectives, incidents and what changed, for one
term, as a page and a PDF for the governors' meeting. No individual incident appears in it."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from equality_portal.core.academic_year import AcademicYear, Term
from equality_portal.core.checks import collect_checks
from equality_portal.core.suppression import SuppressedCounts
from equality_portal.schools.models import School
from incidents.dashboard import incident_trend
from objectives.dashboard import objectives_glance

from .dashboard import Change, recent_changes
from .verdict import Verdict, verdict

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

    @property
    def verdict(self) -> Verdict:
        return verdict(self.checks, self.as_at)

    @property
    def changes_by_area(self) -> list[str]:
        """What changed this term in a sentence per area: "Policies: 2 added, 1 changed." """
        counts: dict[str, Counter[str]] = {}
        for change in self.changes:
            verb = change.what.rsplit(" ", 1)[-1]
            verb = verb if verb in ("added", "changed", "deleted") else "changed"
            counts.setdefault(change.area, Counter())[verb] += 1
        return [
            f"{area}: "
            + ", ".join(f"{n} {verb}" for verb, n in sorted(verbs.items(), key=_verb_order))
            + "."
            for area, verbs in sorted(counts.items())
        ]

    @property
    def questions(self) -> list[str]:
        """Questions governors may ask, one for each check that needs attention."""
        return [
            f"{check.title} is {check.status_label.lower()}: what is being done, "
            "who is doing it, and by when?"
            for check in self.checks
            if check.needs_attention
        ]

    @property
    def incidents_by_term(self) -> SuppressedCounts:
        """The year's incidents by term, leaving out terms that have not started."""
        by_term = self.incidents["summary"].by_term
        started = {t.label for t in self.term.academic_year.terms if t.start <= self.as_at}
        return SuppressedCounts(
            threshold=by_term.threshold,
            cells={label: cell for label, cell in by_term.items() if label in started},
            total=by_term.total,
        )


def _verb_order(item: tuple[str, int]) -> int:
    return ("added", "changed", "deleted").index(item[0])


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
