"""Writes for incidents. Nothing here deletes an incident: a correction is a recorded change
with a reason, and the retention purge anonymises rather than removes."""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Max
from django.template.loader import render_to_string

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.services import history_note, history_reason, record_save
from equality_portal.schools.models import Membership, School, User
from equality_portal.schools.roles import Role

from .models import (
    RATIONALE_REQUIRED,
    ActionKind,
    FollowUpAction,
    Incident,
    IncidentPerson,
    PurgeLog,
    Referral,
    ReferralDecision,
    Status,
)

logger = logging.getLogger(__name__)

TARGET_REQUIRED = (
    "Add the person who was targeted (their role, not their name), or tick "
    '"no one was targeted" for graffiti or language overheard with no one targeted.'
)
REASON_REQUIRED = "Say what is being corrected and why: it is kept in the incident's history."
OUTCOME_REQUIRED_TO_CLOSE = "Write the outcome before closing the incident."
DECISION_REQUIRED = "Choose the decision this reason is for, or leave the reason empty."
UNKNOWN_PERSON = "One of the people is not part of this incident. Reload the page and try again."
NOTHING_CHANGED = "Nothing was changed: correct a field, or cancel."
ALREADY_ANONYMISED = (
    "This incident was anonymised under the retention policy and can no longer be changed."
)
ANONYMISED_REASON = "Anonymised: the retention period ended"

# The fields a correction may change; the school, number and recorder never change.
INCIDENT_CORRECTABLE_FIELDS = (
    "occurred_on",
    "occurred_time",
    "location",
    "raised_by",
    "behaviours",
    "motivations",
    "untargeted",
    "description",
    "derogatory_language",
    "immediate_action",
)
PERSON_FIELDS = ("role", "kind", "year_group", "sex", "ethnicity_code", "internal_reference")
# Free text removed when the retention period ends; categories and counts stay (and each
# referral decision, without its reason).
INCIDENT_FREE_TEXT = ("description", "derogatory_language", "immediate_action", "outcome")


def _ensure_not_anonymised(incident: Incident) -> None:
    if incident.anonymised_at is not None:
        raise ValidationError(ALREADY_ANONYMISED)


def _prefix_errors(error: ValidationError, prefix: str) -> ValidationError:
    """A person's field errors keyed ``people-<n>-<field>``, so the form can place them."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {f"{prefix}{name}": errors for name, errors in error.error_dict.items()}
        )
    return error


def _save_people(
    *, incident: Incident, people: list[dict[str, Any]], by: User, reason: str | None = None
) -> bool:
    """Create, change or remove the people of an incident; each dict may carry ``pk`` and
    ``delete``. Returns whether anything changed; an unchanged person is not saved again."""
    errors = {}
    changed = False
    existing = {person.pk: person for person in incident.people.all()}
    for index, values in enumerate(people):
        pk = values.get("pk")
        if pk and pk not in existing:
            raise ValidationError(UNKNOWN_PERSON)
        person = existing[pk] if pk else IncidentPerson(incident=incident)
        history_note(person, by=by, reason=reason)
        if values.get("delete"):
            if pk:
                person.delete()
                changed = True
            continue
        before = {name: getattr(person, name) for name in PERSON_FIELDS}
        for name in PERSON_FIELDS:
            if name in values:
                setattr(person, name, values[name])
        if pk and before == {name: getattr(person, name) for name in PERSON_FIELDS}:
            continue
        try:
            person.full_clean()
        except ValidationError as error:
            errors.update(_prefix_errors(error, f"people-{index}-").error_dict)
            continue
        person.save()
        changed = True
    if errors:
        raise ValidationError(errors)
    return changed


def _check_someone_targeted(incident: Incident) -> None:
    if not incident.untargeted and not incident.people.filter(role="target").exists():
        raise ValidationError({"untargeted": TARGET_REQUIRED})


def incident_record(
    *,
    school: School,
    recorded_by: User,
    occurred_on: datetime.date,
    occurred_time: datetime.time,
    location: str,
    raised_by: str,
    behaviours: list[str],
    motivations: list[str],
    description: str,
    untargeted: bool = False,
    derogatory_language: str = "",
    immediate_action: str = "",
    people: list[dict[str, Any]] | None = None,
) -> Incident:
    """Record an incident and the people involved, then tell the school's equality leads."""
    with transaction.atomic():
        # Lock the school so two incidents recorded at once cannot take the same number.
        School.objects.select_for_update().filter(pk=school.pk).first()
        last = Incident.objects.for_school(school).aggregate(last=Max("number"))["last"]
        incident = Incident(
            school=school,
            number=(last or 0) + 1,
            recorded_by=recorded_by,
            occurred_on=occurred_on,
            occurred_time=occurred_time,
            location=location,
            raised_by=raised_by,
            behaviours=list(behaviours),
            motivations=list(motivations),
            untargeted=untargeted,
            description=description,
            derogatory_language=derogatory_language,
            immediate_action=immediate_action,
        )
        record_save(incident, by=recorded_by)
        _save_people(incident=incident, people=people or [], by=recorded_by)
        _check_someone_targeted(incident)
        transaction.on_commit(lambda: _notify_equality_leads(incident=incident))
    return incident


