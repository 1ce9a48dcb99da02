"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Chromium comes from the Debian package (never `playwright install`). Without it these tests
skip, and in CI (CI=true) a skip is a failure. Every page visited is checked with axe-core for
WCAG 2.2 A and AA, and any Content-Security-Policy violation fails the test.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.factories import TEST_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PHONE = {"width": 375, "height": 740}

# Playwright's sync API runs an event loop in this thread; the tests still use the ORM
# directly to arrange data and check results, which is safe here (one thread, no awaits).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Visitor:
    """A browser tab with the checks every page must pass."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.csp_violations = []
        page.on(
            "console",
            lambda message: (
                self.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        return response

    def sign_in(self, username: str, password: str = TEST_PASSWORD):
        self.goto("/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Sign in").click()

    def axe_violations(self) -> list[dict]:
        if not AXE_SOURCE.exists():
            pytest.skip("axe-core is not installed (npm ci)")
        self.page.evaluate(AXE_SOURCE.read_text())
        # Only the violations: working out the passes too would double the time per page.
        result = self.page.evaluate(
            "tags => axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        return [
            {
                "id": violation["id"],
                "help": violation["help"],
                "nodes": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
        ]

    def assert_accessible(self):
        violations = self.axe_violations()
        assert violations == [], json.dumps(violations, indent=2)
        assert self.csp_violations == [], self.csp_violations


@pytest.fixture
def visitor(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Visitor(context.new_page(), live_server.url)
    context.close()


@pytest.fixture
def phone_visitor(browser, live_server):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield Visitor(context.new_page(), live_server.url)
    context.close()
