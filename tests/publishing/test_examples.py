"""Real schools' documents (../shared/examples/ and the seeds), entered through the portal's
services as a school would, published, and read back from the public page, the PDF and the JSON:
each keeps its own title, structure and facts, and says nothing the school did not say.

Quoted text is kept to facts, figures and short distinctive phrases; the bodies are outlines.
"""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.equality import Characteristic
from equality_portal.core.periods import Period
from equality_portal.publishing import services
from equality_portal.publishing.models import Publication, SectionKind, StatementDraft
from equality_portal.publishing.trust import (
    trust_draft_get_or_create,
    trust_draft_update,
    trust_statement_publish,
)
from equality_portal.schools.models import Trust, TrustMembership
from equality_portal.schools.roles import TrustRole
from equality_portal.schools.services import school_update
from objectives.selectors import objective_set_current
from objectives.services import objective_create, objective_set_create
from tests.factories import UserFactory, statement_approve_and_publish
from tests.publishing.public_text import portal_wording_in, public_texts, squash
from tests.publishing.test_demo import SEED_FACTS

APPENDIX = b"%PDF-1.7\n% a linked document the school publishes\n%%EOF\n"


def publish_example(
    client, *, school, leader, governor, title, sections, appendices=(), objectives=None
):
    """Enter a school's statement for the current academic year (its title, its sections in
    order, appendices and the objectives set it last published), approve and publish it, and
    return the public page, PDF text and JSON, squashed."""
    year = AcademicYear.current()
    if objectives:
        objective_set_create(school=school, by=leader.user, **objectives)
    draft = services.statement_draft_get_or_create(school=school, year=year)
    services.statement_draft_update(draft=draft, by=leader.user, title=title)
    services.statement_sections_replace(
        draft=draft,
        by=leader.user,
        sections=[
            {"position": number, "kind": kind, "heading": heading, "body": body}
            for number, (kind, heading, body) in enumerate(sections)
        ],
    )
    for appendix_title, file_name in appendices:
        services.statement_attachment_add(
            draft=draft, by=leader.user, title=appendix_title, file_name=file_name, content=APPENDIX
        )
    publication = statement_approve_and_publish(
        draft=draft, governor=governor.user, leader=leader.user
    )
    return public_texts(client, school.slug, publication.year)


def assert_faithful(texts: dict[str, str], facts: list[str]) -> None:
    """Every fact in each of page, PDF and JSON, and none of the portal's own sentences."""
    missing = {
        where: [fact for fact in facts if squash(fact) not in text] for where, text in texts.items()
    }
    assert {where: gaps for where, gaps in missing.items() if gaps} == {}
    assert portal_wording_in(texts) == {}


WRITTEN = SectionKind.WRITTEN


def test_example_10_lindhead_equality_accessibility(client, school, leader, governor):
    with time_machine.travel(datetime.datetime(2021, 3, 1, 9, tzinfo=datetime.UTC), tick=False):
        school_update(school=school, by=leader.user, name="Lindhead School", phase="primary")
        texts = publish_example(
            client,
            school=school,
            leader=leader,
            governor=governor,
            title="Equality Objectives & Accessibility Plan",
            objectives={
                "title": "Equalities Information and Objectives",
                "period_start": datetime.date(2020, 11, 1),
                "period_end": datetime.date(2024, 10, 31),
                "published_on": datetime.date(2020, 11, 30),
            },
            sections=[
                (
                    WRITTEN,
                    "Background:",
                    "The Equality Act 2010 covers these schools:\n\n1. maintained schools\n"
                    "2. academies\n3. independent schools\n4. maintained nursery schools\n"
                    "5. maintained and non-maintained special schools",
                ),
                (
                    WRITTEN,
                    "",
                    "Objectives are updated at least once every 4 years. Governors adopted the "
                    "document in November 2020; the next review is due in November 2024.",
                ),
                (
                    WRITTEN,
                    "",
                    "An accessibility plan:\n\n- (a) the curriculum\n- (b) the physical "
                    "environment\n- (c) information",
                ),
            ],
            appendices=[
                ("Equalities Information and Objectives", "equality-objectives.pdf"),
                ("Accessibility Plan", "accessibility-plan.pdf"),
            ],
        )
    assert_faithful(
        texts,
        [
            "Equality Objectives & Accessibility Plan",
            "Background:",
            "maintained nursery schools",
            "at least once every 4 years",
            "November 2020",
            "November 2024",
            "physical environment",
            "Equalities Information and Objectives",
            "accessibility-plan.pdf",
        ],
    )
    # Nothing about the school it did not publish: no phase, staff or local authority.
    assert "local authority" not in texts["page"]
    assert "<dt>staff</dt>" not in texts["page"]


