"""The pay gap pages: who sees them, the import form's errors, the dashboard deadline."""

from http import HTTPStatus

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workforce.models import PayGapReport


def import_url(school):
    return reverse("workforce:payroll_import", args=[school.slug])


def test_a_leader_imports_a_payroll_and_reads_the_report(school, leadership_client):
    with time_machine.travel("2026-12-03 10:00Z"):
        rows = "sex,hourly_pay,bonus_pay\n" + "male,20,0\nfemale,15,10\n" * 3
        response = leadership_client.post(
            import_url(school),
            {
                "snapshot": "2026-03-31",
                "kind": "gender",
                "file": SimpleUploadedFile("p.csv", rows.encode()),
            },
        )
        report = PayGapReport.objects.get()
        assert response.status_code == HTTPStatus.FOUND
        page = leadership_client.get(response["Location"]).content.decode()
    assert "25.0%" in page  # (20 - 15) / 20
    assert "the duty to publish does not apply" in page
    assert report.relevant_employees == 6


def test_a_bad_payroll_redisplays_the_form_with_every_bad_row(school, leadership_client):
    with time_machine.travel("2026-12-03 10:00Z"):
        rows = "sex,hourly_pay,bonus_pay\nmale,-1,0\nfemale,,0\n"
        response = leadership_client.post(
            import_url(school),
            {
                "snapshot": "2026-03-31",
                "kind": "gender",
                "file": SimpleUploadedFile("p.csv", rows.encode()),
            },
        )
    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Line 2" in page
    assert "Line 3" in page
    assert not PayGapReport.objects.exists()


def test_a_snapshot_not_offered_is_a_form_error_not_a_500(school, leadership_client):
    response = leadership_client.post(
        import_url(school),
        {"snapshot": "1999-02-30", "kind": "gender", "file": SimpleUploadedFile("p.csv", b"x")},
    )
    assert response.status_code == HTTPStatus.OK


def test_governors_read_staff_and_outsiders_do_not(
    school, governor_client, staff_client, outsider_client
):
    url = reverse("workforce:pay_gap_list", args=[school.slug])
    assert governor_client.get(url).status_code == HTTPStatus.OK
    assert governor_client.get(import_url(school)).status_code == HTTPStatus.FORBIDDEN
    assert staff_client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert outsider_client.get(url).status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND)


def test_the_dashboard_shows_the_pay_gap_deadline_from_the_one_clock(school, governor_client):
    with time_machine.travel("2026-12-03 10:00Z"):
        page = governor_client.get(reverse("schools:dashboard", args=[school.slug])).content
    text = page.decode()
    assert "publish by <strong>30 March 2027</strong>" in text
    assert "117 days left" in text


def test_the_template_downloads(school, leadership_client):
    url = reverse("workforce:payroll_template", args=[school.slug])
    assert b"sex,hourly_pay,bonus_pay" in leadership_client.get(url).content
    ethnicity = leadership_client.get(url, {"kind": "ethnicity"}).content
    assert b"ethnicity,hourly_pay,bonus_pay" in ethnicity
    assert leadership_client.get(url, {"kind": "height"}).status_code == HTTPStatus.NOT_FOUND
