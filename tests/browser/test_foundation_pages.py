"""Sign-in, the school overview and member management in a real browser, checked with axe."""

import pytest

from equality_portal.schools.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_signed_out_pages_are_accessible(visitor):
    for path in ["/accounts/login/", "/accessibility/", "/accounts/password_reset/"]:
        visitor.goto(path)
        visitor.assert_accessible()
    response = visitor.goto("/no-such-page/")
    assert response.status == 404
    visitor.assert_accessible()


def test_a_wrong_password_is_announced_and_accessible(visitor, leader):
    visitor.sign_in(leader.user.username, "not-the-password")
    assert visitor.page.title().startswith("Error: Sign in")
    summary = visitor.page.locator("[data-error-summary]")
    assert summary.is_visible()
    # The summary takes focus, so a screen reader reads the problem first.
    assert visitor.page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    visitor.assert_accessible()


@pytest.mark.parametrize("role", list(Role))
def test_each_role_signs_in_to_an_accessible_overview(visitor, make_member, school, role):
    member = make_member(role)
    visitor.sign_in(member.user.username)
    assert visitor.page.url.endswith(f"/schools/{school.slug}/")
    assert visitor.page.get_by_role("heading", level=1).inner_text() == school.name
    visitor.assert_accessible()


def test_leadership_add_a_member_and_see_errors_beside_fields(visitor, leader, school):
    visitor.sign_in(leader.user.username)
    visitor.page.get_by_role("link", name="Members").click()
    visitor.assert_accessible()
    visitor.page.get_by_role("link", name="Add a member").click()
    visitor.page.get_by_label("Email address").fill("not-an-email")
    visitor.page.get_by_role("button", name="Add member").click()
    assert visitor.page.title().startswith("Error: Add a member")
    visitor.assert_accessible()
    # The summary's link takes the user to the field.
    visitor.page.locator("[data-error-summary] a", has_text="Email address").click()
    assert visitor.page.evaluate("document.activeElement.id") == "id_email"
    visitor.page.get_by_label("Email address").fill("new.teacher@example.org")
    visitor.page.get_by_label("Staff").check()
    visitor.page.get_by_role("button", name="Add member").click()
    assert visitor.page.get_by_text("new.teacher@example.org now has the role Staff.").is_visible()
    visitor.assert_accessible()


def test_the_portal_fits_a_phone_and_its_menu_opens(phone_visitor, staff_member, school):
    phone_visitor.sign_in(staff_member.user.username)
    page = phone_visitor.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    menu = page.get_by_role("button", name="Show or hide the menu")
    menu.click()
    page.get_by_role("link", name="Your schools").wait_for(state="visible")
    phone_visitor.assert_accessible()


def test_the_skip_link_is_the_first_stop_and_moves_to_the_content(visitor, leader):
    visitor.sign_in(leader.user.username)
    visitor.goto(f"/schools/{leader.school.slug}/")  # a fresh page, focus at its start
    visitor.page.keyboard.press("Tab")
    focused = visitor.page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    visitor.page.keyboard.press("Enter")
    assert visitor.page.url.endswith("#main-content")
