"""Writes for engagement records."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from duties.models import EqualityAnalysis
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.services import record_save
from equality_portal.schools.models import School, User
from objectives.models import Objective

from .models import EngagementRecord

RECORD_FIELDS = (
    "title",
    "audiences",
    "named_group",
    "methods",
    "other_method",
    "description",
    "held_on",
    "recurrence",
    "learned",
    "outcome",
)
OBJECTIVE_OF_ANOTHER_SCHOOL = "Choose objectives of this school only."
ANALYSIS_OF_ANOTHER_SCHOOL = "Choose equality analyses of this school only."


def _check_fields(changes: dict[str, Any], service: str) -> None:
    unknown = set(changes) - {*RECORD_FIELDS, "academic_year"}
    if unknown:
        raise TypeError(f"{service}() cannot set {', '.join(sorted(unknown))}")


def _save_with_links(
    record: EngagementRecord,
    *,
    objectives: Iterable[Objective] | None,
    analyses: Iterable[EqualityAnalysis] | None,
    by: User,
) -> EngagementRecord:
    """Save the record and what it informed; links to another school's records are refused."""
    if objectives is not None:
        objectives = list(objectives)
        if any(objective.objective_set.school_id != record.school_id for objective in objectives):
            raise ValidationError({"objectives": OBJECTIVE_OF_ANOTHER_SCHOOL})
    if analyses is not None:
        analyses = list(analyses)
        if any(analysis.school_id != record.school_id for analysis in analyses):
            raise ValidationError({"analyses": ANALYSIS_OF_ANOTHER_SCHOOL})
    with transaction.atomic():
        record_save(record, by=by)
        if objectives is not None:
            record.objectives.set(objectives)
        if analyses is not None:
            record.analyses.set(analyses)
    return record


def engagement_record_create(
    *,
    school: School,
    academic_year: AcademicYear | int,
    by: User,
    objectives: Iterable[Objective] = (),
    analyses: Iterable[EqualityAnalysis] = (),
    **fields: Any,
) -> EngagementRecord:
    """Record an engagement or consultation; with no outcome yet it is kept as incomplete."""
    _check_fields(fields, "engagement_record_create")
    year = academic_year.start_year if isinstance(academic_year, AcademicYear) else academic_year
    record = EngagementRecord(school=school, academic_year=year, recorded_by=by, **fields)
    return _save_with_links(record, objectives=objectives, analyses=analyses, by=by)


def engagement_record_update(
    *,
    record: EngagementRecord,
    by: User,
    objectives: Iterable[Objective] | None = None,
    analyses: Iterable[EqualityAnalysis] | None = None,
    **changes: Any,
) -> EngagementRecord:
    """Change a record, for example to add the outcome once it is known."""
    _check_fields(changes, "engagement_record_update")
    for field, value in changes.items():
        if field == "academic_year" and isinstance(value, AcademicYear):
            value = value.start_year
        setattr(record, field, value)
    return _save_with_links(record, objectives=objectives, analyses=analyses, by=by)
