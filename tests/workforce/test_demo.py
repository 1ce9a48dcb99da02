"""The demo trust: both seed schools in one (invented) trust, its gender pay gap from a
generated payroll."""

from django.urls import reverse

from workforce import selectors


def test_the_demo_trust_has_a_gender_pay_gap_report(demo, client):
    from equality_portal.schools.models import School, User

    carrington = School.objects.get(slug="carrington")
    coopers = School.objects.get(slug="coopers")
    assert carrington.trust == coopers.trust
    assert "the real schools are not in one trust" in carrington.trust.name
    reports = selectors.pay_gap_reports(school=coopers)
    assert len(reports) == 1
    assert reports[0].relevant_employees == carrington.employer_staff == 275
    assert reports[0].measures.mean_pay_gap is not None
    client.force_login(User.objects.get(username="coopers-governor"))
    page = client.get(reverse("schools:dashboard", args=["coopers"])).content.decode()
    assert "Gender pay gap" in page
    assert "the real schools are not in one trust" in page
    detail = reverse("workforce:pay_gap_detail", args=["coopers", reports[0].pk])
    assert "Mean hourly pay gap" in client.get(detail).content.decode()
