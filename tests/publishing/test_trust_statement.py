"""The trust as publisher: its statement at /equality/trust/<slug>/ (page, PDF, JSON and
archive), trust-wide sections in its words, a section per academy from each academy's published
statement, counts at the strictest threshold, objectives that cascade into each academy's own
statement, and the trust's gender pay gap report published with it."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing import trust as trust_services
from equality_portal.publishing.models import TrustPublication
from equality_portal.schools.demo import DEMO_TRUST_SLUG
from equality_portal.schools.models import School, Trust, TrustMembership
from equality_portal.schools.roles import Role, TrustRole
from incidents.models import Incident
from objectives.models import Objective
from objectives.services import trust_objective_create
from tests.factories import (
    IncidentFactory,
    MembershipFactory,
    ObjectiveSetFactory,
    PopulationProfileFactory,
    ProfileFigureFactory,
    SchoolFactory,
    UserFactory,
    statement_published_create,
)
from tests.publishing.public_text import pdf_text, squash


def _public(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_demo_trust_statement_is_public_with_sections_per_academy_and_cascaded_objective(
    demo, client
):
    trust = Trust.objects.get(slug=DEMO_TRUST_SLUG)
    academies = list(School.objects.filter(trust=trust).order_by("name"))
    assert [a.slug for a in academies] == ["carrington", "coopers"]
    objective_title = "Narrow the attendance gap between pupils with SEND and their peers"

    page = _public(client, f"/equality/trust/{DEMO_TRUST_SLUG}/").content.decode()
    publication = TrustPublication.objects.get(trust=trust)
    year = publication.year
    for academy in academies:
        assert f'id="academy-{academy.slug}"' in page
        assert f"/equality/{academy.slug}/" in page  # its own statement, linked
    assert "the real schools are not in one trust" in page
    assert "Gender pay gap" in page  # the trust's report, published with the statement
    # Every academy's section carries the trust's objective (with the academy's own measures).
    data = json.loads(
        _public(client, f"/equality/trust/{DEMO_TRUST_SLUG}/{year}/statement.json").content
    )
    assert [a["name"] for a in data["academies"]] == [a.name for a in academies]
    for academy in data["academies"]:
        assert [
            o["title"] for o in academy["objectives"]["objectives"] if o["trust_objective"]
        ] == [objective_title]
    assert [gap["kind"] for gap in data["pay_gaps"]] == ["gender"]
    pdf = _public(client, f"/equality/trust/{DEMO_TRUST_SLUG}/{year}/statement.pdf")
    assert squash(objective_title) in squash(pdf_text(pdf.content))

    # The cascaded objective is in each academy's own published statement, with its measures,
    # and each academy's page links to the trust's statement.
    for academy, baseline in zip(
        academies, ("4.2 percentage points", "3.6 percentage points"), strict=True
    ):
        own = _public(client, f"/equality/{academy.slug}/").content.decode()
        assert objective_title in own
        assert f"/equality/trust/{DEMO_TRUST_SLUG}/" in own
        own_data = json.loads(
            _public(client, f"/equality/{academy.slug}/{year}/statement.json").content
        )
        carried = [o for o in own_data["objectives"]["objectives"] if o["title"] == objective_title]
        assert len(carried) == 1
        assert carried[0]["trust_objective"] == trust.name
        assert carried[0]["baseline"] == baseline


@pytest.fixture
def trust_world(db):
    trust = Trust.objects.create(name="St Example Trust", slug="st-example")
    strict = SchoolFactory(
        slug="strict-academy", trust=trust, suppression_threshold=10, number_of_staff=40
    )
    lenient = SchoolFactory(
        slug="lenient-academy", trust=trust, suppression_threshold=3, number_of_staff=40
    )
    outside = SchoolFactory(slug="maintained")
    lead = UserFactory()
    TrustMembership.objects.create(user=lead, trust=trust, role=TrustRole.TRUST_LEADERSHIP)
    trustee = UserFactory()
    TrustMembership.objects.create(user=trustee, trust=trust, role=TrustRole.TRUSTEE)
    return {
        "trust": trust,
        "strict": strict,
        "lenient": lenient,
        "outside": outside,
        "lead": lead,
        "trustee": trustee,
    }


def test_trust_counts_use_the_strictest_threshold_of_its_academies(trust_world):
    year = AcademicYear.containing(dates.today()).previous()
    strict, lenient = trust_world["strict"], trust_world["lenient"]
    day = year.start + datetime.timedelta(days=30)
    for _ in range(4):
        IncidentFactory(school=lenient, occurred_on=day)
    IncidentFactory(school=strict, occurred_on=day)
    recorded = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    Incident.objects.filter(school__in=[strict, lenient]).update(recorded_at=recorded)
    counts = trust_services.trust_incident_counts(
        schools=[lenient, strict], year=year, today=dates.today()
    )
    assert counts["threshold"] == 10
    # 4 would be shown at the lenient academy's own threshold of 3; not in the trust's table.
    assert counts["by_school"] == {
        str(lenient.pk): "fewer than 10",
        str(strict.pk): "fewer than 10",
    }
    assert counts["total"] == "fewer than 10"


def test_only_trust_leadership_publish_and_a_correction_is_a_new_version(trust_world, client):
    trust, lead, trustee = trust_world["trust"], trust_world["lead"], trust_world["trustee"]
    year = AcademicYear.containing(dates.today())
    draft = trust_services.trust_draft_get_or_create(trust=trust, year=year)
    with pytest.raises(ValidationError):
        trust_services.trust_draft_update(draft=draft, by=trustee, title="Not theirs")
    trust_services.trust_draft_update(
        draft=draft,
        by=lead,
        title="Trust Equality Statement",
        sections=[{"heading": "Our commitment", "body": "We value **every** pupil."}],
    )
    with pytest.raises(ValidationError):
        trust_services.trust_statement_publish(
            draft=draft, by=trustee, approved_by_name="A Chair", approved_on=dates.today()
        )
    first = trust_services.trust_statement_publish(
        draft=draft, by=lead, approved_by_name="A Chair", approved_on=dates.today()
    )
    with pytest.raises(ValidationError) as refused:
        trust_services.trust_statement_publish(
            draft=draft, by=lead, approved_by_name="A Chair", approved_on=dates.today()
        )
    assert "correction_note" in refused.value.message_dict
    second = trust_services.trust_statement_publish(
        draft=draft,
        by=lead,
        approved_by_name="A Chair",
        approved_on=dates.today(),
        correction_note="Corrected a heading.",
    )
    assert (first.version, second.version) == (1, 2)
    page = _public(client, "/equality/trust/st-example/").content.decode()
    assert "Our commitment" in page
    assert "<strong>every</strong>" in page
    assert "Corrected a heading." in page
    old = _public(client, f"/equality/trust/st-example/{year}/versions/1/").content.decode()
    assert "This version has been replaced" in old
    assert client.get("/equality/trust/no-such-trust/").status_code == 404
    assert client.get(f"/equality/trust/st-example/{year.previous()}/").status_code == 404


def test_trust_objective_cascades_to_chosen_academies_only(trust_world):
    trust, lead = trust_world["trust"], trust_world["lead"]
    strict, lenient = trust_world["strict"], trust_world["lenient"]
    today = dates.today()
    for school in (strict, lenient):
        ObjectiveSetFactory(
            school=school,
            period_start=today - datetime.timedelta(days=100),
            period_end=today + datetime.timedelta(days=600),
        )
    objective, missing = trust_objective_create(
        trust=trust, by=lead, schools=[lenient], title="Reduce exclusions of pupils with SEND"
    )
    assert missing == []
    carried = Objective.objects.filter(trust_objective=objective)
    assert [o.objective_set.school for o in carried] == [lenient]
    with pytest.raises(ValidationError):
        trust_objective_create(
            trust=trust, by=lead, schools=[trust_world["outside"]], title="Not an academy"
        )
    everyone, _ = trust_objective_create(trust=trust, by=lead, title="For all")
    assert Objective.objects.filter(trust_objective=everyone).count() == 2


def test_trust_pages_are_for_trust_members(trust_world, client):
    trust, lead, trustee = trust_world["trust"], trust_world["lead"], trust_world["trustee"]
    outsider = MembershipFactory(school=trust_world["strict"], role=Role.LEADERSHIP).user
    client.force_login(outsider)
    assert client.get("/trusts/st-example/").status_code == 404
    client.force_login(trustee)
    assert client.get("/trusts/st-example/").status_code == 200
    assert client.get("/trusts/st-example/statement/preview/").status_code == 200
    assert client.get("/trusts/st-example/statement/").status_code == 403
    assert client.post("/trusts/st-example/objectives/", {"title": "x"}).status_code == 403
    client.force_login(lead)
    response = client.post(
        "/trusts/st-example/statement/",
        {
            "title": "Trust statement",
            "summary": "",
            "introduction": "Our trust.",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "sections-0-heading": "Values",
            "sections-0-body": "We value everyone.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        "/trusts/st-example/statement/publish/",
        {
            "approved_by_name": "A Chair",
            "approved_on": dates.today().strftime("%d/%m/%Y"),
            "approved_on_behalf_of": "Trust board",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TrustPublication.objects.filter(trust=trust).count() == 1
    # An academy that has published links to the trust's statement from its public page.
    leader = MembershipFactory(school=trust_world["strict"], role=Role.LEADERSHIP).user
    governor = MembershipFactory(school=trust_world["strict"], role=Role.GOVERNOR).user
    client.logout()
    statement_published_create(school=trust_world["strict"], governor=governor, leader=leader)
    assert "/equality/trust/st-example/" in client.get("/equality/strict-academy/").content.decode()


def test_trust_statement_reads_the_same_queries_for_4_and_12_academies(trust_world):
    """Composing the trust's statement reads each kind of record once for all its academies."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.test_query_counts import _publish

    trust, lead = trust_world["trust"], trust_world["lead"]
    year = AcademicYear.containing(dates.today())
    draft = trust_services.trust_draft_get_or_create(trust=trust, year=year)
    trust_services.trust_draft_update(
        draft=draft, by=lead, sections=[{"heading": "Values", "body": "Everyone."}]
    )

    def add_academy():
        school = SchoolFactory(trust=trust, number_of_staff=10)
        governor = MembershipFactory(school=school, role=Role.GOVERNOR).user
        leader = MembershipFactory(school=school, role=Role.LEADERSHIP).user
        _publish(school, governor, leader)
        IncidentFactory(school=school)

    def queries() -> int:
        fresh = trust_services.trust_draft_get_or_create(trust=trust, year=year)
        with CaptureQueriesContext(connection) as captured:
            data = trust_services.trust_statement_compose(draft=fresh, today=dates.today())
        return len(captured), len(data["academies"])

    for _ in range(2):
        add_academy()
    with_four = queries()  # the fixture's two academies and two more
    for _ in range(8):
        add_academy()
    with_twelve = queries()
    assert (with_four[1], with_twelve[1]) == (4, 12)
    assert with_four[0] == with_twelve[0]


