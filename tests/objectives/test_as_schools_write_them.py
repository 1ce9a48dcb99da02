"""Objectives as schools write them (issue 14, point 7)."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from duties.models import OutcomeMeasure
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Severity, Status
from equality_portal.publishing import services as publishing
from objectives.compliance import objective_period_within_four_years
from objectives.models import ActionStatus, ObjectiveSet
from tests.factories import (
    ObjectiveFactory,
    ObjectiveSetFactory,
    statement_approve_and_publish,
    statement_published_create,
)

D = datetime.date


def url(name, school, **kwargs):
    return reverse(f"objectives:{name}", kwargs={"school_slug": school.slug, **kwargs})


@pytest.fixture
def objective(school):
    objective_set = ObjectiveSetFactory(school=school, title="Equality objectives 2024-2028")
    return ObjectiveFactory(objective_set=objective_set, number=1, measured=True)


def republish(school, governor, leader):
    draft = publishing.statement_draft_get_or_create(school=school, year=AcademicYear.current())
    return statement_approve_and_publish(
        draft=draft, governor=governor.user, leader=leader.user, correction_note="Updated."
    )


def management(total, initial):
    return {
        "actions-TOTAL_FORMS": str(total),
        "actions-INITIAL_FORMS": str(initial),
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
    }


def row(index, **fields):
    return {f"actions-{index}-{name}": value for name, value in fields.items()}


def test_the_action_plan_is_edited_several_rows_at_a_time(equality_lead_client, school, objective):
    page = equality_lead_client.get(url("action_plan", school, pk=objective.pk))
    assert page.status_code == HTTPStatus.OK
    assert page.content.decode().count('name="actions-') >= 3 * 5
    response = equality_lead_client.post(
        url("action_plan", school, pk=objective.pk),
        management(3, 0)
        | row(
            0,
            what="Audit clubs",
            who="SENCo",
            when="Autumn 2025",
            success_criteria="Every club has SEND members",
            status="in_progress",
        )
        | row(1, what="Train staff", who="Deputy head", when="Spring 2026", status="not_started")
        | row(2, what="", who="", when="", success_criteria="", status="not_started"),
    )
    assert response.status_code == HTTPStatus.FOUND
    actions = list(objective.actions.all())
    assert [a.what for a in actions] == ["Audit clubs", "Train staff"]
    assert actions[0].success_criteria == "Every club has SEND members"
    assert actions[0].get_status_display() == "In progress"
    # Change one row and remove the other, in one post.
    response = equality_lead_client.post(
        url("action_plan", school, pk=objective.pk),
        management(2, 2)
        | row(0, id=actions[0].pk, what="Audit clubs", who="SENCo", when="Autumn 2025")
        | {"actions-0-status": "done", "actions-0-success_criteria": "Done"}
        | row(1, id=actions[1].pk, what="Train staff", who="Deputy head", when="Spring 2026")
        | {"actions-1-status": "not_started", "actions-1-DELETE": "on"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert [(a.what, a.status) for a in objective.actions.all()] == [
        ("Audit clubs", ActionStatus.DONE)
    ]


def test_a_bad_row_is_shown_beside_it_and_nothing_is_saved(equality_lead_client, school, objective):
    response = equality_lead_client.post(
        url("action_plan", school, pk=objective.pk),
        management(2, 0)
        | row(0, what="Audit clubs", who="SENCo", when="Autumn 2025", status="not_started")
        | row(1, what="", who="Someone", when="Soon", status="not_started"),
    )
    assert response.status_code == HTTPStatus.OK
    assert "This field is required." in response.content.decode()
    assert not objective.actions.exists()


def test_the_action_plan_is_published_as_a_table(anonymous_client, school, governor, leader):
    statement_published_create(school=school, governor=governor.user, leader=leader.user)
    objective = ObjectiveSet.objects.get(school=school).objectives.get()
    objective.actions.create(
        what="Audit clubs",
        who="SENCo",
        when="Autumn 2025",
        success_criteria="Every club has SEND members",
        status=ActionStatus.ONGOING,
    )
    republish(school, governor, leader)
    page = anonymous_client.get(f"/equality/{school.slug}/").content.decode()
    assert "<caption>Action plan for objective" in page
    assert "<td>SENCo</td>" in page
    assert "<td>Autumn 2025</td>" in page
    assert "<td>Every club has SEND members</td>" in page
    assert "<td>Ongoing</td>" in page


def test_a_whole_school_objective_with_a_baseline_and_a_qualitative_target_is_published(
    anonymous_client, equality_lead_client, school, governor, leader
):
    statement_published_create(school=school, governor=governor.user, leader=leader.user)
    objective_set = ObjectiveSet.objects.get(school=school)
    response = equality_lead_client.post(
        url("objective_add", school, set_pk=objective_set.pk),
        {
            "number": "2",
            "title": "Every pupil feels they belong",
            "measure": "Pupils saying they belong, in the survey",
            "unit": "%",
            "baseline_value": "81",
            "baseline_date": "2024-09-01",
            "target_text": "Most pupils in every group say they belong",
            "target_date": "2027-07-31",
            "status": "planned",
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()
    republish(school, governor, leader)
    page = anonymous_client.get(f"/equality/{school.slug}/").content.decode()
    assert "Every pupil feels they belong" in page
    assert "81% (1 September 2024)" in page
    assert "Most pupils in every group say they belong" in page


def test_a_set_longer_than_four_years_is_accepted_with_advice(equality_lead_client, school):
    response = equality_lead_client.post(
        url("set_add", school),
        {
            "title": "Equality objectives 2023-2028",
            "period_start": "2023-09-01",
            "period_end": "2028-08-31",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    objective_set = ObjectiveSet.objects.get(school=school)
    ObjectiveFactory(objective_set=objective_set, measured=True)
    year = AcademicYear.containing(D(2025, 1, 1))
    check = objective_period_within_four_years(school=school, year=year, today=D(2025, 1, 1))
    assert check.status == Status.MISSING
    assert check.severity == Severity.ADVICE
    assert "longer than four years" in check.summary


def test_a_measure_may_concern_one_group_without_a_comparison(
    leadership_client, governor_client, school
):
    add = reverse("duties:outcome_add", kwargs={"school_slug": school.slug})
    fields = {
        "academic_year": "2024",
        "term": "",
        "measure": "attendance",
        "description": "Attendance",
        "unit": "percent",
        "group": "Pupils with an EHCP",
        "group_size": "14",
        "group_value": "91.5",
    }
    response = leadership_client.post(add, fields | {"comparison_group": "All pupils"})
    assert "Give the comparison group&#x27;s value, or leave its name empty." in (
        response.content.decode()
    )
    response = leadership_client.post(add, fields)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    measure = OutcomeMeasure.objects.get(school=school)
    assert measure.comparison_value is None
    assert measure.difference is None
    page = governor_client.get(
        reverse("duties:monitoring", kwargs={"school_slug": school.slug})
    ).content.decode()
    assert "Pupils with an EHCP" in page
