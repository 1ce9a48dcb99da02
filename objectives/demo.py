"""Demo objectives: Carrington's equality targets and Coopers' seven objectives, as the seed
documents give them (no measures, so they are flagged), and in Coopers' current set two
objectives whose measures and progress are demo data written for the portal.

Both sets are in force whenever the demo is loaded: Coopers' dates are the seed's moved by whole
academic years (DemoCalendar.shift); Carrington's document gives no dates, so its set runs four
years from the start of the archived statement's year.

Idempotent: a set, objective, action, update or comment that exists is left as it is.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from equality_portal.core.dates import add_years, long_date
from equality_portal.core.equality import Aim, Characteristic, Group
from equality_portal.schools.demo import WELSH_DEMO, DemoCalendar
from equality_portal.schools.models import School, User

from . import services
from .models import Objective, ObjectiveSet, ObjectiveStatus, Rag

PUPIL_CHARACTERISTICS_ALL = [
    Characteristic.DISABILITY,
    Characteristic.GENDER_REASSIGNMENT,
    Characteristic.PREGNANCY,
    Characteristic.RACE,
    Characteristic.RELIGION,
    Characteristic.SEX,
    Characteristic.SEXUAL_ORIENTATION,
]

CARRINGTON_NOTES = (
    "Carried over from the school's published equality information. It gives no publication "
    "date, so {published_on} is assumed for the demo. None of the five targets has a measure or "
    "success criteria."
)


def _carrington_set(calendar: DemoCalendar) -> dict:
    start = calendar.archived_year.start
    end = add_years(start, 4) - datetime.timedelta(days=1)
    published_on = start + datetime.timedelta(weeks=3)
    return {
        "title": f"Equality Targets {start.year}-{end.year}",
        "period_start": start,
        "period_end": end,
        "published_on": published_on,
        "notes": CARRINGTON_NOTES.format(published_on=long_date(published_on)),
    }


def _shifted(fields: dict, calendar: DemoCalendar) -> dict:
    """The seed's fields with every date, and the years named in its text, moved."""
    moved = {
        name: calendar.shift(value) if isinstance(value, datetime.date) else value
        for name, value in fields.items()
    }
    for name in ("title", "evidence"):
        if name in moved:
            moved[name] = calendar.shift_years_in(str(moved[name]))
    return moved


CARRINGTON_OBJECTIVES = [
    {
        "title": (
            "Close the gap in outcomes between disadvantaged students at Carrington and "
            "non-disadvantaged students nationally"
        ),
        "rationale": "The performance of disadvantaged students is a key focus for the school.",
        "evidence": (
            "Faculties and Heads of Year review students' performance after each report, with a "
            "focus on disadvantaged students; the leadership team's data dashboard is updated "
            "and analysed every six weeks."
        ),
        "aims": [Aim.ADVANCE],
        "groups": [Group.DISADVANTAGED],
    },
    {
        "title": "Improve outcomes for students on SEND School Support (code K)",
        "evidence": (
            "Strategies to support students with SEND and remove barriers to learning are "
            "shared with staff regularly."
        ),
        "aims": [Aim.ADVANCE],
        "characteristics": [Characteristic.DISABILITY],
        "groups": [Group.SEND],
    },
    {
        "title": (
            "Continue implementing the updated Personal Development curriculum in line with "
            "national guidance"
        ),
        "evidence": (
            "The Personal Development curriculum was updated in line with the statutory "
            "changes from September 2020, with enrichment such as theatre productions and "
            "youth workers to build understanding of difference."
        ),
        "aims": [Aim.ADVANCE, Aim.FOSTER],
        "wider_group": "All students",
    },
    {
        "title": "Audit and update how students learn about SMSC and British values",
        "aims": [Aim.FOSTER],
        "wider_group": "All students",
    },
    {
        "title": (
            "Find ways to track how students with a protected characteristic take part in "
            "school opportunities"
        ),
        "aims": [Aim.ADVANCE],
        "characteristics": PUPIL_CHARACTERISTICS_ALL,
    },
]

