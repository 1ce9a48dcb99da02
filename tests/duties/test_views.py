import csv
import datetime
import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duties import services
from duties.models import (
    Action,
    EqualityAnalysis,
    OutcomeMeasure,
    PolicyReview,
    PopulationProfile,
    ProfileFigure,
)
from equality_portal.core.academic_year import AcademicYear
from tests.factories import (
    ActionFactory,
    EqualityAnalysisFactory,
    OutcomeMeasureFactory,
    PolicyFactory,
    PopulationProfileFactory,
    ProfileFigureFactory,
)

YEAR = AcademicYear(2025)
ALL = {"governor", "leadership", "equality_lead", "staff"}
READERS = {"governor", "leadership", "equality_lead"}
MANAGERS = {"leadership", "equality_lead"}
CLIENTS = {
    "governor": "governor_client",
    "leadership": "leadership_client",
    "equality_lead": "equality_lead_client",
    "staff": "staff_client",
}


def url(name, school, *args):
    return reverse(f"duties:{name}", args=[school.slug, *args])


@pytest.fixture
def records(school):
    profile = PopulationProfileFactory(school=school)
    return {
        "action": ActionFactory(school=school),
        "analysis": EqualityAnalysisFactory(school=school),
        "policy": PolicyFactory(school=school),
        "profile": profile,
        "figure": ProfileFigureFactory(profile=profile),
        "outcome": OutcomeMeasureFactory(school=school),
    }


# (URL name, record whose pk it takes or None, extra args, roles allowed)
PAGES = [
    ("home", None, [], ALL),
    ("year", None, [YEAR], ALL),
    ("aim", None, ["foster", YEAR], ALL),
    ("action_detail", "action", [], ALL),
    ("action_add", None, [], MANAGERS),
    ("action_edit", "action", [], MANAGERS),
    ("action_delete", "action", [], MANAGERS),
    ("analysis_list", None, [], READERS),
    ("analysis_detail", "analysis", [], READERS),
    ("analysis_add", None, [], MANAGERS),
    ("analysis_edit", "analysis", [], MANAGERS),
    ("analysis_sign_off", "analysis", [], {"leadership"}),
    ("policy_list", None, [], READERS),
    ("policy_detail", "policy", [], READERS),
    ("policy_add", None, [], MANAGERS),
    ("policy_edit", "policy", [], MANAGERS),
    ("policy_review_add", "policy", [], MANAGERS),
    ("monitoring", None, [], READERS),
    ("profile_detail", "profile", [], READERS),
    ("profile_add", None, [], MANAGERS),
    ("profile_edit", "profile", [], MANAGERS),
    ("profile_delete", "profile", [], MANAGERS),
    ("figure_add", "profile", [], MANAGERS),
    ("figure_edit", "figure", [], MANAGERS),
    ("figure_delete", "figure", [], MANAGERS),
    ("outcome_add", None, [], MANAGERS),
    ("outcome_edit", "outcome", [], MANAGERS),
    ("outcome_delete", "outcome", [], MANAGERS),
    ("import", None, ["population"], MANAGERS),
    ("import", None, ["outcomes"], MANAGERS),
    ("import_template", None, ["population"], MANAGERS),
]


def _param_id(value) -> str:
    """Readable ids that every pytest-xdist worker computes alike (sets sorted)."""
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    return str(value)


def page_url(school, records, name, record, extra):
    args = ([records[record].pk] if record else []) + extra
    return url(name, school, *args)


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize(("name", "record", "extra", "allowed"), PAGES, ids=_param_id)
def test_every_page_opens_for_its_roles_and_is_403_for_others(
    request, school, records, role, name, record, extra, allowed
):
    client = request.getfixturevalue(CLIENTS[role])
    response = client.get(page_url(school, records, name, record, extra))
    expected = HTTPStatus.OK if role in allowed else HTTPStatus.FORBIDDEN
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("name", "record", "extra", "allowed"),
    [page for page in PAGES if page[1] or page[0] == "home"],
    ids=_param_id,
)
def test_another_schools_records_are_404(
    outsider_client, leadership_client, school, records, other_school, name, record, extra, allowed
):
    # An outsider cannot open this school at all...
    assert (
        outsider_client.get(page_url(school, records, name, record, extra)).status_code
        == HTTPStatus.NOT_FOUND
    )
    # ...and a leader here cannot reach another school's record through this school.
    if record:
        assert (
            outsider_client.get(page_url(other_school, records, name, record, extra)).status_code
            == HTTPStatus.NOT_FOUND
        )


