"""Writes for the statement: drafting, submitting a frozen version, governors' decisions on it,
and publishing exactly the version they approved.

Each write that needs the statement composed does it once, in ``statement_prepare`` (compose,
check, render the HTML and PDF), before its transaction; the transaction itself only locks the
draft, numbers, saves and audits. Emails go out after the transaction commits.
"""

import datetime
import logging
import pathlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation

from duties.services import actions_carry_forward
from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.checks import Check
from equality_portal.core.periods import Period, as_period
from equality_portal.schools.models import AuditAction, School, User
from equality_portal.schools.roles import Role
from equality_portal.schools.services import audit_record
from objectives.selectors import objectives_for_statement

from . import notifications
from .attachments import attachment_check
from .completeness import statement_findings
from .composition import statement_compose, statement_serialise
from .models import (
    EARLIER_DOCUMENT_MAX_BYTES,
    EARLIER_DOCUMENT_TYPES,
    AttachmentFile,
    CarryForward,
    Decision,
    DecisionOutcome,
    EarlierPublication,
    Publication,
    StatementAttachment,
    StatementDraft,
    StatementSection,
    StatementVersion,
    sha256,
)
from .rendering import PdfRenderingError, statement_render_html, statement_render_pdf
from .welsh import WELSH, statement_in_welsh

logger = logging.getLogger(__name__)

EARLIER_DOCUMENT_WRONG_TYPE = "Upload a PDF, Word (.docx) or OpenDocument (.odt) document."
EARLIER_DOCUMENT_TOO_LARGE = (
    f"The document can be at most {EARLIER_DOCUMENT_MAX_BYTES // (1024 * 1024)} MB."
)
NOT_A_GOVERNOR = "Only a governor of the school can decide on its statement."
NOT_LEADERSHIP = "Only the school's leadership can submit and publish its statement."
UNCHANGED = (
    "Nothing in the statement has changed since version {number} was submitted, and it is "
    "{state}: there is nothing new to submit."
)
NOT_CURRENT = (
    "Version {number} is no longer current: version {current} was submitted since, and only "
    "the current version can be {action}."
)
ALREADY_DECIDED = "A governor has already decided on version {number}: {decision}."
COMMENT_NEEDED = "Say what needs to change: leadership read this comment."
ERRORS_OUTSTANDING = (
    "Version {number} cannot be approved while these remain: {errors} Ask leadership to fix "
    "them and submit a new version."
)
NOT_APPROVED = "A governor must approve version {number} before it can be published."
ADVICE_NOT_CONFIRMED = "Confirm that you publish the statement with this advice outstanding."
ALREADY_PUBLISHED = (
    "Version {number} has already been published. To correct the published statement, change "
    "the draft, submit a new version for approval, and publish that."
)
CORRECTION_NOTE_NEEDED = (
    "Say what changed since the version published on {date}: readers see this note."
)
PDF_FAILED = (
    "The PDF could not be made, so nothing was saved and the draft is unchanged. "
    "Try again; if it fails again, tell the portal's administrator, who will find the cause "
    "in the server's log."
)
AT_THE_SAME_MOMENT = "Someone else changed the statement at the same moment. Look again and retry."


class NotCurrentVersion(ValidationError):
    """The version asked about has been replaced by a newer one (``current``)."""

    def __init__(self, version: StatementVersion, current: StatementVersion, action: str):
        super().__init__(
            NOT_CURRENT.format(number=version.number, current=current.number, action=action)
        )
        self.current = current


def statement_draft_get_or_create(
    *,
    school: School,
    year: Period | AcademicYear,
    kind: str = "",
    period_label: str = "",
) -> StatementDraft:
    """The school's draft for the period (an academic year, a calendar or financial year, a
    plan's years), made when there is none yet with the kind of publication and the period as
    the school writes it."""
    period = as_period(year)
    defaults = {"period_label": period_label.strip()}
    if kind:
        defaults["kind"] = kind
    draft = StatementDraft.objects.filter(
        school=school, period_start=period.start, period_end=period.end
    ).first()
    if draft is None:
        draft = StatementDraft(school=school, **defaults)
        draft.set_period(period)
        draft.full_clean()
        draft.save()
    return draft


