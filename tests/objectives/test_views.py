from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from equality_portal.schools.roles import Role
from objectives.forms import NOT_A_NUMBER
from objectives.models import BASELINE_AFTER_TARGET, Objective, ObjectiveSet, ProgressComment
from tests.factories import ObjectiveFactory, ObjectiveSetFactory, ProgressUpdateFactory

ALL = {Role.GOVERNOR, Role.LEADERSHIP, Role.EQUALITY_LEAD, Role.STAFF}
MANAGERS = {Role.LEADERSHIP, Role.EQUALITY_LEAD}
COMMENTERS = MANAGERS | {Role.GOVERNOR}


def url(name, school, **kwargs):
    return reverse(f"objectives:{name}", kwargs={"school_slug": school.slug, **kwargs})


@pytest.fixture
def objective_set(school):
    return ObjectiveSetFactory(school=school, title="Equality objectives 2024-2028")


@pytest.fixture
def objective(objective_set):
    return ObjectiveFactory(objective_set=objective_set, number=1, measured=True)


@pytest.fixture
def action(objective):
    return objective.actions.create(what="Maths tutoring", who="Head of maths", when="Weekly")


# (URL name, which record's pk it takes, the roles that may open it)
PAGES = [
    ("set_list", None, ALL),
    ("set_add", None, MANAGERS),
    ("set_detail", "objective_set", ALL),
    ("set_edit", "objective_set", MANAGERS),
    ("objective_add", "set_pk", MANAGERS),
    ("objective_detail", "objective", ALL),
    ("objective_edit", "objective", MANAGERS),
    ("progress_add", "objective", MANAGERS),
    ("comment_add", "objective", COMMENTERS),
    ("action_add", "objective", MANAGERS),
    ("action_edit", "action", MANAGERS),
    ("action_delete", "action", MANAGERS),
]


