"""The pay gap engine against hand-computed figures."""

from decimal import Decimal

import pytest

from workforce.paygap import (
    ETHNICITY,
    GENDER,
    Employee,
    measures,
    publish_by,
    quartile_sizes,
    snapshot_date,
)

D = Decimal


def employees(*rows: tuple[str, str, str]) -> list[Employee]:
    return [Employee(group, D(pay), D(bonus)) for group, pay, bonus in rows]


WORKED_EXAMPLE = employees(
    # group,  hourly pay, bonus in the twelve months
    ("male", "10", "0"),
    ("male", "12", "100"),
    ("male", "14", "0"),
    ("male", "16", "300"),
    ("male", "20", "500"),
    ("female", "9", "0"),
    ("female", "10", "40"),
    ("female", "11", "50"),
    ("female", "12", "150"),
    ("female", "13", "60"),
)


def test_gender_pay_gap_matches_worked_example():
    result = measures(WORKED_EXAMPLE, GENDER)
    # Hourly pay. Men: 10 + 12 + 14 + 16 + 20 = 72, mean 72 / 5 = 14.40, median 14.
    # Women: 9 + 10 + 11 + 12 + 13 = 55, mean 55 / 5 = 11.00, median 11.
    # Mean gap (14.40 - 11) / 14.40 = 3.4 / 14.4 = 0.23611 -> 23.6%.
    assert result.mean_pay_gap == D("23.6")
    # Median gap (14 - 11) / 14 = 3 / 14 = 0.21429 -> 21.4%.
    assert result.median_pay_gap == D("21.4")
    # Bonuses, among those paid one. Men: 100, 300, 500: mean 300, median 300.
    # Women: 40, 50, 60, 150: mean 300 / 4 = 75, median (50 + 60) / 2 = 55.
    # Mean bonus gap (300 - 75) / 300 = 0.75 -> 75.0%.
    assert result.mean_bonus_gap == D("75.0")
    # Median bonus gap (300 - 55) / 300 = 245 / 300 = 0.81667 -> 81.7%.
    assert result.median_bonus_gap == D("81.7")
    # Paid a bonus: men 3 of 5 = 60.0%; women 4 of 5 = 80.0%.
    assert result.bonus_proportions == {"male": D("60.0"), "female": D("80.0")}
    # Quartiles: 10 employees = 4 x 2 with 2 left over, one to the lower and one to the upper
    # middle quartile: bands of 3, 2, 3, 2. Ranked lowest first (the man and the woman on 10.00
    # and on 12.00 interleaved): 9F 10F 10M | 11F 12F | 12M 13F 14M | 16M 20M.
    # Lower: 2 women, 1 man of 3 -> 66.7% / 33.3%. Lower middle: 2 women -> 100% / 0%.
    # Upper middle: 1 woman, 2 men of 3 -> 33.3% / 66.7%. Upper: 2 men -> 0% / 100%.
    assert result.quartiles == {
        "lower": {"male": D("33.3"), "female": D("66.7")},
        "lower_middle": {"male": D("0.0"), "female": D("100.0")},
        "upper_middle": {"male": D("66.7"), "female": D("33.3")},
        "upper": {"male": D("100.0"), "female": D("0.0")},
    }
    assert result.relevant_employees == 10
    assert not result.duty_applies  # fewer than 250


@pytest.mark.parametrize(
    ("total", "sizes"),
    [
        (8, [2, 2, 2, 2]),
        (9, [3, 2, 2, 2]),
        (10, [3, 2, 3, 2]),
        (11, [3, 3, 3, 2]),
        (250, [63, 62, 63, 62]),
    ],
)
def test_left_over_employees_go_where_the_guidance_puts_them(total, sizes):
    assert quartile_sizes(total) == sizes
    assert sum(sizes) == total


def test_a_rate_across_bands_is_shared_in_proportion():
    # Eight people on one rate, four men and four women: each band of two is half and half,
    # not the men in the lower bands because of the order the payroll listed them.
    same_rate = employees(*[("male", "12", "0")] * 4, *[("female", "12", "0")] * 4)
    result = measures(same_rate, GENDER)
    for shares in result.quartiles.values():
        assert shares == {"male": D("50.0"), "female": D("50.0")}


def test_no_bonus_in_a_group_leaves_the_bonus_gaps_blank():
    result = measures(employees(("male", "10", "0"), ("female", "10", "0")), GENDER)
    assert result.mean_bonus_gap is None
    assert result.median_bonus_gap is None
    assert result.bonus_proportions == {"male": D("0.0"), "female": D("0.0")}
    assert result.mean_pay_gap == D("0.0")


def test_ethnicity_is_configuration_groups_under_ten_are_not_reported():
    small = employees(*[("white", "12", "0")] * 20, *[("ethnic_minority", "11", "0")] * 9)
    assert measures(small, ETHNICITY).too_small
    large = employees(*[("white", "12", "0")] * 20, *[("ethnic_minority", "11", "0")] * 10)
    result = measures(large, ETHNICITY)
    assert not result.too_small
    assert result.mean_pay_gap == D("8.3")  # (12 - 11) / 12 = 0.0833
    assert result.quartiles == {}  # the share in each quartile is not disclosed


def test_round_trip_through_json_keeps_every_figure():
    result = measures(WORKED_EXAMPLE, GENDER)
    assert type(result).from_json(result.as_json()) == result


@pytest.mark.parametrize(
    ("today", "snapshot", "due"),
    [
        ("2026-03-30", "2025-03-31", "2026-03-30"),
        ("2026-03-31", "2026-03-31", "2027-03-30"),
        ("2026-12-03", "2026-03-31", "2027-03-30"),
    ],
)
def test_the_snapshot_is_31_march_and_the_report_is_due_within_twelve_months(today, snapshot, due):
    import datetime

    day = datetime.date.fromisoformat(today)
    assert snapshot_date(day) == datetime.date.fromisoformat(snapshot)
    assert publish_by(snapshot_date(day)) == datetime.date.fromisoformat(due)