def statement_draft_update(*, draft: StatementDraft, by: User, **fields: Any) -> StatementDraft:
    """Change what leadership wrote for the statement."""
    for field, value in fields.items():
        setattr(draft, field, value)
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def statement_sections_replace(
    *, draft: StatementDraft, by: User, sections: list[dict[str, Any]]
) -> list[StatementSection]:
    """The draft's sections become ``sections`` (kind, heading, body and, for a school that
    publishes in Welsh too, heading_cy and body_cy), in order of their
    ``position``; sections left out are removed. Each is validated before any is saved."""
    ordered = sorted(sections, key=lambda row: row.get("position") or 0)
    made = [
        StatementSection(
            draft=draft,
            position=number,
            kind=row["kind"],
            heading=row.get("heading", ""),
            body=row.get("body", ""),
            heading_cy=row.get("heading_cy", ""),
            body_cy=row.get("body_cy", ""),
        )
        for number, row in enumerate(ordered, start=1)
    ]
    for section in made:
        section.full_clean(exclude=["draft"])
    draft.sections.all().delete()
    StatementSection.objects.bulk_create(made)
    draft.save(update_fields=["updated_at"])
    return made


@transaction.atomic
def statement_attachment_add(
    *, draft: StatementDraft, by: User, title: str, file_name: str, content: bytes
) -> StatementAttachment:
    """An appendix for the draft, kept in the database; refused (naming what is allowed and the
    limit) unless it is a PDF, DOCX or ODT file within the size limit."""
    if not title.strip():
        raise ValidationError({"title": "Give the appendix a title."})
    safe_name, content_type = attachment_check(file_name=file_name, content=content)
    file, _ = AttachmentFile.objects.get_or_create(
        school=draft.school,
        sha256=sha256(content),
        defaults={"content": content, "content_type": content_type, "size": len(content)},
    )
    attachment = StatementAttachment.objects.create(
        draft=draft, title=title.strip(), file_name=safe_name, file=file
    )
    draft.save(update_fields=["updated_at"])
    return attachment


def statement_attachment_remove(*, attachment: StatementAttachment, by: User) -> None:
    """Take an appendix out of the draft; published statements keep theirs (the file stays)."""
    draft = attachment.draft
    attachment.delete()
    draft.save(update_fields=["updated_at"])


def _role(user: User, school: School) -> str | None:
    return user.memberships.filter(school=school).values_list("role", flat=True).first()


def _lock(draft_pk: int) -> StatementDraft:
    """Lock the draft's row: submissions, decisions and publications of one statement happen
    one at a time, so two people pressing a button at once get one result."""
    return StatementDraft.objects.select_for_update().get(pk=draft_pk)


def _current_version(draft_pk: int) -> StatementVersion:
    """The draft's latest version (asked only of a draft that has one)."""
    return StatementVersion.objects.filter(draft_id=draft_pk).latest("number")


# --- Preparing: compose once, check, render ---------------------------------------------------


@dataclass(frozen=True)
class PreparedStatement:
    """The statement composed once, checked and rendered: everything a version freezes."""

    draft: StatementDraft
    data: dict[str, Any]
    data_json: str
    html: str
    pdf: bytes
    findings: list[Check]
    # The same statement in Welsh, for a school that publishes in Welsh as well as English.
    welsh: "WelshStatement | None" = None

    @property
    def content_sha256(self) -> str:
        """Of the JSON text; of both languages' for a statement in Welsh too, so a change to
        the Welsh text alone is a change."""
        if self.welsh is None:
            return sha256(self.data_json.encode())
        return sha256((self.data_json + self.welsh.data_json).encode())

    def welsh_fields(self) -> dict[str, Any]:
        """The Welsh statement's fields of a version or publication (none in English only)."""
        if self.welsh is None:
            return {}
        return {
            "data_cy": self.welsh.data,
            "data_json_cy": self.welsh.data_json,
            "html_cy": self.welsh.html,
            "pdf_cy": self.welsh.pdf,
        }

    def frozen_findings(self) -> list[dict[str, str]]:
        return [
            {
                "key": finding.key,
                "severity": "error" if finding.is_error else "advice",
                "message": finding.message,
            }
            for finding in self.findings
        ]