def page_url(name, record, school, objective_set, objective, action):
    records = {"objective_set": objective_set, "objective": objective, "action": action}
    if record is None:
        return url(name, school)
    if record == "set_pk":
        return url(name, school, set_pk=objective_set.pk)
    return url(name, school, pk=records[record].pk)


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize(("name", "record", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_renders_for_the_roles_allowed_and_is_403_for_the_others(
    make_member, school, objective_set, objective, action, role, name, record, allowed
):
    client = Client(raise_request_exception=False)
    client.force_login(make_member(role).user)
    response = client.get(page_url(name, record, school, objective_set, objective, action))
    expected = HTTPStatus.OK if role in allowed else HTTPStatus.FORBIDDEN
    assert response.status_code == expected
    if expected == HTTPStatus.OK:
        assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize(("name", "record", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_another_schools_members_get_404_everywhere(
    outsider_client, school, objective_set, objective, action, name, record, allowed
):
    response = outsider_client.get(page_url(name, record, school, objective_set, objective, action))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_another_schools_objective_is_404_through_this_school(
    leadership_client, school, other_school
):
    elsewhere = ObjectiveFactory(objective_set__school=other_school)
    assert (
        leadership_client.get(url("objective_detail", school, pk=elsewhere.pk)).status_code == 404
    )
    response = leadership_client.post(
        url("objective_edit", school, pk=elsewhere.pk), {"title": "x"}
    )
    assert response.status_code == HTTPStatus.NOT_FOUND
    other_set = elsewhere.objective_set
    response = leadership_client.get(url("objective_add", school, set_pk=other_set.pk))
    assert response.status_code == HTTPStatus.NOT_FOUND


# --- Bad input: the error beside the field, nothing saved -----------------------------------


def test_a_period_ending_before_it_starts_is_refused_beside_the_field(equality_lead_client, school):
    response = equality_lead_client.post(
        url("set_add", school),
        {"title": "Backwards", "period_start": "2024-09-01", "period_end": "2023-08-31"},
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "<title>Error: Start a new set" in page
    assert 'href="#id_period_end"' in page
    assert "The period must end after it starts." in page
    assert 'id="id_period_end_error"' in page
    assert not ObjectiveSet.objects.exists()


def objective_data(**overrides):
    data = {
        "number": "1",
        "title": "More boys reach the expected standard in maths",
        "aims": ["advance"],
        "characteristics": ["sex"],
        "measure": "Boys at the expected standard in maths",
        "unit": "%",
        "baseline_value": "68",
        "baseline_date": "2024-09-01",
        "target_value": "73",
        "target_date": "2027-07-31",
        "owner": "Head of maths",
        "status": "planned",
    }
    data.update(overrides)
    return data


def test_a_measurable_objective_is_added(leadership_client, school, objective_set):
    response = leadership_client.post(
        url("objective_add", school, set_pk=objective_set.pk), objective_data(), follow=True
    )
    objective = Objective.objects.get()
    assert response.redirect_chain[-1][0] == objective.get_absolute_url()
    assert objective.is_measurable
    assert objective.characteristics == ["sex"]
    assert "68% on 1 September 2024" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"target_date": "2029-07-31"},
            "target_date",
            "The target date must fall within the set&#x27;s period",
        ),
        ({"baseline_date": "2027-09-01"}, "baseline_date", BASELINE_AFTER_TARGET),
        (
            {"baseline_value": "sixty-eight"},
            "baseline_value",
            NOT_A_NUMBER.format(what="baseline value"),
        ),
    ],
)
def test_bad_objectives_are_refused_beside_the_field(
    leadership_client, school, objective_set, overrides, field, message
):
    response = leadership_client.post(
        url("objective_add", school, set_pk=objective_set.pk), objective_data(**overrides)
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    # The summary links to the field (a group of checkboxes: to its first box).
    anchor = f"id_{field}_0" if field == "characteristics" else f"id_{field}"
    assert f'href="#{anchor}"' in page
    assert f'id="id_{field}_error"' in page
    assert message in page
    assert 'value="More boys reach the expected standard in maths"' in page  # nothing lost
    assert not Objective.objects.exists()


def test_a_non_numeric_progress_value_is_refused(equality_lead_client, school, objective):
    response = equality_lead_client.post(
        url("progress_add", school, pk=objective.pk),
        {"recorded_on": "2025-07-01", "value": "70 percent", "narrative": "Better", "rag": "green"},
    )
    page = response.content.decode()
    assert NOT_A_NUMBER.format(what="value") in page
    assert 'id="id_value_error"' in page
    assert not objective.progress_updates.exists()


def test_progress_is_recorded_and_charted_with_its_status_in_words(
    equality_lead_client, staff_client, school, objective
):
    response = equality_lead_client.post(
        url("progress_add", school, pk=objective.pk),
        {
            "recorded_on": "2025-07-01",
            "value": "70",
            "narrative": "Tutoring helped",
            "rag": "amber",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    page = staff_client.get(url("objective_detail", school, pk=objective.pk)).content.decode()
    assert 'role="img"' in page
    assert "<desc id=" in page
    assert "latest 70% on 1 July 2025 (Amber: at risk)" in page
    assert '<span class="status-tag rag-amber">Amber: at risk</span>' in page
    assert "<td>70%</td>" in page  # the table beside the chart


def test_an_objective_without_a_measure_has_no_value_field(
    equality_lead_client, school, objective_set
):
    objective = ObjectiveFactory(objective_set=objective_set, number=2)
    page = equality_lead_client.get(url("progress_add", school, pk=objective.pk)).content.decode()
    assert 'name="value"' not in page
    assert "describe its progress in words" in page


def test_the_set_flags_objectives_that_are_not_measurable_with_a_fix_link_for_managers(
    leadership_client, staff_client, school, objective_set, objective
):
    vague = ObjectiveFactory(objective_set=objective_set, number=2)
    edit_link = url("objective_edit", school, pk=vague.pk)
    leader_page = leadership_client.get(url("set_detail", school, pk=objective_set.pk))
    assert "1 of 2 objectives is not measurable" in leader_page.content.decode()
    assert edit_link in leader_page.content.decode()
    staff_page = staff_client.get(url("set_detail", school, pk=objective_set.pk)).content.decode()
    assert "Not measurable" in staff_page
    assert edit_link not in staff_page
    listing = staff_client.get(url("set_list", school)).content.decode()
    assert "1 not measurable" in listing


def test_a_set_set_out_in_a_document_is_listed_by_its_document_not_as_none(staff_client, school):
    ObjectiveSetFactory(school=school, in_document="App. 2 School Equality Objectives")
    listing = staff_client.get(url("set_list", school)).content.decode()
    assert "Set out in App. 2 School Equality Objectives" in listing


# --- Comments -----------------------------------------------------------------------------------


def test_a_governor_comments_on_progress_and_staff_read_it(
    governor_client, staff_client, governor, school, objective
):
    ProgressUpdateFactory(objective=objective)
    response = governor_client.post(
        url("comment_add", school, pk=objective.pk), {"text": "Please share the Y6 figures."}
    )
    assert response.status_code == HTTPStatus.FOUND
    page = staff_client.get(url("objective_detail", school, pk=objective.pk)).content.decode()
    assert "Please share the Y6 figures." in page
    assert str(governor.user) in page
    assert 'name="text"' not in page  # staff read only


def test_staff_cannot_comment(staff_client, school, objective):
    response = staff_client.post(url("comment_add", school, pk=objective.pk), {"text": "Hello"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not ProgressComment.objects.exists()


def test_governors_cannot_change_objectives(governor_client, school, objective):
    response = governor_client.post(
        url("objective_edit", school, pk=objective.pk), objective_data()
    )
    assert response.status_code == HTTPStatus.FORBIDDEN


# --- Sets and actions -------------------------------------------------------------------------


def test_a_set_shows_both_due_dates(leadership_client, school):
    response = leadership_client.post(
        url("set_add", school),
        {
            "title": "2020-2022",
            "period_start": "2020-09-01",
            "period_end": "2022-08-31",
            "published_on": "2020-10-01",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "31 August 2022" in page
    assert "the law allows until 1 October 2024 at the latest" in page


def test_changing_a_set_is_recorded_with_who_did_it(
    leadership_client, leader, school, objective_set
):
    response = leadership_client.post(
        url("set_edit", school, pk=objective_set.pk),
        {
            "title": "Renamed",
            "period_start": "2024-09-01",
            "period_end": "2028-08-31",
            "published_on": "2024-10-01",
        },
        follow=True,
    )
    objective_set.refresh_from_db()
    assert objective_set.title == "Renamed"
    assert f"Last changed by {leader.user}" in response.content.decode()


def test_an_action_is_added_marked_done_and_removed(equality_lead_client, school, objective):
    equality_lead_client.post(
        url("action_add", school, pk=objective.pk),
        {"what": "Audit clubs", "who": "SENCo", "when": "Autumn 2025", "status": "not_started"},
    )
    action = objective.actions.get()
    equality_lead_client.post(
        url("action_edit", school, pk=action.pk),
        {"what": "Audit clubs", "who": "SENCo", "when": "Autumn 2025", "status": "done"},
    )
    action.refresh_from_db()
    assert action.done
    response = equality_lead_client.post(url("action_delete", school, pk=action.pk))
    assert response["Location"] == objective.get_absolute_url()
    assert not objective.actions.exists()
