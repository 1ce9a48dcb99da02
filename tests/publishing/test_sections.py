"""The school's structure: its own title, its own sections in Markdown, in its order, with the
composed sections placed among them or left out; Markdown is inert in page, PDF and JSON."""

import json

from equality_portal.publishing import services
from equality_portal.publishing.models import SectionKind
from tests.publishing.public_text import public_texts, squash

HOSTILE = (
    "Our values\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2))\n\n"
    '<img src=x onerror="alert(3)">\n\n- one\n- two\n\n[our site](https://example.org/values)'
)


def test_the_school_sets_the_title_orders_its_sections_and_leaves_some_out(
    draft, publish, client, school
):
    services.statement_draft_update(draft=draft, by=None, title="Single Equality Scheme")
    services.statement_sections_replace(
        draft=draft,
        by=None,
        sections=[
            {"position": 2, "kind": SectionKind.OBJECTIVES, "heading": "Our targets"},
            {
                "position": 1,
                "kind": "written",
                "heading": "1. Our ethos",
                "body": "We **value**\nall",
            },
            {"position": 3, "kind": "written", "heading": "3. Monitoring", "body": "Termly."},
        ],
    )
    publication = publish(draft)
    texts = public_texts(client, school.slug, publication.year)
    page = texts["page"]
    assert "single equality scheme" in page
    assert page.index("1. our ethos") < page.index("our targets") < page.index("3. monitoring")
    assert "<strong>value</strong><br>" in page  # Markdown, with the school's line breaks
    assert 'id="general-duty"' not in page  # left out by the school
    assert 'id="contact"' not in page
    assert "our targets" in texts["pdf"]
    assert "1. our ethos" in texts["pdf"]
    json_url = f"/equality/{school.slug}/{publication.year}/statement.json"
    data = json.loads(client.get(json_url).content)
    assert data["title"] == "Single Equality Scheme"
    assert [s["kind"] for s in data["layout"]] == ["written", "objectives", "written"]
    # What the school left out is not in the data either: no actions, no staff headcount.
    assert "general_duty" not in data
    assert "incidents" not in data
    assert data["school"] == {
        "name": school.name,
        "suppression_threshold": school.suppression_threshold,
    }


def test_markdown_with_html_scripts_and_javascript_links_is_inert(draft, publish, client, school):
    services.statement_sections_replace(
        draft=draft,
        by=None,
        sections=[{"position": 1, "kind": "written", "heading": "Values", "body": HOSTILE}],
    )
    publication = publish(draft)
    page = client.get(f"/equality/{school.slug}/{publication.year}/").content.decode()
    body = page[page.index('class="statement"') : page.index("</article>")]
    assert "<script>alert" not in body
    assert "<img" not in body
    assert "&lt;img src=x onerror" in body  # shown as typed
    assert "javascript:" not in body.replace("(javascript:alert(2))", "")
    assert 'href="javascript' not in body
    assert '<a href="https://example.org/values"' in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # shown as typed
    data = client.get(f"/equality/{school.slug}/{publication.year}/statement.json").content.decode()
    assert "<script>" not in json.loads(data)["layout"][0]["html"]
    assert 'href=\\"javascript' not in data
    texts = public_texts(client, school.slug, publication.year)
    assert "our values" in texts["pdf"]
    assert "one" in texts["pdf"]


def test_a_written_section_needs_text(leadership_client, school, year):
    url = f"/schools/{school.slug}/statement/{year}/sections/"
    page = leadership_client.get(url)
    assert page.status_code == 200
    form = page.context["formset"]
    data = {
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "0",
        "sections-0-position": "1",
        "sections-0-kind": "written",
        "sections-0-heading": "Our values, in words we will write later",
        "sections-0-body": "",
    }
    response = leadership_client.post(url, data)
    assert response.status_code == 200
    assert "Write the section, or remove it." in response.content.decode()
    assert "in words we will write later" in response.content.decode()  # nothing lost
    assert len(form.forms) == 13  # the usual eleven sections suggested, and two blank


def test_the_sections_page_saves_the_suggested_order_and_a_new_section(
    leadership_client, school, year
):
    url = f"/schools/{school.slug}/statement/{year}/sections/"
    formset = leadership_client.get(url).context["formset"]
    data = {"sections-TOTAL_FORMS": "3", "sections-INITIAL_FORMS": "0"}
    for number, form in enumerate(formset.forms[:2]):
        data[f"sections-{number}-position"] = str(form.initial["position"])
        data[f"sections-{number}-kind"] = form.initial["kind"]
    data["sections-1-DELETE"] = "on"
    data.update(
        {
            "sections-2-position": "5",
            "sections-2-kind": "written",
            "sections-2-heading": "Our principles",
            "sections-2-body": "Everyone is welcome.",
        }
    )
    response = leadership_client.post(url, data)
    assert response.status_code == 302
    draft = services.statement_draft_get_or_create(school=school, year=year)
    assert [(s.kind, s.heading) for s in draft.sections.all()] == [
        ("written", "Our principles"),
        ("school", ""),
    ]


def test_a_placed_section_with_nothing_to_show_is_advice_on_the_draft_page(
    leadership_client, school, year
):
    draft = services.statement_draft_get_or_create(school=school, year=year)
    services.statement_sections_replace(
        draft=draft, by=None, sections=[{"position": 1, "kind": SectionKind.INCIDENTS}]
    )
    response = leadership_client.get(f"/schools/{school.slug}/statement/{year}/")
    page = squash(response.content.decode())
    assert "left out of the published statement" in page
    assert "prejudice-related incidents (summary)" in page


def test_an_objectives_success_criteria_keep_the_schools_bullets():
    from django.template.loader import render_to_string

    objective = {"number": 1, "title": "Tolerance", "status": "Planned"}
    objective["success_criteria"] = "Children:\n- are kind\n- are considerate"
    html = render_to_string(
        "publishing/sections/objectives.html",
        {"statement": {"objectives": {"set": {"title": "Objectives"}, "objectives": [objective]}}},
    )
    assert "<li>are kind</li>" in html
    assert "<li>are considerate</li>" in html


def test_the_schools_summary_opens_the_page_and_the_pdf_and_is_in_the_json(
    draft, publish, client, school, year
):
    written = "We are an inclusive school: here is what we found this year and what we will do."
    services.statement_draft_update(draft=draft, by=None, summary=written)
    summary = squash(written)
    publish(draft)
    texts = public_texts(client, school.slug, year)
    assert summary in texts["json"]
    assert summary in texts["pdf"]
    page = texts["page"]
    # At the top: under the title, before the contents and the statement itself.
    assert page.index(squash("Equality information")) < page.index(summary)
    assert page.index(summary) < page.index(squash("Contents"))
