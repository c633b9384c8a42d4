"""Browser tests: Playwright drives the system Chromium; axe-core checks pages.

No browser is downloaded: CI installs Debian's `chromium` and these tests use
it at /usr/bin/chromium (or $CHROMIUM). If it is missing the tests fail with
a message saying so; they are never skipped.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the live server makes happen in its own thread, but Django's check looks at
# the calling thread, so fixtures that touch the database need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
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
    context = browser.new_context(viewport={"width": 1024, "height": 768})
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


def _run_axe(page):
    # After a click the new page may be parsed before its stylesheet applies; axe
    # would then measure unstyled targets (target-size) and report them.
    page.wait_for_load_state("load")
    return _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )


def axe_violations(page) -> list[dict]:
    """axe-core's violations of the WCAG 2.2 AA tags on this page, for a test that
    checks many pages and reports them all at the end."""
    return _run_axe(page).response["violations"]


def assert_accessible(page) -> None:
    """Run axe-core with the WCAG 2.2 AA tags; fail listing every violation."""
    results = _run_axe(page)
    violations = results.response["violations"]
    assert not violations, f"axe-core violations on {page.url}:\n" + results.generate_report()


@pytest.fixture
def live_demo_2023(transactional_db, live_server):
    """A running server with the made-up 2023-framework demo loaded."""
    from sendprogress.demo import demo_2023

    demo_2023.build()
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)
    return live_server
