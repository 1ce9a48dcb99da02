"""Reads for the duties app, and the data the annual statement takes from it.

Counts of people that governors or the public see pass through ``equality_portal.core.suppression``
here, with the school's threshold; only leadership's management pages ask for exact figures.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.equality import AIM_MEANINGS, Aim
from equality_portal.core.periods import YearOrPeriod
from equality_portal.core.suppression import (
    Cell,
    disclose_percentage,
    fewer_than,
    suppress_count,
)
from equality_portal.core.suppression import suppress_table as suppress_two_way
from equality_portal.schools.models import School

from .categories import (
    CATEGORIES,
    ETHNICITY_MAJOR,
    CategoryType,
    Population,
    is_partition,
)
from .models import (
    Action,
    CharacteristicImpact,
    EqualityAnalysis,
    OutcomeMeasure,
    Policy,
    PolicyReview,
    PopulationProfile,
    ProfileFigure,
    Unit,
)

NOT_HELD = "–"

# --- Actions -----------------------------------------------------------------------------------


def action_list(
    *,
    school: School,
    academic_year: YearOrPeriod | None = None,
    aim: str | None = None,
    characteristic: str | None = None,
) -> QuerySet[Action]:
    """A school's actions, optionally for one year, one aim and one characteristic."""
    actions = Action.objects.for_school(school).select_related("school", "created_by")
    if academic_year is not None:
        actions = actions.for_year(academic_year)
    if aim:
        actions = actions.for_aim(aim)
    if characteristic:
        actions = actions.for_characteristic(characteristic)
    return actions.order_by("-academic_year", "position", "title", "pk")


@dataclass
class AimActions:
    aim: Aim
    meaning: str
    actions: list[Action]


def actions_by_aim(
    *, school: School, academic_year: YearOrPeriod, characteristic: str | None = None
) -> list[AimActions]:
    """The three aims in order, each with its actions in the year (an action serving two aims
    appears under both)."""
    actions = list(
        action_list(school=school, academic_year=academic_year, characteristic=characteristic)
    )
    return [
        AimActions(aim, AIM_MEANINGS[aim], [action for action in actions if aim in action.aims])
        for aim in Aim
    ]


def actions_for_statement(*, school: School, academic_year: YearOrPeriod) -> list[AimActions]:
    """Actions taken under each aim in the year, for the statement's due-regard section."""
    return actions_by_aim(school=school, academic_year=academic_year)


def action_years(*, school: School) -> list[AcademicYear]:
    """The years the school has recorded actions in, newest first, with the current year."""
    years = set(Action.objects.for_school(school).values_list("academic_year", flat=True))
    years.add(AcademicYear.current().start_year)
    return [AcademicYear(year) for year in sorted(years, reverse=True)]


# --- Equality analyses -------------------------------------------------------------------------


def equality_analysis_list(
    *, school: School, academic_year: YearOrPeriod | None = None
) -> QuerySet[EqualityAnalysis]:
    """A school's equality analyses, newest first, with their impacts."""
    analyses = EqualityAnalysis.objects.for_school(school)
    if academic_year is not None:
        analyses = analyses.for_year(academic_year)
    return (
        analyses.select_related("school", "policy", "signed_off_by", "created_by")
        .prefetch_related(
            Prefetch("impacts", queryset=CharacteristicImpact.objects.order_by("characteristic")),
            "policy_reviews__policy",
        )
        .order_by("-analysed_on", "-pk")
    )


def equality_analyses_for_statement(
    *, school: School, academic_year: YearOrPeriod
) -> QuerySet[EqualityAnalysis]:
    """Equality analyses carried out in the year, with impacts, for the statement."""
    return equality_analysis_list(school=school, academic_year=academic_year)


# --- Policies ----------------------------------------------------------------------------------


def policy_list(*, school: School) -> QuerySet[Policy]:
    """The policy register, with each policy's reviews newest first."""
    reviews = PolicyReview.objects.select_related("equality_analysis").order_by(
        "-reviewed_on", "-pk"
    )
    return (
        Policy.objects.for_school(school)
        .select_related("school")
        .prefetch_related(Prefetch("reviews", queryset=reviews))
        .order_by("title", "pk")
    )


@dataclass
class PolicyRegisterSummary:
    policies: list[Policy]
    overdue: list[Policy]
    reviewed_in_year: list[PolicyReview]
    reviews_with_analysis: int


