"""Issue 21, finding 5: nothing shown to a signed-in user stays in the browser's cache."""

from http import HTTPStatus

import pytest

from tests.factories import IncidentFactory, IncidentPersonFactory
from tests.incidents.conftest import INCIDENT_DAY


@pytest.fixture
def incident(school, staff_member):
    incident = IncidentFactory(
        school=school, recorded_by=staff_member.user, occurred_on=INCIDENT_DAY
    )
    IncidentPersonFactory(incident=incident)
    return incident


def signed_in_addresses(school, incident) -> list[str]:
    base = f"/schools/{school.slug}"
    return [
        f"{base}/",
        f"{base}/incidents/",
        f"{base}/incidents/{incident.pk}/",
        f"{base}/incidents/summary/2025-26/",
        f"{base}/incidents/summary/2025-26/la-return.csv",
        f"{base}/reports/2025-26/autumn/",
        f"{base}/reports/2025-26/autumn/report.pdf",
        f"{base}/members/",
        "/accounts/two-factor/",
    ]


def test_every_signed_in_page_and_download_is_no_store(leadership_client, school, incident):
    for address in signed_in_addresses(school, incident):
        response = leadership_client.get(address)
        assert response.status_code == HTTPStatus.OK, address
        assert "no-store" in response.get("Cache-Control", ""), address
        assert "private" in response["Cache-Control"], address


def test_public_pages_for_visitors_keep_their_caching(anonymous_client, db):
    response = anonymous_client.get("/accessibility/")
    assert "no-store" not in response.get("Cache-Control", "")
