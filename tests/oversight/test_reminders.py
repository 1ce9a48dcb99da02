import datetime

from django.core import mail
from django.core.management import call_command

from equality_portal.oversight.models import ReminderLog
from equality_portal.oversight.reminders import reminders_send
from equality_portal.schools.roles import Role

MONDAY = datetime.date(2026, 11, 23)


def test_leaders_and_governors_are_reminded_once_a_week(
    school, leader, governor, staff_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=MONDAY)
    [email] = mail.outbox
    assert sorted(email.to) == sorted([leader.user.email, governor.user.email])
    assert "Equality information published within the last 12 months: missing" in email.body
    assert f"/schools/{school.slug}/statement/" in email.body

    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=MONDAY + datetime.timedelta(days=3))  # same week
    assert len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=MONDAY + datetime.timedelta(days=7))  # next week
    assert len(mail.outbox) == 2


def test_a_met_check_is_not_reminded(draft, publish, school, django_capture_on_commit_callbacks):
    publish(draft)
    with django_capture_on_commit_callbacks(execute=True):
        results = reminders_send(today=datetime.date.today())
    keys = {check.key for result in results for check in result.checks}
    assert "statement_published" not in keys


def test_dry_run_sends_and_records_nothing(school, leader, capsys):
    call_command("send_reminders", "--dry-run")
    assert "Would remind 1 people" in capsys.readouterr().out
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_a_school_with_no_leaders_or_governors_is_skipped(school, make_member):
    make_member(Role.STAFF)
    assert reminders_send(today=MONDAY) == []