COOPERS_SCHEME_OBJECTIVES = [
    {
        "title": (
            "Promote, in line with fundamental British values, freedom and individual "
            "liberty, democracy, mutual respect and tolerance of different faiths"
        ),
        "rationale": "These values are at the heart of the school's curriculum.",
        "evidence": (
            "A daily Personal Development lesson in mixed-age tutor groups, drawing on the "
            "citizenship and RE curricula; Coopers is a Holocaust Beacon school; a 'words of the "
            "week' programme (tolerate, empathise, co-operation, responsibility)."
        ),
        "aims": [Aim.FOSTER],
        "characteristics": [Characteristic.RELIGION],
        "wider_group": "All students",
    },
    {
        "title": (
            "Close gaps in attainment and achievement between groups of students, especially "
            "boys and girls, pupil premium students, students with SEND, looked-after children "
            "and students of different heritage"
        ),
        "evidence": (
            "63.6% of students are male, so the school works to ensure there is no gap between "
            "girls and boys. Each year team monitors its vulnerable groups, with action plans "
            "for individual students."
        ),
        "aims": [Aim.ADVANCE],
        "characteristics": [Characteristic.SEX, Characteristic.DISABILITY, Characteristic.RACE],
        "groups": [Group.DISADVANTAGED, Group.SEND, Group.LOOKED_AFTER],
    },
    {
        "title": (
            "Monitor and promote the involvement of all groups of students in the "
            "extra-curricular life of the school, including leadership opportunities, "
            "especially students with SEND"
        ),
        "evidence": (
            "The school monitors trip take-up, extra-curricular participation and options "
            "decisions."
        ),
        "aims": [Aim.ADVANCE, Aim.FOSTER],
        "characteristics": [Characteristic.DISABILITY],
        "groups": [Group.SEND],
        "wider_group": "All groups of students",
    },
    {
        "title": (
            "Make the staff body, and staff in leadership roles, reflect the local community, "
            "encouraging under-represented groups to join"
        ),
        "evidence": (
            "87% of staff are White British, against 77.4% of students and 66% of the London "
            "Borough of Bromley; 63% of staff are female while 63.6% of students are male."
        ),
        "aims": [Aim.ADVANCE],
        "characteristics": [Characteristic.RACE, Characteristic.SEX],
    },
    {
        "title": (
            "Review reward and sanction data, including fixed-term and permanent exclusions, "
            "for bias against any vulnerable group, and act where needed"
        ),
        "aims": [Aim.ELIMINATE],
        "wider_group": "Any vulnerable group of students",
    },
    {
        "title": (
            "Continue to improve accessibility across the school for disabled students, staff "
            "and visitors, including access to specialist teaching areas"
        ),
        "aims": [Aim.ADVANCE],
        "characteristics": [Characteristic.DISABILITY],
    },
    {
        "title": (
            "Continue to raise awareness that homophobic, sexist and racist language is "
            "unacceptable"
        ),
        "evidence": (
            "Anti-bullying fortnight each November and the Learning Charter's anti-bullying policy."
        ),
        "aims": [Aim.ELIMINATE, Aim.FOSTER],
        "characteristics": [
            Characteristic.SEXUAL_ORIENTATION,
            Characteristic.SEX,
            Characteristic.RACE,
        ],
    },
]

