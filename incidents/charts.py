"""The geometry of the inline SVG bar chart of incidents over terms.

A suppressed count is never drawn at its real height: it is a hatched band from zero up to the
threshold, labelled "fewer than N", which says no more than the table beside it.
"""

from dataclasses import dataclass

from equality_portal.core.academic_year import Term
from equality_portal.core.suppression import Cell

WIDTH = 640
HEIGHT = 280
LEFT = 44
RIGHT = 12
TOP = 28
BOTTOM = 52


@dataclass(frozen=True)
class Bar:
    term_name: str
    year_label: str
    x: float
    y: float
    width: float
    height: float
    label: str
    label_x: float
    label_y: float
    suppressed: bool


@dataclass(frozen=True)
class GridLine:
    y: float
    value: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    plot_left: int
    plot_right: int
    bars: list[Bar]
    grid: list[GridLine]


def _nice_step(maximum: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if maximum / step <= 5:
            return step
    return 1000


def term_bar_chart(points: list[tuple[Term, Cell]], *, threshold: int) -> BarChart:
    """Bars for (term, cell) points; suppressed cells become hatched bands up to the threshold."""
    shown = [cell.count for _, cell in points if not cell.suppressed]
    top_value = max([*shown, threshold, 1])
    step = _nice_step(top_value)
    top_value = ((top_value + step - 1) // step) * step
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT
    baseline = TOP + plot_height
    slot = plot_width / max(len(points), 1)
    bar_width = slot * 0.6

    def scaled(value: int) -> float:
        return plot_height * value / top_value

    bars = []
    for index, (term, cell) in enumerate(points):
        x = LEFT + slot * index + (slot - bar_width) / 2
        height = scaled(threshold if cell.suppressed else cell.count)
        bars.append(
            Bar(
                term_name=term.name,
                year_label=term.academic_year.label,
                x=round(x, 1),
                y=round(baseline - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
                label=cell.display,
                label_x=round(x + bar_width / 2, 1),
                label_y=round(baseline - height - 6, 1),
                suppressed=cell.suppressed,
            )
        )
    grid = [
        GridLine(y=round(baseline - scaled(value), 1), value=value)
        for value in range(0, top_value + 1, step)
    ]
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        baseline=baseline,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        bars=bars,
        grid=grid,
    )