def test_an_unknown_aim_or_import_is_404(leadership_client, school):
    assert leadership_client.get(url("aim", school, "tolerate", YEAR)).status_code == 404
    assert leadership_client.get(url("import", school, "incidents")).status_code == 404


# --- Actions -----------------------------------------------------------------------------------

ACTION_POST = {
    "academic_year": "2025",
    "title": "Anti-Bullying Week",
    "description": "Events in every tutor group.",
    "aims": ["eliminate", "foster"],
    "characteristics": ["race", "sexual_orientation"],
    "groups": ["send"],
    "other_group": "",
    "owner": "Head of PD",
    "date": "2025-11-12",
    "term": "autumn",
    "evidence_note": "Photos and the PD plan.",
    "evidence_url": "example.org/abw",
    "position": "0",
}


def test_leadership_record_an_action_and_see_it_under_both_aims(leadership_client, school):
    response = leadership_client.post(url("action_add", school), ACTION_POST, follow=True)
    action = Action.objects.get()
    assert response.redirect_chain[-1][0] == url("action_detail", school, action.pk)
    assert "The action “Anti-Bullying Week” was recorded." in response.content.decode()
    assert action.evidence_url == "https://example.org/abw"
    year_page = leadership_client.get(url("year", school, YEAR)).content.decode()
    assert year_page.count("Anti-Bullying Week") == 2
    advance = leadership_client.get(url("aim", school, "advance", YEAR)).content.decode()
    assert "Anti-Bullying Week" not in advance


def test_a_date_outside_the_academic_year_is_shown_beside_the_date_and_nothing_saved(
    equality_lead_client, school
):
    response = equality_lead_client.post(
        url("action_add", school), {**ACTION_POST, "date": "2026-09-01", "term": ""}
    )
    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<title>Error: Record an action taken" in page
    assert 'href="#id_date"' in page
    assert "1 September 2026 is not in the academic year 2025-26" in page
    assert 'value="Anti-Bullying Week"' in page
    assert not Action.objects.exists()


def test_an_action_needs_an_aim(leadership_client, school):
    response = leadership_client.post(url("action_add", school), {**ACTION_POST, "aims": []})
    assert "Choose at least one aim this action serves." in response.content.decode()
    assert not Action.objects.exists()


def test_the_year_view_filters_by_characteristic(staff_client, school):
    ActionFactory(school=school, title="Black History Month", characteristics=["race"])
    ActionFactory(school=school, title="Ramps to the science block", characteristics=["disability"])
    page = staff_client.get(url("year", school, YEAR) + "?characteristic=race")
    content = page.content.decode()
    assert "Black History Month" in content
    assert "Ramps to the science block" not in content


def test_staff_see_aims_and_actions_but_no_edit_links_or_other_sections(
    staff_client, school, records
):
    page = staff_client.get(url("home", school)).content.decode()
    assert "Advance equality of opportunity" in page
    assert url("analysis_list", school) not in page
    assert url("monitoring", school) not in page
    assert url("action_add", school) not in page
    detail = staff_client.get(url("action_detail", school, records["action"].pk)).content.decode()
    assert url("action_edit", school, records["action"].pk) not in detail


def test_governors_read_everything_without_edit_buttons(governor_client, school, records):
    for name, record in [
        ("action_detail", "action"),
        ("analysis_detail", "analysis"),
        ("policy_detail", "policy"),
        ("profile_detail", "profile"),
    ]:
        page = governor_client.get(url(name, school, records[record].pk)).content.decode()
        assert "/edit/" not in page
        assert "/delete/" not in page
    monitoring = governor_client.get(url("monitoring", school)).content.decode()
    assert url("outcome_add", school) not in monitoring
    assert "/edit/" not in monitoring


def test_an_edit_keeps_who_changed_it(leadership_client, leader, school, records):
    action = records["action"]
    leadership_client.post(
        url("action_edit", school, action.pk), {**ACTION_POST, "title": "Renamed"}
    )
    page = leadership_client.get(url("action_detail", school, action.pk)).content.decode()
    assert f"Last changed by {leader.user}" in page
    assert "Renamed" in page


def test_removing_an_action(leadership_client, school, records):
    response = leadership_client.post(url("action_delete", school, records["action"].pk))
    assert response.status_code == HTTPStatus.FOUND
    assert not Action.objects.exists()


# --- Analyses and policies ---------------------------------------------------------------------

