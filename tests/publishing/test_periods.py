"""Other periods than an academic year: a plan over several years, a calendar or financial year
(issue 14, point 4). The kind of publication and its period are the statement's own."""

import datetime
import json
from http import HTTPStatus

import time_machine
from django.urls import reverse

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.dates import add_months
from equality_portal.core.periods import Period
from equality_portal.publishing import services
from equality_portal.publishing.models import StatementDraft
from equality_portal.publishing.selectors import statement_next_due
from tests.factories import (
    ActionFactory,
    EqualityAnalysisFactory,
    ObjectiveFactory,
    statement_approve_and_publish,
)
from tests.publishing.public_text import public_texts, squash

D = datetime.date
MOMENT = datetime.datetime(2026, 1, 15, 10, tzinfo=datetime.UTC)


def _public_json(client, school, period):
    response = client.get(f"/equality/{school.slug}/{period.key}/statement.json")
    assert response.status_code == HTTPStatus.OK
    return json.loads(response.content)


def test_a_plan_for_2024_2028_can_be_prepared_and_published(
    leadership_client, anonymous_client, school, governor, leader
):
    with time_machine.travel(MOMENT, tick=False):
        school.contact_email = "office@example.org"
        school.save()
        # Leadership start a plan over four years from the statements' page, in the school's
        # words for its period.
        response = leadership_client.post(
            reverse("publishing:period_add", kwargs={"school_slug": school.slug}),
            {
                "kind": "plan",
                "starts": "September 2024",
                "ends": "08/2028",
                "period_label": "2024-2028",
            },
        )
        plan = Period(2024, 9, 2028, 8)
        assert response.status_code == HTTPStatus.FOUND, response.content.decode()
        assert response["Location"].endswith(f"/{plan.key}/")
        draft = StatementDraft.objects.get(school=school)
        assert (draft.kind, draft.period, draft.label) == ("plan", plan, "2024-2028")
        assert leadership_client.get(response["Location"]).status_code == HTTPStatus.OK
        # Evidence of every academic year the plan covers reaches it; earlier evidence does not.
        ActionFactory(school=school, academic_year=2025, title="Anti-bullying ambassadors")
        ActionFactory(school=school, academic_year=2023, title="An action of 2023-24")
        ObjectiveFactory(objective_set__school=school, measured=True)
        services.statement_draft_update(draft=draft, by=leader.user, title="Equality Plan")
        publication = statement_approve_and_publish(
            draft=draft, governor=governor.user, leader=leader.user
        )
        assert publication.period == plan
        assert publication.kind == "plan"
        page = anonymous_client.get(f"/equality/{school.slug}/{plan.key}/").content.decode()
        assert "Equality Plan 2024-2028" in page
        assert "Anti-bullying ambassadors" in page
        assert "An action of 2023-24" not in page
        data = _public_json(anonymous_client, school, plan)
        assert data["kind"] == "plan"
        assert data["period"] == {
            "label": "2024-2028",
            "start": "2024-09-01",
            "end": "2028-08-31",
            "kind": "months",
        }
        pdf = anonymous_client.get(f"/equality/{school.slug}/{plan.key}/statement.pdf")
        assert pdf["Content-Type"] == "application/pdf"
        # The latest statement is the plan, and the twelve-month clock runs from its publication.
        assert "Equality Plan 2024-2028" in (
            anonymous_client.get(f"/equality/{school.slug}/").content.decode()
        )
        assert statement_next_due(school=school) == add_months(dates.today(), 12)


def test_a_report_for_a_financial_year_reaches_the_evidence_dated_in_it(
    anonymous_client, school, governor, leader
):
    with time_machine.travel(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC), tick=False):
        school.contact_email = "office@example.org"
        school.save()
        year = Period.financial_year(2025)
        EqualityAnalysisFactory(school=school, analysed_on=D(2025, 4, 2), subject="Lettings")
        EqualityAnalysisFactory(school=school, analysed_on=D(2025, 3, 31), subject="Uniform")
        ObjectiveFactory(objective_set__school=school, measured=True)
        draft = services.statement_draft_get_or_create(
            school=school, year=year, kind="annual_report"
        )
        publication = statement_approve_and_publish(
            draft=draft, governor=governor.user, leader=leader.user
        )
        assert publication.label == "2025-26 financial year"
        data = _public_json(anonymous_client, school, year)
        assert data["kind"] == "annual_report"
        assert (data["period"]["start"], data["period"]["end"]) == ("2025-04-01", "2026-03-31")
        subjects = [analysis["subject"] for analysis in data["analyses"]["analyses"]]
        assert subjects == ["Lettings"]
        assert "academic_year" not in data