@dataclass(frozen=True)
class WelshStatement:
    data: dict[str, Any]
    data_json: str
    html: str
    pdf: bytes


def statement_render_welsh(
    *, data: dict[str, Any], published_at: datetime.datetime | None = None
) -> tuple[str, bytes]:
    """The Welsh statement's HTML and PDF, in the portal's Welsh interface."""
    with translation.override(WELSH):
        html = statement_render_html(data)
        return html, statement_render_pdf(data=data, body_html=html, published_at=published_at)


def statement_prepare(
    *, draft: StatementDraft, data: dict[str, Any] | None = None
) -> PreparedStatement:
    """Compose the statement (unless ``data`` is the composition already made), check it, and
    render its HTML and PDF. Writes nothing; a PDF failure is a ValidationError."""
    if data is None:
        data = statement_compose(draft=draft)
    findings = statement_findings(draft=draft, data=data)
    html = statement_render_html(data)
    welsh = None
    try:
        pdf = statement_render_pdf(data=data, body_html=html)
        if draft.school.publishes_in_welsh:
            data_cy = statement_in_welsh(draft=draft, data=data)
            html_cy, pdf_cy = statement_render_welsh(data=data_cy)
            welsh = WelshStatement(data_cy, statement_serialise(data_cy), html_cy, pdf_cy)
    except PdfRenderingError as error:
        # The cause (which may name server paths) goes to the log, never to the page.
        logger.exception("PDF rendering failed for %s", draft)
        raise ValidationError(PDF_FAILED) from error
    return PreparedStatement(draft, data, statement_serialise(data), html, pdf, findings, welsh)


# --- Submitting a version ---------------------------------------------------------------------


def _state(version: StatementVersion) -> str | None:
    """What stops an identical version being submitted again, or None."""
    if Publication.objects.filter(statement_version=version).exists():
        return "published"
    decision = Decision.objects.filter(version=version).first()
    if decision is None:
        return "waiting for a governor's decision"
    return "approved" if decision.is_approval else None


def statement_submit(
    *, draft: StatementDraft, by: User, prepared: PreparedStatement | None = None
) -> StatementVersion:
    """Freeze the draft as the next numbered version and ask the governors to decide on it.

    Any earlier version not yet decided on or published is replaced by this one.
    """
    if _role(by, draft.school) != Role.LEADERSHIP:
        raise ValidationError(NOT_LEADERSHIP)
    if prepared is None:
        prepared = statement_prepare(draft=draft)
    try:
        with transaction.atomic():
            _lock(draft.pk)
            latest = draft.versions.order_by("-number").first()
            if latest and latest.content_sha256 == prepared.content_sha256:
                state = _state(latest)
                if state:
                    raise ValidationError(UNCHANGED.format(number=latest.number, state=state))
            version = StatementVersion(
                draft=draft,
                number=latest.number + 1 if latest else 1,
                submitted_by=by,
                submitted_at=dates.now(),
                data=prepared.data,
                data_json=prepared.data_json,
                html=prepared.html,
                pdf=prepared.pdf,
                content_sha256=prepared.content_sha256,
                html_sha256=sha256(prepared.html.encode()),
                pdf_sha256=sha256(prepared.pdf),
                findings=prepared.frozen_findings(),
                **prepared.welsh_fields(),
            )
            version.full_clean()
            version.save()
            audit_record(
                action=AuditAction.STATEMENT_SUBMITTED,
                actor=by,
                school=draft.school,
                detail=f"Submitted version {version.number} of the {draft.label} statement",
            )
            notifications.after_commit(notifications.approval_requested, version=version)
    except IntegrityError as error:  # another submission took the same number
        raise ValidationError(AT_THE_SAME_MOMENT) from error
    return version


