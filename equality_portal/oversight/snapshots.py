"""Compliance snapshots: each school's checks for the day, kept so that the trust view reads
one row per school however many schools it shows.

A snapshot answers for the day it was computed and until the school's records change: any save
or delete of a record that belongs to a school (directly, or through its parent such as an
objective's set) removes that school's snapshot.
"""

import datetime

from django.db.models.signals import post_delete, post_save

from equality_portal.core.checks import Check, Severity, Status, collect_checks
from equality_portal.schools.models import School

from .models import ComplianceSnapshot


def _as_json(check: Check) -> dict:
    return {
        "key": check.key,
        "title": check.title,
        "status": str(check.status),
        "summary": check.summary,
        "action": check.action,
        "url": check.url,
        "due": check.due.isoformat() if check.due else None,
        "severity": str(check.severity),
        "fix_label": check.fix_label,
    }


def _from_json(data: dict) -> Check:
    return Check(
        key=data["key"],
        title=data["title"],
        status=Status(data["status"]),
        summary=data["summary"],
        action=data["action"],
        url=data["url"],
        due=datetime.date.fromisoformat(data["due"]) if data["due"] else None,
        severity=Severity(data["severity"]),
        fix_label=data["fix_label"],
    )


def checks_store(*, school: School, today: datetime.date, checks: list[Check]) -> None:
    ComplianceSnapshot.objects.update_or_create(
        school=school,
        defaults={"computed_on": today, "checks": [_as_json(check) for check in checks]},
    )


def checks_for_schools(*, schools: list[School], today: datetime.date) -> dict[int, list[Check]]:
    """Every school's checks for today: one query for the fresh snapshots; a school without
    one (its records changed, or it is a new day) is checked again and its snapshot kept."""
    fresh = {
        snapshot.school_id: [_from_json(data) for data in snapshot.checks]
        for snapshot in ComplianceSnapshot.objects.filter(school__in=schools, computed_on=today)
    }
    for school in schools:
        if school.pk not in fresh:
            fresh[school.pk] = collect_checks(school=school, today=today)
            checks_store(school=school, today=today, checks=fresh[school.pk])
    return fresh


def _school_id_of(instance) -> int | None:
    school_id = getattr(instance, "school_id", None)
    if school_id is not None or isinstance(instance, School):
        return instance.pk if isinstance(instance, School) else school_id
    for field in instance._meta.concrete_fields:
        if field.is_relation and field.many_to_one and field.related_model is not School:
            related_fields = {f.name for f in field.related_model._meta.concrete_fields}
            if "school" in related_fields:
                parent = getattr(instance, field.name, None)
                if parent is not None:
                    return parent.school_id
    return None


def forget(sender, instance, **kwargs) -> None:
    """A record of a school changed: its checks may have changed too."""
    if sender is ComplianceSnapshot or sender._meta.app_label in {"sessions", "axes"}:
        return
    if getattr(sender, "_meta", None) and sender.__name__.startswith("Historical"):
        return
    if isinstance(instance, School) and instance.trust_id is not None:
        # An academy's staff count is the trust's: its sisters' checks may change too.
        ComplianceSnapshot.objects.filter(school__trust_id=instance.trust_id).delete()
        return
    if getattr(instance, "trust_id", None) is not None and not hasattr(instance, "school_id"):
        # A trust's own record (its workforce figures meet its academies' staff rule).
        ComplianceSnapshot.objects.filter(school__trust_id=instance.trust_id).delete()
        return
    school_id = _school_id_of(instance)
    if school_id is not None:
        ComplianceSnapshot.objects.filter(school_id=school_id).delete()


def connect() -> None:
    post_save.connect(forget, dispatch_uid="oversight_snapshot_forget_save")
    post_delete.connect(forget, dispatch_uid="oversight_snapshot_forget_delete")
