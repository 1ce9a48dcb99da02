import csv
import datetime
import io
import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.roles import Role
from incidents.forms import (
    BLANK_PEOPLE_FORMS,
    MAX_PEOPLE,
    TOO_MANY_PEOPLE,
    PersonCorrectionFormSet,
    PersonForm,
    PersonFormSet,
)
from incidents.models import (
    BINARY_TEXT,
    FOLLOW_UP_BEFORE_INCIDENT,
    IN_THE_FUTURE,
    RATIONALE_REQUIRED,
    Incident,
)
from tests.factories import IncidentFactory, IncidentPersonFactory

from .conftest import INCIDENT_DAY

ROLE_CLIENTS = {
    Role.GOVERNOR: "governor_client",
    Role.LEADERSHIP: "leadership_client",
    Role.EQUALITY_LEAD: "equality_lead_client",
    Role.STAFF: "staff_client",
}
EVERYONE = set(ROLE_CLIENTS)
READERS = {Role.STAFF, Role.LEADERSHIP, Role.EQUALITY_LEAD}
MANAGERS = {Role.LEADERSHIP, Role.EQUALITY_LEAD}
SUMMARY = {Role.GOVERNOR, Role.LEADERSHIP, Role.EQUALITY_LEAD}

# Every page of the app, whether it is about one incident, and who may open it.
PAGES = [
    ("list", False, READERS),
    ("list_export", False, MANAGERS),
    ("record", False, EVERYONE),
    ("detail", True, READERS),
    ("correct", True, READERS),
    ("follow_up", True, MANAGERS),
    ("action_add", True, MANAGERS),
    ("history", True, MANAGERS),
    ("summary", False, SUMMARY),
    ("summary_year", False, SUMMARY),
    ("export", False, MANAGERS),
    ("retention", False, MANAGERS),
]


def url(name, school, **kwargs):
    if name in ("summary_year", "export"):
        kwargs.setdefault("year", AcademicYear(2025))
    return reverse(f"incidents:{name}", kwargs={"school_slug": school.slug, **kwargs})


def page_url(name, about_incident, school, incident):
    return url(name, school, pk=incident.pk) if about_incident else url(name, school)


# The record form's people: one target ready, and the blank ones behind "Add a person".
PEOPLE_ROWS = 1 + BLANK_PEOPLE_FORMS


def form_data(school, **overrides) -> dict:
    """A complete record form as a phone would post it, with three people rows."""
    data = {
        "occurred_on": INCIDENT_DAY.isoformat(),
        "occurred_time": "12:40",
        "location": "playground",
        "raised_by": "target",
        "behaviours": ["verbal"],
        "motivations": ["race", "religion_belief"],
        "description": "Racist and anti-Muslim comments at lunch.",
        "derogatory_language": "A racist slur",
        "immediate_action": "Challenged it.",
        "people-TOTAL_FORMS": str(PEOPLE_ROWS),
        "people-INITIAL_FORMS": "1",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": str(MAX_PEOPLE),
    }
    for index in range(PEOPLE_ROWS):
        data[f"people-{index}-sex"] = "not_known"
    data.update(
        {
            "people-0-role": "target",
            "people-0-kind": "pupil",
            "people-0-year_group": "Y8",
            "people-0-sex": "female",
            "people-0-ethnicity_code": "BAFR",
            "people-0-internal_reference": "SIMS-10482",
            "people-1-role": "perpetrator",
            "people-1-kind": "pupil",
            "people-1-year_group": "Y10",
            "people-1-sex": "male",
        }
    )
    data.update(overrides)
    return data