def policy_register_summary(
    *, school: School, academic_year: AcademicYear, today: datetime.date
) -> PolicyRegisterSummary:
    """The register, its overdue reviews, and the reviews in the year with their analyses."""
    policies = list(policy_list(school=school))
    reviewed = [
        review
        for policy in policies
        for review in policy.reviews.all()
        if academic_year.contains(review.reviewed_on)
    ]
    return PolicyRegisterSummary(
        policies=policies,
        overdue=[policy for policy in policies if policy.is_overdue(today)],
        reviewed_in_year=reviewed,
        reviews_with_analysis=sum(1 for review in reviewed if review.equality_analysis_id),
    )


def policy_register_for_statement(
    *, school: School, academic_year: AcademicYear, today: datetime.date
) -> PolicyRegisterSummary:
    """The policy register summary (reviews in the year, overdue reviews) for the statement."""
    return policy_register_summary(school=school, academic_year=academic_year, today=today)


# --- Monitoring: population profiles -----------------------------------------------------------


def population_profile_list(
    *, school: School, academic_year: AcademicYear | None = None
) -> QuerySet[PopulationProfile]:
    """A school's population profiles, newest census first, with their figures."""
    profiles = PopulationProfile.objects.for_school(school)
    if academic_year is not None:
        profiles = profiles.for_year(academic_year)
    return (
        profiles.select_related("school", "created_by")
        .prefetch_related(Prefetch("figures", queryset=ProfileFigure.objects.order_by("pk")))
        .order_by("-census_date", "population")
    )


@dataclass
class FigureRow:
    """One line of a profile table, ready to show."""

    label: str
    count: str
    percent: str
    comparator_la: str
    comparator_national: str
    figure: ProfileFigure | None = None  # None for a subtotal
    is_subtotal: bool = False
    suppressed: bool = False


@dataclass
class ProfileTable:
    """One characteristic (category type) of a profile."""

    category_type: str
    title: str
    rows: list[FigureRow] = field(default_factory=list)
    total: str | None = None
    by_count: bool = True
    any_suppressed: bool = False

    @property
    def has_comparators(self) -> bool:
        return any(
            row.comparator_la != NOT_HELD or row.comparator_national != NOT_HELD
            for row in self.rows
        )


@dataclass
class ProfileView:
    profile: PopulationProfile
    tables: list[ProfileTable]
    suppressed: bool
    threshold: int

    @property
    def any_suppressed(self) -> bool:
        return any(table.any_suppressed for table in self.tables)


def _percent(value: Decimal | float | None) -> str:
    return NOT_HELD if value is None else f"{Decimal(value):.1f}%"


def _percent_of(count: int | None, total: int | None, *, suppressed: bool = False) -> str:
    """A count as a percentage of its total. Shown to governors and the public, both are
    already disclosed (rounded) and the percentage is to a whole number, as the policy says."""
    if count is None or not total:
        return NOT_HELD
    if suppressed:
        return f"{Decimal(100) * count / total:.0f}%"
    return _percent(Decimal(100) * count / total)


def _category_order(category_type: str, figure: ProfileFigure) -> tuple[int, str]:
    codes = list(CATEGORIES.get(category_type, {}))
    if figure.category in codes:
        return (codes.index(figure.category), "")
    return (len(codes), figure.category.lower())


def _counts_table(
    table: ProfileTable, figures: list[ProfileFigure], *, suppressed: bool, threshold: int
) -> None:
    """Fill a table of counts: exact, or suppressed so no hidden count can be worked out."""
    if not is_partition(table.category_type):
        for figure in figures:
            cell = suppress_count(figure.count, threshold=threshold) if suppressed else None
            table.rows.append(
                _row(figure, cell.display if cell else str(figure.count), NOT_HELD, cell)
            )
            table.any_suppressed |= bool(cell and cell.suppressed)
        return
    grouped = table.category_type == CategoryType.ETHNICITY
    if grouped:
        majors: dict[str, list[ProfileFigure]] = {}
        for figure in figures:
            majors.setdefault(figure.major_category, []).append(figure)
        counts = {
            major: {figure.category: figure.count for figure in majors[major]}
            for major in ETHNICITY_MAJOR
            if major in majors
        }
    else:
        counts = {None: {figure.category: figure.count for figure in figures}}
    grand = sum(sum(row.values()) for row in counts.values())
    if suppressed:
        result = suppress_two_way(counts, threshold=threshold)
        cells, subtotals, total = result.rows, result.row_totals, result.total
    else:
        cells = {
            key: {c: Cell(n, threshold) for c, n in row.items()} for key, row in counts.items()
        }
        subtotals = {key: Cell(sum(row.values()), threshold) for key, row in counts.items()}
        total = Cell(grand, threshold)
    shown_total = total.count
    by_category = {figure.category: figure for figure in figures}
    for key, row in counts.items():
        if grouped:
            subtotal = subtotals[key]
            table.rows.append(
                FigureRow(
                    label=ETHNICITY_MAJOR[key],
                    count=subtotal.display,
                    percent=_percent_of(subtotal.count, shown_total, suppressed=suppressed),
                    comparator_la=NOT_HELD,
                    comparator_national=NOT_HELD,
                    is_subtotal=True,
                    suppressed=subtotal.suppressed,
                )
            )
        for category in row:
            cell = cells[key][category]
            table.rows.append(
                _row(
                    by_category[category],
                    cell.display,
                    _percent_of(cell.count, shown_total, suppressed=suppressed),
                    cell,
                )
            )
    table.total = total.display
    table.any_suppressed = total.suppressed or any(row.suppressed for row in table.rows)


