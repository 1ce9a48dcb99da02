"""The progress chart: an objective's values over time against its baseline and target.

``progress_chart()`` turns an objective into coordinates for the inline SVG in
``templates/objectives/includes/progress_chart.html``, which the portal and the statement's PDF
both include (WeasyPrint draws inline SVG). The template puts a table of the same values beside
the chart as its text alternative.
"""

import datetime
import math
from dataclasses import dataclass, field

from .models import Objective, format_value, long_date

WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 20, 48


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # what a screen reader or a tooltip gives for the point


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass
class ProgressChart:
    title: str
    summary: str
    width: int = WIDTH
    height: int = HEIGHT
    baseline: Point | None = None
    target: Point | None = None
    points: list[Point] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def line(self) -> str:
        """The SVG ``points`` of the actual progress, from the baseline through each update."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in [self.baseline, *self.points])

    @property
    def x_axis_label_y(self) -> int:
        return self.plot_bottom + 20

    @property
    def y_axis_label_x(self) -> int:
        return self.plot_left - 8


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about four intervals."""
    rough = span / 4
    power = 10 ** math.floor(math.log10(rough))
    for multiple in (1, 2, 5, 10):
        if rough <= multiple * power:
            return multiple * power
    return 10 * power  # pragma: no cover (the loop always returns)


def _summary(objective: Objective, updates) -> str:
    unit = objective.unit
    parts = [
        f"Baseline {objective.baseline_display} on {long_date(objective.baseline_date)}",
        f"target {objective.target_display} by {long_date(objective.target_date)}",
    ]
    if updates:
        latest = updates[-1]
        parts.append(
            f"latest {format_value(latest.value, unit)} on {long_date(latest.recorded_on)} "
            f"({latest.get_rag_display()})"
        )
    else:
        parts.append("no progress recorded yet")
    return "; ".join(parts) + "."


def progress_chart(objective: Objective) -> ProgressChart | None:
    """The chart of an objective with a numeric measure, or None when it has none."""
    if not objective.has_numeric_measure:
        return None
    updates = [u for u in objective.progress_updates.all() if u.value is not None]
    updates.sort(key=lambda u: (u.recorded_on, u.pk))
    chart = ProgressChart(
        title=f"Progress: {objective.measure}",
        summary=_summary(objective, updates),
    )
    start = objective.baseline_date
    end = max([objective.target_date, *(u.recorded_on for u in updates)])
    values = [float(objective.baseline_value), float(objective.target_value)]
    values += [float(u.value) for u in updates]
    low, high = min(values), max(values)
    step = _nice_step(high - low) if high > low else max(1.0, abs(high) / 4 or 1.0)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if high == low:
        high = low + step

    def x_at(day: datetime.date) -> float:
        span = (end - start).days or 1
        return chart.plot_left + (day - start).days / span * (chart.plot_right - chart.plot_left)

    def y_at(value: float) -> float:
        share = (value - low) / (high - low)
        return chart.plot_bottom - share * (chart.plot_bottom - chart.plot_top)

    unit = objective.unit
    chart.baseline = Point(
        x_at(start),
        y_at(float(objective.baseline_value)),
        f"Baseline {objective.baseline_display}, {long_date(start)}",
    )
    chart.target = Point(
        x_at(objective.target_date),
        y_at(float(objective.target_value)),
        f"Target {objective.target_display} by {long_date(objective.target_date)}",
    )
    chart.points = [
        Point(
            x_at(u.recorded_on),
            y_at(float(u.value)),
            f"{format_value(u.value, unit)}, {long_date(u.recorded_on)}: {u.get_rag_display()}",
        )
        for u in updates
    ]
    count = round((high - low) / step)
    chart.y_ticks = [
        Tick(y_at(low + i * step), format_value(_tidy(low + i * step), unit))
        for i in range(count + 1)
    ]
    chart.x_ticks = [
        Tick(x_at(start), f"{start:%b %Y}"),
        Tick(x_at(end), f"{end:%b %Y}"),
    ]
    return chart


def _tidy(value: float):
    """Drop float noise from a tick value (0.30000000000000004 becomes 0.3)."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded
