import datetime

from django.urls import reverse

from engagement.compliance import RULES
from equality_portal.core.checks import Status, run_rules
from tests.factories import EngagementRecordFactory

TODAY = datetime.date(2026, 11, 22)  # in 2026-27


def by_key(school):
    return {check.key: check for check in run_rules(RULES, school=school, today=TODAY)}


def test_no_engagement_this_year_is_missing(school):
    EngagementRecordFactory(school=school, academic_year=2025)  # last year's does not count
    found = by_key(school)
    assert found["engagement_recorded"].status == Status.MISSING
    assert found["engagement_recorded"].url == reverse(
        "engagement:year_list", kwargs={"school_slug": school.slug, "year": 2026}
    )
    assert found["engagement_outcomes"].status == Status.MET


def test_records_without_outcomes_need_attention_with_a_link_to_the_first(school):
    EngagementRecordFactory(school=school, academic_year=2026)
    gap = EngagementRecordFactory(school=school, academic_year=2026, title="Parents", outcome="")
    found = by_key(school)
    assert found["engagement_recorded"].status == Status.MET
    outcomes = found["engagement_outcomes"]
    assert outcomes.needs_attention
    assert "“Parents”" in outcomes.summary
    assert outcomes.url == reverse(
        "engagement:record_edit", kwargs={"school_slug": school.slug, "pk": gap.pk}
    )


def test_only_incomplete_records_mean_nothing_with_an_outcome(school):
    EngagementRecordFactory(school=school, academic_year=2026, outcome="")
    assert by_key(school)["engagement_recorded"].status == Status.MISSING
