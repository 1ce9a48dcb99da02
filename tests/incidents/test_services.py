import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from equality_portal.schools.roles import Role
from incidents import services
from incidents.models import (
    ACTION_BEFORE_INCIDENT,
    DECISION_BEFORE_INCIDENT,
    RATIONALE_REQUIRED,
    FollowUpAction,
    Incident,
    IncidentPerson,
    PurgeLog,
    Referral,
    ReferralDecision,
    Status,
)
from tests.factories import FollowUpActionFactory, IncidentFactory, IncidentPersonFactory

from .conftest import INCIDENT_DAY, record_kwargs


@pytest.fixture
def record(school, staff_member, equality_lead, django_capture_on_commit_callbacks):
    def do(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return services.incident_record(
                school=school, recorded_by=staff_member.user, **record_kwargs(**overrides)
            )

    return do


# --- Recording ------------------------------------------------------------------------------


def test_recording_keeps_each_persons_own_role(record):
    incident = record()
    assert incident.sequence_reference == "INC-00001"
    assert re.fullmatch(r"R-[A-Z2-9]{4}-[A-Z2-9]{4}", incident.reference)
    roles = sorted(incident.people.values_list("role", "year_group"))
    assert roles == [("perpetrator", "Y9"), ("perpetrator", "Y9"), ("target", "Y8")]
    assert incident.academic_year == 2025
    assert incident.history.get().history_user == incident.recorded_by


def test_the_next_incident_takes_the_next_number(record):
    record()
    assert record().number == 2


def test_someone_targeted_or_untargeted_is_required(record):
    with pytest.raises(ValidationError) as caught:
        record(people=[{"role": "witness", "kind": "staff"}])
    assert caught.value.message_dict["untargeted"] == [services.TARGET_REQUIRED]
    assert not Incident.objects.exists()
    graffiti = record(people=[], untargeted=True, behaviours=["graffiti_damage"])
    assert graffiti.untargeted


def test_a_persons_error_names_the_person_and_saves_nothing(record):
    with pytest.raises(ValidationError) as caught:
        record(people=[{"role": "target", "kind": "pupil", "year_group": "Y2", "sex": "male"}])
    assert "does not teach Y2" in caught.value.message_dict["people-0-year_group"][0]
    assert not Incident.objects.exists()
    assert not IncidentPerson.objects.exists()


def test_the_equality_leads_are_emailed_a_link_without_details(
    record, equality_lead, make_member, settings
):
    settings.SITE_URL = "https://portal.example"
    second_lead = make_member(Role.EQUALITY_LEAD)
    make_member(Role.GOVERNOR)
    incident = record()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([equality_lead.user.email, second_lead.user.email])
    assert f"https://portal.example{incident.get_absolute_url()}" in message.body
    assert incident.reference in message.subject
    text = message.subject + message.body
    for detail in ["homophobic", "Homophobic", "Sexual orientation", "playground", "Y8", "slur"]:
        assert detail not in text


def test_no_email_is_sent_when_recording_fails(record):
    with pytest.raises(ValidationError):
        record(motivations=[])
    assert mail.outbox == []


def test_a_school_without_an_equality_lead_tells_leadership(
    school, staff_member, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.incident_record(school=school, recorded_by=staff_member.user, **record_kwargs())
    assert mail.outbox[0].to == [leader.user.email]


def test_an_equality_lead_recording_is_not_emailed_about_their_own_record(
    school, equality_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.incident_record(school=school, recorded_by=equality_lead.user, **record_kwargs())
    assert mail.outbox == []


# --- Corrections keep the history ------------------------------------------------------------


def test_a_correction_is_a_recorded_change_with_who_and_why(record, equality_lead):
    incident = record()
    person = incident.people.get(role="target")
    services.incident_correct(
        incident=incident,
        by=equality_lead.user,
        reason="Location was wrong",
        location="corridor",
        people=[{"pk": person.pk, "year_group": "Y7"}],
    )
    incident.refresh_from_db()
    assert incident.location == "corridor"
    latest, first = incident.history.order_by("-history_id")[:2]
    assert (first.location, latest.location) == ("playground", "corridor")
    assert latest.history_user == equality_lead.user
    assert latest.history_change_reason == "Location was wrong"
    person_history = person.history.order_by("-history_id").first()
    assert person_history.year_group == "Y7"
    assert person_history.history_change_reason == "Location was wrong"


def test_a_correction_needs_a_reason_and_a_change(record, equality_lead):
    incident = record()
    with pytest.raises(ValidationError) as caught:
        services.incident_correct(incident=incident, by=equality_lead.user, reason=" ")
    assert caught.value.message_dict == {"reason": [services.REASON_REQUIRED]}
    with pytest.raises(ValidationError, match="Nothing was changed"):
        services.incident_correct(
            incident=incident, by=equality_lead.user, reason="x", location="playground"
        )
    assert incident.history.count() == 1


def test_removing_a_person_is_kept_in_the_history(record, equality_lead):
    incident = record()
    witness_free = incident.people.filter(role="perpetrator").first()
    services.incident_correct(
        incident=incident,
        by=equality_lead.user,
        reason="Added twice",
        people=[{"pk": witness_free.pk, "delete": True}],
    )
    assert incident.people.count() == 2
    removed = IncidentPerson.history.filter(id=witness_free.pk, history_type="-").get()
    assert removed.history_user == equality_lead.user


def test_a_person_of_another_incident_cannot_be_changed_through_this_one(record, equality_lead):
    incident = record()
    elsewhere = IncidentPersonFactory()
    with pytest.raises(ValidationError, match="not part of this incident"):
        services.incident_correct(
            incident=incident,
            by=equality_lead.user,
            reason="x",
            people=[{"pk": elsewhere.pk, "delete": True}],
        )
    assert IncidentPerson.objects.filter(pk=elsewhere.pk).exists()


def test_a_correction_cannot_change_the_recorder_or_school(record, equality_lead):
    with pytest.raises(TypeError):
        services.incident_correct(
            incident=record(), by=equality_lead.user, reason="x", recorded_by=equality_lead.user
        )


# --- Follow-up -------------------------------------------------------------------------------


def test_closing_needs_an_outcome(equality_lead):
    incident = IncidentFactory()
    with pytest.raises(ValidationError) as caught:
        services.incident_follow_up_update(
            incident=incident,
            by=equality_lead.user,
            status=Status.CLOSED,
            follow_up_due=None,
            outcome="",
        )
    assert caught.value.message_dict == {"outcome": [services.OUTCOME_REQUIRED_TO_CLOSE]}
    services.incident_follow_up_update(
        incident=incident,
        by=equality_lead.user,
        status=Status.CLOSED,
        follow_up_due=INCIDENT_DAY + datetime.timedelta(days=7),
        outcome="Resolved with a restorative meeting.",
    )
    incident.refresh_from_db()
    assert incident.status == Status.CLOSED


def test_a_follow_up_date_before_the_incident_is_refused(equality_lead):
    incident = IncidentFactory()
    with pytest.raises(ValidationError) as caught:
        services.incident_follow_up_update(
            incident=incident,
            by=equality_lead.user,
            status=Status.OPEN,
            follow_up_due=incident.occurred_on - datetime.timedelta(days=1),
            outcome="",
        )
    assert "follow_up_due" in caught.value.message_dict
    incident.refresh_from_db()
    assert incident.follow_up_due is None


def test_an_action_dated_before_the_incident_is_refused(equality_lead):
    incident = IncidentFactory()
    with pytest.raises(ValidationError) as caught:
        services.follow_up_action_add(
            incident=incident,
            by=equality_lead.user,
            kind="parents_informed",
            taken_on=incident.occurred_on - datetime.timedelta(days=2),
        )
    assert caught.value.message_dict == {"taken_on": [ACTION_BEFORE_INCIDENT]}
    assert not FollowUpAction.objects.exists()


# --- Referral decisions ----------------------------------------------------------------------


def _follow_up(incident, by, **decision):
    return services.incident_follow_up_update(
        incident=incident, by=by, status=Status.OPEN, follow_up_due=None, outcome="", **decision
    )


@pytest.mark.parametrize("decision", Referral.values)
def test_every_decision_needs_its_reason_including_not_to_refer(equality_lead, decision):
    incident = IncidentFactory()
    with pytest.raises(ValidationError) as caught:
        _follow_up(incident, equality_lead.user, decision=decision, rationale="  ")
    assert caught.value.message_dict == {"rationale": [RATIONALE_REQUIRED]}
    assert not ReferralDecision.objects.exists()


def test_decisions_are_kept_in_order_with_who_when_and_why(equality_lead):
    incident = IncidentFactory()
    _follow_up(
        incident,
        equality_lead.user,
        decision=Referral.DSL,
        rationale="A pattern with the same pupils: the DSL should see it.",
        decided_on=incident.occurred_on,
    )
    _follow_up(
        incident,
        equality_lead.user,
        decision=Referral.NOT_REFERRED,
        rationale="The DSL found no safeguarding concern; handled in school.",
        decided_on=incident.occurred_on + datetime.timedelta(days=1),
    )
    decisions = list(incident.decisions.values_list("decision", "decided_by", "rationale"))
    assert decisions == [
        ("dsl", equality_lead.user.pk, "A pattern with the same pupils: the DSL should see it."),
        (
            "not_referred",
            equality_lead.user.pk,
            "The DSL found no safeguarding concern; handled in school.",
        ),
    ]


def test_a_reason_needs_a_decision_and_a_decision_its_date(equality_lead):
    incident = IncidentFactory()
    with pytest.raises(ValidationError) as caught:
        _follow_up(incident, equality_lead.user, rationale="Because.")
    assert caught.value.message_dict == {"decision": [services.DECISION_REQUIRED]}
    with pytest.raises(ValidationError) as caught:
        _follow_up(
            incident,
            equality_lead.user,
            decision=Referral.POLICE,
            rationale="A threat of violence.",
            decided_on=incident.occurred_on - datetime.timedelta(days=1),
        )
    assert caught.value.message_dict == {"decided_on": [DECISION_BEFORE_INCIDENT]}
    assert not ReferralDecision.objects.exists()


# --- Retention -------------------------------------------------------------------------------

# With the default six years, 2018-19 ends on 31 August 2019 and is kept until 31 August 2025.
PURGE_DAY = datetime.date(2025, 9, 1)


@pytest.fixture
def old_incident(school):
    incident = IncidentFactory(school=school, occurred_on=datetime.date(2019, 6, 3))
    IncidentPersonFactory(incident=incident, internal_reference="SIMS-10482")
    FollowUpActionFactory(incident=incident, notes="Phoned the family.")
    ReferralDecision.objects.create(
        incident=incident,
        decision=Referral.NOT_REFERRED,
        rationale="No safeguarding concern.",
        decided_on=incident.occurred_on,
        decided_by=incident.recorded_by,
    )
    incident.outcome = "Resolved."
    incident.save()
    return incident


def test_retention_runs_six_years_after_the_academic_year_ends(school):
    up_to = services.retention_last_academic_year(school=school, today=PURGE_DAY)
    assert up_to.label == "2018-19"
    day_before = PURGE_DAY - datetime.timedelta(days=1)
    assert services.retention_last_academic_year(school=school, today=day_before).label == "2017-18"


def test_a_dry_run_lists_and_changes_nothing(school, old_incident):
    result = services.incidents_purge(school=school, today=PURGE_DAY, dry_run=True)
    assert result.references == [old_incident.reference]
    old_incident.refresh_from_db()
    assert old_incident.description
    assert not PurgeLog.objects.exists()


def test_the_purge_anonymises_text_and_references_in_the_history_too(school, old_incident):
    kept = IncidentFactory(school=school, occurred_on=datetime.date(2019, 9, 2))  # 2019-20
    result = services.incidents_purge(school=school, today=PURGE_DAY, dry_run=False)
    assert result.references == [old_incident.reference]
    old_incident.refresh_from_db()
    assert old_incident.anonymised_at is not None
    assert (old_incident.description, old_incident.derogatory_language, old_incident.outcome) == (
        "",
        "",
        "",
    )
    assert old_incident.motivations == ["race"]  # the counts stay
    assert not Incident.history.filter(id=old_incident.pk).exclude(description="").exists()
    assert (
        not IncidentPerson.history.filter(incident_id=old_incident.pk)
        .exclude(internal_reference="")
        .exists()
    )
    assert not FollowUpAction.history.filter(incident_id=old_incident.pk).exclude(notes="").exists()
    decisions = ReferralDecision.history.filter(incident_id=old_incident.pk)
    assert not decisions.exclude(rationale="").exists()
    assert old_incident.decisions.get().decision == Referral.NOT_REFERRED  # the decision stays
    assert old_incident.people.get().role == "target"
    kept.refresh_from_db()
    assert kept.description
    log = PurgeLog.objects.get()
    assert (log.school, log.incident_count, log.references) == (
        school,
        1,
        [old_incident.reference],
    )
    assert log.up_to_label == "2018-19"


def test_the_purge_twice_changes_nothing_the_second_time(school, old_incident):
    services.incidents_purge(school=school, today=PURGE_DAY, dry_run=False)
    again = services.incidents_purge(school=school, today=PURGE_DAY, dry_run=False)
    assert again.references == []
    assert PurgeLog.objects.count() == 1


def test_a_longer_retention_period_keeps_the_text(school, old_incident):
    school.incident_retention_years = 10
    school.save()
    assert services.incidents_purge(school=school, today=PURGE_DAY, dry_run=False).references == []


def test_an_anonymised_incident_cannot_be_corrected(school, old_incident, equality_lead):
    services.incidents_purge(school=school, today=PURGE_DAY, dry_run=False)
    old_incident.refresh_from_db()
    with pytest.raises(ValidationError, match="anonymised"):
        services.incident_correct(
            incident=old_incident, by=equality_lead.user, reason="x", location="toilets"
        )
