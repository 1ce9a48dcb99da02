"""Writes for the duties app: actions, policies and their reviews, equality analyses, and
monitoring data entered by form or imported from CSV. Views call these; they never save models
themselves. Every write records who made it, on the record and in its history."""

import csv
import datetime
import io
import itertools
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, models, transaction
from django.db.models.signals import post_save
from simple_history.utils import bulk_create_with_history

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.equality import Characteristic
from equality_portal.core.services import record_delete, record_save
from equality_portal.schools.models import School, User

from .categories import CategoryType, Population, category_code
from .models import (
    CENSUS_DATE_FUTURE,
    Action,
    CharacteristicImpact,
    EqualityAnalysis,
    FigureSiblings,
    Measure,
    OutcomeMeasure,
    Policy,
    PolicyReview,
    PopulationProfile,
    ProfileFigure,
    Term,
    Unit,
    check_figure_alone,
)

ACTION_FIELDS = (
    "academic_year",
    "title",
    "description",
    "aims",
    "characteristics",
    "groups",
    "other_group",
    "owner",
    "date",
    "term",
    "evidence_note",
    "evidence_url",
    "position",
)
POLICY_FIELDS = ("title", "owner", "review_cycle_months", "adopted_on", "notes")
REVIEW_FIELDS = ("reviewed_on", "reviewed_by", "consulted", "summary", "equality_analysis")
ANALYSIS_FIELDS = (
    "subject",
    "subject_kind",
    "policy",
    "analysed_on",
    "carried_out_by",
    "full_analysis_needed",
    "screening_reason",
    "evidence_considered",
    "consulted",
    "affects_staff",
    "mitigations",
    "outcome",
    "outcome_justification",
)
PROFILE_FIELDS = (
    "population",
    "cohort",
    "census_date",
    "as_at",
    "headcount",
    "headcount_label",
    "source",
    "notes",
    "notes_public",
    "reported_for_year",
)
FIGURE_FIELDS = (
    "category_type",
    "category",
    "count",
    "percent",
    "comparator_la_percent",
    "comparator_national_percent",
)
OUTCOME_FIELDS = (
    "academic_year",
    "term",
    "measure",
    "description",
    "unit",
    "group",
    "group_size",
    "group_value",
    "comparison_group",
    "comparison_size",
    "comparison_value",
    "source",
)

ALREADY_SIGNED_OFF = "This analysis is already signed off."

M = TypeVar("M", bound=models.Model)
Row = dict[str, str]


def _set(instance: models.Model, allowed: tuple[str, ...], changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"Cannot set {', '.join(sorted(unknown))} on {type(instance).__name__}")
    for field, value in changes.items():
        setattr(instance, field, value)


def _create(
    model: type[M], *, allowed: tuple[str, ...], by: User, fields: Mapping[str, Any], **owner: Any
) -> M:
    instance = model(created_by=by, **owner)
    _set(instance, allowed, fields)
    return record_save(instance, by=by)


def _update(instance: M, *, allowed: tuple[str, ...], by: User, changes: Mapping[str, Any]) -> M:
    _set(instance, allowed, changes)
    return record_save(instance, by=by)


# --- Actions -----------------------------------------------------------------------------------


def action_create(*, school: School, by: User, **fields: Any) -> Action:
    """Record an action taken under one or more aims of the duty."""
    return _create(Action, allowed=ACTION_FIELDS, by=by, fields=fields, school=school)


def action_update(*, action: Action, by: User, **changes: Any) -> Action:
    return _update(action, allowed=ACTION_FIELDS, by=by, changes=changes)


def actions_carry_forward(
    *, school: School, from_year: AcademicYear, to_year: AcademicYear, by: User
) -> list[Action]:
    """Copy the ongoing actions of one year (those that run all year: no date, no term) into
    another, without their evidence, which belongs to the year it was gathered. An action the
    new year already has by title is left alone. Returns the copies, for the school to review."""
    existing = set(
        Action.objects.for_school(school).for_year(to_year).values_list("title", flat=True)
    )
    copies = []
    ongoing = Action.objects.for_school(school).for_year(from_year).filter(date=None, term="")
    for action in ongoing.order_by("position", "title", "pk"):
        if action.title in existing:
            continue
        fields = {
            name: getattr(action, name)
            for name in ACTION_FIELDS
            if name not in ("academic_year", "evidence_note", "evidence_url")
        }
        copies.append(
            action_create(school=school, by=by, academic_year=to_year.start_year, **fields)
        )
    return copies


