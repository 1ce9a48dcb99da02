import pytest
from django.core.exceptions import ValidationError

from engagement import services
from engagement.models import EngagementRecord
from equality_portal.core.academic_year import AcademicYear
from tests.factories import EngagementRecordFactory, ObjectiveFactory


def record_fields(**overrides):
    fields = {
        "title": "Parents' survey",
        "audiences": ["parents_carers"],
        "methods": ["survey"],
        "recurrence": "yearly",
        "outcome": "",
    }
    fields.update(overrides)
    return fields


def test_a_record_links_the_objectives_it_informed(leader):
    objective = ObjectiveFactory(objective_set__school=leader.school)
    record = services.engagement_record_create(
        school=leader.school,
        academic_year=AcademicYear(2026),
        objectives=[objective],
        by=leader.user,
        **record_fields(),
    )
    assert list(record.objectives.all()) == [objective]
    assert record.academic_year == 2026
    assert record.recorded_by == leader.user
    assert not record.is_complete
    assert record.history.first().history_user == leader.user


def test_another_schools_objective_cannot_be_linked(leader, other_school):
    elsewhere = ObjectiveFactory(objective_set__school=other_school)
    with pytest.raises(ValidationError) as error:
        services.engagement_record_create(
            school=leader.school,
            academic_year=2026,
            objectives=[elsewhere],
            by=leader.user,
            **record_fields(),
        )
    assert error.value.message_dict["objectives"] == [services.OBJECTIVE_OF_ANOTHER_SCHOOL]
    assert not EngagementRecord.objects.exists()


def test_adding_the_outcome_later_completes_the_record(leader):
    record = EngagementRecordFactory(school=leader.school, outcome="")
    services.engagement_record_update(
        record=record, outcome="The survey moved parents' evening online.", by=leader.user
    )
    record.refresh_from_db()
    assert record.is_complete


def test_a_stray_percent_is_not_saved_as_an_outcome(leader):
    record = EngagementRecordFactory(school=leader.school, outcome="")
    with pytest.raises(ValidationError):
        services.engagement_record_update(record=record, outcome="%", by=leader.user)
    record.refresh_from_db()
    assert record.outcome == ""


def test_a_record_links_the_equality_analyses_it_informed(school, other_school, leader):
    from engagement.services import ANALYSIS_OF_ANOTHER_SCHOOL
    from tests.factories import EqualityAnalysisFactory

    mine = EqualityAnalysisFactory(school=school, subject="Uniform policy")
    theirs = EqualityAnalysisFactory(school=other_school)
    record = services.engagement_record_create(
        school=school,
        academic_year=2025,
        by=leader.user,
        analyses=[mine],
        title="Uniform survey",
        audiences=["parents_carers"],
        methods=["survey"],
        recurrence="termly",
        outcome="The uniform list was shortened.",
    )
    assert list(record.analyses.all()) == [mine]
    with pytest.raises(ValidationError) as error:
        services.engagement_record_update(record=record, by=leader.user, analyses=[theirs])
    assert error.value.message_dict["analyses"] == [ANALYSIS_OF_ANOTHER_SCHOOL]
    assert list(record.analyses.all()) == [mine]
