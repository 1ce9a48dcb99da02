"""The school's own formatted text: a safe Markdown subset (headings, paragraphs, line breaks,
lists, links and simple tables) rendered by markdown-it-py and cleaned by the nh3 sanitiser.

Raw HTML the school types is shown as text, never run; links keep only http(s), mailto and tel
addresses; what comes out is the same for the page, the PDF and the JSON.
"""

import nh3
from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).enable(
    "table"
)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"scope"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _shift_headings(html: str) -> str:
    """The statement's sections are h2; a school's own headings inside one start at h3."""
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{min(level + 2, 6)}>")
        html = html.replace(f"</h{level}>", f"</h{min(level + 2, 6)}>")
    return html


def markdown_to_html(text: str) -> str:
    """Safe HTML for the school's Markdown."""
    html = _shift_headings(_PARSER.render(text or "")).replace("<th>", '<th scope="col">')
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )
