import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from objectives import services
from objectives.models import (
    PROGRESS_BEFORE_BASELINE,
    PROGRESS_IN_FUTURE,
    PROGRESS_VALUE_NOT_MEASURED,
    ObjectiveAction,
    ProgressUpdate,
)
from tests.factories import ObjectiveFactory, ObjectiveSetFactory

D = datetime.date


def test_objectives_are_numbered_in_order(leader):
    objective_set = ObjectiveSetFactory(school=leader.school)
    first = services.objective_create(
        objective_set=objective_set, title="First", wider_group="All students", by=leader.user
    )
    second = services.objective_create(
        objective_set=objective_set, title="Second", wider_group="All students", by=leader.user
    )
    assert (first.number, second.number) == (1, 2)
    assert first.history.first().history_user == leader.user


def test_a_service_refuses_fields_it_does_not_own(leader):
    objective_set = ObjectiveSetFactory(school=leader.school)
    with pytest.raises(TypeError, match="objective_set"):
        services.objective_update(
            objective=ObjectiveFactory(objective_set=objective_set),
            objective_set=ObjectiveSetFactory(),
            by=leader.user,
        )


def test_narrowing_the_period_past_an_objectives_target_is_refused(leader):
    objective_set = ObjectiveSetFactory(school=leader.school)
    ObjectiveFactory(objective_set=objective_set, number=3, measured=True)  # target July 2027
    with pytest.raises(ValidationError) as error:
        services.objective_set_update(
            objective_set=objective_set, period_end=D(2026, 8, 31), by=leader.user
        )
    assert error.value.message_dict["period_end"] == [
        services.PERIOD_EXCLUDES_TARGET.format(number=3, date="31 July 2027")
    ]
    objective_set.refresh_from_db()
    assert objective_set.period_end == D(2028, 8, 31)


def test_progress_on_a_numeric_measure_needs_a_value(leader):
    objective = ObjectiveFactory(objective_set__school=leader.school, measured=True)
    with pytest.raises(ValidationError) as error:
        services.progress_update_record(
            objective=objective, recorded_on=D(2025, 7, 1), narrative="x", rag="red", by=leader.user
        )
    assert "value" in error.value.message_dict
    assert not ProgressUpdate.objects.exists()


def test_progress_on_an_objective_without_a_measure_takes_no_value(leader):
    objective = ObjectiveFactory(objective_set__school=leader.school)
    with pytest.raises(ValidationError) as error:
        services.progress_update_record(
            objective=objective,
            recorded_on=D(2025, 7, 1),
            value=Decimal("3"),
            narrative="x",
            rag="red",
            by=leader.user,
        )
    assert error.value.message_dict["value"] == [PROGRESS_VALUE_NOT_MEASURED]
    update = services.progress_update_record(
        objective=objective,
        recorded_on=D(2025, 7, 1),
        narrative="Audit done.",
        rag="green",
        by=leader.user,
    )
    assert update.recorded_by == leader.user


def test_progress_cannot_predate_the_baseline_or_be_in_the_future(leader):
    objective = ObjectiveFactory(objective_set__school=leader.school, measured=True)
    with pytest.raises(ValidationError) as error:
        services.progress_update_record(
            objective=objective,
            recorded_on=D(2024, 8, 1),
            value=Decimal("69"),
            narrative="x",
            rag="green",
            by=leader.user,
        )
    assert error.value.message_dict["recorded_on"] == [
        PROGRESS_BEFORE_BASELINE.format(date="1 September 2024")
    ]
    with pytest.raises(ValidationError) as error:
        services.progress_update_record(
            objective=objective,
            recorded_on=datetime.date.today() + datetime.timedelta(days=1),
            value=Decimal("69"),
            narrative="x",
            rag="green",
            by=leader.user,
        )
    assert error.value.message_dict["recorded_on"] == [PROGRESS_IN_FUTURE]


def test_an_empty_comment_is_refused(governor):
    objective = ObjectiveFactory(objective_set__school=governor.school)
    with pytest.raises(ValidationError) as error:
        services.progress_comment_add(objective=objective, text="   ", by=governor.user)
    assert error.value.message_dict["text"] == [services.COMMENT_EMPTY]


def test_removing_an_action_keeps_its_history(leader):
    objective = ObjectiveFactory(objective_set__school=leader.school)
    action = services.objective_action_add(
        objective=objective, what="Audit clubs", who="SENCo", when="Autumn", by=leader.user
    )
    action_id = action.pk
    services.objective_action_delete(action=action, by=leader.user)
    assert not ObjectiveAction.objects.exists()
    removal = ObjectiveAction.history.filter(id=action_id).first()
    assert removal.history_type == "-"
    assert removal.history_user == leader.user