def test_example_02_st_peter_chanel_catholic_primary(client, school, leader, governor):
    with time_machine.travel(datetime.datetime(2021, 1, 15, 9, tzinfo=datetime.UTC), tick=False):
        school_update(
            school=school, by=leader.user, name="St Peter Chanel Catholic School", phase="primary"
        )
        texts = publish_example(
            client,
            school=school,
            leader=leader,
            governor=governor,
            title="Equality Information and Objectives",
            objectives={
                "title": "Equality Information and Objectives",
                "period_start": datetime.date(2020, 9, 1),
                "period_end": datetime.date(2021, 8, 31),
                "published_on": datetime.date(2020, 9, 30),
            },
            sections=[
                (WRITTEN, "Equality Statement", "Including Pre-School"),
                (
                    WRITTEN,
                    "",
                    "| Committee Name: | Staffing |\n|---|---|\n"
                    "| Date of Approval: | September 2020 |\n| Validity Date: | 2020-2021 |\n"
                    "| Person responsible: | Head Teacher |\n"
                    "| Linked policies | Data Protection SEN Safeguarding |",
                ),
                (
                    WRITTEN,
                    "School policy statement on equality, diversity and community cohesion",
                    "A Catholic school under Canon Law.\n\nAs employer and service provider:\n\n"
                    "- through our Pupil Parliament and our Learning Council\n"
                    "- sexual identity and orientation",
                ),
            ],
        )
    assert_faithful(
        texts,
        [
            "Equality Information and Objectives",
            "Including Pre-School",
            "Staffing",
            "September 2020",
            "2020-2021",
            "Head Teacher",
            "Data Protection SEN Safeguarding",
            "School policy statement on equality, diversity and community cohesion",
            "Pupil Parliament",
            "Learning Council",
            "sexual identity and orientation",
        ],
    )
    assert '<th scope="col">committee name:</th>' in texts["page"]


def test_example_07_king_edward_vi_college_stourbridge_edi_report(client, school, leader, governor):
    year = AcademicYear.current()
    school_update(school=school, by=leader.user, name="King Edward VI College", phase="16_plus")
    texts = publish_example(
        client,
        school=school,
        leader=leader,
        governor=governor,
        title="Equality, Diversity and Inclusion Annual Report",
        # The report says its recommendations feed the college's separate Equality Objectives
        # (not held): recorded as a set published this year, which the report does not print.
        objectives={
            "title": "Equality Objectives",
            "period_start": year.start,
            "period_end": year.end,
            "published_on": year.start,
        },
        sections=[
            (
                WRITTEN,
                "Section I: Introduction and College Position Statement",
                "An inclusive learning community, compliant with the Equality Act 2010.\n\n"
                "Recommendations are in Section VI.\n\n"
                "Every policy has an Equality Impact Assessment (EIA).",
            ),
            (WRITTEN, "", "Culture Day\n\nCulture Day"),
            (
                WRITTEN,
                "Section II: Public Sector Equality Duty",
                "2.1 In force from April 2011. Due regard to:\n\n"
                "1. eliminating unlawful discrimination, harassment and victimisation\n"
                "2. advancing equality of opportunity",
            ),
        ],
    )
    assert_faithful(
        texts,
        [
            "Equality, Diversity and Inclusion Annual Report",
            "Section I: Introduction and College Position Statement",
            "Section VI",
            "Equality Impact Assessment (EIA)",
            "Culture Day",
            "Section II: Public Sector Equality Duty",
            "2.1",
            "April 2011",
            "eliminating unlawful discrimination, harassment and victimisation",
        ],
    )
    assert "<ol>" in texts["page"]  # the aims as the numbered list the college printed
    assert "equality objectives" not in texts["page"]  # not printed by the report


def _seed_example(client, settings, slug: str) -> None:
    """The seed school as the demo enters it through the services (loaddemo), published."""
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    publication = (
        Publication.objects.filter(school__slug=slug).order_by("-period_start", "-version").first()
    )
    assert publication is not None
    assert_faithful(public_texts(client, slug, publication.year), SEED_FACTS[slug])


@pytest.mark.django_db
def test_example_carrington(client, settings):
    _seed_example(client, settings, "carrington")


@pytest.mark.django_db
def test_example_coopers(client, settings):
    _seed_example(client, settings, "coopers")


OBJECTIVES = SectionKind.OBJECTIVES


def add_objectives(school, leader, objectives: list[dict]) -> None:
    """The school's objectives, in its order, in the set in force (made by publish_example)."""
    objective_set = objective_set_current(school=school, on=AcademicYear.current().end)
    assert objective_set is not None
    for fields in objectives:
        objective_create(objective_set=objective_set, by=leader.user, **fields)