def test_trust_staff_profile_adds_up_its_academies_at_the_strictest_threshold(trust_world):
    year = AcademicYear.containing(dates.today()).previous()
    census = year.start + datetime.timedelta(days=120)
    counts = {
        trust_world["strict"]: {"female": 30, "male": 4},
        trust_world["lenient"]: {"female": 22, "male": 4},
    }
    for school, by_sex in counts.items():
        profile = PopulationProfileFactory(school=school, population="staff", census_date=census)
        for sex, count in by_sex.items():
            ProfileFigureFactory(profile=profile, category_type="sex", category=sex, count=count)
    # An older profile of the same academy is not counted again.
    old = PopulationProfileFactory(
        school=trust_world["strict"], population="staff", census_date=year.start
    )
    ProfileFigureFactory(profile=old, category_type="sex", category="female", count=90)
    data = trust_services.trust_statement_compose(
        draft=trust_services.trust_draft_get_or_create(trust=trust_world["trust"], year=year),
        today=dates.today(),
    )
    [table] = data["staff"]
    rows = {label: count for label, count, _ in table["rows"]}
    # 52 women rounded to 50; 8 men below the strictest threshold (10), though each academy's
    # own threshold of 3 would show 4 at the lenient academy.
    assert rows == {"Female": "50", "Male": "fewer than 10"}
    assert table["total"] == "60"


