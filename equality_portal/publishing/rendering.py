"""Rendering a composed statement: one HTML fragment for the browser and, wrapped in a print
document, for WeasyPrint's tagged PDF."""

import base64
import html
import re
from datetime import datetime

import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from equality_portal.schools.selectors import school_logo

PRINT_STYLESHEET = "css/statement-print.css"


class PdfRenderingError(Exception):
    """WeasyPrint could not make the PDF. Nothing is published when this is raised."""


class NoFetching(URLFetcher):
    """Refuses every URL but inline data: the statement carries its SVG charts inline and its
    stylesheet is handed over as a string, so WeasyPrint never reaches the network or disk."""

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            raise ValueError(f"The statement PDF may not fetch {url}")
        return super().fetch(url, headers)


def statement_render_html(data: dict) -> str:
    """The statement's body, the same for the public page, the preview and the PDF."""
    return render_to_string("publishing/statement_body.html", {"statement": data})


def _print_css() -> str:
    path = finders.find(PRINT_STYLESHEET)
    if path is None:  # after collectstatic, in production
        path = str(settings.STATIC_ROOT / PRINT_STYLESHEET)
    with open(path, encoding="utf-8") as stylesheet:
        return stylesheet.read()


# The statement's sections are the <h2 id="…"> headings of its body, whichever appear.
_SECTION_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)


def statement_contents(body_html: str) -> list[dict[str, str]]:
    """The statement's sections in order, as {"id", "title"}: the PDF's contents page."""
    return [
        {"id": anchor, "title": html.unescape(" ".join(strip_tags(title).split()))}
        for anchor, title in _SECTION_HEADING.findall(body_html)
    ]


def _logo_data_uri(data: dict) -> str:
    """The statement's logo inline, so WeasyPrint fetches nothing; empty when it has none or
    the school has since replaced it."""
    reference = (data.get("school") or {}).get("logo")
    if not reference:
        return ""
    logo = school_logo(sha256=reference["sha256"])
    if logo is None:
        return ""
    return f"data:{logo.content_type};base64,{base64.b64encode(logo.content).decode('ascii')}"


def statement_render_pdf(
    *, data: dict, body_html: str, published_at: datetime | None = None
) -> bytes:
    """A tagged PDF/UA-1 of the statement, with its title and language set: a cover (school,
    title, period and, once published, the date), a contents page with page numbers, then
    the statement under a running header and footer."""
    return render_pdf(
        render_to_string(
            "publishing/statement_pdf.html",
            {
                "statement": data,
                "body": body_html,
                "contents": statement_contents(body_html),
                "published_at": published_at,
                "logo_src": _logo_data_uri(data),
            },
        )
    )


def _reference_number(reference: bytes | str) -> int:
    return int(reference.split()[0])


def _scope_table_headers(document, pdf: pydyf.PDF) -> None:
    """Give every table header cell (/TH) a /Scope, so a reader can tell which cells each one
    heads: /Row for a header in a row of data cells (the statement's `scope="row"`), /Column
    otherwise. WeasyPrint links data cells to their headers (/Headers) but writes no /Scope."""
    objects = pdf.objects
    for element in objects:
        if not isinstance(element, pydyf.Dictionary) or element.get("S") != "/TH":
            continue
        row = objects[_reference_number(element["P"])]
        cells = [objects[_reference_number(kid)] for kid in row.get("K", [])]
        has_data = any(cell.get("S") == "/TD" for cell in cells)
        element["A"]["Scope"] = "/Row" if has_data else "/Column"


def render_pdf(document: str) -> bytes:
    """A tagged PDF/UA-1 of a whole HTML document (its <title> and lang become the PDF's)."""
    try:
        return HTML(string=document, url_fetcher=NoFetching(), base_url=None).write_pdf(
            stylesheets=[CSS(string=_print_css(), url_fetcher=NoFetching())],
            pdf_variant="pdf/ua-1",
            pdf_tags=True,
            custom_metadata=True,
            finisher=_scope_table_headers,
        )
    except Exception as error:  # WeasyPrint raises many kinds; all mean "no PDF"
        raise PdfRenderingError(str(error) or type(error).__name__) from error
