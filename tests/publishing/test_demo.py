"""loaddemo publishes each seed school's statement, carrying every section of its document."""

import io
import re

from django.core.management import call_command
from pypdf import PdfReader

from equality_portal.publishing.models import Publication

# Phrases from each seed document that the published statement must carry (in the portal's
# words where the demo rewrote them). One per action, engagement row, objective and figure.
SEED_FACTS = {
    "carrington": [
        "CPOMS",  # the incident log shared via the safeguarding audit
        "Anti-Bullying",
        "well-being ambassadors",
        "school council",
        "disadvantaged",
        "SEND",
        "core values",
        "Personal Development",
        "inclusive school culture",
        "Student Leadership Team",
        "Year 11 Prefects",
        "Transition and Induction",
        "Managed Move",
        "Home School Link Worker",
        "Student Voice",
        "every two weeks",
        "DICE",
        "2018",  # the anti-bullying policy review with the school council
        "every six weeks",  # the leadership data dashboard
        "Parents and students",
        "SparkFish",
        "Gatsby",
        "Speech and Language Therapy",
        "SMSC",
        "British Values",
        "Equality Targets 20",  # its five targets, in force (the years move with the demo)
    ],
    "coopers": [
        "77.4%",
        "66",  # Bromley's comparator
        "87",
        "63.6%",
        "63",
        "Learning Charter",
        "Holocaust Beacon",
        "words of the week",
        "Paired Tutor Groups",
        "Marjorie McClure",
        "residents",
        "world challenge",
        "learning gateway",
        "Community Year Leader",
        "British values",
        "looked-after",
        "Key Stage 2",
        "Year 7 community projects",
        "reward and sanction",
        "homophobic, sexist and racist language",
        "employment policies and practice",
        "The governing body",
        "Assessing and reviewing policies",
    ],
}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def test_every_seed_fact_is_on_the_public_page_and_in_the_pdf(db, settings, client):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    missing = {}
    seed_publications = Publication.objects.filter(school__slug__in=SEED_FACTS)
    for publication in seed_publications.select_related("school"):
        slug = publication.school.slug
        page = squash(client.get(f"/equality/{slug}/{publication.year}/").content.decode())
        pages = PdfReader(io.BytesIO(bytes(publication.pdf))).pages
        pdf = squash(" ".join(p.extract_text() for p in pages))
        for where, text in [("page", page), ("pdf", pdf)]:
            gaps = [fact for fact in SEED_FACTS[slug] if squash(fact) not in text]
            if gaps:
                missing[f"{slug} {where}"] = gaps
    assert seed_publications.count() == 4  # this year's and last year's, at each seed school
    # The invented Welsh school (no seed document): its plan and the annual report on it.
    assert Publication.objects.exclude(school__slug__in=SEED_FACTS).count() == 2
    assert missing == {}