ANALYSIS_POST = {
    "subject": "Uniform policy",
    "subject_kind": "policy",
    "analysed_on": "2025-10-01",
    "carried_out_by": "Equality lead and head of year",
    "full_analysis_needed": "yes",
    "screening_reason": "Uniform rules can affect pupils of some faiths.",
    "evidence_considered": "Requests from families.",
    "consulted": "School council; parents' forum.",
    "mitigations": "Head coverings in school colours allowed.",
    "outcome": "adjusted",
    "outcome_justification": "",
    "impact_religion_belief": "positive",
    "note_religion_belief": "Head coverings now allowed.",
    "impact_sex": "neutral",
}


def test_an_equality_analysis_with_impacts_is_recorded(equality_lead_client, school):
    response = equality_lead_client.post(url("analysis_add", school), ANALYSIS_POST)
    analysis = EqualityAnalysis.objects.get()
    assert response["Location"] == url("analysis_detail", school, analysis.pk)
    assert analysis.full_analysis_needed is True
    page = equality_lead_client.get(response["Location"]).content.decode()
    assert "Head coverings now allowed." in page
    assert "Not yet signed off by leadership" in page


def test_age_for_pupils_only_is_refused_beside_its_field(equality_lead_client, school):
    response = equality_lead_client.post(
        url("analysis_add", school), {**ANALYSIS_POST, "impact_age": "negative"}
    )
    page = response.content.decode()
    assert 'href="#id_impact_age"' in page
    assert "Age applies only to staff" in page
    assert 'href="#id_note_age"' in page  # a negative impact needs its note
    assert not EqualityAnalysis.objects.exists()


def test_a_continued_outcome_needs_a_justification(equality_lead_client, school):
    response = equality_lead_client.post(
        url("analysis_add", school), {**ANALYSIS_POST, "outcome": "continued"}
    )
    assert 'href="#id_outcome_justification"' in response.content.decode()
    assert not EqualityAnalysis.objects.exists()


def test_leadership_sign_off_and_a_later_change_withdraws_it(
    leadership_client, equality_lead_client, leader, school, records
):
    analysis = records["analysis"]
    response = leadership_client.post(
        url("analysis_sign_off", school, analysis.pk), {"signed_off_on": "2025-10-03"}
    )
    assert response.status_code == HTTPStatus.FOUND
    analysis.refresh_from_db()
    assert analysis.signed_off_by == leader.user
    response = equality_lead_client.post(
        url("analysis_edit", school, analysis.pk), ANALYSIS_POST, follow=True
    )
    assert "leadership must sign it off again" in response.content.decode()
    analysis.refresh_from_db()
    assert not analysis.is_signed_off


def test_a_sign_off_before_the_analysis_is_refused(leadership_client, school, records):
    response = leadership_client.post(
        url("analysis_sign_off", school, records["analysis"].pk), {"signed_off_on": "2025-09-01"}
    )
    assert "cannot be before the date of the analysis" in response.content.decode()
    records["analysis"].refresh_from_db()
    assert not records["analysis"].is_signed_off


def test_a_policy_review_links_its_analysis_and_clears_the_overdue_flag(
    leadership_client, school, records
):
    policy, analysis = records["policy"], records["analysis"]
    register = leadership_client.get(url("policy_list", school)).content.decode()
    assert "Overdue" in register
    today = datetime.date.today().isoformat()
    response = leadership_client.post(
        url("policy_review_add", school, policy.pk),
        {
            "reviewed_on": today,
            "reviewed_by": "Governors",
            "consulted": "School council",
            "equality_analysis": analysis.pk,
        },
    )
    assert response["Location"] == url("policy_detail", school, policy.pk)
    assert PolicyReview.objects.get().equality_analysis == analysis
    register = leadership_client.get(url("policy_list", school)).content.decode()
    assert "Overdue" not in register
    assert url("analysis_detail", school, analysis.pk) in register


def test_a_review_cannot_link_another_schools_analysis(
    leadership_client, school, other_school, records
):
    elsewhere = EqualityAnalysisFactory(school=other_school)
    response = leadership_client.post(
        url("policy_review_add", school, records["policy"].pk),
        {
            "reviewed_on": "2025-10-01",
            "reviewed_by": "Governors",
            "equality_analysis": elsewhere.pk,
        },
    )
    assert 'href="#id_equality_analysis"' in response.content.decode()
    assert not PolicyReview.objects.exists()


# --- Monitoring --------------------------------------------------------------------------------


@pytest.fixture
def small_profile(school):
    profile = PopulationProfileFactory(school=school)
    for category, count in [("female", 120), ("male", 118), ("not_known", 3)]:
        ProfileFigureFactory(profile=profile, category_type="sex", category=category, count=count)
    return profile


