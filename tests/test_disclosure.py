"""The attacker's review, as tests: no count below a school's threshold can be worked out from
what governors and the public see, by subtracting or dividing any two figures they are shown.

The adversary reads each figure as the policy says it may (Kerckhoffs: the method is public):
"fewer than T" is 1 to T-1, "0" is 0, a multiple of 5 is any count that rounds to it, and any
other number is taken as exact. It then subtracts every pair of figures, takes every total less
its other parts, and multiplies every percentage back by its headcount. A derived value pinned
to one number from 1 to T-1 is a recovered count, and fails the test.
"""

import datetime
import math
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duties import selectors as duties
from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.suppression import (
    ROUNDING_BASE,
    Cell,
    SuppressedCounts,
    disclose_percentage,
    smallest_shown,
)
from equality_portal.oversight.trust import trust_incidents, trust_view
from equality_portal.schools.roles import Role
from incidents import selectors as incidents
from incidents import services as incident_services
from incidents.models import Location, Motivation
from tests.factories import (
    IncidentFactory,
    MembershipFactory,
    PopulationProfileFactory,
    ProfileFigureFactory,
    SchoolFactory,
)

MOTIVATIONS = [value for value, _ in Motivation.choices][:4]
LOCATIONS = [value for value, _ in Location.choices][:3]


@dataclass(frozen=True)
class Range:
    """What the adversary knows of one true count: it lies from low to high."""

    low: float
    high: float

    def __sub__(self, other: "Range") -> "Range":
        return Range(self.low - other.high, self.high - other.low)

    def pinned_small(self, threshold: int) -> bool:
        """Whether this pins one whole number from 1 to threshold - 1."""
        whole = range(math.ceil(self.low - 1e-9), math.floor(self.high + 1e-9) + 1)
        return len(whole) == 1 and 1 <= abs(whole[0]) < threshold


