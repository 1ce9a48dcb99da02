"""The published PDF is tagged PDF/UA-1: structure tree, title, language, headings, headers."""

import io

import pytest
from pypdf import PdfReader


@pytest.fixture
def pdf(draft, publish):
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
    assert "Page 1 of" in text
