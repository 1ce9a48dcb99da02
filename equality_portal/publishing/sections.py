"""The sections of the statement: each builds its part from the app that owns the data.

A builder takes (school, period, draft) and returns JSON-ready data. Counts must come
already suppressed from the owning app's selectors.
"""

import dataclasses
from collections.abc import Callable

from django.urls import reverse

from duties.selectors import (
    actions_for_statement,
    equality_analyses_for_statement,
    outcome_measures_for_statement,
    policy_list,
    population_profiles_for_statement,
)
from engagement.selectors import engagement_for_analyses, engagement_for_statement
from equality_portal.core.markdown import markdown_to_html
from equality_portal.core.periods import Period
from equality_portal.schools.models import School
from incidents.charts import term_bar_chart
from incidents.selectors import incident_summary_for_statement
from objectives.charts import progress_chart
from objectives.selectors import objective_sets_for_statement

from .models import DEFAULT_TITLE, SectionKind, StatementDraft

SectionBuilder = Callable[[School, Period, StatementDraft], dict | list | str | None]


def school_logo_reference(school: School) -> dict:
    """The logo in the frozen statement: its hash and type, never its bytes (kept in the
    school's record; the PDF is made with them when published). Absent when there is none."""
    if not school.logo_sha256:
        return {}
    return {"logo": {"sha256": school.logo_sha256, "content_type": school.logo_content_type}}


def _about(school: School, year: Period, draft: StatementDraft) -> dict:
    return {
        **school_logo_reference(school),
        "name": school.name,
        "urn": school.urn,
        "phase": school.get_phase_display(),
        "has_sixth_form": school.has_sixth_form,
        "nation": school.get_nation_display(),
        "local_authority": school.local_authority,
        "trust": school.trust.name if school.trust else "",
        "number_of_staff": school.number_of_staff,
        "website": school.website,
        "suppression_threshold": school.suppression_threshold,
    }


def _general_duty(school: School, year: Period, draft: StatementDraft) -> list[dict]:
    return [
        {
            "aim": entry.aim.value,
            "title": entry.aim.label,
            "actions": [
                {
                    "title": action.title,
                    "description": action.description,
                    "concerns": [*action.characteristic_labels, *action.group_labels],
                    "owner": action.owner,
                    "when": action.when,
                    "evidence": action.evidence_note,
                    "evidence_url": action.evidence_url,
                }
                for action in entry.actions
            ],
        }
        for entry in actions_for_statement(school=school, academic_year=year)
    ]


def _analyses(school: School, year: Period, draft: StatementDraft) -> dict:
    found = list(equality_analyses_for_statement(school=school, academic_year=year))
    engagement = engagement_for_analyses(analyses=found)
    analyses = [
        {
            "subject": analysis.subject,
            "kind": analysis.get_subject_kind_display(),
            "analysed_on": _iso(analysis.analysed_on),
            "carried_out_by": analysis.carried_out_by,
            "full_analysis_needed": analysis.full_analysis_needed,
            "screening_reason": analysis.screening_reason,
            "evidence_considered": analysis.evidence_considered,
            "consulted": analysis.consulted,
            "engagement": [record.title for record in engagement[analysis.pk]],
            "impacts": [
                {
                    "characteristic": impact.get_characteristic_display(),
                    "impact": impact.get_impact_display(),
                    "note": impact.note,
                }
                for impact in analysis.impacts.all()
            ],
            "mitigations": analysis.mitigations,
            "outcome": analysis.get_outcome_display(),
            "outcome_justification": analysis.outcome_justification,
            "signed_off_on": _iso(analysis.signed_off_on),
        }
        for analysis in found
    ]
    policies = []
    for policy in policy_list(school=school):
        review = policy.last_review
        policies.append(
            {
                "title": policy.title,
                "last_reviewed": _iso(review.reviewed_on) if review else None,
                "reviewed_by": review.reviewed_by if review else "",
                "consulted": review.consulted if review else "",
                "what_changed": review.summary if review else "",
                "analysis": (
                    review.equality_analysis.subject if review and review.equality_analysis else ""
                ),
                "next_review": _iso(policy.next_review_due),
            }
        )
    return {"analyses": analyses, "policies": policies}


