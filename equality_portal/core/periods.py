"""Periods a publication covers: an academic year (September to August), a calendar year, a
financial year (April to March), or any run of whole months, such as a plan for 2024-2028.

A period is a start month and an end month. Its address in a URL (``key``) is the academic
year's label for an academic year (``2024-25``, as before periods existed), the year for a
calendar year (``2024``), and ``2024-04-to-2025-03`` for anything else. Its label is how the
portal writes it when the school gives none of its own.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from .academic_year import FIRST_START_YEAR, LAST_START_YEAR, AcademicYear, Term

MONTHS_PATTERN = re.compile(r"^(\d{4})-(\d{2})-to-(\d{4})-(\d{2})$")
CALENDAR_PATTERN = re.compile(r"^(\d{4})$")
NOT_A_PERIOD = "{key!r} is not a period such as 2024-25, 2024 or 2024-04-to-2025-03."
PERIOD_ENDS_BEFORE_START = "The period must end after it starts."
PERIOD_OUT_OF_RANGE = "Give a period between {first} and {last}."


class PeriodKind:
    """What kind of period it is, read from its months."""

    ACADEMIC_YEAR = "academic_year"
    CALENDAR_YEAR = "calendar_year"
    FINANCIAL_YEAR = "financial_year"
    MONTHS = "months"


@dataclass(frozen=True, order=True)
class Period:
    """From the first day of ``start_month`` of ``start_year`` to the last day of ``end_month``
    of ``end_year``."""

    start_year: int
    start_month: int
    end_year: int
    end_month: int

    def __post_init__(self) -> None:
        if not (1 <= self.start_month <= 12 and 1 <= self.end_month <= 12):
            raise ValueError("A month is from 1 to 12.")
        if (self.end_year, self.end_month) < (self.start_year, self.start_month):
            raise ValueError(PERIOD_ENDS_BEFORE_START)
        if not (self.start_year >= FIRST_START_YEAR and self.end_year <= LAST_START_YEAR + 1):
            raise ValueError(
                PERIOD_OUT_OF_RANGE.format(first=FIRST_START_YEAR, last=LAST_START_YEAR + 1)
            )

    # --- Making one ---------------------------------------------------------------------------

    @classmethod
    def academic(cls, year: AcademicYear | int) -> "Period":
        start = year.start_year if isinstance(year, AcademicYear) else year
        return cls(start, 9, start + 1, 8)

    @classmethod
    def calendar_year(cls, year: int) -> "Period":
        return cls(year, 1, year, 12)

    @classmethod
    def financial_year(cls, start_year: int) -> "Period":
        return cls(start_year, 4, start_year + 1, 3)

    @classmethod
    def between(cls, start: datetime.date, end: datetime.date) -> "Period":
        """The whole months from ``start``'s to ``end``'s."""
        return cls(start.year, start.month, end.year, end.month)

    @classmethod
    def from_key(cls, key: str) -> "Period":
        """A period from its address; ValueError for anything else."""
        if match := MONTHS_PATTERN.match(key):
            return cls(*(int(part) for part in match.groups()))
        if CALENDAR_PATTERN.match(key):
            return cls.calendar_year(int(key))
        try:
            return cls.academic(AcademicYear.from_label(key))
        except ValueError:
            raise ValueError(NOT_A_PERIOD.format(key=key)) from None

    # --- Reading it ---------------------------------------------------------------------------

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.start_year, self.start_month, 1)

    @property
    def end(self) -> datetime.date:
        last = calendar.monthrange(self.end_year, self.end_month)[1]
        return datetime.date(self.end_year, self.end_month, last)

    @property
    def months(self) -> int:
        return (self.end_year - self.start_year) * 12 + self.end_month - self.start_month + 1

    @property
    def kind(self) -> str:
        one_year = self.months == 12
        if one_year and self.start_month == 9:
            return PeriodKind.ACADEMIC_YEAR
        if one_year and self.start_month == 1:
            return PeriodKind.CALENDAR_YEAR
        if one_year and self.start_month == 4:
            return PeriodKind.FINANCIAL_YEAR
        return PeriodKind.MONTHS

    @property
    def is_academic_year(self) -> bool:
        return self.kind == PeriodKind.ACADEMIC_YEAR

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.ACADEMIC_YEAR:
            return AcademicYear(self.start_year).label
        if self.kind == PeriodKind.CALENDAR_YEAR:
            return str(self.start_year)
        return f"{self.start_year}-{self.start_month:02d}-to-{self.end_year}-{self.end_month:02d}"

    @property
    def label(self) -> str:
        """``2024-25`` (an academic year), ``2024`` (a calendar year), ``2024-25 financial
        year``, ``2024-2028`` (whole academic or calendar years), else ``April 2024 to July
        2026``."""
        kind = self.kind
        if kind == PeriodKind.ACADEMIC_YEAR:
            return AcademicYear(self.start_year).label
        if kind == PeriodKind.CALENDAR_YEAR:
            return str(self.start_year)
        if kind == PeriodKind.FINANCIAL_YEAR:
            return f"{self.start_year}-{(self.start_year + 1) % 100:02d} financial year"
        whole_years = self.months % 12 == 0 and self.start_month in (1, 9)
        if whole_years:
            return f"{self.start_year}-{self.end_year}"
        return f"{self.start:%B %Y} to {self.end:%B %Y}"

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def academic_years(self) -> list[AcademicYear]:
        """The academic years the period overlaps: records kept by academic year (actions,
        engagement, outcomes) reach the statement of every period their year overlaps."""
        first = AcademicYear.containing(self.start).start_year
        last = AcademicYear.containing(self.end).start_year
        return [AcademicYear(year) for year in range(first, last + 1)]

    @property
    def reporting_year(self) -> AcademicYear:
        """The one academic year a statement for the period reports on where figures are kept
        by academic year (termly incidents; the checks before publishing): the latest that has
        begun by today and ends within the period, or else the latest that has begun, or else
        the first. An academic year's is itself."""
        if self.is_academic_year:
            return AcademicYear(self.start_year)
        from equality_portal import dates

        today = dates.today()
        begun = [year for year in self.academic_years if year.start <= today]
        ended = [year for year in begun if year.end <= self.end]
        return (ended or begun or self.academic_years)[-1]

    @property
    def terms(self) -> list[Term]:
        return self.reporting_year.terms

    def __str__(self) -> str:
        return self.label