# The current cycle. Coopers' documents give no figures: the measures, actions, progress and
# comment below are demo data written for the portal, to show a measurable objective at work.
# Coopers' current set: the seven objectives of its single equality scheme, as published (the
# scheme gives no dates and sets no measures), then two objectives added for the demonstration.
COOPERS_CURRENT = {
    "title": "Equality objectives 2024-2028",
    "period_start": datetime.date(2024, 9, 1),
    "period_end": datetime.date(2028, 8, 31),
    "published_on": datetime.date(2024, 10, 15),
    "notes": (
        "Objectives 1 to 7 are those of Coopers' single equality scheme, which gives no dates "
        "(the period and publication date are assumptions for the demo) and sets no measures. "
        "Objectives 8 and 9 were written for the portal's demonstration: their figures are "
        "illustrative, not Coopers' results."
    ),
}
COOPERS_CURRENT_OBJECTIVES = [
    {
        "title": "Narrow the Attainment 8 gap between disadvantaged students and their peers",
        "rationale": (
            "Closing gaps for pupil premium students was an objective of the previous scheme, "
            "and the gap had not closed."
        ),
        "evidence": "Summer 2024 GCSE results: a gap of 14 points in average Attainment 8 score.",
        "aims": [Aim.ADVANCE],
        "groups": [Group.DISADVANTAGED],
        "measure": "Gap in average Attainment 8 score, disadvantaged students and others",
        "unit": "points",
        "baseline_value": Decimal("14.0"),
        "baseline_date": datetime.date(2024, 8, 22),
        "target_value": Decimal("10.0"),
        "target_date": datetime.date(2027, 8, 31),
        "owner": "Deputy Principal (Inclusion)",
        "status": ObjectiveStatus.IN_PROGRESS,
    },
    {
        "title": (
            "Students with SEND take part in clubs, trips and leadership roles as often as "
            "other students"
        ),
        "rationale": "Makes objective 3 of the single equality scheme measurable for SEND.",
        "aims": [Aim.ADVANCE, Aim.FOSTER],
        "characteristics": [Characteristic.DISABILITY],
        "groups": [Group.SEND],
        "success_criteria": (
            "Club registers, trip lists and student leadership rolls show students with SEND "
            "taking part at the same rate as other students for three terms running."
        ),
        "target_date": datetime.date(2028, 7, 31),
        "owner": "SENCo",
        "status": ObjectiveStatus.IN_PROGRESS,
    },
]
COOPERS_CURRENT_ACTIONS = [
    (
        "Weekly small-group tutoring in English and maths for disadvantaged students in Years "
        "10 and 11",
        "Head of Year 11",
        "Each week in term",
    ),
    (
        "Check attendance of disadvantaged students at revision sessions and contact families "
        "who miss them",
        "Pupil premium lead",
        "Each half term",
    ),
]
COOPERS_CURRENT_PROGRESS = [
    (
        datetime.date(2025, 8, 21),
        Decimal("12.6"),
        Rag.GREEN,
        "Summer 2025 results: the gap narrowed by 1.4 points, ahead of the path to the target.",
    ),
    (
        datetime.date(2026, 8, 20),
        Decimal("12.1"),
        Rag.AMBER,
        "Summer 2026 results: the gap narrowed by only half a point; attendance at tutoring "
        "fell in the spring term. Tutoring moves into the school day from September.",
    ),
]
COOPERS_GOVERNOR_COMMENT = (
    "Governors would like the spring term tutoring attendance figures at the next meeting."
)


# The Welsh demonstration primary (invented): its Strategic Equality Plan's objectives, the
# reasons it gives for setting none for the other characteristics (2011 Welsh regulations,
# regulation 3), and the regional objectives it adopts, as a Welsh primary publishes them.
WELSH_OBJECTIVES = [
    {
        "title": "Narrow the gap in reading between pupils with additional learning needs and "
        "their peers",
        "title_cy": "Cau'r bwlch mewn darllen rhwng disgyblion ag anghenion dysgu ychwanegol a'u "
        "cyfoedion",
        "rationale": "Our reading assessments show pupils with additional learning needs "
        "furthest behind by the end of Year 2.",
        "aims": [Aim.ADVANCE],
        "characteristics": [Characteristic.DISABILITY],
        "groups": [Group.SEND],
        "target_text": "Every pupil with an individual development plan has a reading target "
        "reviewed each term",
        "owner": "ALN co-ordinator (ALNCo)",
    },
    {
        "title": "Celebrate the languages and cultures of every family in the school",
        "title_cy": "Dathlu ieithoedd a diwylliannau pob teulu yn yr ysgol",
        "rationale": "Families told us at the spring coffee mornings that pupils who speak "
        "another language at home rarely see it in school.",
        "aims": [Aim.FOSTER],
        "characteristics": [Characteristic.RACE, Characteristic.RELIGION],
        "target_text": "A languages week each summer term, led with families",
        "owner": "Headteacher",
    },
    {
        "title": "Challenge gender stereotypes in play, reading and careers talks",
        "title_cy": "Herio stereoteipiau rhywedd mewn chwarae, darllen a sgyrsiau gyrfaoedd",
        "aims": [Aim.ELIMINATE, Aim.ADVANCE],
        "characteristics": [Characteristic.SEX, Characteristic.GENDER_REASSIGNMENT],
        "target_text": "Reading areas and careers visits reviewed for stereotypes each year",
        "owner": "Deputy headteacher",
    },
]
WELSH_REASONS = {
    Characteristic.AGE: "Our pupils are aged 3 to 11; age is covered for staff by the "
    "local authority's employment policies.",
    Characteristic.MARRIAGE: "This protects staff, not pupils; the local authority's "
    "employment policies cover it.",
    Characteristic.PREGNANCY: "No barrier was found in our engagement; our policies support "
    "staff and parents who are pregnant or on leave.",
    Characteristic.SEXUAL_ORIENTATION: "Our relationships and sexuality education and our "
    "anti-bullying work address it; no separate objective was needed.",
}
WELSH_REGIONAL_OBJECTIVES = [
    {
        "title": "Reduce prejudice-related bullying in the region's schools",
        "title_cy": "Lleihau bwlio ar sail rhagfarn yn ysgolion y rhanbarth",
        "aims": [Aim.ELIMINATE],
        "wider_group": "all pupils",
    },
    {
        "title": "Improve the attendance of Gypsy, Roma and Traveller pupils",
        "title_cy": "Gwella presenoldeb disgyblion Sipsiwn, Roma a Theithwyr",
        "aims": [Aim.ADVANCE],
        "characteristics": [Characteristic.RACE],
    },
]


