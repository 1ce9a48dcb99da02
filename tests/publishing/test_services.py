import io
import json
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from pypdf import PdfReader

from equality_portal.core.dates import long_date
from equality_portal.publishing import services
from equality_portal.publishing.models import Decision, Publication, StatementVersion, sha256
from equality_portal.publishing.rendering import PdfRenderingError
from equality_portal.schools.models import ApprovingBody, AuditEvent
from tests.factories import IncidentFactory, IncidentPersonFactory


@pytest.fixture
def version(draft, leader):
    """The draft as it stands, submitted by leadership."""
    return services.statement_submit(draft=draft, by=leader.user)


def test_submitting_freezes_a_numbered_version_of_data_html_and_pdf(draft, version, leader):
    assert version.number == 1
    assert version.submitted_by == leader.user
    assert version.pdf[:5] == b"%PDF-"
    assert version.pdf_sha256 == sha256(bytes(version.pdf))
    assert version.html_sha256 == sha256(version.html.encode())
    assert version.content_sha256 == sha256(version.data_json.encode())
    assert json.loads(version.data_json)["academic_year"] == draft.year.label
    assert "We welcome &lt;everyone&gt; &amp; celebrate difference." in version.html
    assert version.errors == []
    assert AuditEvent.objects.filter(action="statement_submitted", actor=leader.user).exists()
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Second go.")
    assert services.statement_submit(draft=draft, by=leader.user).number == 2


def test_publishing_copies_the_approved_version_exactly(draft, version, leader, governor):
    services.statement_approve(version=version, by=governor.user, minute_reference="FGB 14")
    publication = services.statement_publish(version=version, by=leader.user)
    assert publication.version == 1
    assert publication.statement_version == version
    assert publication.published_by == leader.user
    assert publication.approved_by_name == governor.user.get_full_name()
    assert (publication.html, publication.data_json) == (version.html, version.data_json)
    # The PDF is the approved one, with the date of publishing added to its cover.
    approved, published = (
        PdfReader(io.BytesIO(bytes(pdf))) for pdf in (version.pdf, publication.pdf)
    )
    assert [page.extract_text() for page in published.pages[1:]] == [
        page.extract_text() for page in approved.pages[1:]
    ]
    assert "Published " not in approved.pages[0].extract_text()
    assert f"Published {long_date(publication.published_at)}" in published.pages[0].extract_text()
    assert publication.pdf_sha256 == sha256(bytes(publication.pdf))
    assert publication.data_sha256 == sha256(publication.data_json.encode())
    assert AuditEvent.objects.filter(action="statement_published", actor=leader.user).exists()


def test_later_evidence_does_not_touch_an_approved_version(
    draft, version, leader, governor, staff_member, school
):
    services.statement_approve(version=version, by=governor.user)
    # A teacher logs incidents, and leadership change their words, after the approval.
    for _ in range(6):
        IncidentPersonFactory(
            incident=IncidentFactory(
                school=school, occurred_on=draft.year.start, recorded_by=staff_member.user
            )
        )
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Not approved.")
    publication = services.statement_publish(version=version, by=leader.user)
    assert "Not approved." not in publication.html
    assert publication.data_json == version.data_json
    version.refresh_from_db()
    assert version.decision.is_approval


def test_only_leadership_submit_and_publish_and_only_a_governor_decides(
    draft, version, leader, governor, staff_member, equality_lead
):
    for member in (governor, equality_lead, staff_member):
        with pytest.raises(ValidationError, match="Only the school's leadership"):
            services.statement_submit(draft=draft, by=member.user)
    for member in (leader, staff_member, equality_lead):
        with pytest.raises(ValidationError, match="Only a governor"):
            services.statement_approve(version=version, by=member.user)
    services.statement_approve(version=version, by=governor.user)
    with pytest.raises(ValidationError, match="Only the school's leadership"):
        services.statement_publish(version=version, by=governor.user)