def test_governors_see_suppressed_counts_and_leaders_exact_ones(
    governor_client, leadership_client, school, small_profile
):
    governor_page = governor_client.get(url("profile_detail", school, small_profile.pk))
    content = governor_page.content.decode()
    assert "<td>fewer than 5</td>" in content
    assert "<td>3</td>" not in content
    assert "<td>118</td>" not in content
    leader_page = leadership_client.get(url("profile_detail", school, small_profile.pk))
    assert "<td>3</td>" in leader_page.content.decode()
    preview = leadership_client.get(
        url("profile_detail", school, small_profile.pk) + "?view=governors"
    )
    assert "You are previewing what governors see." in preview.content.decode()
    assert "<td>3</td>" not in preview.content.decode()


def test_a_negative_count_and_a_percentage_over_100_are_refused_beside_their_fields(
    leadership_client, school, small_profile
):
    response = leadership_client.post(
        url("figure_add", school, small_profile.pk),
        {"category_choice": "fsm:fsm", "count": "-2", "comparator_la_percent": "101"},
    )
    page = response.content.decode()
    assert '<a href="#id_count">Count: A count cannot be negative.</a>' in page
    assert "101% is over 100%: a percentage is at most 100." in page
    assert not ProfileFigure.objects.filter(category_type="fsm").exists()


def test_a_non_numeric_count_is_refused(leadership_client, school, small_profile):
    response = leadership_client.post(
        url("figure_add", school, small_profile.pk), {"category_choice": "fsm:fsm", "count": "ten"}
    )
    assert "Enter the count as a whole number, such as 12." in response.content.decode()


