"""Every rule that depends on the date, at its edges.

The academic year and its terms; the twelve-month publication clock; the four-year objectives
clock; the 30 March guidance date (29, 30 and 31 March); 31 August and 1 September; 31 December
and 1 January; 29 February; the incident retention period; weekly reminders. Dates are given,
never read from the wall clock; where a rule reads the clock itself, time-machine sets it.
"""

import datetime

import pytest
from django.core import mail

from duties.compliance import aims_evidenced
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Status
from equality_portal.core.dates import add_months
from equality_portal.core.equality import Aim
from equality_portal.oversight.reminders import iso_week, reminders_send
from equality_portal.publishing import services as publishing
from equality_portal.publishing.compliance import statement_published
from equality_portal.publishing.selectors import statement_next_due
from equality_portal.schools.roles import Role
from incidents.services import retention_last_academic_year
from objectives.models import ObjectiveSet, latest_period_end
from tests.factories import ActionFactory, statement_approve_and_publish, statement_evidence_create

D = datetime.date


@pytest.mark.parametrize(
    ("day", "year", "term"),
    [
        (D(2027, 8, 31), "2026-27", "Summer"),
        (D(2027, 9, 1), "2027-28", "Autumn"),
        (D(2027, 12, 31), "2027-28", "Autumn"),
        (D(2028, 1, 1), "2027-28", "Spring"),
        (D(2028, 2, 29), "2027-28", "Spring"),
        (D(2028, 3, 31), "2027-28", "Spring"),
        (D(2028, 4, 1), "2027-28", "Summer"),
    ],
)
def test_academic_years_and_terms_at_their_edges(day, year, term):
    academic_year = AcademicYear.containing(day)
    assert academic_year.label == year
    assert academic_year.term_containing(day).name == term


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2028, 2, 29), 12, D(2029, 2, 28)),  # a leap day a year on
        (D(2028, 2, 29), 48, D(2032, 2, 29)),  # four years on is a leap day again
        (D(2027, 3, 31), 1, D(2027, 4, 30)),
        (D(2027, 3, 29), 11, D(2028, 2, 29)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2027, 12, 31), 12, D(2028, 12, 31)),
    ],
)
def test_month_arithmetic_at_month_ends_and_leap_days(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (D(2028, 3, 29), Status.DUE_SOON),
        (D(2028, 3, 30), Status.DUE_SOON),  # due today is not yet late
        (D(2028, 3, 31), Status.OVERDUE),
    ],
)
def test_the_30_march_guidance_date_for_this_years_actions(school, today, status):
    ActionFactory(school=school, academic_year=2026, aims=[Aim.ADVANCE])
    year = AcademicYear.containing(today)
    checks = aims_evidenced(school=school, year=year, today=today)
    [check] = [c for c in checks if c.key == f"aim_evidenced_{Aim.ADVANCE.value}"]
    assert check.due == D(2028, 3, 30)
    assert check.status == status


@pytest.mark.parametrize(
    ("published", "due_by"),
    [
        (datetime.datetime(2028, 2, 29, 10, tzinfo=datetime.UTC), D(2029, 2, 28)),
        (datetime.datetime(2027, 3, 31, 10, tzinfo=datetime.UTC), D(2028, 3, 31)),
        (datetime.datetime(2027, 8, 31, 10, tzinfo=datetime.UTC), D(2028, 8, 31)),
        (datetime.datetime(2027, 12, 31, 10, tzinfo=datetime.UTC), D(2028, 12, 31)),
    ],
)
def test_the_twelve_month_publication_clock(
    school, governor, leader, time_machine, published, due_by
):
    time_machine.move_to(published)
    year = AcademicYear.containing(published.date()).previous()
    statement_evidence_create(school=school, year=year)
    draft = publishing.statement_draft_get_or_create(school=school, year=year)
    statement_approve_and_publish(draft=draft, governor=governor.user, leader=leader.user)
    assert statement_next_due(school=school) == due_by
    day_after = due_by + datetime.timedelta(days=1)
    on_time = statement_published(school=school, year=year, today=due_by)
    late = statement_published(school=school, year=year, today=day_after)
    assert on_time.status == Status.DUE_SOON
    assert late.status == Status.OVERDUE


@pytest.mark.parametrize(
    ("published_on", "deadline"),
    [
        (D(2024, 2, 29), D(2028, 2, 29)),
        (D(2025, 3, 31), D(2029, 3, 31)),
        (D(2025, 8, 31), D(2029, 8, 31)),
        (D(2025, 9, 1), D(2029, 9, 1)),
    ],
)
def test_the_four_year_objectives_clock(published_on, deadline):
    objective_set = ObjectiveSet(
        period_start=published_on, period_end=D(2040, 8, 31), published_on=published_on
    )
    assert objective_set.legal_deadline == deadline
    assert objective_set.next_due == deadline
    assert latest_period_end(D(2028, 2, 29)) == D(2032, 2, 28)
    assert latest_period_end(D(2027, 9, 1)) == D(2031, 8, 31)


@pytest.mark.parametrize(
    ("today", "last_year_anonymised"),
    [
        (D(2027, 8, 31), "2019-20"),  # 2019-20 ended six years before 2026-27 began
        (D(2027, 9, 1), "2020-21"),
    ],
)
def test_the_retention_period_turns_over_on_1_september(school, today, last_year_anonymised):
    school.incident_retention_years = 6
    assert retention_last_academic_year(school=school, today=today).label == last_year_anonymised


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (D(2026, 12, 31), "2026-W53"),
        (D(2027, 1, 1), "2026-W53"),  # the ISO week runs on over the new year
        (D(2027, 1, 4), "2027-W01"),
        (D(2024, 12, 30), "2025-W01"),
        (D(2028, 2, 29), "2028-W09"),
    ],
)
def test_iso_weeks_across_the_new_year(day, week):
    assert iso_week(day) == week


def test_reminders_are_weekly_across_the_new_year(
    school, make_member, django_capture_on_commit_callbacks
):
    make_member(Role.LEADERSHIP)
    for day in (D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 4)):
        with django_capture_on_commit_callbacks(execute=True):
            reminders_send(today=day)
    assert len(mail.outbox) == 2  # Thursday 31 December and Friday 1 January: one week
