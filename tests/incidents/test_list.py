"""Managers find incidents: filters, search, pages and the CSV of the filtered list, all within
what each member may read, at a number of queries that does not grow with the incidents."""

import csv
import datetime
import io
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equality_portal.schools.roles import Role
from incidents.export import FORMULA_STARTS, INCIDENT_LIST_HEADER
from tests.factories import IncidentFactory, IncidentPersonFactory

DAY = datetime.date(2025, 10, 6)


def references(client, school, **query) -> set[str]:
    response = client.get(reverse("incidents:list", args=[school.slug]), query)
    assert response.status_code == HTTPStatus.OK
    return {incident.reference for incident in response.context["incidents"]}


def export(client, school, **query) -> list[dict]:
    response = client.get(reverse("incidents:list_export", args=[school.slug]), query)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def incidents(school, staff_member, make_member):
    """Five incidents that differ in one way each from the first."""
    other = make_member(Role.STAFF).user
    plain = {"school": school, "recorded_by": staff_member.user, "occurred_on": DAY}
    made = {
        "plain": IncidentFactory(**plain),
        "later": IncidentFactory(**{**plain, "occurred_on": DAY + datetime.timedelta(days=30)}),
        "sexist_online": IncidentFactory(
            **plain, motivations=["sex"], behaviours=["online"], location="online"
        ),
        "closed": IncidentFactory(**plain, status="closed", outcome="Resolved."),
        "by_other": IncidentFactory(
            **{**plain, "recorded_by": other},
            description="Graffiti with a swastika on the science block.",
        ),
    }
    for incident in made.values():
        IncidentPersonFactory(incident=incident, year_group="Y8")
    IncidentPersonFactory(incident=made["later"], role="perpetrator", year_group="Y11")
    return {name: incident.reference for name, incident in made.items()}


def test_each_filter_narrows_the_list(equality_lead_client, school, incidents, staff_member):
    everything = set(incidents.values())
    assert references(equality_lead_client, school) == everything
    cases = [
        ({"date_from": "2025-10-07"}, {"later"}),
        ({"date_to": "2025-10-06"}, everything_but := set(incidents) - {"later"}),
        ({"motivation": "sex"}, {"sexist_online"}),
        ({"motivation": "race"}, set(incidents) - {"sexist_online"}),
        ({"behaviour": "online"}, {"sexist_online"}),
        ({"location": "online"}, {"sexist_online"}),
        ({"year_group": "Y11"}, {"later"}),
        ({"status": "closed"}, {"closed"}),
        ({"status": "open"}, set(incidents) - {"closed"}),
        ({"recorded_by": staff_member.user.pk}, set(incidents) - {"by_other"}),
        ({"search": "SWASTIKA"}, {"by_other"}),
        ({"search": "resolved"}, {"closed"}),
        ({"search": incidents["closed"]}, {"closed"}),
        ({"motivation": "race", "date_from": "2025-10-07", "year_group": "Y8"}, {"later"}),
    ]
    assert everything_but
    for query, expected in cases:
        found = references(equality_lead_client, school, **query)
        assert found == {incidents[name] for name in expected}, query


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"date_from": "2025-10-07", "date_to": "2025-10-01"}, "swap them round"),
        ({"date_from": "not-a-date"}, "Enter a valid date."),
        ({"motivation": "moon"}, "Select a valid choice."),
        ({"recorded_by": "999999"}, "Select a valid choice."),
        ({"page": "99999"}, None),
        ({"page": "abc"}, None),
    ],
)
def test_an_odd_filter_is_explained_never_a_500(
    equality_lead_client, school, incidents, query, error
):
    response = equality_lead_client.get(reverse("incidents:list", args=[school.slug]), query)
    assert response.status_code == HTTPStatus.OK
    if error:
        page = response.content.decode()
        assert "<title>Error: Incidents" in page
        assert error in page.replace("&#x27;", "'").replace("&ldquo;", "“")


def test_the_list_comes_in_pages_that_keep_the_filters(equality_lead_client, school):
    for number in range(1, 28):
        IncidentFactory(school=school, number=number, motivations=["race"])
    response = equality_lead_client.get(
        reverse("incidents:list", args=[school.slug]), {"motivation": "race"}
    )
    page = response.content.decode()
    assert len(response.context["incidents"]) == 25
    assert "Page 1 of 2" in page
    assert "?motivation=race&amp;page=2" in page
    second = equality_lead_client.get(
        reverse("incidents:list", args=[school.slug]), {"motivation": "race", "page": 2}
    )
    assert len(second.context["incidents"]) == 2


def test_staff_filter_only_their_own(staff_client, school, incidents):
    assert incidents["by_other"] not in references(staff_client, school)
    assert references(staff_client, school, search="swastika") == set()


def test_another_schools_incidents_are_never_found(equality_lead_client, school, other_school):
    IncidentFactory(school=other_school, number=77, description="Elsewhere entirely.")
    assert references(equality_lead_client, school, search="Elsewhere") == set()
    assert export(equality_lead_client, school, search="Elsewhere") == []


def test_the_export_is_the_filtered_list_without_free_text(equality_lead_client, school, incidents):
    rows = export(equality_lead_client, school, motivation="race", status="open")
    assert list(rows[0]) == INCIDENT_LIST_HEADER
    expected = {incidents[name] for name in ("plain", "later", "by_other")}
    assert {row["Reference"] for row in rows} == expected
    later = next(row for row in rows if row["Reference"] == incidents["later"])
    assert later["Targets"] == "Pupil (Year 8)"
    assert later["Perpetrators"] == "Pupil (Year 11)"
    assert later["Perceived motivation"] == "Race (racist)"
    assert later["Term"] == "Autumn"
    text = str(rows)
    assert "swastika" not in text
    assert "racist term" not in text  # the factory's derogatory language


def test_the_export_is_safe_to_open_in_a_spreadsheet(
    equality_lead_client, school, staff_member, incidents
):
    staff_member.user.first_name = '=HYPERLINK("http://evil.example")'
    staff_member.user.last_name = ""
    staff_member.user.save()
    rows = export(equality_lead_client, school)
    recorded_by = {row["Recorded by"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example")' in recorded_by
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_STARTS), cell


def test_the_export_is_for_managers_only(staff_client, governor_client, school, incidents):
    url = reverse("incidents:list_export", args=[school.slug])
    assert staff_client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert governor_client.get(url).status_code == HTTPStatus.FORBIDDEN


def _queries(client, url, query) -> int:
    client.get(url, query)  # the session and the school, once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


@pytest.mark.parametrize("name", ["list", "list_export"])
def test_the_list_and_export_read_a_fixed_number_of_times(
    equality_lead_client, school, make_member, name, django_assert_num_queries
):
    url = reverse(f"incidents:{name}", args=[school.slug])
    query = {"motivation": "race", "year_group": "Y8", "search": "pupil", "date_from": "2025-01-01"}

    def add(count):
        recorder = make_member(Role.STAFF).user
        for _ in range(count):
            incident = IncidentFactory(school=school, recorded_by=recorder, follow_up_due=DAY)
            IncidentPersonFactory(incident=incident)
            IncidentPersonFactory(incident=incident, role="perpetrator")
            incident.decisions.create(
                decision="dsl", rationale="Pattern.", decided_on=DAY, decided_by=recorder
            )

    add(2)
    few = _queries(equality_lead_client, url, query)
    add(40)
    with django_assert_num_queries(few):
        response = equality_lead_client.get(url, query)
    assert response.status_code == HTTPStatus.OK
