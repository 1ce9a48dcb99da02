"""Reads for engagement records, for the portal's pages, compliance and the annual statement."""

from django.db.models import Prefetch, QuerySet

from duties.models import EqualityAnalysis
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.periods import YearOrPeriod
from equality_portal.schools.models import School
from objectives.models import Objective

from .models import EngagementRecord


def engagement_record_list(*, school: School) -> QuerySet[EngagementRecord]:
    """A school's records with the objectives they informed, newest year first, by title."""
    return (
        EngagementRecord.objects.for_school(school)
        .select_related("school", "recorded_by")
        .prefetch_related(
            Prefetch(
                "objectives",
                queryset=Objective.objects.select_related("objective_set").order_by(
                    "-objective_set__period_start", "number"
                ),
            ),
            Prefetch("analyses", queryset=EqualityAnalysis.objects.order_by("-analysed_on")),
        )
        .order_by("-academic_year", "title", "pk")
    )


def engagement_years(*, school: School) -> list[AcademicYear]:
    """The academic years the school has engagement records for, newest first."""
    years = (
        EngagementRecord.objects.for_school(school)
        .order_by("-academic_year")
        .values_list("academic_year", flat=True)
        .distinct()
    )
    return [AcademicYear(year) for year in years]


def engagement_incomplete(
    *, school: School, academic_year: AcademicYear
) -> QuerySet[EngagementRecord]:
    """The year's records with no outcome recorded: the gaps to fill before publishing."""
    return engagement_record_list(school=school).for_academic_year(academic_year).incomplete()


def engagement_for_statement(
    *, school: School, academic_year: YearOrPeriod
) -> QuerySet[EngagementRecord]:
    """The year's records for the statement; each has ``is_complete`` and ``who_labels``,
    ``how_labels``, ``when_label`` ready to show."""
    return engagement_record_list(school=school).for_academic_year(academic_year)


def engagement_for_analyses(*, analyses) -> dict[int, list[EngagementRecord]]:
    """The engagement records that informed each of these equality analyses, by analysis id."""
    informed: dict[int, list[EngagementRecord]] = {analysis.pk: [] for analysis in analyses}
    through = EngagementRecord.analyses.through.objects.filter(
        equalityanalysis_id__in=list(informed)
    ).select_related("engagementrecord")
    for link in through.order_by("engagementrecord__title"):
        informed[link.equalityanalysis_id].append(link.engagementrecord)
    return informed
