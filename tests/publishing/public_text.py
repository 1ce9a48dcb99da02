"""Reading a publication as the public does (page, PDF text and JSON), and the portal's own
wording, which must never reach any of them: the public output says only what the school said."""

import html
import io
import re

from pypdf import PdfReader

# Sentences the portal used to write into a statement (or still writes as advice to the school,
# privately). None may appear in a public page, PDF or JSON.
PORTAL_WORDING = [
    "we recorded 0 incidents",
    "incidents. an incident with more than one",  # "In 2025-26 we recorded N incidents."
    "we record every incident that anyone perceives",
    "no equality analysis was completed",
    "no equality analysis is recorded",
    "groups that are not protected characteristics are included",
    "we are working to make this objective measurable",
    "we will publish new objectives by",
    "we have not published equality objectives yet",
    "no actions are recorded under this aim",
    "no action is recorded under",
    "no engagement is recorded",
    "the outcome of this engagement has not been recorded",
    "no census information is recorded",
    "please contact the school for a copy of our accessibility plan",
    "please contact the school office",
    "we publish information about our employees",
    "staff 0",
    "they are filed here at the census",  # an internal note about the demo's data
    "the law does not require",
    "the school need not publish",
    "must publish information about its employees",
    "specific duties and public authorities",
    "has no equality objectives to publish",
    "the portal cannot read",  # advice on objectives set out in a document
]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def public_texts(client, school_slug: str, year, *, welsh: bool = False) -> dict[str, str]:
    """The public page, PDF text and JSON of a published statement, squashed (in Welsh when
    asked: the school's Welsh addresses under ``cy/``)."""
    base = f"/equality/{school_slug}/{getattr(year, 'key', year)}/{'cy/' if welsh else ''}"
    responses = {
        "page": client.get(base),
        "pdf": client.get(f"{base}statement.pdf"),
        "json": client.get(f"{base}statement.json"),
    }
    for where, response in responses.items():
        assert response.status_code == 200, (where, response.status_code)
    return {
        "page": squash(html.unescape(responses["page"].content.decode())),
        "pdf": squash(pdf_text(b"".join(responses["pdf"].streaming_content)))
        if getattr(responses["pdf"], "streaming", False)
        else squash(pdf_text(responses["pdf"].content)),
        "json": squash(responses["json"].content.decode()),
    }


def portal_wording_in(texts: dict[str, str]) -> dict[str, list[str]]:
    """Each output's sentences in the portal's words (empty when the school's words only)."""
    found = {where: [p for p in PORTAL_WORDING if p in text] for where, text in texts.items()}
    return {where: phrases for where, phrases in found.items() if phrases}
