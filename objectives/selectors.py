"""Reads for objective sets and objectives, for the portal's pages and the annual statement."""

import datetime

from django.db.models import Prefetch, QuerySet

from equality_portal.core.periods import YearOrPeriod
from equality_portal.schools.models import School

from .models import (
    Objective,
    ObjectiveAction,
    ObjectiveSet,
    ProgressComment,
    ProgressUpdate,
)


def _objectives_with_progress() -> Prefetch:
    return Prefetch(
        "objectives",
        queryset=Objective.objects.order_by("number").prefetch_related(
            Prefetch("progress_updates", queryset=ProgressUpdate.objects.order_by("recorded_on"))
        ),
    )


def objective_set_list(*, school: School) -> QuerySet[ObjectiveSet]:
    """A school's sets, newest period first, with their objectives prefetched for counting."""
    return (
        ObjectiveSet.objects.for_school(school)
        .prefetch_related(Prefetch("objectives", queryset=Objective.objects.order_by("number")))
        .order_by("-period_start", "title")
    )


def objective_set_detail(*, school: School) -> QuerySet[ObjectiveSet]:
    """A school's sets with their objectives and each objective's progress, for one set's page."""
    return (
        ObjectiveSet.objects.for_school(school)
        .select_related("school")
        .prefetch_related(_objectives_with_progress())
    )


def objective_set_current(*, school: School, on: datetime.date) -> ObjectiveSet | None:
    """The school's own set in force on a date: the one whose period contains it (the latest
    started, if periods overlap), else the most recent that had started by then. Sets adopted
    from the local authority or region are apart (``adopted_sets_for_statement``)."""
    sets = objective_set_detail(school=school).filter(period_start__lte=on, adopted_from="")
    return (
        sets.current_on(on).order_by("-period_start").first()
        or sets.order_by("-period_end").first()
    )


def objective_set_latest_published(*, school: School) -> ObjectiveSet | None:
    """The most recently published set: the one the four-year deadline runs from."""
    return (
        ObjectiveSet.objects.for_school(school)
        .published()
        .filter(adopted_from="")
        .order_by("-published_on", "-period_start")
        .first()
    )


def objective_list_for_school(*, school: School) -> QuerySet[Objective]:
    """Every objective of the school, with its set, for choosing what an engagement informed."""
    return (
        Objective.objects.for_school(school)
        .select_related("objective_set")
        .order_by("-objective_set__period_start", "number")
    )


def objective_detail(*, school: School) -> QuerySet[Objective]:
    """A school's objectives with everything their page shows."""
    return (
        Objective.objects.for_school(school)
        .select_related("objective_set", "objective_set__school")
        .prefetch_related(
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.select_related("recorded_by").order_by(
                    "recorded_on", "pk"
                ),
            ),
            Prefetch("actions", queryset=ObjectiveAction.objects.order_by("created_at", "pk")),
            Prefetch(
                "comments",
                queryset=ProgressComment.objects.select_related("author").order_by(
                    "created_at", "pk"
                ),
            ),
        )
    )


def objective_action_list(*, school: School) -> QuerySet[ObjectiveAction]:
    """A school's objectives' actions, for editing one."""
    return ObjectiveAction.objects.filter(objective__objective_set__school=school).select_related(
        "objective", "objective__objective_set"
    )


def objectives_not_measurable(*, objective_set: ObjectiveSet) -> QuerySet[Objective]:
    """The set's objectives with neither a numeric measure nor dated success criteria."""
    return objective_set.objectives.not_measurable().order_by("number")


def objectives_for_statement(*, school: School, academic_year: YearOrPeriod) -> ObjectiveSet | None:
    """The set in force at the end of the academic year or period (or the latest before it),
    with its objectives in order and each one's progress updates; ``objective.latest_progress``
    is ready to show."""
    return objective_set_current(school=school, on=academic_year.end)


def objective_sets_for_statement(
    *, school: School, academic_year: YearOrPeriod
) -> tuple[ObjectiveSet | None, list[ObjectiveSet]]:
    """In one read: the school's own set for the statement (as ``objectives_for_statement``)
    and the sets it adopts from its local authority or region in force at the year's end."""
    on = academic_year.end
    started = list(objective_set_detail(school=school).filter(period_start__lte=on))
    own = [objective_set for objective_set in started if not objective_set.is_adopted]
    current = [objective_set for objective_set in own if objective_set.contains(on)]
    chosen = (
        max(current, key=lambda s: s.period_start)
        if current
        else max(own, key=lambda s: s.period_end, default=None)
    )
    adopted = sorted(
        (s for s in started if s.is_adopted and s.contains(on)),
        key=lambda s: (s.period_start, s.title),
    )
    return chosen, adopted


def adopted_sets_for_statement(
    *, school: School, academic_year: YearOrPeriod
) -> list[ObjectiveSet]:
    """The sets set by the local authority or region that the school adopts, in force at the
    end of the academic year, with their objectives."""
    return list(
        objective_set_detail(school=school)
        .exclude(adopted_from="")
        .current_on(academic_year.end)
        .order_by("period_start", "title")
    )
