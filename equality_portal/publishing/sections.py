"""The sections of the statement: each builds its part from the app that owns the data.

A builder takes (school, academic year, draft) and returns JSON-ready data. Counts must come
already suppressed from the owning app's selectors.
"""

import dataclasses
from collections.abc import Callable

from engagement.selectors import engagement_for_statement
from equality_portal.academic_year import AcademicYear
from equality_portal.equality import AIM_MEANINGS, Aim
from equality_portal.schools.models import STAFF_INFORMATION_THRESHOLD, School
from objectives.charts import progress_chart
from objectives.selectors import objectives_for_statement

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


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _chart(objective) -> dict | None:
    chart = progress_chart(objective)
    if chart is None:
        return None
    return {
        **dataclasses.asdict(chart),
        "line": chart.line,
        "x_axis_label_y": chart.x_axis_label_y,
        "y_axis_label_x": chart.y_axis_label_x,
    }


def _objectives(school: School, year: AcademicYear, draft: StatementDraft) -> dict:
    objective_set = objectives_for_statement(school=school, academic_year=year)
    if objective_set is None:
        return {"set": None, "objectives": []}
    objectives = []
    for objective in objective_set.objectives.all():
        progress = list(objective.progress_updates.all())
        objectives.append(
            {
                "number": objective.number,
                "title": objective.title,
                "rationale": objective.rationale,
                "evidence": objective.evidence,
                "aims": objective.aim_labels,
                "characteristics": objective.characteristic_labels,
                "groups": objective.group_labels,
                "wider_group": objective.wider_group,
                "measure": objective.measure,
                "baseline": objective.baseline_display if objective.has_numeric_measure else "",
                "baseline_date": _iso(objective.baseline_date),
                "target": objective.target_display if objective.has_numeric_measure else "",
                "target_date": _iso(objective.target_date),
                "success_criteria": objective.success_criteria,
                "owner": objective.owner,
                "status": objective.get_status_display(),
                "measurable": objective.is_measurable,
                "actions": [
                    {"what": a.what, "who": a.who, "when": a.when, "done": a.done}
                    for a in objective.actions.all()
                ],
                "progress": [
                    {
                        "date": _iso(update.recorded_on),
                        "value": update.value_display if update.value is not None else "",
                        "rag": update.get_rag_display(),
                        "narrative": update.narrative,
                    }
                    for update in progress
                ],
                "chart": _chart(objective) if objective.has_numeric_measure else None,
            }
        )
    return {
        "set": {
            "title": objective_set.title,
            "period": objective_set.period_label,
            "published_on": _iso(objective_set.published_on),
            "next_due": _iso(objective_set.next_due),
        },
        "objectives": objectives,
    }


def _engagement(school: School, year: AcademicYear, draft: StatementDraft) -> list[dict]:
    return [
        {
            "title": record.title,
            "who": record.who_labels,
            "how": record.how_labels,
            "when": record.when_label,
            "description": record.description,
            "learned": record.learned,
            "outcome": record.outcome if record.is_complete else "",
            "complete": record.is_complete,
            "objectives": [
                f"{objective.number}. {objective.title}" for objective in record.objectives.all()
            ],
        }
        for record in engagement_for_statement(school=school, academic_year=year)
    ]


def _contact(school: School, year: AcademicYear, draft: StatementDraft) -> dict:
    return {"email": school.contact_email, "website": school.website}


# The statement's sections, in the order they are published.
SECTIONS: list[tuple[str, SectionBuilder]] = [
    ("school", _about),
    ("introduction", lambda school, year, draft: draft.introduction),
    ("general_duty", _general_duty),
    ("engagement", _engagement),
    ("objectives", _objectives),
    ("accessibility_plan", _accessibility_plan),
    ("equality_policy", lambda school, year, draft: draft.equality_policy),
    ("contact", _contact),
]
