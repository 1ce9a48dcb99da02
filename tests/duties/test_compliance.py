import datetime

from django.urls import reverse

from duties import compliance
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Status, run_rules
from equality_portal.core.equality import Aim
from tests.factories import (
    ActionFactory,
    EqualityAnalysisFactory,
    PolicyFactory,
    PolicyReviewFactory,
    PopulationProfileFactory,
)

TODAY = datetime.date(2026, 11, 22)  # in 2026-27


def by_key(school, today=TODAY):
    return {check.key: check for check in run_rules(compliance.RULES, school=school, today=today)}


def test_each_aim_is_checked_and_each_check_links_to_where_it_is_fixed(school):
    checks = by_key(school)
    for aim in Aim:
        check = checks[f"aim_evidenced_{aim.value}"]
        assert check.status == Status.MISSING
        assert check.url == reverse("duties:action_add", args=[school.slug]) + f"?aim={aim.value}"
    assert all(check.url.startswith(f"/schools/{school.slug}/duties/") for check in checks.values())


def test_an_aim_is_met_by_an_action_this_year_and_due_soon_on_last_years_only(school):
    ActionFactory(school=school, aims=["eliminate"], academic_year=2026)
    ActionFactory(school=school, aims=["advance"], academic_year=2025)
    checks = by_key(school)
    assert checks["aim_evidenced_eliminate"].status == Status.MET
    assert checks["aim_evidenced_eliminate"].url == reverse(
        "duties:aim", args=[school.slug, "eliminate", AcademicYear(2026)]
    )
    advance = checks["aim_evidenced_advance"]
    assert advance.status == Status.DUE_SOON
    assert advance.due == datetime.date(2027, 3, 30)
    after_the_deadline = by_key(school, today=datetime.date(2027, 4, 1))
    assert after_the_deadline["aim_evidenced_advance"].status == Status.OVERDUE
    assert checks["aim_evidenced_foster"].status == Status.MISSING


def test_policy_reviews_overdue_are_named(school):
    assert by_key(school)["policy_reviews_on_time"].status == Status.MISSING
    late = PolicyFactory(school=school, title="Anti-bullying policy")
    PolicyReviewFactory(policy=late, reviewed_on=datetime.date(2018, 7, 1))
    check = by_key(school)["policy_reviews_on_time"]
    assert check.status == Status.OVERDUE
    assert "Anti-bullying policy" in check.summary
    assert check.due == datetime.date(2019, 7, 1)


def test_policy_reviews_on_time_are_met_and_turn_due_soon(school):
    policy = PolicyFactory(school=school)
    PolicyReviewFactory(policy=policy, reviewed_on=datetime.date(2026, 1, 10))
    assert by_key(school)["policy_reviews_on_time"].status == Status.MET
    soon = by_key(school, today=datetime.date(2026, 12, 20))["policy_reviews_on_time"]
    assert soon.status == Status.DUE_SOON


def test_a_review_this_year_without_its_analysis_is_missing(school):
    policy = PolicyFactory(school=school)
    review = PolicyReviewFactory(policy=policy, reviewed_on=datetime.date(2026, 10, 1))
    check = by_key(school)["policy_reviews_analysed"]
    assert check.status == Status.MISSING
    assert "1 of 1 policy reviews in 2026-27" in check.summary
    review.equality_analysis = EqualityAnalysisFactory(school=school)
    review.save()
    assert by_key(school)["policy_reviews_analysed"].status == Status.MET


def test_monitoring_data_needs_a_recent_pupil_census(school):
    assert by_key(school)["monitoring_data_recent"].status == Status.MISSING
    PopulationProfileFactory(school=school, census_date=datetime.date(2024, 1, 18))
    assert by_key(school)["monitoring_data_recent"].status == Status.OVERDUE
    PopulationProfileFactory(school=school, census_date=datetime.date(2026, 1, 15))
    check = by_key(school)["monitoring_data_recent"]
    assert check.status == Status.MET
    assert "15 January 2026" in check.summary