# --- Governors' decisions ---------------------------------------------------------------------


def _decide(
    *,
    version: StatementVersion,
    by: User,
    outcome: DecisionOutcome,
    comment: str,
    minute_reference: str,
) -> Decision:
    school = version.draft.school
    if _role(by, school) != Role.GOVERNOR:
        raise ValidationError(NOT_A_GOVERNOR)
    comment, minute_reference = comment.strip(), minute_reference.strip()
    approving = outcome == DecisionOutcome.APPROVED
    if not approving and not comment:
        raise ValidationError({"comment": COMMENT_NEEDED})
    try:
        with transaction.atomic():
            _lock(version.draft_id)
            current = _current_version(version.draft_id)
            if current.pk != version.pk:
                raise NotCurrentVersion(version, current, "decided on")
            earlier_decisions = Decision.objects.filter(version=version)
            if earlier := earlier_decisions.select_related("decided_by").first():
                raise ValidationError(
                    ALREADY_DECIDED.format(number=version.number, decision=earlier)
                )
            if approving and version.errors:
                errors = " ".join(error["message"] for error in version.errors)
                raise ValidationError(
                    ERRORS_OUTSTANDING.format(number=version.number, errors=errors)
                )
            decision = Decision(
                version=version,
                outcome=outcome,
                decided_by=by,
                decided_at=dates.now(),
                on_behalf_of=school.get_approving_body_display(),
                comment=comment,
                minute_reference=minute_reference,
            )
            decision.full_clean(validate_unique=False)
            decision.save()
            audit_record(
                action=(
                    AuditAction.STATEMENT_APPROVED
                    if approving
                    else AuditAction.STATEMENT_CHANGES_REQUESTED
                ),
                actor=by,
                school=school,
                detail=(
                    f"{decision.get_outcome_display()}: version {version.number} of the "
                    f"{version.draft.label} statement"
                ),
            )
            notifications.after_commit(notifications.decided, decision=decision)
    except IntegrityError as error:  # the other of two simultaneous decisions won
        raise ValidationError(
            ALREADY_DECIDED.format(number=version.number, decision="see the version")
        ) from error
    return decision


def statement_approve(
    *, version: StatementVersion, by: User, comment: str = "", minute_reference: str = ""
) -> Decision:
    """A governor approves the version on behalf of the school's approving body. Refused while
    the version has errors, or once a newer version has been submitted."""
    return _decide(
        version=version,
        by=by,
        outcome=DecisionOutcome.APPROVED,
        comment=comment,
        minute_reference=minute_reference,
    )


def statement_request_changes(
    *, version: StatementVersion, by: User, comment: str, minute_reference: str = ""
) -> Decision:
    """A governor asks leadership to change the version, saying what and why."""
    return _decide(
        version=version,
        by=by,
        outcome=DecisionOutcome.CHANGES_REQUESTED,
        comment=comment,
        minute_reference=minute_reference,
    )


# --- Publishing the approved version ----------------------------------------------------------


