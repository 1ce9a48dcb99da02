"""Demo content from the seed documents: Carrington's table of actions under each aim (every
bullet an action), its policy review with the school council and its six-weekly data dashboard;
Coopers' actions, monitoring commitments, policies and published make-up figures.

Safe to run twice: each record is looked up first and created only when missing.
"""

import datetime
from decimal import Decimal

from equality_portal.core.equality import Aim, Characteristic, Group
from equality_portal.schools.demo import DemoCalendar
from equality_portal.schools.models import School, User

from . import services
from .categories import CategoryType, Population
from .models import (
    Action,
    AnalysisSubject,
    EqualityAnalysis,
    Impact,
    Outcome,
    Policy,
    PolicyReview,
    PopulationProfile,
    ProfileFigure,
)

# The seed's actions are ongoing work: each is filed under every year from the archived
# statement's to this one (DemoCalendar.evidence_years).

E, A, F = Aim.ELIMINATE, Aim.ADVANCE, Aim.FOSTER
C = Characteristic
PREJUDICE = [C.DISABILITY, C.GENDER_REASSIGNMENT, C.RACE, C.RELIGION, C.SEX, C.SEXUAL_ORIENTATION]

DASHBOARD = "The Leadership Team data dashboard is updated and analysed every six weeks."

# Carrington's "Duty / Actions taken" table, in its order: (aim, title, description, fields).
CARRINGTON_ACTIONS = [
    (
        E,
        "Log of prejudice-related incidents in CPOMS",
        "The school keeps a log of prejudice-related incidents in CPOMS (Child Protection "
        "Online Management System). It is shared through the Safeguarding Audit, which is "
        "reviewed regularly.",
        {"characteristics": PREJUDICE, "evidence_note": "The Safeguarding Audit."},
    ),
    (
        E,
        "Anti-bullying activities",
        "Students take part in activities focused on anti-bullying, for example events during "
        "Anti-Bullying Week and Personal Development (PD) activities.",
        {},
    ),
    (E, "Well-being ambassadors", "A team of students is trained as well-being ambassadors.", {}),
    (
        E,
        "Student voice on anti-bullying",
        "Student voice surveys and the school council gather information on anti-bullying from "
        "a student perspective.",
        {},
    ),
    (
        E,
        "Post-report reviews of student performance",
        "Faculties and the Head of Year teams review students' performance after each report, "
        "including a focus on disadvantaged students.",
        {"groups": [Group.DISADVANTAGED], "owner": "Faculties and Head of Year teams"},
    ),
    (
        E,
        "Strategies for SEND students shared with staff",
        "Strategies to support SEND students and help remove barriers to learning are shared "
        "with staff regularly.",
        {"characteristics": [C.DISABILITY], "groups": [Group.SEND]},
    ),
    (
        E,
        "Focus on the performance of disadvantaged students",
        "The performance of disadvantaged students is a key focus for the school.",
        {"groups": [Group.DISADVANTAGED], "owner": "Leadership Team", "evidence_note": DASHBOARD},
    ),
    (
        A,
        "Core values in every classroom",
        "Carrington's core values are published in all classrooms and feed into the weekly "
        "assembly themes and PD activities.",
        {},
    ),
    (
        A,
        "Personal Development curriculum",
        "Students follow a comprehensive Personal Development (PD) curriculum, updated in line "
        "with the statutory changes from September 2020. It is supplemented by enrichment such "
        "as theatre productions on PD themes and external interventions such as youth workers, "
        "to develop knowledge and understanding of difference.",
        {},
    ),
    (
        A,
        "Inclusive school culture",
        "An inclusive school culture promotes equality of opportunity between those who have a "
        "protected characteristic and those who do not.",
        {},
    ),
    (
        F,
        "Student leadership, school council and well-being support",
        "A strong Student Leadership Team and a successful School Council, part of whose role "
        "is to support vulnerable pupils and provide advocacy, with support from the well-being "
        "ambassadors. Two experienced school counsellors; a member of staff who provides "
        "ELSA-style emotional support sessions. Local organisations: SparkFish offers Drawing "
        "and Talking sessions and group and one-to-one mentoring, and the BeMeProject supports "
        "emotional well-being and self-confidence. An experienced prison officer runs an "
        "intervention programme for students identified as needing preventative work.",
        {},
    ),
    (
        F,
        "Year 11 prefects",
        "The Year 11 prefects model good behaviour and relationships. Part of their role is to "
        "challenge prejudice and discrimination and to work with staff to identify vulnerable "
        "students as they move around the school.",
        {"owner": "Year 11 prefects"},
    ),
    (
        F,
        "Year 7 transition and induction programme",
        "Each autumn term, Year 7 students joining the school are supported by an extensive "
        "transition and induction programme led by a dedicated Head of Year 7. Those needing "
        "more support with transition receive it as soon as possible.",
        {"owner": "Head of Year 7", "term": "autumn"},
    ),
    (
        F,
        "Transition Action Plans for students joining during the year",
        "Students who join as an in-year admission, through a managed move or as part of the "
        "school's Alternative Provision are supported with Transition Action Plans, and their "
        "progress is reviewed regularly.",
        {},
    ),
    (
        F,
        "Home School Link Worker",
        "Since March 2020 the school has employed a full-time Home School Link Worker to engage "
        "families further, including those who have traditionally been hard to reach.",
        {"owner": "Home School Link Worker"},
    ),
    (
        F,
        "Student Voice",
        "Students are regularly and actively consulted on a range of issues. The Student "
        "Council addresses issues of equality in its meetings, and all student groups are "
        "represented in student voice exercises, for example the teaching and learning "
        "conferences.",
        {"characteristics": [C.DISABILITY, C.RACE, C.RELIGION, C.SEX]},
    ),
    (
        F,
        "Mentoring every two weeks",
        "Every student is mentored every two weeks by a consistent member of staff, to support "
        "their academic progress, their well-being and their behaviour.",
        {},
    ),
    (
        F,
        "DICE Levels of Intervention Model",
        "Based on Surrey's Effective Family Resilience Model and the SEN Profiles of Need, the "
        "DICE model gives four levels of intervention for students under the categories of "
        "Development, Inclusion and Centre of Excellence. All decisions about Causes for "
        "Concern are linked to these interventions.",
        {"groups": [Group.SEND]},
    ),
]

