import datetime
import itertools

import pytest

from equality_portal.core.academic_year import AcademicYear, AcademicYearConverter


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (datetime.date(2024, 9, 1), "2024-25"),
        (datetime.date(2025, 8, 31), "2024-25"),
        (datetime.date(2025, 1, 15), "2024-25"),
        (datetime.date(1999, 9, 1), "1999-00"),
    ],
)
def test_the_academic_year_runs_september_to_august(day, label):
    assert AcademicYear.containing(day).label == label


def test_labels_round_trip_and_bad_ones_are_refused():
    assert AcademicYear.from_label("2024-25") == AcademicYear(2024)
    for bad in ["2024-26", "2024", "24-25", "2024-2025"]:
        with pytest.raises(ValueError, match="academic year"):
            AcademicYear.from_label(bad)


def test_terms_cover_the_year_without_gaps():
    year = AcademicYear(2024)
    terms = year.terms
    assert [t.label for t in terms] == ["Autumn 2024-25", "Spring 2024-25", "Summer 2024-25"]
    assert terms[0].start == year.start
    assert terms[-1].end == year.end
    for earlier, later in itertools.pairwise(terms):
        assert later.start - earlier.end == datetime.timedelta(days=1)
    assert year.term_containing(datetime.date(2025, 2, 1)).name == "Spring"


def test_the_url_converter_gives_a_year_and_rejects_nonsense():
    converter = AcademicYearConverter()
    assert converter.to_python("2023-24") == AcademicYear(2023)
    assert converter.to_url(AcademicYear(2023)) == "2023-24"
    assert converter.to_url(2023) == "2023-24"
    with pytest.raises(ValueError, match="academic year"):
        converter.to_python("2023-99")
