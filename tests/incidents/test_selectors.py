import datetime

import pytest

from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.roles import Role
from incidents import selectors, services
from incidents.charts import term_bar_chart
from tests.factories import IncidentFactory, IncidentPersonFactory

YEAR = AcademicYear(2025)
TODAY = datetime.date(2026, 11, 22)


def make_incidents(school, day, count, **fields):
    return [IncidentFactory(school=school, occurred_on=day, **fields) for _ in range(count)]


@pytest.fixture
def uneven_terms(school):
    """Autumn 2025 has 3 incidents, spring 10, summer 12; autumn 2026 has 8."""
    make_incidents(school, datetime.date(2025, 10, 6), 3)
    make_incidents(school, datetime.date(2026, 2, 2), 10, motivations=["sexual_orientation"])
    make_incidents(school, datetime.date(2026, 5, 11), 12)
    make_incidents(school, datetime.date(2026, 10, 5), 8)


def test_a_small_term_is_hidden_and_the_rest_rounded_so_it_cannot_be_worked_out(
    school, uneven_terms
):
    summary = selectors.incident_summary(school=school, academic_year=YEAR, today=TODAY)
    terms = summary.by_term
    assert summary.total.count == 25
    assert terms["Autumn 2025-26"].suppressed
    # 25 - 10 - 10 = 5 is not the 3: the year (23-27) less its terms (8-12 each) is a range.
    assert terms["Spring 2025-26"].count == 10
    assert terms["Summer 2025-26"].count == 10


def test_the_trend_hides_the_same_terms_as_the_year_table(school, uneven_terms):
    summary = selectors.incident_summary(school=school, academic_year=YEAR, today=TODAY)
    trend = {term.label: cell for term, cell in summary.trend}
    assert list(trend) == [
        "Autumn 2024-25",
        "Spring 2024-25",
        "Summer 2024-25",
        "Autumn 2025-26",
        "Spring 2025-26",
        "Summer 2025-26",
    ]
    assert trend["Autumn 2025-26"].suppressed
    assert trend["Spring 2025-26"].count == 10


def test_the_trend_ends_with_todays_term_in_the_current_year(school):
    terms = selectors.trend_terms(academic_year=AcademicYear(2026), today=TODAY)
    assert [term.label for term in terms] == [
        "Spring 2024-25",
        "Summer 2024-25",
        "Autumn 2025-26",
        "Spring 2025-26",
        "Summer 2025-26",
        "Autumn 2026-27",
    ]
    past = selectors.trend_terms(academic_year=AcademicYear(2024), today=TODAY)
    assert past[-1].label == "Summer 2024-25"


def test_an_incident_with_two_motivations_counts_under_both(school):
    make_incidents(school, datetime.date(2025, 10, 6), 6, motivations=["race", "religion_belief"])
    summary = selectors.incident_summary(school=school, academic_year=YEAR, today=TODAY)
    assert summary.by_motivation["Race (racist)"].count == 5  # 6, rounded
    assert summary.by_motivation["Religion or belief"].count == 5
    assert summary.total.count == 5
    exact = selectors.incident_la_return_rows(school=school, academic_year=YEAR)
    assert ("Whole year", "Incidents", "All incidents", 6) in {tuple(r[4:8]) for r in exact}


def test_pupils_are_counted_by_year_group_and_role(school):
    for incident in make_incidents(school, datetime.date(2025, 10, 6), 6):
        IncidentPersonFactory(incident=incident, role="target", year_group="Y7")
        IncidentPersonFactory(incident=incident, role="perpetrator", year_group="Y9")
        IncidentPersonFactory(incident=incident, role="witness", kind="staff", year_group="")
    table = selectors.incident_summary(school=school, academic_year=YEAR, today=TODAY).by_year_group
    assert table.rows["Year 7"]["Target"].count == 5  # 6, rounded
    assert table.rows["Year 9"]["Perpetrator"].count == 5
    assert table.rows["Year 9"]["Target"].count == 0
    assert "Not recorded" not in table.rows  # staff are not pupils


def test_the_statement_gets_suppressed_counts_only(school, uneven_terms):
    statement = selectors.incident_summary_for_statement(school=school, academic_year=YEAR)
    assert statement["total"].display == "25"
    assert statement["by_term"]["Autumn 2025-26"].display == "fewer than 5"
    assert statement["by_motivation"]["Sexual orientation (homophobic, biphobic)"].count == 10
    assert set(statement) == {
        "academic_year",
        "threshold",
        "total",
        "by_term",
        "by_motivation",
        "by_behaviour",
        "note",
    }


def test_a_suppressed_bar_is_never_drawn_at_its_real_height(school):
    make_incidents(school, datetime.date(2025, 10, 6), 1)
    summary_cells = selectors.incident_summary(school=school, academic_year=YEAR, today=TODAY)
    chart = term_bar_chart(summary_cells.trend, threshold=5)
    autumn = next(
        bar for bar in chart.bars if bar.term_name == "Autumn" and bar.year_label == "2025-26"
    )
    assert autumn.suppressed
    assert autumn.label == "fewer than 5"
    five = chart.baseline - next(line.y for line in chart.grid if line.value == 5)
    assert autumn.height == pytest.approx(five)  # drawn up to the threshold, not to 1


def test_the_la_return_counts_each_term_exactly(school, uneven_terms):
    rows = selectors.incident_la_return_rows(school=school, academic_year=YEAR)
    counts = {(row[4], row[5], row[6]): row[7] for row in rows}
    assert counts[("Autumn 2025-26", "Incidents", "All incidents")] == 3
    assert counts[("Whole year", "Incidents", "All incidents")] == 25
    assert counts[("Whole year", "Location", "Corridor")] == 25


def test_the_history_shows_who_changed_which_field(school, equality_lead, make_member):
    incident = IncidentFactory(school=school)
    IncidentPersonFactory(incident=incident)
    services.incident_correct(
        incident=incident, by=equality_lead.user, reason="Typo", motivations=["race", "sex"]
    )
    entries = selectors.incident_history(incident=incident)
    newest = entries[0]
    assert newest.who == str(equality_lead.user)
    assert newest.reason == "Typo"
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Perceived motivation", "Race (racist)", "Race (racist), Sex (sexist)")
    ]


def test_staff_see_only_their_own(school, make_member):
    staff = make_member(Role.STAFF)
    mine = IncidentFactory(school=school, recorded_by=staff.user)
    IncidentFactory(school=school)
    assert list(selectors.incident_list_visible_to(membership=staff)) == [mine]
