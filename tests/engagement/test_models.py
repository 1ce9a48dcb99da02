import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from engagement.models import (
    DATE_AND_RECURRENCE,
    NO_AUDIENCE,
    NO_METHOD,
    NO_WHEN,
    OUTCOME_NOT_WORDS,
    EngagementRecord,
    has_words,
)
from tests.factories import EngagementRecordFactory


@pytest.mark.parametrize(
    ("outcome", "complete"),
    [("", False), ("%", False), (" - ", False), ("Homework club moved", True), ("2 clubs", True)],
)
def test_an_outcome_counts_only_in_words(outcome, complete):
    assert has_words(outcome) is complete


def test_a_record_without_an_outcome_is_incomplete_and_the_query_agrees(school):
    done = EngagementRecordFactory(school=school)
    gap = EngagementRecordFactory(school=school, outcome="")
    # A "%" that got in by another route (an import, the admin shell) is a gap too.
    EngagementRecord.objects.filter(pk=done.pk).update(outcome="%")
    done.refresh_from_db()
    assert not done.is_complete
    assert set(EngagementRecord.objects.incomplete()) == {done, gap}
    assert not EngagementRecord.objects.complete().exists()


def test_an_outcome_of_only_punctuation_is_refused(school):
    record = EngagementRecordFactory.build(school=school, recorded_by=None, outcome="%")
    with pytest.raises(ValidationError) as error:
        record.full_clean(exclude=["recorded_by"])
    assert error.value.message_dict["outcome"] == [OUTCOME_NOT_WORDS]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"audiences": [], "named_group": ""}, "audiences", NO_AUDIENCE),
        ({"methods": [], "other_method": ""}, "methods", NO_METHOD),
        ({"recurrence": ""}, "held_on", NO_WHEN),
        ({"held_on": "today"}, "recurrence", DATE_AND_RECURRENCE),
        ({"audiences": ["aliens"]}, "audiences", "'aliens' is not one of the choices."),
    ],
)
def test_who_how_and_when_are_needed(school, fields, field, message):
    if fields.get("held_on") == "today":
        fields["held_on"] = datetime.date.today()
    record = EngagementRecordFactory.build(school=school, **fields)
    with pytest.raises(ValidationError) as error:
        record.full_clean(exclude=["recorded_by"])
    assert error.value.message_dict[field] == [message]


def test_a_named_group_is_enough_to_say_who(school):
    record = EngagementRecordFactory.build(
        school=school, audiences=[], named_group="ASD Outreach, SALT"
    )
    record.full_clean(exclude=["recorded_by"])
    assert record.who_labels == ["ASD Outreach, SALT"]


def test_the_date_must_fall_in_the_records_academic_year(school):
    record = EngagementRecordFactory.build(
        school=school, academic_year=2024, recurrence="", held_on=datetime.date(2025, 9, 2)
    )
    with pytest.raises(ValidationError) as error:
        record.full_clean(exclude=["recorded_by"])
    assert "within the academic year 2024-25" in error.value.message_dict["held_on"][0]


def test_the_database_refuses_a_date_and_a_recurrence_together(school):
    with pytest.raises(IntegrityError):
        EngagementRecordFactory(school=school, held_on=datetime.date(2025, 1, 1))


def test_when_reads_as_a_date_or_a_rhythm_with_its_year(school):
    assert EngagementRecordFactory.build(academic_year=2026).when_label == "Every term (2026-27)"
    dated = EngagementRecordFactory.build(recurrence="", held_on=datetime.date(2026, 10, 3))
    assert dated.when_label == "3 October 2026"