def _monitoring(school: School, year: Period, draft: StatementDraft) -> dict:
    profiles = []
    for view in population_profiles_for_statement(school=school, academic_year=year):
        profile = view.profile
        profiles.append(
            {
                "population": profile.title,
                "population_key": profile.population,
                "anchor": f"{profile.population}-{profile.pk}",
                "census_date": _iso(profile.census_date),
                "as_at": profile.as_at,
                "headcount": view.headcount,
                "headcount_label": profile.headcount_label,
                "source": profile.source,
                "notes": profile.notes if profile.notes_public else "",
                "tables": [
                    {
                        "title": table.title,
                        "by_count": table.by_count,
                        "has_comparators": table.has_comparators,
                        "total": table.total,
                        "rows": [
                            {
                                "label": row.label,
                                "count": row.count,
                                "percent": row.percent,
                                "comparator_la": row.comparator_la,
                                "comparator_national": row.comparator_national,
                                "is_subtotal": row.is_subtotal,
                            }
                            for row in table.rows
                        ],
                    }
                    for table in view.tables
                ],
                "any_suppressed": view.any_suppressed,
            }
        )
    outcomes = [
        {
            "measure": row.measure.get_measure_display(),
            "description": row.measure.description,
            "period": row.measure.period,
            "group": row.measure.group,
            "group_size": row.group_size,
            "group_value": row.group_value,
            "comparison_group": row.measure.comparison_group,
            "comparison_size": row.comparison_size,
            "comparison_value": row.comparison_value,
            "difference": row.difference,
            "source": row.measure.source,
        }
        for row in outcome_measures_for_statement(school=school, academic_year=year)
    ]
    return {"profiles": profiles, "outcomes": outcomes}


def _counts(counts) -> list[list[str]]:
    return [[str(label), cell.display] for label, cell in counts.items()]


def _incidents(school: School, year: Period, draft: StatementDraft) -> dict:
    summary = incident_summary_for_statement(school=school, academic_year=year)
    points = [(term, summary["by_term"][term.label]) for term in year.terms]
    chart = term_bar_chart(points, threshold=summary["threshold"])
    return {
        "threshold": summary["threshold"],
        "total": summary["total"].display,
        "recorded": summary["total"].count != 0,
        "by_term": _counts(summary["by_term"]),
        "by_motivation": _counts(summary["by_motivation"]),
        "by_behaviour": _counts(summary["by_behaviour"]),
        "note": summary["note"],
        "chart": dataclasses.asdict(chart),
    }


def _accessibility_plan(school: School, year: Period, draft: StatementDraft) -> dict:
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


def _adopted(adopted_sets: list) -> dict:
    """The objectives the school adopts from its local authority or region, as it gives them,
    and (Wales) its reasons for setting none for a characteristic. Absent when there are none,
    so a statement without them is composed as before."""
    adopted = [
        {
            "title": objective_set.title,
            "set_by": objective_set.adopted_from,
            "period": objective_set.period_label,
            "objectives": [
                {
                    "number": objective.number,
                    "title": objective.title,
                    "rationale": objective.rationale,
                    "characteristics": objective.characteristic_labels,
                    "groups": objective.group_labels,
                    "wider_group": objective.wider_group,
                }
                for objective in objective_set.objectives.all()
            ],
        }
        for objective_set in adopted_sets
    ]
    return {"adopted": adopted} if adopted else {}


