"""Carry forward: a new statement starts from the last one (issue 14, point 5)."""

from http import HTTPStatus

from django.urls import reverse

from duties.models import Action
from equality_portal.core.academic_year import AcademicYear
from equality_portal.publishing import services
from equality_portal.publishing.models import CarryForward
from tests.factories import ActionFactory, ObjectiveFactory


def draft_url(name, school, year):
    return reverse(f"publishing:{name}", kwargs={"school_slug": school.slug, "year": year})


def test_starting_from_the_last_statement_brings_its_text_actions_and_objectives_for_review(
    leadership_client, school, leader
):
    this_year = AcademicYear.current()
    last_year = this_year.previous()
    last = services.statement_draft_get_or_create(school=school, year=last_year)
    services.statement_draft_update(
        draft=last,
        by=leader.user,
        introduction="At our school everyone belongs.",
        accessibility_plan="Our plan improves access to the site.",
    )
    ActionFactory(school=school, academic_year=last_year.start_year, title="Weekly nurture group")
    ActionFactory(
        school=school,
        academic_year=last_year.start_year,
        title="Black History Month assembly",
        term="autumn",
    )
    ObjectiveFactory(objective_set__school=school, title="Close the reading gap", measured=True)

    page = leadership_client.get(draft_url("draft", school, this_year)).content.decode()
    assert f"Start from the {last_year.label} statement" in page
    response = leadership_client.post(draft_url("carry_forward", school, this_year))
    assert response.status_code == HTTPStatus.FOUND

    draft = services.statement_draft_get_or_create(school=school, year=this_year)
    assert draft.introduction == "At our school everyone belongs."
    assert draft.accessibility_plan == "Our plan improves access to the site."
    # The ongoing action comes across without its evidence; the one-term action does not.
    titles = set(
        Action.objects.filter(school=school, academic_year=this_year.start_year).values_list(
            "title", flat=True
        )
    )
    assert titles == {"Weekly nurture group"}
    carried = CarryForward.objects.get(draft=draft)
    assert carried.needs_review
    page = leadership_client.get(draft_url("draft", school, this_year)).content.decode()
    assert f"Carried forward from the {last_year.label} statement: review it" in page
    assert "Weekly nurture group" in page
    # The objective set in force comes across with its measures, named for review.
    assert carried.objective_set.startswith("Equality objectives")
    assert carried.objective_set in page

    # Once reviewed, the mark goes; starting again is refused, nothing is copied twice.
    leadership_client.post(draft_url("carry_forward_reviewed", school, this_year))
    carried.refresh_from_db()
    assert not carried.needs_review
    leadership_client.post(draft_url("carry_forward", school, this_year))
    assert Action.objects.filter(school=school, academic_year=this_year.start_year).count() == 1


def test_there_is_nothing_to_carry_forward_without_an_earlier_statement(leadership_client, school):
    year = AcademicYear.current()
    page = leadership_client.get(draft_url("draft", school, year)).content.decode()
    assert "Start from the" not in page
    response = leadership_client.post(draft_url("carry_forward", school, year), follow=True)
    assert "There is no earlier statement to start from." in response.content.decode()
    assert not CarryForward.objects.exists()


def test_governors_cannot_carry_forward(governor_client, school):
    year = AcademicYear.current()
    response = governor_client.post(draft_url("carry_forward", school, year))
    assert response.status_code == HTTPStatus.FORBIDDEN