def action_delete(*, action: Action, by: User) -> None:
    """Remove an action; its history keeps what it said and who removed it."""
    record_delete(action, by=by)


# --- Policies ----------------------------------------------------------------------------------


def policy_create(*, school: School, by: User, **fields: Any) -> Policy:
    """Add a policy to the register."""
    return _create(Policy, allowed=POLICY_FIELDS, by=by, fields=fields, school=school)


def policy_update(*, policy: Policy, by: User, **changes: Any) -> Policy:
    return _update(policy, allowed=POLICY_FIELDS, by=by, changes=changes)


def policy_review_record(*, policy: Policy, by: User, **fields: Any) -> PolicyReview:
    """Record a review of a policy, which moves its next review date on by one cycle."""
    return _create(PolicyReview, allowed=REVIEW_FIELDS, by=by, fields=fields, policy=policy)


# --- Equality analyses -------------------------------------------------------------------------

# What a form gives for each characteristic: (impact, note), or None when not relevant.
Impacts = Mapping[str, tuple[str, str] | None]


def _save_impacts(analysis: EqualityAnalysis, impacts: Impacts, *, by: User) -> None:
    errors = {}
    kept = []
    for characteristic, assessed in impacts.items():
        if assessed is None:
            continue
        impact, note = assessed
        row = CharacteristicImpact.objects.filter(
            analysis=analysis, characteristic=characteristic
        ).first() or CharacteristicImpact(analysis=analysis, characteristic=characteristic)
        row.impact, row.note = impact, note.strip()
        try:
            record_save(row, by=by)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                key = "impact" if field in ("characteristic", "impact") else "note"
                errors[f"{key}_{characteristic}"] = messages
        kept.append(characteristic)
    for row in analysis.impacts.exclude(characteristic__in=kept):
        record_delete(row, by=by)
    if errors:
        raise ValidationError(errors)


def equality_analysis_create(
    *, school: School, by: User, impacts: Impacts, **fields: Any
) -> EqualityAnalysis:
    """Record an equality analysis with its impact on each relevant protected characteristic.

    Impact errors are keyed ``impact_<characteristic>`` or ``note_<characteristic>``.
    """
    with transaction.atomic():
        analysis = _create(
            EqualityAnalysis, allowed=ANALYSIS_FIELDS, by=by, fields=fields, school=school
        )
        _save_impacts(analysis, impacts, by=by)
    return analysis


def equality_analysis_update(
    *, analysis: EqualityAnalysis, by: User, impacts: Impacts, **changes: Any
) -> EqualityAnalysis:
    """Change an analysis. A signed-off analysis loses its sign-off: leadership sign again."""
    with transaction.atomic():
        analysis.signed_off_by = None
        analysis.signed_off_on = None
        _update(analysis, allowed=ANALYSIS_FIELDS, by=by, changes=changes)
        _save_impacts(analysis, impacts, by=by)
    return analysis


def equality_analysis_sign_off(
    *, analysis: EqualityAnalysis, signed_off_on: datetime.date, by: User
) -> EqualityAnalysis:
    """A leadership member signs the analysis off on a date."""
    if analysis.is_signed_off:
        raise ValidationError(ALREADY_SIGNED_OFF)
    analysis.signed_off_by = by
    analysis.signed_off_on = signed_off_on
    return record_save(analysis, by=by)


def impacts_from(characteristics: list[str] | None = None) -> dict[str, None]:
    """An impacts mapping with every characteristic "not relevant", to fill in."""
    return dict.fromkeys(characteristics or Characteristic.values)


# --- Monitoring: profiles and outcome measures ------------------------------------------------


def population_profile_create(*, school: School, by: User, **fields: Any) -> PopulationProfile:
    """Start a profile of pupils, staff or governors at a census date."""
    return _create(PopulationProfile, allowed=PROFILE_FIELDS, by=by, fields=fields, school=school)


def population_profile_update(
    *, profile: PopulationProfile, by: User, **changes: Any
) -> PopulationProfile:
    return _update(profile, allowed=PROFILE_FIELDS, by=by, changes=changes)


def population_profile_delete(*, profile: PopulationProfile, by: User) -> None:
    with transaction.atomic():
        for figure in profile.figures.all():
            record_delete(figure, by=by)
        record_delete(profile, by=by)


