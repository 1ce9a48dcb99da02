import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from objectives.models import (
    BASELINE_AFTER_TARGET,
    MEASURE_NEEDS_NAME,
    Objective,
    ObjectiveSet,
    add_years,
    format_value,
)
from tests.factories import ObjectiveFactory, ObjectiveSetFactory

D = datetime.date


def test_a_period_of_exactly_four_years_is_allowed(school):
    ObjectiveSet(
        school=school, title="2024-2028", period_start=D(2024, 9, 1), period_end=D(2028, 8, 31)
    ).full_clean()


def test_a_period_longer_than_four_years_is_accepted(school):
    objective_set = ObjectiveSet(
        school=school, title="Five years", period_start=D(2023, 9, 1), period_end=D(2028, 8, 31)
    )
    objective_set.full_clean()
    assert objective_set.longer_than_four_years


def test_the_database_refuses_a_period_ending_before_it_starts(school):
    with pytest.raises(IntegrityError):
        ObjectiveSet.objects.create(
            school=school, title="Backwards", period_start=D(2024, 9, 1), period_end=D(2024, 1, 1)
        )


def test_the_next_set_is_due_when_the_period_ends_if_that_is_before_four_years(school):
    objective_set = ObjectiveSetFactory.build(
        school=school,
        period_start=D(2020, 9, 1),
        period_end=D(2022, 8, 31),
        published_on=D(2020, 10, 1),
    )
    assert objective_set.legal_deadline == D(2024, 10, 1)
    assert objective_set.next_due == D(2022, 8, 31)


def test_the_next_set_is_due_four_years_after_publication_at_the_latest(school):
    objective_set = ObjectiveSetFactory.build(
        school=school,
        period_start=D(2024, 9, 1),
        period_end=D(2028, 8, 31),
        published_on=D(2024, 7, 1),
    )
    assert objective_set.next_due == D(2028, 7, 1)


def test_a_leap_day_plus_four_years_is_the_same_leap_day_or_the_28th():
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)


@pytest.mark.parametrize(
    ("fields", "measurable"),
    [
        ({}, False),
        ({"measured": True}, True),
        ({"success_criteria": "Every club has SEND members", "target_date": D(2027, 7, 1)}, True),
        ({"success_criteria": "Every club has SEND members"}, False),
        ({"target_date": D(2027, 7, 1)}, False),
    ],
)
def test_measurable_means_a_numeric_measure_or_dated_success_criteria(db, fields, measurable):
    objective = ObjectiveFactory(**fields)
    assert objective.is_measurable is measurable
    # The query and the property agree.
    assert Objective.objects.measurable().filter(pk=objective.pk).exists() is measurable
    assert Objective.objects.not_measurable().filter(pk=objective.pk).exists() is not measurable


def test_a_whole_school_objective_needs_no_group(db):
    objective = ObjectiveFactory.build(
        objective_set=ObjectiveSetFactory(), characteristics=[], groups=[], wider_group=""
    )
    objective.full_clean()


def test_a_wider_group_such_as_pupil_premium_is_enough(db):
    objective = ObjectiveFactory.build(
        objective_set=ObjectiveSetFactory(), characteristics=[], groups=["disadvantaged"]
    )
    objective.full_clean()


@pytest.mark.parametrize(
    ("field", "value"),
    [("aims", ["kindness"]), ("characteristics", ["height"]), ("groups", "disadvantaged")],
)
def test_unknown_choices_are_refused(db, field, value):
    objective = ObjectiveFactory.build(objective_set=ObjectiveSetFactory(), **{field: value})
    with pytest.raises(ValidationError) as error:
        objective.full_clean()
    assert field in error.value.message_dict


def test_a_baseline_after_the_target_is_refused_and_the_database_agrees(db):
    objective = ObjectiveFactory.build(
        objective_set=ObjectiveSetFactory(), measured=True, baseline_date=D(2027, 9, 1)
    )
    with pytest.raises(ValidationError) as error:
        objective.full_clean()
    assert error.value.message_dict["baseline_date"] == [BASELINE_AFTER_TARGET]
    with pytest.raises(IntegrityError):
        objective.save()


def test_a_target_date_outside_the_sets_period_is_refused(db):
    objective = ObjectiveFactory.build(
        objective_set=ObjectiveSetFactory(), measured=True, target_date=D(2029, 7, 31)
    )
    with pytest.raises(ValidationError) as error:
        objective.full_clean()
    assert "within the set's period, 1 September 2024 to 31 August 2028" in str(
        error.value.message_dict["target_date"]
    )


def test_a_value_asks_for_what_is_measured_but_not_a_date_the_school_did_not_give(db):
    objective = ObjectiveFactory.build(
        objective_set=ObjectiveSetFactory(), baseline_value=Decimal("68")
    )
    with pytest.raises(ValidationError) as error:
        objective.full_clean()
    errors = error.value.message_dict
    assert set(errors) == {"measure"}
    assert errors["measure"] == [MEASURE_NEEDS_NAME]


def test_a_baseline_may_come_before_a_target(db):
    objective = ObjectiveFactory.build(
        objective_set=ObjectiveSetFactory(),
        measure="Attendance of pupils with SEND",
        unit="%",
        baseline_value=Decimal("91.5"),
        baseline_date=D(2024, 9, 1),
    )
    objective.full_clean()
    assert not objective.has_numeric_measure


def test_a_target_may_be_qualitative(db):
    objective = ObjectiveFactory.build(
        objective_set=ObjectiveSetFactory(),
        target_text="Every member of staff trained in inclusive teaching",
        target_date=D(2026, 7, 31),
    )
    objective.full_clean()
    objective.save()
    assert objective.is_measurable
    assert Objective.objects.measurable().filter(pk=objective.pk).exists()


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (Decimal("68.00"), "%", "68%"),
        (Decimal("12.50"), "points", "12.5 points"),
        (Decimal("3"), "", "3"),
        (None, "%", ""),
    ],
)
def test_values_are_written_as_people_write_them(value, unit, shown):
    assert format_value(value, unit) == shown