def as_period(value: "Period | AcademicYear | int") -> Period:
    """A period from a period, an academic year, or an academic year's start year."""
    if isinstance(value, Period):
        return value
    return Period.academic(value)


class PeriodConverter:
    """URL converter: ``<period:year>`` matches ``2024-25``, ``2024`` or ``2024-04-to-2025-03``
    and gives a Period. An academic year's address is what it was before periods existed."""

    regex = r"\d{4}(?:-\d{2}(?:-to-\d{4}-\d{2})?)?"

    def to_python(self, value: str) -> Period:
        # ValueError (not a period, or outside the years kept) makes the URL not match: a 404.
        return Period.from_key(value)

    def to_url(self, value: "Period | AcademicYear | int") -> str:
        return as_period(value).key


# An academic year, or any period: what the statement's selectors take.
YearOrPeriod = AcademicYear | Period


def academic_year_starts(value: YearOrPeriod) -> list[int]:
    """The start years of the academic years ``value`` covers: records kept by academic year
    reach the statement of every period their year overlaps."""
    if isinstance(value, AcademicYear):
        return [value.start_year]
    return [year.start_year for year in value.academic_years]


def reporting_year(value: YearOrPeriod) -> AcademicYear:
    """The academic year whose termly figures a statement for ``value`` summarises."""
    return value if isinstance(value, AcademicYear) else value.reporting_year
