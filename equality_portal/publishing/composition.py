"""Composing a school's statement for one period (an academic year, a calendar or financial
year, a plan's years) from every app.

The result is plain, JSON-ready data: it is what ``statement.json`` serves, what the HTML and PDF
are rendered from, and what a submitted version freezes. Every count in it has already
been through small-number suppression in the app it came from.
"""

import json
from typing import Any

from equality_portal.core.nations import vocabulary_for

from .models import SectionKind, StatementDraft
from .sections import SECTIONS, school_logo_reference

SCHEMA = "equality-portal/statement/1"


def statement_compose(*, draft: StatementDraft) -> dict:
    """The whole statement for the draft's school and year, as JSON-ready data."""
    period = draft.period
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "kind": draft.kind,
        "period": {
            "label": draft.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "kind": period.kind,
        },
    }
    if period.is_academic_year:
        data["academic_year"] = period.label
    for key, builder in SECTIONS:
        data[key] = builder(draft.school, period, draft)
    # Only what the school placed is published: the data of a composed section it left out
    # is not composed into the page, the PDF or the JSON.
    placed = {section["kind"] for section in data["layout"]}
    for kind in SectionKind.values:
        if kind in data and kind not in placed and kind != SectionKind.SCHOOL:
            del data[kind]
    if SectionKind.SCHOOL not in placed:
        data["school"] = {
            **school_logo_reference(draft.school),
            "name": draft.school.name,
            "suppression_threshold": draft.school.suppression_threshold,
        }
    # The portal's labels in the words of the school's nation (ALN and IDPs in Wales).
    return vocabulary_for(draft.school.nation).relabel(data)


def statement_serialise(data: dict) -> str:
    """The canonical JSON text of a statement: stable, so equal content hashes equally."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str)
