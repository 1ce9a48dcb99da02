"""Disclosure control: the one policy every figure shown to governors or the public follows.

The method is **small cells suppressed, everything else rounded to base 5**, applied to each
figure on its own, with percentages worked out only from figures already shown:

- 0 is shown as 0 (it identifies nobody);
- 1 up to ``threshold - 1`` is shown as "fewer than <threshold>" (the threshold is set per
  school and is never below 3);
- any other count -- a cell, a subtotal, a total, a headcount, a trust's total -- is rounded
  to the nearest 5 (halves up), and never shown below the first multiple of 5 at or over the
  threshold, so "fewer than 5" and "5" never overlap;
- a percentage is the shown count over the shown headcount (whole percent), or the school's own
  percentage only where it says no more than that; a percentage whose count is below the
  threshold is suppressed with it.

Every shown figure therefore stands for at least five possible true values, except an exact 0.
Subtracting two shown figures -- two versions, a page before and after one record, a trust
total and its schools, a year and its terms, a total and its parts -- leaves a range at least
nine values wide, never one small number; dividing a percentage by its headcount gives back
only the rounded count. No figure depends on another, so there is no pattern of secondary
suppression to change between versions and be played off against itself.

``disclose`` is the policy for one count; ``suppress_counts`` and ``suppress_table`` apply it to
a list or a two-way table with its totals; ``disclose_percentage`` to a percentage.
"""

import math
from collections.abc import Hashable, ItemsView, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

MINIMUM_THRESHOLD = 3
DEFAULT_THRESHOLD = 5
ROUNDING_BASE = 5


WITHHELD = "withheld"
WITHHELD_NOTE = "“withheld” marks a figure hidden so that a small number cannot be worked out"
ROUNDED_NOTE = (
    "Figures are rounded to the nearest 5, and totals are rounded on their own, so parts may "
    "not add up to the total."
)


def fewer_than(threshold: int) -> str:
    return f"fewer than {threshold}"


def check_threshold(threshold: int) -> int:
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(f"The suppression threshold cannot be below {MINIMUM_THRESHOLD}.")
    return threshold


def smallest_shown(threshold: int) -> int:
    """The smallest non-zero figure ever shown: the first multiple of the base at or over the
    threshold."""
    return ROUNDING_BASE * math.ceil(threshold / ROUNDING_BASE)