def test_example_06_highfield_middle_school(client, school, leader, governor):
    with time_machine.travel(datetime.datetime(2023, 10, 2, 9, tzinfo=datetime.UTC), tick=False):
        school_update(school=school, by=leader.user, name="Highfield Middle School", phase="middle")
        objective_set_create(
            school=school,
            by=leader.user,
            title="Equality Objectives 2023",
            period_start=datetime.date(2023, 9, 1),
            period_end=datetime.date(2024, 8, 31),
        )
        # Narrative objectives for one year, with no measure; three are for groups that are
        # not protected characteristics (poverty, pupil premium, SEND, looked after children).
        add_objectives(
            school,
            leader,
            [
                {
                    "title": "Equality law known to staff and governors",
                    "wider_group": "staff and governors",
                },
                {
                    "title": "Tolerance of other cultures and beliefs",
                    "wider_group": "the wider community",
                },
                {"title": "No pupil loses out through poverty", "groups": ["disadvantaged"]},
                {"title": "A healthy breakfast", "wider_group": "every pupil"},
                {"title": "Mental health awareness", "wider_group": "whole-school approach"},
                {
                    "title": "Close attainment and achievement gaps",
                    "groups": ["disadvantaged", "send", "looked_after"],
                    "wider_group": "all student groups",
                },
            ],
        )
        texts = publish_example(
            client,
            school=school,
            leader=leader,
            governor=governor,
            title="EQUALITY OBJECTIVES 2023",
            sections=[
                (
                    WRITTEN,
                    "",
                    "The three aims of the public sector equality duty:\n\n"
                    "- eliminating unlawful discrimination\n- advancing equality of opportunity\n"
                    "- fostering good relations",
                ),
                (
                    WRITTEN,
                    "",
                    "Highfield Middle School will review every year, under the Equality Act "
                    "(2010): race, disability, gender, gender re-assignment, age, pregnancy and "
                    "maternity, marital status, religion and belief, sexual orientation.",
                ),
                (WRITTEN, "", "Academic excellence, pupil well-being and personal development."),
                (WRITTEN, "", "Our objectives for 2023-2024:"),
                (OBJECTIVES, "", ""),
            ],
        )
    assert_faithful(
        texts,
        [
            "EQUALITY OBJECTIVES 2023",
            "fostering good relations",
            "Equality Act (2010)",
            "gender re-assignment",
            "marital status",
            "personal development",
            "2023-2024",
            "Equality Objectives 2023",
            "September 2023",
            "August 2024",
            "staff and governors",
            "healthy breakfast",
            "Mental health awareness",
            "pupil premium",
            "SEND",
            "Looked-after children",
            "all student groups",
        ],
    )


def test_example_01_highfield_nursery_suffolk(client, school, leader, governor):
    with time_machine.travel(datetime.datetime(2023, 10, 2, 9, tzinfo=datetime.UTC), tick=False):
        school_update(
            school=school, by=leader.user, name="Highfield Nursery School", phase="nursery"
        )
        # One set over four years; each numbered aim the school wrote is one objective, with
        # its statements and its own list of success criteria, and no measure or date.
        objective_set_create(
            school=school,
            by=leader.user,
            title="Equality Objectives 2023 – 2027",
            period_start=datetime.date(2023, 9, 1),
            period_end=datetime.date(2027, 8, 31),
        )
        add_objectives(
            school,
            leader,
            [
                {
                    "title": "Eliminate unlawful discrimination, harassment and victimisation",
                    "aims": ["eliminate"],
                    "evidence": "The child's voice, through the Early Years curriculum.\n\n"
                    "Review how we consult children about their learning journeys.",
                    "success_criteria": "- an individual learning journey\n"
                    "- reflective practice\n- questionnaires for parents and children",
                },
                {
                    "title": "Advance equality of opportunity between people",
                    "aims": ["advance"],
                    "evidence": "Robust systems for tracking pupil progress.\n\n"
                    "Support vulnerable families.",
                    "success_criteria": "- learning milestones\n"
                    "- at risk of underachieving are identified quickly",
                },
                {
                    "title": "Foster good relations between people",
                    "aims": ["foster"],
                    "evidence": "Understanding of tolerance and respect for others.",
                    "success_criteria": "- learn about other people\n- kind and considerate",
                },
            ],
        )
        texts = publish_example(
            client,
            school=school,
            leader=leader,
            governor=governor,
            title="Equality Objectives 2023 – 2027",
            sections=[
                (
                    WRITTEN,
                    "",
                    "Highfield Nursery School is committed to:\n\n"
                    "- eliminating discrimination, harassment and victimisation\n"
                    "- promoting equal access and opportunity\n"
                    "- promoting positive attitudes to difference",
                ),
                (OBJECTIVES, "", ""),
                (WRITTEN, "", "Accessibility plans are written for each new intake."),
            ],
        )
    assert_faithful(
        texts,
        [
            "Equality Objectives 2023 – 2027",
            "Highfield Nursery School",
            "positive attitudes to difference",
            "September 2023",
            "August 2027",
            "Eliminate unlawful discrimination, harassment and victimisation",
            "Advance equality of opportunity between people",
            "Foster good relations between people",
            "The child's voice",
            "vulnerable families",
            "an individual learning journey",
            "questionnaires for parents and children",
            "at risk of underachieving",
            "kind and considerate",
            "each new intake",
        ],
    )
    # The aims numbered as the school numbered them (the JSON gives each its number).
    for where in ("page", "pdf"):
        assert "1. eliminate unlawful" in texts[where]
        assert "3. foster good relations between people" in texts[where]
    assert '"number": 3' in texts["json"]
    # Each aim's success criteria stay the list the school wrote.
    assert "<li>reflective practice</li>" in texts["page"]