def profile_figure_record(*, profile: PopulationProfile, by: User, **fields: Any) -> ProfileFigure:
    """Record one category's count (or published percentage) in a profile."""
    figure = ProfileFigure(profile=profile)
    _set(figure, FIGURE_FIELDS, fields)
    return record_save(figure, by=by)


def profile_figure_update(*, figure: ProfileFigure, by: User, **changes: Any) -> ProfileFigure:
    return _update(figure, allowed=FIGURE_FIELDS, by=by, changes=changes)


def profile_figure_delete(*, figure: ProfileFigure, by: User) -> None:
    record_delete(figure, by=by)


def outcome_measure_create(*, school: School, by: User, **fields: Any) -> OutcomeMeasure:
    """Record an outcome for a group against a comparison group."""
    return _create(OutcomeMeasure, allowed=OUTCOME_FIELDS, by=by, fields=fields, school=school)


def outcome_measure_update(*, measure: OutcomeMeasure, by: User, **changes: Any) -> OutcomeMeasure:
    return _update(measure, allowed=OUTCOME_FIELDS, by=by, changes=changes)


def outcome_measure_delete(*, measure: OutcomeMeasure, by: User) -> None:
    record_delete(measure, by=by)


# --- Monitoring: CSV import --------------------------------------------------------------------

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
# Rows in one file: an import of this many finishes well inside the request budget
# (settings.REQUEST_TIMEOUT; measured in benchmarks/, "Census CSV import").
MAX_IMPORT_ROWS = 50_000
FILE_TOO_LARGE = "The file is larger than 8 MB. Split it into smaller files and import each."
NOT_UTF8 = (
    "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)” "
    "and import it again."
)
UTF16 = (
    "The file is UTF-16 (“Unicode text”), not UTF-8. In your spreadsheet, save it as “CSV UTF-8 "
    "(comma delimited)” and import it again."
)
NOT_CSV = "The file could not be read as CSV: {error}."
WRONG_COLUMNS = "The columns must be exactly: {expected}. This file has: {found}."
NO_ROWS = "The file has a header but no rows of figures."
TOO_MANY_ROWS = (
    "The file has {rows:,} rows; at most {limit:,} can be imported at once. Split it into "
    "smaller files and import each."
)
ROW_LENGTH = "Line {line}: the row has {found} values but the header has {expected} columns."
ROW_ERROR = "Line {line}: {column}: {message}"
NUL_IN_ROW = "Line {line}: the row contains a NUL character, which is not text. Retype the row."
REQUIRED = "a value is needed."
NOT_WHOLE_NUMBER = "{value!r} is not a whole number of 0 or more."
NOT_NUMBER = "{value!r} is not a number."
NOT_PERCENT = "{value!r} is not a percentage from 0 to 100."
NOT_DATE = "{value!r} is not a date such as 2025-01-16 or 16/01/2025."
NOT_ACADEMIC_YEAR = "{value!r} is not an academic year such as 2024-25."
NOT_CHOICE = "{value!r} is not one of: {choices}."

POPULATION_COLUMNS = (
    "population",
    "census_date",
    "category_type",
    "category",
    "count",
    "percent",
    "comparator_la_percent",
    "comparator_national_percent",
)
# Optional, after the others: the group of the population a profile describes (empty for the
# whole population) and its headcount, as a profile's own template writes them.
POPULATION_PROFILE_COLUMNS = ("group", "headcount")
HEADCOUNT_DIFFERS = "this census's headcount is {headcount}, not {value}."
HEADCOUNT_NOT_RECORDED = (
    "this census is already recorded without a headcount: give it on the profile's page, or "
    "leave this column empty."
)
HEADCOUNT_UNDER_COUNT = "{value} is less than the count of {count} on line {line}."
OUTCOME_COLUMNS = (
    "academic_year",
    "term",
    "measure",
    "description",
    "unit",
    "group",
    "group_size",
    "group_value",
    "comparison_group",
    "comparison_size",
    "comparison_value",
    "source",
)


class RowError(Exception):
    """One bad value in one row of an imported file."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def _read_rows(file: UploadedFile, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The file's rows as (line number, {column: text}); a ValidationError on the file field
    when it is too large, not UTF-8, not CSV or has the wrong columns."""
    return [
        (line, dict(zip(columns, values, strict=True)))
        for line, values in _read_records(file, columns)
    ]


