from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from equality_portal.schools.models import Membership
from equality_portal.schools.roles import Role
from equality_portal.schools.services import LAST_LEADER


def url(name, school, **kwargs):
    return reverse(f"schools:{name}", kwargs={"school_slug": school.slug, **kwargs})


# --- The school-scoped rule: 404 for non-members, 403 for the wrong role ---------------------


def test_a_member_of_another_school_gets_404(outsider_client, school):
    response = outsider_client.get(url("dashboard", school))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assertions = response.content.decode()
    assert "Page not found" in assertions
    assert school.name not in assertions


def test_an_unknown_school_is_the_same_404_as_someone_elses(leadership_client):
    response = leadership_client.get("/schools/no-such-school/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "client_fixture", ["governor_client", "staff_client", "equality_lead_client"]
)
@pytest.mark.parametrize("page", ["member_list", "member_add", "school_edit"])
def test_only_leadership_manage_members_and_details(request, school, client_fixture, page):
    client = request.getfixturevalue(client_fixture)
    response = client.get(url(page, school))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "You do not have access to this page" in response.content.decode()


@pytest.mark.parametrize(
    "client_fixture",
    ["governor_client", "staff_client", "equality_lead_client", "leadership_client"],
)
def test_every_role_sees_the_school_overview(request, school, client_fixture):
    response = request.getfixturevalue(client_fixture).get(url("dashboard", school))
    assert response.status_code == HTTPStatus.OK
    assert f"<h1>{school.name}</h1>" in response.content.decode()


def test_navigation_shows_only_what_the_role_may_open(staff_client, leadership_client, school):
    staff_page = staff_client.get(url("dashboard", school)).content.decode()
    leader_page = leadership_client.get(url("dashboard", school)).content.decode()
    assert url("member_list", school) not in staff_page
    assert url("member_list", school) in leader_page


# --- Sign-in and the school picker ---------------------------------------------------------