def test_trust_leadership_write_and_publish_the_statement_for_any_year(trust_world, client):
    trust, lead = trust_world["trust"], trust_world["lead"]
    this_year = AcademicYear.containing(dates.today())
    earlier = this_year.previous().previous()
    client.force_login(lead)
    home = client.get("/trusts/st-example/").content.decode()
    assert f'<option value="{earlier}"' in home
    edit = f"/trusts/st-example/statement/?year={earlier}"
    assert f"for {earlier}" in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "title": "Trust statement",
            "summary": "",
            "introduction": "Looking back.",
            "sections-TOTAL_FORMS": "0",
            "sections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/statement/preview/?year={earlier}")
    assert trust.statement_drafts.get().academic_year == earlier.start_year
    preview = client.get(response["Location"]).content.decode()
    assert str(earlier) in preview
    assert "Looking back." in preview
    response = client.post(
        f"/trusts/st-example/statement/publish/?year={earlier}",
        {
            "approved_by_name": "A Chair",
            "approved_on": dates.today().strftime("%d/%m/%Y"),
            "approved_on_behalf_of": "Trust board",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TrustPublication.objects.get(trust=trust).academic_year == earlier.start_year
    # An academy's statement for a later year is not in the earlier year's trust statement.
    leader = MembershipFactory(school=trust_world["strict"], role=Role.LEADERSHIP).user
    governor = MembershipFactory(school=trust_world["strict"], role=Role.GOVERNOR).user
    statement_published_create(school=trust_world["strict"], governor=governor, leader=leader)
    data = trust_services.trust_statement_compose(
        draft=trust_services.trust_draft_get_or_create(trust=trust, year=earlier),
        today=dates.today(),
    )
    assert all(academy["statement"] is None for academy in data["academies"])
    # A year that is not one, or too far ahead, is not found rather than an error.
    for bad in ("2024-26", "nonsense", this_year.next().next().label):
        assert client.get(f"/trusts/st-example/statement/?year={bad}").status_code == 404
