"""English academic years (1 September to 31 August), written ``2024-25``, and their terms.

Models store an academic year as the calendar year it starts in (2024 for 2024-25), in a
``PositiveSmallIntegerField``; this module turns that into labels, dates and terms. Terms use
fixed boundaries so every school's summaries line up: autumn September to December, spring
January to March, summer April to August.
"""

import datetime
import re
from dataclasses import dataclass

LABEL_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")

# The academic years the portal keeps, and so the days it accepts in any date: a year or date
# outside them (0000-01, 9999-00, 1 January 0001) is an input error, never something to compute
# with. Checked here once: by the URL converter, imports, and every date field (``DayField``).
FIRST_START_YEAR = 1970
LAST_START_YEAR = 2098
NOT_AN_ACADEMIC_YEAR = "{label!r} is not an academic year such as 2024-25."
YEAR_OUT_OF_RANGE = "{label} is outside the years the portal keeps ({first} to {last})."
DAY_OUT_OF_RANGE = "Enter a date between {first} and {last}."


@dataclass(frozen=True, order=True)
class Term:
    academic_year: "AcademicYear"
    index: int  # 0 autumn, 1 spring, 2 summer

    NAMES = ("Autumn", "Spring", "Summer")

    @property
    def name(self) -> str:
        return self.NAMES[self.index]

    @property
    def label(self) -> str:
        return f"{self.name} {self.academic_year.label}"

    @property
    def start(self) -> datetime.date:
        year = self.academic_year.start_year
        return [
            datetime.date(year, 9, 1),
            datetime.date(year + 1, 1, 1),
            datetime.date(year + 1, 4, 1),
        ][self.index]

    @property
    def end(self) -> datetime.date:
        year = self.academic_year.start_year
        return [
            datetime.date(year, 12, 31),
            datetime.date(year + 1, 3, 31),
            datetime.date(year + 1, 8, 31),
        ][self.index]

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class AcademicYear:
    """One academic year, identified by the calendar year it starts in."""

    start_year: int

    @classmethod
    def containing(cls, day: datetime.date) -> "AcademicYear":
        return cls(day.year if day.month >= 9 else day.year - 1)

    @classmethod
    def current(cls) -> "AcademicYear":
        from equality_portal import dates

        return cls.containing(dates.today())

    @classmethod
    def from_label(cls, label: str) -> "AcademicYear":
        """``2024-25`` to AcademicYear(2024). Raises ValueError for anything else."""
        match = LABEL_PATTERN.match(label)
        if not match:
            raise ValueError(NOT_AN_ACADEMIC_YEAR.format(label=label))
        start = int(match.group(1))
        if (start + 1) % 100 != int(match.group(2)):
            raise ValueError(NOT_AN_ACADEMIC_YEAR.format(label=label))
        if not FIRST_START_YEAR <= start <= LAST_START_YEAR:
            raise ValueError(
                YEAR_OUT_OF_RANGE.format(label=label, first=FIRST.label, last=LAST.label)
            )
        return cls(start)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.start_year, 9, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 8, 31)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def terms(self) -> list[Term]:
        return [Term(self, index) for index in range(3)]

    def term_containing(self, day: datetime.date) -> Term:
        for term in self.terms:
            if term.contains(day):
                return term
        raise ValueError(f"{day} is not in {self.label}.")

    def previous(self) -> "AcademicYear":
        return AcademicYear(self.start_year - 1)

    def next(self) -> "AcademicYear":
        return AcademicYear(self.start_year + 1)

    def __str__(self) -> str:
        return self.label


def academic_year_choices(*, back: int = 6, forward: int = 1) -> list[tuple[int, str]]:
    """Choices for a form field: recent years, newest first."""
    current = AcademicYear.current().start_year
    return [
        (year, AcademicYear(year).label)
        for year in range(current + forward, current - back - 1, -1)
    ]


FIRST = AcademicYear(FIRST_START_YEAR)
LAST = AcademicYear(LAST_START_YEAR)
FIRST_DAY = FIRST.start
LAST_DAY = LAST.end


def validate_day(day: datetime.date | None) -> None:
    """A validator for every date the portal stores: within the years it keeps."""
    from django.core.exceptions import ValidationError

    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            DAY_OUT_OF_RANGE.format(
                first=f"{FIRST_DAY.day} {FIRST_DAY:%B %Y}", last=f"{LAST_DAY.day} {LAST_DAY:%B %Y}"
            ),
            code="day_out_of_range",
        )


class AcademicYearConverter:
    """URL converter: ``<academic_year:year>`` matches ``2024-25`` and gives AcademicYear."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> AcademicYear:
        # ValueError (not a year, or outside the years kept) makes the URL not match: a 404.
        return AcademicYear.from_label(value)

    def to_url(self, value: "AcademicYear | int") -> str:
        if isinstance(value, int):
            value = AcademicYear(value)
        return value.label
