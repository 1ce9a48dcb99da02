"""The employer's duties where the employer is: the 150-staff rule counted at the trust for
academies, at the school (its governing body) for a maintained school."""

import datetime

from duties.compliance import staff_information
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Status
from equality_portal.schools.models import Trust
from tests.factories import SchoolFactory


def test_the_150_staff_rule_counts_the_trusts_staff(db):
    trust = Trust.objects.create(name="Test Trust")
    academy = SchoolFactory(trust=trust, number_of_staff=90)
    SchoolFactory(trust=trust, number_of_staff=70)
    maintained = SchoolFactory(number_of_staff=90)
    assert academy.employer_staff == 160
    assert academy.must_publish_staff_information  # 90 at the school, 160 at the employer
    assert not maintained.must_publish_staff_information
    day = datetime.date(2026, 12, 3)
    check = staff_information(school=academy, year=AcademicYear.containing(day), today=day)
    assert check.status == Status.MISSING
    assert "160 staff across Test Trust" in check.summary