COOPERS_ACTIONS = [
    (
        E,
        "The Learning Charter",
        "The published Learning Charter, displayed in all classrooms and communal areas, guides "
        "how everyone at Coopers lives in school. It includes the behaviour for learning policy, "
        "so that disruptive behaviour is dealt with fairly, quickly and calmly, and the "
        "anti-bullying policy: bullying of any kind is unacceptable and every student should be "
        "able to report it and know it will be dealt with promptly.",
        {},
    ),
    (
        E,
        "Staff safe from discrimination",
        "Regularly updated staff grievance procedures, and active union representatives in school.",
        {},
    ),
    (
        E,
        "Equality training in inductions and INSET",
        "Equality and diversity is part of every staff and governor induction, and training is "
        "provided to all staff during INSET time.",
        {},
    ),
    (
        E,
        "Logging discrimination, complaints and grievances",
        "Monitoring commitment: incidents of discrimination are logged, and complaints or "
        "grievances about equality or discrimination are considered, to assess the impact of "
        "equality policies and practice.",
        {"characteristics": PREJUDICE},
    ),
    (
        A,
        "Monitoring attainment, progress and behaviour by protected characteristic",
        "Monitoring commitment: student attainment, progress and behaviour data is monitored "
        "against protected characteristics, with targets set as appropriate; the data informs "
        "planning and decisions. A dedicated team monitors each year group and the vulnerable "
        "groups in it, with action plans for each child.",
        {"characteristics": [C.DISABILITY, C.RACE, C.SEX], "groups": [Group.DISADVANTAGED]},
    ),
    (
        A,
        "Monitoring trips, extracurricular activities and options",
        "Monitoring commitment: take-up of school trips, participation in extracurricular "
        "activities and options decisions are monitored by group.",
        {"groups": [Group.SEND]},
    ),
    (
        A,
        "Reviewing rewards and sanctions for bias",
        "Monitoring commitment: reward and sanction data, including fixed-term and permanent "
        "exclusions, is reviewed to make sure there is no bias against any vulnerable group.",
        {"groups": [Group.DISADVANTAGED, Group.SEND, Group.LOOKED_AFTER]},
    ),
    (
        A,
        "Parental involvement",
        "Attendance at parents' evenings is monitored, and parents who do not attend are "
        "followed up by letter, email, telephone or home visit. Fortnightly newsletters, the "
        "learning gateway and a Community Year Leader as a single point of contact.",
        {},
    ),
    (
        F,
        "Personal development lessons",
        "A daily personal development lesson in tutor groups drawn from every year group, with "
        "anti-bullying fortnight in November, healthy relationships, Black History Month and "
        "global citizenship; a 'words of the week' programme (tolerate, empathise, co-operation, "
        "responsibility).",
        {"characteristics": [C.RACE, C.RELIGION]},
    ),
    (
        F,
        "Holocaust Beacon school",
        "Coopers is a Holocaust Beacon school and leads the teaching of the Holocaust across the "
        "south east.",
        {"characteristics": [C.RACE, C.RELIGION]},
    ),
    (
        F,
        "Working with Marjorie McClure School",
        "Coopers shares a site with Marjorie McClure Special School: collaborative trips, "
        "enrichment and student leadership, and Marjorie McClure students learning alongside "
        "Coopers students in selected lessons.",
        {"characteristics": [C.DISABILITY], "groups": [Group.SEND]},
    ),
    (
        F,
        "Community cohesion",
        "Paired tutor groups, a student leadership programme with regular meetings of the two "
        "Student Principals with the Principal, termly meetings with local residents, and "
        "charity fundraising by each learning community.",
        {},
    ),
    (
        F,
        "Year 7 community projects",
        "Every Year 7 student completes extended learning projects about our community and "
        "celebrating who we are, alongside the tolerance and diversity taught in personal "
        "development lessons.",
        {},
    ),
    (
        F,
        "World Challenge expeditions",
        "Students in Years 11, 12 and 13 take part in annual World Challenge expeditions: they "
        "raise their own funds, travel to far corners of the world, help with charitable work "
        "and take on leadership roles.",
        {},
    ),
    (
        A,
        "Support for students who arrived with level 4 at Key Stage 2",
        "Our target-setting policy means every student works towards their full capacity. "
        "Students who joined with level 4 in their Key Stage 2 tests have historically missed "
        "a grade C at GCSE, so a menu of activities now helps them achieve the best grades "
        "they can.",
        {"groups": [Group.DISADVANTAGED]},
    ),
]

