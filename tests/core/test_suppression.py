import itertools

import pytest

from equality_portal.core.suppression import (
    suppress_count,
    suppress_counts,
    suppress_table,
    suppressed_difference,
)


def shown(cells):
    return {key: cell.display for key, cell in cells.items()}


def test_small_counts_are_shown_as_fewer_than_the_threshold():
    result = suppress_counts({"race": 12, "sexist": 3, "disability": 0, "homophobic": 9})
    assert result["sexist"].display == "fewer than 5"
    assert result["sexist"].count is None
    assert result["disability"].display == "0"
    assert result["race"].display == "12"


def test_one_suppressed_cell_beside_a_total_takes_the_smallest_other_with_it():
    result = suppress_counts({"race": 12, "sexist": 3, "homophobic": 9})
    # 24 - 12 - 9 would give the 3 away, so 9 is withheld as well, and said to be withheld:
    # "fewer than 5" would be untrue of it.
    assert shown(result.cells) == {"race": "12", "sexist": "fewer than 5", "homophobic": "withheld"}
    assert result["homophobic"].withheld
    assert result.any_withheld
    assert result.total.display == "24"


def test_with_no_other_cell_to_hide_the_total_is_hidden():
    result = suppress_counts({"race": 3, "sexist": 0})
    assert result.total.suppressed
    result = suppress_counts({"race": 7, "sexist": 0, "other": 2})
    # 7 is the only partner; hiding it leaves 9 as the sum of two hidden cells.
    assert shown(result.cells) == {"race": "withheld", "sexist": "0", "other": "fewer than 5"}
    assert result.total.display == "9"


def test_percentages_are_only_shown_for_shown_counts():
    result = suppress_counts({"a": 50, "b": 46, "c": 4})
    assert result["a"].percentage_display == "50.0%"
    assert result["c"].percentage is None
    assert result["c"].percentage_display == "–"


def test_the_threshold_is_set_per_school_but_never_below_three():
    assert suppress_counts({"a": 7, "b": 20}, threshold=10)["a"].display == "fewer than 10"
    assert suppress_counts({"a": 2, "b": 20, "c": 30}, threshold=3)["a"].display == "fewer than 3"
    with pytest.raises(ValueError, match="below 3"):
        suppress_counts({"a": 1}, threshold=2)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        suppress_counts({"a": -1})


def _recoverable(table, result):
    """Every hidden cell a reader could work out exactly from the shown figures."""
    recovered = []
    for r, row in result.rows.items():
        for c, cell in row.items():
            if not cell.suppressed:
                continue
            row_total = result.row_totals[r]
            others_hidden = [k for k, other in row.items() if other.suppressed and k != c]
            if not row_total.suppressed and not [k for k in others_hidden if table[r].get(k)]:
                recovered.append((r, c))
            column_total = result.column_totals[c]
            column_hidden = [
                k for k, other_row in result.rows.items() if other_row[c].suppressed and k != r
            ]
            if not column_total.suppressed and not [k for k in column_hidden if table[k].get(c)]:
                recovered.append((r, c))
    return recovered


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_cell_of_a_table_can_be_worked_out_from_its_totals(seed):
    values = [0, 1, 2, 3, 4, 5, 6, 9, 14, 30]
    cells = itertools.islice(itertools.cycle(values[seed % 10 :] + values[: seed % 10]), 12)
    flat = list(cells)
    flat = flat[seed % 7 :] + flat[: seed % 7]
    table = {
        term: {motive: flat[i * 4 + j] for j, motive in enumerate("ABCD")}
        for i, term in enumerate(["autumn", "spring", "summer"])
    }
    result = suppress_table(table)
    for row in result.rows.values():
        for cell in row.values():
            assert cell.suppressed or not (0 < cell.count < 5)
    assert _recoverable(table, result) == []


def test_table_totals_add_up_where_shown():
    table = {"autumn": {"race": 10, "sex": 6}, "spring": {"race": 8, "sex": 12}}
    result = suppress_table(table)
    assert result.total.display == "36"
    assert result.row_totals["autumn"].display == "16"
    assert result.column_totals["sex"].display == "18"
    assert not result.any_suppressed


def test_single_counts_and_differences():
    assert suppress_count(2).display == "fewer than 5"
    assert suppress_count(0).display == "0"
    assert suppressed_difference(suppress_count(10), suppress_count(7)) == 3
    assert suppressed_difference(suppress_count(10), suppress_count(2)) is None


def test_json_form_carries_no_hidden_number():
    data = suppress_counts({"a": 2, "b": 9, "c": 20}).as_json()
    assert data["counts"]["a"] == {
        "count": None,
        "suppressed": True,
        "withheld": False,
        "display": "fewer than 5",
        "percentage": None,
    }
