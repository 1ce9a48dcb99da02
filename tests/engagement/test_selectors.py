from engagement import selectors
from equality_portal.core.academic_year import AcademicYear
from tests.factories import EngagementRecordFactory


def test_the_statement_gets_one_years_records_of_one_school(school, other_school):
    this_year = EngagementRecordFactory(school=school, academic_year=2026, title="B")
    gap = EngagementRecordFactory(school=school, academic_year=2026, title="A", outcome="")
    EngagementRecordFactory(school=school, academic_year=2025)
    EngagementRecordFactory(school=other_school, academic_year=2026)
    records = list(
        selectors.engagement_for_statement(school=school, academic_year=AcademicYear(2026))
    )
    assert records == [gap, this_year]
    assert [record.is_complete for record in records] == [False, True]
    assert list(
        selectors.engagement_incomplete(school=school, academic_year=AcademicYear(2026))
    ) == [gap]


def test_the_years_with_records_newest_first(school):
    EngagementRecordFactory(school=school, academic_year=2024)
    EngagementRecordFactory(school=school, academic_year=2026)
    EngagementRecordFactory(school=school, academic_year=2026)
    assert selectors.engagement_years(school=school) == [AcademicYear(2026), AcademicYear(2024)]
