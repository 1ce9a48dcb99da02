import datetime
from decimal import Decimal

import pytest

from duties import selectors
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.equality import Aim
from tests.factories import (
    ActionFactory,
    EqualityAnalysisFactory,
    OutcomeMeasureFactory,
    PopulationProfileFactory,
    ProfileFigureFactory,
)

YEAR = AcademicYear(2025)


def rows(table):
    return {row.label: (row.count, row.percent) for row in table.rows}


@pytest.fixture
def profile(school):
    profile = PopulationProfileFactory(school=school)
    for category, count in [("female", 120), ("male", 118), ("not_known", 2)]:
        ProfileFigureFactory(profile=profile, category_type="sex", category=category, count=count)
    return profile


def test_actions_by_aim_lists_an_action_under_each_aim_it_serves(school, other_school):
    both = ActionFactory(school=school, aims=["eliminate", "foster"], title="Both")
    ActionFactory(school=school, aims=["advance"], academic_year=2024)
    ActionFactory(school=other_school, aims=["eliminate"])
    aims = selectors.actions_for_statement(school=school, academic_year=YEAR)
    assert [entry.aim for entry in aims] == list(Aim)
    assert [entry.actions for entry in aims] == [[both], [], [both]]


def test_governors_see_small_counts_suppressed_and_unrecoverable(profile):
    view = selectors.profile_view(profile=profile, suppressed=True)
    table = view.tables[0]
    # 2 is suppressed and the rest rounded: 240 - 120 - 120 leaves a range, not the 2.
    assert rows(table) == {
        "Female": ("120", "50%"),
        "Male": ("120", "50%"),
        "Not known": ("fewer than 5", "–"),
    }
    assert table.total == "240"
    assert view.any_suppressed


def test_leadership_see_exact_counts(profile):
    table = selectors.profile_view(profile=profile, suppressed=False).tables[0]
    assert rows(table) == {
        "Female": ("120", "50.0%"),
        "Male": ("118", "49.2%"),
        "Not known": ("2", "0.8%"),
    }
    assert table.total == "240"


def test_the_threshold_is_the_schools(profile, school):
    school.suppression_threshold = 3
    school.save()
    table = selectors.profile_view(profile=profile, suppressed=True).tables[0]
    assert rows(table)["Not known"] == ("fewer than 3", "–")


def test_ethnicity_is_grouped_under_major_categories_with_subtotals(school):
    profile = PopulationProfileFactory(school=school)
    for code, count in [("WBRI", 200), ("WIRI", 3), ("WOTH", 30), ("AIND", 40), ("APKN", 12)]:
        ProfileFigureFactory(profile=profile, category_type="ethnicity", category=code, count=count)
    table = selectors.profile_view(profile=profile, suppressed=True).tables[0]
    assert [(row.label, row.is_subtotal, row.count) for row in table.rows] == [
        ("White", True, "235"),
        ("White – British", False, "200"),
        ("White – Irish", False, "fewer than 5"),
        ("Any other White background", False, "30"),
        ("Asian or Asian British", True, "50"),
        ("Indian", False, "40"),
        ("Pakistani", False, "10"),
    ]
    assert table.total == "285"


def test_a_published_percentage_that_reveals_a_small_group_is_withheld(school):
    profile = PopulationProfileFactory(school=school)
    ProfileFigureFactory(profile=profile, category_type="sex", category="female", count=100)
    ProfileFigureFactory(profile=profile, category_type="sex", category="male", count=100)
    ProfileFigureFactory(
        profile=profile, category_type="eal", category="eal", count=None, percent=Decimal("1.5")
    )
    ProfileFigureFactory(
        profile=profile, category_type="eal", category="english", count=None, percent=Decimal(90)
    )
    tables = {
        t.category_type: t for t in selectors.profile_view(profile=profile, suppressed=True).tables
    }
    assert rows(tables["eal"]) == {
        "First language English": ("–", "90%"),
        "First language other than English": ("–", "not shown: fewer than 5 people"),
    }
    exact = {
        t.category_type: t for t in selectors.profile_view(profile=profile, suppressed=False).tables
    }
    assert rows(exact["eal"])["First language other than English"] == ("–", "1.5%")


def test_custom_groups_are_suppressed_one_by_one(school):
    profile = PopulationProfileFactory(school=school)
    ProfileFigureFactory(profile=profile, category_type="custom", category="Young carers", count=4)
    ProfileFigureFactory(
        profile=profile, category_type="custom", category="Service children", count=9
    )
    table = selectors.profile_view(profile=profile, suppressed=True).tables[0]
    assert rows(table) == {
        "Young carers": ("fewer than 5", "–"),
        "Service children": ("10", "–"),  # 9, rounded
    }
    assert table.total is None


def test_the_statement_takes_the_latest_census_of_each_population_suppressed(school):
    older = PopulationProfileFactory(school=school, census_date=datetime.date(2025, 10, 2))
    newer = PopulationProfileFactory(school=school, census_date=datetime.date(2026, 1, 15))
    staff = PopulationProfileFactory(school=school, population="staff")
    PopulationProfileFactory(school=school, census_date=datetime.date(2025, 1, 16))  # 2024-25
    views = selectors.population_profiles_for_statement(school=school, academic_year=YEAR)
    assert [view.profile for view in views] == [newer, staff]
    assert all(view.suppressed for view in views)
    assert older not in [view.profile for view in views]


def test_an_outcome_for_a_small_group_hides_its_value_and_the_gap(school):
    OutcomeMeasureFactory(school=school, group_size=4, group_value=Decimal("25.0"))
    OutcomeMeasureFactory(school=school, group_size=40, group="Boys", group_value=Decimal("61.5"))
    hidden, shown = sorted(
        selectors.outcome_measures_for_statement(school=school, academic_year=YEAR),
        key=lambda row: row.measure.group,
    )[::-1]
    assert (hidden.group_size, hidden.group_value, hidden.difference) == (
        "fewer than 5",
        "fewer than 5",
        "not shown",
    )
    assert (shown.group_size, shown.group_value, shown.comparison_value, shown.difference) == (
        "40",
        "61.5%",
        "72.1%",
        "-10.6 points",
    )


def test_an_outcome_counting_people_is_suppressed_when_small(school):
    measure = OutcomeMeasureFactory(
        school=school,
        measure="exclusions",
        unit="count",
        group_size=None,
        group_value=Decimal(2),
        comparison_value=Decimal(11),
    )
    row = selectors.outcome_row(measure, suppressed=True, threshold=5)
    assert (row.group_value, row.comparison_value, row.difference) == (
        "fewer than 5",
        "10",  # 11, rounded
        "not shown",
    )
    exact = selectors.outcome_row(measure, suppressed=False, threshold=5)
    assert (exact.group_value, exact.difference) == ("2", "-9")


def test_analyses_for_the_statement_are_those_of_the_year(school):
    this_year = EqualityAnalysisFactory(school=school, analysed_on=datetime.date(2026, 8, 31))
    EqualityAnalysisFactory(school=school, analysed_on=datetime.date(2025, 8, 31))
    assert list(selectors.equality_analyses_for_statement(school=school, academic_year=YEAR)) == [
        this_year
    ]
