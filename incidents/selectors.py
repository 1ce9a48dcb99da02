"""Reads for incidents: who may see which records, their history, and the summaries that
governors, the annual statement and the local-authority return are made of.

Anything a governor or the public sees is a count passed through ``core.suppression``
with the school's threshold; only managers' pages and the managers' CSV show exact counts.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear, Term
from equality_portal.core.dates import long_date
from equality_portal.core.nations import vocabulary_for
from equality_portal.core.periods import YearOrPeriod, reporting_year
from equality_portal.core.suppression import (
    Cell,
    SuppressedCounts,
    SuppressedTable,
    suppress_counts,
    suppress_table,
)
from equality_portal.schools.models import Membership, School, User
from equality_portal.schools.roles import MANAGERS

from .models import (
    ActionKind,
    Behaviour,
    FollowUpAction,
    Incident,
    IncidentPerson,
    Location,
    Motivation,
    PersonKind,
    PersonRole,
    PurgeLog,
    Referral,
    ReferralDecision,
    Status,
)

TREND_TERMS = 6
NOT_RECORDED = "Not recorded"


class ListFilter:
    """The managers' list filters, by status."""

    ALL = "all"
    OPEN = "open"
    OVERDUE = "overdue"
    CLOSED = "closed"
    CHOICES = [
        (ALL, "All"),
        (OPEN, "Open"),
        (OVERDUE, "Follow-up overdue"),
        (CLOSED, "Closed"),
    ]


def incident_list_visible_to(*, membership: Membership) -> QuerySet[Incident]:
    """The incidents a member may read: all of the school's for managers, their own for others."""
    incidents = Incident.objects.for_school(membership.school).select_related(
        "recorded_by", "school"
    )
    if membership.role not in MANAGERS:
        incidents = incidents.recorded_by(membership.user)
    return incidents.prefetch_related("people").order_by(
        "-occurred_on", "-occurred_time", "-number"
    )


# "INC-00012", "INC-12" or "12": a search for an incident by its reference.
REFERENCE_SEARCH = re.compile(r"^\s*(?:INC-?)?0*(\d{1,9})\s*$", re.IGNORECASE)
SEARCHED_TEXT = ("description", "derogatory_language", "immediate_action", "outcome")


def _with_choice(incidents: QuerySet[Incident], field: str, value: str) -> QuerySet[Incident]:
    """Incidents whose JSON list ``field`` holds ``value``: matched on the list's JSON text,
    which reads the same on SQLite and PostgreSQL (the values are plain, quoted words)."""
    alias = f"{field}_text"
    return incidents.alias(**{alias: Cast(field, TextField())}).filter(
        **{f"{alias}__contains": f'"{value}"'}
    )


def incident_list(
    *,
    membership: Membership,
    today: datetime.date,
    status: str = ListFilter.ALL,
    academic_year: AcademicYear | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    motivation: str = "",
    behaviour: str = "",
    location: str = "",
    year_group: str = "",
    recorded_by: int | None = None,
    search: str = "",
) -> QuerySet[Incident]:
    """The incidents a member may read, filtered: always within what the member may see."""
    incidents = incident_list_visible_to(membership=membership)
    if status == ListFilter.OPEN:
        incidents = incidents.filter(status=Status.OPEN)
    elif status == ListFilter.CLOSED:
        incidents = incidents.filter(status=Status.CLOSED)
    elif status == ListFilter.OVERDUE:
        incidents = incidents.overdue(today).order_by("follow_up_due", "number")
    if academic_year is not None:
        incidents = incidents.in_academic_year(academic_year)
    if date_from:
        incidents = incidents.filter(occurred_on__gte=date_from)
    if date_to:
        incidents = incidents.filter(occurred_on__lte=date_to)
    if motivation:
        incidents = _with_choice(incidents, "motivations", motivation)
    if behaviour:
        incidents = _with_choice(incidents, "behaviours", behaviour)
    if location:
        incidents = incidents.filter(location=location)
    if year_group:
        pupils = IncidentPerson.objects.filter(incident=OuterRef("pk"), year_group=year_group)
        incidents = incidents.filter(Exists(pupils))
    if recorded_by:
        incidents = incidents.filter(recorded_by_id=recorded_by)
    if search := (search or "").strip():
        matches = Q()
        for name in SEARCHED_TEXT:
            matches |= Q(**{f"{name}__icontains": search})
        if reference := REFERENCE_SEARCH.match(search):
            matches |= Q(number=int(reference.group(1)))
        matches |= Q(receipt__iexact=search)
        incidents = incidents.filter(matches)
    return incidents


