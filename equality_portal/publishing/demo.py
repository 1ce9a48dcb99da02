"""Demo statements: each seed school's equality information for the last two years, approved
and published as a school would have published them, about eight weeks after each year ended
(DemoCalendar): the latest within the last twelve months, the year before in the archive. The
Welsh demonstration primary publishes its Strategic Equality Plan and an annual report on it, in
Welsh and English.

Runs last in loaddemo, so each statement is composed from every app's demo evidence. A year
that already has a publication is skipped, so running it twice changes nothing.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.management import CommandError
from django.utils import timezone

from equality_portal import dates
from equality_portal.core.academic_year import AcademicYear
from equality_portal.core.periods import Period, as_period
from equality_portal.schools.demo import DEMO_TRUST_SLUG, TRUST_LEAD, WELSH_DEMO, DemoCalendar
from equality_portal.schools.models import School, Trust, User
from objectives.models import Objective, TrustObjective
from objectives.services import objective_update, trust_objective_create

from . import services
from . import trust as trust_services
from .models import Publication, PublicationKind, TrustPublication

TEXT: dict[str, dict] = {
    "carrington": {
        "introduction": (
            "Carrington School is an inclusive secondary school. This page sets out what we did "
            "in {year} under each aim of the general equality duty, how we consulted our "
            "community, and the equality targets we are working towards."
        ),
        "accessibility_plan": (
            "Our accessibility plan sets out how we improve access for disabled students to the "
            "curriculum, to the school site and to information. Strategies to support SEND "
            "students and remove barriers to learning are shared with staff regularly."
        ),
        "accessibility_plan_adopted_on": datetime.date(2024, 9, 1),
        "equality_policy": "",
    },
    "coopers": {
        "introduction": (
            "At Coopers we welcome the chance to show how we meet the Equality Duty: we take "
            "this work seriously. When we make decisions about the school we consider the three "
            "aims of the duty: how we eliminate unlawful discrimination, harassment and "
            "victimisation; how we advance equality of opportunity; and how we foster good "
            "relations between all people.\n\n"
            "Equality and diversity are promoted through our publications (the website, "
            "prospectus and staff handbook) and through a wide range of activities for students. "
            "Equality and diversity form part of every staff and governor induction, and all "
            "staff are trained during INSET time. We use performance data and benchmarking "
            "across teaching and learning to target support at groups who underperform."
        ),
        "accessibility_plan": (
            "Our accessibility plan continues to improve access across the school for students, "
            "staff and visitors with disabilities, including access to specialist teaching areas "
            "(equality objective 6)."
        ),
        "accessibility_plan_adopted_on": datetime.date(2024, 9, 1),
        "equality_policy": (
            "Our single equality scheme: equality of opportunity and freedom from "
            "discrimination must run through every part of school life, in particular:\n"
            "- teaching, learning and assessment\n"
            "- behaviour and sanctions\n"
            "- student rewards\n"
            "- advice and guidance\n"
            "- personal development and pastoral care\n"
            "- extracurricular opportunities and participation\n"
            "- admissions and attendance\n"
            "- curriculum and options\n"
            "- staff recruitment, promotion and professional development\n"
            "- employment policies and practice\n"
            "- partnerships with parents and communities\n\n"
            "We are committed to:\n"
            "- tackling discrimination actively and promoting equal opportunities and positive "
            "attitudes\n"
            "- encouraging, supporting and helping every student and member of staff to reach "
            "their potential\n"
            "- working with parents, carers and the wider community to tackle discrimination "
            "and follow good practice\n"
            "- implementing the scheme and monitoring how well it promotes equality\n\n"
            "The governing body makes sure the school complies with the Equality Act 2010 and "
            "other relevant law. It does so by:\n"
            "- making equality an explicit aim of every school policy, underpinning all our work\n"
            "- making sure this policy reflects a belief in diversity that embraces individuals "
            "and builds community spirit\n"
            "- developing policies through wide consultation in school and with the wider "
            "community\n"
            "- making sure no student is discriminated against in the education services we "
            "provide\n"
            "- including a commitment to equality and diversity in every job description\n"
            "- making sure recruitment, employment, promotion and staff development reflect our "
            "ethos and equality law\n"
            "- putting equality targets into the School Improvement Plan so that every "
            "individual and group achieves their potential and makes good progress\n\n"
            "The Principal and leadership team are responsible for:\n"
            "- publishing the equality objectives and information, and making sure governors, "
            "staff, students, parents, guardians and the wider community know about them\n"
            "- fair and non-discriminatory employment practice, including promotion and staff "
            "development\n"
            "- carrying out the Public Sector Equality Duty, giving staff and governors regular "
            "information about the objectives and training where needed\n"
            "- making sure all staff and governors know their responsibilities and are trained "
            "and supported to carry them out\n"
            "- acting on harassment and on racial, sex or other discrimination because of a "
            "protected characteristic\n\n"
            "All staff are responsible for:\n"
            "- dealing with harassment based on protected characteristics, and recognising and "
            "tackling bias and stereotyping\n"
            "- promoting equal opportunities and positive attitudes, and avoiding discrimination "
            "on the grounds of a protected characteristic\n"
            "- keeping up to date with discrimination law and taking up training\n"
            "- recognising the importance of fairness within the staff body and raising any "
            "area or event that causes concern\n\n"
            "Monitoring: we monitor student attainment, progress and behaviour against "
            "protected characteristics, and set targets where appropriate; the data informs "
            "planning and decisions. We also monitor school trip take-up, extracurricular "
            "participation and options decisions, log incidents of discrimination, and consider "
            "complaints and grievances about equality. We use all of this to judge the impact "
            "of our equality policy and practice, and review our working practices in its "
            "light.\n\n"
            "Assessing and reviewing policies: every school policy is reviewed on a planned "
            "programme. Those relevant to equality are judged on how well they tackle unlawful "
            "discrimination and promote equal opportunities and positive attitudes. This policy "
            "is published with the governors' policies and is available to any member of staff, "
            "student or parent who asks. Breaches are taken seriously and dealt with under the "
            "appropriate school policy."
        ),
    },
}


def _publish(
    school: School,
    slug: str,
    text: dict,
    year: AcademicYear | Period,
    kind: str = PublicationKind.STATEMENT,
) -> None:
    draft = services.statement_draft_get_or_create(school=school, year=year, kind=kind)
    leader = User.objects.get(username=f"{slug}-leader")
    governor = User.objects.get(username=f"{slug}-governor")
    text = {**text, "introduction": text["introduction"].replace("{year}", year.label)}
    services.statement_draft_update(draft=draft, by=leader, **text)
    version = services.statement_submit(draft=draft, by=leader)
    errors = [error["message"] for error in version.errors]
    if errors:
        raise CommandError(f"The {school} demo statement cannot be published: {errors}")
    services.statement_approve(version=version, by=governor)
    services.statement_publish(version=version, by=leader, advice_confirmed=True)


# --- The Welsh demonstration primary (invented) -----------------------------------------------
# A Strategic Equality Plan over four years from the start of the archived year (the period of
# its objective sets), published about six weeks into it, and the annual report on the latest
# year, published with the other schools' statements: both in Welsh and English, in the
# school's own words, which cite the 2011 Welsh regulations and use ALN terms.

WELSH_REGULATIONS = "the Equality Act 2010 (Statutory Duties) (Wales) Regulations 2011"
WELSH_REGULATIONS_CY = "Reoliadau Deddf Cydraddoldeb 2010 (Dyletswyddau Statudol) (Cymru) 2011"
WELSH_PLAN_PUBLISHED_AFTER_START = datetime.timedelta(weeks=6)
WELSH_SHARED: dict[str, Any] = {
    "accessibility_plan": (
        "Our accessibility plan improves access for disabled pupils and pupils with additional "
        "learning needs (ALN) to the curriculum, to our building and grounds, and to the "
        "information we give families."
    ),
    "accessibility_plan_cy": (
        "Mae ein cynllun hygyrchedd yn gwella mynediad disgyblion anabl a disgyblion ag "
        "anghenion dysgu ychwanegol (ADY) i'r cwricwlwm, i'n hadeilad a'n tir, ac i'r "
        "wybodaeth a rown i deuluoedd."
    ),
}
WELSH_PLAN: dict[str, Any] = {
    "title": "Strategic Equality Plan",
    "title_cy": "Cynllun Cydraddoldeb Strategol",
    "introduction": (
        "Ysgol Derwen is an invented primary school for pupils aged 3 to 11, shown here as a "
        "demonstration. This is our Strategic Equality Plan for {period}, set under "
        f"{WELSH_REGULATIONS}: the objectives we set with our pupils, families and staff, our "
        "reasons for setting none for some protected characteristics, and the regional "
        "equality objectives we share with the other schools of our consortium."
    ),
    "introduction_cy": (
        "Ysgol gynradd ddychmygol i ddisgyblion 3 i 11 oed yw Ysgol Derwen, a ddangosir yma "
        "fel enghraifft. Dyma ein Cynllun Cydraddoldeb Strategol ar gyfer {period}, o dan "
        f"{WELSH_REGULATIONS_CY}: yr amcanion a osodwyd gennym gyda'n disgyblion, ein teuluoedd "
        "a'n staff, ein rhesymau dros beidio â gosod amcan ar gyfer rhai nodweddion "
        "gwarchodedig, a'r amcanion cydraddoldeb rhanbarthol a rannwn ag ysgolion eraill ein "
        "consortiwm."
    ),
    **WELSH_SHARED,
}
WELSH_ANNUAL_REPORT: dict[str, Any] = {
    "title": "Strategic Equality Plan: annual report",
    "title_cy": "Cynllun Cydraddoldeb Strategol: adroddiad blynyddol",
    "introduction": (
        "Ysgol Derwen is an invented primary school for pupils aged 3 to 11, shown here as a "
        "demonstration. This is our annual report for {period} on our Strategic Equality Plan "
        f"for {{plan}}, published under {WELSH_REGULATIONS}: what we did towards our "
        "objectives, how we engaged pupils, families and staff, and the regional equality "
        "objectives we share with the other schools of our consortium. We support pupils with "
        "additional learning needs (ALN), each with an individual development plan (IDP)."
    ),
    "introduction_cy": (
        "Ysgol gynradd ddychmygol i ddisgyblion 3 i 11 oed yw Ysgol Derwen, a ddangosir yma "
        "fel enghraifft. Dyma ein hadroddiad blynyddol ar gyfer {period} ar ein Cynllun "
        f"Cydraddoldeb Strategol ar gyfer {{plan}}, a gyhoeddwyd o dan {WELSH_REGULATIONS_CY}: "
        "yr hyn a wnaethom tuag at ein hamcanion, sut y buom yn ymgysylltu â disgyblion, "
        "teuluoedd a staff, a'r amcanion cydraddoldeb rhanbarthol a rannwn ag ysgolion eraill "
        "ein consortiwm. Rydym yn cefnogi disgyblion ag anghenion dysgu ychwanegol (ADY), pob "
        "un â chynllun datblygu unigol (CDU)."
    ),
    **WELSH_SHARED,
}


def welsh_plan_period(calendar: DemoCalendar) -> Period:
    """The Welsh school's Strategic Equality Plan: four years from the archived year."""
    first = calendar.archived_year.start_year
    return Period(first, 9, first + 4, 8)