def statement_publish(
    *,
    version: StatementVersion,
    by: User,
    advice_confirmed: bool = False,
    correction_note: str = "",
) -> Publication:
    """Publish exactly the approved version: its frozen HTML and data, at stable addresses.

    Nothing is composed here; the version was prepared when it was submitted. Its PDF is made
    again from the same frozen data and HTML, so that the cover can carry the date it was
    published; the statement inside is the one the governors approved, word for word.
    Refused unless a governor approved the version, it is still the current one, its advice is
    confirmed, and it is not already published. A correction needs a note for readers.
    """
    draft = version.draft
    if _role(by, draft.school) != Role.LEADERSHIP:
        raise ValidationError(NOT_LEADERSHIP)
    decision = Decision.objects.filter(version=version).select_related("decided_by").first()
    if decision is None or not decision.is_approval:
        raise ValidationError(NOT_APPROVED.format(number=version.number))
    if version.advice and not advice_confirmed:
        raise ValidationError({"advice_confirmed": ADVICE_NOT_CONFIRMED})
    published_at = dates.now()
    try:  # outside the transaction: rendering takes a moment and needs no lock
        pdf = statement_render_pdf(
            data=version.data, body_html=version.html, published_at=published_at
        )
        pdf_cy = (
            statement_render_pdf_in_welsh(version=version, published_at=published_at)
            if version.html_cy
            else None
        )
    except PdfRenderingError as error:
        logger.exception("PDF rendering failed for %s", draft)
        raise ValidationError(PDF_FAILED) from error
    try:
        with transaction.atomic():
            publication = _publication_commit(
                version=version,
                decision=decision,
                by=by,
                correction_note=correction_note.strip(),
                pdf=pdf,
                pdf_cy=pdf_cy,
                published_at=published_at,
            )
    except IntegrityError as error:  # the other of two simultaneous publishes won the race
        raise ValidationError(ALREADY_PUBLISHED.format(number=version.number)) from error
    return publication


def statement_render_pdf_in_welsh(
    *, version: StatementVersion, published_at: datetime.datetime
) -> bytes:
    """The Welsh PDF of a version, from its frozen Welsh data and HTML, dated when published."""
    with translation.override(WELSH):
        return statement_render_pdf(
            data=version.data_cy or {}, body_html=version.html_cy, published_at=published_at
        )


def _publication_commit(
    *,
    version: StatementVersion,
    decision: Decision,
    by: User,
    correction_note: str,
    pdf: bytes,
    published_at: datetime.datetime,
    pdf_cy: bytes | None = None,
) -> Publication:
    """Lock, number, save and audit the publication of a version (inside a transaction)."""
    draft = version.draft
    _lock(draft.pk)
    current = _current_version(draft.pk)
    if current.pk != version.pk:
        raise NotCurrentVersion(version, current, "published")
    if Publication.objects.filter(statement_version=version).exists():
        raise ValidationError(ALREADY_PUBLISHED.format(number=version.number))
    previous = (
        Publication.objects.current_versions()
        .filter(school=draft.school, period_start=draft.period_start, period_end=draft.period_end)
        .only("version", "published_at")
        .first()
    )
    if previous and not correction_note:
        raise ValidationError(
            {
                "correction_note": CORRECTION_NOTE_NEEDED.format(
                    date=f"{previous.published_at:%d %B %Y}"
                )
            }
        )
    publication = Publication(
        school=draft.school,
        kind=draft.kind,
        period_start=draft.period_start,
        period_end=draft.period_end,
        period_label=draft.period_label,
        version=previous.version + 1 if previous else 1,
        statement_version=version,
        published_at=published_at,
        published_by=by,
        approved_by_name=decision.decided_by.get_full_name() or decision.decided_by.username,
        approved_at=decision.decided_at,
        approved_on_behalf_of=decision.on_behalf_of,
        correction_note=correction_note if previous else "",
        supersedes=previous,
        warnings_acknowledged=sorted(advice["key"] for advice in version.advice),
        html=version.html,
        data=version.data,
        data_json=version.data_json,
        pdf=pdf,
        html_sha256=version.html_sha256,
        data_sha256=version.content_sha256,
        pdf_sha256=sha256(pdf),
        data_cy=version.data_cy,
        data_json_cy=version.data_json_cy,
        html_cy=version.html_cy,
        pdf_cy=pdf_cy,
    )
    publication.full_clean(validate_unique=False)
    publication.save()
    audit_record(
        action=AuditAction.STATEMENT_PUBLISHED,
        actor=by,
        school=draft.school,
        detail=(
            f"Published version {version.number} of the {draft.label} statement "
            f"(public version {publication.version})"
        ),
    )
    notifications.after_commit(notifications.published, publication=publication)
    return publication


