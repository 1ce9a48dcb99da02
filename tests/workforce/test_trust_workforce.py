"""The trust's workforce as the employer: staff in post, recruitment (applicants, appointed)
and leavers by protected characteristic, entered by trust leadership (a form, or a CSV) and
published in the trust's statement disclosed like every other figure."""

import json
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing import trust as trust_services
from equality_portal.schools.models import Trust, TrustMembership
from equality_portal.schools.roles import Role, TrustRole
from tests.factories import MembershipFactory, SchoolFactory, UserFactory
from tests.publishing.public_text import pdf_text, squash
from workforce import services
from workforce.models import TrustWorkforceFigure

URL = "/trusts/st-example/workforce/"


@pytest.fixture
def world(db):
    trust = Trust.objects.create(name="St Example Trust", slug="st-example")
    # Named, not numbered by the factory's sequence: "Test School 43" would put the digits the
    # tests look for into the statement.
    strict = SchoolFactory(
        name="Strict Academy", slug="strict-academy", trust=trust, suppression_threshold=10
    )
    SchoolFactory(
        name="Lenient Academy", slug="lenient-academy", trust=trust, suppression_threshold=3
    )
    lead = UserFactory()
    TrustMembership.objects.create(user=lead, trust=trust, role=TrustRole.TRUST_LEADERSHIP)
    trustee = UserFactory()
    TrustMembership.objects.create(user=trustee, trust=trust, role=TrustRole.TRUSTEE)
    other = Trust.objects.create(name="Other Trust", slug="other")
    other_lead = UserFactory()
    TrustMembership.objects.create(user=other_lead, trust=other, role=TrustRole.TRUST_LEADERSHIP)
    return {
        "trust": trust,
        "strict": strict,
        "lead": lead,
        "trustee": trustee,
        "other_lead": other_lead,
        "year": AcademicYear.containing(dates.today()),
    }


def _figure(year, **fields):
    return {"academic_year": str(year.start_year), **fields}


def test_trust_leadership_enter_a_recruitment_figure_and_see_it_listed(world, client):
    client.force_login(world["lead"])
    response = client.post(
        URL,
        _figure(
            world["year"], stage="applicants", category_type="sex", category="female", count="43"
        ),
    )
    assert response.status_code == HTTPStatus.FOUND
    figure = TrustWorkforceFigure.objects.get()
    assert (figure.trust, figure.stage, figure.label, figure.count) == (
        world["trust"],
        "applicants",
        "Female",
        43,
    )
    assert figure.history.get().history_user == world["lead"]
    page = client.get(response["Location"]).content.decode()
    assert "Applicants" in page
    assert ">43<" in page  # trust leadership see what they entered


def test_a_bad_figure_is_refused_beside_its_fields_and_nothing_is_lost(world, client):
    client.force_login(world["lead"])
    response = client.post(
        URL,
        _figure(world["year"], stage="leavers", category_type="sex", category="=1+1", count="-3"),
    )
    assert response.status_code == HTTPStatus.OK
    form = response.context["form"]
    assert "count" in form.errors
    assert "A count cannot be negative." in form.errors["count"]
    assert not TrustWorkforceFigure.objects.exists()
    # A category already recorded for the same people and year: the error is beside it.
    fields = _figure(
        world["year"], stage="leavers", category_type="sex", category="Male", count="7"
    )
    assert client.post(URL, fields).status_code == HTTPStatus.FOUND
    response = client.post(URL, {**fields, "category": "male", "count": "8"})
    assert response.status_code == HTTPStatus.OK
    assert "already recorded" in response.context["form"].errors["category"][0]
    assert 'value="8"' in response.content.decode()  # what was typed is kept
    response = client.post(URL, {**fields, "category": "=HYPERLINK(1)"})
    assert "spreadsheet formula" in response.context["form"].errors["category"][0]
    assert TrustWorkforceFigure.objects.get().count == 7


