"""Schools in Wales: the 2011 Welsh regulations cited in the rules, an objective or a published
reason for each protected characteristic, ALN terms, nursery classes in a 3-11 primary, and the
objectives the school adopts from its local authority or region. English schools unchanged."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Severity, Status, run_rules
from equality_portal.core.equality import Characteristic
from equality_portal.core.periods import Period
from equality_portal.publishing import compliance as publishing_compliance
from equality_portal.publishing.completeness import statement_findings
from equality_portal.publishing.composition import statement_compose
from equality_portal.publishing.models import Publication
from equality_portal.publishing.selectors import publication_latest
from equality_portal.schools.models import Nation, Phase, School
from objectives import services as objective_services
from objectives.compliance import RULES as OBJECTIVE_RULES
from objectives.forms import ObjectiveSetForm
from tests.factories import (
    ObjectiveFactory,
    ObjectiveSetFactory,
    PopulationProfileFactory,
    SchoolFactory,
)
from tests.publishing.public_text import public_texts

D = datetime.date
WELSH_REGULATIONS = "Equality Act 2010 (Statutory Duties) (Wales) Regulations 2011"
ENGLISH_REGULATIONS = "Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017"


TODAY = D(2026, 11, 22)


def _checks(school):
    return {check.key: check for check in run_rules(OBJECTIVE_RULES, school=school, today=TODAY)}


def _in_wales(school):
    school.nation = Nation.WALES
    school.save()
    return school


def _reasons_for_the_rest(objective_set, **reasons):
    """Published reasons for each characteristic but sex (the factory's objectives' own)."""
    objective_set.reasons_no_objective = {
        value: reasons.get(value, "Engagement showed no need for an objective.")
        for value in Characteristic.values
        if value != "sex"
    }
    objective_set.save()


def test_welsh_school_gate_cites_the_2011_welsh_regulations(db):
    welsh = SchoolFactory(nation=Nation.WALES)
    english = SchoolFactory(nation=Nation.ENGLAND)

    gate = _checks(welsh)["objectives_to_publish"]
    assert gate.severity == Severity.GATE
    assert gate.is_error
    assert WELSH_REGULATIONS in gate.summary
    assert "2017" not in gate.summary
    per_characteristic = _checks(welsh)["objective_or_reason_for_each_characteristic"]
    assert per_characteristic.is_error
    assert WELSH_REGULATIONS.lower() in per_characteristic.summary.lower()
    assert "regulation 3" in per_characteristic.summary

    english_gate = _checks(english)["objectives_to_publish"]
    assert ENGLISH_REGULATIONS in english_gate.summary
    assert "Wales" not in english_gate.summary
    assert "objective_or_reason_for_each_characteristic" not in _checks(english)


def test_welsh_gate_needs_an_objective_or_a_reason_for_each_characteristic(school):
    _in_wales(school)
    year = AcademicYear.containing(TODAY)
    own = ObjectiveSetFactory(school=school, period_end=year.end)
    ObjectiveFactory(objective_set=own, characteristics=["sex", "race"])
    regional = ObjectiveSetFactory(
        school=school, title="Regional Equality Objectives", adopted_from="Central South Consortium"
    )
    ObjectiveFactory(objective_set=regional, characteristics=["disability"])

    check = _checks(school)["objective_or_reason_for_each_characteristic"]
    assert check.is_error
    assert "age, gender reassignment" in check.summary
    assert "disability" not in check.summary.split("regulation")[0].split(":")[1]
    assert check.url == reverse(
        "objectives:set_edit", kwargs={"school_slug": school.slug, "pk": own.pk}
    )

    # The reasons are given in the set's form, one field a characteristic left out.
    left_out = [c for c in Characteristic.values if c not in ("sex", "race", "disability")]
    form = ObjectiveSetForm(
        instance=own,
        data={
            "title": own.title,
            "period_start": "1/9/2024",
            "period_end": f"{year.end:%d/%m/%Y}",
            "published_on": "1/10/2024",
            **{f"reason_{c}": f"Not a priority for {c} after engagement." for c in left_out},
        },
    )
    assert form.is_valid(), form.errors
    assert "reasons_no_objective" in form.changed_data
    objective_services.objective_set_update(
        objective_set=own, by=None, reasons_no_objective=form.cleaned_data["reasons_no_objective"]
    )
    check = _checks(school)["objective_or_reason_for_each_characteristic"]
    assert check.status == Status.MET
    assert not check.is_error


def test_an_english_set_form_asks_for_no_reasons(school):
    form = ObjectiveSetForm(instance=ObjectiveSetFactory.build(school=school))
    assert not [name for name in form.fields if name.startswith("reason_")]


def test_welsh_school_uses_aln_terms(school, draft, publish, client, leadership_client):
    _in_wales(school)
    objective = draft.school.objective_sets.get().objectives.get()
    objective.groups = ["send"]
    objective.save()
    _reasons_for_the_rest(objective.objective_set)

    form_page = leadership_client.get(
        reverse(
            "objectives:objective_add",
            kwargs={"school_slug": school.slug, "set_pk": objective.objective_set_id},
        )
    ).content.decode()
    assert "Additional learning needs (ALN)" in form_page
    assert "(SEND)" not in form_page
    incident_form = leadership_client.get(
        reverse("incidents:record", kwargs={"school_slug": school.slug})
    ).content.decode()
    assert "Disability or ALN" in incident_form
    assert "Disability or SEN" not in incident_form
    incident_list = leadership_client.get(
        reverse("incidents:list", kwargs={"school_slug": school.slug})
    ).content.decode()
    assert "Disability or ALN" in incident_list
    assert "Disability or SEN" not in incident_list

    publication = publish(draft)
    for where, text in public_texts(client, school.slug, publication.year).items():
        assert "additional learning needs (aln)" in text, where  # squashed: lower case
        assert "send" not in text.split(), where
        assert "(send)" not in text, where


def test_an_english_school_keeps_send_terms(school, draft, publish, client, leadership_client):
    objective = draft.school.objective_sets.get().objectives.get()
    objective.groups = ["send"]
    objective.save()
    incident_form = leadership_client.get(
        reverse("incidents:record", kwargs={"school_slug": school.slug})
    ).content.decode()
    assert "Disability or SEN" in incident_form
    publication = publish(draft)
    page = public_texts(client, school.slug, publication.year)["page"]
    assert "special educational needs and disabilities (send)" in page
    assert "(aln)" not in page


def test_nursery_years_in_the_incident_form_for_a_3_11_primary(school, leadership_client):
    school.phase = Phase.PRIMARY
    school.save()
    url = reverse("incidents:record", kwargs={"school_slug": school.slug})
    assert "Nursery 1" not in leadership_client.get(url).content.decode()

    school.has_nursery_classes = True
    school.nation = Nation.WALES
    school.save()
    page = leadership_client.get(url).content.decode()
    for year_group in ("Nursery 1", "Nursery 2", "Year 6"):
        assert year_group in page
    assert [code for code, _ in school.year_groups()][:3] == ["N1", "N2", "R"]


def test_adopted_regional_objectives_are_published_apart_as_the_school_gives_them(
    school, draft, publish, client
):
    _in_wales(school)
    year = draft.year
    regional = ObjectiveSetFactory(
        school=school,
        title="Regional Equality Objectives",
        adopted_from="Central South Consortium",
        period_start=year.start,
        period_end=year.end,
    )
    ObjectiveFactory(
        objective_set=regional, title="Reduce the gap in attendance for Gypsy and Traveller pupils"
    )
    own = draft.school.objective_sets.exclude(pk=regional.pk).get()
    _reasons_for_the_rest(own, age="Our pupils are all of primary age; staff policy covers it.")

    publication = publish(draft)
    texts = public_texts(client, school.slug, publication.year)
    for where, text in texts.items():  # squashed: lower case
        assert "regional equality objectives" in text, where
        assert "central south consortium" in text, where
        assert "gypsy and traveller pupils" in text, where
        assert "our pupils are all of primary age" in text, where
    # The school's own objectives are still its own set, not the adopted one.
    page = texts["page"]
    assert page.index(own.title.lower()) < page.index("regional equality objectives")


def test_a_welsh_school_is_advised_of_the_annual_report_by_31_march(school):
    _in_wales(school)

    def check(today):
        (found,) = [
            c
            for c in run_rules(publishing_compliance.RULES, school=school, today=today)
            if c.key == "welsh_annual_report"
        ]
        return found

    never = check(D(2026, 11, 22))
    assert never.status == Status.MISSING
    assert "regulation 16" in never.summary
    assert WELSH_REGULATIONS in never.summary
    english = SchoolFactory(nation=Nation.ENGLAND)
    assert all(
        c.key != "welsh_annual_report"
        for c in run_rules(publishing_compliance.RULES, school=english, today=D(2026, 11, 22))
    )


def test_welsh_census_categories_are_offered_to_welsh_schools_only(school, leadership_client):
    profile = PopulationProfileFactory(school=school, census_date=TODAY)
    url = reverse("duties:figure_add", kwargs={"school_slug": school.slug, "pk": profile.pk})
    english = leadership_client.get(url).content.decode()
    assert "Ability to speak Welsh" not in english
    assert "SEN support (K)" in english

    _in_wales(school)
    welsh = leadership_client.get(url).content.decode()
    for words in (
        "Ability to speak Welsh",
        "Speaks Welsh fluently",
        "Language spoken at home",
        "Welsh and English",
        "National identity",
        "ALN: individual development plan maintained by the school",
        "ALN: individual development plan maintained by the local authority",
        "Ethnicity (PLASC categories)",
    ):
        assert words in welsh
    assert "SEN support (K)" not in welsh
    assert "EHCP" not in welsh


def test_a_welsh_school_governors_incident_summary_uses_aln_terms(school):
    from incidents.selectors import incident_summary

    year = AcademicYear.containing(TODAY)
    english = incident_summary(school=school, academic_year=year, today=TODAY).by_motivation
    assert "Disability or SEN" in english.cells
    _in_wales(school)
    welsh = incident_summary(school=school, academic_year=year, today=TODAY).by_motivation
    assert "Disability or ALN" in welsh.cells
    assert "Disability or SEN" not in welsh.cells


def test_the_set_page_shows_who_set_adopted_objectives_and_the_reasons(school, leadership_client):
    _in_wales(school)
    regional = ObjectiveSetFactory(
        school=school, title="Regional Equality Objectives", adopted_from="Central South Consortium"
    )
    own = ObjectiveSetFactory(school=school, reasons_no_objective={"age": "Pupils are 3 to 11."})
    listing = leadership_client.get(
        reverse("objectives:set_list", kwargs={"school_slug": school.slug})
    ).content.decode()
    assert "Set by Central South Consortium" in listing
    assert "Set by" in leadership_client.get(regional.get_absolute_url()).content.decode()
    own_page = leadership_client.get(own.get_absolute_url()).content.decode()
    assert "No objective: age" in own_page
    assert "Pupils are 3 to 11." in own_page


def test_the_welsh_demo_primary_publishes_under_the_welsh_rules(db, settings, client):
    import io

    from django.core.management import call_command

    from equality_portal.core.checks import collect_checks
    from equality_portal.publishing.models import Publication
    from equality_portal.schools.demo import DemoCalendar
    from equality_portal.schools.models import School

    settings.DEBUG = True
    # The flag the Welsh school once needed is kept, and changes nothing.
    call_command("loaddemo", "--wales", stdout=io.StringIO())
    demo = DemoCalendar.now()
    school = School.objects.get(slug="derwen")
    assert "demonstration school" in school.name
    assert school.trust is None
    publication = Publication.objects.filter(school=school).latest("period_start")
    texts = public_texts(client, school.slug, publication.year)
    for where, text in texts.items():  # squashed: lower case
        assert "additional learning needs (aln)" in text, where
        assert "regional equality objectives" in text, where
        assert "(send)" not in text, where
    checks = {check.key: check for check in collect_checks(school=school, today=demo.today)}
    assert checks["objective_or_reason_for_each_characteristic"].status == Status.MET
    assert WELSH_REGULATIONS in checks["welsh_annual_report"].summary or (
        checks["welsh_annual_report"].status == Status.MET
    )
    assert "Nursery 1" in dict(school.year_groups()).values()


OBJECTIVES_IN_APPENDICES = "App. 2 School Equality Objectives and Action Plan"


def test_objectives_set_out_in_a_document_meet_the_gates_on_the_schools_word(school):
    """A plan whose objectives are in its appendices: the portal cannot read them, so the gates
    take the school's declaration of the document and of the characteristics it covers, and the
    school is advised that the portal took its word."""
    _in_wales(school)
    year = AcademicYear.containing(TODAY)
    own = ObjectiveSetFactory(school=school, period_end=year.end, published_on=None)
    checks = _checks(school)
    assert checks["objectives_to_publish"].is_error
    assert checks["objective_or_reason_for_each_characteristic"].is_error
    assert "objectives_in_document" not in checks

    # The document named, and some characteristics declared: the rest still block.
    objective_services.objective_set_update(
        objective_set=own,
        by=None,
        in_document=OBJECTIVES_IN_APPENDICES,
        in_document_covers=["age", "disability", "race"],
    )
    checks = _checks(school)
    assert not checks["objectives_to_publish"].is_error
    assert OBJECTIVES_IN_APPENDICES in checks["objectives_to_publish"].summary
    per_characteristic = checks["objective_or_reason_for_each_characteristic"]
    assert per_characteristic.is_error
    assert "gender reassignment" in per_characteristic.summary
    assert "disability" not in per_characteristic.summary.split("regulation")[0]
    advice = checks["objectives_in_document"]
    assert advice.severity == Severity.ADVICE
    assert advice.needs_attention
    assert "cannot read" in advice.summary
    assert "age, disability, race" in advice.summary
    assert "cannot tell whether they are measurable" in checks["objectives_measurable"].summary

    # A set adopted from the region, set out in its own appendix, counts for what it declares.
    regional = ObjectiveSetFactory(
        school=school,
        title="Regional Equality Objectives",
        adopted_from="the region",
        period_end=year.end,
        in_document="App. 1 Regional Equality Objectives",
        in_document_covers=[c for c in Characteristic.values if c not in ("age", "race")],
    )
    checks = _checks(school)
    assert checks["objective_or_reason_for_each_characteristic"].status == Status.MET
    assert "App. 1 Regional Equality Objectives" in (
        checks["adopted_objectives_in_document"].summary
    )

    # Without the document's name the declaration counts for nothing.
    regional.in_document = ""
    regional.save()
    assert _checks(school)["objective_or_reason_for_each_characteristic"].is_error


def test_entered_objectives_still_need_each_characteristic_in_wales(school):
    """The gate is not weakened for objectives entered in the portal: a characteristic the
    declaration ticks counts only while a document is named (and then the school is told)."""
    _in_wales(school)
    year = AcademicYear.containing(TODAY)
    own = ObjectiveSetFactory(school=school, period_end=year.end)
    ObjectiveFactory(objective_set=own, characteristics=["sex"])
    _reasons_for_the_rest(own)
    own.reasons_no_objective.pop("race")
    own.save()
    checks = _checks(school)
    assert checks["objective_or_reason_for_each_characteristic"].is_error
    assert "race" in checks["objective_or_reason_for_each_characteristic"].summary
    assert "objectives_in_document" not in checks


def test_the_set_form_declares_a_document_and_the_characteristics_it_covers(
    school, leadership_client
):
    _in_wales(school)
    url = reverse("objectives:set_add", kwargs={"school_slug": school.slug})
    fields = {
        "title": "Strategic Equality Plan objectives",
        "period_start": "1/9/2013",
        "period_end": "31/8/2016",
    }
    form_page = leadership_client.get(url).content.decode()
    assert "Protected characteristics the document gives an objective or a reason for" in (
        form_page
    )
    # Characteristics without the document: refused beside the field, nothing saved.
    response = leadership_client.post(url, {**fields, "in_document_covers": ["age", "sex"]})
    assert response.status_code == 200
    assert "Name the document that sets out these objectives" in response.content.decode()
    assert not school.objective_sets.exists()
    # A characteristic the Act does not name is refused.
    response = leadership_client.post(
        url, {**fields, "in_document": OBJECTIVES_IN_APPENDICES, "in_document_covers": ["class"]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not school.objective_sets.exists()
    response = leadership_client.post(
        url, {**fields, "in_document": OBJECTIVES_IN_APPENDICES, "in_document_covers": ["age"]}
    )
    assert response.status_code == 302
    saved = school.objective_sets.get()
    assert (saved.in_document, saved.in_document_covers) == (OBJECTIVES_IN_APPENDICES, ["age"])
    page = leadership_client.get(saved.get_absolute_url()).content.decode()
    assert OBJECTIVES_IN_APPENDICES in page
    assert "The portal cannot read the document." in page


def test_an_english_set_names_its_document_without_characteristics(school, leadership_client):
    form = ObjectiveSetForm(instance=ObjectiveSetFactory.build(school=school))
    assert "in_document" in form.fields
    assert "in_document_covers" not in form.fields
    # The model refuses a declaration of characteristics without a document, whoever sends it.
    objective_set = ObjectiveSetFactory(school=school)
    with pytest.raises(ValidationError) as refused:
        objective_services.objective_set_update(
            objective_set=objective_set, by=None, in_document_covers=["age"]
        )
    assert "in_document" in refused.value.message_dict
    objective_set.refresh_from_db()
    assert objective_set.in_document_covers == []


# The Welsh citation, after "o dan" (under) in the school's text: "Reoliadau Deddf ...".
WELSH_REGULATIONS_CY = "Deddf Cydraddoldeb 2010 (Dyletswyddau Statudol) (Cymru) 2011"


def test_welsh_demo_latest_publication_is_public_in_welsh_and_english(demo, client):
    school = School.objects.get(slug="derwen")
    assert "demonstration school" in school.name
    # A Strategic Equality Plan over four years, and the annual report on its latest year,
    # published after it: the latest publication.
    plan = Publication.objects.get(school=school, kind="plan")
    assert (plan.period_end - plan.period_start).days in range(1455, 1462)
    latest = publication_latest(school=school)
    assert latest.kind == "annual_report"
    assert latest.published_at > plan.published_at
    assert latest.period == Period.from_key(demo.statement_year.label)
    for publication in (plan, latest):
        assert publication.in_welsh
        assert publication.pdf_cy

    english = public_texts(client, school.slug, latest.year)
    for where, text in english.items():  # squashed: lower case
        assert WELSH_REGULATIONS.lower() in text, where
        assert "additional learning needs (aln)" in text, where
        assert "individual development plan" in text, where
        assert "special educational needs" not in text, where
        assert "(send)" not in text, where

    key = latest.year.key
    urls = {
        "latest": (f"/equality/{school.slug}/", f"/equality/{school.slug}/cy/"),
        "year": (f"/equality/{school.slug}/{key}/", f"/equality/{school.slug}/{key}/cy/"),
    }
    for english_url, welsh_url in urls.values():
        english_page = client.get(english_url).content.decode()
        welsh_response = client.get(welsh_url)
        assert welsh_response.status_code == 200
        assert welsh_response["Content-Language"] == "cy"
        welsh_page = welsh_response.content.decode()
        assert '<html lang="en-GB">' in english_page
        assert '<html lang="cy">' in welsh_page
        for page in (english_page, welsh_page):
            assert f'hreflang="en-GB" href="{english_url}"' in page
            assert f'hreflang="cy" href="{welsh_url}"' in page
        assert f'href="{welsh_url}" hreflang="cy" lang="cy">Cymraeg</a>' in english_page
        assert f'href="{english_url}" hreflang="en-GB" lang="en-GB">English</a>' in welsh_page
        assert "Cynllun Cydraddoldeb Strategol: adroddiad blynyddol" in welsh_page
        assert WELSH_REGULATIONS_CY in welsh_page
        assert "anghenion dysgu ychwanegol (ADY)" in welsh_page

    # The plan, under its four-year period's address, in both languages too.
    for suffix in ("", "cy/", "cy/statement.pdf", "cy/statement.json"):
        response = client.get(f"/equality/{school.slug}/{plan.year.key}/{suffix}")
        assert response.status_code == 200, suffix

    pdf_response = client.get(f"/equality/{school.slug}/{key}/cy/statement.pdf")
    assert pdf_response.status_code == 200
    pdf_bytes = (
        b"".join(pdf_response.streaming_content)
        if getattr(pdf_response, "streaming", False)
        else pdf_response.content
    )
    pdf = PdfReader(io.BytesIO(pdf_bytes))
    assert pdf.trailer["/Root"]["/Lang"] == "cy"
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert WELSH_REGULATIONS_CY in pdf_text
    assert "anghenion dysgu ychwanegol (ADY)" in pdf_text

    data = json.loads(client.get(f"/equality/{school.slug}/{key}/cy/statement.json").content)
    assert data["language"] == "cy"
    assert data["kind"] == "annual_report"
    assert WELSH_REGULATIONS_CY in data["introduction"]
    assert "anghenion dysgu ychwanegol (ADY)" in data["introduction"]
    for text in (json.dumps(data, ensure_ascii=False).lower(), english["json"]):
        assert "special educational needs" not in text
        assert "(send)" not in text

    # The English demo schools' public pages stay as they were: no Welsh regulations, no
    # Welsh twin, no language links.
    for slug in ("carrington", "coopers"):
        english_school = School.objects.get(slug=slug)
        page = client.get(f"/equality/{slug}/").content.decode()
        assert "(Wales) Regulations 2011" not in page
        assert "hreflang" not in page
        assert "/cy/" not in page
        assert client.get(f"/equality/{slug}/cy/").status_code == 404
        assert not Publication.objects.filter(school=english_school).exclude(pdf_cy=None).exists()


@pytest.mark.parametrize("staff", [20, 200])
def test_welsh_schools_collect_employment_information_whatever_their_size(draft, school, staff):
    """Wales has no 150-staff threshold: every school collects its employment information each
    year (regulation 9) and may publish it apart from the statement, so its absence is advice
    at any size, never a gate; in England the same school is blocked from 150 staff."""

    def staff_check():
        checks = statement_findings(draft=draft, data=statement_compose(draft=draft))
        return {check.key: check for check in checks}.get("staff_information")

    school.number_of_staff = staff
    school.save()
    english = staff_check()
    assert (english is not None and english.is_error) is (staff >= 150)

    _in_wales(school)
    welsh = staff_check()
    assert welsh is not None
    assert welsh.severity == Severity.ADVICE
    assert not welsh.is_error
    assert "regulation 9" in welsh.summary
    assert "whatever its number of staff" in welsh.summary

    PopulationProfileFactory(school=school, population="staff", census_date=draft.year.start)
    assert staff_check() is None
