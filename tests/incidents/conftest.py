import datetime

import pytest

from equality_portal.schools.roles import Role
from tests.factories import IncidentFactory, IncidentPersonFactory

# A school day well in the past, in the autumn term of 2025-26.
INCIDENT_DAY = datetime.date(2025, 10, 6)


def record_kwargs(**overrides) -> dict:
    """What a member types into the record form, as the service takes it."""
    values = {
        "occurred_on": INCIDENT_DAY,
        "occurred_time": datetime.time(12, 40),
        "location": "playground",
        "raised_by": "target",
        "behaviours": ["verbal"],
        "motivations": ["sexual_orientation"],
        "description": "Homophobic name-calling at lunch.",
        "derogatory_language": "A homophobic slur",
        "immediate_action": "Challenged it.",
        "people": [
            {"role": "target", "kind": "pupil", "year_group": "Y8", "sex": "male"},
            {"role": "perpetrator", "kind": "pupil", "year_group": "Y9", "sex": "male"},
            {"role": "perpetrator", "kind": "pupil", "year_group": "Y9", "sex": "female"},
        ],
    }
    values.update(overrides)
    return values


@pytest.fixture
def incident_of(school):
    """An incident at ``school`` recorded by the given membership's user, with a target."""

    def make(membership=None, **fields):
        if membership is not None:
            fields["recorded_by"] = membership.user
        incident = IncidentFactory(school=school, **fields)
        IncidentPersonFactory(incident=incident)
        return incident

    return make


@pytest.fixture
def staff_incident(incident_of, staff_member):
    return incident_of(staff_member)


@pytest.fixture
def others_incident(incident_of, make_member):
    return incident_of(make_member(Role.STAFF))