# --- Who may open what ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "about_incident", "allowed"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("role", list(ROLE_CLIENTS), ids=str)
def test_every_page_renders_for_its_roles_and_is_403_for_the_others(
    request, school, staff_member, staff_incident, name, about_incident, allowed, role
):
    client = request.getfixturevalue(ROLE_CLIENTS[role])
    response = client.get(page_url(name, about_incident, school, staff_incident))
    if role in allowed:
        assert response.status_code == HTTPStatus.OK
    else:
        assert response.status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize(("name", "about_incident", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_another_schools_member_gets_404_everywhere(
    outsider_client, school, staff_incident, name, about_incident, allowed
):
    response = outsider_client.get(page_url(name, about_incident, school, staff_incident))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_an_incident_of_another_school_is_404_even_for_its_own_leaders(
    leadership_client, school, other_school
):
    elsewhere = IncidentFactory(school=other_school)
    for name in ("detail", "correct", "history", "follow_up"):
        response = leadership_client.get(url(name, school, pk=elsewhere.pk))
        assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("name", ["detail", "correct"])
def test_staff_get_404_for_someone_elses_incident(staff_client, school, others_incident, name):
    response = staff_client.get(url(name, school, pk=others_incident.pk))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_staff_list_only_what_they_recorded(staff_client, school, staff_incident, others_incident):
    page = staff_client.get(url("list", school)).content.decode()
    assert staff_incident.reference in page
    assert others_incident.reference not in page


def test_managers_list_every_incident_of_their_school(
    equality_lead_client, school, staff_incident, others_incident, other_school
):
    elsewhere = IncidentFactory(school=other_school, number=999)
    page = equality_lead_client.get(url("list", school)).content.decode()
    assert staff_incident.reference in page
    assert others_incident.reference in page
    assert elsewhere.reference not in page


def test_the_navigation_sends_governors_to_the_summary_only(governor_client, school):
    page = governor_client.get(reverse("schools:dashboard", args=[school.slug])).content.decode()
    assert url("summary", school) in page
    assert f'href="{url("list", school)}"' not in page


def test_an_incident_cannot_be_deleted_through_the_portal(equality_lead_client, staff_incident):
    response = equality_lead_client.delete(staff_incident.get_absolute_url())
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert Incident.objects.filter(pk=staff_incident.pk).exists()


# --- Recording ------------------------------------------------------------------------------


def test_the_record_form_starts_at_today_and_offers_the_schools_year_groups(staff_client, school):
    page = staff_client.get(url("record", school)).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert '<option value="Y11">Year 11</option>' in page
    assert "Year 3" not in page  # a secondary school
    assert 'name="people-2-role"' in page  # spare rows without JavaScript
    assert 'name="people-0-name"' not in page


def test_staff_record_an_incident_with_several_people_in_their_roles(
    staff_client, school, staff_member, equality_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url("record", school), form_data(school), follow=True)
    incident = Incident.objects.get()
    assert response.redirect_chain[-1][0] == incident.get_absolute_url()
    assert f"Incident {incident.reference} was recorded." in response.content.decode()
    assert incident.recorded_by == staff_member.user
    assert incident.motivations == ["race", "religion_belief"]
    people = sorted(incident.people.values_list("role", "year_group", "internal_reference"))
    assert people == [("perpetrator", "Y10", ""), ("target", "Y8", "SIMS-10482")]
    assert [message.to for message in mail.outbox] == [[equality_lead.user.email]]


def test_a_governor_may_record_but_then_sees_only_the_reference(
    governor_client, school, governor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = governor_client.post(url("record", school), form_data(school), follow=True)
    incident = Incident.objects.get()
    assert response.redirect_chain[-1][0] == url("summary", school)
    page = response.content.decode()
    assert f"recorded as {incident.reference}" in page
    assert "anti-Muslim" not in page
    assert governor_client.get(incident.get_absolute_url()).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"occurred_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
            "occurred_on",
            IN_THE_FUTURE,
        ),
        ({"motivations": []}, "motivations", "Choose at least one perceived motivation."),
        ({"description": "x" * 5001}, "description", "at most 5000 characters (it has 5001)"),
        ({"derogatory_language": "GIF89a\x01\x02"}, "derogatory_language", BINARY_TEXT),
        (
            {"immediate_action": "nul\x00byte"},
            "immediate_action",
            "Null characters are not allowed.",
        ),
        ({"location": "moon"}, "location", "Select a valid choice."),
        ({"location": ""}, "location", "Choose where it happened."),
    ],
    ids=[
        "future",
        "no-motivation",
        "oversized",
        "binary",
        "nul",
        "unknown-location",
        "no-location",
    ],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(
    staff_client, school, overrides, field, message
):
    response = staff_client.post(url("record", school), form_data(school, **overrides))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "<title>Error: Record an incident" in page
    assert f'href="#id_{field}' in page
    assert f'id="id_{field}_error"' in page or f'id="error_1_id_{field}"' in page
    assert message.replace("'", "&#x27;") in page
    assert not Incident.objects.exists()
    assert mail.outbox == []


def test_a_year_group_the_school_does_not_teach_is_shown_beside_the_person(staff_client, school):
    response = staff_client.post(
        url("record", school), form_data(school, **{"people-1-year_group": "Y3"})
    )
    page = response.content.decode()
    assert "Choose one of the year groups Carrington Test School teaches." in page
    assert 'id="id_people-1-year_group_error"' in page or "error_1_id_people-1-year_group" in page
    assert "Person 2, year group (pupils)" in page  # in the error summary
    assert not Incident.objects.exists()


def test_a_person_without_a_role_is_an_error_not_silently_dropped(staff_client, school):
    response = staff_client.post(
        url("record", school), form_data(school, **{"people-2-ethnicity_code": "WBRI"})
    )
    page = response.content.decode()
    assert "Person 3, role: Choose the person&#x27;s role" in page
    assert not Incident.objects.exists()


def test_a_name_typed_as_internal_reference_is_refused(staff_client, school):
    response = staff_client.post(
        url("record", school), form_data(school, **{"people-0-internal_reference": "Jane Doe"})
    )
    assert "Never a name." in response.content.decode()
    assert not Incident.objects.exists()


def test_no_target_and_not_untargeted_is_explained(staff_client, school):
    data = form_data(school, **{"people-0-role": "witness"})
    response = staff_client.post(url("record", school), data)
    assert 'href="#id_untargeted"' in response.content.decode()
    assert not Incident.objects.exists()


def test_the_target_offered_ready_is_dropped_when_no_one_was_targeted(staff_client, school):
    data = form_data(school, untargeted="on")
    data.update({"people-0-year_group": "", "people-0-sex": "not_known"})
    for name in ("ethnicity_code", "internal_reference"):
        data[f"people-0-{name}"] = ""
    for name in ("role", "kind", "year_group"):
        data[f"people-1-{name}"] = ""
    data["people-1-sex"] = "not_known"
    response = staff_client.post(url("record", school), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()
    incident = Incident.objects.get()
    assert incident.untargeted
    assert not incident.people.exists()


# --- A name typed into the free text ------------------------------------------------------


def test_a_name_in_the_free_text_is_warned_about_and_nothing_is_lost(staff_client, school):
    description = "Jake Smith in 8R called the target a racist name."
    response = staff_client.post(url("record", school), form_data(school, description=description))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "This may contain a person&#x27;s name: “Jake Smith”" in page
    assert 'href="#id_description"' in page
    assert 'name="save_anyway"' in page  # the choice to save anyway
    assert description in page  # what was typed is all still there
    assert 'value="SIMS-10482"' in page
    assert not Incident.objects.exists()


def test_a_name_from_the_member_list_is_warned_about(staff_client, school, make_member):
    member = make_member(Role.STAFF)
    member.user.first_name, member.user.last_name = "Gwendolyn", "Okafor"
    member.user.save()
    response = staff_client.post(
        url("record", school),
        form_data(school, immediate_action="Told gwendolyn okafor at once."),
    )
    assert "“Gwendolyn Okafor”" in response.content.decode()
    assert not Incident.objects.exists()


def test_save_anyway_keeps_the_text_as_typed(staff_client, school):
    description = "Racist chanting during Black History Month, Pupil A leading."
    data = form_data(school, description=description + " Harvey Nichols bag thrown.")
    assert staff_client.post(url("record", school), data).status_code == HTTPStatus.OK
    data["save_anyway"] = "on"
    response = staff_client.post(url("record", school), data)
    assert response.status_code == HTTPStatus.FOUND
    assert Incident.objects.get().description.endswith("Harvey Nichols bag thrown.")


def test_common_capitalised_phrases_save_without_a_warning(staff_client, school):
    data = form_data(
        school,
        description="Head of Year 9 saw it in the Dining Hall on Monday, after Assembly.",
    )
    assert staff_client.post(url("record", school), data).status_code == HTTPStatus.FOUND


def test_a_correction_warns_about_a_name_in_its_reason(staff_client, school, staff_incident):
    data = form_data(school, reason="Tom Jones told me the place was wrong")
    response = staff_client.post(url("correct", school, pk=staff_incident.pk), data)
    assert "“Tom Jones”" in response.content.decode()


# --- Bounded forms --------------------------------------------------------------------------


@pytest.mark.parametrize("total", ["99999999999", str(MAX_PEOPLE + 1)])
@pytest.mark.parametrize("name", ["record", "correct"])
def test_an_oversized_people_total_is_refused_without_building_a_form(
    staff_client, school, staff_incident, total, name, monkeypatch
):
    built = []
    original = PersonForm.__init__

    def counting_init(self, *args, **kwargs):
        built.append(kwargs.get("prefix"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(PersonForm, "__init__", counting_init)
    address = url(name, school, pk=staff_incident.pk) if name == "correct" else url(name, school)
    data = form_data(school, reason="Wrong place", **{"people-TOTAL_FORMS": total})
    response = staff_client.post(address, data)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    page = response.content.decode()
    assert TOO_MANY_PEOPLE.replace("'", "&#x27;") in page
    assert f'href="{address}"' in page  # back to the form
    assert built == []  # not one person's form was built from the post
    assert Incident.objects.count() == 1  # the arranged one only


def test_as_many_people_as_the_limit_are_taken(staff_client, school):
    data = form_data(school, **{"people-TOTAL_FORMS": str(MAX_PEOPLE)})
    for index in range(PEOPLE_ROWS, MAX_PEOPLE):
        data.update({f"people-{index}-role": "witness", f"people-{index}-kind": "pupil"})
        data[f"people-{index}-sex"] = "not_known"
    response = staff_client.post(url("record", school), data)
    assert response.status_code == HTTPStatus.FOUND
    assert Incident.objects.get().people.count() == MAX_PEOPLE - 1  # people-2 was left blank


def test_every_people_formset_is_bounded():
    for formset in (PersonFormSet, PersonCorrectionFormSet):
        assert formset.max_num == MAX_PEOPLE
        assert formset.absolute_max == MAX_PEOPLE
        assert formset.validate_max


# --- Reading, correcting and following up -------------------------------------------------


def test_the_detail_shows_people_by_role_never_a_name(staff_client, staff_incident):
    page = staff_client.get(staff_incident.get_absolute_url()).content.decode()
    assert "Target" in page
    assert "Year 8" in page
    assert staff_incident.description in page
    assert "Update follow-up" not in page  # staff do not follow up


def test_a_correction_through_the_page_is_kept_in_the_history(
    staff_client, equality_lead_client, school, staff_incident
):
    person = staff_incident.people.get()
    data = form_data(
        school,
        reason="Wrong location",
        **{
            "people-TOTAL_FORMS": "3",
            "people-INITIAL_FORMS": "1",
            "people-0-pk": str(person.pk),
            "people-0-year_group": person.year_group,
            "people-0-sex": person.sex,
            "people-0-ethnicity_code": "",
            "people-0-internal_reference": person.internal_reference,
            "people-1-role": "",
            "people-1-kind": "",
            "people-1-year_group": "",
            "people-1-sex": "not_known",
        },
    )
    data.update(
        motivations=["race"],
        description=staff_incident.description,
        derogatory_language=staff_incident.derogatory_language,
        immediate_action=staff_incident.immediate_action,
        raised_by="staff",
        behaviours=["verbal"],
        occurred_time="10:30",
        location="toilets",
    )
    response = staff_client.post(url("correct", school, pk=staff_incident.pk), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()
    staff_incident.refresh_from_db()
    assert staff_incident.location == "toilets"
    history = equality_lead_client.get(url("history", school, pk=staff_incident.pk))
    page = history.content.decode()
    assert "Reason: Wrong location" in page
    assert "<td>Corridor</td>" in page.replace(' class="text-break"', "")
    assert "<td>Toilets</td>" in page.replace(' class="text-break"', "")


def test_the_follow_up_date_cannot_be_before_the_incident(
    equality_lead_client, school, staff_incident
):
    response = equality_lead_client.post(
        url("follow_up", school, pk=staff_incident.pk),
        {"status": "open", "follow_up_due": "2025-10-01", "outcome": ""},
    )
    page = response.content.decode()
    assert FOLLOW_UP_BEFORE_INCIDENT in page
    assert 'href="#id_follow_up_due"' in page
    staff_incident.refresh_from_db()
    assert staff_incident.follow_up_due is None


def test_the_equality_lead_records_an_action_and_closes(
    equality_lead_client, school, staff_incident
):
    response = equality_lead_client.post(
        url("action_add", school, pk=staff_incident.pk),
        {"kind": "parents_informed", "taken_on": "2025-10-07", "notes": "Phoned."},
    )
    assert response.status_code == HTTPStatus.FOUND
    equality_lead_client.post(
        url("follow_up", school, pk=staff_incident.pk),
        {"status": "closed", "follow_up_due": "2025-10-20", "outcome": "Resolved."},
    )
    page = equality_lead_client.get(staff_incident.get_absolute_url()).content.decode()
    assert "Parents or carers informed" in page
    assert "Closed" in page


def test_a_decision_not_to_refer_is_refused_without_its_reason_and_loses_nothing(
    equality_lead_client, school, staff_incident
):
    data = {
        "status": "open",
        "follow_up_due": "2025-10-20",
        "outcome": "Spoke to both.",
        "decision": "not_referred",
        "rationale": "",
        "decided_on": "2025-10-07",
    }
    response = equality_lead_client.post(url("follow_up", school, pk=staff_incident.pk), data)
    page = response.content.decode()
    assert RATIONALE_REQUIRED in page
    assert 'href="#id_rationale"' in page
    assert "Spoke to both." in page
    assert not staff_incident.decisions.exists()
    data["rationale"] = "Low level, first time, handled in school with the family."
    response = equality_lead_client.post(url("follow_up", school, pk=staff_incident.pk), data)
    assert response.status_code == HTTPStatus.FOUND
    page = equality_lead_client.get(staff_incident.get_absolute_url()).content.decode()
    assert "Not referred" in page
    assert "Low level, first time, handled in school with the family." in page


def test_staff_never_see_the_referral_decisions(staff_client, staff_incident, equality_lead):
    staff_incident.decisions.create(
        decision="police",
        rationale="Threats made outside school.",
        decided_on=staff_incident.occurred_on,
        decided_by=equality_lead.user,
    )
    page = staff_client.get(staff_incident.get_absolute_url()).content.decode()
    assert "Threats made outside school." not in page


def test_overdue_follow_ups_are_listed_for_managers(equality_lead_client, school, incident_of):
    overdue = incident_of(follow_up_due=datetime.date(2025, 10, 20))
    page = equality_lead_client.get(url("list", school) + "?status=overdue").content.decode()
    assert "Overdue follow-ups" in page
    assert overdue.reference in page
    assert "Follow-up overdue" in page


# --- Summary and export -------------------------------------------------------------------


@pytest.fixture
def year_of_incidents(school):
    for number in range(1, 8):
        IncidentFactory(school=school, number=number, motivations=["race"])
    # Two incidents with two motivations: each counts under both.
    for number in (8, 9):
        IncidentFactory(school=school, number=number, motivations=["race", "sex"])
    incident = IncidentFactory(school=school, number=10, motivations=["gender_identity"])
    IncidentPersonFactory(incident=incident, internal_reference="SIMS-55555")


def test_the_governors_summary_is_suppressed_and_explains_itself(
    governor_client, school, year_of_incidents
):
    page = governor_client.get(url("summary_year", school)).content.decode()
    assert "Incidents in 2025-26: 10" in page
    # Gender identity had one incident, sex two: both hidden; race nine, shown.
    assert re.search(r"Gender identity \(transphobic\)</th>\s*<td[^>]*>fewer than 5</td>", page)
    assert re.search(r"Sex \(sexist\)</th>\s*<td[^>]*>fewer than 5</td>", page)
    assert re.search(r"Race \(racist\)</th>\s*<td[^>]*>10</td>", page)  # 9, rounded
    assert "An incident with two motivations counts under both" in page
    assert 'role="img"' in page
    assert "<desc" in page
    assert "INC-0" not in page
    assert "SIMS-55555" not in page
    assert "local-authority return" not in page  # managers only


def test_the_local_authority_return_is_exact_and_safe_in_a_spreadsheet(
    equality_lead_client, school, year_of_incidents
):
    school.name = "=HYPERLINK(evil)"
    school.local_authority = "+Surrey"
    school.save()
    response = equality_lead_client.get(url("export", school))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="incidents-carrington-test-2025-26.csv"' in response["Content-Disposition"]
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["School", "URN", "Local authority", "Academic year"]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert rows[1][0] == "'=HYPERLINK(evil)"
    assert rows[1][2] == "'+Surrey"
    whole_year = {(row[5], row[6]): row[7] for row in rows[1:] if row[4] == "Whole year"}
    assert whole_year[("Incidents", "All incidents")] == "10"
    assert whole_year[("Perceived motivation", "Gender identity (transphobic)")] == "1"
    assert "SIMS-55555" not in text
    assert "racist term" not in text


def test_the_retention_page_lists_purges(equality_lead_client, school):
    page = equality_lead_client.get(url("retention", school)).content.decode()
    assert "No incident has been anonymised yet." in page
    assert "6 years after the end of the academic year" in page
