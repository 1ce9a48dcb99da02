"""Demo incidents at both schools, from the start of the year of the latest published statement
up to yesterday, whenever the demo is loaded, with some in the last three weeks still open.

Carrington logs prejudice-related incidents (it keeps them in CPOMS and reviews them in its
safeguarding audit); Coopers logs discrimination incidents, is working to raise awareness of
homophobic, sexist and racist language, and reviews its sanction data for bias against any
vulnerable group. The incidents are invented and seeded, so every run builds the same log; a
few categories have fewer than five incidents so the governors' summary shows suppression.
Nobody is named: people are described by role, with internal references such as SIMS-10482.
"""

import datetime
import random

from django.db import transaction

from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.demo import DemoCalendar
from equality_portal.schools.models import School, User

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
    RaisedBy,
    Sex,
    Status,
)

# How many incidents of a school year have each motivation first, per school: racist and homophobic
# language most common, and some categories with fewer than five.
PRIMARY_MOTIVATIONS = {
    "carrington": {
        Motivation.RACE: 14,
        Motivation.SEXUAL_ORIENTATION: 11,
        Motivation.SEX: 6,
        Motivation.DISABILITY: 5,
        Motivation.RELIGION: 3,
        Motivation.APPEARANCE: 2,
        Motivation.GENDER_IDENTITY: 2,
        Motivation.HOME_CIRCUMSTANCES: 1,
    },
    "coopers": {
        Motivation.RACE: 15,
        Motivation.SEXUAL_ORIENTATION: 14,
        Motivation.SEX: 9,
        Motivation.DISABILITY: 4,
        Motivation.RELIGION: 4,
        Motivation.GENDER_IDENTITY: 3,
        Motivation.APPEARANCE: 2,
        Motivation.PREGNANCY: 1,
    },
}
# Incidents in the last three weeks, still open whenever the demo is loaded.
RECENT = {"carrington": 5, "coopers": 7}
RECENT_DAYS = 21
REFERENCE_PREFIX = {"carrington": "SIMS", "coopers": "MIS"}

SECOND_MOTIVATION = {
    Motivation.RACE: Motivation.RELIGION,
    Motivation.RELIGION: Motivation.RACE,
    Motivation.SEXUAL_ORIENTATION: Motivation.SEX,
    Motivation.SEX: Motivation.SEXUAL_ORIENTATION,
    Motivation.DISABILITY: Motivation.APPEARANCE,
}

# What happened, by motivation, in the log's own neutral words: (behaviour, account, language).
ACCOUNTS = {
    Motivation.RACE: [
        (
            Behaviour.VERBAL,
            "A pupil used a racist term towards another pupil during a group "
            "task. The target reported it to the class teacher straight away.",
            "A racist slur about the target's heritage (recorded in full in the original note).",
        ),
        (
            Behaviour.ONLINE,
            "A racist comment about a pupil was posted in a year-group chat "
            "over the weekend. A parent sent a screenshot to the tutor.",
            "Racist comment and emoji about the target's skin colour.",
        ),
        (
            Behaviour.JOKES,
            "A group of pupils repeated a racist 'joke' at lunch; another "
            "pupil challenged it and told a member of staff.",
            "A joke based on a racial stereotype.",
        ),
    ],
    Motivation.SEXUAL_ORIENTATION: [
        (
            Behaviour.VERBAL,
            "A pupil used 'gay' as an insult towards another pupil in the "
            "corridor between lessons. Overheard by a member of staff on duty.",
            "'That's so gay' and a homophobic slur.",
        ),
        (
            Behaviour.VERBAL,
            "Homophobic name-calling at the end of a PE lesson. The target "
            "said it had happened several times before.",
            "Homophobic slur, repeated.",
        ),
        (
            Behaviour.ONLINE,
            "A pupil shared an edited photo with a homophobic caption about "
            "another pupil on social media.",
            "Homophobic caption.",
        ),
    ],
    Motivation.SEX: [
        (
            Behaviour.VERBAL,
            "Sexist comments about girls' ability in a practical lesson. "
            "Several pupils reported it.",
            "Sexist remarks about girls not being able to do the task.",
        ),
        (
            Behaviour.SEXUAL_HARASSMENT,
            "Unwanted comments about a pupil's body as she walked past a group at break.",
            "Sexualised comments.",
        ),
    ],
    Motivation.DISABILITY: [
        (
            Behaviour.VERBAL,
            "A pupil with SEN was mocked for the way they speak. A teaching assistant intervened.",
            "Mimicking and a disablist insult.",
        ),
        (
            Behaviour.EXCLUSION,
            "A pupil with an EHC plan was repeatedly left out of a group "
            "activity and told they were 'slowing everyone down'.",
            "",
        ),
    ],
    Motivation.RELIGION: [
        (
            Behaviour.VERBAL,
            "Comments mocking a pupil's religious dress at lunch.",
            "Remarks mocking the target's faith.",
        ),
        (
            Behaviour.GRAFFITI,
            "Antisemitic graffiti found on a desk in a classroom. No one "
            "was targeted; the desk was cleaned and photographed.",
            "Antisemitic symbol.",
        ),
    ],
    Motivation.GENDER_IDENTITY: [
        (
            Behaviour.VERBAL,
            "A pupil was deliberately called by the wrong name and pronouns "
            "after asking not to be.",
            "Transphobic remarks.",
        ),
    ],
    Motivation.APPEARANCE: [
        (
            Behaviour.VERBAL,
            "Repeated comments about a pupil's weight in the changing room.",
            "Insults about the target's appearance.",
        ),
    ],
    Motivation.HOME_CIRCUMSTANCES: [
        (
            Behaviour.VERBAL,
            "Remarks about a young carer's worn uniform and family.",
            "Insults about the target's family.",
        ),
    ],
    Motivation.PREGNANCY: [
        (
            Behaviour.EXCLUSION,
            "A sixth-form student who is pregnant was excluded from a group and gossiped about.",
            "",
        ),
    ],
}
IMMEDIATE_ACTIONS = [
    "Challenged the language at once and explained why it is unacceptable.",
    "Separated the pupils and spoke to each of them.",
    "Reported to the head of year the same day.",
    "Reassured the target and checked they were safe to go to their next lesson.",
]
LOCATIONS = [
    (Location.CORRIDOR, 6),
    (Location.CLASSROOM, 6),
    (Location.PLAYGROUND, 4),
    (Location.DINING_HALL, 2),
    (Location.CHANGING_ROOM, 2),
    (Location.BUS_OR_TAXI, 1),
    (Location.JOURNEY, 1),
    (Location.TOILETS, 1),
]
RAISED_BY = [
    (RaisedBy.STAFF, 5),
    (RaisedBy.TARGET, 4),
    (RaisedBy.PUPIL, 2),
    (RaisedBy.PARENT, 1),
]
ETHNICITIES = {
    "carrington": [("WBRI", 10), ("WOTH", 2), ("AIND", 1), ("APKN", 1), ("BAFR", 1), ("", 3)],
    "coopers": [("WBRI", 12), ("BCRB", 1), ("BAFR", 1), ("MWBC", 1), ("AOTH", 1), ("", 2)],
}
OUTCOMES = [
    "Pupils understood the impact of their words; no further incidents reported.",
    "Restorative meeting held; the target said they felt safe. Monitored for two weeks.",
    "Sanction served and the pupil completed a reflection task. Target checked in with weekly.",
]
SANCTIONS = {
    "carrington": "After-school detention and a session with the head of year.",
    "coopers": (
        "After-school detention, entered in the sanctions data the school reviews for bias "
        "towards any vulnerable group."
    ),
}


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


