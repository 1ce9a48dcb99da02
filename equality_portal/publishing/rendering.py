"""Rendering a composed statement: one HTML fragment for the browser and, wrapped in a print
document, for WeasyPrint's tagged PDF."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

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


def statement_render_pdf(*, data: dict, body_html: str) -> bytes:
    """A tagged PDF/UA-1 of the statement, with its title and language set."""
    return render_pdf(
        render_to_string("publishing/statement_pdf.html", {"statement": data, "body": body_html})
    )


def render_pdf(document: str) -> bytes:
    """A tagged PDF/UA-1 of a whole HTML document (its <title> and lang become the PDF's)."""
    try:
        return HTML(string=document, url_fetcher=NoFetching(), base_url=None).write_pdf(
            stylesheets=[CSS(string=_print_css(), url_fetcher=NoFetching())],
            pdf_variant="pdf/ua-1",
            pdf_tags=True,
            custom_metadata=True,
        )
    except Exception as error:  # WeasyPrint raises many kinds; all mean "no PDF"
        raise PdfRenderingError(str(error) or type(error).__name__) from error