def test_sign_in_goes_straight_to_the_only_school(client, leader, school):
    response = client.post(
        reverse("login"),
        {"username": leader.user.username, "password": "correct-horse-battery-staple"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("dashboard", school)


def test_sign_in_offers_a_choice_of_several_schools(client, leader, other_school, make_member):
    make_member(Role.GOVERNOR, at=other_school, user=leader.user)
    client.force_login(leader.user)
    response = client.get(reverse("schools:home"))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert url("dashboard", other_school) in page
    assert url("dashboard", leader.school) in page


def test_a_user_with_no_school_is_told_what_to_do(client, django_user_model):
    user = django_user_model.objects.create_user("lonely", "lonely@example.org", "pw-12345-abc")
    client.force_login(user)
    response = client.get(reverse("schools:home"))
    assert "not linked to any school" in response.content.decode()


# Addresses that lead off the site, including the forms browsers read as another host.
OFF_SITE = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    " //evil.example",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("next_url", OFF_SITE)
@pytest.mark.parametrize("sent_in", ["query", "form"])
def test_sign_in_never_redirects_off_site(client, leader, next_url, sent_in):
    data = {"username": leader.user.username, "password": "correct-horse-battery-staple"}
    url = reverse("login")
    if sent_in == "query":
        url += "?" + urlencode({"next": next_url})
    else:
        data["next"] = next_url
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("schools:home")


def test_sign_in_does_go_on_to_a_page_of_the_site(client, leader):
    response = client.post(
        reverse("login") + f"?next=/schools/{leader.school.slug}/members/",
        {"username": leader.user.username, "password": "correct-horse-battery-staple"},
    )
    assert response["Location"] == f"/schools/{leader.school.slug}/members/"


def test_a_wrong_password_is_an_error_with_the_error_title(client, leader):
    response = client.post(reverse("login"), {"username": leader.user.username, "password": "x"})
    page = response.content.decode()
    assert "<title>Error: Sign in" in page
    assert "There is a problem" in page


# --- Member management -----------------------------------------------------------------------


def test_leadership_add_a_member_by_email(leadership_client, school):
    response = leadership_client.post(
        url("member_add", school), {"email": "teacher@example.org", "role": Role.STAFF}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("member_list", school)
    assert "teacher@example.org now has the role Staff." in response.content.decode()
    assert Membership.objects.get(user__email="teacher@example.org").school == school


def test_a_malformed_email_is_shown_beside_the_field_and_nothing_is_saved(
    leadership_client, school
):
    members_before = Membership.objects.count()
    response = leadership_client.post(
        url("member_add", school), {"email": "not-an-email", "role": Role.STAFF}
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "<title>Error: Add a member" in page
    assert '<a href="#id_email">Email address: Enter a valid email address.</a>' in page
    assert 'id="id_email_error"' in page  # beside the field
    assert 'value="not-an-email"' in page  # what was typed is kept
    assert Membership.objects.count() == members_before


def test_adding_an_existing_member_shows_the_error_beside_the_email(
    leadership_client, school, staff_member
):
    response = leadership_client.post(
        url("member_add", school), {"email": staff_member.user.email, "role": Role.GOVERNOR}
    )
    page = response.content.decode()
    assert "is already a member of" in page
    assert 'href="#id_email"' in page
    staff_member.refresh_from_db()
    assert staff_member.role == Role.STAFF


def test_leadership_change_a_role(leadership_client, school, staff_member):
    response = leadership_client.post(
        url("member_role", school, pk=staff_member.pk), {"role": Role.EQUALITY_LEAD}
    )
    assert response.status_code == HTTPStatus.FOUND
    staff_member.refresh_from_db()
    assert staff_member.role == Role.EQUALITY_LEAD


def test_the_last_leader_demoting_themselves_is_refused_with_a_reason(
    leadership_client, school, leader
):
    response = leadership_client.post(url("member_role", school, pk=leader.pk), {"role": "staff"})
    assert response.status_code == HTTPStatus.OK
    assert LAST_LEADER.format(school=school).replace("'", "&#x27;") in response.content.decode()
    leader.refresh_from_db()
    assert leader.role == Role.LEADERSHIP


def test_leadership_remove_a_member(leadership_client, school, staff_member):
    confirm = leadership_client.get(url("member_remove", school, pk=staff_member.pk))
    assert confirm.status_code == HTTPStatus.OK
    response = leadership_client.post(url("member_remove", school, pk=staff_member.pk))
    assert response.status_code == HTTPStatus.FOUND
    assert not Membership.objects.filter(pk=staff_member.pk).exists()


def test_a_member_of_another_school_cannot_be_changed_through_this_school(
    leadership_client, school, other_school, make_member
):
    elsewhere = make_member(Role.STAFF, at=other_school)
    response = leadership_client.post(url("member_remove", school, pk=elsewhere.pk))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_a_governor_cannot_remove_anyone(governor_client, school, staff_member):
    response = governor_client.post(url("member_remove", school, pk=staff_member.pk))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Membership.objects.filter(pk=staff_member.pk).exists()


# --- School details --------------------------------------------------------------------------


def test_leadership_edit_the_schools_details(leadership_client, school):
    data = {
        "name": school.name,
        "urn": "125262",
        "phase": "secondary",
        "nation": "england",
        "local_authority": "Surrey",
        "number_of_staff": "160",
        "website": "www.example.org",
        "contact_email": "office@example.org",
        "approving_body": "local_governing_body",
        "suppression_threshold": "5",
        "incident_retention_years": "6",
    }
    response = leadership_client.post(url("school_edit", school), data)
    assert response.status_code == HTTPStatus.FOUND
    school.refresh_from_db()
    assert school.number_of_staff == 160
    assert school.get_approving_body_display() == "Local governing body"
    assert school.website == "https://www.example.org"


def test_bad_school_details_are_shown_beside_their_fields(leadership_client, school):
    response = leadership_client.post(
        url("school_edit", school),
        {
            "name": "",
            "phase": "secondary",
            "nation": "england",
            "number_of_staff": "-3",
            "urn": "12",
            "local_authority": "Surrey",
            "suppression_threshold": "2",
            "incident_retention_years": "6",
        },
    )
    page = response.content.decode()
    assert 'href="#id_urn"' in page
    assert 'href="#id_number_of_staff"' in page
    assert 'href="#id_name"' in page
    assert "Ensure this value is greater than or equal to 3." in page
    school.refresh_from_db()
    assert school.name == "Carrington Test School"