def _welsh_publications(school: School, calendar: DemoCalendar) -> None:
    plan = welsh_plan_period(calendar)
    plan_published = timezone.make_aware(
        datetime.datetime.combine(
            plan.start + WELSH_PLAN_PUBLISHED_AFTER_START, datetime.time(10, 30)
        )
    )
    report_year = calendar.statement_year
    for period, kind, text, moment in (
        (plan, PublicationKind.PLAN, WELSH_PLAN, plan_published),
        (
            as_period(report_year),
            PublicationKind.ANNUAL_REPORT,
            WELSH_ANNUAL_REPORT,
            calendar.published_at(report_year),
        ),
    ):
        if Publication.objects.filter(
            school=school, period_start=period.start, period_end=period.end
        ).exists():
            continue
        text = {
            name: value.replace("{period}", period.label).replace("{plan}", plan.label)
            for name, value in text.items()
        }
        text["accessibility_plan_adopted_on"] = plan.start  # adopted with the plan
        with dates.as_of(moment):
            _publish(school, WELSH_DEMO, text, period, kind=kind)


# --- The demo trust ---------------------------------------------------------------------------

TRUST_OBJECTIVE: dict[str, Any] = {
    "title": "Narrow the attendance gap between pupils with SEND and their peers",
    "rationale": (
        "Attendance of pupils with special educational needs and disabilities is below that of "
        "their peers in both academies."
    ),
    "measure": "Gap in attendance, pupils with SEND and all other pupils",
    "owner": "Trust inclusion lead",
}
# Each academy's own measures for the trust's objective: (baseline, target) in percentage points.
TRUST_OBJECTIVE_MEASURES = {
    "carrington": (Decimal("4.2"), Decimal("2.5")),
    "coopers": (Decimal("3.6"), Decimal("2.0")),
}
TRUST_TEXT = {
    "title": "Equality information and objectives",
    "summary": (
        "One statement for the academies of the Demo Academy Trust: what the trust does as the "
        "employer and across its academies, and each academy's own equality information."
    ),
    "introduction": (
        "The Demo Academy Trust is invented for this demonstration: Carrington School and "
        "Coopers School are real schools, but they are not in one trust."
    ),
}
TRUST_SECTIONS = [
    {
        "heading": "Our equality objectives across the trust",
        "body": (
            "The trust sets one objective for every academy: to narrow the attendance gap "
            "between pupils with SEND and their peers. Each academy measures it against its "
            "own baseline and target, and sets its own objectives beside it."
        ),
    },
    {
        "heading": "The trust as employer",
        "body": (
            "The trust employs the staff of its academies. Our gender pay gap report, for the "
            "latest snapshot on 31 March, follows."
        ),
    },
]


