"""Writes for the workforce app: a payroll imported for a snapshot becomes a pay gap report.

The payroll is read, checked and reduced to the six measures in one step; the rows themselves
(one person's pay each) are never stored.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from duties import services as duties_services
from duties.categories import CategoryType
from equality_portal.core.services import record_delete, record_save
from equality_portal.schools.models import School, Trust, User
from equality_portal.schools.selectors import is_trust_leadership

from .models import (
    PayGapReport,
    TrustWorkforceFigure,
    WorkforceStage,
)
from .paygap import CONFIGS, Employee, PayGapConfig, measures
from .selectors import employer_of

ROW_ERROR = "Line {line}: {column}: {message}"
REQUIRED = "a value is needed: every relevant employee must have one."
NOT_AMOUNT = "{value!r} is not an amount of pay such as 14.52."
NEGATIVE = "{value!r} is negative: pay cannot be less than 0."
NO_PAY = "the hourly pay must be more than 0 (leave out employees not on full pay)."
NOT_GROUP = "{value!r} is not one of: {choices}."
NOT_SNAPSHOT = "The snapshot date of a pay gap report is 31 March."


def payroll_columns(config: PayGapConfig) -> tuple[str, ...]:
    return (config.column, "hourly_pay", "bonus_pay")


def _amount(row: dict[str, str], column: str) -> Decimal:
    value = row[column].removeprefix("£").replace(",", "").strip()
    if not value:
        raise ValueError(REQUIRED)
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValueError(NOT_AMOUNT.format(value=row[column]))
    if amount < 0:
        raise ValueError(NEGATIVE.format(value=row[column]))
    return amount


def read_payroll(file: UploadedFile, config: PayGapConfig) -> list[Employee]:
    """The payroll's relevant employees; a ValidationError on ``file`` listing every bad row."""
    columns = payroll_columns(config)
    rows = duties_services.read_csv_rows(file, columns)
    employees, errors = [], []
    for line, row in rows:
        row_errors = []
        group = config.group_of(row[config.column])
        if group is None:
            message = (
                REQUIRED
                if not row[config.column]
                else NOT_GROUP.format(value=row[config.column], choices=", ".join(config.labels))
            )
            row_errors.append(ROW_ERROR.format(line=line, column=config.column, message=message))
        amounts = {}
        for column in ("hourly_pay", "bonus_pay"):
            try:
                amounts[column] = _amount(row, column)
            except ValueError as error:
                row_errors.append(ROW_ERROR.format(line=line, column=column, message=error))
        if "hourly_pay" in amounts and amounts["hourly_pay"] == 0:
            row_errors.append(ROW_ERROR.format(line=line, column="hourly_pay", message=NO_PAY))
        if row_errors or group is None:
            errors.extend(row_errors)
            continue
        employees.append(Employee(group, amounts["hourly_pay"], amounts["bonus_pay"]))
    if errors:
        raise ValidationError({"file": errors})
    return employees


@transaction.atomic
def pay_gap_import(
    *,
    school: School,
    file: UploadedFile,
    snapshot: datetime.date,
    kind: str = "gender",
    by: User | None,
) -> PayGapReport:
    """Compute and keep the pay gap report of the school's employer for this snapshot, all or
    nothing; importing again for the same snapshot replaces the report."""
    if (snapshot.month, snapshot.day) != (3, 31):
        raise ValidationError({"snapshot": NOT_SNAPSHOT})
    config = CONFIGS[kind]
    employees = read_payroll(file, config)
    employer = employer_of(school)
    owner: dict[str, Trust | School | None] = (
        {"trust": employer.trust} if employer.trust else {"school": employer.school}
    )
    report = PayGapReport.objects.filter(kind=kind, snapshot_date=snapshot, **owner).first()
    if report is None:
        report = PayGapReport(kind=kind, snapshot_date=snapshot, **owner)
    result = measures(employees, config)
    report.relevant_employees = result.relevant_employees
    report.figures = result.as_json()
    report.imported_by = by
    record_save(report, by=by)
    return report


# --- The trust's workforce: staff in post, recruitment and leavers -------------------------------