# Holidays as (month, day) ranges, the same every year: half terms, Christmas, Easter, summer.
HOLIDAYS = [
    ((10, 27), (10, 31)),
    ((12, 20), (12, 31)),
    ((1, 1), (1, 5)),
    ((2, 16), (2, 20)),
    ((3, 30), (4, 10)),
    ((5, 25), (5, 29)),
    ((7, 22), (9, 3)),
]


def _is_school_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not any(
        first <= (day.month, day.day) <= last for first, last in HOLIDAYS
    )


def _weekdays(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    count = (end - start).days + 1
    days = (start + datetime.timedelta(days=offset) for offset in range(max(count, 0)))
    return [day for day in days if day.weekday() < 5]


def _plan(
    slug: str, rng: random.Random, calendar: DemoCalendar
) -> list[tuple[datetime.date, Motivation]]:
    """Each year's incidents from the published statement's year to three weeks ago, with the
    seed's mix of motivations (a year under way has its share), then the last three weeks'."""
    yesterday = calendar.today - datetime.timedelta(days=1)
    three_weeks_ago = calendar.today - datetime.timedelta(days=RECENT_DAYS - 1)
    plan: list[tuple[datetime.date, Motivation]] = []
    first, last = calendar.statement_year.start_year, calendar.year.start_year
    for year in map(AcademicYear, range(first, last + 1)):
        term_time = [day for day in _weekdays(year.start, year.end) if _is_school_day(day)]
        days = [day for day in term_time if day < three_weeks_ago]
        motivations = [m for m, count in PRIMARY_MOTIVATIONS[slug].items() for _ in range(count)]
        rng.shuffle(motivations)
        share = round(len(motivations) * len(days) / len(term_time))
        plan += zip(sorted(rng.sample(days, share)), motivations[:share], strict=True)
    recent_days = _weekdays(three_weeks_ago, yesterday)
    recent = sorted(rng.sample(recent_days, min(RECENT[slug], len(recent_days))))
    recent_motivations = rng.choices(
        [Motivation.RACE, Motivation.SEXUAL_ORIENTATION, Motivation.SEX], k=len(recent)
    )
    return plan + list(zip(recent, recent_motivations, strict=True))


def _people(school: School, slug: str, rng: random.Random, untargeted: bool) -> list[dict]:
    year_groups = [code for code, _ in school.year_groups()]
    # Older pupils in the sixth form are rarely involved.
    year_weights = [1 if code in ("Y12", "Y13") else 4 for code in year_groups]
    people = []

    def pupil(role):
        people.append(
            {
                "role": role,
                "kind": PersonKind.PUPIL,
                "year_group": rng.choices(year_groups, weights=year_weights)[0],
                "sex": rng.choice([Sex.FEMALE, Sex.MALE]),
                "ethnicity_code": _weighted(rng, ETHNICITIES[slug]),
                "internal_reference": f"{REFERENCE_PREFIX[slug]}-{rng.randint(10000, 39999)}",
            }
        )

    if not untargeted:
        pupil(PersonRole.TARGET)
    for _ in range(rng.choice([1, 1, 1, 2])):
        pupil(PersonRole.PERPETRATOR)
    if rng.random() < 0.3:
        people.append({"role": PersonRole.WITNESS, "kind": PersonKind.STAFF, "sex": Sex.NOT_KNOWN})
    return people


def _save(obj, by: User):
    obj._history_user = by
    # The database enforces the constraints; checking each in Python first would cost a
    # query apiece for a thousand rows of invented data.
    obj.full_clean(validate_constraints=False)
    obj.save()
    return obj


def _follow_up(incident: Incident, *, slug: str, lead: User, rng: random.Random, today):
    age = (today - incident.occurred_on).days
    first = min(incident.occurred_on + datetime.timedelta(days=1), today)
    _save(
        FollowUpAction(
            incident=incident,
            kind=ActionKind.DISCUSSION_TARGET if not incident.untargeted else ActionKind.OTHER,
            taken_on=first,
            notes="Spoke with the target; they were offered a trusted adult to go to.",
            recorded_by=lead,
        ),
        lead,
    )
    if age < RECENT_DAYS:
        # Recent incidents stay open; a few are past their follow-up date.
        incident.follow_up_due = incident.occurred_on + datetime.timedelta(
            days=rng.choice([7, 10, 14])
        )
        return _save(incident, lead)
    for kind, notes in [
        (ActionKind.DISCUSSION_PERPETRATOR, "Discussed the impact of the language used."),
        (ActionKind.PARENTS_INFORMED, "Parents or carers of both pupils phoned."),
        (ActionKind.SANCTION, SANCTIONS[slug]),
    ]:
        _save(
            FollowUpAction(
                incident=incident, kind=kind, taken_on=first, notes=notes, recorded_by=lead
            ),
            lead,
        )
    if rng.random() < 0.3:
        _save(
            FollowUpAction(
                incident=incident,
                kind=ActionKind.RESTORATIVE,
                taken_on=min(first + datetime.timedelta(days=3), today),
                notes="Restorative conversation led by a wellbeing ambassador's mentor.",
                recorded_by=lead,
            ),
            lead,
        )
    incident.follow_up_due = incident.occurred_on + datetime.timedelta(days=14)
    incident.status = Status.CLOSED
    incident.outcome = rng.choice(OUTCOMES)
    return _save(incident, lead)


def _load_school(school: School, slug: str) -> None:
    rng = random.Random(f"equality-portal-demo-incidents-{slug}")  # noqa: S311 (demo data)
    staff = User.objects.get(username=f"{slug}-staff")
    lead = User.objects.get(username=f"{slug}-equality-lead")
    calendar = DemoCalendar.now()
    today = calendar.today
    for number, (day, motivation) in enumerate(_plan(slug, rng, calendar), start=1):
        behaviour, account, language = rng.choice(ACCOUNTS[motivation])
        motivations = [motivation]
        if motivation in SECOND_MOTIVATION and rng.random() < 0.15:
            motivations.append(SECOND_MOTIVATION[motivation])
        untargeted = behaviour == Behaviour.GRAFFITI
        recorder = staff if rng.random() < 0.7 else lead
        incident = _save(
            Incident(
                school=school,
                number=number,
                occurred_on=day,
                occurred_time=datetime.time(
                    rng.choice([8, 9, 10, 11, 12, 13, 14, 15]), 5 * rng.randint(0, 11)
                ),
                location=(
                    Location.ONLINE if behaviour == Behaviour.ONLINE else _weighted(rng, LOCATIONS)
                ),
                raised_by=_weighted(rng, RAISED_BY),
                behaviours=[behaviour],
                motivations=motivations,
                untargeted=untargeted,
                description=account,
                derogatory_language=language,
                immediate_action=rng.choice(IMMEDIATE_ACTIONS),
                recorded_by=recorder,
            ),
            recorder,
        )
        # Invented history: each incident was recorded on the day it happened.
        Incident.objects.filter(pk=incident.pk).update(recorded_at=incident.occurred)
        incident.recorded_at = incident.occurred
        for values in _people(school, slug, rng, untargeted):
            _save(IncidentPerson(incident=incident, **values), recorder)
        _follow_up(incident, slug=slug, lead=lead, rng=rng, today=today)


def load(*, schools: dict[str, School]) -> None:
    """Add the demo incidents to each school that has none yet; otherwise change nothing."""
    with transaction.atomic():
        for slug in ("carrington", "coopers"):
            school = schools[slug]
            if Incident.objects.for_school(school).exists():
                continue
            _load_school(school, slug)
