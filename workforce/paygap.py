"""The pay gap engine: the six measures of the Equality Act 2010 (Specific Duties and Public
Authorities) Regulations 2017, Schedule 2, for any two groups of relevant employees.

The gender pay gap is one configuration (men as the reference group, women compared); an
ethnicity or disability pay gap is another (``ETHNICITY``, ``DISABILITY``): groups of fewer than
``min_group_size`` are not reported, and where ``disclose_share`` is false the share of each group
in the pay quartiles is left out. The engine never sees a name: one row is a group, an hourly
rate and the bonus paid in the twelve months before the snapshot.

Every figure is a ``Decimal`` rounded to one decimal place, as the government's service takes it.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from statistics import median

# Employers with this many relevant employees or more must publish (Schedule 2, paragraph 1).
DUTY_THRESHOLD = 250
QUARTILES = ("lower", "lower_middle", "upper_middle", "upper")
QUARTILE_LABELS = {
    "lower": "Lower quartile",
    "lower_middle": "Lower middle quartile",
    "upper_middle": "Upper middle quartile",
    "upper": "Upper quartile",
}
# Where the employees left over go when the headcount does not divide by four: one to the
# lower quartile, two to the lower and upper middle, three to all but the upper.
LEFT_OVER = {0: (), 1: (0,), 2: (0, 2), 3: (0, 1, 2)}
ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class PayGapConfig:
    """What one kind of pay gap compares: the CSV column naming each employee's group, the group
    whose pay is the base, the group compared with it, and what may be reported."""

    kind: str
    title: str
    column: str
    reference: str  # e.g. "male": gaps are expressed as a percentage of this group's pay
    compared: str  # e.g. "female"
    labels: dict[str, str]  # group code: plural label ("men", "women")
    aliases: dict[str, str] = field(default_factory=dict)  # what a payroll may write: code
    min_group_size: int = 0  # a smaller group is not reported at all
    disclose_share: bool = True  # publish each group's share of every pay quartile

    def group_of(self, value: str) -> str | None:
        value = value.strip().lower()
        if value in self.labels:
            return value
        return self.aliases.get(value)


GENDER = PayGapConfig(
    kind="gender",
    title="Gender pay gap",
    column="sex",
    reference="male",
    compared="female",
    labels={"male": "men", "female": "women"},
    aliases={"m": "male", "man": "male", "f": "female", "woman": "female"},
)
ETHNICITY = PayGapConfig(
    kind="ethnicity",
    title="Ethnicity pay gap",
    column="ethnicity",
    reference="white",
    compared="ethnic_minority",
    labels={"white": "white employees", "ethnic_minority": "ethnic minority employees"},
    aliases={"ethnic minority": "ethnic_minority", "minority": "ethnic_minority"},
    min_group_size=10,
    disclose_share=False,
)
DISABILITY = PayGapConfig(
    kind="disability",
    title="Disability pay gap",
    column="disabled",
    reference="not_disabled",
    compared="disabled",
    labels={"not_disabled": "non-disabled employees", "disabled": "disabled employees"},
    aliases={"no": "not_disabled", "yes": "disabled", "not disabled": "not_disabled"},
    min_group_size=10,
    disclose_share=False,
)
CONFIGS = {config.kind: config for config in (GENDER, ETHNICITY, DISABILITY)}


@dataclass(frozen=True)
class Employee:
    group: str
    hourly_pay: Decimal
    bonus: Decimal  # bonus paid in the twelve months ending on the snapshot date


@dataclass(frozen=True)
class PayGapMeasures:
    """The six measures, as published. A gap is None when it cannot be computed (nobody in the
    reference group was paid a bonus, say); a group's figures are absent when the group is
    too small to report."""

    relevant_employees: int
    counts: dict[str, int]
    mean_pay_gap: Decimal | None
    median_pay_gap: Decimal | None
    mean_bonus_gap: Decimal | None
    median_bonus_gap: Decimal | None
    bonus_proportions: dict[str, Decimal]  # group: % of the group paid a bonus
    quartiles: dict[str, dict[str, Decimal]]  # quartile: {group: % of the quartile}
    too_small: bool  # a group is below the configured minimum: nothing is reported

    @property
    def duty_applies(self) -> bool:
        return self.relevant_employees >= DUTY_THRESHOLD

    def as_json(self) -> dict:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "relevant_employees": self.relevant_employees,
            "counts": self.counts,
            "mean_pay_gap": text(self.mean_pay_gap),
            "median_pay_gap": text(self.median_pay_gap),
            "mean_bonus_gap": text(self.mean_bonus_gap),
            "median_bonus_gap": text(self.median_bonus_gap),
            "bonus_proportions": {k: str(v) for k, v in self.bonus_proportions.items()},
            "quartiles": {q: {k: str(v) for k, v in g.items()} for q, g in self.quartiles.items()},
            "too_small": self.too_small,
        }

    @classmethod
    def from_json(cls, data: dict) -> "PayGapMeasures":
        def number(value: str | None) -> Decimal | None:
            return None if value is None else Decimal(value)

        return cls(
            relevant_employees=data["relevant_employees"],
            counts=data["counts"],
            mean_pay_gap=number(data["mean_pay_gap"]),
            median_pay_gap=number(data["median_pay_gap"]),
            mean_bonus_gap=number(data["mean_bonus_gap"]),
            median_bonus_gap=number(data["median_bonus_gap"]),
            bonus_proportions={k: Decimal(v) for k, v in data["bonus_proportions"].items()},
            quartiles={
                q: {k: Decimal(v) for k, v in g.items()} for q, g in data["quartiles"].items()
            },
            too_small=data["too_small"],
        )


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _gap(reference: Decimal, compared: Decimal) -> Decimal | None:
    """The difference as a percentage of the reference group's figure (positive: the compared
    group is paid less)."""
    if reference == 0:
        return None
    return _round((reference - compared) / reference * 100)


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def _percent(part: int, whole: int) -> Decimal:
    return _round(Decimal(part) / whole * 100) if whole else Decimal(0)


def quartile_sizes(total: int) -> list[int]:
    """Four bands as equal as possible, the left-over employees placed as the government's
    guidance places them (lower first, never the upper)."""
    sizes = [total // 4] * 4
    for band in LEFT_OVER[total % 4]:
        sizes[band] += 1
    return sizes


def ranked(employees: Sequence[Employee]) -> list[Employee]:
    """Lowest paid first. Employees on the same rate are interleaved in proportion to their
    groups, so that where a rate straddles two bands each band gets, so far as possible, the
    same proportion of each group (regulation 13(2))."""
    on_rate: dict[tuple[Decimal, str], list[Employee]] = {}
    for employee in employees:
        on_rate.setdefault((employee.hourly_pay, employee.group), []).append(employee)
    keyed = [
        ((rate, Fraction(2 * k + 1, 2 * len(same)), group), employee)
        for (rate, group), same in on_rate.items()
        for k, employee in enumerate(same)
    ]
    return [employee for _, employee in sorted(keyed, key=lambda pair: pair[0])]


def measures(employees: Sequence[Employee], config: PayGapConfig = GENDER) -> PayGapMeasures:
    """The six statutory measures for these relevant employees."""
    groups = (config.reference, config.compared)
    members = {g: [e for e in employees if e.group == g] for g in groups}
    counts = {g: len(members[g]) for g in groups}
    too_small = any(counts[g] < max(config.min_group_size, 1) for g in groups)
    if too_small:
        return PayGapMeasures(len(employees), counts, None, None, None, None, {}, {}, True)
    pay = {g: [e.hourly_pay for e in members[g]] for g in groups}
    bonuses = {g: [e.bonus for e in members[g] if e.bonus > 0] for g in groups}
    reference, compared = config.reference, config.compared

    def bonus_gap(average) -> Decimal | None:
        if not bonuses[reference] or not bonuses[compared]:
            return None
        return _gap(average(bonuses[reference]), average(bonuses[compared]))

    quartiles: dict[str, dict[str, Decimal]] = {}
    if config.disclose_share:
        in_groups = ranked([e for e in employees if e.group in groups])
        start = 0
        for name, size in zip(QUARTILES, quartile_sizes(len(in_groups)), strict=True):
            band = in_groups[start : start + size]
            start += size
            quartiles[name] = {
                g: _percent(sum(1 for e in band if e.group == g), len(band)) for g in groups
            }
    return PayGapMeasures(
        relevant_employees=len(employees),
        counts=counts,
        mean_pay_gap=_gap(_mean(pay[reference]), _mean(pay[compared])),
        median_pay_gap=_gap(median(pay[reference]), median(pay[compared])),
        mean_bonus_gap=bonus_gap(_mean),
        median_bonus_gap=bonus_gap(median),
        bonus_proportions={g: _percent(len(bonuses[g]), counts[g]) for g in groups},
        quartiles=quartiles,
        too_small=False,
    )


def snapshot_date(today: datetime.date) -> datetime.date:
    """The latest 31 March snapshot on or before today."""
    year = today.year if (today.month, today.day) >= (3, 31) else today.year - 1
    return datetime.date(year, 3, 31)


def publish_by(snapshot: datetime.date) -> datetime.date:
    """A public authority publishes within twelve months of its snapshot: by 30 March."""
    return datetime.date(snapshot.year + 1, 3, 30)
