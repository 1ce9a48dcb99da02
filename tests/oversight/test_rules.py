"""One rule, one answer: the governors' dashboard and the pre-publication check collect the same
predicates, so every rule has the same status in both."""

import datetime

import pytest
import time_machine

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import all_rules, collect_checks
from equality_portal.oversight.dashboard import compliance_panel
from equality_portal.publishing import services
from equality_portal.publishing.completeness import statement_findings
from equality_portal.publishing.composition import statement_compose
from tests.factories import PopulationProfileFactory, statement_evidence_create

# In 2026-27, after its January census.
TODAY = datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC)
YEAR = AcademicYear(2026)


def _census_last_year(school):
    # Dated in the previous academic year (2025-26): it used to be green on the dashboard and
    # a warning at publishing.
    PopulationProfileFactory(school=school, census_date=datetime.date(2026, 6, 1))


def _everything_but_the_census(school):
    statement_evidence_create(school=school, year=YEAR)


def _large_school_without_staff_profile(school):
    statement_evidence_create(school=school, year=YEAR)
    school.number_of_staff = 200
    school.contact_email = "office@example.org"
    school.save()


@pytest.mark.parametrize(
    "arrange",
    [
        lambda school: None,
        _census_last_year,
        _everything_but_the_census,
        _large_school_without_staff_profile,
    ],
    ids=["nothing recorded", "census last year", "evidence", "large school"],
)
def test_dashboard_and_publishing_agree_on_every_rule(arrange, school, leader):
    with time_machine.travel(TODAY, tick=False):
        arrange(school)
        draft = services.statement_draft_get_or_create(school=school, year=YEAR)
        dashboard = {
            check.key: check for check in compliance_panel(None, school, leader).context["checks"]
        }
        findings = {
            finding.key: finding
            for finding in statement_findings(draft=draft, data=statement_compose(draft=draft))
        }
        before_publishing = {
            check.key
            for check in collect_checks(
                school=school, today=TODAY.date(), year=YEAR, before_publishing=True
            )
        }

    assert all_rules(), "every app's rules are collected"
    # Every rule asked before publishing is on the dashboard, with the same answer.
    assert before_publishing <= set(dashboard)
    for key in before_publishing:
        check = dashboard[key]
        assert (key in findings) == check.needs_attention, key
        if key in findings:
            assert findings[key].status == check.status, key
            assert findings[key].is_error == check.is_error, key
    # And the pre-publication check finds nothing the dashboard does not show.
    assert set(findings) <= before_publishing
    if arrange is _census_last_year:
        assert dashboard["monitoring_data_recent"].needs_attention
        assert "monitoring_data_recent" in findings