def read(display: str, threshold: int) -> Range:
    """The adversary's reading of a shown figure."""
    if display.startswith("fewer than"):
        return Range(1, int(display.split()[-1]) - 1)
    value = int(display)
    if value == 0 or value % ROUNDING_BASE:
        return Range(value, value)
    low = threshold if value == smallest_shown(threshold) else value - ROUNDING_BASE // 2
    return Range(low, value + ROUNDING_BASE // 2)


@dataclass
class Output:
    """One thing a governor or the public can see: its figures, and totals with their parts."""

    name: str
    figures: dict[str, str]
    sums: list[tuple[str, list[str]]]
    percentages: list[tuple[str, float, str]]  # (figure, percentage shown, headcount figure)


def counts_output(name: str, counts: SuppressedCounts) -> Output:
    figures = {f"{name}:{key}": cell.display for key, cell in counts.items()}
    figures[f"{name}:total"] = counts.total.display
    percentages = [
        (f"{name}:{key}", cell.percentage, f"{name}:total")
        for key, cell in counts.items()
        if cell.percentage is not None
    ]
    return Output(name, figures, [(f"{name}:total", [*figures][:-1])], percentages)


def recovered(outputs: list[Output], threshold: int) -> list[str]:
    """Every way the adversary pins a count from 1 to threshold - 1."""
    found = []
    known = {}
    for output in outputs:
        for key, display in output.figures.items():
            known[key] = read(display, threshold)
    for key, value in known.items():
        if value.pinned_small(threshold):
            found.append(f"{key} is {value}")
    # Subtract any two figures: two outputs, two versions, before and after, a school and a trust.
    for (a, x), (b, y) in combinations(known.items(), 2):
        if (x - y).pinned_small(threshold):
            found.append(f"{a} - {b} = {x - y}")
    for output in outputs:
        # A total less all its other parts.
        for total, parts in output.sums:
            for part in parts:
                rest = [known[p] for p in parts if p != part]
                left = known[total]
                for other in rest:
                    left = left - other
                if left.pinned_small(threshold):
                    found.append(f"{total} less the rest of {output.name} gives {part}")
        # A percentage times its headcount, to the precision it is shown with.
        for figure, percent, headcount in output.percentages:
            whole = known[headcount]
            half = 0.5 if percent == int(percent) else 0.05
            implied = Range(
                max(0.0, percent - half) * whole.low / 100, (percent + half) * whole.high / 100
            )
            if implied.pinned_small(threshold):
                found.append(f"{figure}: {percent}% of {headcount}")
    return found


def profile_output(name: str, view) -> Output:
    """A profile's tables; with a headcount, percentages are of it and each table's cells are
    also its parts (the headcount less the other cells)."""
    figures, percentages, sums = {}, [], []
    if view.headcount:
        figures[f"{name}:headcount"] = view.headcount
    for table in view.tables:
        keys = []
        total = f"{name}:{table.category_type}:total"
        whole = f"{name}:headcount" if view.headcount else total
        for row in table.rows:
            key = f"{name}:{table.category_type}:{row.label}:{'sub' if row.is_subtotal else ''}"
            if row.count not in ("–", ""):
                figures[key] = row.count
                if not row.is_subtotal:
                    keys.append(key)
            if row.percent.endswith("%") and (table.total or view.headcount):
                percentages.append((key, float(row.percent.rstrip("%")), whole))
        if table.total:
            figures[total] = table.total
            sums.append((total, keys))
        if view.headcount:
            sums.append((whole, keys))
    return Output(name, figures, sums, percentages)


incident_lists = st.lists(
    st.tuples(
        st.integers(0, 2),  # term of last year
        st.sets(st.sampled_from(MOTIVATIONS), min_size=1, max_size=2),
        st.sampled_from(LOCATIONS),
    ),
    max_size=25,
)
sex_counts = st.fixed_dictionaries(
    {"female": st.integers(0, 40), "male": st.integers(0, 40), "not_known": st.integers(0, 6)}
)


def _make_school(n: int, threshold: int, rows):
    school = SchoolFactory(slug=f"attacked-{n}", suppression_threshold=threshold)
    member = MembershipFactory(school=school, role=Role.STAFF)
    year = AcademicYear.containing(dates.today()).previous()
    for term, motivations, location in rows:
        IncidentFactory(
            school=school,
            recorded_by=member.user,
            occurred_on=year.terms[term].start + datetime.timedelta(days=14),
            motivations=sorted(motivations),
            location=location,
        )
    return school, member, year


def _summary_outputs(tag: str, school, year) -> list[Output]:
    summary = incidents.incident_summary(school=school, academic_year=year, today=dates.today())
    outputs = [
        counts_output(f"{tag}:{school.slug}:term", summary.by_term),
        counts_output(f"{tag}:{school.slug}:motivation", summary.by_motivation),
        counts_output(f"{tag}:{school.slug}:location", summary.by_location),
    ]
    trend = {
        f"{tag}:{school.slug}:trend:{term.label}": cell.display for term, cell in summary.trend
    }
    outputs.append(Output(f"{tag}:trend", trend, [], []))
    return outputs


@pytest.mark.django_db
@settings(
    max_examples=int(os.environ.get("DISCLOSURE_EXAMPLES", "50")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    threshold=st.integers(3, 10),
    schools=st.lists(incident_lists, min_size=2, max_size=3),
    profile_n=sex_counts,
    change=st.fixed_dictionaries(
        {"female": st.integers(-3, 3), "male": st.integers(-3, 3), "not_known": st.integers(-3, 3)}
    ),
    new_motivations=st.sets(st.sampled_from(MOTIVATIONS), min_size=1, max_size=2),
    backdated=st.booleans(),
    percent=st.decimals(0, 100, places=1),
    headcount=st.integers(1, 900),
    extra=st.integers(0, 6),
)
def test_no_suppressed_value_is_recoverable(
    threshold, schools, profile_n, change, new_motivations, backdated, percent, headcount, extra
):
    with transaction.atomic():
        made = [_make_school(n, threshold, rows) for n, rows in enumerate(schools)]
        outputs: list[Output] = []
        for school, _, year in made:
            outputs += _summary_outputs("before", school, year)
        # The trust total beside its schools.
        trust = trust_incidents(schools=[school for school, _, _ in made], today=made[0][2].end)
        outputs.append(counts_output("trust", trust))
        # One more incident, live or backdated into a closed year, then the same pages again.
        school, member, year = made[0]
        today = dates.today()
        incident_services.incident_record(
            school=school,
            recorded_by=member.user,
            occurred_on=year.terms[1].start if backdated else today,
            occurred_time=datetime.time(0, 0),
            location=LOCATIONS[0],
            raised_by="staff",
            behaviours=["verbal"],
            motivations=sorted(new_motivations),
            description="Name-calling.",
            untargeted=True,
        )
        outputs += _summary_outputs("after", school, year)
        trust = trust_incidents(schools=[school for school, _, _ in made], today=made[0][2].end)
        outputs.append(counts_output("trust-after", trust))
        # A profile published as version n and, a census later, as version n+1.
        profile_n1 = {key: max(0, value + change[key]) for key, value in profile_n.items()}
        for tag, counts, census in [("v1", profile_n, 2025), ("v2", profile_n1, 2026)]:
            profile = PopulationProfileFactory(
                school=school,
                created_by=member.user,
                census_date=datetime.date(census, 1, 15),
            )
            for category, count in counts.items():
                ProfileFigureFactory(profile=profile, category=category, count=count)
            outputs.append(
                profile_output(tag, duties.profile_view(profile=profile, suppressed=True))
            )
        # A profile with its headcount, given as the school publishes: a count with its own
        # percentage, a percentage alone, a count alone.
        profile = PopulationProfileFactory(
            school=school,
            created_by=member.user,
            census_date=datetime.date(2027, 1, 15),
            headcount=max(1, sum(profile_n.values()) + extra),
        )
        for category, count in profile_n.items():
            share = Decimal(100 * count / profile.headcount).quantize(Decimal("0.1"))
            ProfileFigureFactory(
                profile=profile,
                category=category,
                count=None if category == "male" else count,
                percent=None if category == "not_known" else share,
            )
        outputs.append(profile_output("pct", duties.profile_view(profile=profile, suppressed=True)))
        # A percentage the school published, and its headcount.
        cell = disclose_percentage(percent, headcount=headcount, threshold=threshold)
        shown_headcount = disclose_percentage(100, headcount=headcount, threshold=threshold)
        if cell.percentage is not None:
            outputs.append(
                Output(
                    "percent",
                    {"percent:headcount": _count_display(shown_headcount)},
                    [],
                    [("percent:group", cell.percentage, "percent:headcount")],
                )
            )
        assert recovered(outputs, threshold) == []
        transaction.set_rollback(True)


def _count_display(cell: Cell) -> str:
    return cell.display


# --- The five ways the attacker's review recovered a hidden count --------------------------------


def test_two_published_versions_do_not_give_a_small_category_away(school, make_member):
    """1. "fewer than 5" in version n and 5 in version n+1 no longer says it was 4."""
    author = make_member(Role.LEADERSHIP).user
    views = []
    for census, count in [(2025, 4), (2026, 5)]:
        profile = PopulationProfileFactory(
            school=school, created_by=author, census_date=datetime.date(census, 1, 15)
        )
        ProfileFigureFactory(profile=profile, category="female", count=100)
        ProfileFigureFactory(profile=profile, category="not_known", count=count)
        ProfileFigureFactory(profile=profile, category="male", count=101 - count)
        views.append(
            profile_output(str(census), duties.profile_view(profile=profile, suppressed=True))
        )
    assert recovered(views, 5) == []
    # And a category from 0 to "fewer than 5" with a total one higher: the totals are rounded.
    totals = [view.figures[f"{view.name}:sex:total"] for view in views]
    assert totals == ["200", "200"]


def test_a_trust_total_less_its_schools_gives_nothing_away(school, other_school):
    """2. A governor of several schools subtracting the schools' figures from the trust's."""
    year = AcademicYear.containing(dates.today()).previous()
    for target, n in [(school, 7), (other_school, 2)]:
        for _ in range(n):
            IncidentFactory(school=target, occurred_on=year.terms[0].start)
    shown = {}
    for target in (school, other_school):
        summary = incidents.incident_summary(school=target, academic_year=year, today=dates.today())
        shown[target.slug] = summary.total.display
    assert shown == {school.slug: "5", other_school.slug: "fewer than 5"}
    outputs = [Output("schools", dict(shown), [], [])]
    # The trust view as it stood at the end of that year: 7 + 2 = 9, shown as 10.
    view = trust_view(schools=[school, other_school], today=year.end)
    assert view.incidents.total.display == "10"
    outputs.append(counts_output("trust", view.incidents))
    assert recovered(outputs, 5) == []


def test_one_new_incident_does_not_change_the_live_summary(school, make_member):
    """3. Reloading the governors' summary before and after one new record shows nothing new:
    figures are counted for closed terms only."""
    member = make_member(Role.STAFF)
    year = AcademicYear.containing(dates.today())
    for _ in range(7):
        IncidentFactory(school=school, occurred_on=year.start, motivations=["race"])

    def page():
        summary = incidents.incident_summary(school=school, academic_year=year, today=dates.today())
        return {
            "total": summary.total.display,
            **{k: c.display for k, c in summary.by_motivation.items()},
            **{k: c.display for k, c in summary.by_term.items()},
        }

    before = page()
    incident_services.incident_record(
        school=school,
        recorded_by=member.user,
        occurred_on=dates.today(),
        occurred_time=datetime.time(0, 0),
        location="corridor",
        raised_by="staff",
        behaviours=["verbal"],
        motivations=["sex"],
        description="Name-calling.",
        untargeted=True,
    )
    assert page() == before


def test_references_shown_to_staff_count_nothing(school, make_member, client):
    """4. A receipt code, not the school's running number, and no order between a member's own."""
    member = make_member(Role.STAFF)
    made = [
        incident_services.incident_record(
            school=school,
            recorded_by=member.user,
            occurred_on=dates.today(),
            occurred_time=datetime.time(0, 0),
            location="corridor",
            raised_by="staff",
            behaviours=["verbal"],
            motivations=["race"],
            description="Name-calling.",
            untargeted=True,
        )
        for _ in range(3)
    ]
    references = [incident.reference for incident in made]
    assert all(re.fullmatch(r"R-[A-Z2-9]{4}-[A-Z2-9]{4}", ref) for ref in references)
    assert len(set(references)) == 3
    assert not any("INC-" in reference for reference in references)
    assert [incident.sequence_reference for incident in made] == [
        "INC-00001",
        "INC-00002",
        "INC-00003",
    ]


@pytest.mark.parametrize(
    ("percent", "headcount"),
    [(Decimal("0.2"), 842), (Decimal("2.6"), 38), (Decimal(23), 9)],
)
def test_a_percentage_of_a_known_headcount_hides_a_small_count(percent, headcount):
    """5. 0.2% of 842 pupils is 2; 2.6% of a group of 38 is 1; 23% of 9 governors is 2."""
    cell = disclose_percentage(percent, headcount=headcount)
    assert cell.suppressed
    assert cell.percentage is None
