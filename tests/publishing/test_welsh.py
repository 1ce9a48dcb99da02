"""A school that publishes in Welsh as well as English: its texts in both languages, the public
page, PDF and JSON in both, the portal's own words in Welsh, and advice on texts left in one."""

import gettext
import io
import json
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from equality_portal import dates
from equality_portal.publishing import services
from equality_portal.publishing.compliance import texts_in_both_languages
from equality_portal.publishing.models import Publication, SectionKind
from objectives.models import Objective
from tests.publishing.test_pdf import pdfua_problems

WELSH_TITLE = "Gwybodaeth ac amcanion cydraddoldeb Ysgol y Prawf"
WELSH_SUMMARY = "Rydym yn croesawu pawb ac yn dathlu gwahaniaeth."
WELSH_BODY = "Mae ein hysgol yn ysgol gynhwysol."
WELSH_OBJECTIVE = "Cau'r bwlch mewn darllen"
WELSH_ACTION = "Mentora ym Mlwyddyn 10"


@pytest.fixture
def bilingual_draft(draft, school):
    school.publishes_in_welsh = True
    school.save()
    services.statement_draft_update(
        draft=draft,
        by=None,
        title="Equality information and objectives of Test School",
        title_cy=WELSH_TITLE,
        summary="We welcome everyone and celebrate difference.",
        summary_cy=WELSH_SUMMARY,
    )
    services.statement_sections_replace(
        draft=draft,
        by=None,
        sections=[
            {
                "kind": SectionKind.WRITTEN,
                "heading": "Our school",
                "heading_cy": "Ein hysgol",
                "body": "Our school is an inclusive school.",
                "body_cy": WELSH_BODY,
            },
            {"kind": SectionKind.GENERAL_DUTY},
            {"kind": SectionKind.OBJECTIVES},
            {"kind": SectionKind.ACCESSIBILITY_PLAN},
            {"kind": SectionKind.CONTACT},
        ],
    )
    objective = Objective.objects.get(objective_set__school=school)
    objective.title_cy = WELSH_OBJECTIVE
    objective.save()
    objective.actions.create(what="Mentoring for Year 10", what_cy=WELSH_ACTION)
    objective.actions.create(what="Reading club")
    return draft


def test_bilingual_statement_is_public_in_welsh_and_english(
    bilingual_draft, publish, anonymous_client, school, year, tmp_path
):
    publication = publish(bilingual_draft)
    english = anonymous_client.get(reverse("public:latest", args=[school.slug]))
    welsh = anonymous_client.get(reverse("public:latest_cy", args=[school.slug]))
    assert english.status_code == welsh.status_code == HTTPStatus.OK
    english_page, welsh_page = english.content.decode(), welsh.content.decode()

    assert '<html lang="en-GB">' in english_page
    assert '<html lang="cy">' in welsh_page
    assert welsh["Content-Language"] == "cy"
    for page in (english_page, welsh_page):
        assert f'<link rel="alternate" hreflang="en-GB" href="/equality/{school.slug}/">' in page
        assert f'<link rel="alternate" hreflang="cy" href="/equality/{school.slug}/cy/">' in page
    # The switch links to the other language, naming it in its own language.
    assert f'href="/equality/{school.slug}/cy/" hreflang="cy" lang="cy">Cymraeg</a>' in english_page
    assert f'href="/equality/{school.slug}/" hreflang="en-GB" lang="en-GB">English</a>' in (
        welsh_page
    )

    # The school's words in each language, and the portal's own in Welsh.
    assert WELSH_TITLE in welsh_page
    assert WELSH_TITLE not in english_page
    assert WELSH_SUMMARY in welsh_page
    assert "We welcome everyone" not in welsh_page
    assert WELSH_BODY in welsh_page
    assert "Ein hysgol" in welsh_page
    assert "Our school is an inclusive school." in english_page
    assert "Lawrlwytho fel PDF" in welsh_page
    assert "Download as PDF" in english_page
    # A text given in English only (the accessibility plan) is in English, marked so.
    assert '<div lang="en"><p>Our plan improves access' in welsh_page
    assert WELSH_OBJECTIVE.replace("'", "&#x27;") in welsh_page
    assert WELSH_ACTION in welsh_page
    assert '<td lang="en">Reading club</td>' in welsh_page

    pdf_url = reverse("public:version_pdf_cy", args=[school.slug, year, publication.version])
    assert f'href="{pdf_url}"' in welsh_page
    pdf_bytes = anonymous_client.get(pdf_url).content
    pdf = PdfReader(io.BytesIO(pdf_bytes))
    assert pdf.trailer["/Root"]["/Lang"] == "cy"
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert WELSH_BODY in text
    assert "Tudalen 2 o" in text
    assert pdfua_problems(pdf_bytes, tmp_path) == []
    english_pdf = PdfReader(io.BytesIO(bytes(Publication.objects.get().pdf)))
    assert english_pdf.trailer["/Root"]["/Lang"] == "en-GB"

    data = json.loads(
        anonymous_client.get(reverse("public:json_cy", args=[school.slug, year])).content
    )
    assert data["language"] == "cy"
    assert data["title"] == WELSH_TITLE
    assert data["summary"] == WELSH_SUMMARY
    assert data["in_english"] == ["accessibility_plan"]
    english_data = json.loads(
        anonymous_client.get(reverse("public:json", args=[school.slug, year])).content
    )
    assert english_data["summary"] == "We welcome everyone and celebrate difference."
    assert "language" not in english_data