def _trust_objective(trust: Trust, lead: User, year: AcademicYear) -> None:
    """The trust's objective, carried by each academy in the objective set its statement for
    ``year`` shows, with the academy's own baseline and target."""
    if TrustObjective.objects.filter(trust=trust).exists():
        return
    _objective, _missing = trust_objective_create(
        trust=trust, by=lead, on=year.end, **TRUST_OBJECTIVE
    )
    for carried in Objective.objects.filter(trust_objective=_objective).select_related(
        "objective_set__school"
    ):
        baseline, target = TRUST_OBJECTIVE_MEASURES[carried.objective_set.school.slug]
        objective_update(
            objective=carried,
            by=lead,
            unit="percentage points",
            baseline_value=baseline,
            baseline_date=carried.objective_set.period_start,
            target_value=target,
            target_date=carried.objective_set.period_end,
            status="in_progress",
        )


def _trust_statement(trust: Trust, lead: User, year: AcademicYear) -> None:
    if TrustPublication.objects.filter(trust=trust, academic_year=year.start_year).exists():
        return
    draft = trust_services.trust_draft_get_or_create(trust=trust, year=year)
    trust_services.trust_draft_update(draft=draft, by=lead, sections=TRUST_SECTIONS, **TRUST_TEXT)
    trust_services.trust_statement_publish(
        draft=draft, by=lead, approved_by_name="Helen Clarke", approved_on=dates.today()
    )


def load(*, schools: dict[str, School]) -> None:
    calendar = DemoCalendar.now()
    trust = Trust.objects.filter(slug=DEMO_TRUST_SLUG).first()
    lead = User.objects.filter(username=TRUST_LEAD[0]).first()
    if trust is not None and lead is not None:
        with dates.as_of(calendar.published_at(calendar.statement_year)):
            _trust_objective(trust, lead, calendar.statement_year)
    for year in (calendar.archived_year, calendar.statement_year):
        for slug, text in TEXT.items():
            school = schools[slug]
            if Publication.objects.filter(
                school=school, period_start=year.start, period_end=year.end
            ).exists():
                continue
            if not school.contact_email:
                school.contact_email = f"equality@{slug}.example.org"
                school.save(update_fields=["contact_email"])
            with dates.as_of(calendar.published_at(year)):
                _publish(school, slug, text, year)
    welsh = schools.get(WELSH_DEMO)
    if welsh is not None:
        if not welsh.contact_email:
            welsh.contact_email = f"equality@{WELSH_DEMO}.example.org"
            welsh.save(update_fields=["contact_email"])
        _welsh_publications(welsh, calendar)
    if trust is not None and lead is not None:
        _trust_statement(trust, lead, calendar.statement_year)
