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
    disclose,
    fewer_than,
    suppress_count,
)
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
        .order_by("-census_date", "population", "cohort")
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
    # Shown to governors and the public: whether the school's own percentages are shown as
    # published (no small number in the table to protect) or worked out from rounded counts.
    as_published: bool = True

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
    headcount: str | None = None
    # For the school only, never published: where the figures do not add up, and why a
    # figure is hidden from governors and the public.
    warnings: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)

    @property
    def any_suppressed(self) -> bool:
        return any(table.any_suppressed for table in self.tables)


DOES_NOT_ADD_UP = (
    "{type}: the counts add up to {total}, not the headcount of {headcount}. Check for a "
    "missing category, or add one for information not obtained."
)
PERCENT_DOES_NOT_ADD_UP = "{type}: the percentages add up to {total}%, not 100%."
HIDDEN_SMALL = (
    "{type}: “{label}” ({count}) is shown as “{fewer}” without its percentage, so that "
    "nobody in so small a group can be identified."
)
HIDDEN_PERCENT = (
    "{type}: “{label}” is {percent}% of {headcount}, about {count} people, so the percentage "
    "is not shown, so that nobody in so small a group can be identified."
)
WORKED_OUT = (
    "{type}: because the table has a small number, its percentages are worked out from the "
    "rounded counts instead of being shown as the school gave them, so that the small number "
    "cannot be worked out from them."
)


def _percent(value: Decimal | float | None) -> str:
    return NOT_HELD if value is None else f"{Decimal(value).normalize():f}%"


def _exact_percent(count: int, whole: int) -> str:
    return f"{Decimal(100) * count / whole:.1f}%"


def _category_order(category_type: str, figure: ProfileFigure) -> tuple[int, int]:
    """Census codes in the census order, then the school's own names in its order."""
    codes = list(CATEGORIES.get(category_type, {}))
    if figure.category in codes:
        return (codes.index(figure.category), 0)
    return (len(codes), figure.pk or 0)


def implied_count(figure: ProfileFigure, headcount: int | None) -> list[int]:
    """The counts a figure gives away: its count, and the count its percentage of a known
    headcount stands for (a percentage without a count of a small group is a small count)."""
    counts = [] if figure.count is None else [figure.count]
    if figure.percent is not None and headcount:
        counts.append(round(figure.percent * headcount / 100))
    return counts


def _small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


@dataclass
class _Context:
    suppressed: bool
    threshold: int
    headcount: int | None  # the profile's, or the largest total of a partition of counts
    given_headcount: bool  # the school gave it, rather than it being a sum


def _table(kind: str, figures: list[ProfileFigure], ctx: _Context, view: ProfileView) -> None:
    """Fill one characteristic's table, with what the school needs to know about it."""
    title = CategoryType(kind).label
    table = ProfileTable(category_type=kind, title=title)
    table.by_count = any(figure.count is not None for figure in figures)
    partition = is_partition(kind)
    counts = [figure.count for figure in figures if figure.count is not None]
    total = sum(counts) if counts else None
    # Percentages are of the headcount, or of the table's own total when the school gives no
    # headcount; a custom group's of the headcount only (the groups overlap).
    whole = ctx.headcount if ctx.given_headcount or not partition or total is None else total
    if partition and ctx.given_headcount and total is not None and total != ctx.headcount:
        view.warnings.append(
            DOES_NOT_ADD_UP.format(type=title, total=total, headcount=ctx.headcount)
        )
    percents = [figure.percent for figure in figures if figure.percent is not None]
    if partition and percents and abs(sum(percents) - 100) > 1 and total is None:
        view.warnings.append(PERCENT_DOES_NOT_ADD_UP.format(type=title, total=sum(percents)))
    # Small numbers in the table, given or implied by a percentage of the headcount; and the
    # people a partition leaves out, which the headcount less the rest would give away.
    small = {
        figure.pk or id(figure)
        for figure in figures
        if any(_small(n, ctx.threshold) for n in implied_count(figure, ctx.headcount))
    }
    remainder_small = bool(
        partition
        and ctx.given_headcount
        and total is not None
        and _small(ctx.headcount - total, ctx.threshold)
    )
    table.as_published = not small and not remainder_small
    if ctx.suppressed and not table.as_published and any(f.percent is not None for f in figures):
        view.hidden.append(WORKED_OUT.format(type=title))
    shown_whole = None
    if ctx.suppressed and whole:
        shown_whole = (
            whole if ctx.given_headcount else disclose(whole, threshold=ctx.threshold).count
        )
    grouped = kind == CategoryType.ETHNICITY and any(f.major_category for f in figures)
    current_major: str | None = None
    for figure in figures:
        major = figure.major_category if grouped else None
        if grouped and major and major != current_major:
            members = [f.count for f in figures if f.major_category == major]
            if all(n is not None for n in members):
                table.rows.append(_subtotal(ETHNICITY_MAJOR[major], sum(members), whole, ctx))
            current_major = major
        table.rows.append(_figure_row(figure, title, whole, shown_whole, table, ctx, view))
    if kind == CategoryType.SEND:
        parts = [f.count for f in figures if f.category in ("send_support", "ehcp")]
        if len(parts) == 2 and all(n is not None for n in parts):
            table.rows.append(_subtotal("All pupils with SEND", sum(parts), whole, ctx))
    if partition and total is not None:
        table.total = (
            disclose(total, threshold=ctx.threshold).display if ctx.suppressed else str(total)
        )
    table.any_suppressed = any(row.suppressed for row in table.rows)
    view.tables.append(table)


