"""Writes for the statement: drafting, approving and publishing."""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.models import AuditAction, School, User
from equality_portal.schools.roles import Role
from equality_portal.schools.services import audit_record

from .completeness import statement_findings
from .composition import statement_compose, statement_content_hash, statement_serialise
from .models import Approval, Publication, StatementDraft, sha256
from .rendering import PdfRenderingError, statement_render_html, statement_render_pdf

logger = logging.getLogger(__name__)

NOT_A_GOVERNOR = "Only a governor of the school can approve its statement."
NOT_LEADERSHIP = "Only the school's leadership can publish its statement."
NOT_APPROVED = "A governor must approve this draft before it can be published."
CHANGED_SINCE_APPROVAL = (
    "The statement has changed since {name} approved it on {date}. Ask a governor to look at "
    "the draft again and approve it."
)
ERRORS_OUTSTANDING = "The statement cannot be published until these are fixed: {errors}"
WARNINGS_NOT_ACKNOWLEDGED = "Tick to confirm you have read each warning before publishing."
ALREADY_PUBLISHED = (
    "This approved draft has already been published. To correct a published statement, "
    "change the draft, ask a governor to approve it again, and publish the correction."
)
CORRECTION_NOTE_NEEDED = (
    "Say what changed since the version published on {date}: readers see this note."
)
PDF_FAILED = (
    "The PDF could not be made, so nothing was published and the draft is unchanged. "
    "Try again; if it fails again, tell the portal's administrator, who will find the cause "
    "in the server's log."
)


def statement_draft_get_or_create(*, school: School, year: AcademicYear) -> StatementDraft:
    draft, _ = StatementDraft.objects.get_or_create(school=school, academic_year=year.start_year)
    return draft


def statement_draft_update(*, draft: StatementDraft, by: User, **fields: Any) -> StatementDraft:
    """Change what leadership wrote for the statement."""
    for field, value in fields.items():
        setattr(draft, field, value)
    draft.full_clean()
    draft.save()
    return draft


def _role(user: User, school: School) -> str | None:
    return user.memberships.filter(school=school).values_list("role", flat=True).first()


def statement_approve(*, draft: StatementDraft, by: User) -> Approval:
    """Record a governor's approval of the draft exactly as it stands now."""
    if _role(by, draft.school) != Role.GOVERNOR:
        raise ValidationError(NOT_A_GOVERNOR)
    data = statement_compose(draft=draft)
    with transaction.atomic():
        approval = Approval.objects.create(
            draft=draft, approved_by=by, content_sha256=statement_content_hash(data)
        )
        audit_record(
            action=AuditAction.STATEMENT_APPROVED,
            actor=by,
            school=draft.school,
            detail=f"Approved the {draft.year.label} statement",
        )
    return approval


def statement_publish(
    *,
    draft: StatementDraft,
    by: User,
    acknowledged: set[str] | frozenset[str] = frozenset(),
    correction_note: str = "",
) -> Publication:
    """Publish the approved draft as an immutable snapshot: HTML, JSON and tagged PDF.

    Refused when errors are outstanding, warnings are not acknowledged, the draft changed since
    it was approved, or that approval was already published. The PDF is made before anything
    is written, and everything is written in one transaction, so a failure publishes nothing.
    """
    school = draft.school
    if _role(by, school) != Role.LEADERSHIP:
        raise ValidationError(NOT_LEADERSHIP)
    approval = draft.approvals.select_related("approved_by").first()
    if approval is None:
        raise ValidationError(NOT_APPROVED)
    data = statement_compose(draft=draft)
    if statement_content_hash(data) != approval.content_sha256:
        raise ValidationError(
            CHANGED_SINCE_APPROVAL.format(
                name=approval.approved_by, date=f"{approval.approved_at:%d %B %Y}"
            )
        )
    findings = statement_findings(draft=draft, data=data)
    errors = [finding.message for finding in findings if finding.is_error]
    if errors:
        raise ValidationError(ERRORS_OUTSTANDING.format(errors=" ".join(errors)))
    warnings = {finding.key for finding in findings if not finding.is_error}
    if not warnings <= set(acknowledged):
        raise ValidationError({"acknowledged": WARNINGS_NOT_ACKNOWLEDGED})

    data_json = statement_serialise(data)
    html = statement_render_html(data)
    try:
        pdf = statement_render_pdf(data=data, body_html=html)
    except PdfRenderingError as error:
        # The cause (which may name server paths) goes to the log, never to the page.
        logger.exception("PDF rendering failed for %s", draft)
        raise ValidationError(PDF_FAILED) from error

    try:
        with transaction.atomic():
            # Lock the draft: two leaders pressing Publish at once make one publication.
            StatementDraft.objects.select_for_update().get(pk=draft.pk)
            if Publication.objects.filter(approval=approval).exists():
                raise ValidationError(ALREADY_PUBLISHED)
            previous = (
                Publication.objects.current_versions()
                .filter(school=school, academic_year=draft.academic_year)
                .first()
            )
            if previous and not correction_note.strip():
                raise ValidationError(
                    {
                        "correction_note": CORRECTION_NOTE_NEEDED.format(
                            date=f"{previous.published_at:%d %B %Y}"
                        )
                    }
                )
            publication = Publication(
                school=school,
                academic_year=draft.academic_year,
                version=previous.version + 1 if previous else 1,
                approval=approval,
                published_at=dates.now(),
                published_by=by,
                approved_by_name=approval.approved_by.get_full_name()
                or approval.approved_by.username,
                approved_at=approval.approved_at,
                correction_note=correction_note.strip() if previous else "",
                supersedes=previous,
                warnings_acknowledged=sorted(warnings),
                html=html,
                data=data,
                data_json=data_json,
                pdf=pdf,
                html_sha256=sha256(html.encode()),
                data_sha256=sha256(data_json.encode()),
                pdf_sha256=sha256(pdf),
            )
            publication.full_clean()
            publication.save()
            audit_record(
                action=AuditAction.STATEMENT_PUBLISHED,
                actor=by,
                school=school,
                detail=(
                    f"Published the {draft.year.label} statement (version {publication.version})"
                ),
            )
    except IntegrityError as error:
        # The other of two simultaneous publishes won the race.
        raise ValidationError(ALREADY_PUBLISHED) from error
    return publication