def test_example_03_patcham_high_workforce(client, school, leader, governor):
    with time_machine.travel(datetime.datetime(2020, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        school_update(school=school, by=leader.user, name="Patcham High School", phase="secondary")
        year = AcademicYear.current()
        # The page prints no objectives: the school's set is recorded, not printed (as for 07).
        texts = publish_example(
            client,
            school=school,
            leader=leader,
            governor=governor,
            title="School Workforce Equalities Monitoring 2020 – Cross Authority Analysis",
            objectives={
                "title": "Equality Objectives",
                "period_start": year.start,
                "period_end": year.end,
                "published_on": year.start,
            },
            # The figures are the local authority's analysis across its schools, in the school's
            # own table (percentages only, with no counts to suppress), cell text as published.
            sections=[
                (WRITTEN, "", "Our staff should reflect the diversity of our students."),
                (WRITTEN, "Introduction", "HR has sent this data to every school since 2015."),
                (
                    WRITTEN,
                    "Key workforce equalities data headlines for school staff – 2019-2020 "
                    "comparison",
                    "The BME* share is slightly higher (see Para 4).",
                ),
                (
                    WRITTEN,
                    "Table 1: Whole school equalities/diversity breakdown – all staff",
                    "| | 2020 – all staff | Unknown data in 2020 | Previous year’s data 2019 "
                    "| Unknown data in 2019 |\n|---|---|---|---|---|\n"
                    "| Gender | Female: 80.29% Male: 19.71% | n/a | Female: 80.09% Male: 19.91% "
                    "| n/a |\n"
                    "| Age | Largest group: 45-49 | n/a | Largest group: 45-49 | n/a |\n"
                    "| Ethnicity | BME* 5.55 % | 6.48% | BME* 5.24% | 7.58% |\n"
                    "| Disability | 2.62 % disabled | 27.62% | 2.07%disabled | 35.21% |\n"
                    "| Sexual Orientation | 2.12 % LGB | 52.85% | 1.91% LGB | 56.05% |\n"
                    "| Religion | Christian: 45.72% No religion: 47.89% Other religion: 6.39% "
                    "| 51.19% | Christian: 45.58 % No religion: 48.17% Other religion: 6.25% "
                    "| 53.51% |\n\n"
                    "BME*: Black, Asian or other non-white ethnic groups (see Table 3).",
                ),
                (
                    WRITTEN,
                    "Comparison of School staff equalities/diversity information with B&H "
                    "Populations",
                    "Table 2",
                ),
            ],
        )
    assert_faithful(
        texts,
        [
            "School Workforce Equalities Monitoring 2020 – Cross Authority Analysis",
            "Introduction",
            "since 2015",
            "2019-2020 comparison",
            "Para 4",
            "Table 1: Whole school equalities/diversity breakdown – all staff",
            "Unknown data in 2020",
            "Previous year’s data 2019",
            "Female: 80.29% Male: 19.71%",
            "Female: 80.09% Male: 19.91%",
            "Largest group: 45-49",
            "BME* 5.55 %",
            "6.48%",
            "BME* 5.24%",
            "7.58%",
            "2.62 % disabled",
            "27.62%",
            "2.07%disabled",
            "35.21%",
            "2.12 % LGB",
            "52.85%",
            "1.91% LGB",
            "56.05%",
            "Christian: 45.72% No religion: 47.89% Other religion: 6.39%",
            "51.19%",
            "Christian: 45.58 % No religion: 48.17% Other religion: 6.25%",
            "53.51%",
            "Table 3",
            "with B&H Populations",
        ],
    )
    # Table 1 as a table, each strand a row headed by its name.
    assert '<th scope="col">unknown data in 2019</th>' in texts["page"]
    assert "<td>largest group: 45-49</td>" in texts["page"]
    assert "equality objectives" not in texts["page"]  # not printed on the page


def test_example_04_st_christophers_cofe_mat_gender_pay_gap(client, db):
    """A trust's gender pay gap report, published by trust leadership as the trust's own
    statement: its words, its snapshot date, its staff and academies, the 2024 gaps beside
    2023's as the trust printed them (two decimal places), and its method."""
    trust = Trust.objects.create(
        name="St Christopher’s CofE (Primary) Multi Academy Trust", slug="st-christophers-mat"
    )
    lead = UserFactory()
    TrustMembership.objects.create(user=lead, trust=trust, role=TrustRole.TRUST_LEADERSHIP)
    with time_machine.travel(datetime.datetime(2025, 3, 3, 9, tzinfo=datetime.UTC), tick=False):
        year = AcademicYear.current()
        draft = trust_draft_get_or_create(trust=trust, year=year)
        trust_draft_update(
            draft=draft,
            by=lead,
            # The page has no title: the trust's statement keeps the portal's plain default.
            introduction=(
                "St Christopher’s CofE (Primary) Multi Academy Trust (“the Trust”) is committed "
                "to equal opportunities and equal treatment for all its employees. Employers "
                "with over 250 employees have to publish figures on their gender pay gap.\n\n"
                "The data is prepared by the Trust’s payroll providers; HROne and the People "
                "Team analyse it and make sure relevant actions follow.\n\n"
                "The Trust is an equal opportunities employer, as the Equalities Act 2010 "
                "defines it, in recruitment, performance management, CPD and career "
                "progression.\n\n"
                "For all school posts we use NJC Support Staff Scale Points, the Teacher Main "
                "Pay Scale and the Teacher Leadership Pay Scale.\n\n"
                "The results and the report the Trust must publish on its website follow."
            ),
            sections=[
                {
                    "heading": "Trust Gender Pay Gap Data for 2024 Reporting Period",
                    "body": (
                        "The snapshot date is 31st March 2024. At that date the Trust employed "
                        "558 staff across 19 academies plus a central team, educating "
                        "approximately 3700 pupils.\n\n"
                        "| Mean Hourly Rate Pay Gap | | Median Hourly Rate Pay Gap | |\n"
                        "|---|---|---|---|\n"
                        "| 2024 | 22.30% | 2024 | 48.15% |\n"
                        "| 2023 | 22.99% | 2023 | 48.75% |\n\n"
                        "Both the mean and the median gap fell slightly compared with the "
                        "previous year."
                    ),
                },
                {
                    "heading": "Mean Gap Calculation:",
                    "body": (
                        "In each pay quartile, women’s mean hourly pay is subtracted from men’s; "
                        "the difference is divided by men’s mean hourly pay and multiplied by "
                        "100, giving the gap as a percentage of men’s pay."
                    ),
                },
            ],
        )
        publication = trust_statement_publish(
            draft=draft, by=lead, approved_by_name="The Trust Board", approved_on=dates.today()
        )
        texts = public_texts(client, f"trust/{trust.slug}", publication.year)
    assert_faithful(
        texts,
        [
            "St Christopher’s CofE (Primary) Multi Academy Trust",
            "equal opportunities and equal treatment for all its employees",
            "over 250 employees",
            "HROne and the People Team",
            "Equalities Act 2010",
            "NJC Support Staff Scale Points",
            "Teacher Leadership Pay Scale",
            "Trust Gender Pay Gap Data for 2024 Reporting Period",
            "31st March 2024",
            "558 staff across 19 academies plus a central team",
            "approximately 3700 pupils",
            "Mean Hourly Rate Pay Gap",
            "Median Hourly Rate Pay Gap",
            "22.30%",
            "48.15%",
            "22.99%",
            "48.75%",
            "fell slightly",
            "Mean Gap Calculation:",
            "divided by men’s mean hourly pay and multiplied by 100",
        ],
    )
    # The comparison as the trust's table: a row for each year, the figures as printed.
    assert "<td>2024</td> <td>22.30%</td> <td>2024</td> <td>48.15%</td>" in texts["page"]
    assert "<td>2023</td> <td>22.99%</td> <td>2023</td> <td>48.75%</td>" in texts["page"]


MONITORING = SectionKind.MONITORING
SHIREMOOR_TABLES = {
    # (category type, category in the school's words, count, percentage as published)
    "disability": [("Yes", 1, "0.2"), ("No", 386, "99.8"), ("Undeclared", None, None)],
    "send": [("Yes", 66, "17"), ("No", 321, "83")],
    "ethnicity": [
        ("Any other Asian", 3, "0.8"),
        ("Any other Mixed", 2, "0.7"),
        ("Any other Ethnic", 2, "0.7"),
        ("Any other White", 1, "0"),
        ("Bangladeshi", 6, "1.5"),
        ("Black African", 1, "0"),
        ("Pakistani", 1, "0"),
        ("Chinese", 2, "0.7"),
        ("Indian", 16, "4.1"),
        ("White British", 317, "81.9"),
        ("White Irish", 0, "0"),
        ("White Asian", 2, "0.7"),
        ("White/Black African", 6, "1.5"),
        ("White/Black Caribbean", 0, "0"),
    ],
    "religion": [
        ("Christian", 55, "14"),
        ("Buddhist", 0, "0"),
        ("Hindu", 8, "2.6"),
        ("Muslim", 12, "3.1"),
        ("Sikh", 0, "0"),
        ("Jewish", 0, "0"),
        ("Other", 5, "1.2"),
        ("No religion/belief", 283, "73"),
        ("Prefer not to say", 10, "2.5"),
    ],
    "sex": [("Male", 192, "49"), ("Female", 195, "51")],
}


def test_example_09_shiremoor_primary_equality_data(client, school, leader, governor):
    from decimal import Decimal

    from duties import selectors as duties_selectors
    from duties import services as duties

    with time_machine.travel(datetime.datetime(2023, 10, 2, 9, tzinfo=datetime.UTC), tick=False):
        school_update(school=school, by=leader.user, name="Shiremoor Primary School")
        profile = duties.population_profile_create(
            school=school,
            by=leader.user,
            population="pupils",
            census_date=datetime.date(2023, 9, 29),
            as_at="September 2023",
            headcount=387,
            headcount_label="Number of Pupils on Roll (Including Nursery)",
        )
        # Each table as published: the school's categories, counts and percentages, and an
        # "Undeclared" row with empty cells; the counts need not add up to the roll.
        for kind, rows in SHIREMOOR_TABLES.items():
            for category, count, percent in rows:
                duties.profile_figure_record(
                    profile=profile,
                    by=leader.user,
                    category_type=kind,
                    category=category,
                    count=count,
                    percent=None if percent is None else Decimal(percent),
                )
        texts = publish_example(
            client,
            school=school,
            leader=leader,
            governor=governor,
            title="Annual Equality Data for publishing – as at September 2023",
            # A data-only page: the school's objectives are recorded, not printed (as for 03).
            objectives={
                "title": "Equality Objectives",
                "period_start": datetime.date(2023, 9, 1),
                "period_end": datetime.date(2024, 8, 31),
                "published_on": datetime.date(2023, 9, 1),
            },
            sections=[
                (MONITORING, "Pupil information by protected characteristic", ""),
                (
                    WRITTEN,
                    "",
                    "We have not published information on sexual orientation or gender identity, "
                    "because of concerns about sensitivity and confidentiality.\n\n"
                    "We judge it unsuitable to collect pupil data on marriage and civil "
                    "partnership, or on pregnancy and maternity.\n\n"
                    "Age is not applicable in schools, so it is not included.",
                ),
            ],
        )
        public = duties_selectors.profile_view(profile=profile, suppressed=True)
    assert_faithful(
        texts,
        [
            "Annual Equality Data for publishing – as at September 2023",
            "Pupil information by protected characteristic",
            "as at September 2023",
            "Number of Pupils on Roll (Including Nursery)",
            "Undeclared",
            "White British",
            "White Asian",
            "White/Black Caribbean",
            "No religion/belief",
            "Prefer not to say",
            "sexual orientation or gender identity",
            "marriage and civil partnership",
            "Age is not applicable in schools",
        ],
    )
    page = texts["page"]
    assert "number of pupils on roll (including nursery): 387" in page  # the roll, exact
    assert '"headcount": "387"' in texts["json"]
    # Tables with nothing small in them keep the school's own percentages; counts are rounded
    # to 5 and the roll is exact.
    for published in ("17%", "83%", "49%", "51%", "2.6%", "3.1%", "73%", "2.5%"):
        assert f'<td class="text-end">{published}</td>' in page, published
    assert '<td class="text-end">65</td>' in page  # SEN: 66
    assert '<td class="text-end">320</td>' in page  # SEN: 321
    # A group of one is "fewer than 5", and the percentages that would reveal it are not
    # shown: 0.2% and 99.8% of 387 give back 1 and 386.
    for revealing in ("0.2%", "99.8%", "81.9%", '<td class="text-end">1</td>'):
        assert revealing not in page, revealing
    assert '<td class="text-end">fewer than 5</td>' in page
    assert '<td class="text-end">81%</td>' in page  # White British: 315 of 387
    # The "Undeclared" row keeps its empty cells.
    empty = '<td class="text-end"></td>'
    assert re.search(f'<th scope="row">undeclared</th> ?{empty} ?{empty}', page)
    # The school is told why, on its own page only.
    assert any("“Yes” (1) is shown as “fewer than 5”" in reason for reason in public.hidden)
    assert any("worked out from the rounded counts" in reason for reason in public.hidden)
    assert "nobody in so small a group" not in page


def test_example_05_brighton_hove_pru(client, school, leader, governor):
    with time_machine.travel(datetime.datetime(2017, 10, 2, 9, tzinfo=datetime.UTC), tick=False):
        school_update(
            school=school,
            by=leader.user,
            name="Brighton and Hove Pupil Referral Unit",
            phase="alternative_provision",
        )
        objective_set_create(
            school=school,
            by=leader.user,
            title="Equality information and objectives",
            period_start=datetime.date(2017, 9, 1),
            period_end=datetime.date(2018, 8, 31),
            period_text="2017-18",
        )
        # The objectives under the three aims as the unit orders and heads them (good relations
        # first), each aim with its own line; no status, and dates as the unit gives them.
        good = "Fostering good relations objectives"
        discrimination = "Eliminating discrimination objectives"
        opportunity = "Advance equality of opportunity objectives"
        add_objectives(
            school,
            leader,
            [
                {
                    "heading": good,
                    "heading_text": "To foster good relations between people who share a "
                    "protected characteristic and those who do not.",
                    "title": "Increase the number of pupils/students who say the PRU helps "
                    "them understand and respect people from other backgrounds",
                    "wider_group": "pupils/students",
                    "measure": "Pupils/students who say the PRU helps them understand and "
                    "respect people from other backgrounds",
                    "unit": "%",
                    "baseline_value": 83,
                    "target_value": 100,
                },
                {
                    "heading": good,
                    "title": "Continue to promote and improve positive images reflecting the "
                    "diversity of the school and community",
                    "evidence": "In books, publications, learning materials, classroom and "
                    "corridor displays and newsletters.",
                },
                {
                    "heading": discrimination,
                    "heading_text": "To eliminate discrimination and other conduct prohibited "
                    "by the Act.",
                    "title": "Increase the staff who are confident the school deals effectively "
                    "with any causes of bullying",
                    "wider_group": "staff",
                    "measure": "Staff confident the school deals effectively with bullying, "
                    "including persistent name calling, cyber, racist and homophobic bullying",
                    "unit": "%",
                    "baseline_value": 96,
                    "baseline_date": datetime.date(2017, 7, 1),
                    "baseline_when": "Staff Survey, summer term 2017",
                    "target_value": 100,
                },
                {
                    "heading": discrimination,
                    "title": "Continue to improve the systems for reporting bullying incidents "
                    "and recording them by type",
                },
                {
                    "heading": opportunity,
                    "heading_text": "To advance equality of opportunity between people who "
                    "share a protected characteristic and those who do not.",
                    "title": "The average point score of BME pupils leaving in Year 11 to match "
                    "or exceed the average point score of all PRU leavers in 2018",
                    "characteristics": ["race"],
                    "measure": "Average point score of BME pupils leaving in Year 11",
                    "unit": "points",
                    "baseline_value": 83,
                    "baseline_date": datetime.date(2015, 8, 31),
                    "baseline_when": "August 2015",
                    "target_text": "To match or exceed the all-pupil average point score "
                    "(91 in August 2015)",
                    "target_date": datetime.date(2018, 8, 31),
                    "target_when": "August 2018",
                },
                {
                    "heading": opportunity,
                    "title": "Continue to promote opportunities for boys and girls to learn "
                    "about careers that challenge gender stereotypes",
                    "characteristics": ["sex"],
                    "evidence": "A PSHE survey of pupils' potential career choices, before and "
                    "after.",
                },
                {
                    "heading": opportunity,
                    "title": "The PRU to produce its own bespoke in-house survey of student "
                    "opinion on gender stereotyping in careers",
                },
            ],
        )
        texts = publish_example(
            client,
            school=school,
            leader=leader,
            governor=governor,
            title="Equality information and objectives",
            sections=[(OBJECTIVES, "Equalities Objectives", "")],
        )
    facts = [
        "Brighton and Hove Pupil Referral Unit",
        "Equality information and objectives",
        "2017-18",
        "Equalities Objectives",
        good,
        discrimination,
        opportunity,
        "those who do not",
        "understand and respect people from other backgrounds",
        "83%",
        "100%",
        "positive images",
        "classroom and corridor displays",
        "96%",
        "Staff Survey, summer term 2017",
        "persistent name calling, cyber, racist and homophobic",
        "reporting bullying incidents and recording them by type",
        "BME pupils leaving in Year 11",
        "83 points",
        "August 2015",
        "91 in August 2015",
        "August 2018",
        "challenge gender stereotypes",
        "PSHE survey",
        "bespoke in-house survey",
    ]
    assert_faithful(texts, facts)
    for where in ("page", "pdf"):
        # The aims in the unit's order, each heading once, over its own objectives.
        text = texts[where]
        assert squash("Equality information and objectives 2017-18") in text
        assert text.index(squash(good)) < text.index(squash(discrimination))
        assert text.index(squash(discrimination)) < text.index(squash(opportunity))
        assert text.count(squash(opportunity)) == 1
        # Nothing the unit did not say: no status, no invented day, no portal heading.
        assert "status" not in text
        assert "31 august 2018" not in text
        assert "1 july 2017" not in text
        assert "our equality objectives" not in text
        assert "september 2017 to august 2018" not in text


def test_example_08_cefn_hengoed_sep_wales(client, school, leader, governor, leadership_client):
    """A Welsh community school's Strategic Equality Plan 2013-16, of which only the bilingual
    title page and the contents are known: entered through the pages (the plan's period, its
    title page in both languages, its objectives set out in appendices), published, and read back
    in English and in Welsh. The document-sharing site's header is not the school's."""
    plan = Period(2013, 9, 2016, 8)
    with time_machine.travel(datetime.datetime(2015, 5, 1, 9, tzinfo=datetime.UTC), tick=False):
        school_update(
            school=school,
            by=leader.user,
            name="Ysgol Gymunedol Cefn Hengoed Community School",
            nation="wales",
            publishes_in_welsh=True,
        )
        slug = school.slug
        started = leadership_client.post(
            reverse("publishing:period_add", kwargs={"school_slug": slug}),
            {"kind": "plan", "starts": "09/2013", "ends": "08/2016", "period_label": "2013-16"},
        )
        assert started.status_code == 302, started.content.decode()
        # The title page in both languages, its dates as written (a season, a month).
        edited = leadership_client.post(
            reverse("publishing:draft_edit", kwargs={"school_slug": slug, "year": plan}),
            {
                "kind": "plan",
                "period_label": "2013-16",
                "title": "Strategic Equality Plan",
                "title_cy": "Cynllun Cydraddoldeb Strategol",
                "adopted_when": "Established Spring 2015",
                "adopted_when_cy": "Gwanwyn a Sefydlwyd 2015",
                "review_when": "Next Review July 2016",
                "review_when_cy": "Adolygiad nesaf Gorffennaf 2016",
                "motto": "If you believe it, you can achieve it!",
                "motto_cy": "Credwch a gwnewch!",
            },
        )
        assert edited.status_code == 302, edited.content.decode()
        # Its objectives are in its appendices, which the portal cannot read: the school names
        # them on its set and says every protected characteristic has an objective or a reason.
        made = leadership_client.post(
            reverse("objectives:set_add", kwargs={"school_slug": slug}),
            {
                "title": "School Equality Objectives and Action Plan",
                "period_start": "1/9/2013",
                "period_end": "31/8/2016",
                "period_text": "2013-16",
                "in_document": "App. 2 School Equality Objectives and Action Plan; App. 3 "
                "Equality Objectives particularly relating to staff",
                "in_document_covers": list(Characteristic.values),
            },
        )
        assert made.status_code == 302, made.content.decode()
        # The contents as the school numbers it, with its page numbers, and the appendices.
        draft = StatementDraft.objects.get(school=school)
        rows = [
            ("1. Our school", "3"),
            ("1.1 Values", ""),
            ("1.2 Characteristics", ""),
            ("1.3 Mainstreaming equality into policy and practice", ""),
            ("1.4 Setting our equality objectives", ""),
            ("2. Responsibilities", "7"),
            ("2.1 Governing Body", ""),
            ("2.2 Senior Management Team", ""),
            ("2.3 Staff – teaching and non-teaching", ""),
            ("3. Information gathering and Engagement", "8"),
            ("3.1 Purpose and process", ""),
            ("3.2 Types of information gathered", ""),
            ("3.3 Engagement", ""),
            ("4. Equality Impact Assessment", "9"),
            ("5. Objectives and Action Plans", "9"),
            ("6. Publication and Reporting", "10"),
            ("7. Monitor and Review", "10"),
        ]
        appendices = [
            "App. 1 Regional Equality Objectives",
            "App. 2 School Equality Objectives and Action Plan",
            "App. 3 Equality Objectives particularly relating to staff",
            "App.4 School Accessibility Plan",
            "Appendix of Useful Website Addresses",
        ]
        table = "|  | Page |\n|---|---|\n" + "".join(
            f"| {entry} | {page} |\n" for entry, page in [*rows, *((a, "") for a in appendices)]
        )
        services.statement_sections_replace(
            draft=draft,
            by=leader.user,
            sections=[
                {
                    "kind": WRITTEN,
                    "heading": "Contents of our Strategic Equality Plan (SEP)",
                    "body": table,
                }
            ],
        )
        for number, appendix in enumerate(appendices, start=1):
            services.statement_attachment_add(
                draft=draft,
                by=leader.user,
                title=appendix,
                file_name=f"appendix-{number}.pdf",
                content=APPENDIX,
            )
        # Before publishing, the school is told (privately) the portal took its word.
        check = leadership_client.get(
            reverse("publishing:draft", kwargs={"school_slug": slug, "year": plan})
        ).content.decode()
        assert "The portal cannot read a document" in check
        publication = statement_approve_and_publish(
            draft=draft, governor=governor.user, leader=leader.user
        )
    english = public_texts(client, slug, plan)
    welsh = public_texts(client, slug, f"{plan.key}/cy")
    assert_faithful(
        english,
        [
            "Ysgol Gymunedol Cefn Hengoed Community School",
            "Strategic Equality Plan",
            "2013-16",
            "Established Spring 2015",
            "Next Review July 2016",
            "If you believe it, you can achieve it!",
            "Contents of our Strategic Equality Plan (SEP)",
            *(entry for entry, _ in rows),
            *appendices,
        ],
    )
    assert_faithful(
        welsh,
        [
            "Ysgol Gymunedol Cefn Hengoed Community School",
            "Cynllun Cydraddoldeb Strategol",
            "Gwanwyn a Sefydlwyd 2015",
            "Adolygiad nesaf Gorffennaf 2016",
            "Credwch a gwnewch!",
            # The contents were given in English only: shown in English on the Welsh page.
            "Contents of our Strategic Equality Plan (SEP)",
            "2.3 Staff – teaching and non-teaching",
            *appendices,
        ],
    )
    for where in ("page", "pdf"):
        assert squash("Strategic Equality Plan 2013-16") in english[where]
        assert squash("Cynllun Cydraddoldeb Strategol 2013-16") in welsh[where]
        # Each language says its own title page only.
        assert "credwch" not in english[where]
        assert "established spring" not in welsh[where]
    # The page numbers beside their sections, as the contents gives them.
    for entry, page in rows:
        if page:
            assert squash(f"<td>{entry}</td> <td>{page}</td>") in english["page"], entry
            assert squash(f"{entry} {page}") in english["pdf"], entry
    # The dates are printed as written, never turned into days; nothing of the host site.
    for texts in (english, welsh):
        for where, text in texts.items():
            for foreign in ("truongdang", "214 views", "transcript", "11-nov-2018", "1 july 2016"):
                assert foreign not in text, (where, foreign)
    assert publication.kind == "plan"
    assert publication.label == "2013-16"
    assert '"motto": "credwch a gwnewch!"' in welsh["json"]
