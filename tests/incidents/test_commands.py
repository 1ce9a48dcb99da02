import datetime
import io

import pytest
from django.core.management import call_command

from incidents.models import Incident, PurgeLog
from tests.factories import IncidentFactory


@pytest.fixture
def old_and_new(school, other_school):
    old = IncidentFactory(school=school, occurred_on=datetime.date(2015, 3, 2))
    recent = IncidentFactory(school=school, occurred_on=datetime.date(2025, 10, 6))
    other_old = IncidentFactory(school=other_school, occurred_on=datetime.date(2016, 3, 2))
    return old, recent, other_old


def run(*args) -> str:
    out = io.StringIO()
    call_command("purge_incidents", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_what_it_would_do_and_changes_nothing(old_and_new):
    old = old_and_new[0]
    output = run("--dry-run")
    assert "Would anonymise 1 incident(s) from" in output
    assert old.reference in output
    assert "Dry run: nothing was changed." in output
    assert Incident.objects.filter(description="").count() == 0
    assert not PurgeLog.objects.exists()


def test_the_purge_anonymises_every_school_and_logs_it(old_and_new):
    old, recent, _ = old_and_new
    output = run()
    assert "Anonymised 2 incident(s) in all." in output
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.description == ""
    assert old.anonymised_at
    assert recent.description
    assert PurgeLog.objects.count() == 2
    assert "nothing past the retention period" in run()
    assert PurgeLog.objects.count() == 2


def test_one_school_only(old_and_new, school):
    run("--school", school.slug)
    assert list(PurgeLog.objects.values_list("school", flat=True)) == [school.pk]
