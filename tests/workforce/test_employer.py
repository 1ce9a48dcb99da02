"""The employer's duties where the employer is: the 150-staff rule counted at the trust for
academies, at the school (its governing body) for a maintained school."""

import datetime

import pytest

from duties.compliance import staff_information
from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Status
from equality_portal.oversight.models import ComplianceSnapshot
from equality_portal.oversight.snapshots import checks_for_schools
from equality_portal.schools.models import Trust
from tests.factories import SchoolFactory
from workforce.models import TrustWorkforceFigure
from workforce.selectors import employer_of

DAY = datetime.date(2026, 12, 3)  # any day: the rule does not depend on the date
YEAR = AcademicYear.containing(DAY)


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
    assert "160 staff at Test Trust, the trust" in check.summary


# Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017: reg. 4(3)(a) and
# 4(4) (information about employees, not for fewer than 150), reg. 2(3) (the local authority's
# employees at a maintained school are treated as the governing body's).
LOCAL_AUTHORITY_EMPLOYS = ("community", "voluntary_controlled", "community_special")
GOVERNING_BODY_EMPLOYS = ("foundation", "voluntary_aided", "foundation_special")


@pytest.mark.parametrize("establishment_type", [*LOCAL_AUTHORITY_EMPLOYS, "maintained_nursery"])
def test_a_school_whose_staff_the_local_authority_employs_counts_them_at_its_governing_body(
    db, establishment_type
):
    # Even in a federation (a trust in the portal), a maintained school counts its own staff.
    federation = Trust.objects.create(name="A Federation")
    SchoolFactory(trust=federation, number_of_staff=100)
    school = SchoolFactory(
        trust=federation, establishment_type=establishment_type, number_of_staff=160
    )
    assert not school.counted_at_trust
    assert school.employer_staff == 160
    assert school.must_publish_staff_information
    assert employer_of(school).school == school
    check = staff_information(school=school, year=YEAR, today=DAY)
    assert check.status == Status.MISSING
    assert "160 staff at the governing body: the local authority employs" in check.summary
    assert "governing body's employees" in check.summary


@pytest.mark.parametrize("establishment_type", GOVERNING_BODY_EMPLOYS)
def test_a_school_whose_governing_body_employs_its_staff_counts_them_there(db, establishment_type):
    school = SchoolFactory(establishment_type=establishment_type, number_of_staff=149)
    assert school.employer_staff == 149
    assert not school.must_publish_staff_information
    check = staff_information(school=school, year=YEAR, today=DAY)
    assert check.status == Status.MET
    assert "149 staff at the governing body, which employs the school's staff" in check.summary
    assert "fewer than 150 employees" in check.summary


@pytest.mark.parametrize("establishment_type", ["academy", ""])
def test_an_academy_counts_its_trusts_staff_but_not_a_federated_maintained_school(
    db, establishment_type
):
    trust = Trust.objects.create(name="Mixed Trust")
    academy = SchoolFactory(trust=trust, establishment_type=establishment_type, number_of_staff=90)
    SchoolFactory(trust=trust, establishment_type="academy", number_of_staff=50)
    SchoolFactory(trust=trust, establishment_type="community", number_of_staff=500)
    assert academy.counted_at_trust
    assert academy.employer_staff == 140  # the community school's 500 are not the trust's
    assert employer_of(academy).trust == trust
    check = staff_information(school=academy, year=YEAR, today=DAY)
    assert "140 staff at Mixed Trust, the trust, which employs" in check.summary


def _staff_in_post(trust, year):
    return TrustWorkforceFigure.objects.create(
        trust=trust,
        academic_year=year.start_year,
        stage="in_post",
        category_type="sex",
        category="Female",
        count=150,
    )


def test_the_trusts_own_staff_in_post_meet_the_rule_for_its_academies(db):
    trust = Trust.objects.create(name="Big Trust")
    academy = SchoolFactory(trust=trust, number_of_staff=200)
    assert staff_information(school=academy, year=YEAR, today=DAY).status == Status.MISSING
    _staff_in_post(trust, YEAR)
    check = staff_information(school=academy, year=YEAR, today=DAY)
    assert check.status == Status.MET
    assert "recorded by the trust" in check.summary


def test_the_trusts_staff_in_post_refresh_its_academies_compliance_snapshots(db):
    trust = Trust.objects.create(name="Big Trust")
    academies = [SchoolFactory(trust=trust, number_of_staff=200) for _ in range(2)]
    today = dates.today()
    year = AcademicYear.containing(today)

    def staff_statuses():
        checks = checks_for_schools(schools=academies, today=today)
        return {
            check.status
            for school_checks in checks.values()
            for check in school_checks
            if check.key == "staff_information"
        }

    assert staff_statuses() == {Status.MISSING}
    assert ComplianceSnapshot.objects.count() == 2
    _staff_in_post(trust, year)
    assert not ComplianceSnapshot.objects.exists()