SEED_NOTE = (
    "Coopers' single equality scheme gives these figures as percentages, without counts or a "
    "census date; they are filed here at the census of {census}."
)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _actions(school: School, author: User, entries, calendar: DemoCalendar) -> None:
    for year in calendar.evidence_years:
        for position, (aim, title, description, extra) in enumerate(entries, start=1):
            if Action.objects.filter(
                school=school, academic_year=year.start_year, title=title
            ).exists():
                continue
            services.action_create(
                school=school,
                by=author,
                academic_year=year.start_year,
                title=title,
                description=description,
                aims=[aim],
                position=position,
                **extra,
            )


def _policy(school: School, author: User, title: str, **fields) -> Policy:
    existing = Policy.objects.filter(school=school, title=title).first()
    return existing or services.policy_create(school=school, by=author, title=title, **fields)


def _analysis(school: School, author: User, subject: str, *, impacts, **fields):
    existing = EqualityAnalysis.objects.filter(
        school=school, subject=subject, analysed_on=fields["analysed_on"]
    ).first()
    return existing or services.equality_analysis_create(
        school=school, by=author, subject=subject, impacts=impacts, **fields
    )


def _six_weekly_reviews(calendar: DemoCalendar) -> list[datetime.date]:
    """The dashboard's last review of the seed year (10 July), and the latest one this year."""
    this_year = calendar.year.start
    elapsed = (calendar.today - this_year).days
    return [
        calendar.shift(datetime.date(2026, 7, 10)),
        this_year + datetime.timedelta(days=elapsed - elapsed % 42),
    ]