def round_to_base(count: int, threshold: int) -> int:
    """A count at or over the threshold rounded to the nearest 5 (halves up)."""
    rounded = ROUNDING_BASE * ((2 * count + ROUNDING_BASE) // (2 * ROUNDING_BASE))
    return max(rounded, smallest_shown(threshold))


def possible_values(shown: int | None, threshold: int) -> range:
    """Every true count that could lie behind a shown figure (None for "fewer than")."""
    if shown is None:
        return range(1, threshold)
    if shown == 0:
        return range(0, 1)
    low = max(threshold, shown - ROUNDING_BASE // 2)
    if shown == smallest_shown(threshold):
        low = threshold
    return range(low, shown + (ROUNDING_BASE - 1) // 2 + 1)


@dataclass(frozen=True)
class Cell:
    """One published figure: its shown (rounded) count, or None when suppressed."""

    count: int | None
    threshold: int
    percentage: float | None = None
    withheld: bool = False  # hidden to protect another cell, not because it is small

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def display(self) -> str:
        if self.count is not None:
            return str(self.count)
        return WITHHELD if self.withheld else fewer_than(self.threshold)

    @property
    def percentage_display(self) -> str:
        """The percentage to a whole number, or "–" when it cannot be shown."""
        return "–" if self.percentage is None else f"{self.percentage:.0f}%"

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "suppressed": self.suppressed,
            "withheld": self.withheld,
            "display": self.display,
            "percentage": None if self.percentage is None else round(self.percentage),
        }

    def __str__(self) -> str:
        return self.display


def disclose(count: int, *, threshold: int = DEFAULT_THRESHOLD) -> Cell:
    """The policy for one count: 0 as 0, a small count as "fewer than", the rest rounded."""
    check_threshold(threshold)
    if count < 0:
        raise ValueError("Counts cannot be negative.")
    if count == 0:
        return Cell(0, threshold)
    if count < threshold:
        return Cell(None, threshold)
    return Cell(round_to_base(count, threshold), threshold)


def percentage_of(part: Cell, whole: Cell) -> float | None:
    """A shown count as a percentage of a shown whole, or None when either is hidden."""
    if part.count is None or not whole.count:
        return None
    return min(100.0, 100 * part.count / whole.count)


def _with_percentage(part: Cell, whole: Cell) -> Cell:
    return Cell(part.count, part.threshold, percentage_of(part, whole), part.withheld)


def disclose_percentage(
    percent: Decimal | float, *, headcount: int | None, threshold: int = DEFAULT_THRESHOLD
) -> Cell:
    """A percentage the school published, for a population of ``headcount``.

    With a headcount, the count behind the percentage is disclosed like any count and the
    percentage shown is that rounded count over the rounded headcount, so the percentage gives
    away nothing its count does not. Without a headcount nothing can be worked out from it,
    and it is shown to a whole number.
    """
    check_threshold(threshold)
    if headcount is None or headcount <= 0:
        return Cell(None, threshold, percentage=float(round(Decimal(percent))))
    implied = round(Decimal(percent) * headcount / 100)
    return _with_percentage(
        disclose(implied, threshold=threshold), disclose(headcount, threshold=threshold)
    )


@dataclass
class SuppressedTable:
    """A two-way table of counts after disclosure control, with row, column and grand totals."""

    threshold: int
    rows: dict[Hashable, dict[Hashable, Cell]] = field(default_factory=dict)
    row_totals: dict[Hashable, Cell] = field(default_factory=dict)
    column_totals: dict[Hashable, Cell] = field(default_factory=dict)
    total: Cell | None = None

    def _cells(self) -> list[Cell]:
        cells = [cell for row in self.rows.values() for cell in row.values()]
        cells += [*self.row_totals.values(), *self.column_totals.values()]
        return cells if self.total is None else [*cells, self.total]

    @property
    def any_suppressed(self) -> bool:
        return any(cell.suppressed for cell in self._cells())

    @property
    def any_withheld(self) -> bool:
        return any(cell.withheld for cell in self._cells())


@dataclass
class SuppressedCounts:
    """One list of counts after disclosure control, with its total."""

    threshold: int
    cells: dict[Hashable, Cell]
    total: Cell

    @property
    def any_suppressed(self) -> bool:
        return self.total.suppressed or any(cell.suppressed for cell in self.cells.values())

    @property
    def any_withheld(self) -> bool:
        return self.total.withheld or any(cell.withheld for cell in self.cells.values())

    def items(self) -> ItemsView[Hashable, Cell]:
        return self.cells.items()

    def __getitem__(self, key: Hashable) -> Cell:
        return self.cells[key]

    def as_json(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "rounded_to": ROUNDING_BASE,
            "counts": {str(key): cell.as_json() for key, cell in self.cells.items()},
            "total": self.total.as_json(),
        }


def suppress_table(
    table: Mapping[Hashable, Mapping[Hashable, int]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    columns: list[Hashable] | None = None,
) -> SuppressedTable:
    """Disclose a two-way table of counts ``{row: {column: count}}`` and its totals.

    Each cell and each total is disclosed on its own (``disclose``); percentages are of the
    row's shown total. ``columns`` fixes the column order and adds zero columns missing from
    every row.
    """
    check_threshold(threshold)
    row_keys = list(table)
    column_keys = list(columns) if columns is not None else []
    for row in table.values():
        column_keys += [key for key in row if key not in column_keys]
    values = [[table[r].get(c, 0) for c in column_keys] for r in row_keys]
    for row_values in values:
        for value in row_values:
            if value < 0:
                raise ValueError("Counts cannot be negative.")
    grand = disclose(sum(map(sum, values)), threshold=threshold)
    result = SuppressedTable(threshold=threshold, total=_with_percentage(grand, grand))
    for i, r in enumerate(row_keys):
        row_total = disclose(sum(values[i]), threshold=threshold)
        result.rows[r] = {
            c: _with_percentage(disclose(values[i][j], threshold=threshold), row_total)
            for j, c in enumerate(column_keys)
        }
        result.row_totals[r] = _with_percentage(row_total, grand)
    for j, c in enumerate(column_keys):
        column_total = disclose(sum(row[j] for row in values), threshold=threshold)
        result.column_totals[c] = _with_percentage(column_total, grand)
    return result


def suppress_counts(
    counts: Mapping[Hashable, int], *, threshold: int = DEFAULT_THRESHOLD
) -> SuppressedCounts:
    """Disclose one list of counts ``{category: count}`` and its total.

    Percentages are of the shown total, shown only where both the count and the total are.
    """
    table = suppress_table({None: counts}, threshold=threshold, columns=list(counts))
    return SuppressedCounts(
        threshold=threshold, cells=table.rows[None], total=table.row_totals[None]
    )


def suppress_count(count: int, *, threshold: int = DEFAULT_THRESHOLD) -> Cell:
    """One count on its own, with no total beside it."""
    return disclose(count, threshold=threshold)


def suppressed_difference(a: Cell, b: Cell) -> int | None:
    """The difference between two published counts, or None if either is suppressed."""
    if a.count is None or b.count is None:
        return None
    return a.count - b.count
