import json
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from equality_portal.publishing import services
from equality_portal.publishing.models import Publication, sha256
from equality_portal.publishing.rendering import PdfRenderingError
from equality_portal.schools.models import AuditEvent


def test_publishing_freezes_html_json_and_pdf_with_their_hashes(draft, publish, leader, governor):
    publication = publish(draft)
    assert publication.version == 1
    assert publication.published_by == leader.user
    assert publication.approved_by_name == governor.user.get_full_name()
    assert publication.pdf[:5] == b"%PDF-"
    assert publication.pdf_sha256 == sha256(bytes(publication.pdf))
    assert publication.html_sha256 == sha256(publication.html.encode())
    assert publication.data_sha256 == sha256(publication.data_json.encode())
    assert json.loads(publication.data_json)["academic_year"] == draft.year.label
    assert "We welcome &lt;everyone&gt; &amp; celebrate difference." in publication.html
    assert AuditEvent.objects.filter(action="statement_published", actor=leader.user).exists()


def test_only_a_governor_approves_and_only_leadership_publish(
    draft, leader, governor, staff_member
):
    with pytest.raises(ValidationError, match="Only a governor"):
        services.statement_approve(draft=draft, by=leader.user)
    with pytest.raises(ValidationError, match="Only a governor"):
        services.statement_approve(draft=draft, by=staff_member.user)
    services.statement_approve(draft=draft, by=governor.user)
    with pytest.raises(ValidationError, match="Only the school's leadership"):
        services.statement_publish(draft=draft, by=governor.user)


def test_an_unapproved_draft_cannot_be_published(draft, leader):
    with pytest.raises(ValidationError) as error:
        services.statement_publish(draft=draft, by=leader.user)
    assert error.value.messages == [services.NOT_APPROVED]
    assert not Publication.objects.exists()


def test_a_change_after_approval_needs_approving_again(draft, governor, leader):
    services.statement_approve(draft=draft, by=governor.user)
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Changed.")
    with pytest.raises(ValidationError, match="has changed since"):
        services.statement_publish(draft=draft, by=leader.user)
    assert not Publication.objects.exists()


def test_warnings_must_be_acknowledged(draft, governor, leader):
    draft.school.contact_email = ""
    draft.school.save()
    services.statement_approve(draft=draft, by=governor.user)
    with pytest.raises(ValidationError) as error:
        services.statement_publish(draft=draft, by=leader.user)
    assert error.value.message_dict["acknowledged"] == [services.WARNINGS_NOT_ACKNOWLEDGED]
    publication = services.statement_publish(
        draft=draft, by=leader.user, acknowledged={"no_contact_email"}
    )
    assert publication.warnings_acknowledged == ["no_contact_email"]


def test_the_same_approval_is_published_once(draft, publish, leader):
    publish(draft)
    with pytest.raises(ValidationError) as error:
        services.statement_publish(draft=draft, by=leader.user, acknowledged={"x"})
    assert error.value.messages == [services.ALREADY_PUBLISHED]
    assert Publication.objects.count() == 1


def test_a_correction_is_a_new_version_that_keeps_the_old(draft, publish, leader):
    first = publish(draft)
    services.statement_draft_update(draft=draft, by=leader.user, introduction="Corrected text.")
    with pytest.raises(ValidationError) as error:
        publish(draft)
    assert "correction_note" in error.value.message_dict
    second = services.statement_publish(
        draft=draft, by=leader.user, correction_note="Fixed the introduction."
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


def test_a_pdf_failure_publishes_nothing_and_keeps_the_draft(draft, governor, leader):
    services.statement_approve(draft=draft, by=governor.user)
    with (
        mock.patch(
            "equality_portal.publishing.services.statement_render_pdf",
            side_effect=PdfRenderingError("cairo ran out of memory"),
        ),
        pytest.raises(ValidationError, match="The PDF could not be made"),
    ):
        services.statement_publish(draft=draft, by=leader.user)
    assert not Publication.objects.exists()
    draft.refresh_from_db()
    assert draft.introduction.startswith("We welcome")


def test_a_failure_half_way_leaves_no_publication(draft, governor, leader):
    services.statement_approve(draft=draft, by=governor.user)
    with (
        mock.patch(
            "equality_portal.publishing.services.audit_record",
            side_effect=DatabaseError("connection lost"),
        ),
        pytest.raises(DatabaseError),
    ):
        services.statement_publish(draft=draft, by=leader.user)
    assert not Publication.objects.exists()