def _carrington(school: School, calendar: DemoCalendar) -> None:
    author = _user("carrington-equality-lead")
    _actions(school, author, CARRINGTON_ACTIONS, calendar)
    policy = _policy(
        school,
        author,
        "Anti-bullying policy",
        owner="Leadership Team",
        review_cycle_months=12,
        notes="Carrington reviews its policies at timely intervals, consulting relevant groups.",
    )
    reviewed_on = datetime.date(2018, 7, 1)
    not_recorded = "Not recorded in the school's published information."
    analysis = _analysis(
        school,
        author,
        "Anti-bullying policy review (2018)",
        subject_kind=AnalysisSubject.POLICY,
        policy=policy,
        analysed_on=reviewed_on,
        carried_out_by="Leadership Team with the School Council",
        full_analysis_needed=True,
        screening_reason=(
            "Bullying can be motivated by prejudice about a protected characteristic, so the "
            "policy's effect on each group was considered with the students."
        ),
        evidence_considered="Students' views of anti-bullying, gathered by the School Council.",
        consulted="The School Council.",
        outcome=Outcome.NO_CHANGE,
        impacts=dict.fromkeys(PREJUDICE, (Impact.NOT_KNOWN, not_recorded)),
    )
    if not PolicyReview.objects.filter(policy=policy, reviewed_on=reviewed_on).exists():
        services.policy_review_record(
            policy=policy,
            by=author,
            reviewed_on=reviewed_on,
            reviewed_by="Leadership Team",
            consulted="The School Council",
            summary="Reviewed with the School Council. The published information gives the "
            "year of the review (2018), not the day.",
            equality_analysis=analysis,
        )
    for analysed_on in _six_weekly_reviews(calendar):
        _analysis(
            school,
            author,
            "Leadership Team data dashboard",
            subject_kind=AnalysisSubject.PRACTICE,
            analysed_on=analysed_on,
            carried_out_by="Leadership Team",
            full_analysis_needed=False,
            screening_reason=(
                "The dashboard is the school's own check on how groups of students fare: it "
                "is updated and analysed every six weeks, so it is reviewed continually rather "
                "than by a separate full analysis."
            ),
            evidence_considered=DASHBOARD
            + " It includes the performance of disadvantaged and SEND students.",
            outcome=Outcome.NO_CHANGE,
            impacts={C.DISABILITY: (Impact.POSITIVE, "SEND students' progress is tracked.")},
        )


def _figures(school, author, population, census, source, figures) -> None:
    profile = PopulationProfile.objects.filter(
        school=school, population=population, census_date=census
    ).first() or services.population_profile_create(
        school=school,
        by=author,
        population=population,
        census_date=census,
        source=source,
        notes=SEED_NOTE.format(census=f"{census:%d %B %Y}"),
    )
    for category_type, category, percent, la_percent in figures:
        if ProfileFigure.objects.filter(
            profile=profile, category_type=category_type, category=category
        ).exists():
            continue
        services.profile_figure_record(
            profile=profile,
            by=author,
            category_type=category_type,
            category=category,
            percent=Decimal(percent),
            comparator_la_percent=Decimal(la_percent) if la_percent else None,
        )


def _coopers(school: School, calendar: DemoCalendar) -> None:
    author = _user("coopers-equality-lead")
    _actions(school, author, COOPERS_ACTIONS, calendar)
    for title, notes in [
        ("Single equality scheme", "Published as part of the governors' policy documentation."),
        (
            "Learning Charter (behaviour for learning and anti-bullying)",
            "Displayed in all classrooms and communal areas.",
        ),
        ("Staff grievance procedures", "Regularly updated."),
    ]:
        _policy(school, author, title, review_cycle_months=12, notes=notes)
    # The scheme's figures are undated: filed at each published year's censuses.
    for year in (calendar.archived_year, calendar.statement_year):
        _figures(
            school,
            author,
            Population.PUPILS,
            datetime.date(year.start_year + 1, 1, 15),
            "School census (published as percentages in the single equality scheme)",
            [
                (CategoryType.ETHNICITY, "WBRI", "77.4", "66"),
                (CategoryType.SEX, "male", "63.6", None),
            ],
        )
        _figures(
            school,
            author,
            Population.STAFF,
            datetime.date(year.start_year, 11, 6),
            "School workforce census (published as percentages in the single equality scheme)",
            [
                (CategoryType.ETHNICITY, "WBRI", "87", None),
                (CategoryType.SEX, "female", "63", None),
            ],
        )


def load(*, schools: dict[str, School]) -> None:
    """Add the duties content of both seed schools, dated for the day the demo is loaded."""
    calendar = DemoCalendar.now()
    _carrington(schools["carrington"], calendar)
    _coopers(schools["coopers"], calendar)
