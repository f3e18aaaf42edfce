"""Browser tests: Playwright's sync API driving Debian's Chromium against live_server."""

import os
from pathlib import Path

import pytest

from tests.factories import make_user

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
BUNDLE = ROOT / "web" / "static" / "web" / "dist" / "modeler.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "demo"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's Chromium is missing at /usr/bin/chromium "
            "(apt-get install -y chromium); browser tests skipped"
        )
    if not BUNDLE.exists():
        pytest.skip("The web assets are not built (make install, or npm ci && npm run build)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    # Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests
    # make between browser steps are still plain synchronous code.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


class Session:
    """One person's browser: logs in, takes screenshots, collects console errors."""

    def __init__(self, browser, base_url: str, name: str):
        self.name = name
        self.context = browser.new_context(
            base_url=base_url, viewport={"width": 1366, "height": 900}
        )
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.checked = False
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def login(self, username: str) -> None:
        page = self.page
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)

    def open_page(self, label: str) -> None:
        """Click a page's entry in the top bar, opening the Records menu when it folds it."""
        link = self.page.locator("nav.nav a", has_text=label).first
        if not link.is_visible():
            self.page.click("nav.nav details.nav-menu > summary")
        link.click()

    def open_task(self, task_pk: int) -> None:
        """Open a task page to work on it: "Claim and start" first when nobody holds it."""
        self.page.goto(f"/tasks/{task_pk}/")
        self.claim_and_start()

    def claim_and_start(self) -> None:
        """On a task page read before it is claimed, take it: its form opens to fill in."""
        button = self.page.locator("#task-values ~ form button[data-claim]")
        if button.count():
            button.click()
            self.page.wait_for_selector("#task-form")

    def screenshot(self, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.name}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def assert_no_console_errors(self) -> None:
        self.checked = True
        assert self.console_errors == [], "browser console errors:\n" + "\n".join(
            self.console_errors
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser, live_server, request):
    """A logged-out browser for one test; fails the test on any browser console error."""
    opened: list[Session] = []

    def open_session(name: str = "") -> Session:
        made = Session(browser, live_server.url, name or request.node.name)
        opened.append(made)
        return made

    yield open_session
    try:
        for made in opened:
            if not made.checked:  # a test that stopped early still reports console errors
                made.assert_no_console_errors()
    finally:
        for made in opened:
            made.close()


@pytest.fixture
def people(transactional_db):
    """The demo people, password "demo"."""
    return {
        "alice": make_user("alice", "sales", password=PASSWORD, first_name="Alice"),
        "erin": make_user("erin", "managers", password=PASSWORD, first_name="Erin"),
        "olga": make_user("olga", "process-owners", password=PASSWORD, first_name="Olga"),
    }
