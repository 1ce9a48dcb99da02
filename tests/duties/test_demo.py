from decimal import Decimal

import pytest

from duties import selectors
from duties.demo import CARRINGTON_ACTIONS
from duties.models import Action, EqualityAnalysis, Policy, PolicyReview, ProfileFigure
from equality_portal.core.equality import Aim
from equality_portal.schools.models import School
from tests.conftest import load_demo


@pytest.mark.parametrize("year", ["archived_year", "statement_year", "year"])
def test_carringtons_table_is_reproduced_bullet_by_bullet(demo, year):
    """The table is ongoing work: it is there in each published year and the current one."""
    carrington = School.objects.get(slug="carrington")
    aims = selectors.actions_for_statement(school=carrington, academic_year=getattr(demo, year))
    titles = {entry.aim: [action.title for action in entry.actions] for entry in aims}
    assert [len(titles[aim]) for aim in Aim] == [7, 3, 8]
    assert titles[Aim.ELIMINATE][0] == "Log of prejudice-related incidents in CPOMS"
    assert titles[Aim.FOSTER][-4:] == [
        "Home School Link Worker",
        "Student Voice",
        "Mentoring every two weeks",
        "DICE Levels of Intervention Model",
    ]
    assert [t for _, t, _, _ in CARRINGTON_ACTIONS] == [t for aim in Aim for t in titles[aim]]


def test_carringtons_analysis_evidence(demo):
    review = PolicyReview.objects.get(policy__title="Anti-bullying policy")
    assert review.reviewed_on.year == 2018
    assert review.consulted == "The School Council"
    assert review.equality_analysis.consulted == "The School Council."
    dashboards = EqualityAnalysis.objects.filter(subject="Leadership Team data dashboard")
    assert all("every six weeks" in d.evidence_considered for d in dashboards)
    # The last review of the seed's year, and the latest of this year, up to today.
    last_year, this_year = (d.analysed_on for d in dashboards.order_by("analysed_on"))
    assert (last_year.month, last_year.day) == (7, 10)
    assert demo.year.start <= this_year <= demo.today


def test_coopers_make_up_figures_and_comparator(demo):
    figures = {
        (f.profile.population, f.category_type, f.category): (f.percent, f.comparator_la_percent)
        for f in ProfileFigure.objects.filter(profile__school__slug="coopers")
    }
    assert figures == {
        ("pupils", "ethnicity", "WBRI"): (Decimal("77.4"), Decimal(66)),
        ("pupils", "sex", "male"): (Decimal("63.6"), None),
        ("staff", "ethnicity", "WBRI"): (Decimal(87), None),
        ("staff", "sex", "female"): (Decimal(63), None),
    }
    commitments = Action.objects.filter(
        school__slug="coopers",
        title__startswith="Monitoring",
        academic_year=demo.statement_year.start_year,
    ).count()
    assert commitments == 2
    assert Policy.objects.filter(school__slug="coopers").count() == 3


def test_the_demo_pages_show_the_seed_facts(demo, client):
    from equality_portal.schools.models import User

    client.force_login(User.objects.get(username="coopers-governor"))
    monitoring = client.get("/schools/coopers/duties/monitoring/").content.decode()
    assert "Pupils" in monitoring
    profile = ProfileFigure.objects.get(
        category="male", profile__census_date__gte=demo.statement_year.start
    ).profile
    page = client.get(f"/schools/coopers/duties/monitoring/profiles/{profile.pk}/").content
    assert "77.4%" in page.decode()
    assert "66%" in page.decode()  # as the seed gives it
    assert "Bromley" in page.decode()


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = [model.objects.count() for model in (Action, EqualityAnalysis, Policy, ProfileFigure)]
    load_demo()
    assert [
        model.objects.count() for model in (Action, EqualityAnalysis, Policy, ProfileFigure)
    ] == counts
