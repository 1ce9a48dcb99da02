"""The published PDF is tagged PDF/UA-1: structure tree, title, language, headings, headers."""

import io

import pdfua
import pytest
from pypdf import PdfReader

from duties.models import PopulationProfile
from equality_portal.publishing.models import Publication
from tests.factories import ProfileFigureFactory


@pytest.fixture
def pdf(draft, publish):
    # Figures, so the statement has a table with column and row headers (an empty profile's
    # section is left out of the statement).
    profile = PopulationProfile.objects.get(school=draft.school)
    ProfileFigureFactory(profile=profile, category="female", count=100)
    ProfileFigureFactory(profile=profile, category="male", count=90)
    return PdfReader(io.BytesIO(bytes(publish(draft).pdf)))


def structure_types(node, found=None):
    found = found if found is not None else []
    node = node.get_object()
    if "/S" in node:
        found.append((node["/S"], node))
    kids = node.get("/K")
    if kids is None:
        return found
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get") and kid.get("/Type") != "/MCR" and ("/K" in kid or "/S" in kid):
            structure_types(kid, found)
    return found


def test_the_pdf_is_tagged_with_title_and_language(pdf, draft):
    catalog = pdf.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    title = f"Equality information and objectives {draft.year.label}: {draft.school.name}"
    assert pdf.metadata.title == title  # the statement's title (the school's, or this default)
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()


def test_headings_are_marked_in_order(pdf):
    types = [kind for kind, _ in structure_types(pdf.trailer["/Root"]["/StructTreeRoot"])]
    headings = [kind for kind in types if kind in ("/H1", "/H2", "/H3")]
    assert headings[0] == "/H1"
    assert headings.count("/H1") == 1
    assert "/H2" in headings
    assert "/H3" in headings  # the three aims


def test_the_statement_text_is_in_the_pdf(pdf, draft):
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert draft.school.name in text
    assert "Foster good relations" in text
    assert "We welcome <everyone> & celebrate difference." in text
    assert "Page 2 of" in text  # the cover, page 1, has no footer


def pdfua_problems(pdf_bytes: bytes, tmp_path) -> list[str]:
    """What `pdfua check` finds in a PDF: every error, and the table-structure warnings."""
    path = tmp_path / "statement.pdf"
    path.write_bytes(pdf_bytes)
    report = pdfua.validate(str(path))
    return [
        f"{finding.rule_id} {finding.severity.name}: {finding.message}"
        for finding in report.findings
        if finding.severity >= pdfua.Severity.ERROR or finding.rule_id == "UA-15-003"
    ]


def test_the_pdf_has_a_cover_and_contents_with_page_numbers(pdf, draft):
    cover = pdf.pages[0].extract_text()
    assert draft.school.name in cover
    assert f"For the academic year {draft.year.label}" in cover
    assert "Page 1 of" not in cover  # the cover carries no running footer
    contents = pdf.pages[1].extract_text()
    assert "Contents" in contents
    line = next(line for line in contents.splitlines() if "Our equality objectives" in line)
    page_number = int(line.rstrip(". ").split()[-1])
    target = pdf.pages[page_number - 1].extract_text()
    assert "Our equality objectives" in target
    assert f"Page {page_number} of" in target


def test_the_published_pdf_says_when_it_was_published(pdf):
    assert "Published " in pdf.pages[0].extract_text()


def test_every_table_header_cell_has_a_scope(pdf):
    cells = [
        node
        for kind, node in structure_types(pdf.trailer["/Root"]["/StructTreeRoot"])
        if kind == "/TH"
    ]
    assert cells
    scopes = {str(cell["/A"]["/Scope"]) for cell in cells}
    assert scopes == {"/Column", "/Row"}


def test_the_demo_schools_pdfs_pass_pdfua(demo, tmp_path):
    publications = Publication.objects.current_versions()
    assert publications.count() >= 2
    for publication in publications:
        problems = pdfua_problems(bytes(publication.pdf), tmp_path)
        assert problems == [], f"{publication}: {problems}"
        if publication.pdf_cy:  # the same statement in Welsh, for a school publishing in Welsh
            problems = pdfua_problems(bytes(publication.pdf_cy), tmp_path)
            assert problems == [], f"{publication} in Welsh: {problems}"
    # The Welsh demo school's plan and annual report are checked in Welsh too.
    assert publications.filter(school__slug="derwen").exclude(pdf_cy=None).count() == 2
