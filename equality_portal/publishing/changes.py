"""What differs between two compositions of a statement, section by section, in the words of
the statement's own headings: for governors reading a version against the last publication, and
for leadership comparing the approved version with the evidence as it stands now."""

import json

from .composition import statement_serialise
from .sections import SECTIONS

SECTION_TITLES = {
    "title": "The statement's title",
    "summary": "The summary at the top",
    "dates": "The dates under the title",
    "motto": "The motto or title-page line",
    "layout": "The sections, their order and the school's own sections",
    "attachments": "Appendices",
    "school": "About the school",
    "introduction": "Introduction",
    "monitoring": "Information about our pupils and staff",
    "general_duty": "How we meet the general equality duty",
    "analyses": "Equality analysis of our policies and decisions",
    "engagement": "Who we engaged and consulted, and what changed",
    "objectives": "Our equality objectives",
    "incidents": "Prejudice-related incidents",
    "accessibility_plan": "Our accessibility plan",
    "equality_policy": "Our equality policy",
    "contact": "Contact us, and this information in other formats",
}


def _period_label(data: dict) -> str:
    """The period a statement covers (one published before periods named only its year)."""
    return (data.get("period") or {}).get("label") or data.get("academic_year") or ""


def statement_changes(before: dict, after: dict) -> list[str]:
    """The headings of the sections whose content differs, in the statement's order. Either may
    be freshly composed (with dates) or read back from JSON: both are compared as JSON."""
    before, after = (json.loads(statement_serialise(data)) for data in (before, after))
    changed = []
    periods = [_period_label(data) for data in (before, after)]
    if periods[0] != periods[1]:
        changed.append(f"The period ({periods[0]} to {periods[1]})")
    for key, _ in SECTIONS:
        if before.get(key) != after.get(key):
            changed.append(SECTION_TITLES.get(key, key.replace("_", " ").capitalize()))
    return changed