def test_an_english_only_statement_has_no_welsh_pages(draft, publish, anonymous_client, school):
    publish(draft)
    page = anonymous_client.get(reverse("public:latest", args=[school.slug])).content.decode()
    assert "hreflang" not in page
    assert "/cy/" not in page
    response = anonymous_client.get(reverse("public:latest_cy", args=[school.slug]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_missing_translation_is_shown_to_the_school(
    bilingual_draft, leadership_client, leader, school, year
):
    services.statement_draft_update(
        draft=bilingual_draft, by=None, introduction_cy="", introduction="Our introduction."
    )
    [check] = texts_in_both_languages(school=school, year=year, today=dates.today())
    assert check.needs_attention
    assert not check.is_error
    assert "Introduction: English only" in check.summary
    assert "Accessibility plan summary: English only" in check.summary
    assert "Title" not in check.summary  # given in both
    number = Objective.objects.get().number
    assert f"Objective {number}, action 2: English only" in check.summary
    assert f"Objective {number}:" not in check.summary  # its wording is in both

    preview = leadership_client.get(
        reverse("publishing:preview", args=[school.slug, year])
    ).content.decode()
    assert "Given in one language only" in preview
    assert "Introduction: English only" in preview
    draft_page = leadership_client.get(
        reverse("publishing:draft", args=[school.slug, year])
    ).content.decode()
    assert "Introduction: English only" in draft_page

    # Advice, not a gate: the statement is published once the advice is confirmed.
    version = services.statement_submit(draft=bilingual_draft, by=leader.user)
    assert "texts_in_both_languages" in [advice["key"] for advice in version.advice]
    assert not version.errors
    # Governors can read the version they decide on in Welsh as well.
    version_url = reverse("publishing:version", args=[school.slug, year, version.number])
    assert "In Welsh, as a PDF" in leadership_client.get(version_url).content.decode()
    pdf_url = reverse("publishing:version_pdf", args=[school.slug, year, version.number])
    welsh_pdf = PdfReader(io.BytesIO(leadership_client.get(f"{pdf_url}?lang=cy").content))
    assert welsh_pdf.trailer["/Root"]["/Lang"] == "cy"


def test_the_title_page_dates_and_motto_in_each_language(
    bilingual_draft, publish, anonymous_client, school, year
):
    """Dates as the school writes them ("Established Spring 2015") and a motto, each in both
    languages; a line given in English only stays English on the Welsh page, marked so, and the
    school is told."""
    services.statement_draft_update(
        draft=bilingual_draft,
        by=None,
        adopted_when="Established Spring 2015",
        adopted_when_cy="Gwanwyn a Sefydlwyd 2015",
        review_when="Next Review July 2016",
        motto="If you believe it, you can achieve it!",
        motto_cy="Credwch a gwnewch!",
    )
    [check] = texts_in_both_languages(school=school, year=year, today=dates.today())
    assert "Its next review: English only" in check.summary
    assert "When it was adopted" not in check.summary
    assert "Motto" not in check.summary
    publish(bilingual_draft)
    english = anonymous_client.get(reverse("public:latest", args=[school.slug])).content.decode()
    welsh = anonymous_client.get(reverse("public:latest_cy", args=[school.slug])).content.decode()
    assert '<p class="statement-dates mb-1">Established Spring 2015</p>' in english
    assert '<p class="statement-motto">If you believe it, you can achieve it!</p>' in english
    assert "Credwch" not in english
    assert '<p class="statement-dates mb-1">Gwanwyn a Sefydlwyd 2015</p>' in welsh
    assert '<p class="statement-dates mb-1" lang="en">Next Review July 2016</p>' in welsh
    assert '<p class="statement-motto">Credwch a gwnewch!</p>' in welsh
    assert "Established Spring" not in welsh
    data = json.loads(
        anonymous_client.get(reverse("public:json_cy", args=[school.slug, year])).content
    )
    assert data["dates"] == ["Gwanwyn a Sefydlwyd 2015", "Next Review July 2016"]
    assert data["dates_in_english"] == ["Next Review July 2016"]
    assert data["motto"] == "Credwch a gwnewch!"


def test_english_only_schools_get_no_translation_advice(draft, school, year):
    assert texts_in_both_languages(school=school, year=year, today=dates.today()) == []


def test_the_welsh_fields_are_shown_beside_the_english_only_for_a_welsh_publisher(
    draft, leadership_client, school, year
):
    url = reverse("publishing:draft_edit", args=[school.slug, year])
    assert "summary_cy" not in leadership_client.get(url).content.decode()
    school.publishes_in_welsh = True
    school.save()
    page = leadership_client.get(url).content.decode()
    assert page.index('name="summary"') < page.index('name="summary_cy"')
    assert re.search(
        r'<textarea[^>]*name="summary_cy"[^>]*lang="cy"|lang="cy"[^>]*name="summary_cy"', page
    )
    sections = leadership_client.get(
        reverse("publishing:draft_sections", args=[school.slug, year])
    ).content.decode()
    assert 'name="sections-0-body_cy"' in sections


def _po_entries(path: Path) -> dict[str, str]:
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n")[1:]:
        found = re.search(r'msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', block)
        assert found, block
        msgid, msgstr = ("".join(re.findall(r'"(.*)"', part)) for part in found.groups())
        entries[msgid.replace('\\"', '"')] = msgstr.replace('\\"', '"')
        assert "# Needs review by a Welsh speaker." in block, block
        assert "#, fuzzy" not in block, block
    return entries


def test_cy_locale_translates_public_interface_strings():
    po = Path(settings.LOCALE_PATHS[0]) / "cy" / "LC_MESSAGES" / "django.po"
    entries = _po_entries(po)
    assert all(entries.values()), [key for key, value in entries.items() if not value]
    # The compiled catalogue Django reads is the .po's: compile again after editing it.
    with open(po.with_suffix(".mo"), "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    assert {key: catalogue.gettext(key) for key in entries} == entries
    with translation.override("cy"):
        assert translation.gettext("Download as PDF") == "Lawrlwytho fel PDF"
        assert translation.gettext("Our equality objectives") == "Ein hamcanion cydraddoldeb"
    with translation.override("en-gb"):
        assert translation.gettext("Download as PDF") == "Download as PDF"