def test_a_workforce_csv_is_imported_all_or_nothing_with_every_bad_row_listed(world, client):
    client.force_login(world["lead"])
    url = URL + "import/"
    bad = (
        "stage,characteristic,category,count\n"
        "applicants,sex,Female,40\n"
        "hired,sex,Male,3\n"
        "leavers,shoe size,Large,2\n"
        "leavers,sex,Male,lots\n"
    )
    response = client.post(
        url,
        {
            "academic_year": str(world["year"].start_year),
            "file": SimpleUploadedFile("w.csv", bad.encode()),
        },
    )
    assert response.status_code == HTTPStatus.OK
    errors = " ".join(response.context["form"].errors["file"])
    for line in ("Line 3: stage", "Line 4: characteristic", "Line 5: count"):
        assert line in errors
    assert not TrustWorkforceFigure.objects.exists()
    good = "stage,characteristic,category,count\nApplicants,Sex,Female,40\nleavers,sex,Male,2\n"
    response = client.post(
        url,
        {
            "academic_year": str(world["year"].start_year),
            "file": SimpleUploadedFile("w.csv", good.encode()),
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert TrustWorkforceFigure.objects.count() == 2
    # Importing again replaces a category's count rather than refusing it.
    again = "stage,characteristic,category,count\nleavers,sex,Male,3\n"
    client.post(
        url,
        {
            "academic_year": str(world["year"].start_year),
            "file": SimpleUploadedFile("w.csv", again.encode()),
        },
    )
    assert TrustWorkforceFigure.objects.get(stage="leavers").count == 3


def test_recruitment_and_leavers_are_published_suppressed_in_html_pdf_and_json(world, client):
    trust, lead, year = world["trust"], world["lead"], world["year"]
    for stage, category, count in (
        ("in_post", "Female", 212),
        ("in_post", "Male", 4),
        ("applicants", "Female", 43),
        ("applicants", "Male", 7),
        ("appointed", "Female", 6),
        ("leavers", "Male", 0),
    ):
        services.workforce_figure_save(
            trust=trust,
            by=lead,
            academic_year=year.start_year,
            stage=stage,
            category_type="sex",
            category=category,
            count=count,
        )
    draft = trust_services.trust_draft_get_or_create(trust=trust, year=year)
    publication = trust_services.trust_statement_publish(
        draft=draft, by=lead, approved_by_name="A Chair", approved_on=dates.today()
    )
    page = client.get(f"/equality/trust/st-example/{year}/").content.decode()
    assert "Recruitment and leavers" in page
    # 43 rounds to 45; 7 and 6 are under the strictest threshold of the academies (10), though
    # the lenient academy's own threshold of 3 would show them; 0 identifies nobody.
    assert ">45<" in page
    assert ">fewer than 10<" in page
    for hidden in (">43<", ">7<", ">6<", ">212<", ">4<"):
        assert hidden not in page
    data = json.loads(client.get(f"/equality/trust/st-example/{year}/statement.json").content)
    stages = {stage["stage"]: stage["tables"] for stage in data["workforce"]}
    assert set(stages) == {"applicants", "appointed", "leavers"}
    assert stages["applicants"][0]["rows"] == [
        ["Female", "45", "90%"],
        ["Male", "fewer than 10", "–"],
    ]
    assert stages["appointed"][0]["rows"][0][1] == "fewer than 10"
    assert stages["leavers"][0]["rows"][0][1] == "0"
    # Staff in post as the trust entered them, not the academies' profiles.
    assert data["staff"][0]["rows"] == [["Female", "210", "98%"], ["Male", "fewer than 10", "–"]]
    assert "212" not in json.dumps(data)
    assert '"43"' not in json.dumps(data)
    text = squash(pdf_text(publication.pdf))
    assert squash("Recruitment and leavers") in text
    assert squash("fewer than 10") in text
    assert "43" not in text.split()


def test_workforce_pages_are_for_this_trust_s_leadership_only(world, client):
    urls = [URL, URL + "import/"]
    figure = services.workforce_figure_save(
        trust=world["trust"],
        by=world["lead"],
        academic_year=world["year"].start_year,
        stage="leavers",
        category_type="sex",
        category="Male",
        count=3,
    )
    delete = f"{URL}{figure.pk}/delete/"
    school_leader = MembershipFactory(school=world["strict"], role=Role.LEADERSHIP).user
    for user, status in (
        (school_leader, HTTPStatus.NOT_FOUND),  # a member of an academy, not of the trust
        (world["other_lead"], HTTPStatus.NOT_FOUND),  # another trust's leadership
        (world["trustee"], HTTPStatus.FORBIDDEN),  # trustees read the published statement
    ):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == status, (user, url)
        assert client.post(delete).status_code == status
    assert TrustWorkforceFigure.objects.exists()
    client.force_login(world["lead"])
    assert client.post(delete).status_code == HTTPStatus.FOUND
    assert not TrustWorkforceFigure.objects.exists()
    client.logout()
    assert client.get(URL).status_code == HTTPStatus.FOUND  # to sign in