def incident_recorder_choices(*, membership: Membership) -> list[tuple[int, str]]:
    """Who recorded the incidents the member may read, for the "recorded by" filter: anyone
    who ever recorded one at the school, members or not any more."""
    incidents = incident_list_visible_to(membership=membership).order_by()
    users = (
        User.objects.filter(pk__in=incidents.values("recorded_by"))
        .order_by("last_name", "first_name", "username")
        .only("pk", "first_name", "last_name", "username")
    )
    return [(user.pk, user.get_full_name() or user.username) for user in users]


def incident_export_queryset(*, incidents: QuerySet[Incident]) -> QuerySet[Incident]:
    """The filtered list with what the managers' CSV reads: people and decisions."""
    return incidents.prefetch_related("decisions")


def incident_get_detail_queryset(*, membership: Membership) -> QuerySet[Incident]:
    """What an incident page reads, with its people and actions."""
    return incident_list_visible_to(membership=membership).prefetch_related(
        Prefetch("actions", queryset=FollowUpAction.objects.select_related("recorded_by")),
        Prefetch("decisions", queryset=ReferralDecision.objects.select_related("decided_by")),
    )


def incident_overdue_list(*, school: School, today: datetime.date) -> QuerySet[Incident]:
    """Open incidents whose follow-up date has passed, the longest overdue first."""
    return (
        Incident.objects.for_school(school)
        .overdue(today)
        .select_related("recorded_by", "school")  # the school for each link
        .order_by("follow_up_due", "number")
    )


# --- History -----------------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    what: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _display(model, field_name: str, value) -> str:
    model_field = model._meta.get_field(field_name)
    if value in (None, "", []):
        return "(empty)"
    if field_name == "motivations":
        return ", ".join(Motivation(v).label for v in value if v in Motivation.values)
    if field_name == "behaviours":
        return ", ".join(Behaviour(v).label for v in value if v in Behaviour.values)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return long_date(value)
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(value)


HIDDEN_FROM_DIFF = {"id", "incident", "school", "number", "academic_year", "recorded_by"}


