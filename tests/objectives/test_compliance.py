import datetime

from django.urls import reverse

from equality_portal.core.checks import Status, run_rules
from objectives.compliance import RULES
from tests.factories import ObjectiveFactory, ObjectiveSetFactory

D = datetime.date


def by_key(school, today):
    return {check.key: check for check in run_rules(RULES, school=school, today=today)}


def test_no_objectives_at_all_are_missing(school):
    found = by_key(school, D(2026, 11, 22))
    assert found["objectives_published"].status == Status.MISSING
    assert found["objectives_measurable"].status == Status.MISSING
    assert found["objectives_published"].url == reverse(
        "objectives:set_list", kwargs={"school_slug": school.slug}
    )


def test_a_draft_set_does_not_count_as_published(school):
    ObjectiveSetFactory(school=school, published_on=None)
    assert by_key(school, D(2026, 11, 22))["objectives_published"].status == Status.MISSING


def test_objectives_older_than_their_period_are_overdue(school):
    ObjectiveSetFactory(
        school=school,
        period_start=D(2020, 9, 1),
        period_end=D(2022, 8, 31),
        published_on=D(2020, 9, 1),
    )
    check = by_key(school, D(2026, 11, 22))["objectives_published"]
    assert check.status == Status.OVERDUE
    assert check.due == D(2022, 8, 31)
    assert check.url == reverse("objectives:set_add", kwargs={"school_slug": school.slug})


def test_a_current_set_is_met_then_due_soon(school):
    ObjectiveSetFactory(school=school)  # published 1/10/2024, period ends 31/8/2028
    assert by_key(school, D(2026, 11, 22))["objectives_published"].status == Status.MET
    assert by_key(school, D(2028, 8, 10))["objectives_published"].status == Status.DUE_SOON


def test_not_measurable_objectives_are_counted_with_a_link_to_the_first(school):
    objective_set = ObjectiveSetFactory(school=school)
    ObjectiveFactory(objective_set=objective_set, number=1, measured=True)
    second = ObjectiveFactory(objective_set=objective_set, number=2)
    ObjectiveFactory(objective_set=objective_set, number=3)
    check = by_key(school, D(2026, 11, 22))["objectives_measurable"]
    assert check.status == Status.MISSING
    assert "2 of 3 objectives" in check.summary
    assert check.url == reverse(
        "objectives:objective_edit", kwargs={"school_slug": school.slug, "pk": second.pk}
    )


def test_every_objective_measurable_is_met(school):
    ObjectiveFactory(objective_set=ObjectiveSetFactory(school=school), measured=True)
    assert by_key(school, D(2026, 11, 22))["objectives_measurable"].status == Status.MET