def test_an_unapproved_version_cannot_be_published(version, leader, governor):
    with pytest.raises(ValidationError) as error:
        services.statement_publish(version=version, by=leader.user)
    assert error.value.messages == [services.NOT_APPROVED.format(number=1)]
    services.statement_request_changes(version=version, by=governor.user, comment="Add more.")
    with pytest.raises(ValidationError, match="must approve version 1"):
        services.statement_publish(version=version, by=leader.user)
    assert not Publication.objects.exists()


def test_approval_is_refused_while_a_blocking_error_remains(school, year, leader, governor):
    draft = services.statement_draft_get_or_create(school=school, year=year)
    version = services.statement_submit(draft=draft, by=leader.user)
    assert {error["key"] for error in version.errors} >= {"objectives_to_publish"}
    with pytest.raises(ValidationError) as error:
        services.statement_approve(version=version, by=governor.user)
    assert "cannot be approved while these remain" in error.value.messages[0]
    assert "no equality objectives" in error.value.messages[0]
    assert not Decision.objects.exists()
    # Asking for changes to it is still possible.
    services.statement_request_changes(version=version, by=governor.user, comment="Fix these.")


def test_asking_for_changes_needs_a_comment_and_then_a_new_version(
    draft, version, leader, governor
):
    with pytest.raises(ValidationError) as error:
        services.statement_request_changes(version=version, by=governor.user, comment="  ")
    assert error.value.message_dict == {"comment": [services.COMMENT_NEEDED]}
    decision = services.statement_request_changes(
        version=version, by=governor.user, comment="Say more about the survey."
    )
    assert not decision.is_approval
    assert AuditEvent.objects.filter(action="statement_changes_requested").exists()
    with pytest.raises(ValidationError, match="already decided"):
        services.statement_approve(version=version, by=governor.user)
    # Even unchanged, a version asked to change may be submitted again for a fresh look.
    second = services.statement_submit(draft=draft, by=leader.user)
    services.statement_approve(version=second, by=governor.user)


def test_the_decision_names_the_schools_approving_body(version, governor, school):
    school.approving_body = ApprovingBody.LOCAL_GOVERNING_BODY
    school.save()
    decision = services.statement_approve(
        version=version, by=governor.user, comment=" Agreed at the meeting. ", minute_reference="7"
    )
    assert decision.on_behalf_of == "Local governing body"
    assert (decision.comment, decision.minute_reference) == ("Agreed at the meeting.", "7")


def test_a_version_no_longer_current_cannot_be_decided_on_or_published(
    draft, version, leader, governor
):
    services.statement_approve(version=version, by=governor.user)
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Refreshed.")
    newer = services.statement_submit(draft=draft, by=leader.user)
    with pytest.raises(services.NotCurrentVersion) as error:
        services.statement_publish(version=version, by=leader.user)
    assert error.value.current == newer
    assert "version 2 was submitted since" in error.value.messages[0]
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Third.")
    third = services.statement_submit(draft=draft, by=leader.user)
    with pytest.raises(services.NotCurrentVersion) as error:
        services.statement_approve(version=newer, by=governor.user)
    assert error.value.current == third
    assert not Publication.objects.exists()


def test_an_unchanged_statement_is_not_submitted_twice(draft, version, leader, governor):
    with pytest.raises(ValidationError, match="waiting for a governor's decision"):
        services.statement_submit(draft=draft, by=leader.user)
    services.statement_approve(version=version, by=governor.user)
    with pytest.raises(ValidationError, match="it is approved"):
        services.statement_submit(draft=draft, by=leader.user)
    assert StatementVersion.objects.count() == 1


