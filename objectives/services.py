"""Writes for objective sets, objectives, their actions, progress updates and comments."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from equality_portal.core.services import record_delete, record_save
from equality_portal.schools.models import School, Trust, User

from .models import (
    Objective,
    ObjectiveAction,
    ObjectiveSet,
    ProgressComment,
    ProgressUpdate,
    TrustObjective,
    long_date,
)

OBJECTIVE_SET_FIELDS = (
    "title",
    "period_start",
    "period_end",
    "period_text",
    "published_on",
    "notes",
    "adopted_from",
    "reasons_no_objective",
    "in_document",
    "in_document_covers",
)
OBJECTIVE_FIELDS = (
    "number",
    "heading",
    "heading_text",
    "title",
    "title_cy",
    "rationale",
    "evidence",
    "aims",
    "characteristics",
    "groups",
    "wider_group",
    "measure",
    "unit",
    "baseline_value",
    "baseline_date",
    "baseline_when",
    "target_value",
    "target_text",
    "target_date",
    "target_when",
    "success_criteria",
    "owner",
    "status",
)
ACTION_FIELDS = ("what", "what_cy", "who", "when", "success_criteria", "status", "position")

PERIOD_EXCLUDES_TARGET = (
    "Objective {number}'s target date ({date}) would fall outside this period. Change that "
    "target date first, or choose a period that includes it."
)
COMMENT_EMPTY = "Write a comment."
TRUST_OBJECTIVE_FIELDS = (
    "title",
    "rationale",
    "measure",
    "target_text",
    "target_date",
    "success_criteria",
    "owner",
)
NOT_AN_ACADEMY = "Choose only academies of this trust."
TRUST_OBJECTIVE_TITLE_NEEDED = "Give the objective a title."


def _check_fields(changes: dict[str, Any], allowed: tuple[str, ...], service: str) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"{service}() cannot set {', '.join(sorted(unknown))}")


def _check_targets_within_period(objective_set: ObjectiveSet) -> None:
    if objective_set.pk is None or not (objective_set.period_start and objective_set.period_end):
        return
    outside = (
        objective_set.objectives.filter(target_date__isnull=False)
        .exclude(
            target_date__gte=objective_set.period_start,
            target_date__lte=objective_set.period_end,
        )
        .order_by("number")
        .first()
    )
    if outside is not None:
        message = PERIOD_EXCLUDES_TARGET.format(
            number=outside.number, date=long_date(outside.target_date)
        )
        field = "period_start" if outside.target_date < objective_set.period_start else "period_end"
        raise ValidationError({field: message})


def objective_set_create(
    *,
    school: School,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    published_on: datetime.date | None = None,
    notes: str = "",
    adopted_from: str = "",
    reasons_no_objective: dict[str, str] | None = None,
    period_text: str = "",
    in_document: str = "",
    in_document_covers: list[str] | None = None,
    by: User,
) -> ObjectiveSet:
    """Start a school's set of objectives for a period of at most four years: its own, or
    one set by its local authority or region that it adopts (``adopted_from``)."""
    objective_set = ObjectiveSet(
        school=school,
        title=title,
        period_start=period_start,
        period_end=period_end,
        period_text=period_text,
        published_on=published_on,
        notes=notes,
        adopted_from=adopted_from,
        reasons_no_objective=reasons_no_objective or {},
        in_document=in_document,
        in_document_covers=in_document_covers or [],
    )
    return record_save(objective_set, by=by)


def objective_set_update(*, objective_set: ObjectiveSet, by: User, **changes: Any) -> ObjectiveSet:
    """Change a set's title, period, publication date or notes; its objectives' target dates
    must stay within the period."""
    _check_fields(changes, OBJECTIVE_SET_FIELDS, "objective_set_update")
    with transaction.atomic():
        for field, value in changes.items():
            setattr(objective_set, field, value)
        objective_set.full_clean()
        _check_targets_within_period(objective_set)
        return record_save(objective_set, by=by)


def objective_next_number(*, objective_set: ObjectiveSet) -> int:
    highest = objective_set.objectives.aggregate(models.Max("number"))["number__max"]
    return (highest or 0) + 1


def objective_create(*, objective_set: ObjectiveSet, by: User, **fields: Any) -> Objective:
    """Add an objective to a set; its number defaults to the next in the set."""
    _check_fields(fields, OBJECTIVE_FIELDS, "objective_create")
    fields.setdefault("number", objective_next_number(objective_set=objective_set))
    return record_save(Objective(objective_set=objective_set, **fields), by=by)


def objective_update(*, objective: Objective, by: User, **changes: Any) -> Objective:
    """Change an objective's wording, groups, measure, owner or status."""
    _check_fields(changes, OBJECTIVE_FIELDS, "objective_update")
    for field, value in changes.items():
        setattr(objective, field, value)
    return record_save(objective, by=by)


