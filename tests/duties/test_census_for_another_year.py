"""A census dated before a statement's year can be chosen for it (issue 14, point 4)."""

import datetime
from http import HTTPStatus

from django.urls import reverse

from duties.models import PopulationProfile
from duties.selectors import population_profiles_exist, population_profiles_for_statement
from equality_portal.core.academic_year import AcademicYear
from tests.factories import PopulationProfileFactory

YEAR = AcademicYear(2015)


def test_a_census_before_the_year_reaches_its_statement_only_when_chosen(school):
    profile = PopulationProfileFactory(
        school=school, population="staff", census_date=datetime.date(2015, 1, 15)
    )
    assert not population_profiles_for_statement(school=school, academic_year=YEAR)
    assert not population_profiles_exist(school=school, population="staff", academic_year=YEAR)
    profile.reported_for_year = YEAR.start_year
    profile.save()
    chosen = population_profiles_for_statement(school=school, academic_year=YEAR)
    assert [view.profile.pk for view in chosen] == [profile.pk]
    assert population_profiles_exist(school=school, population="staff", academic_year=YEAR)
    # It still belongs to its own year too.
    assert population_profiles_for_statement(school=school, academic_year=AcademicYear(2014))


def test_the_profile_form_chooses_the_statement_year(equality_lead_client, school):
    response = equality_lead_client.post(
        reverse("duties:profile_add", kwargs={"school_slug": school.slug}),
        {
            "population": "pupils",
            "census_date": "2015-01-15",
            "source": "January school census",
            "notes": "",
            "reported_for_year": "2015",
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    assert PopulationProfile.objects.get(school=school).reported_for_year == 2015