def _subtotal(label: str, count: int, whole: int | None, ctx: _Context) -> FigureRow:
    if ctx.suppressed:
        cell = disclose(count, threshold=ctx.threshold)
        shown, percent = cell.display, NOT_HELD
        if cell.count is not None and whole:
            percent = f"{min(100, 100 * cell.count / whole):.0f}%"
    else:
        shown, percent = str(count), _exact_percent(count, whole) if whole else NOT_HELD
    return FigureRow(
        label=label,
        count=shown,
        percent=percent,
        comparator_la=NOT_HELD,
        comparator_national=NOT_HELD,
        is_subtotal=True,
        suppressed=ctx.suppressed and _small(count, ctx.threshold),
    )


def _figure_row(
    figure: ProfileFigure,
    title: str,
    whole: int | None,
    shown_whole: int | None,
    table: ProfileTable,
    ctx: _Context,
    view: ProfileView,
) -> FigureRow:
    row = FigureRow(
        label=figure.label,
        count=(NOT_HELD if figure.has_figure else "")
        if figure.count is None
        else str(figure.count),
        percent="" if figure.percent is None else _percent(figure.percent),
        comparator_la=_percent(figure.comparator_la_percent),
        comparator_national=_percent(figure.comparator_national_percent),
        figure=figure,
    )
    if not figure.has_figure:
        return row  # listed by the school without a figure: empty cells, as published
    if not ctx.suppressed:
        if figure.percent is None and figure.count is not None and whole:
            row.percent = _exact_percent(figure.count, whole)
        return row
    implied = implied_count(figure, ctx.headcount)
    fewer = fewer_than(ctx.threshold)
    if any(_small(n, ctx.threshold) for n in implied):
        row.suppressed = True
        row.percent = NOT_HELD
        if figure.count is not None:
            row.count = fewer
            view.hidden.append(
                HIDDEN_SMALL.format(type=title, label=row.label, count=figure.count, fewer=fewer)
            )
        else:
            row.percent = f"not shown: {fewer} people"
            view.hidden.append(
                HIDDEN_PERCENT.format(
                    type=title,
                    label=row.label,
                    percent=figure.percent,
                    headcount=ctx.headcount,
                    count=implied[-1],
                )
            )
        return row
    cell = disclose(implied[0], threshold=ctx.threshold) if implied else None
    if figure.count is not None and cell is not None:
        row.count = cell.display
    if table.as_published and figure.percent is not None:
        return row  # nothing small to protect: the school's own percentage
    if cell is not None and shown_whole:
        row.percent = f"{min(100, 100 * (cell.count or 0) / shown_whole):.0f}%"
    elif figure.percent is not None and not ctx.headcount:
        pass  # of no known headcount, a percentage cannot be turned back into a count
    else:
        row.percent = NOT_HELD
    return row