@pytest.mark.parametrize("count", ["1-2", "<5", "about 4", "3 to 4"])
def test_a_range_or_approximate_count_says_how_to_record_a_small_number(
    leadership_client, school, small_profile, count
):
    response = leadership_client.post(
        url("figure_add", school, small_profile.pk), {"category_choice": "fsm:fsm", "count": count}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "is a range or an approximate number. Enter the exact count" in page
    assert "shows small numbers as “fewer than”" in page
    assert not ProfileFigure.objects.filter(category_type="fsm").exists()


def test_a_figure_and_a_published_percentage_are_added(leadership_client, school):
    profile = PopulationProfileFactory(school=school, population="staff")
    leadership_client.post(
        url("figure_add", school, profile.pk),
        {"category_choice": "ethnicity:WBRI", "percent": "87", "comparator_la_percent": ""},
    )
    leadership_client.post(
        url("figure_add", school, profile.pk),
        {"category_choice": "custom:", "custom_group": "Part-time staff", "count": "14"},
    )
    assert set(profile.figures.values_list("category", "count", "percent")) == {
        ("WBRI", None, 87),
        ("Part-time staff", 14, None),
    }


def test_the_import_page_lists_every_bad_row_and_saves_nothing(leadership_client, school):
    file = SimpleUploadedFile(
        "figures.csv",
        (
            ",".join(services.POPULATION_COLUMNS)
            + "\npupils,2025-01-16,sex,female,-1,,,\npupils,2025-01-16,sex,=1+2,3,,,\n"
        ).encode(),
    )
    response = leadership_client.post(url("import", school, "population"), {"file": file})
    page = response.content.decode()
    assert "Line 2: count: &#x27;-1&#x27; is not a whole number of 0 or more." in page
    assert "Line 3: category: &#x27;=1+2&#x27; looks like a spreadsheet formula" in page
    assert not ProfileFigure.objects.exists()


def test_a_good_import_goes_back_to_the_monitoring_page(leadership_client, school):
    file = SimpleUploadedFile(
        "figures.csv",
        (
            ",".join(services.POPULATION_COLUMNS) + "\npupils,2025-01-16,sex,female,300,,,\n"
        ).encode(),
    )
    response = leadership_client.post(
        url("import", school, "population"), {"file": file}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("monitoring", school)
    assert "1 row imported." in response.content.decode()


def test_the_template_csv_has_the_expected_columns(leadership_client, school):
    for kind, columns in [
        ("population", services.POPULATION_COLUMNS),
        ("outcomes", services.OUTCOME_COLUMNS),
    ]:
        response = leadership_client.get(url("import_template", school, kind))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        text = response.content.decode("utf-8-sig")
        assert text.splitlines()[0] == ",".join(columns)


def test_the_template_imports_as_it_is(leadership_client, school):
    """The example rows in the template are themselves valid."""
    for kind in ("population", "outcomes"):
        template = leadership_client.get(url("import_template", school, kind)).content
        file = SimpleUploadedFile(f"{kind}.csv", template)
        response = leadership_client.post(url("import", school, kind), {"file": file})
        assert response.status_code == HTTPStatus.FOUND, response.content.decode()


def test_a_profile_has_its_own_template_of_every_census_category(
    leadership_client, school, small_profile
):
    base = url("import_template", school, "population")
    response = leadership_client.get(f"{base}?profile={small_profile.pk}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [*services.POPULATION_COLUMNS, "group", "headcount"]
    census = small_profile.census_date.isoformat()
    headcount = str(small_profile.headcount or "")
    assert ["pupils", census, "ethnicity", "WBRI", "", "", "", "", "", headcount] in rows
    assert ["pupils", census, "sex", "not_obtained", "", "", "", "", "", headcount] in rows
    # Filled in and imported as it is.
    filled = "\n".join(
        ",".join([*row[:4], "0", "", "", "", *row[8:]]) if i else ",".join(row)
        for i, row in enumerate(rows)
        if i == 0 or row[2] == "disability"
    )
    response = leadership_client.post(
        url("import", school, "population"),
        {"file": SimpleUploadedFile("t.csv", filled.encode())},
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()
    # Another school's profile, or a made-up one, is not found.
    for pk in ("999999", "x", "-1"):
        assert leadership_client.get(f"{base}?profile={pk}").status_code == 404


def test_a_groups_template_imports_into_the_groups_profile_with_its_headcount(
    leadership_client, school
):
    profile = PopulationProfileFactory(school=school, cohort="Year 6", headcount=30)
    base = url("import_template", school, "population")
    response = leadership_client.get(f"{base}?profile={profile.pk}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {tuple(row[8:]) for row in rows[1:]} == {("Year 6", "30")}
    sex = {row[3]: row for row in rows[1:] if row[2] == "sex"}

    def filled(female: str, male: str) -> SimpleUploadedFile:
        lines = [rows[0]] + [
            [*sex[code][:4], count, "", "", "", *sex[code][8:]]
            for code, count in (("female", female), ("male", male))
        ]
        return SimpleUploadedFile("t.csv", "\n".join(",".join(line) for line in lines).encode())

    response = leadership_client.post(
        url("import", school, "population"), {"file": filled("16", "31")}
    )
    assert "The count, 31, is more than the headcount of 30." in response.content.decode()
    assert not profile.figures.exists()
    response = leadership_client.post(
        url("import", school, "population"), {"file": filled("16", "14")}
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()
    assert dict(profile.figures.values_list("category", "count")) == {"female": 16, "male": 14}
    assert not PopulationProfile.objects.filter(school=school, cohort="").exists()


def test_governors_see_small_outcome_groups_hidden(governor_client, school):
    OutcomeMeasureFactory(school=school, group="Looked-after children", group_size=3)
    page = governor_client.get(url("monitoring", school)).content.decode()
    assert "Looked-after children" in page
    assert "52.5%" not in page
    assert "not shown" in page


def test_the_current_year_is_linked_from_the_home_page(staff_client, school):
    page = staff_client.get(url("home", school)).content.decode()
    assert url("year", school, AcademicYear.current()) in page


def test_an_outcome_percentage_over_100_is_refused_beside_its_field(leadership_client, school):
    response = leadership_client.post(
        url("outcome_add", school),
        {
            "academic_year": "2025",
            "term": "",
            "measure": "attendance",
            "description": "Attendance",
            "unit": "percent",
            "group": "Pupils with an EHCP",
            "group_size": "-4",
            "group_value": "104",
            "comparison_group": "All pupils",
            "comparison_value": "95",
        },
    )
    page = response.content.decode()
    assert '<a href="#id_group_size">Number in the group: A count cannot be negative.</a>' in page
    assert not OutcomeMeasure.objects.filter(group="Pupils with an EHCP").exists()
    response = leadership_client.post(
        url("outcome_add", school),
        {
            "academic_year": "2025",
            "measure": "attendance",
            "description": "Attendance",
            "unit": "percent",
            "group": "Pupils with an EHCP",
            "group_size": "14",
            "group_value": "104",
            "comparison_group": "All pupils",
            "comparison_value": "95",
        },
    )
    assert (
        '<a href="#id_group_value">Value for the group: A percentage must be between 0 and 100.</a>'
        in (response.content.decode())
    )
    assert not OutcomeMeasure.objects.filter(group="Pupils with an EHCP").exists()