def _notification_recipients(incident: Incident) -> list[str]:
    """The school's equality leads; leadership when it has none. Never the recorder."""
    members = Membership.objects.for_school(incident.school).select_related("user")
    for role in (Role.EQUALITY_LEAD, Role.LEADERSHIP):
        emails = [
            member.user.email
            for member in members.filter(role=role).exclude(user=incident.recorded_by)
            if member.user.email and member.user.is_active
        ]
        if members.filter(role=role).exists():
            return sorted(emails)
    return []


def _notify_equality_leads(*, incident: Incident) -> None:
    """An email with a link and the reference only: no category, no text, no people."""
    recipients = _notification_recipients(incident)
    if not recipients:
        return
    context = {
        "incident": incident,
        "school": incident.school,
        "url": settings.SITE_URL + incident.get_absolute_url(),
    }
    send_mail(
        subject=f"An incident was recorded at {incident.school} ({incident.reference})",
        message=render_to_string("incidents/email/incident_recorded.txt", context),
        from_email=None,
        recipient_list=recipients,
    )


def incident_correct(
    *,
    incident: Incident,
    by: User,
    reason: str,
    people: list[dict[str, Any]] | None = None,
    **changes: Any,
) -> Incident:
    """Correct an incident's record: every change is kept in its history with the reason."""
    unknown = set(changes) - set(INCIDENT_CORRECTABLE_FIELDS)
    if unknown:
        raise TypeError(f"incident_correct() cannot change {', '.join(sorted(unknown))}")
    _ensure_not_anonymised(incident)
    reason = (reason or "").strip()[:100]
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    with transaction.atomic():
        incident_changed = False
        for name, value in changes.items():
            if getattr(incident, name) != value:
                setattr(incident, name, value)
                incident_changed = True
        history_note(incident, by=by, reason=reason)
        incident.full_clean()
        if incident_changed:
            incident.save()
        people_changed = _save_people(incident=incident, people=people or [], by=by, reason=reason)
        if not (incident_changed or people_changed):
            raise ValidationError(NOTHING_CHANGED)
        _check_someone_targeted(incident)
    return incident


def incident_follow_up_update(
    *,
    incident: Incident,
    by: User,
    status: str,
    follow_up_due: datetime.date | None,
    outcome: str,
    decision: Referral | str = "",
    rationale: str = "",
    decided_on: datetime.date | None = None,
) -> Incident:
    """The equality lead's follow-up: when to look again, the outcome, open or closed, and
    optionally a referral decision with its reason."""
    _ensure_not_anonymised(incident)
    if status == Status.CLOSED and not (outcome or "").strip():
        raise ValidationError({"outcome": OUTCOME_REQUIRED_TO_CLOSE})
    with transaction.atomic():
        if decision or (rationale or "").strip():
            if not decision:
                raise ValidationError({"decision": DECISION_REQUIRED})
            referral_decision_add(
                incident=incident,
                by=by,
                decision=decision,
                rationale=rationale,
                decided_on=decided_on or dates.today(),
            )
        incident.status = status
        incident.follow_up_due = follow_up_due
        incident.outcome = outcome
        return record_save(incident, by=by)