def test_a_calendar_year_statement_published_late_restarts_the_twelve_month_clock(
    school, governor, leader
):
    with time_machine.travel(MOMENT, tick=False):
        # The 2024-25 statement was published a year ago; today the school publishes its report
        # for the calendar year 2024, which restarts the clock though its period is earlier.
        with dates.as_of(dates.now() - datetime.timedelta(days=300)):
            ObjectiveFactory(objective_set__school=school, measured=True)
            academic = services.statement_draft_get_or_create(
                school=school, year=AcademicYear(2024)
            )
            statement_approve_and_publish(
                draft=academic, governor=governor.user, leader=leader.user
            )
        calendar = services.statement_draft_get_or_create(
            school=school, year=Period.calendar_year(2024)
        )
        assert calendar.period.key == "2024"
        statement_approve_and_publish(draft=calendar, governor=governor.user, leader=leader.user)
        assert statement_next_due(school=school) == add_months(dates.today(), 12)


def test_a_period_is_given_to_the_month_and_odd_periods_are_refused(
    leadership_client, anonymous_client, school
):
    home = reverse("publishing:period_add", kwargs={"school_slug": school.slug})
    response = leadership_client.post(
        home, {"kind": "plan", "starts": "Spring 2015", "ends": "July 2016"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Enter the month, for example April 2024 or 04/2024." in response.content.decode()
    response = leadership_client.post(
        home, {"kind": "plan", "starts": "July 2016", "ends": "April 2015"}
    )
    assert "The period must end after it starts." in response.content.decode()
    response = leadership_client.post(
        home, {"kind": "plan", "starts": "March 2005", "ends": "April 2008"}
    )
    assert "starting from September 2011" in response.content.decode()
    assert not StatementDraft.objects.exists()
    # Addresses that are no period are not found, never an error.
    for key in ("2024-13-to-2025-01", "2025-01-to-2024-01", "0000", "2024-04-to-9999-01"):
        url = f"/schools/{school.slug}/statement/{key}/"
        assert leadership_client.get(url).status_code == HTTPStatus.NOT_FOUND, key
        assert anonymous_client.get(f"/equality/{school.slug}/{key}/").status_code == 404


def test_an_academic_year_keeps_its_address():
    assert Period.from_key("2024-25") == Period.academic(AcademicYear(2024))
    assert Period.academic(2024).key == "2024-25"
    assert Period.from_key("2024") == Period(2024, 1, 2024, 12)
    assert Period(2013, 9, 2016, 8).label == "2013-2016"
    assert Period(2020, 11, 2024, 7).label == "November 2020 to July 2024"
    assert [year.label for year in Period.calendar_year(2024).academic_years] == [
        "2023-24",
        "2024-25",
    ]


def test_month_only_dates_are_published_as_the_school_gives_them(
    leadership_client, client, school, governor, leader
):
    with time_machine.travel(datetime.datetime(2016, 2, 1, 10, tzinfo=datetime.UTC), tick=False):
        year = Period.academic(2015)
        ObjectiveFactory(objective_set__school=school, measured=True)
        response = leadership_client.post(
            reverse("publishing:draft_edit", kwargs={"school_slug": school.slug, "year": year}),
            {
                "kind": "statement",
                "period_label": "",
                "title": "Single Equality Scheme",
                "adopted_when": "Established Spring 2015",
                "review_when": "Next review July 2016",
            },
        )
        assert response.status_code == HTTPStatus.FOUND, response.content.decode()
        draft = StatementDraft.objects.get(school=school)
        publication = statement_approve_and_publish(
            draft=draft, governor=governor.user, leader=leader.user
        )
    texts = public_texts(client, school.slug, publication.period.key)
    for where, text in texts.items():
        assert squash("Established Spring 2015") in text, where
        assert squash("Next review July 2016") in text, where
        assert "1 july 2016" not in text, where