def _objectives(school: School, year: Period, draft: StatementDraft) -> dict:
    objective_set, adopted_sets = objective_sets_for_statement(school=school, academic_year=year)
    extra = _adopted(adopted_sets)
    if objective_set is None:
        return {"set": None, "objectives": [], **extra}
    reasons = [
        {"characteristic": label, "reason": reason}
        for label, reason in objective_set.reasons_no_objective_labelled
    ]
    if reasons:
        extra["reasons_no_objective"] = reasons
    objectives = []
    trust_name = school.trust.name if school.trust is not None else ""
    for objective in objective_set.objectives.all():
        progress = list(objective.progress_updates.all())
        objectives.append(
            {
                "number": objective.number,
                "heading": objective.heading,
                "heading_text": objective.heading_text,
                "title": objective.title,
                "rationale": objective.rationale,
                "evidence": objective.evidence,
                "aims": objective.aim_labels,
                "characteristics": objective.characteristic_labels,
                "groups": objective.group_labels,
                "wider_group": objective.wider_group,
                "measure": objective.measure,
                "baseline": objective.baseline_display,
                "baseline_date": _iso(objective.baseline_date),
                "baseline_when": objective.baseline_when,
                "target": objective.target_display,
                "target_text": objective.target_text,
                "target_date": _iso(objective.target_date),
                "target_when": objective.target_when,
                "success_criteria": objective.success_criteria,
                "owner": objective.owner,
                "status": objective.get_status_display() if objective.status else "",
                # A trust objective the academy carries: the trust's name, as the trust gives it.
                "trust_objective": trust_name if objective.trust_objective_id else "",
                "actions": [
                    {
                        "what": a.what,
                        "who": a.who,
                        "when": a.when,
                        "success_criteria": a.success_criteria,
                        "status": a.get_status_display(),
                        "done": a.done,
                    }
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
        },
        "objectives": objectives,
        **extra,
    }


def _engagement(school: School, year: Period, draft: StatementDraft) -> list[dict]:
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


def _contact(school: School, year: Period, draft: StatementDraft) -> dict:
    return {
        "email": school.contact_email,
        "phone": school.contact_phone,
        "address": school.contact_address,
        "name": school.contact_name,
        "other_formats": school.other_formats,
        "website": school.website,
    }


# The composed sections in the order they are published when the school has not ordered its own.
DEFAULT_LAYOUT = [
    SectionKind.SCHOOL,
    SectionKind.INTRODUCTION,
    SectionKind.MONITORING,
    SectionKind.GENERAL_DUTY,
    SectionKind.ANALYSES,
    SectionKind.ENGAGEMENT,
    SectionKind.OBJECTIVES,
    SectionKind.INCIDENTS,
    SectionKind.ACCESSIBILITY_PLAN,
    SectionKind.EQUALITY_POLICY,
    SectionKind.CONTACT,
]


def _title(school: School, year: Period, draft: StatementDraft) -> str:
    return draft.title or DEFAULT_TITLE


def _layout(school: School, year: Period, draft: StatementDraft) -> list[dict]:
    """The statement's sections in the school's order: its written sections (heading and safe
    HTML from its Markdown) and the composed ones it placed among them, by key. A draft with no
    sections of its own follows DEFAULT_LAYOUT."""
    sections = list(draft.sections.all()) if draft.pk else []
    if not sections:
        return [{"kind": str(kind), "heading": ""} for kind in DEFAULT_LAYOUT]
    return [
        {"kind": section.kind, "heading": section.heading, "html": markdown_to_html(section.body)}
        if section.kind == SectionKind.WRITTEN
        else {"kind": section.kind, "heading": section.heading}
        for section in sections
    ]


def _attachments(school: School, year: Period, draft: StatementDraft) -> list[dict]:
    """The appendices, each at its stable public address beside the statement."""
    if not draft.pk:
        return []
    return [
        {
            "number": number,
            "title": attachment.title,
            "file_name": attachment.file_name,
            "content_type": attachment.file.content_type,
            "size": attachment.file.size,
            "sha256": attachment.file.sha256,
            "url": reverse(
                "public:appendix",
                kwargs={
                    "school_slug": school.slug,
                    "year": year,
                    "number": number,
                    "file_name": attachment.file_name,
                },
            ),
        }
        for number, attachment in enumerate(
            draft.attachments.select_related("file").defer("file__content"), start=1
        )
    ]


# The statement's data, by key.
SECTIONS: list[tuple[str, SectionBuilder]] = [
    ("title", _title),
    ("summary", lambda school, year, draft: draft.summary),
    (
        "dates",
        lambda school, year, draft: [d for d in (draft.adopted_when, draft.review_when) if d],
    ),
    ("motto", lambda school, year, draft: draft.motto),
    ("layout", _layout),
    ("school", _about),
    ("introduction", lambda school, year, draft: draft.introduction),
    ("monitoring", _monitoring),
    ("general_duty", _general_duty),
    ("analyses", _analyses),
    ("engagement", _engagement),
    ("objectives", _objectives),
    ("incidents", _incidents),
    ("accessibility_plan", _accessibility_plan),
    ("equality_policy", lambda school, year, draft: draft.equality_policy),
    ("contact", _contact),
    ("attachments", _attachments),
]


def _has_content(kind: str, data: dict) -> bool:
    """Whether the composed section ``kind`` has anything to show in ``data``."""
    value = data.get(kind)
    if kind == SectionKind.GENERAL_DUTY:
        return any(aim["actions"] for aim in value or [])
    if kind == SectionKind.ANALYSES:
        return bool(value and (value["analyses"] or value["policies"]))
    if kind == SectionKind.MONITORING:
        return bool(value and (value["profiles"] or value["outcomes"]))
    if kind == SectionKind.OBJECTIVES:
        return bool(value and value["objectives"])
    if kind == SectionKind.INCIDENTS:
        return bool(value and value["recorded"])
    if kind == SectionKind.ACCESSIBILITY_PLAN:
        return bool(value and (value["summary"] or value["url"]))
    if kind == SectionKind.CONTACT:
        return bool(value and (value["email"] or value["website"]))
    return bool(value)


def empty_sections(data: dict) -> list[str]:
    """The names of the sections the school placed that will be left out, having nothing to
    show: advice for the school, never published."""
    return [
        SectionKind(section["kind"]).label
        for section in data.get("layout", [])
        if section["kind"] != SectionKind.WRITTEN and not _has_content(section["kind"], data)
    ]