def _read_records(
    file: UploadedFile, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> list[tuple[int, list[str]]]:
    """The file's rows as (line number, [text of each column]), checked as _read_rows says.
    The header may add the optional columns after the others; without them, they are empty."""
    if (file.size or 0) > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": FILE_TOO_LARGE})
    content = file.read()
    head = content[:400]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") > len(head) // 4:
        raise ValidationError({"file": UTF16})
    try:
        text = content.decode("utf-8-sig")  # accepts the BOM Excel writes
    except UnicodeDecodeError:
        raise ValidationError({"file": NOT_UTF8}) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise ValidationError({"file": NOT_CSV.format(error=error)}) from None
    header = [name.strip().lower() for name in records[0][1]] if records else []
    missing = [""] * len(optional)
    if optional and header == [*columns, *optional]:
        columns, missing = (*columns, *optional), []
    if header != list(columns):
        raise ValidationError(
            {
                "file": WRONG_COLUMNS.format(
                    expected=",".join(columns), found=",".join(header) or "no header"
                )
            }
        )
    rows: list[tuple[int, list[str]]] = []
    errors: list[str] = []
    nul = "\x00" in text  # PostgreSQL cannot store it
    width, strip = len(columns), str.strip
    for line, values in itertools.islice(records, 1, None):
        stripped = [*map(strip, values), *missing]
        if not any(stripped):
            continue  # spreadsheets leave blank lines at the end
        if nul and any("\x00" in value for value in values):
            errors.append(NUL_IN_ROW.format(line=line))
            continue
        if len(values) != width:
            errors.append(ROW_LENGTH.format(line=line, found=len(values), expected=width))
            continue
        rows.append((line, stripped))
    if errors:
        raise ValidationError({"file": errors})
    if not rows:
        raise ValidationError({"file": NO_ROWS})
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError({"file": TOO_MANY_ROWS.format(rows=len(rows), limit=MAX_IMPORT_ROWS)})
    return rows


# Other apps' imports (workforce's payroll) read their files the same way.
read_csv_rows = _read_rows


def _required(row: Row, column: str) -> str:
    if not row[column]:
        raise RowError(column, REQUIRED)
    return row[column]


def _whole_number(row: Row, column: str, *, required: bool = False) -> int | None:
    value = _required(row, column) if required else row[column]
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):  # "²" and "٣" are digits, not numbers
        raise RowError(column, NOT_WHOLE_NUMBER.format(value=value))
    return int(value)