def _entries_for(records, model, describe) -> list[HistoryEntry]:
    entries = []
    for record in records:
        who = str(record.history_user) if record.history_user else "The portal"
        if record.history_type == "+":
            what = f"{describe(record)}: recorded"
            changes = []
        elif record.history_type == "-":
            what = f"{describe(record)}: removed"
            changes = []
        else:
            what = f"{describe(record)}: changed"
            previous = record.prev_record
            delta = record.diff_against(previous) if previous else None
            changes = [
                FieldChange(
                    label=str(model._meta.get_field(change.field).verbose_name).capitalize(),
                    old=_display(model, change.field, change.old),
                    new=_display(model, change.field, change.new),
                )
                for change in (delta.changes if delta else [])
                if change.field not in HIDDEN_FROM_DIFF
            ]
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=who,
                what=what,
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def incident_history(*, incident: Incident) -> list[HistoryEntry]:
    """Every change to the incident, its people and its actions, newest first."""

    def describe_person(record) -> str:
        person = f"{PersonRole(record.role).label} ({PersonKind(record.kind).label.lower()})"
        return f"Person involved: {person}"

    entries = _entries_for(
        incident.history.select_related("history_user"), Incident, lambda r: "Incident"
    )
    entries += _entries_for(
        IncidentPerson.history.filter(incident_id=incident.pk).select_related("history_user"),
        IncidentPerson,
        describe_person,
    )
    entries += _entries_for(
        FollowUpAction.history.filter(incident_id=incident.pk).select_related("history_user"),
        FollowUpAction,
        lambda record: f"Action: {ActionKind(record.kind).label}",
    )
    entries += _entries_for(
        ReferralDecision.history.filter(incident_id=incident.pk).select_related("history_user"),
        ReferralDecision,
        lambda record: f"Decision: {Referral(record.decision).label}",
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


# --- Summaries ---------------------------------------------------------------------------------


def trend_terms(*, academic_year: AcademicYear, today: datetime.date) -> list[Term]:
    """The last TREND_TERMS terms up to the chosen year's end, or up to today's term."""
    current = AcademicYear.containing(today)
    # The chosen year's last term, or today's term when the year has not ended yet.
    last = academic_year.terms[-1] if academic_year < current else current.term_containing(today)
    terms = []
    year, index = last.academic_year, last.index
    while len(terms) < TREND_TERMS:
        terms.append(Term(year, index))
        index -= 1
        if index < 0:
            year, index = year.previous(), 2
    return list(reversed(terms))


@dataclass
class IncidentSummary:
    """One academic year's incidents at one school, suppressed for governors and the public."""

    school: School
    academic_year: AcademicYear
    threshold: int
    by_term: SuppressedCounts
    by_motivation: SuppressedCounts
    by_behaviour: SuppressedCounts
    by_location: SuppressedCounts
    by_year_group: SuppressedTable
    trend: list[tuple[Term, Cell]]

    @property
    def total(self) -> Cell:
        return self.by_term.total

    @property
    def any_suppressed(self) -> bool:
        return any(
            part.any_suppressed
            for part in (
                self.by_term,
                self.by_motivation,
                self.by_behaviour,
                self.by_location,
                self.by_year_group,
            )
        ) or any(cell.suppressed for _, cell in self.trend)


def _category_counts(rows, choices, key) -> dict[str, int]:
    counts = Counter()
    for row in rows:
        values = key(row)
        counts.update(values if isinstance(values, list) else [values])
    return {label: counts.get(value, 0) for value, label in choices}


def _pupil_counts_by_year_group(
    *, school: School, academic_year: AcademicYear, today: datetime.date
):
    """``{year group label: {role label: pupils}}`` for the year's incidents."""
    released = Incident.objects.for_school(school).released(today)
    rows = IncidentPerson.objects.filter(
        incident__in=released.filter(academic_year=academic_year.start_year),
        kind=PersonKind.PUPIL,
    ).values_list("year_group", "role")
    labels = dict(school.year_groups())
    table = {label: dict.fromkeys(PersonRole.labels, 0) for label in labels.values()}
    table[NOT_RECORDED] = dict.fromkeys(PersonRole.labels, 0)
    for year_group, role in rows:
        label = labels.get(year_group, NOT_RECORDED)
        table[label][PersonRole(role).label] += 1
    if not any(table[NOT_RECORDED].values()):
        del table[NOT_RECORDED]
    return table


def _term_table(*, school: School, terms: list[Term], today: datetime.date) -> SuppressedTable:
    """Incidents per term for every academic year the terms touch, suppressed as one table,
    so a year's termly counts and the trend across years can never be played off each other."""
    years = sorted({term.academic_year for term in terms})
    recorded = (
        Incident.objects.for_school(school)
        .released(today)
        .filter(academic_year__in=[year.start_year for year in years])
    )
    counts = Counter(
        AcademicYear(year).term_containing(day)
        for year, day in recorded.values_list("academic_year", "occurred_on")
    )
    # Rows are academic years and columns the three terms, so row totals are the years' totals.
    table = {year: {term.index: counts.get(term, 0) for term in year.terms} for year in years}
    return suppress_table(table, threshold=school.suppression_threshold, columns=[0, 1, 2])


def incident_summary(
    *, school: School, academic_year: AcademicYear, today: datetime.date
) -> IncidentSummary:
    """The governors' summary of one academic year: every count suppressed."""
    threshold = school.suppression_threshold
    motivations = vocabulary_for(school.nation).choices(Motivation.choices)
    rows = list(
        Incident.objects.for_school(school)
        .released(dates.today())
        .in_academic_year(academic_year)
        .values("motivations", "behaviours", "location")
    )
    terms = trend_terms(academic_year=academic_year, today=today)
    table = _term_table(school=school, terms=[*terms, *academic_year.terms], today=dates.today())
    year_row = table.rows[academic_year]
    by_term = SuppressedCounts(
        threshold=threshold,
        cells={term.label: year_row[term.index] for term in academic_year.terms},
        total=table.row_totals[academic_year],
    )
    return IncidentSummary(
        school=school,
        academic_year=academic_year,
        threshold=threshold,
        by_term=by_term,
        by_motivation=suppress_counts(
            _category_counts(rows, motivations, lambda row: row["motivations"]),
            threshold=threshold,
        ),
        by_behaviour=suppress_counts(
            _category_counts(rows, Behaviour.choices, lambda row: row["behaviours"]),
            threshold=threshold,
        ),
        by_location=suppress_counts(
            _category_counts(rows, Location.choices, lambda row: row["location"]),
            threshold=threshold,
        ),
        by_year_group=suppress_table(
            _pupil_counts_by_year_group(
                school=school, academic_year=academic_year, today=dates.today()
            ),
            threshold=threshold,
            columns=list(PersonRole.labels),
        ),
        trend=[(term, table.rows[term.academic_year][term.index]) for term in terms],
    )


def incident_summary_for_statement(*, school: School, academic_year: YearOrPeriod) -> dict:
    """The year's incidents for the public statement: suppressed counts by term, motivation
    and behaviour, with no individual data. For another period, the academic year it reports
    on (the latest ending within it), so its counts are those of that year's statement."""
    academic_year = reporting_year(academic_year)
    summary = incident_summary(school=school, academic_year=academic_year, today=academic_year.end)
    return {
        "academic_year": academic_year,
        "threshold": summary.threshold,
        "total": summary.total,
        "by_term": summary.by_term,
        "by_motivation": summary.by_motivation,
        "by_behaviour": summary.by_behaviour,
        "note": (
            "An incident with more than one perceived motivation or type of behaviour counts "
            "under each of them."
        ),
    }


def incidents_by_school(
    *, schools: list[School], academic_year: AcademicYear, today: datetime.date
) -> SuppressedCounts:
    """Each school's released incidents in the year, by school, with their total, disclosed at
    the strictest threshold of the schools so that the total and one school's figure never give
    away another's: for a trust's view and its statement. One grouped query."""
    totals = {school.pk: 0 for school in schools}
    counted = (
        Incident.objects.filter(school__in=schools, academic_year=academic_year.start_year)
        .released(today)
        .values("school_id")
        .annotate(incidents=Count("pk"))
    )
    for row in counted:
        totals[row["school_id"]] = row["incidents"]
    threshold = max((school.suppression_threshold for school in schools), default=5)
    return suppress_counts({school: totals[school.pk] for school in schools}, threshold=threshold)


# --- The local-authority return ------------------------------------------------------------------

LA_RETURN_HEADER = [
    "School",
    "URN",
    "Local authority",
    "Academic year",
    "Period",
    "Category type",
    "Category",
    "Count",
]


def incident_la_return_rows(*, school: School, academic_year: AcademicYear) -> list[list]:
    """Exact counts for the local-authority return, by term and for the whole year: no people,
    no text, no references. For managers only; governors see the suppressed summary."""
    incidents = list(
        Incident.objects.for_school(school)
        .in_academic_year(academic_year)
        .values("occurred_on", "motivations", "behaviours", "location", "raised_by")
    )
    pupils = list(
        IncidentPerson.objects.filter(
            incident__school=school,
            incident__academic_year=academic_year.start_year,
            kind=PersonKind.PUPIL,
        ).values("incident__occurred_on", "year_group", "role")
    )
    year_groups = [*school.year_groups(), ("", NOT_RECORDED)]
    motivations = vocabulary_for(school.nation).choices(Motivation.choices)
    periods = [(term.label, term.contains) for term in academic_year.terms]
    periods.append(("Whole year", academic_year.contains))
    rows = []
    for period, contains in periods:
        chosen = [row for row in incidents if contains(row["occurred_on"])]
        chosen_pupils = [row for row in pupils if contains(row["incident__occurred_on"])]
        sections = [
            ("Incidents", {"All incidents": len(chosen)}),
            (
                "Perceived motivation",
                _category_counts(chosen, motivations, lambda r: r["motivations"]),
            ),
            (
                "Type of behaviour",
                _category_counts(chosen, Behaviour.choices, lambda r: r["behaviours"]),
            ),
            ("Location", _category_counts(chosen, Location.choices, lambda r: r["location"])),
        ]
        for role in (PersonRole.TARGET, PersonRole.PERPETRATOR):
            of_role = [row for row in chosen_pupils if row["role"] == role]
            sections.append(
                (
                    f"Year group of pupils: {role.label.lower()}s",
                    _category_counts(of_role, year_groups, lambda r: r["year_group"]),
                )
            )
        for category_type, counts in sections:
            for category, count in counts.items():
                rows.append(
                    [
                        school.name,
                        school.urn,
                        school.local_authority,
                        academic_year.label,
                        period,
                        category_type,
                        category,
                        count,
                    ]
                )
    return rows


def purge_log_list(*, school: School) -> QuerySet[PurgeLog]:
    """The school's retention purges, newest first."""
    return PurgeLog.objects.filter(school=school).order_by("-run_at")