def objective_action_add(*, objective: Objective, by: User, **fields: Any) -> ObjectiveAction:
    """Add a step (what, who, when) towards an objective."""
    _check_fields(fields, ACTION_FIELDS, "objective_action_add")
    return record_save(ObjectiveAction(objective=objective, **fields), by=by)


def objective_action_update(
    *, action: ObjectiveAction, by: User, **changes: Any
) -> ObjectiveAction:
    """Change a step, or mark it done."""
    _check_fields(changes, ACTION_FIELDS, "objective_action_update")
    for field, value in changes.items():
        setattr(action, field, value)
    return record_save(action, by=by)


@transaction.atomic
def objective_action_plan_save(
    *,
    objective: Objective,
    by: User,
    rows: list[dict[str, Any]],
    changed: list[tuple[ObjectiveAction, dict[str, Any]]],
    removed: list[ObjectiveAction],
) -> int:
    """Save several rows of an objective's action plan at once: new rows, changed rows and
    removed rows, all or nothing. Returns how many rows were written or removed."""
    for action in removed:
        objective_action_delete(action=action, by=by)
    for action, changes in changed:
        objective_action_update(action=action, by=by, **changes)
    for fields in rows:
        objective_action_add(objective=objective, by=by, **fields)
    return len(removed) + len(changed) + len(rows)


def objective_action_delete(*, action: ObjectiveAction, by: User) -> None:
    """Remove a step that was entered by mistake; its history is kept."""
    record_delete(action, by=by)


def progress_update_record(
    *,
    objective: Objective,
    recorded_on: datetime.date,
    narrative: str,
    rag: str,
    value: Decimal | None = None,
    by: User,
) -> ProgressUpdate:
    """Record progress towards an objective: a date, a value if it has a measure, a narrative
    and a red, amber or green status."""
    update = ProgressUpdate(
        objective=objective,
        recorded_on=recorded_on,
        value=value,
        narrative=narrative,
        rag=rag,
        recorded_by=by,
    )
    return record_save(update, by=by)


def progress_comment_add(*, objective: Objective, text: str, by: User) -> ProgressComment:
    """A governor's or leader's comment on an objective's progress."""
    if not text.strip():
        raise ValidationError({"text": COMMENT_EMPTY})
    return record_save(ProgressComment(objective=objective, author=by, text=text.strip()), by=by)


def trust_objective_create(
    *,
    trust: Trust,
    by: User,
    schools: list[School] | None = None,
    on: datetime.date | None = None,
    **fields: Any,
) -> tuple[TrustObjective, list[School]]:
    """Set an objective for all the trust's academies (``schools`` empty) or chosen ones, and
    cascade it: each academy carries it in its objective set in force ``on`` (today by
    default) as its own objective, whose baseline, target and progress it records itself.

    Returns the objective and the academies it could not reach yet because they have no
    objective set; it reaches them when cascaded again (``trust_objective_cascade``).
    """
    _check_fields(fields, TRUST_OBJECTIVE_FIELDS, "trust_objective_create")
    if not (fields.get("title") or "").strip():
        raise ValidationError({"title": TRUST_OBJECTIVE_TITLE_NEEDED})
    chosen = list(schools or [])
    if any(school.trust_id != trust.pk for school in chosen):
        raise ValidationError({"schools": NOT_AN_ACADEMY})
    with transaction.atomic():
        objective = TrustObjective(trust=trust, created_by=by, **fields)
        objective.full_clean(exclude=["created_by"])
        objective.save()
        objective.schools.set(chosen)
        missing = trust_objective_cascade(trust_objective=objective, by=by, on=on)
    return objective, missing


def trust_objective_academies(*, trust_objective: TrustObjective) -> list[School]:
    chosen = list(trust_objective.schools.all())
    if chosen:
        return sorted(chosen, key=lambda school: school.name)
    return list(School.objects.filter(trust_id=trust_objective.trust_id).order_by("name"))


def trust_objective_cascade(
    *, trust_objective: TrustObjective, by: User, on: datetime.date | None = None
) -> list[School]:
    """Add the trust objective to each academy it applies to that does not carry it yet, in
    the academy's objective set in force; return the academies with no set to carry it."""
    from equality_portal import dates

    from .selectors import objective_set_current

    on = on or dates.today()
    missing = []
    for school in trust_objective_academies(trust_objective=trust_objective):
        objective_set = objective_set_current(school=school, on=on)
        if objective_set is None:
            missing.append(school)
            continue
        if objective_set.objectives.filter(trust_objective=trust_objective).exists():
            continue
        record_save(
            Objective(
                objective_set=objective_set,
                number=objective_next_number(objective_set=objective_set),
                trust_objective=trust_objective,
                title=trust_objective.title,
                rationale=trust_objective.rationale,
                measure=trust_objective.measure,
                target_text=trust_objective.target_text,
                target_date=trust_objective.target_date,
                success_criteria=trust_objective.success_criteria,
                owner=trust_objective.owner,
            ),
            by=by,
        )
    return missing
