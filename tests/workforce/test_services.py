"""The payroll import: all or nothing, every bad row listed, only the measures kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from equality_portal.schools.models import Trust
from tests.factories import SchoolFactory
from workforce import selectors, services
from workforce.models import PayGapReport

SNAPSHOT = datetime.date(2026, 3, 31)


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("payroll.csv", text.encode(), content_type="text/csv")


GOOD = "sex,hourly_pay,bonus_pay\nmale,20.00,100\nfemale,15.00,0\nF,£16.50,50\n"


def test_a_good_payroll_becomes_a_report_of_measures_only(school, leader):
    report = services.pay_gap_import(
        school=school, file=upload(GOOD), snapshot=SNAPSHOT, by=leader.user
    )
    assert report.school == school
    assert report.trust is None
    assert report.relevant_employees == 3
    assert str(report.measures.mean_pay_gap) == "21.3"  # (20 - 15.75) / 20 = 0.2125
    assert set(report.figures) >= {"mean_pay_gap", "quartiles"}
    assert "20.00" not in str(report.figures)  # no one's pay is kept


def test_importing_again_for_the_snapshot_replaces_the_report(school, leader):
    services.pay_gap_import(school=school, file=upload(GOOD), snapshot=SNAPSHOT, by=leader.user)
    services.pay_gap_import(
        school=school,
        file=upload("sex,hourly_pay,bonus_pay\nmale,10,0\nfemale,10,0\n"),
        snapshot=SNAPSHOT,
        by=leader.user,
    )
    assert PayGapReport.objects.get().relevant_employees == 2


def test_bad_rows_import_nothing_and_every_one_is_listed(school, leader):
    text = (
        "sex,hourly_pay,bonus_pay\n"
        "male,20,0\n"
        "robot,15,0\n"  # line 3: not a sex
        "female,-4,0\n"  # line 4: negative pay
        "female,,0\n"  # line 5: missing pay
        "male,12,-1\n"  # line 6: negative bonus
        "female,twelve,0\n"  # line 7: not an amount
        "male,0,0\n"  # line 8: no pay
    )
    with pytest.raises(ValidationError) as raised:
        services.pay_gap_import(school=school, file=upload(text), snapshot=SNAPSHOT, by=leader.user)
    errors = raised.value.message_dict["file"]
    for line in (3, 4, 5, 6, 7, 8):
        assert any(error.startswith(f"Line {line}:") for error in errors), line
    assert not any(error.startswith("Line 2:") for error in errors)
    assert any("negative" in error for error in errors)
    assert PayGapReport.objects.count() == 0


def test_the_wrong_columns_are_refused(school, leader):
    with pytest.raises(ValidationError) as raised:
        services.pay_gap_import(
            school=school, file=upload("name,pay\nA,1\n"), snapshot=SNAPSHOT, by=leader.user
        )
    assert "sex,hourly_pay,bonus_pay" in raised.value.message_dict["file"][0]


def test_the_snapshot_must_be_31_march(school, leader):
    with pytest.raises(ValidationError):
        services.pay_gap_import(
            school=school, file=upload(GOOD), snapshot=datetime.date(2026, 4, 5), by=leader.user
        )


def test_an_academys_report_is_its_trusts(db, leader):
    trust = Trust.objects.create(name="Test Trust")
    academy = SchoolFactory(trust=trust, number_of_staff=160)
    sister = SchoolFactory(trust=trust, number_of_staff=120)
    report = services.pay_gap_import(
        school=academy, file=upload(GOOD), snapshot=SNAPSHOT, by=leader.user
    )
    assert report.trust == trust
    assert report.school is None
    assert selectors.pay_gap_reports(school=sister) == [report]
    employer = selectors.employer_of(sister)
    assert employer.is_trust
    assert selectors.employer_headcount(employer) == 280