def _welsh(school: School, by: User, calendar: DemoCalendar) -> None:
    start = calendar.archived_year.start
    period = {
        "period_start": start,
        "period_end": add_years(start, 4) - datetime.timedelta(days=1),
        "published_on": start + datetime.timedelta(days=30),
    }
    end = f"{start.year + 4}"
    target_date = calendar.statement_year.end
    own = _set(
        school,
        {
            "title": f"Strategic Equality Plan objectives {start.year}-{end}",
            "reasons_no_objective": dict(WELSH_REASONS),
            **period,
        },
        by,
    )
    _objectives(own, [{**o, "target_date": target_date} for o in WELSH_OBJECTIVES], by, calendar)
    regional = _set(
        school,
        {
            "title": "Regional Equality Objectives",
            "adopted_from": "Demo Regional Education Consortium (invented)",
            **period,
        },
        by,
    )
    _objectives(regional, WELSH_REGIONAL_OBJECTIVES, by, calendar)


def _set(school: School, fields: dict, by: User) -> ObjectiveSet:
    existing = ObjectiveSet.objects.filter(school=school, title=fields["title"]).first()
    return existing or services.objective_set_create(school=school, by=by, **fields)


def _objectives(
    objective_set: ObjectiveSet, objectives: list[dict], by: User, calendar: DemoCalendar
) -> list[Objective]:
    made = []
    for number, fields in enumerate(objectives, start=1):
        existing = objective_set.objectives.filter(number=number).first()
        fields = {"status": ObjectiveStatus.IN_PROGRESS, **_shifted(fields, calendar)}
        made.append(
            existing
            or services.objective_create(
                objective_set=objective_set, number=number, by=by, **fields
            )
        )
    return made


def _coopers_progress(
    objective: Objective, lead: User, governor: User, calendar: DemoCalendar
) -> None:
    if not objective.actions.exists():
        for what, who, when in COOPERS_CURRENT_ACTIONS:
            services.objective_action_add(
                objective=objective, what=what, who=who, when=when, by=lead
            )
    if not objective.progress_updates.exists():
        for recorded_on, value, rag, narrative in COOPERS_CURRENT_PROGRESS:
            services.progress_update_record(
                objective=objective,
                recorded_on=calendar.shift(recorded_on),
                value=value,
                rag=rag,
                narrative=calendar.shift_years_in(narrative),
                by=lead,
            )
    if not objective.comments.exists():
        services.progress_comment_add(
            objective=objective, text=COOPERS_GOVERNOR_COMMENT, by=governor
        )


def load(*, schools: dict[str, School]) -> None:
    """Create the demo objective sets, objectives and progress, unless they exist."""
    carrington, coopers = schools["carrington"], schools["coopers"]
    carrington_lead = User.objects.get(username="carrington-equality-lead")
    coopers_lead = User.objects.get(username="coopers-equality-lead")
    coopers_governor = User.objects.get(username="coopers-governor")
    calendar = DemoCalendar.now()
    with transaction.atomic():
        _objectives(
            _set(carrington, _carrington_set(calendar), carrington_lead),
            CARRINGTON_OBJECTIVES,
            carrington_lead,
            calendar,
        )
        current = _objectives(
            _set(coopers, _shifted(COOPERS_CURRENT, calendar), coopers_lead),
            COOPERS_SCHEME_OBJECTIVES + COOPERS_CURRENT_OBJECTIVES,
            coopers_lead,
            calendar,
        )
        _coopers_progress(
            current[len(COOPERS_SCHEME_OBJECTIVES)], coopers_lead, coopers_governor, calendar
        )
        _welsh(
            schools[WELSH_DEMO],
            User.objects.get(username=f"{WELSH_DEMO}-equality-lead"),
            calendar,
        )
