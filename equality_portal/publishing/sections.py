"""The sections of the statement: each builds its part from the app that owns the data.

A builder takes (school, academic year, draft) and returns JSON-ready data. Counts must come
already suppressed from the owning app's selectors.
"""

from collections.abc import Callable

from equality_portal.academic_year import AcademicYear
from equality_portal.equality import AIM_MEANINGS, Aim
from equality_portal.schools.models import STAFF_INFORMATION_THRESHOLD, School

from .models import StatementDraft

SectionBuilder = Callable[[School, AcademicYear, StatementDraft], dict | list | str | None]


def _about(school: School, year: AcademicYear, draft: StatementDraft) -> dict:
    return {
        "name": school.name,
        "urn": school.urn,
        "phase": school.get_phase_display(),
        "has_sixth_form": school.has_sixth_form,
        "nation": school.get_nation_display(),
        "local_authority": school.local_authority,
        "trust": school.trust.name if school.trust else "",
        "number_of_staff": school.number_of_staff,
        "must_publish_staff_information": school.must_publish_staff_information,
        "staff_information_threshold": STAFF_INFORMATION_THRESHOLD,
        "website": school.website,
        "suppression_threshold": school.suppression_threshold,
    }


def _general_duty(school: School, year: AcademicYear, draft: StatementDraft) -> list[dict]:
    return [
        {"aim": aim.value, "title": aim.label, "meaning": AIM_MEANINGS[aim], "actions": []}
        for aim in Aim
    ]


def _accessibility_plan(school: School, year: AcademicYear, draft: StatementDraft) -> dict:
    return {
        "summary": draft.accessibility_plan,
        "url": draft.accessibility_plan_url,
        "adopted_on": (
            draft.accessibility_plan_adopted_on.isoformat()
            if draft.accessibility_plan_adopted_on
            else None
        ),
    }


def _contact(school: School, year: AcademicYear, draft: StatementDraft) -> dict:
    return {"email": school.contact_email, "website": school.website}


# The statement's sections, in the order they are published.
SECTIONS: list[tuple[str, SectionBuilder]] = [
    ("school", _about),
    ("introduction", lambda school, year, draft: draft.introduction),
    ("general_duty", _general_duty),
    ("accessibility_plan", _accessibility_plan),
    ("equality_policy", lambda school, year, draft: draft.equality_policy),
    ("contact", _contact),
]
