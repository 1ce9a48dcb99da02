import datetime

from equality_portal.core.academic_year import AcademicYear
from objectives import selectors
from tests.factories import ObjectiveFactory, ObjectiveSetFactory, ProgressUpdateFactory

D = datetime.date


def test_the_current_set_is_the_one_whose_period_contains_the_date(school, other_school):
    old = ObjectiveSetFactory(school=school, period_start=D(2020, 9, 1), period_end=D(2022, 8, 31))
    new = ObjectiveSetFactory(school=school)  # 2024-2028
    ObjectiveSetFactory(school=other_school, period_start=D(2026, 1, 1), period_end=D(2026, 12, 1))
    assert selectors.objective_set_current(school=school, on=D(2021, 5, 1)) == old
    assert selectors.objective_set_current(school=school, on=D(2026, 5, 1)) == new
    # Between sets, the latest that had started; before any, none.
    assert selectors.objective_set_current(school=school, on=D(2023, 5, 1)) == old
    assert selectors.objective_set_current(school=school, on=D(2019, 5, 1)) is None


def test_the_statement_gets_the_years_set_with_objectives_and_latest_progress(school):
    objective_set = ObjectiveSetFactory(school=school)
    measured = ObjectiveFactory(objective_set=objective_set, number=2, measured=True)
    ObjectiveFactory(objective_set=objective_set, number=1)
    ProgressUpdateFactory(objective=measured, recorded_on=D(2025, 7, 1), value=69)
    latest = ProgressUpdateFactory(objective=measured, recorded_on=D(2026, 7, 1), value=71)
    statement_set = selectors.objectives_for_statement(
        school=school, academic_year=AcademicYear(2025)
    )
    assert statement_set == objective_set
    objectives = list(statement_set.objectives.all())
    assert [o.number for o in objectives] == [1, 2]
    assert objectives[1].latest_progress == latest
    assert objectives[0].latest_progress is None


def test_not_measurable_objectives_of_a_set_in_order(school):
    objective_set = ObjectiveSetFactory(school=school)
    ObjectiveFactory(objective_set=objective_set, number=2)
    ObjectiveFactory(objective_set=objective_set, number=1, measured=True)
    ObjectiveFactory(objective_set=objective_set, number=3)
    flagged = selectors.objectives_not_measurable(objective_set=objective_set)
    assert [o.number for o in flagged] == [2, 3]
