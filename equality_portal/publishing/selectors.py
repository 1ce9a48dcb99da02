"""Reads for statements and publications."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from duties.models import Action
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.dates import add_months
from equality_portal.core.periods import Period, as_period
from equality_portal.schools.models import School

from .models import (
    AttachmentFile,
    CarryForward,
    EarlierPublication,
    Publication,
    StatementDraft,
    StatementVersion,
    TrustPublication,
)

# The statement must be published again within a year of the last publication.
PUBLICATION_INTERVAL_MONTHS = 12

# What the archive lists: never the stored HTML, JSON or PDF, which can be large.
LISTING_FIELDS = (
    "school",
    "kind",
    "period_start",
    "period_end",
    "period_label",
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
    """Every publication of the school, newest period and version first, without the files."""
    return (
        Publication.objects.for_school(school)
        .only(*LISTING_FIELDS)
        .order_by("-period_end", "-period_start", "-version")
    )


def publication_latest(*, school: School) -> Publication | None:
    """The publication of the period that began last: a Welsh school's annual report on its
    plan's second year, not the four-year plan that ends later. For academic years, the
    newest year's current version."""
    return (
        publications_for_school(school=school)
        .order_by("-period_start", "-period_end", "-version")
        .first()
    )


def publication_get(
    *, school: School, year: Period | AcademicYear, version: int | None = None
) -> Publication:
    """The publication the public asked for: the current version of the period unless a version
    is named. Http404 when there is none."""
    period = as_period(year)
    publications = Publication.objects.for_school(school).filter(
        period_start=period.start, period_end=period.end
    )
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
    school = (
        School.objects.filter(slug=slug, publications__isnull=False)
        .select_related("trust")
        .annotate(
            trust_has_published=Exists(TrustPublication.objects.filter(trust=OuterRef("trust")))
        )
        .distinct()
        .first()
    )
    if school is None:
        raise Http404("No published equality information for that school.")
    return school


def earlier_publications_for_school(*, school: School) -> QuerySet[EarlierPublication]:
    """What the school published before or outside the portal, newest first, without the
    documents."""
    return (
        EarlierPublication.objects.for_school(school)
        .defer("document")
        .order_by("-published_on", "-pk")
    )


def earlier_publication_get(*, school: School, pk: int) -> EarlierPublication:
    earlier = EarlierPublication.objects.for_school(school).filter(pk=pk).first()
    if earlier is None:
        raise Http404("No such earlier publication.")
    return earlier


def last_published_on(*, school: School) -> datetime.date | None:
    """The day of the school's latest publication, in the portal or outside it, whatever the
    period it covers (a statement for an earlier year published today restarts the clock)."""
    latest = (
        Publication.objects.for_school(school)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    earlier = earlier_publications_for_school(school=school).first()
    days = [
        *([timezone.localdate(latest)] if latest else []),
        *([earlier.published_on] if earlier else []),
    ]
    return max(days) if days else None


def statement_next_due(*, school: School) -> datetime.date | None:
    """12 months after the last publication, wherever it was made, or None if the school has
    never published."""
    last = last_published_on(school=school)
    if last is None:
        return None
    return add_months(last, PUBLICATION_INTERVAL_MONTHS)


def drafts_for_school(*, school: School) -> QuerySet[StatementDraft]:
    return StatementDraft.objects.filter(school=school).order_by("-period_end", "-period_start")


def statement_draft_for_reading(*, school: School, year: Period | AcademicYear) -> StatementDraft:
    """The school's draft for the period, or, when none is saved yet, an unsaved empty one:
    reading a statement page never creates a draft (only a form sent does, through the
    services)."""
    period = as_period(year)
    draft = StatementDraft.objects.filter(
        school=school, period_start=period.start, period_end=period.end
    ).first()
    return draft or StatementDraft(school=school, period_start=period.start, period_end=period.end)


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


def carry_forward_for_draft(*, draft: StatementDraft) -> dict:
    """For the draft's page: what came across from the last statement (marked for review), or
    the earlier statement it could start from."""
    carried = CarryForward.objects.filter(draft=draft).first() if draft.pk else None
    earlier = (
        StatementDraft.objects.filter(school=draft.school, period_start__lt=draft.period_start)
        .order_by("-period_start", "-period_end")
        .first()
    )
    return {
        "carry_forward": carried,
        "carry_forward_from": None if carried else earlier,
        "carried_actions": (
            list(Action.objects.filter(pk__in=carried.actions).order_by("position", "title"))
            if carried
            else []
        ),
    }


def attachment_file_get(*, school: School, sha256: str) -> AttachmentFile:
    """The stored bytes of an appendix of the school's, or 404."""
    file = AttachmentFile.objects.filter(school=school, sha256=sha256).first()
    if file is None:
        raise Http404("No such appendix.")
    return file
