"""The trust's statement: trust-wide sections trust leadership write, a section for each academy
drawn from the academy's own published statement and released records, and the trust's pay gap
reports; approved and published by trust leadership as an immutable, versioned publication with
the same HTML and PDF machinery as a school's statement.

Every count in it is disclosed at the strictest threshold of the academies it covers, and each
figure on its own (``core.suppression``), so a trust total and one academy's figure never give
away another academy's small number.
"""

import datetime
import logging
from collections.abc import Hashable, Mapping
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse

from duties.selectors import staff_counts_for_schools
from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.markdown import markdown_to_html
from equality_portal.core.suppression import suppress_counts
from equality_portal.schools.models import School, Trust, User
from equality_portal.schools.selectors import is_trust_leadership
from incidents.selectors import incidents_by_school
from workforce.models import PayGapReport, WorkforceStage
from workforce.paygap import QUARTILE_LABELS
from workforce.selectors import trust_workforce_counts

from .composition import statement_serialise
from .models import (
    DEFAULT_TITLE,
    Publication,
    TrustPublication,
    TrustStatementDraft,
    TrustStatementSection,
    sha256,
)
from .rendering import PdfRenderingError, render_pdf, statement_contents

logger = logging.getLogger(__name__)

SCHEMA = "equality-portal/trust-statement/1"
NOT_TRUST_LEADERSHIP = "Only the trust's leadership can change, approve and publish its statement."
APPROVER_NEEDED = "Give the name of the person who approved the statement for the trust."
APPROVED_IN_FUTURE = "The date it was approved cannot be in the future."
CORRECTION_NOTE_NEEDED = (
    "The {year} statement was published on {date}: say what this correction changes and why."
)
ALREADY_PUBLISHED = "Someone published the statement at the same moment. Look again and retry."
PDF_FAILED = "The PDF could not be made, so nothing was published. Try again in a few minutes."
SECTION_BODY_NEEDED = "Write the section, or remove it."

# The archive lists these, never the stored HTML, JSON or PDF.
LISTING_FIELDS = (
    "trust",
    "academic_year",
    "version",
    "published_at",
    "approved_by_name",
    "approved_at",
    "approved_on_behalf_of",
    "correction_note",
)


def _require_leadership(trust: Trust, by: User) -> None:
    if not is_trust_leadership(trust=trust, user=by):
        raise ValidationError(NOT_TRUST_LEADERSHIP)


# --- The draft ----------------------------------------------------------------------------------


