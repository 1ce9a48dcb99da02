"""Reads for statements and publications."""

import datetime

from django.db.models import QuerySet
from django.http import Http404

from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.dates import add_months
from equality_portal.schools.models import School

from .models import AttachmentFile, Publication, StatementDraft, StatementVersion

# The statement must be published again within a year of the last publication.
PUBLICATION_INTERVAL_MONTHS = 12

# What the archive lists: never the stored HTML, JSON or PDF, which can be large.
LISTING_FIELDS = (
    "school",
    "academic_year",
    "version",
    "published_at",
    "approved_by_name",
    "approved_at",
    "correction_note",
    "pdf_sha256",
    "data_sha256",
    "html_sha256",
)


def publications_for_school(*, school: School) -> QuerySet[Publication]:
    """Every publication of the school, newest year and version first, without the files."""
    return (
        Publication.objects.for_school(school)
        .only(*LISTING_FIELDS)
        .order_by("-academic_year", "-version")
    )


def publication_latest(*, school: School) -> Publication | None:
    return publications_for_school(school=school).first()


def publication_get(
    *, school: School, year: AcademicYear, version: int | None = None
) -> Publication:
    """The publication the public asked for: the current version of the year unless a version
    is named. Http404 when there is none."""
    publications = Publication.objects.for_school(school).filter(academic_year=year.start_year)
    publication = (
        publications.filter(version=version).first()
        if version is not None
        else publications.order_by("-version").first()
    )
    if publication is None:
        raise Http404("No statement was published for that year.")
    return publication


def public_school_get(*, slug: str) -> School:
    """A school for its public pages: 404 unless it has published a statement."""
    school = School.objects.filter(slug=slug, publications__isnull=False).distinct().first()
    if school is None:
        raise Http404("No published equality information for that school.")
    return school


def statement_next_due(*, school: School) -> datetime.date | None:
    """12 months after the last publication, or None if it has never published."""
    latest = publication_latest(school=school)
    if latest is None:
        return None
    return add_months(latest.published_at.date(), PUBLICATION_INTERVAL_MONTHS)


def drafts_for_school(*, school: School) -> QuerySet[StatementDraft]:
    return StatementDraft.objects.filter(school=school).order_by("-academic_year")


def statement_draft_for_reading(*, school: School, year: AcademicYear) -> StatementDraft:
    """The school's draft for the year, or, when none is saved yet, an unsaved empty one: reading
    a statement page never creates a draft (only a form sent does, through the services)."""
    draft = StatementDraft.objects.filter(school=school, academic_year=year.start_year).first()
    return draft or StatementDraft(school=school, academic_year=year.start_year)


# Stored files a list of versions never reads.
FILES = ("html", "data", "data_json", "pdf")


def versions_for_draft(*, draft: StatementDraft) -> list[StatementVersion]:
    """The draft's versions, newest first, with their decisions and publications, without the
    stored files. An unsaved draft (a statement page read before anything was written) has none."""
    if draft.pk is None:
        return []
    return list(
        StatementVersion.objects.filter(draft=draft)
        .select_related("submitted_by", "decision__decided_by", "publication")
        .defer(*FILES, *(f"publication__{name}" for name in FILES))
        .order_by("-number")
    )


def version_get(*, draft: StatementDraft, number: int) -> StatementVersion:
    """One version of the draft, whole. Http404 when there is none."""
    version = (
        StatementVersion.objects.filter(draft=draft, number=number)
        .select_related("submitted_by", "decision__decided_by", "publication")
        .defer(*(f"publication__{name}" for name in FILES))
        .first()
    )
    if version is None:
        raise Http404("There is no such version of the statement.")
    return version


def version_data(*, version: StatementVersion) -> dict:
    """The frozen data of a version read without its files (as in versions_for_draft)."""
    return StatementVersion.objects.filter(pk=version.pk).values_list("data", flat=True).get()


def version_current_number(*, draft: StatementDraft) -> int | None:
    """The number of the draft's latest version: the only one that can be decided on or
    published."""
    if draft.pk is None:
        return None
    return (
        StatementVersion.objects.filter(draft=draft)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )


def publication_last_data(*, school: School) -> dict | None:
    """The structured data of the school's most recent publication, to compare a version with."""
    latest = Publication.objects.for_school(school).order_by("-published_at", "-pk")
    return latest.values_list("data", flat=True).first()


def attachment_file_get(*, school: School, sha256: str) -> AttachmentFile:
    """The stored bytes of an appendix of the school's, or 404."""
    file = AttachmentFile.objects.filter(school=school, sha256=sha256).first()
    if file is None:
        raise Http404("No such appendix.")
    return file
