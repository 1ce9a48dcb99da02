"""The demo is an ordinary school year whatever day it is loaded: issue "Any date".

Each case loads the demo on a day where date arithmetic has edges (the end of March, the last
and first days of an academic year, a leap day, the day a statement is due to be published)
and checks what a newcomer would see: recent open incidents, this year's evidence on the
duties, engagement and objectives pages, objectives in force, and a statement published within
the last twelve months with the year before it in the archive.
"""

import datetime

import pytest
from django.test import Client

from duties.models import Action, EqualityAnalysis
from engagement.models import EngagementRecord
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.dates import add_years
from equality_portal.publishing.models import Publication
from equality_portal.schools.demo import DemoCalendar
from equality_portal.schools.models import School, User
from incidents.models import Incident
from objectives.selectors import objective_set_current
from tests.conftest import load_demo

DAYS = {
    "29 March": datetime.date(2027, 3, 29),
    "31 August": datetime.date(2027, 8, 31),
    "1 September": datetime.date(2027, 9, 1),
    "29 February": datetime.date(2028, 2, 29),
    "publication day": DemoCalendar.published_on(AcademicYear(2027)),
    "31 December": datetime.date(2027, 12, 31),
    "1 January": datetime.date(2028, 1, 1),
}


@pytest.fixture(params=list(DAYS.values()), ids=list(DAYS))
def demo_on(request, db, settings, time_machine):
    time_machine.move_to(datetime.datetime.combine(request.param, datetime.time(8, 15)))
    settings.DEBUG = True
    load_demo()
    return DemoCalendar.now()


def _page(username: str, url: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_loaddemo_on_any_date_gives_an_ordinary_year(demo_on):
    today, year = demo_on.today, demo_on.year
    assert today in DAYS.values()
    for school in School.objects.filter(slug__in=["carrington", "coopers"]):
        incidents = Incident.objects.for_school(school)
        assert not incidents.filter(occurred_on__gte=today).exists()
        recent = incidents.filter(occurred_on__gte=today - datetime.timedelta(days=21))
        assert recent.filter(status="open").count() >= 5
        assert incidents.filter(occurred_on__gt=add_years(today, -1)).count() >= 40

        lead = f"{school.slug}-equality-lead"
        action = Action.objects.filter(school=school, academic_year=year.start_year).first()
        assert action is not None
        assert action.title in _page(lead, f"/schools/{school.slug}/duties/actions/{year}/")
        assert year.label in _page(lead, f"/schools/{school.slug}/duties/")
        record = EngagementRecord.objects.filter(school=school, academic_year=year.start_year)
        assert record.exists()
        assert record.first().title in _page(lead, f"/schools/{school.slug}/engagement/")
        in_force = objective_set_current(school=school, on=today)
        assert in_force.period_start <= today <= in_force.period_end
        assert in_force.title in _page(lead, f"/schools/{school.slug}/objectives/")

        latest, archived = Publication.objects.filter(school=school).order_by("-published_at")
        assert add_years(today, -1) < latest.published_at.date() <= today
        # Publications are for periods: the demo's are academic years, this one and the last.
        assert latest.year.key == demo_on.statement_year.label
        assert archived.year.key == demo_on.statement_year.previous().label
        assert latest.year.label in _page(lead, f"/schools/{school.slug}/statement/")
    assert EqualityAnalysis.objects.filter(analysed_on__range=(year.start, today)).exists()
    assert Action.objects.filter(academic_year=year.previous().start_year).exists()


def test_loading_the_demo_twice_on_a_leap_day_changes_nothing(db, settings, time_machine):
    time_machine.move_to(datetime.datetime(2028, 2, 29, 17, 0))
    settings.DEBUG = True
    load_demo()
    models = (Action, EqualityAnalysis, EngagementRecord, Incident, Publication)
    before = [model.objects.count() for model in models]
    load_demo()
    assert [model.objects.count() for model in models] == before