def earlier_publication_record(
    *,
    school: School,
    by: User | None,
    title: str,
    published_on: datetime.date,
    month_only: bool = False,
    url: str = "",
    document: UploadedFile | None = None,
) -> EarlierPublication:
    """Record equality information published before or outside the portal, with its document
    (kept in the database) or a link. A document of another type or over the limit is refused,
    naming the limit; a date in the future is refused."""
    earlier = EarlierPublication(
        school=school,
        title=title,
        published_on=published_on,
        month_only=month_only,
        url=url,
        recorded_by=by,
    )
    if document is not None:
        suffix = pathlib.Path(document.name or "").suffix.lower()
        if suffix not in EARLIER_DOCUMENT_TYPES:
            raise ValidationError({"document": EARLIER_DOCUMENT_WRONG_TYPE})
        if document.size is None or document.size > EARLIER_DOCUMENT_MAX_BYTES:
            raise ValidationError({"document": EARLIER_DOCUMENT_TOO_LARGE})
        content = document.read()
        earlier.document = content
        earlier.document_name = pathlib.Path(document.name or "document").name[:200]
        earlier.document_type = EARLIER_DOCUMENT_TYPES[suffix]
        earlier.document_sha256 = sha256(content)
    earlier.full_clean()
    earlier.save()
    return earlier


# The draft's own fields that are not the school's text: never carried forward.
NOT_CARRIED = {"id", "school", "kind", "period_start", "period_end", "period_label", "updated_at"}
NOTHING_TO_CARRY = "There is no earlier statement to start from."
ALREADY_CARRIED = "This statement was already started from the {year} statement."


def statement_carried_fields(draft: StatementDraft) -> list[str]:
    """The school's own text of a draft: every field it edits, whatever the statement holds."""
    return [
        field.name
        for field in StatementDraft._meta.concrete_fields
        if field.editable and field.name not in NOT_CARRIED
    ]


@transaction.atomic
def statement_carry_forward(
    *, school: School, year: Period | AcademicYear, by: User
) -> CarryForward:
    """Start the period's statement from the last one: its text (into the parts still empty),
    the ongoing actions of its year, and the objective set in force, all marked for review."""
    period = as_period(year)
    last = (
        StatementDraft.objects.filter(school=school, period_start__lt=period.start)
        .order_by("-period_start", "-period_end")
        .first()
    )
    if last is None:
        raise ValidationError(NOTHING_TO_CARRY)
    draft = statement_draft_get_or_create(school=school, year=period, kind=last.kind)
    existing = CarryForward.objects.filter(draft=draft).first()
    if existing is not None:
        raise ValidationError(ALREADY_CARRIED.format(year=existing.from_label))
    carried = []
    for name in statement_carried_fields(draft):
        if getattr(draft, name) in (None, "") and getattr(last, name) not in (None, ""):
            setattr(draft, name, getattr(last, name))
            carried.append(name)
    draft.full_clean()
    draft.save()
    # Ongoing actions are kept by academic year: those of the year the last period ended in
    # come across to the year this one ends in (none when both end in the same year).
    from_year = AcademicYear.containing(last.period_end)
    to_year = AcademicYear.containing(period.end)
    actions = (
        actions_carry_forward(school=school, from_year=from_year, to_year=to_year, by=by)
        if to_year > from_year
        else []
    )
    objective_set = objectives_for_statement(school=school, academic_year=period)
    return CarryForward.objects.create(
        draft=draft,
        from_label=last.label,
        fields=carried,
        actions=[action.pk for action in actions],
        objective_set=objective_set.title if objective_set else "",
        carried_by=by,
        carried_at=dates.now(),
    )


def statement_carry_forward_reviewed(*, draft: StatementDraft, by: User) -> CarryForward:
    """Leadership have reviewed what came across from the last statement."""
    carry_forward = CarryForward.objects.get(draft=draft)
    carry_forward.reviewed_by = by
    carry_forward.reviewed_at = dates.now()
    carry_forward.save(update_fields=["reviewed_by", "reviewed_at"])
    return carry_forward