def _row(figure: ProfileFigure, count: str, percent: str, cell: Cell | None) -> FigureRow:
    return FigureRow(
        label=figure.label,
        count=count,
        percent=percent,
        comparator_la=_percent(figure.comparator_la_percent),
        comparator_national=_percent(figure.comparator_national_percent),
        figure=figure,
        suppressed=bool(cell and cell.suppressed),
    )


def _percent_table(
    table: ProfileTable,
    figures: list[ProfileFigure],
    *,
    suppressed: bool,
    threshold: int,
    headcount: int | None,
) -> None:
    """Fill a table of published percentages. Shown to governors, a percentage that would
    reveal a group of fewer than ``threshold`` people in a known headcount is withheld."""
    table.by_count = False
    for figure in figures:
        percent = _percent(figure.percent)
        hidden = False
        if suppressed and headcount is not None:
            # Of a known headcount: the percentage says no more than its rounded count.
            cell = disclose_percentage(figure.percent, headcount=headcount, threshold=threshold)
            hidden = cell.suppressed
            percent = cell.percentage_display
        if hidden:
            percent = f"not shown: {fewer_than(threshold)} people"
        table.rows.append(
            FigureRow(
                label=figure.label,
                count=NOT_HELD,
                percent=percent,
                comparator_la=_percent(figure.comparator_la_percent),
                comparator_national=_percent(figure.comparator_national_percent),
                figure=figure,
                suppressed=hidden,
            )
        )
        table.any_suppressed |= hidden


def profile_view(
    *, profile: PopulationProfile, suppressed: bool, threshold: int | None = None
) -> ProfileView:
    """A profile's tables, one per characteristic: exact for leadership's management pages,
    suppressed for governors and the public."""
    threshold = threshold or profile.school.suppression_threshold
    by_type: dict[str, list[ProfileFigure]] = {}
    for figure in profile.figures.all():
        by_type.setdefault(figure.category_type, []).append(figure)
    # The population's size, when any characteristic is given as counts.
    headcounts = [
        sum(figure.count for figure in figures)
        for kind, figures in by_type.items()
        if is_partition(kind) and figures[0].count is not None
    ]
    headcount = max(headcounts, default=None)
    tables = []
    for kind in CategoryType:
        figures = sorted(by_type.get(kind, []), key=lambda f, k=kind: _category_order(k, f))
        if not figures:
            continue
        table = ProfileTable(category_type=kind, title=CategoryType(kind).label)
        if figures[0].count is not None:
            _counts_table(table, figures, suppressed=suppressed, threshold=threshold)
        else:
            _percent_table(
                table, figures, suppressed=suppressed, threshold=threshold, headcount=headcount
            )
        tables.append(table)
    return ProfileView(profile=profile, tables=tables, suppressed=suppressed, threshold=threshold)


def population_profiles_for_statement(
    *, school: School, academic_year: YearOrPeriod
) -> list[ProfileView]:
    """The latest profile of each population with a census in the year or chosen for its
    statement, suppressed."""
    latest: dict[str, PopulationProfile] = {}
    chosen = population_profile_list(school=school).filter(
        pk__in=PopulationProfile.objects.for_statement(academic_year).values("pk")
    )
    for profile in chosen:
        latest.setdefault(profile.population, profile)
    return [
        profile_view(profile=latest[population], suppressed=True)
        for population in Population
        if population in latest
    ]


def latest_census_date(
    *,
    school: School,
    population: str = Population.PUPILS,
    on_or_before: datetime.date | None = None,
) -> datetime.date | None:
    """The newest census date the school has a profile for (on or before a date), or None."""
    profiles = PopulationProfile.objects.for_school(school).filter(population=population)
    if on_or_before is not None:
        profiles = profiles.filter(census_date__lte=on_or_before)
    return profiles.order_by("-census_date").values_list("census_date", flat=True).first()


