import datetime

from django.test import Client

from equality_portal.core.checks import Status, run_rules
from equality_portal.schools.models import School, User
from objectives.compliance import RULES
from objectives.models import Objective, ObjectiveAction, ObjectiveSet, ProgressUpdate
from tests.conftest import load_demo


def client_for(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_carringtons_five_targets_are_in_force_and_all_flagged(demo):
    objective_set = ObjectiveSet.objects.get(school__slug="carrington")
    assert objective_set.period_start <= demo.today <= objective_set.period_end
    start, end = objective_set.period_start.year, objective_set.period_end.year
    assert objective_set.title == f"Equality Targets {start}-{end}"
    # The school's own five, beside the demo trust's objective, which it carries with measures.
    own = objective_set.objectives.filter(trust_objective__isnull=True)
    titles = [o.title for o in own.order_by("number")]
    assert len(titles) == 5
    assert titles[0].startswith("Close the gap in outcomes between disadvantaged students")
    assert "SEND School Support (code K)" in titles[1]
    assert not own.measurable().exists()
    assert objective_set.objectives.filter(trust_objective__isnull=False).measurable().count() == 1
    page = client_for("carrington-staff").get(objective_set.get_absolute_url()).content.decode()
    assert "5 of 6 objectives are not measurable" in page


def test_coopers_seven_objectives_in_its_current_set_with_two_measurable_ones(demo):
    current = ObjectiveSet.objects.get(school__slug="coopers")
    assert current.period_start <= demo.today <= current.period_end
    assert current.objectives.filter(trust_objective__isnull=True).count() == 9
    assert current.objectives.filter(trust_objective__isnull=False).count() == 1  # the trust's
    # The scheme's seven, as published, are flagged; the two added for the demo are measurable.
    assert list(current.objectives.not_measurable().values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
    ]
    assert "homophobic, sexist and racist language" in current.objectives.get(number=7).title
    gap = current.objectives.get(number=8)
    assert gap.is_measurable
    assert gap.groups == ["disadvantaged"]
    assert gap.progress_updates.count() == 2
    latest = gap.progress_updates.latest("recorded_on")
    # The seed's results day, 20 August 2026, moved to the end of the latest statement's year.
    summer = demo.statement_year.end.year
    assert latest.recorded_on == datetime.date(summer, 8, 20)
    assert f"Summer {summer} results" in latest.narrative
    page = client_for("coopers-governor").get(gap.get_absolute_url()).content.decode()
    assert 'role="img"' in page
    assert f"latest 12.1 points on 20 August {summer} (Amber: at risk)" in page
    assert "Governors would like the spring term tutoring attendance figures" in page


def test_the_demo_shows_a_mix_of_compliance(demo):
    today = demo.today
    carrington = {
        c.key: c
        for c in run_rules(RULES, school=School.objects.get(slug="carrington"), today=today)
    }
    coopers = {
        c.key: c for c in run_rules(RULES, school=School.objects.get(slug="coopers"), today=today)
    }
    assert carrington["objectives_published"].status == Status.MET
    assert carrington["objectives_measurable"].status == Status.MISSING
    assert coopers["objectives_published"].status == Status.MET
    assert coopers["objectives_measurable"].status == Status.MISSING


def test_loading_the_demo_twice_changes_nothing(demo):
    models = (ObjectiveSet, Objective, ObjectiveAction, ProgressUpdate)
    before = [model.objects.count() for model in models]
    load_demo()
    assert [model.objects.count() for model in models] == before
