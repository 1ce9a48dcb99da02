"""The local-authority return as CSV, safe to open in a spreadsheet."""

import csv
import io

# A cell starting with one of these is read as a formula by spreadsheet programs (CSV
# injection); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value, with text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


# --- The managers' export of the filtered list -----------------------------------------------

# Categories, people by role and the follow-up; never the free text: the accounts stay in the
# portal, where access is checked and the retention purge can still reach them.
INCIDENT_LIST_HEADER = [
    "Reference",
    "Date",
    "Time",
    "Academic year",
    "Term",
    "Where",
    "Raised by",
    "Type of behaviour",
    "Perceived motivation",
    "No one targeted",
    "Targets",
    "Perpetrators",
    "Witnesses",
    "Status",
    "Follow-up date",
    "Referral decisions",
    "Recorded by",
]


def _people(incident, role: str, year_groups: dict) -> str:
    described = []
    for person in incident.people.all():
        if person.role == role:
            kind = person.get_kind_display()
            year = year_groups.get(person.year_group, person.year_group)
            described.append(f"{kind} ({year})" if year else kind)
    return "; ".join(described)


def incident_list_rows(incidents, *, school) -> list[list]:
    """One row per incident of the (filtered) list, for the managers' CSV."""
    year_groups = dict(school.year_groups())
    rows = []
    for incident in incidents:
        rows.append(
            [
                incident.reference,
                incident.occurred_on.isoformat(),
                incident.occurred_time.strftime("%H:%M"),
                incident.term.academic_year.label,
                incident.term.name,
                incident.get_location_display(),
                incident.get_raised_by_display(),
                "; ".join(incident.get_behaviours_display()),
                "; ".join(incident.get_motivations_display()),
                "Yes" if incident.untargeted else "No",
                _people(incident, "target", year_groups),
                _people(incident, "perpetrator", year_groups),
                _people(incident, "witness", year_groups),
                incident.get_status_display(),
                incident.follow_up_due.isoformat() if incident.follow_up_due else "",
                "; ".join(d.get_decision_display() for d in incident.decisions.all()),
                incident.recorded_by.get_full_name() or incident.recorded_by.username,
            ]
        )
    return rows
