"""Small-number suppression: the one function every aggregate shown to governors or the public
passes through.

A count from 1 to ``threshold - 1`` is shown as "fewer than <threshold>" (the threshold is set
per school and is never below 3). Zero is shown: it identifies nobody. A suppressed count must
not be recoverable from what is shown, so when a row or column of a table has a published total
and exactly one suppressed cell, the smallest other non-zero cell is suppressed too (secondary
suppression); when there is no such cell, the total is suppressed instead. A cell hidden only
to protect another is shown as "withheld", since "fewer than 5" would be untrue of it. The same
rule runs over the row totals against the grand total and the column totals against it,
repeatedly, until nothing changes. Percentages are shown only for shown counts of a shown total.

Use ``suppress_counts`` for one list of counts and ``suppress_table`` for a two-way table.
"""

from collections.abc import Hashable, ItemsView, Mapping
from dataclasses import dataclass, field
from typing import Any

MINIMUM_THRESHOLD = 3
DEFAULT_THRESHOLD = 5


WITHHELD = "withheld"
WITHHELD_NOTE = "“withheld” marks a figure hidden so that a small number cannot be worked out"


def fewer_than(threshold: int) -> str:
    return f"fewer than {threshold}"


def check_threshold(threshold: int) -> int:
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(f"The suppression threshold cannot be below {MINIMUM_THRESHOLD}.")
    return threshold


@dataclass(frozen=True)
class Cell:
    """One published figure: its count, or None when suppressed, and how to show it."""

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
        """The percentage to one decimal place, or "–" when it cannot be shown."""
        return "–" if self.percentage is None else f"{self.percentage:.1f}%"

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "suppressed": self.suppressed,
            "withheld": self.withheld,
            "display": self.display,
            "percentage": None if self.percentage is None else round(self.percentage, 1),
        }

    def __str__(self) -> str:
        return self.display


@dataclass
class SuppressedTable:
    """A two-way table of counts after suppression, with row, column and grand totals."""

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
    """One list of counts after suppression, with its total."""

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
            "counts": {str(key): cell.as_json() for key, cell in self.cells.items()},
            "total": self.total.as_json(),
        }


def _is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def _protect_line(
    values: list[int], hidden: list[bool], total: int, total_hidden: bool
) -> tuple[list[bool], bool, bool]:
    """Make one line (cells and their total) safe: never exactly one hidden non-zero cell
    beside a shown total. Returns (hidden, total_hidden, changed)."""
    if total_hidden:
        return hidden, total_hidden, False
    hidden_count = sum(
        1 for value, is_hidden in zip(values, hidden, strict=True) if is_hidden and value
    )
    if hidden_count != 1:
        return hidden, total_hidden, False
    candidates = [
        (value, index)
        for index, (value, is_hidden) in enumerate(zip(values, hidden, strict=True))
        if value and not is_hidden
    ]
    if candidates:
        _, index = min(candidates)
        hidden = [*hidden]
        hidden[index] = True
        return hidden, total_hidden, True
    return hidden, True, True


def suppress_table(
    table: Mapping[Hashable, Mapping[Hashable, int]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    columns: list[Hashable] | None = None,
) -> SuppressedTable:
    """Suppress a two-way table of counts ``{row: {column: count}}``.

    ``columns`` fixes the column order and adds zero columns missing from every row.
    """
    check_threshold(threshold)
    row_keys = list(table)
    column_keys = list(columns) if columns is not None else []
    for row in table.values():
        column_keys += [key for key in row if key not in column_keys]
    for row in table.values():
        for value in row.values():
            if value < 0:
                raise ValueError("Counts cannot be negative.")
    values = [[table[r].get(c, 0) for c in column_keys] for r in row_keys]
    row_sums = [sum(row) for row in values]
    column_sums = [sum(row[j] for row in values) for j in range(len(column_keys))]
    grand = sum(row_sums)

    hidden = [[_is_small(v, threshold) for v in row] for row in values]
    row_hidden = [_is_small(v, threshold) for v in row_sums]
    column_hidden = [_is_small(v, threshold) for v in column_sums]
    grand_hidden = _is_small(grand, threshold)

    changed = True
    while changed:
        changed = False
        for i in range(len(row_keys)):
            hidden[i], row_hidden[i], did = _protect_line(
                values[i], hidden[i], row_sums[i], row_hidden[i]
            )
            changed |= did
        for j in range(len(column_keys)):
            column = [hidden[i][j] for i in range(len(row_keys))]
            column, column_hidden[j], did = _protect_line(
                [values[i][j] for i in range(len(row_keys))],
                column,
                column_sums[j],
                column_hidden[j],
            )
            for i, is_hidden in enumerate(column):
                hidden[i][j] = is_hidden
            changed |= did
        row_hidden, grand_hidden, did = _protect_line(row_sums, row_hidden, grand, grand_hidden)
        changed |= did
        if len(row_keys) > 1:
            column_hidden, grand_hidden, did = _protect_line(
                column_sums, column_hidden, grand, grand_hidden
            )
            changed |= did

    def cell(count: int, is_hidden: bool, of: int | None, of_hidden: bool) -> Cell:
        if is_hidden:
            return Cell(None, threshold, withheld=not _is_small(count, threshold))
        percentage = None if of_hidden or not of else 100 * count / of
        return Cell(count, threshold, percentage)

    result = SuppressedTable(threshold=threshold)
    for i, r in enumerate(row_keys):
        result.rows[r] = {
            c: cell(values[i][j], hidden[i][j], row_sums[i], row_hidden[i])
            for j, c in enumerate(column_keys)
        }
        result.row_totals[r] = cell(row_sums[i], row_hidden[i], grand, grand_hidden)
    for j, c in enumerate(column_keys):
        result.column_totals[c] = cell(column_sums[j], column_hidden[j], grand, grand_hidden)
    result.total = cell(grand, grand_hidden, grand, grand_hidden)
    return result


def suppress_counts(
    counts: Mapping[Hashable, int], *, threshold: int = DEFAULT_THRESHOLD
) -> SuppressedCounts:
    """Suppress one list of counts ``{category: count}`` and its total.

    Percentages are of the total, shown only where both the count and the total are shown.
    """
    table = suppress_table({None: counts}, threshold=threshold, columns=list(counts))
    return SuppressedCounts(
        threshold=threshold, cells=table.rows[None], total=table.row_totals[None]
    )


def suppress_count(count: int, *, threshold: int = DEFAULT_THRESHOLD) -> Cell:
    """One count on its own, with no total beside it."""
    check_threshold(threshold)
    if count < 0:
        raise ValueError("Counts cannot be negative.")
    return Cell(None if _is_small(count, threshold) else count, threshold)


def suppressed_difference(a: Cell, b: Cell) -> int | None:
    """The difference between two published counts, or None if either is suppressed."""
    if a.count is None or b.count is None:
        return None
    return a.count - b.count
