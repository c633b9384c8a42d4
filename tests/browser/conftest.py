"""Browser tests: Playwright drives the system Chromium; axe-core checks pages.

No browser is downloaded: CI installs Debian's `chromium` and these tests use
it at /usr/bin/chromium (or $CHROMIUM). If it is missing the tests fail with
a message saying so; they are never skipped.
"""

import os
import shutil

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the live server makes happen in its own thread, but Django's check looks at
# the calling thread, so fixtures that touch the database need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Every page is checked on a desktop and on a phone: most parent carers read
# the site on a phone, where targets are closest together and tables widest.
DESKTOP = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}
# The narrowest screen WCAG 1.4.10 (reflow) asks a page to fit.
NARROWEST = {"width": 320, "height": 640}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(
            f"Chromium was not found at {path}. Install Debian's package "
            "(apt-get install chromium) or set CHROMIUM to its path."
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def js_disabled_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_demo(transactional_db, live_server):
    """A running server with the demo content loaded."""
    call_command("loaddata", "fixtures/demo.json", "fixtures/glossary.json", verbosity=0)
    return live_server


_axe = Axe()


def sign_in(page, base, username, password):
    """Sign in through the admin's form and land on the staff home."""
    page.goto(base + "/admin/login/?next=/staff/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/staff/")


def _run_axe(page, *, rules=None) -> AxeResults:
    # After a click the new page may be parsed before its stylesheet applies; axe
    # would then measure unstyled targets (target-size) and report them.
    page.wait_for_load_state("load")
    # axe-core is put into the page once, not again for the check at phone width.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    options = {"runOnly": only, "resultTypes": ["violations"]}
    return AxeResults(page.evaluate("options => axe.run(document, options)", options))


def _at_each_width(page):
    """Yield each width the page is checked at: as it is (a desktop), then a
    phone's 390px. The same page is resized, not loaded again, so a page that
    htmx has changed is checked as it now stands; its size is put back after."""
    size = page.viewport_size or DESKTOP
    yield size["width"]
    if size["width"] == PHONE["width"]:
        return
    page.set_viewport_size(PHONE)
    try:
        yield PHONE["width"]
    finally:
        page.set_viewport_size(size)


def axe_violations(page) -> list[dict]:
    """axe-core's violations of the WCAG 2.2 AA tags on this page, at desktop
    and at phone width, for a test that checks many pages and reports them all
    at the end. Each says the width it was found at, as `width`."""
    violations = []
    for width in _at_each_width(page):
        for violation in _run_axe(page).response["violations"]:
            violations.append({**violation, "width": width})
    return violations


def rule_violations(page, rules: list[str]) -> list[dict]:
    """axe-core's violations of only these rules, at the page's present size."""
    return _run_axe(page, rules=rules).response["violations"]


def assert_accessible(page) -> None:
    """Run axe-core with the WCAG 2.2 AA tags at desktop and at phone width;
    fail listing every violation at each width."""
    reports = []
    for width in _at_each_width(page):
        results = _run_axe(page)
        if results.response["violations"]:
            reports.append(f"At {width}px wide:\n" + results.generate_report())
    assert not reports, f"axe-core violations on {page.url}:\n" + "\n".join(reports)


def narrowest_screen_problems(browser, base: str, paths) -> list[str]:
    """Open each page on a 320px screen, in one browser page; say which
    scroll sideways (WCAG 1.4.10 reflow, which axe does not check: a data
    table may scroll inside its own focusable region) or have targets too small
    to tap (2.5.8)."""
    context = browser.new_context(viewport=NARROWEST)
    page = context.new_page()
    problems = []
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROWEST["width"]:
            problems.append(f"{path}: {width}px wide, so it scrolls sideways")
        for violation in rule_violations(page, ["target-size"]):
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            problems.append(f"{path}: {len(violation['nodes'])} targets too small, e.g. {targets}")
    context.close()
    return problems


@pytest.fixture
def live_demo_2023(transactional_db, live_server):
    """A running server with the made-up 2023-framework demo loaded."""
    from sendprogress.demo import demo_2023

    demo_2023.build()
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)
    return live_server