def population_profiles_exist(
    *, school: School, population: str, academic_year: AcademicYear
) -> bool:
    """Whether the school has a profile of the population with a census in the year, or one
    chosen for its statement."""
    return (
        PopulationProfile.objects.for_school(school)
        .for_statement(academic_year)
        .filter(population=population)
        .exists()
    )


def employer_staff_profile_school(*, school: School, academic_year: AcademicYear) -> School | None:
    """Where the employer's staff profile for the year is recorded: the school itself for a
    maintained school; for an academy, any academy of its trust (the trust employs the staff of
    all of them and publishes one workforce profile). None when there is none."""
    profiles = PopulationProfile.objects.for_year(academic_year).filter(population=Population.STAFF)
    if school.trust_id is None:
        profiles = profiles.for_school(school)
    else:
        profiles = profiles.filter(school__trust_id=school.trust_id)
    profile = profiles.select_related("school").order_by("school__name").first()
    return profile.school if profile else None


# --- Monitoring: outcome measures --------------------------------------------------------------


def outcome_measure_list(
    *, school: School, academic_year: YearOrPeriod | None = None
) -> QuerySet[OutcomeMeasure]:
    """A school's outcome measures, newest year first."""
    measures = OutcomeMeasure.objects.for_school(school)
    if academic_year is not None:
        measures = measures.for_year(academic_year)
    return measures.select_related("school", "created_by").order_by(
        "-academic_year", "measure", "description", "group", "pk"
    )


@dataclass
class OutcomeRow:
    """One outcome measure, ready to show."""

    measure: OutcomeMeasure
    group_size: str
    group_value: str
    comparison_size: str
    comparison_value: str
    difference: str
    suppressed: bool = False


def _value(value: Decimal, unit: str) -> str:
    if unit == Unit.PERCENT:
        return f"{value:.1f}%"
    if unit == Unit.COUNT:
        return f"{value:.0f}" if value == value.to_integral_value() else f"{value.normalize()}"
    return f"{value.normalize():f}"


def _is_small(size: int | None, threshold: int) -> bool:
    return size is not None and 0 < size < threshold


def outcome_row(measure: OutcomeMeasure, *, suppressed: bool, threshold: int) -> OutcomeRow:
    """A measure's figures; for governors, a small group's value (and so the gap) is withheld,
    and a number of people or incidents below the threshold is shown as "fewer than"."""
    unit = measure.unit
    values = {"group": measure.group_value, "comparison": measure.comparison_value}
    sizes = {"group": measure.group_size, "comparison": measure.comparison_size}
    shown = {}
    hidden = {}
    for side in values:
        if values[side] is None:  # a measure of one group has no comparison
            shown[f"{side}_value"] = shown[f"{side}_size"] = ""
            hidden[side] = False
            continue
        size_hidden = suppressed and _is_small(sizes[side], threshold)
        value_hidden = size_hidden or (
            suppressed
            and unit == Unit.COUNT
            and suppress_count(int(values[side]), threshold=threshold).suppressed
        )
        hidden[side] = value_hidden
        if value_hidden:
            shown[f"{side}_value"] = fewer_than(threshold)
        elif suppressed and unit == Unit.COUNT:
            shown[f"{side}_value"] = suppress_count(int(values[side]), threshold=threshold).display
        else:
            shown[f"{side}_value"] = _value(values[side], unit)
        if sizes[side] is None:
            shown[f"{side}_size"] = NOT_HELD
        else:
            shown[f"{side}_size"] = (
                suppress_count(sizes[side], threshold=threshold).display
                if suppressed
                else str(sizes[side])
            )
    gap = measure.difference
    if hidden["group"] or hidden["comparison"]:
        difference = "not shown"
    elif gap is None:
        difference = ""
    else:
        if suppressed and unit == Unit.COUNT:
            # The gap between two rounded counts, never the exact one.
            gap = Decimal(int(shown["group_value"]) - int(shown["comparison_value"]))
        difference = ("+" if gap > 0 else "") + _value(gap, unit).removesuffix("%")
        if unit == Unit.PERCENT:
            difference += " points"
    return OutcomeRow(
        measure=measure,
        difference=difference,
        suppressed=hidden["group"] or hidden["comparison"],
        **shown,
    )


def outcome_rows(
    measures: Iterable[OutcomeMeasure], *, suppressed: bool, threshold: int
) -> list[OutcomeRow]:
    return [outcome_row(m, suppressed=suppressed, threshold=threshold) for m in measures]


def outcome_measures_for_statement(
    *, school: School, academic_year: YearOrPeriod
) -> list[OutcomeRow]:
    """Outcome measures for the year, with small groups suppressed, for the statement."""
    return outcome_rows(
        outcome_measure_list(school=school, academic_year=academic_year),
        suppressed=True,
        threshold=school.suppression_threshold,
    )