def profile_view(
    *, profile: PopulationProfile, suppressed: bool, threshold: int | None = None
) -> ProfileView:
    """A profile's tables, one per characteristic: exact for leadership's management pages,
    with disclosure control for governors and the public.

    Shown to governors and the public, counts are disclosed one by one (0, "fewer than", or
    rounded to 5). The headcount of the whole population is shown exactly: with every cell
    rounded, the headcount less the other cells never gives a small one away. A table with no
    small number in it (given, implied by a percentage of the headcount, or left over from the
    headcount) shows the school's own percentages as published; a table with one shows
    percentages worked out from the rounded counts over the headcount, and none for the small
    number, so that neither a percentage nor a difference recovers it.
    """
    threshold = threshold or profile.school.suppression_threshold
    by_type: dict[str, list[ProfileFigure]] = {}
    for figure in profile.figures.all():
        by_type.setdefault(figure.category_type, []).append(figure)
    sums = [
        sum(f.count for f in figures if f.count is not None)
        for kind, figures in by_type.items()
        if is_partition(kind) and any(f.count is not None for f in figures)
    ]
    given = profile.headcount is not None
    headcount = profile.headcount if given else max(sums, default=None)
    view = ProfileView(profile=profile, tables=[], suppressed=suppressed, threshold=threshold)
    if profile.headcount is not None:
        view.headcount = (
            disclose(profile.headcount, threshold=threshold).display
            if suppressed and _small(profile.headcount, threshold)
            else str(profile.headcount)
        )
    ctx = _Context(suppressed, threshold, headcount, given)
    for kind in CategoryType:
        figures = sorted(by_type.get(kind, []), key=lambda f, k=kind: _category_order(k, f))
        if figures:
            _table(kind, figures, ctx, view)
    return view


def population_profiles_for_statement(
    *, school: School, academic_year: YearOrPeriod
) -> list[ProfileView]:
    """The latest profile of each population (and of each group of it) with a census in the
    year or chosen for its statement, suppressed: each whole population, then its groups."""
    latest: dict[tuple[str, str], PopulationProfile] = {}
    chosen = population_profile_list(school=school).filter(
        pk__in=PopulationProfile.objects.for_statement(academic_year).values("pk")
    )
    for profile in chosen:
        latest.setdefault((profile.population, profile.cohort.lower()), profile)
    order = list(Population)
    return [
        profile_view(profile=latest[key], suppressed=True)
        for key in sorted(latest, key=lambda key: (order.index(key[0]), key[1] != "", key[1]))
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
    if not school.counted_at_trust:
        profiles = profiles.for_school(school)
    else:
        profiles = profiles.filter(school__in=School.objects.trust_employed(school.trust_id))
    profile = profiles.select_related("school").order_by("school__name").first()
    return profile.school if profile else None


def staff_counts_for_schools(
    *, schools: list[School], academic_year: AcademicYear
) -> dict[str, dict[str, int]]:
    """The employer's workforce by protected characteristic: each school's latest staff
    profile for the year (or chosen for its statement), its counted figures added up across
    the schools, as {characteristic: {category: count}}. Two queries however many schools;
    figures held only as percentages cannot be added up and are left out."""
    latest: dict[int, int] = {}
    profiles = (
        PopulationProfile.objects.filter(school__in=schools, population=Population.STAFF)
        .for_statement(academic_year)
        .order_by("school_id", "-census_date")
        .values_list("school_id", "pk")
    )
    for school_id, profile_id in profiles:
        latest.setdefault(school_id, profile_id)
    totals: dict[str, dict[str, int]] = {}
    figures = ProfileFigure.objects.filter(
        profile_id__in=latest.values(), count__isnull=False
    ).order_by("category_type", "pk")
    for figure in figures:
        counts = totals.setdefault(figure.get_category_type_display(), {})
        counts[figure.label] = counts.get(figure.label, 0) + (figure.count or 0)
    return totals


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