def test_advice_is_confirmed_once_and_recorded(draft, leader, governor):
    draft.school.contact_email = ""
    draft.school.save()
    draft.accessibility_plan = ""
    draft.save()
    version = services.statement_submit(draft=draft, by=leader.user)
    assert {advice["key"] for advice in version.advice} == {
        "no_accessibility_plan",
        "no_contact_email",
    }
    services.statement_approve(version=version, by=governor.user)
    with pytest.raises(ValidationError) as error:
        services.statement_publish(version=version, by=leader.user)
    assert error.value.message_dict == {"advice_confirmed": [services.ADVICE_NOT_CONFIRMED]}
    publication = services.statement_publish(version=version, by=leader.user, advice_confirmed=True)
    assert publication.warnings_acknowledged == ["no_accessibility_plan", "no_contact_email"]


def test_the_same_version_is_published_once(draft, publish, leader):
    publication = publish(draft)
    with pytest.raises(ValidationError) as error:
        services.statement_publish(
            version=publication.statement_version, by=leader.user, advice_confirmed=True
        )
    assert error.value.messages == [services.ALREADY_PUBLISHED.format(number=1)]
    assert Publication.objects.count() == 1


def test_a_correction_is_a_new_version_that_keeps_the_old(draft, publish, leader, governor):
    first = publish(draft)
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Corrected text.")
    version = services.statement_submit(draft=draft, by=leader.user)
    services.statement_approve(version=version, by=governor.user)
    with pytest.raises(ValidationError) as error:
        services.statement_publish(version=version, by=leader.user)
    assert "correction_note" in error.value.message_dict
    second = services.statement_publish(
        version=version, by=leader.user, correction_note="Fixed the introduction."
    )
    assert second.version == 2
    assert second.supersedes == first
    first.refresh_from_db()
    assert "Corrected text." not in first.html
    assert Publication.objects.current_versions().get() == second


def test_a_publication_cannot_be_changed_or_deleted(draft, publish):
    publication = publish(draft)
    with pytest.raises(ValidationError):
        publication.save()
    with pytest.raises(ValidationError):
        publication.delete()
    # Not even by a query that bypasses the model: the database refuses.
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(html="tampered")
    if connection.vendor == "postgresql":  # SQLite keeps DELETE for flush (see the migration)
        with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
            Publication.objects.filter(pk=publication.pk).delete()
    publication.refresh_from_db()
    assert publication.html_sha256 == sha256(publication.html.encode())


def test_a_pdf_failure_submits_nothing_and_keeps_the_draft(draft, leader):
    with (
        mock.patch(
            "equality_portal.publishing.services.statement_render_pdf",
            side_effect=PdfRenderingError("cairo ran out of memory"),
        ),
        pytest.raises(ValidationError, match="The PDF could not be made"),
    ):
        services.statement_submit(draft=draft, by=leader.user)
    assert not StatementVersion.objects.exists()
    draft.refresh_from_db()
    assert draft.introduction.startswith("We welcome")


def test_a_pdf_failure_at_publishing_publishes_nothing(version, governor, leader):
    services.statement_approve(version=version, by=governor.user)
    with (
        mock.patch(
            "equality_portal.publishing.services.statement_render_pdf",
            side_effect=PdfRenderingError("cairo ran out of memory"),
        ),
        pytest.raises(ValidationError, match="The PDF could not be made"),
    ):
        services.statement_publish(version=version, by=leader.user, advice_confirmed=True)
    assert not Publication.objects.exists()


def test_a_failure_half_way_leaves_no_publication(version, governor, leader):
    services.statement_approve(version=version, by=governor.user)
    with (
        mock.patch(
            "equality_portal.publishing.services.audit_record",
            side_effect=DatabaseError("connection lost"),
        ),
        pytest.raises(DatabaseError),
    ):
        services.statement_publish(version=version, by=leader.user)
    assert not Publication.objects.exists()


def test_submitting_composes_the_statement_once(draft, leader):
    with mock.patch(
        "equality_portal.publishing.services.statement_compose",
        wraps=services.statement_compose,
    ) as compose:
        services.statement_submit(draft=draft, by=leader.user)
    assert compose.call_count == 1
