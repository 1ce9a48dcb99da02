import itertools

import pytest

from equality_portal.core.suppression import (
    disclose,
    disclose_percentage,
    possible_values,
    suppress_count,
    suppress_counts,
    suppress_table,
    suppressed_difference,
)


def shown(cells):
    return {key: cell.display for key, cell in cells.items()}


def test_small_counts_are_shown_as_fewer_than_the_threshold_and_the_rest_rounded():
    result = suppress_counts({"race": 12, "sexist": 3, "disability": 0, "homophobic": 9})
    assert result["sexist"].display == "fewer than 5"
    assert result["sexist"].count is None
    assert result["disability"].display == "0"
    assert result["race"].display == "10"
    assert result["homophobic"].display == "10"
    assert result.total.display == "25"


def test_rounding_is_to_the_nearest_five_and_never_below_the_threshold():
    assert [disclose(n).display for n in (5, 6, 7, 8, 12, 13)] == ["5", "5", "5", "10", "10", "15"]
    # With a threshold of 7, 7 is not shown as 5, which would read as below the threshold.
    assert disclose(7, threshold=7).display == "10"
    assert disclose(3, threshold=3).display == "5"
    assert disclose(2, threshold=3).display == "fewer than 3"


def test_every_shown_figure_stands_for_at_least_three_true_values_except_zero():
    for threshold in range(3, 21):
        for count in range(0, 200):
            cell = disclose(count, threshold=threshold)
            behind = possible_values(cell.count, threshold)
            assert count in behind
            assert cell.count == 0 or len(behind) >= 2
            # Every value in the range gives the same shown figure.
            assert {disclose(n, threshold=threshold).count for n in behind} == {cell.count}


def test_percentages_are_only_of_shown_figures():
    result = suppress_counts({"a": 50, "b": 46, "c": 4})
    assert result["a"].percentage_display == "50%"
    assert result["c"].percentage is None
    assert result["c"].percentage_display == "–"


def test_a_published_percentage_is_suppressed_with_its_count():
    # 0.2% of 842 pupils is 2; 2.6% of 38 is 1; 23% of 9 governors is 2.
    assert disclose_percentage(0.2, headcount=842).suppressed
    assert disclose_percentage(2.6, headcount=38).suppressed
    assert disclose_percentage(23, headcount=9).suppressed
    # 62% of 499 is 310: shown as 310 of 500, 62%.
    assert disclose_percentage(62, headcount=499).percentage_display == "62%"


def test_the_threshold_is_set_per_school_but_never_below_three():
    assert suppress_counts({"a": 7, "b": 20}, threshold=10)["a"].display == "fewer than 10"
    assert suppress_counts({"a": 2, "b": 20, "c": 30}, threshold=3)["a"].display == "fewer than 3"
    with pytest.raises(ValueError, match="below 3"):
        suppress_counts({"a": 1}, threshold=2)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        suppress_counts({"a": -1})


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
    for r, row in result.rows.items():
        for c, cell in row.items():
            assert cell.suppressed or not (0 < cell.count < 5)
            if cell.suppressed:
                # The row total less the other cells leaves a range, never one value.
                total = possible_values(result.row_totals[r].count, 5)
                others = [possible_values(o.count, 5) for k, o in row.items() if k != c]
                low = total.start - sum(o.stop - 1 for o in others)
                high = total.stop - 1 - sum(o.start for o in others)
                assert high > low or high < 1


def test_single_counts_and_differences():
    assert suppress_count(2).display == "fewer than 5"
    assert suppress_count(0).display == "0"
    assert suppressed_difference(suppress_count(10), suppress_count(7)) == 5
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
    assert data["counts"]["b"]["count"] == 10
