import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from duties.models import (
    DATE_OUTSIDE_TERM,
    DATE_OUTSIDE_YEAR,
    NO_AIM,
    Action,
    Outcome,
    add_months,
)
from tests.factories import (
    ActionFactory,
    EqualityAnalysisFactory,
    PolicyFactory,
    PolicyReviewFactory,
    ProfileFigureFactory,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 3, 1), 12, datetime.date(2025, 3, 1)),
        (datetime.date(2024, 11, 15), 3, datetime.date(2025, 2, 15)),
        (datetime.date(2024, 2, 29), 24, datetime.date(2026, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_the_months_end(day, months, expected):
    assert add_months(day, months) == expected


def test_an_action_dated_outside_its_academic_year_is_refused(school):
    action = ActionFactory.build(school=school, academic_year=2024, date=datetime.date(2025, 9, 1))
    with pytest.raises(ValidationError) as error:
        action.full_clean(exclude=["created_by"])
    assert error.value.message_dict["date"] == [
        DATE_OUTSIDE_YEAR.format(date="1 September 2025", year="2024-25")
    ]


def test_an_action_dated_outside_its_term_is_refused(school):
    action = ActionFactory.build(
        school=school, academic_year=2024, date=datetime.date(2025, 1, 10), term="autumn"
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean(exclude=["created_by"])
    assert error.value.message_dict["date"] == [
        DATE_OUTSIDE_TERM.format(date="10 January 2025", term="autumn")
    ]


def test_an_action_needs_an_aim_and_known_characteristics(school):
    action = ActionFactory.build(school=school, aims=[], characteristics=["race", "height"])
    with pytest.raises(ValidationError) as error:
        action.full_clean(exclude=["created_by"])
    assert error.value.message_dict["aims"] == [NO_AIM]
    assert error.value.message_dict["characteristics"] == ["'height' is not one of the choices."]


def test_actions_filter_by_aim_and_characteristic_exactly(school):
    both = ActionFactory(school=school, aims=["eliminate", "foster"], characteristics=["sex"])
    orientation = ActionFactory(
        school=school, aims=["advance"], characteristics=["sexual_orientation"]
    )
    assert list(Action.objects.for_aim("foster")) == [both]
    assert list(Action.objects.for_characteristic("sex")) == [both]
    assert list(Action.objects.for_characteristic("sexual_orientation")) == [orientation]


def test_a_policys_next_review_follows_its_last_review_and_cycle(school):
    policy = PolicyFactory(school=school, review_cycle_months=24)
    assert policy.next_review_due is None
    assert policy.is_overdue(datetime.date(2026, 1, 1))  # no review or adoption known
    PolicyReviewFactory(policy=policy, reviewed_on=datetime.date(2018, 7, 1))
    PolicyReviewFactory(policy=policy, reviewed_on=datetime.date(2025, 3, 31))
    assert policy.next_review_due == datetime.date(2027, 3, 31)
    assert not policy.is_overdue(datetime.date(2027, 3, 31))
    assert policy.is_overdue(datetime.date(2027, 4, 1))


def test_a_continued_outcome_needs_a_justification_in_the_database(school):
    with pytest.raises(IntegrityError), transaction.atomic():
        EqualityAnalysisFactory(school=school, outcome=Outcome.CONTINUED)


def test_a_count_over_the_headcount_and_a_percentage_over_100_are_refused_naming_both(school):
    profile = ProfileFigureFactory(profile__school=school, profile__headcount=387).profile
    figure = ProfileFigureFactory.build(
        profile=profile, category_type="sex", category="male", count=400, percent=Decimal("100.5")
    )
    with pytest.raises(ValidationError) as error:
        figure.clean_alone()
    assert error.value.message_dict == {
        "percent": ["100.5% is over 100%: a percentage is at most 100."]
    }
    figure.percent = None
    with pytest.raises(ValidationError) as error:
        figure.clean_alone()
    assert error.value.message_dict == {
        "count": ["The count, 400, is more than the headcount of 387."]
    }


def test_a_percentage_over_100_is_refused_by_the_database(school):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProfileFigureFactory(profile__school=school, count=10, comparator_la_percent=Decimal(101))


def test_a_category_in_the_schools_words_is_kept_whole_and_a_formula_refused(school):
    profile = ProfileFigureFactory(profile__school=school).profile
    name = "Pupils whose families have arrived in the UK in the last two years " * 3
    figure = ProfileFigureFactory(
        profile=profile, category_type="ethnicity", category=name.strip(), count=12
    )
    figure.full_clean()
    figure.refresh_from_db()
    assert figure.category == name.strip()  # no cut at 120 characters
    assert figure.label == name.strip()
    formula = ProfileFigureFactory.build(
        profile=profile, category_type="custom", category="=SUM(A1:A9)", count=3
    )
    with pytest.raises(ValidationError) as error:
        formula.full_clean()
    assert "looks like a spreadsheet formula" in error.value.message_dict["category"][0]
