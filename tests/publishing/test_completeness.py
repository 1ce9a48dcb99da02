"""Findings before publishing: which block (errors) and which are shown (warnings)."""

import datetime

import pytest

from duties.compliance import last_spring_census
from equality_portal.core.checks import Severity
from equality_portal.publishing import services
from equality_portal.publishing.completeness import statement_findings
from equality_portal.publishing.composition import statement_compose
from tests.factories import EngagementRecordFactory, ObjectiveFactory, PopulationProfileFactory


def findings(draft):
    return {f.key: f for f in statement_findings(draft=draft, data=statement_compose(draft=draft))}


def test_a_complete_statement_has_no_errors(draft):
    assert not [f for f in findings(draft).values() if f.is_error]


def test_an_aim_with_no_action_is_advice_linking_to_where_it_is_recorded(school, year):
    draft = services.statement_draft_get_or_create(school=school, year=year)
    found = findings(draft)
    finding = found["aim_evidenced_foster"]
    assert finding.severity == Severity.ADVICE
    assert not finding.is_error
    assert finding.url == f"/schools/{school.slug}/duties/actions/add/?aim=foster"


def test_no_objectives_is_an_error_naming_the_duty(school, year):
    draft = services.statement_draft_get_or_create(school=school, year=year)
    finding = findings(draft)["objectives_to_publish"]
    assert finding.is_error
    assert "at least every four years" in finding.message
    assert "specific and measurable" in finding.action


def test_objectives_published_within_four_years_meet_the_gate(school, year):
    from tests.factories import ObjectiveSetFactory

    ObjectiveSetFactory(
        school=school,
        period_start=year.start.replace(year=year.start_year - 8),
        period_end=year.start.replace(year=year.start_year - 6),
        published_on=year.start - datetime.timedelta(days=365),
    )
    draft = services.statement_draft_get_or_create(school=school, year=year)
    assert "objectives_to_publish" not in findings(draft)


def test_only_the_law_blocks_a_statement_of_a_policy_and_objectives(school, year):
    """No action under any aim, no analysis, no engagement: advice only, no error."""
    from tests.factories import ObjectiveSetFactory

    objective_set = ObjectiveSetFactory(
        school=school, period_start=year.start, period_end=year.end, published_on=year.start
    )
    ObjectiveFactory(objective_set=objective_set, title="Close the reading gap")
    draft = services.statement_draft_get_or_create(school=school, year=year)
    draft.equality_policy = "We welcome everyone."
    draft.save()
    found = findings(draft)
    assert not [f.key for f in found.values() if f.is_error]
    assert "aim_evidenced_eliminate" in found


def test_an_engagement_without_outcome_is_a_warning_linking_to_the_record(draft, school, year):
    record = EngagementRecordFactory(school=school, academic_year=year.start_year, outcome="")
    finding = findings(draft)["engagement_outcomes"]
    assert finding.severity == Severity.ADVICE
    assert not finding.is_error
    assert finding.url.endswith(f"/engagement/records/{record.pk}/edit/")


def test_an_unmeasurable_objective_is_a_warning(draft, school):
    ObjectiveFactory(objective_set=school.objective_sets.get(), title="Promote British values")
    finding = findings(draft)["objectives_measurable"]
    assert finding.severity == Severity.ADVICE
    assert "Promote British values" in finding.message


def test_staff_information_is_an_error_only_from_150_staff(draft, school):
    assert "staff_information" not in findings(draft)
    school.number_of_staff = 150
    school.save()
    assert findings(draft)["staff_information"].is_error
    PopulationProfileFactory(school=school, population="staff", census_date=draft.year.start)
    assert "staff_information" not in findings(draft)


@pytest.mark.parametrize(
    ("today", "census"),
    [
        (datetime.date(2026, 11, 22), datetime.date(2026, 1, 1)),
        (datetime.date(2026, 1, 10), datetime.date(2025, 1, 1)),  # January's not held yet
        (datetime.date(2026, 2, 1), datetime.date(2026, 1, 1)),
    ],
)
def test_the_last_spring_census(today, census):
    assert last_spring_census(today) == census


def test_approval_is_refused_with_the_list_of_errors(school, year, governor, leader):
    from django.core.exceptions import ValidationError

    draft = services.statement_draft_get_or_create(school=school, year=year)
    version = services.statement_submit(draft=draft, by=leader.user)
    with pytest.raises(ValidationError) as error:
        services.statement_approve(version=version, by=governor.user)
    message = error.value.messages[0]
    assert "Foster good relations" not in message  # advice, not an error
    assert "no equality objectives" in message


def test_the_statement_names_the_engagement_behind_an_analysis(draft, school, year):
    from tests.factories import EqualityAnalysisFactory

    analysis = EqualityAnalysisFactory(school=school, analysed_on=year.start, subject="Uniform")
    record = EngagementRecordFactory(school=school, academic_year=year.start_year, title="Survey")
    record.analyses.add(analysis)
    data = statement_compose(draft=draft)
    uniform = next(a for a in data["analyses"]["analyses"] if a["subject"] == "Uniform")
    assert uniform["engagement"] == ["Survey"]
