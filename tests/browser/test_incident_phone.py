"""Recording an incident on a phone between lessons: one screen of tap-chips, counted taps."""

import pytest

from equality_portal import dates
from incidents.models import Incident
from tests.browser.conftest import Visitor

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PHONE_390 = {"width": 390, "height": 844}
MOST_TAPS = 12
SMALLEST_TARGET = 44  # px, WCAG 2.5.5
ADD_A_PERSON = "details.person-spare:not([open]) > summary:visible"


@pytest.fixture
def phone_390(browser, live_server):
    context = browser.new_context(viewport=PHONE_390, is_mobile=True, has_touch=True)
    yield Visitor(context.new_page(), live_server.url)
    context.close()


def _small_targets(page) -> list[str]:
    """Checkboxes and radio buttons on show whose tap target (the chip) is under 44 px, or
    whose chip does not answer a tap at its corners."""
    return page.evaluate(
        """least => {
        const small = [];
        for (const input of document.querySelectorAll(
            "form.incident-form input[type=checkbox], form.incident-form input[type=radio]")) {
          const chip = input.closest(".form-check");
          const box = chip.getBoundingClientRect();
          if (!input.checkVisibility() || box.width === 0) continue;  // behind a disclosure
          if (box.width < least || box.height < least) { small.push(input.id); continue; }
          input.scrollIntoView({block: "center", behavior: "instant"});
          const r = chip.getBoundingClientRect();
          const middle = r.top + r.height / 2;
          for (const x of [r.left + 3, r.right - 3]) {
            const hit = document.elementFromPoint(x, middle);
            if (!hit || !(hit === input || chip.contains(hit))) small.push(`${input.id} (edge)`);
          }
        }
        return small;
      }""",
        SMALLEST_TARGET,
    )


def test_record_common_incident_on_phone(phone_390, school, staff_member):
    """A verbal incident with a target and a perpetrator: at most 12 taps or selections and
    one free-text field, on a 390 px screen."""
    visitor = phone_390
    page = visitor.page
    visitor.sign_in(staff_member.user.username)
    visitor.goto(f"/schools/{school.slug}/incidents/record/")
    today = dates.today()
    visitor.assert_accessible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_390["width"]
    assert _small_targets(page) == []
    # The date and time start at now; the first person is a pupil target, ready.
    assert page.get_by_label("Date").input_value() in {today.isoformat(), dates.today().isoformat()}
    assert page.get_by_label("Time").input_value()
    first = page.locator("fieldset.incident-person").first
    assert first.get_by_label("Target", exact=True).is_checked()
    assert first.get_by_label("Pupil", exact=True).is_checked()
    # What is not needed every time waits behind a disclosure.
    assert not page.get_by_label("Derogatory language used").is_visible()
    assert not first.get_by_label("Ethnicity code (optional)").is_visible()

    taps = 0
    free_text = 0

    def tap(locator):
        nonlocal taps
        locator.tap()
        taps += 1

    def choose(locator, label):
        nonlocal taps
        locator.select_option(label=label)
        taps += 1

    tap(page.get_by_label("Verbal", exact=True))
    tap(page.get_by_label("Race (racist)"))
    tap(page.get_by_label("Playground or field"))
    tap(page.get_by_label("A member of staff", exact=True))
    choose(first.get_by_label("Year group (pupils)"), "Year 8")
    page.evaluate("window.stayedOnThePage = true")
    tap(page.locator(ADD_A_PERSON).first)
    second = page.locator("details.person-spare[open]").first
    assert page.evaluate("window.stayedOnThePage") is True  # no reload
    tap(second.get_by_label("Perpetrator", exact=True))
    tap(second.get_by_label("Pupil", exact=True))
    choose(second.get_by_label("Year group (pupils)"), "Year 9")
    page.get_by_label("What happened").fill("Racist name-calling at break, by the field.")
    free_text += 1
    assert _small_targets(page) == []
    with page.expect_navigation():
        tap(page.get_by_role("button", name="Record incident"))

    assert taps <= MOST_TAPS, taps
    assert free_text == 1
    incident = Incident.objects.get(school=school)
    assert page.get_by_text(f"Incident {incident.reference} was recorded.").is_visible()
    assert incident.behaviours == ["verbal"]
    assert incident.motivations == ["race"]
    assert incident.location == "playground"
    assert incident.occurred_on in {today, dates.today()}
    people = sorted(incident.people.values_list("role", "kind", "year_group"))
    assert people == [("perpetrator", "pupil", "Y9"), ("target", "pupil", "Y8")]
    visitor.assert_accessible()


def test_with_javascript_people_are_added_beyond_the_blank_ones(visitor, school, staff_member):
    """The page holds two blank people; opening the last one adds another, without a reload."""
    page = visitor.page
    visitor.sign_in(staff_member.user.username)
    visitor.goto(f"/schools/{school.slug}/incidents/record/")
    page.evaluate("window.stayedOnThePage = true")
    for _ in range(4):
        page.locator(ADD_A_PERSON).first.click()
        person = page.locator("details.person-spare[open]").last
        person.get_by_label("Witness", exact=True).check()
        person.get_by_label("Staff", exact=True).check()
    assert page.evaluate("window.stayedOnThePage") is True
    assert page.locator("input[name=people-TOTAL_FORMS]").input_value() == "6"
    visitor.assert_accessible()
    page.get_by_label("Verbal", exact=True).check()
    page.get_by_label("Sex (sexist)").check()
    page.get_by_label("Classroom", exact=True).check()
    page.get_by_label("The target", exact=True).check()
    page.get_by_label("What happened").fill("Sexist comments in the lesson.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record incident").click()
    incident = Incident.objects.get(school=school)
    roles = sorted(incident.people.values_list("role", flat=True))
    assert roles == ["target"] + ["witness"] * 4