NOT_TRUST_LEADERSHIP = "Only the trust's leadership can enter its workforce figures."
WORKFORCE_COLUMNS = ("stage", "characteristic", "category", "count")
NOT_CHOICE = "{value!r} is not one of: {choices}."
NOT_COUNT = "{value!r} is not a count: a whole number of people such as 12."


def _require_trust_leadership(trust: Trust, by: User | None) -> None:
    if not is_trust_leadership(trust=trust, user=by):
        raise ValidationError(NOT_TRUST_LEADERSHIP)


def workforce_figure_save(
    *,
    trust: Trust,
    by: User | None,
    academic_year: int,
    stage: str,
    category_type: str,
    category: str,
    count: int,
) -> TrustWorkforceFigure:
    """Record one count of the trust's workforce; a category recorded already is refused
    beside the category field (change or remove it instead)."""
    _require_trust_leadership(trust, by)
    figure = TrustWorkforceFigure(
        trust=trust,
        academic_year=academic_year,
        stage=stage,
        category_type=category_type,
        category=category,
        count=count,
        created_by=by,
    )
    return record_save(figure, by=by)


def workforce_figure_delete(*, figure: TrustWorkforceFigure, by: User | None) -> None:
    _require_trust_leadership(figure.trust, by)
    record_delete(figure, by=by)


def _choice(value: str, choices: type[models.TextChoices]) -> str | None:
    """The choice a value names, by its code or its words, in any case."""
    wanted = " ".join(value.replace("_", " ").lower().split())
    for code, label in choices.choices:
        if wanted in (code.replace("_", " ").lower(), label.lower()):
            return code
    return None


@transaction.atomic
def workforce_import(
    *, trust: Trust, academic_year: int, file: UploadedFile, by: User | None
) -> int:
    """Import the year's workforce figures from a CSV (stage, characteristic, category,
    count), all or nothing: every bad row is listed, and a category already recorded has its
    count replaced. Returns how many figures were imported."""
    _require_trust_leadership(trust, by)
    rows = duties_services.read_csv_rows(file, WORKFORCE_COLUMNS)
    existing = {
        (f.stage, f.category_type, f.category.lower()): f
        for f in TrustWorkforceFigure.objects.filter(trust=trust, academic_year=academic_year)
    }
    figures: dict[tuple[str, str, str], TrustWorkforceFigure] = {}
    errors = []
    for line, row in rows:
        chosen = {}
        for column, choices in (("stage", WorkforceStage), ("characteristic", CategoryType)):
            chosen[column] = _choice(row[column], choices)
            if chosen[column] is None:
                message = NOT_CHOICE.format(value=row[column], choices=", ".join(choices.values))
                errors.append(ROW_ERROR.format(line=line, column=column, message=message))
        stage, category_type = chosen["stage"], chosen["characteristic"]
        count: int | None = None
        if row["count"].isdigit():
            count = int(row["count"])
        else:
            message = REQUIRED if not row["count"] else NOT_COUNT.format(value=row["count"])
            errors.append(ROW_ERROR.format(line=line, column="count", message=message))
        if stage is None or category_type is None or count is None:
            continue
        figure = TrustWorkforceFigure(
            trust=trust,
            academic_year=academic_year,
            stage=stage,
            category_type=category_type,
            category=row["category"],
            count=count,
            created_by=by,
        )
        try:
            figure.clean_fields(exclude=["trust", "created_by"])
            figure.clean_category()
        except ValidationError as error:
            errors.extend(
                ROW_ERROR.format(line=line, column=column, message=" ".join(messages))
                for column, messages in error.message_dict.items()
            )
            continue
        key = (stage, category_type, figure.category.lower())
        if key in figures:
            errors.append(
                ROW_ERROR.format(
                    line=line, column="category", message="this category is on an earlier line."
                )
            )
            continue
        if key in existing:
            existing[key].count = count
            figure = existing[key]
        figures[key] = figure
    if errors:
        raise ValidationError({"file": errors})
    for figure in figures.values():
        record_save(figure, by=by)
    return len(figures)