def referral_decision_add(
    *,
    incident: Incident,
    by: User,
    decision: Referral | str,
    rationale: str,
    decided_on: datetime.date,
) -> ReferralDecision:
    """Record a decision to refer the incident (or not to), with the reason for it."""
    _ensure_not_anonymised(incident)
    if not (rationale or "").strip():
        raise ValidationError({"rationale": RATIONALE_REQUIRED})
    record = ReferralDecision(
        incident=incident,
        decision=decision,
        rationale=rationale.strip(),
        decided_on=decided_on,
        decided_by=by,
    )
    return record_save(record, by=by)


def follow_up_action_add(
    *,
    incident: Incident,
    by: User,
    kind: ActionKind,
    taken_on: datetime.date,
    notes: str = "",
) -> FollowUpAction:
    """Record one action taken after an incident, such as parents or carers informed."""
    _ensure_not_anonymised(incident)
    action = FollowUpAction(
        incident=incident, kind=kind, taken_on=taken_on, notes=notes, recorded_by=by
    )
    return record_save(action, by=by)


# --- Retention -------------------------------------------------------------------------------


def retention_last_academic_year(*, school: School, today: datetime.date) -> AcademicYear:
    """The latest academic year whose incidents are past the school's retention period.

    A year's incidents are kept until ``incident_retention_years`` after the year ends.
    """
    current = AcademicYear.containing(today)
    return AcademicYear(current.start_year - 1 - school.incident_retention_years)


def _blank_and_save(objects: Iterable[models.Model], field_names: Iterable[str]) -> None:
    """Empty these text fields, saving each object so its history records the anonymisation."""
    for obj in objects:
        for name in field_names:
            setattr(obj, name, "")
        history_reason(obj, ANONYMISED_REASON)
        obj.save()


@dataclass
class PurgeResult:
    school: School
    up_to: AcademicYear
    references: list[str] = field(default_factory=list)
    log: PurgeLog | None = None


def incidents_purge(*, school: School, today: datetime.date, dry_run: bool) -> PurgeResult:
    """Anonymise the free text and internal references of a school's incidents past retention.

    Categories, dates and the people's roles stay, so the counts do not change. The history
    rows of those incidents lose their text too, or the history would keep what was removed.
    Already anonymised incidents are skipped, so running it again changes nothing.
    """
    up_to = retention_last_academic_year(school=school, today=today)
    due = (
        Incident.objects.for_school(school)
        .filter(academic_year__lte=up_to.start_year, anonymised_at__isnull=True)
        .order_by("number")
    )
    result = PurgeResult(school=school, up_to=up_to)
    result.references = [incident.reference for incident in due]
    if dry_run or not result.references:
        return result
    with transaction.atomic():
        incidents = list(due.select_for_update())
        ids = [incident.pk for incident in incidents]
        now = dates.now()
        for incident in incidents:
            incident.anonymised_at = now
        # Saved without full_clean(): an anonymised incident has no description by design.
        _blank_and_save(incidents, INCIDENT_FREE_TEXT)
        Incident.history.filter(id__in=ids).update(**dict.fromkeys(INCIDENT_FREE_TEXT, ""))
        people = IncidentPerson.objects.filter(incident_id__in=ids).exclude(internal_reference="")
        _blank_and_save(people, ["internal_reference"])
        IncidentPerson.history.filter(incident_id__in=ids).update(internal_reference="")
        actions = FollowUpAction.objects.filter(incident_id__in=ids).exclude(notes="")
        _blank_and_save(actions, ["notes"])
        FollowUpAction.history.filter(incident_id__in=ids).update(notes="")
        decisions = ReferralDecision.objects.filter(incident_id__in=ids).exclude(rationale="")
        _blank_and_save(decisions, ["rationale"])
        ReferralDecision.history.filter(incident_id__in=ids).update(rationale="")
        result.log = PurgeLog.objects.create(
            school=school,
            run_at=now,
            retention_years=school.incident_retention_years,
            up_to_academic_year=up_to.start_year,
            incident_count=len(incidents),
            references=result.references,
        )
    logger.info(
        "Anonymised %d incidents at %s (academic years to %s)",
        len(result.references),
        school,
        up_to.label,
    )
    return result
