import datetime
from decimal import Decimal

from objectives.charts import progress_chart
from tests.factories import ObjectiveFactory, ProgressUpdateFactory


def test_an_objective_without_a_numeric_measure_has_no_chart(db):
    assert progress_chart(ObjectiveFactory()) is None


def test_the_chart_runs_from_baseline_to_target_with_each_value(db):
    objective = ObjectiveFactory(measured=True)  # 68% on 1/9/2024 to 73% by 31/7/2027
    ProgressUpdateFactory(objective=objective, recorded_on=datetime.date(2025, 7, 15), value=70)
    ProgressUpdateFactory(
        objective=objective,
        recorded_on=datetime.date(2026, 7, 15),
        value=Decimal("69.5"),
        rag="amber",
    )
    chart = progress_chart(objective)
    assert chart.baseline.x == chart.plot_left
    assert chart.target.x == chart.plot_right
    # A higher value is drawn higher up, i.e. with a smaller y.
    assert chart.target.y < chart.points[0].y < chart.baseline.y
    assert chart.points[0].y < chart.points[1].y
    assert chart.summary == (
        "Baseline 68% on 1 September 2024; target 73% by 31 July 2027; "
        "latest 69.5% on 15 July 2026 (Amber: at risk)."
    )
    assert [tick.label for tick in chart.y_ticks] == ["68%", "70%", "72%", "74%"]
    assert chart.line.count(",") == 3  # baseline and two updates


def test_a_value_beyond_the_target_date_widens_the_chart(db):
    objective = ObjectiveFactory(measured=True, target_date=datetime.date(2025, 7, 31))
    ProgressUpdateFactory(objective=objective, recorded_on=datetime.date(2025, 9, 1), value=75)
    chart = progress_chart(objective)
    assert chart.points[0].x == chart.plot_right
    assert chart.target.x < chart.plot_right
    assert chart.points[0].y < chart.target.y
