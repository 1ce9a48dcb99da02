"""Two people importing the same census at the same moment: one import is saved, the other is
refused with the rows it repeats, never a 500 from the database's unique constraint."""

import pytest

from duties import services
from duties.models import PopulationProfile
from equality_portal.schools.roles import Role
from tests.duties.test_services import POPULATION_HEADER, upload
from tests.publishing.test_concurrency import _at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CENSUS = (
    POPULATION_HEADER + "\npupils,2025-01-16,sex,female,412,,,\npupils,2025-01-16,sex,male,430,,,\n"
)


def test_two_imports_of_the_same_census_at_once_save_it_once(school, leader, make_member):
    other_leader = make_member(Role.LEADERSHIP)
    outcomes = _at_once(
        lambda user: services.population_import(school=school, file=upload(CENSUS), by=user),
        [leader.user, other_leader.user],
    )
    assert len(outcomes) == 2, outcomes  # neither thread died on the unique constraint
    assert outcomes.count("done") == 1, outcomes
    profile = PopulationProfile.objects.get(school=school, population="pupils")
    assert profile.figures.count() == 2