def _number(
    row: Row, column: str, *, percent: bool = False, required: bool = False
) -> Decimal | None:
    value = _required(row, column) if required else row[column]
    if not value:
        return None
    try:
        number = Decimal(value.removesuffix("%").strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise RowError(column, NOT_NUMBER.format(value=value))
    if percent and not 0 <= number <= 100:
        raise RowError(column, NOT_PERCENT.format(value=value))
    return number


def _date(row: Row, column: str) -> datetime.date:
    value = _required(row, column)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise RowError(column, NOT_DATE.format(value=value))


def _choice(
    row: Row, column: str, choices: Iterable[tuple[Any, Any]], *, required: bool = True
) -> str:
    """A choice given by its code or its label, in any case."""
    value = _required(row, column) if required else row[column]
    if not value:
        return ""
    for code, label in choices:
        if value.lower() in (str(code).lower(), str(label).lower()):
            return str(code)
    codes = ", ".join(str(code) for code, _ in choices)
    raise RowError(column, NOT_CHOICE.format(value=value, choices=codes))


def _row_errors(
    line: int, error: RowError | ValidationError, columns: tuple[str, ...]
) -> list[str]:
    """The messages for one bad row, each naming its line and column."""
    if isinstance(error, RowError):
        return [ROW_ERROR.format(line=line, column=error.column, message=error.message)]
    by_field = error.message_dict if hasattr(error, "error_dict") else {}
    if not by_field:
        by_field = {"row": error.messages}
    return [
        ROW_ERROR.format(line=line, column=field if field in columns else "row", message=message)
        for field, messages in by_field.items()
        for message in messages
    ]


def _import(
    file: UploadedFile,
    columns: tuple[str, ...],
    model: type[models.Model],
    build: Callable[[Row], models.Model],
    *,
    by: User,
    before_save: Callable[[list[models.Model]], None] | None = None,
) -> int:
    """Check every row with ``build(row)``, which returns an unsaved, validated record, then
    save them all with their history rows in a few bulk inserts, inside one transaction. Any
    bad row saves nothing and every bad row is reported with its line number.

    Made for MAX_IMPORT_ROWS well inside the request budget (settings.REQUEST_TIMEOUT): no
    query per row, so the cost hardly grows with the file.
    """
    rows = _read_rows(file, columns)
    records: list[models.Model] = []
    errors: list[str] = []
    with transaction.atomic():
        for line, row in rows:
            try:
                records.append(build(row))
            except (RowError, ValidationError) as error:
                errors.extend(_row_errors(line, error, columns))
        if errors:
            raise ValidationError({"file": errors})
        if before_save is not None:
            before_save(records)
        bulk_create_with_history(records, model, default_user=by)
    return len(records)


def _checked(record: models.Model, *, owners: tuple[str, ...]) -> models.Model:
    """A new record's field and own rules, checked in memory (its owners are known good)."""
    record.clean_fields(exclude=list(owners))
    record.clean()
    return record


class _Once:
    """A value's check, made once per distinct value: a long census file repeats the same
    dates, categories and numbers on most of its rows."""

    def __init__(self, check: Callable[[Any], Any]):
        self.check = check
        self.results: dict[Any, Any] = {}

    def __call__(self, value: Any) -> Any:
        try:
            result = self.results[value]
        except KeyError:
            try:
                result = self.check(value)
            except RowError as error:
                result = error
            self.results[value] = result
        if result.__class__ is RowError:
            raise RowError(result.column, result.message)
        return result


# A figure as an import checks and saves it, without a model instance per row.
FIGURE_VALUES = ("count", "percent", "comparator_la_percent", "comparator_national_percent")
ProfileKey = tuple[str, str, datetime.date]  # population, group, census date
# The profile, category type, category, count and percentages, and the same from category type
# on as a line of COPY's text format, made once per distinct figure.
ImportedFigure = tuple[PopulationProfile, str, str, int | None, Decimal | None, Any, Any, str]


def population_import(*, school: School, file: UploadedFile, by: User) -> int:
    """Import profile figures from CSV, one import of a school's figures at a time: a second
    import sent at the same moment waits for the first to commit, then checks its rows against
    what the first saved (two at once would both create the same profile, and the database's
    unique constraint would refuse the second with an error instead of a message)."""
    with transaction.atomic():
        list(School.objects.select_for_update().filter(pk=school.pk).values_list("pk"))
        return _population_import(school=school, file=file, by=by)


def _population_import(*, school: School, file: UploadedFile, by: User) -> int:
    """Import profile figures from CSV (POPULATION_COLUMNS, optionally followed by
    POPULATION_PROFILE_COLUMNS), all or nothing. Returns the number of figures imported; a
    missing profile is created for its population, group and census date, with the headcount
    its rows give.

    The school's profiles are read once; each row is checked in memory against the figures
    already in its profile (read once per profile) and the rows before it, each distinct value
    once; new profiles and the figures are saved in bulk with their history (on PostgreSQL
    with COPY). Measured in benchmarks/ ("Census CSV import").
    """
    today = dates.today()
    profiles: dict[ProfileKey, PopulationProfile] = {
        (profile.population, profile.cohort, profile.census_date): profile
        for profile in PopulationProfile.objects.for_school(school)
    }
    new_profiles: list[PopulationProfile] = []
    siblings: dict[ProfileKey, FigureSiblings] = {}
    # A new profile's largest count so far and its line, for a headcount given on a later row.
    largest: dict[ProfileKey, tuple[int, int]] = {}

    def profile_for(key: ProfileKey, headcount: int | None) -> PopulationProfile:
        if key not in profiles:
            population, cohort, census_date = key
            if census_date > today:
                raise RowError("census_date", CENSUS_DATE_FUTURE)
            profile = PopulationProfile(
                school=school,
                population=population,
                cohort=cohort,
                census_date=census_date,
                headcount=headcount,
                created_by=by,
            )
            try:
                profile.clean_fields(exclude=["school", "created_by"])
            except ValidationError as error:
                field, messages = next(iter(error.message_dict.items()))
                column = {"cohort": "group", "headcount": "headcount"}.get(field, "census_date")
                raise RowError(column, " ".join(messages)) from None
            profiles[key] = profile
            new_profiles.append(profile)
            siblings[key] = FigureSiblings()
        if key not in siblings:
            siblings[key] = FigureSiblings(profiles[key].figures.all())
        return profiles[key]

    def where(texts: tuple[str, str, str]) -> ProfileKey:
        return (
            _choice({"population": texts[0]}, "population", Population.choices),
            texts[2],
            _date({"census_date": texts[1]}, "census_date"),
        )

    def agreed(
        profile: PopulationProfile, key: ProfileKey, headcount: int | None, line: int
    ) -> None:
        """A headcount given on a row is the census's: the same on every row that gives one."""
        if headcount is None or headcount == profile.headcount:
            return
        if profile.headcount is not None:
            raise RowError(
                "headcount", HEADCOUNT_DIFFERS.format(headcount=profile.headcount, value=headcount)
            )
        if profile.pk is not None:
            raise RowError("headcount", HEADCOUNT_NOT_RECORDED)
        count, at = largest.get(key, (0, 0))
        if count > headcount:
            raise RowError(
                "headcount", HEADCOUNT_UNDER_COUNT.format(value=headcount, count=count, line=at)
            )
        profile.headcount = headcount

    def what(texts: tuple[str, str]) -> tuple[str, str]:
        category_type = _choice({"category_type": texts[0]}, "category_type", CategoryType.choices)
        # A census code or its label ("WBRI" or "White British"), or the school's own name.
        name = _required({"category": texts[1]}, "category")
        return category_type, category_code(category_type, name)

    fields = [f for f in ProfileFigure._meta.concrete_fields if f.name in FIGURE_VALUES]
    assert [f.name for f in fields] == list(FIGURE_VALUES)  # noqa: S101 (in the files' order)

    def how_many(texts: tuple[str, ...]) -> tuple[list[Any], dict[str, list[str]]]:
        """The count and percentages, and their fields' own messages (a percentage's one
        decimal place, a count's largest value) for after the profile's."""
        row = dict(zip(FIGURE_VALUES, texts, strict=True))
        values = [_whole_number(row, "count"), *(_percent(row, c) for c in FIGURE_VALUES[1:])]
        messages = {}
        for index, field in enumerate(fields):
            try:
                values[index] = field.clean(values[index], None)
            except ValidationError as error:
                messages[field.name] = error.messages
        return values, messages

    def figure(texts: tuple[str, ...]) -> tuple[tuple[str, str], list[Any], Any, str]:
        category_type, category = what((texts[0], texts[1]))
        numbers, messages = how_many(texts[2:])
        copy = "\t".join(
            (
                category_type,
                _copy_text(category),
                *("\\N" if n is None else str(n) for n in numbers),
            )
        )
        return (category_type, category), numbers, messages, copy

    def place(pair: tuple[ProfileKey, str]) -> tuple[int | None, PopulationProfile]:
        key, text = pair
        headcount = _whole_number({"headcount": text}, "headcount")
        return headcount, profile_for(key, headcount)

    # Each check once per distinct value, in the order a row's messages are given.
    where_of, figure_of, place_of = _Once(where), _Once(figure), _Once(place)

    def check(line: int, values: list[str]) -> ImportedFigure:
        key = where_of((values[0], values[1], values[8]))
        (category_type, category), numbers, field_errors, copy = figure_of(tuple(values[2:8]))
        headcount, profile = place_of((key, values[9]))
        agreed(profile, key, headcount, line)
        if field_errors:
            raise ValidationError(field_errors)
        count, percent, la_percent, national_percent = numbers
        check_figure_alone(category, count, percent, profile.headcount)
        siblings[key].take(category_type, category, percent)
        if count is not None and count > largest.get(key, (0, 0))[0] and profile.pk is None:
            largest[key] = (count, line)
        return (
            profile,
            category_type,
            category,
            count,
            percent,
            la_percent,
            national_percent,
            copy,
        )

    records = _read_records(file, POPULATION_COLUMNS, POPULATION_PROFILE_COLUMNS)
    figures: list[ImportedFigure] = []
    errors: list[str] = []
    with transaction.atomic():
        for line, values in records:
            try:
                figures.append(check(line, values))
            except (RowError, ValidationError) as error:
                errors.extend(
                    _row_errors(line, error, POPULATION_COLUMNS + POPULATION_PROFILE_COLUMNS)
                )
        if errors:
            raise ValidationError({"file": errors})
        moment = dates.now()
        bulk_create_with_history(
            new_profiles, PopulationProfile, default_user=by, default_date=moment
        )
        _save_figures(figures, by=by, moment=moment)
        # A bulk insert sends no signal: tell whoever keeps derived state (the compliance
        # snapshots) that the school's records changed, once. As a raw save, so that
        # simple-history does not write the profile's history again.
        post_save.send(sender=PopulationProfile, instance=figures[0][0], created=False, raw=True)
    return len(figures)


def _percent(row: Row, column: str) -> Decimal | None:
    return _number(row, column, percent=True)


def _save_figures(figures: list[ImportedFigure], *, by: User, moment: datetime.datetime) -> None:
    """Save checked figures and their history rows ('+', by, at the moment), as
    bulk_create_with_history would: with COPY on PostgreSQL, in batches elsewhere."""
    if connection.vendor != "postgresql":
        records = [
            ProfileFigure(
                profile=figure[0],
                category_type=figure[1],
                category=figure[2],
                count=figure[3],
                percent=figure[4],
                comparator_la_percent=figure[5],
                comparator_national_percent=figure[6],
            )
            for figure in figures
        ]
        bulk_create_with_history(
            records, ProfileFigure, batch_size=1000, default_user=by, default_date=moment
        )
        return
    history = ProfileFigure.history.model
    columns = ["profile_id", "category_type", "category", *FIGURE_VALUES]
    extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    # Every column of the figure and of its history is written, as simple-history would.
    assert {f.column for f in ProfileFigure._meta.concrete_fields} == {"id", *columns}  # noqa: S101
    history_columns = {f.column for f in history._meta.concrete_fields} - {"history_id"}
    assert history_columns == {"id", *columns, *extra}, history_columns  # noqa: S101
    table, history_table = ProfileFigure._meta.db_table, history._meta.db_table
    names = ", ".join(columns)
    # The table and column names are the models' own, never input.
    with connection.cursor() as cursor:
        # The figures' ids, taken from their table's own sequence in one query, so that the
        # figures and their history go in with COPY straight into their tables.
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (sequence,) = cursor.fetchone()
        cursor.execute(
            "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, len(figures)]
        )
        ids = [str(row[0]) for row in cursor.fetchall()]
        profiles = {id(figure[0]): figure[0] for figure in figures}
        profile_ids = {key: str(profile.pk) for key, profile in profiles.items()}
        rows = [f"{profile_ids[id(figure[0])]}\t{figure[7]}" for figure in figures]
        cursor.cursor.copy_expert(
            f"COPY {table} (id, {names}) FROM STDIN",
            io.StringIO("".join(f"{pk}\t{row}\n" for pk, row in zip(ids, rows, strict=True))),
        )
        ending = f"\t{moment.isoformat()}\t\\N\t+\t{by.pk}\n"
        cursor.cursor.copy_expert(
            f"COPY {history_table} (id, {names}, {', '.join(extra)}) FROM STDIN",
            io.StringIO("".join(f"{pk}\t{row}{ending}" for pk, row in zip(ids, rows, strict=True))),
        )


def _copy_text(text: str) -> str:
    """Text in COPY's text format: backslash, tab and line breaks escaped."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def outcome_import(*, school: School, file: UploadedFile, by: User) -> int:
    """Import outcome measures from CSV (OUTCOME_COLUMNS), all or nothing."""

    def build(row: Row) -> OutcomeMeasure:
        label = _required(row, "academic_year")
        try:
            year = AcademicYear.from_label(label)
        except ValueError:
            raise RowError("academic_year", NOT_ACADEMIC_YEAR.format(value=label)) from None
        unit = _choice(row, "unit", Unit.choices)
        percent = unit == Unit.PERCENT
        measure = OutcomeMeasure(school=school, created_by=by)
        _set(
            measure,
            OUTCOME_FIELDS,
            {
                "academic_year": year.start_year,
                "term": _choice(row, "term", Term.choices, required=False),
                "measure": _choice(row, "measure", Measure.choices),
                "description": _required(row, "description"),
                "unit": unit,
                "group": _required(row, "group"),
                "group_size": _whole_number(row, "group_size"),
                "group_value": _number(row, "group_value", percent=percent, required=True),
                "comparison_group": _required(row, "comparison_group"),
                "comparison_size": _whole_number(row, "comparison_size"),
                "comparison_value": _number(
                    row, "comparison_value", percent=percent, required=True
                ),
                "source": row["source"],
            },
        )
        _checked(measure, owners=("school", "created_by"))
        return measure

    return _import(file, OUTCOME_COLUMNS, OutcomeMeasure, build, by=by)
