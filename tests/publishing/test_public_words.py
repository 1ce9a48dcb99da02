"""Only the school's words go public: no sentence of the portal's advice in the public page,
PDF or JSON of the demo's statements, and empty sections are hidden, not explained."""

import io

from django.core.management import call_command

from equality_portal.publishing.models import Publication
from tests.publishing.public_text import portal_wording_in, public_texts


def test_no_public_page_of_the_demo_says_what_the_school_did_not(db, settings, client):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    found = {}
    publications = list(Publication.objects.select_related("school"))
    assert publications
    languages = {"en": False, "cy": True}
    assert any(publication.school.publishes_in_welsh for publication in publications)
    for publication in publications:
        for language, welsh in languages.items():
            if welsh and not publication.school.publishes_in_welsh:
                continue
            # The portal's advice is never translated: in a Welsh page it would be in English.
            texts = public_texts(client, publication.school.slug, publication.year, welsh=welsh)
            for where, phrases in portal_wording_in(texts).items():
                found[f"{publication.school.slug} {publication.year} {language} {where}"] = phrases
    assert found == {}


def test_an_empty_statement_section_is_hidden_not_explained(draft, publish, client, school):
    """No actions, analyses, engagement or incidents: their sections are left out."""
    from duties.models import Action, EqualityAnalysis
    from engagement.models import EngagementRecord

    Action.objects.filter(school=school).delete()
    EqualityAnalysis.objects.filter(school=school).delete()
    EngagementRecord.objects.filter(school=school).delete()
    publication = publish(draft)
    texts = public_texts(client, school.slug, publication.year)
    assert portal_wording_in(texts) == {}
    for section in ('id="general-duty"', 'id="engagement"', 'id="incidents"'):
        assert section not in texts["page"]


def test_notes_on_figures_are_private_unless_marked_public(draft, publish, client, school):
    profile = school.duty_profiles.get()
    profile.notes = "Figures filed at the census date we assumed."
    profile.save()
    publication = publish(draft)
    texts = public_texts(client, school.slug, publication.year)
    assert all("we assumed" not in text for text in texts.values())
    profile.notes_public = True
    profile.save()
    correction = publish(draft, correction_note="Notes on the figures")
    page = client.get(f"/equality/{school.slug}/{correction.year}/").content.decode()
    assert "Figures filed at the census date we assumed." in page
