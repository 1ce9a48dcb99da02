"""Reads for the workforce app: who the employer is, and its pay gap reports.

An academy's staff are employed by its trust, so the trust is the employer whose duties (the
gender pay gap, information about employees) cover them. A maintained school's governing body is
the listed public authority and reports for itself.
"""

import datetime
from dataclasses import dataclass

from equality_portal.schools.models import School, Trust

from .models import PayGapReport, TrustWorkforceFigure, WorkforceStage
from .paygap import QUARTILE_LABELS, publish_by, snapshot_date


@dataclass(frozen=True)
class Employer:
    trust: Trust | None
    school: School | None

    @property
    def name(self) -> str:
        return str(self.trust or self.school)

    @property
    def is_trust(self) -> bool:
        return self.trust is not None


def employer_of(school: School) -> Employer:
    """The trust for an academy, the school's governing body for a maintained school (even in a
    federation, and with the local authority's staff at the school: reg. 2(3))."""
    if school.counted_at_trust:
        return Employer(trust=school.trust, school=None)
    return Employer(trust=None, school=school)


def pay_gap_reports(*, school: School) -> list[PayGapReport]:
    """The employer's pay gap reports, newest snapshot first."""
    employer = employer_of(school)
    reports = PayGapReport.objects.all()
    if employer.trust is not None:
        reports = reports.filter(trust=employer.trust)
    else:
        reports = reports.filter(school=school)
    return list(reports)


def pay_gap_report(*, school: School, pk: int) -> PayGapReport | None:
    return next((report for report in pay_gap_reports(school=school) if report.pk == pk), None)


@dataclass(frozen=True)
class PayGapDeadline:
    snapshot: datetime.date
    publish_by: datetime.date
    report: PayGapReport | None

    def days_left(self, today: datetime.date) -> int:
        return (self.publish_by - today).days


def pay_gap_deadline(*, school: School, today: datetime.date) -> PayGapDeadline:
    """The latest snapshot, the date its gender pay gap report is due, and the report if made."""
    snapshot = snapshot_date(today)
    report = next(
        (
            r
            for r in pay_gap_reports(school=school)
            if r.kind == "gender" and r.snapshot_date == snapshot
        ),
        None,
    )
    return PayGapDeadline(snapshot=snapshot, publish_by=publish_by(snapshot), report=report)


def employer_headcount(employer: Employer) -> int:
    """The employer's staff as the schools record them: a trust's are its academies' together."""
    if employer.trust is not None:
        # A school whose headcount is not known counts as none.
        return sum(
            staff or 0
            for staff in School.objects.trust_employed(employer.trust.pk).values_list(
                "number_of_staff", flat=True
            )
        )
    return (employer.school.number_of_staff or 0) if employer.school is not None else 0


def pay_gap_display(report: PayGapReport) -> dict:
    """The report's figures laid out for the page: labels and rows in the groups' order."""
    config, result = report.config, report.measures
    groups = (config.reference, config.compared)
    return {
        "report": report,
        "config": config,
        "measures": result,
        "reference_label": config.labels[config.reference],
        "compared_label": config.labels[config.compared],
        "group_labels": [config.labels[g] for g in groups],
        "bonus_rows": [(config.labels[g], result.bonus_proportions[g]) for g in groups]
        if result.bonus_proportions
        else [],
        "quartile_rows": [
            (QUARTILE_LABELS[name], [shares[g] for g in groups])
            for name, shares in result.quartiles.items()
        ],
    }


# --- The trust's workforce: staff in post, recruitment and leavers -------------------------------


def trust_workforce_figures(*, trust: Trust, academic_year: int) -> list[TrustWorkforceFigure]:
    """The figures trust leadership entered for the year, in stage and characteristic order."""
    order = list(WorkforceStage.values)
    figures = list(TrustWorkforceFigure.objects.filter(trust=trust, academic_year=academic_year))
    return sorted(figures, key=lambda f: (order.index(f.stage), f.category_type, f.pk))


def trust_workforce_counts(
    *, trust: Trust, academic_year: int
) -> dict[str, dict[str, dict[str, int]]]:
    """{stage: {characteristic: {category: count}}} for the year, in one query."""
    counts: dict[str, dict[str, dict[str, int]]] = {}
    for figure in trust_workforce_figures(trust=trust, academic_year=academic_year):
        by_type = counts.setdefault(figure.stage, {})
        by_type.setdefault(figure.get_category_type_display(), {})[figure.label] = figure.count
    return counts


def trust_staff_in_post_recorded(*, trust_id: int | None, academic_year: int) -> bool:
    """Whether trust leadership entered the trust's staff in post for the year."""
    if trust_id is None:
        return False
    return TrustWorkforceFigure.objects.filter(
        trust_id=trust_id, academic_year=academic_year, stage=WorkforceStage.IN_POST
    ).exists()
