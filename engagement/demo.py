"""Demo engagement: every row of Carrington's engagement tables and Coopers' engagement with
parents, residents and Marjorie McClure School: ongoing work, recorded for every year from
the archived statement's to the one the demo is loaded in.

Carrington's first row published a stray "%" as its outcome: the demo leaves that outcome empty,
so the record shows as incomplete, as the portal would show any such gap.
"""

from django.db import transaction

from equality_portal.core.academic_year import AcademicYear
from equality_portal.schools.demo import DemoCalendar
from equality_portal.schools.models import School, User
from objectives import demo as objectives_demo
from objectives.selectors import objective_set_current

from . import services
from .models import Audience, EngagementRecord, Method, Recurrence

CARRINGTON = [
    {
        "title": "Parents and students",
        "audiences": [Audience.PARENTS_CARERS, Audience.PUPILS],
        "methods": [
            Method.PARENTS_EVENING,
            Method.CALLS_EMAILS,
            Method.MEETING,
            Method.SURVEY,
            Method.SCHOOL_COUNCIL,
        ],
        "other_method": "“Meet the Teachers” event, regular reports and Go4Schools",
        "description": (
            "Besides the scheduled parents' evenings and the “Meet the Teachers” event, "
            "parents and carers are kept informed by email, phone calls home, meetings, regular "
            "reports and Go4Schools. Their views are gathered through surveys during the year. "
            "Student voice is gathered at several points in the year, and the School Council "
            "meets with a lead teacher."
        ),
        "recurrence": Recurrence.ONGOING,
        # The published outcome was a stray "%": left empty, so the record is incomplete.
        "outcome": "",
    },
    {
        "title": "Community",
        "audiences": [Audience.COMMUNITY, Audience.OUTSIDE_AGENCIES],
        "named_group": "Home School Link Worker, SparkFish, Children's Services and the police",
        "methods": [Method.VISITS_IN, Method.MEETING, Method.JOINT_WORK],
        "description": (
            "Strong community links through the Home School Link Worker; local organisations "
            "such as SparkFish regularly visit the school and work with students; close ties "
            "with key people in Children's Services and the police."
        ),
        "recurrence": Recurrence.ONGOING,
        "outcome": (
            "Individual students are given support through the DICE levels of intervention "
            "model. Leaders know when issues outside school may affect a student's progress or "
            "engagement, and about support in the local area. Students hear the police's view "
            "of local and national issues such as knife crime and staying safe online, in "
            "Personal Development lessons and at events in the local area."
        ),
    },
    {
        "title": "Business engagement",
        "audiences": [Audience.BUSINESSES],
        "named_group": "Local organisations and businesses",
        "methods": [Method.VISITS_IN, Method.ONE_TO_ONE, Method.JOINT_WORK],
        "other_method": "Careers events, enrichment and mentoring programmes",
        "description": (
            "An experienced Careers Advice and Guidance Co-ordinator with strong links to local "
            "organisations and businesses invites professionals into school for enrichment, "
            "careers events and mentoring, and offers targeted one-to-one sessions, to meet the "
            "Gatsby Benchmarks each year."
        ),
        "recurrence": Recurrence.ONGOING,
        "outcome": (
            "Every student has impartial careers guidance each year, for example at the careers "
            "fair and options evening. Coverage of the Gatsby Benchmarks is strong compared "
            "with national averages."
        ),
    },
    {
        "title": "Outside agencies for special educational needs",
        "audiences": [Audience.OUTSIDE_AGENCIES],
        "named_group": (
            "Autism support, ASD Outreach, Behaviour support service, Speech and Language "
            "Therapy (SALT), REMA, Learning and Language Support (LLS)"
        ),
        "methods": [Method.MEETING],
        "other_method": "Consultations about individual students",
        "description": (
            "The SEN team seeks support from these agencies on an ongoing basis, and feedback "
            "about students is shared centrally."
        ),
        "recurrence": Recurrence.ONGOING,
        "outcome": (
            "Consultations with the agencies shape strategies for individual students and staff "
            "training. Individual students receive direct support from the agencies' "
            "professionals as appropriate."
        ),
        # Carrington's target 2: outcomes for students on SEND School Support.
        "objective_numbers": [2],
    },
]

COOPERS = [
    {
        "title": "Parents' evening follow-up",
        "audiences": [Audience.PARENTS_CARERS],
        "methods": [Method.PARENTS_EVENING, Method.CALLS_EMAILS, Method.HOME_VISIT],
        "other_method": "Fortnightly newsletters and the learning gateway",
        "description": (
            "Attendance at parents' evenings is monitored, and parents who do not attend are "
            "followed up by letter, email, telephone or a home visit. All parents receive a "
            "fortnightly newsletter; the learning gateway shows their child's attendance, "
            "achievements and targets."
        ),
        "recurrence": Recurrence.ONGOING,
        "learned": "Some parents face barriers to communicating with the school.",
        "outcome": (
            "Every family that misses a parents' evening is contacted, so barriers are removed "
            "wherever possible. Each family has one point of contact, its Community Year Leader."
        ),
    },
    {
        "title": "Meetings with local residents",
        "audiences": [Audience.COMMUNITY],
        "named_group": "Local residents",
        "methods": [Method.MEETING],
        "description": "Meetings with local residents are held each term.",
        "recurrence": Recurrence.TERMLY,
        "outcome": "The school and its neighbours work together on local issues and opportunities.",
    },
    {
        "title": "Partnership with Marjorie McClure School",
        "audiences": [Audience.OTHER_SCHOOLS],
        "named_group": "Marjorie McClure School, the special school sharing Coopers' site",
        "methods": [Method.JOINT_WORK],
        "description": (
            "The two schools regularly work together on collaborative projects, including trips, "
            "enrichment activities and student leadership."
        ),
        "recurrence": Recurrence.ONGOING,
        "outcome": (
            "More able Marjorie McClure students attend selected Coopers lessons and learn "
            "alongside Coopers students."
        ),
        # Coopers' objective 3: involvement of students with SEND in extra-curricular life.
        "objective_numbers": [3],
    },
]


def _records(school: School, rows: list[dict], by: User, year: AcademicYear) -> None:
    for row in rows:
        fields = dict(row)
        links = fields.pop("objective_numbers", [])
        exists = EngagementRecord.objects.filter(
            school=school, academic_year=year.start_year, title=fields["title"]
        ).exists()
        if exists:
            continue
        # The rows name objectives by their number in the set in force.
        in_force = objective_set_current(school=school, on=year.end)
        objectives = [in_force.objectives.get(number=number) for number in links]
        services.engagement_record_create(
            school=school, academic_year=year, objectives=objectives, by=by, **fields
        )


def load(*, schools: dict[str, School]) -> None:
    """Create the demo engagement records, unless they exist."""
    # Engagement links to objectives, and loaddemo runs this app first: make sure they exist.
    objectives_demo.load(schools=schools)
    with transaction.atomic():
        for year in DemoCalendar.now().evidence_years:
            for slug, rows in (("carrington", CARRINGTON), ("coopers", COOPERS)):
                lead = User.objects.get(username=f"{slug}-equality-lead")
                _records(schools[slug], rows, lead, year)