def trust_statement_year(*, trust: Trust) -> AcademicYear:
    """The year the trust's statement is prepared for: the latest year its academies have
    published theirs for (academies publish the year just ended in the autumn), or the
    current year before any has."""
    latest = (
        Publication.objects.filter(school__trust=trust)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    return AcademicYear.containing(latest if latest is not None else dates.today())


def trust_draft_get_or_create(*, trust: Trust, year: AcademicYear) -> TrustStatementDraft:
    draft, _ = TrustStatementDraft.objects.get_or_create(trust=trust, academic_year=year.start_year)
    return draft


def trust_draft_update(
    *,
    draft: TrustStatementDraft,
    by: User,
    sections: list[dict[str, str]] | None = None,
    **fields: Any,
) -> TrustStatementDraft:
    """Change the draft's title, summary or introduction, and (given ``sections``) replace its
    trust-wide sections, in order, each ``{"heading", "body"}``."""
    _require_leadership(draft.trust, by)
    unknown = set(fields) - {"title", "summary", "introduction"}
    if unknown:
        raise TypeError(f"trust_draft_update cannot change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(draft, name, (value or "").strip())
    draft.full_clean(validate_unique=False)
    if sections is not None:
        for number, section in enumerate(sections, start=1):
            if not (section.get("body") or "").strip():
                raise ValidationError({"sections": f"Section {number}: {SECTION_BODY_NEEDED}"})
    with transaction.atomic():
        draft.save()
        if sections is not None:
            draft.sections.all().delete()
            TrustStatementSection.objects.bulk_create(
                TrustStatementSection(
                    draft=draft,
                    position=position,
                    heading=(section.get("heading") or "").strip(),
                    body=section["body"].strip(),
                )
                for position, section in enumerate(sections)
            )
    return draft


# --- Composing ----------------------------------------------------------------------------------


def _latest_publications(schools: list[School], year: AcademicYear) -> dict[int, Publication]:
    """Each academy's current publication for a period ending by the end of the year, the
    latest of them: one query for all of them. A statement for an earlier year never shows
    what an academy published for a later one."""
    latest: dict[int, Publication] = {}
    publications = (
        Publication.objects.filter(
            school__in=schools, superseded_by__isnull=True, period_end__lte=year.end
        )
        .only(
            "school_id",
            "kind",
            "period_start",
            "period_end",
            "period_label",
            "version",
            "published_at",
            "data",
        )
        .order_by("school_id", "-period_end")
    )
    for publication in publications:
        latest.setdefault(publication.school_id, publication)
    return latest


def _academy_objectives(publication: Publication | None) -> dict:
    """The objectives as the academy published them (its own and the trust's, each with the
    academy's own measures), from its publication's frozen data."""
    if publication is None:
        return {"set": None, "objectives": []}
    objectives = publication.data.get("objectives") or {}
    return {
        "set": objectives.get("set"),
        "objectives": [
            {
                "number": objective.get("number"),
                "title": objective.get("title"),
                "trust_objective": bool(objective.get("trust_objective")),
                "measure": objective.get("measure", ""),
                "baseline": objective.get("baseline", ""),
                "target": objective.get("target", "") or objective.get("target_text", ""),
                "target_date": objective.get("target_date"),
                "status": objective.get("status", ""),
            }
            for objective in objectives.get("objectives", [])
        ],
    }


def trust_incident_counts(
    *, schools: list[School], year: AcademicYear, today: datetime.date
) -> dict:
    """Each academy's released incidents in the year and the trust's total, disclosed at the
    strictest threshold of the academies."""
    counts = incidents_by_school(schools=schools, academic_year=year, today=today)
    return {
        "threshold": counts.threshold,
        "by_school": {str(school.pk): counts[school].display for school in schools},
        "total": counts.total.display,
        # A hidden count ("fewer than") stands for at least one incident.
        "recorded": any(cell.count != 0 for cell in counts.cells.values()),
    }


def _disclosed_tables(by_characteristic: Mapping[str, Mapping[str, int]], threshold: int) -> list:
    """One table per protected characteristic, each count disclosed on its own."""
    tables = []
    for characteristic, counts in by_characteristic.items():
        disclosed = suppress_counts(cast(Mapping[Hashable, int], counts), threshold=threshold)
        tables.append(
            {
                "characteristic": characteristic,
                "rows": [
                    [str(label), cell.display, cell.percentage_display]
                    for label, cell in disclosed.items()
                ],
                "total": disclosed.total.display,
            }
        )
    return tables


def _workforce(
    trust: Trust, schools: list[School], year: AcademicYear, threshold: int
) -> tuple[list[dict], list[dict]]:
    """The trust's staff in post by protected characteristic (as trust leadership entered
    them, or else its academies' staff profiles added up), and its recruitment and leavers;
    every count disclosed on its own at the strictest threshold of the academies."""
    entered = trust_workforce_counts(trust=trust, academic_year=year.start_year)
    in_post = entered.pop(WorkforceStage.IN_POST, None) or staff_counts_for_schools(
        schools=schools, academic_year=year
    )
    stages = [
        {
            "stage": stage.value,
            "label": stage.label,
            "tables": _disclosed_tables(entered[stage], threshold),
        }
        for stage in WorkforceStage
        if stage in entered
    ]
    return _disclosed_tables(in_post, threshold), stages


def _pay_gaps(trust: Trust, today: datetime.date) -> list[dict]:
    """The trust's latest pay gap report of each kind (reports are kept three years)."""
    reports: dict[str, PayGapReport] = {}
    for report in PayGapReport.objects.filter(trust=trust, snapshot_date__lte=today):
        reports.setdefault(report.kind, report)
    gaps = []
    for report in reports.values():
        config, measures = report.config, report.measures
        groups = (config.reference, config.compared)
        gaps.append(
            {
                "kind": report.kind,
                "title": config.title,
                "snapshot_date": report.snapshot_date.isoformat(),
                "relevant_employees": report.relevant_employees,
                "reference_label": config.labels[config.reference],
                "compared_label": config.labels[config.compared],
                "min_group_size": config.min_group_size,
                "measures": report.figures,
                "group_labels": [config.labels[g] for g in groups],
                "bonus_rows": [
                    [config.labels[g], str(measures.bonus_proportions[g])] for g in groups
                ]
                if measures.bonus_proportions
                else [],
                "quartile_rows": [
                    [QUARTILE_LABELS[name], [str(shares[g]) for g in groups]]
                    for name, shares in measures.quartiles.items()
                ],
            }
        )
    return gaps


def trust_statement_compose(*, draft: TrustStatementDraft, today: datetime.date) -> dict:
    """The whole trust statement as JSON-ready data: what its JSON serves and its HTML and PDF
    are rendered from. Its queries do not grow with the number of academies."""
    trust, year = draft.trust, draft.year
    schools = list(School.objects.filter(trust=trust).order_by("name"))
    publications = _latest_publications(schools, year)
    incidents = trust_incident_counts(schools=schools, year=year, today=today)
    staff, workforce = _workforce(trust, schools, year, incidents["threshold"])
    academies = []
    for school in schools:
        publication = publications.get(school.pk)
        academies.append(
            {
                "name": school.name,
                "slug": school.slug,
                "phase": school.get_phase_display(),
                "statement": (
                    {
                        "academic_year": publication.year.label,
                        "published_on": publication.published_at.date().isoformat(),
                        "url": reverse("public:latest", args=[school.slug]),
                        "title": publication.data.get("title") or DEFAULT_TITLE,
                    }
                    if publication
                    else None
                ),
                "objectives": _academy_objectives(publication),
                "incidents": incidents["by_school"][str(school.pk)],
            }
        )
    return {
        "schema": SCHEMA,
        "academic_year": year.label,
        "trust": {"name": trust.name, "slug": trust.slug},
        "title": draft.title,
        "summary": draft.summary,
        "introduction": markdown_to_html(draft.introduction) if draft.introduction else "",
        "sections": [
            {"heading": section.heading, "html": markdown_to_html(section.body)}
            for section in draft.sections.all()
        ],
        "academies": academies,
        "incidents": {
            "threshold": incidents["threshold"],
            "total": incidents["total"],
            "recorded": incidents["recorded"],
        },
        "staff": staff,
        "workforce": workforce,
        "pay_gaps": _pay_gaps(trust, today),
    }


def trust_statement_render_html(data: dict) -> str:
    return render_to_string("publishing/trust/statement_body.html", {"statement": data})


def trust_statement_render_pdf(
    *, data: dict, body_html: str, published_at: datetime.datetime | None
) -> bytes:
    return render_pdf(
        render_to_string(
            "publishing/trust/statement_pdf.html",
            {
                "statement": data,
                "body": body_html,
                "contents": statement_contents(body_html),
                "published_at": published_at,
            },
        )
    )


# --- Publishing ---------------------------------------------------------------------------------


def trust_statement_publish(
    *,
    draft: TrustStatementDraft,
    by: User,
    approved_by_name: str,
    approved_on: datetime.date,
    approved_on_behalf_of: str = "Trust board",
    correction_note: str = "",
) -> TrustPublication:
    """Compose the statement as it stands, render it and publish it as the year's next version.
    Trust leadership record who approved it (for the trust board) and when."""
    _require_leadership(draft.trust, by)
    approved_by_name = approved_by_name.strip()
    if not approved_by_name:
        raise ValidationError({"approved_by_name": APPROVER_NEEDED})
    if approved_on > dates.today():
        raise ValidationError({"approved_on": APPROVED_IN_FUTURE})
    published_at = dates.now()
    data = trust_statement_compose(draft=draft, today=dates.today())
    data_json = statement_serialise(data)
    html = trust_statement_render_html(data)
    try:
        pdf = trust_statement_render_pdf(data=data, body_html=html, published_at=published_at)
    except PdfRenderingError as error:
        logger.exception("PDF rendering failed for %s", draft)
        raise ValidationError(PDF_FAILED) from error
    try:
        with transaction.atomic():
            previous = (
                TrustPublication.objects.select_for_update()
                .filter(trust=draft.trust, academic_year=draft.academic_year)
                .only("version", "published_at")
                .order_by("-version")
                .first()
            )
            if previous and not correction_note.strip():
                raise ValidationError(
                    {
                        "correction_note": CORRECTION_NOTE_NEEDED.format(
                            year=draft.year.label, date=f"{previous.published_at:%-d %B %Y}"
                        )
                    }
                )
            publication = TrustPublication(
                trust=draft.trust,
                academic_year=draft.academic_year,
                version=previous.version + 1 if previous else 1,
                published_at=published_at,
                published_by=by,
                approved_by_name=approved_by_name,
                approved_at=datetime.datetime.combine(
                    approved_on, datetime.time(12), tzinfo=datetime.UTC
                ),
                approved_on_behalf_of=approved_on_behalf_of,
                correction_note=correction_note.strip() if previous else "",
                supersedes=previous,
                html=html,
                data=data,
                data_json=data_json,
                pdf=pdf,
                html_sha256=sha256(html.encode()),
                data_sha256=sha256(data_json.encode()),
                pdf_sha256=sha256(pdf),
            )
            publication.save()
    except IntegrityError as error:
        raise ValidationError(ALREADY_PUBLISHED) from error
    return publication


# --- Reading ------------------------------------------------------------------------------------


def trust_publications(*, trust: Trust) -> QuerySet[TrustPublication]:
    return (
        TrustPublication.objects.filter(trust=trust)
        .only(*LISTING_FIELDS)
        .order_by("-academic_year", "-version")
    )


def public_trust_get(*, slug: str) -> Trust:
    """A trust for its public pages: 404 unless it has published a statement."""
    trust = Trust.objects.filter(slug=slug).first()
    if trust is None or not TrustPublication.objects.filter(trust=trust).exists():
        raise Http404("No published statement for this trust.")
    return trust


def trust_publication_get(
    *, trust: Trust, year: AcademicYear | None = None, version: int | None = None
) -> TrustPublication:
    publications = TrustPublication.objects.filter(trust=trust)
    if year is not None:
        publications = publications.filter(academic_year=year.start_year)
    if version is not None:
        publications = publications.filter(version=version)
    publication = publications.order_by("-academic_year", "-version").first()
    if publication is None:
        raise Http404("No statement was published for that year.")
    return publication


def trust_statement_link(*, school: School) -> dict | None:
    """Where an academy's public page links to its trust's published statement, if any. Uses
    ``trust_has_published`` when the school was read with it (``public_school_get``)."""
    trust = school.trust
    if trust is None or not trust.slug:
        return None
    published = getattr(school, "trust_has_published", None)
    if published is None:
        published = TrustPublication.objects.filter(trust=trust).exists()
    if not published:
        return None
    return {"name": trust.name, "url": reverse("public:trust_latest", args=[trust.slug])}
