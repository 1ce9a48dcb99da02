"""Whatever a school types is shown as text, never run as markup: in the published page, the
portal's own pages and the PDF. Every free-text field of the evidence gets a script tag and a
spreadsheet formula; the statement is published; the public page must show them escaped, and
the PDF must carry the same characters as plain text."""

import io
import re

import pytest
from django.db import models
from django.utils.html import escape
from pypdf import PdfReader

from equality_portal.publishing import services
from tests.factories import ProgressUpdateFactory

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","Click")'


def payload(label: str) -> str:
    """What an attacker types, tagged with where it was typed."""
    return f"{SCRIPT} {label} {FORMULA}"


# Free text that also changes what a record is: a set with ``adopted_from`` is one the school
# adopts from its local authority, not its own, and this statement needs the school's own.
NOT_JUST_TEXT = {"adopted_from"}


def fill_free_text(records) -> None:
    """Put the payload in every free-text field (no choices, not a URL, email or slug) of each
    record, cut to the field's length. Straight into the database, as an import might."""
    for record in records:
        updates = {}
        for field in record._meta.concrete_fields:
            if field.name in NOT_JUST_TEXT:
                continue
            if type(field) in (models.CharField, models.TextField) and not field.choices:
                label = f"{record._meta.model_name}.{field.name}"
                updates[field.name] = payload(label)[: field.max_length or None]
        type(record).objects.filter(pk=record.pk).update(**updates)


@pytest.fixture
def hostile_draft(school, year, evidence, leader):
    """This year's draft, with hostile text in every field that reaches the statement."""
    objective = school.objective_sets.get().objectives.get()
    objective.actions.create(what="x", who="x", when="x")
    ProgressUpdateFactory(objective=objective, recorded_by=leader.user)
    fill_free_text(
        [
            *school.duty_actions.all(),
            *school.duty_analyses.all(),
            *school.duty_profiles.all(),
            *school.engagement_records.all(),
            *school.objective_sets.all(),
            objective,
            *objective.actions.all(),
            *objective.progress_updates.all(),
        ]
    )
    school.contact_email = "office@example.org"
    school.save()
    draft = services.statement_draft_get_or_create(school=school, year=year)
    services.statement_draft_update(
        draft=draft,
        by=leader.user,
        introduction=payload("draft.introduction"),
        equality_policy=f"{payload('draft.equality_policy')}\n\n- {payload('draft.bullet')}",
        accessibility_plan=payload("draft.accessibility_plan"),
    )
    return draft


@pytest.fixture
def hostile_statement(hostile_draft, publish):
    return publish(hostile_draft)


# The fields the statement is made of, by model and field name as fill_free_text tags them.
SHOWN_IN_THE_STATEMENT = [
    "action.title",
    "action.description",
    "engagementrecord.title",
    "engagementrecord.outcome",
    "objective.title",
    "equalityanalysis.subject",
    "equalityanalysis.screening_reason",
    "draft.introduction",
    "draft.equality_policy",
    "draft.bullet",
    "draft.accessibility_plan",
]


def test_the_public_page_shows_every_field_as_text(anonymous_client, hostile_statement, school):
    page = anonymous_client.get(f"/equality/{school.slug}/").content.decode()
    assert "<script>alert" not in page
    assert "<script" not in re.sub(r'<script src="[^"]+"></script>', "", page)
    for label in SHOWN_IN_THE_STATEMENT:
        assert escape(f"{SCRIPT} {label}") in page, f"{label} is missing or not escaped"
    assert "=HYPERLINK(" in page


@pytest.mark.parametrize(
    "page",
    [
        "statement/{year}/preview/",
        "statement/{year}/edit/",
        "duties/actions/{action}/",
        "duties/analyses/{analysis}/",
        "engagement/records/{engagement}/",
        "objectives/{objective}/",
        "objectives/sets/{objective_set}/",
    ],
)
def test_the_portals_pages_show_every_field_as_text(
    leadership_client, hostile_draft, school, year, page
):
    objective = school.objective_sets.get().objectives.get()
    path = page.format(
        year=year.label,
        action=school.duty_actions.first().pk,
        analysis=school.duty_analyses.get().pk,
        engagement=school.engagement_records.get().pk,
        objective=objective.pk,
        objective_set=objective.objective_set.pk,
    )
    response = leadership_client.get(f"/schools/{school.slug}/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert escape(SCRIPT) in html


def test_the_pdf_carries_the_characters_as_text(hostile_statement):
    pdf = PdfReader(io.BytesIO(bytes(hostile_statement.pdf)))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert payload("draft.introduction") in text
    for label in SHOWN_IN_THE_STATEMENT:
        assert f"{SCRIPT} {label}" in text, f"{label} is missing from the PDF"
