"""The eight things parent carers most often come for, done on a 390px phone
in both demos: each starts on the home page and is answered within three taps.

Only visible links and buttons are tapped, and every tap is counted: opening a
menu would count, and so does pressing a form's button (typing into a box is
not a tap). Each task ends by checking what the visitor would see: the
sentence, the heading, the file. docs/parent-tasks.md lists the paths.

Run one task with -k, e.g. `-k "2023 and search"`.
"""

import csv
import io
import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect

from sendprogress.engagement.models import Feedback
from sendprogress.updates.models import Subscriber
from tests.reports.pdfs import read

from .conftest import PHONE, assert_accessible

pytestmark = pytest.mark.browser

MOST_TAPS = 3


@dataclass(frozen=True)
class Demo:
    """What a parent carer looks for in one demo, in the words its pages use."""

    fixture: str
    # Task 1: the 20-week measure, reached through the area it belongs to.
    timeliness_area: str
    # Part of its name that its links and heading share, however they spell
    # out "EHC".
    timeliness_measure: str
    timeliness_code: str
    # The measure page's "Which way it is going" sentence. The 2023 demo's
    # dates move with today, so only its shape is fixed there.
    timeliness_direction: re.Pattern
    # Task 2: the area about how the partnership talks and listens to families.
    communication_area: str
    communication_path: str
    communication_found: str
    communication_action: str
    # Task 5: the one area chosen, as the sign-up form names it.
    email_area: str
    # Task 6: words the demo's search finds today, and a result they find.
    search_words: str
    search_result: str
    # Where the result lands, when it is not a page headed by its title.
    search_lands_on: str = ""


DEMOS = {
    "2016": Demo(
        fixture="live_demo",
        timeliness_area="Making sure children's and young people's needs are identified",
        timeliness_measure="plans issued within 20 weeks",
        timeliness_code="ehcp-20-weeks",
        timeliness_direction=re.compile(
            re.escape("Up from 15% in February 2023 to 56.7% in January 2024 (better)")
        ),
        # The 2016 demo has no area named for communication: the quality of
        # new plans is where inspectors found families' views missing, and
        # where the letters to families were rewritten with them.
        communication_area="The quality of new education, health and care plans (EHCPs)",
        communication_path="/findings/ehcp-quality/",
        communication_found="left out what children and families said",
        communication_action="A way to check plans, written with families",
        email_area="Quality of new EHC plans",
        # The tribunal is in this demo's words we use, not its plans: the
        # result is the glossary's entry for it.
        search_words="tribunal",
        search_result="SEND tribunal",
        search_lands_on="#send-tribunal",
    ),
    "2023": Demo(
        fixture="live_demo_2023",
        timeliness_area="Leaders must make sure that children's needs are assessed",
        timeliness_measure="plans finished within 20 weeks",
        timeliness_code="new-plans-in-20-weeks",
        timeliness_direction=re.compile(
            r"Up from \d+(\.\d+)?% in [A-Z][a-z]+ \d{4} to \d+(\.\d+)?% in [A-Z][a-z]+ \d{4} "
            r"\(better\)"
        ),
        communication_area="Work with parent carers and young people as equal partners",
        communication_path="/findings/working-with-families/",
        communication_found="Families did not always hear back",
        communication_action="Publish 'You said, we did' each term",
        email_area="Working with families",
        search_words="autism assessment",
        search_result="Typical wait for an autism or ADHD assessment",
    ),
}


class Visit:
    """One visit from the home page, on a phone, counting taps."""

    def __init__(self, page: Page, base: str):
        self.page = page
        self.base = base
        self.taps = 0
        page.goto(base + "/")

    def tap(self, target: Locator) -> None:
        expect(target).to_be_visible()
        # A link that opens a page (not a download) is followed before the
        # next step looks for anything, so nothing is found on the old page.
        opens = target.evaluate(
            "el => el.tagName === 'A' && !el.hasAttribute('download') ? el.href : null"
        )
        target.tap()
        self.taps += 1
        if opens:
            self.page.wait_for_url(opens)

    def tap_link(self, name: str, *, within: str = "main") -> None:
        self.tap(self.page.locator(within).get_by_role("link", name=name).first)

    def search(self, words: str) -> None:
        """Type into the search box at the top of every page, then tap its button."""
        header = self.page.get_by_role("search", name="Site")
        header.get_by_role("searchbox").fill(words)
        self.tap(header.get_by_role("button", name="Search"))

    def done(self) -> None:
        assert self.taps <= MOST_TAPS, f"{self.taps} taps from the home page"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(params=DEMOS.keys())
def demo_site(request, transactional_db, live_server) -> tuple[Demo, str]:
    """Each demo, loaded and served; gives what to look for and the address.
    (The live server is asked for here, not only through the demo's fixture,
    so that pytest-django sets up its database first.)"""
    found = DEMOS[request.param]
    request.getfixturevalue(found.fixture)
    return found, live_server.url


@pytest.fixture(autouse=True)
def _no_wait_before_feedback(settings):
    settings.FEEDBACK_MIN_SECONDS = 0


def main_text(page: Page) -> str:
    return page.locator("main").inner_text()


def test_is_the_council_getting_better_at_plans_on_time(phone, demo_site):
    found, base = demo_site
    visit = Visit(phone, base)
    visit.tap_link(found.timeliness_area)
    visit.tap_link(found.timeliness_measure)
    expect(phone.locator("h1")).to_contain_text(found.timeliness_measure)
    direction = phone.locator("p", has_text="Which way it is going:")
    expect(direction).to_be_visible()
    assert found.timeliness_direction.search(direction.inner_text())
    visit.done()


def test_what_inspectors_found_about_communication_and_what_is_being_done(phone, demo_site):
    found, base = demo_site
    visit = Visit(phone, base)
    visit.tap_link(found.communication_area)
    expect(phone.locator("h1")).to_contain_text(found.communication_area)
    expect(phone.get_by_text(found.communication_found).first).to_be_visible()
    # On a phone the actions are far down a long page: one tap takes them there.
    visit.tap_link("See what we are doing")
    actions = phone.get_by_role("heading", name="What we are doing")
    expect(actions).to_be_in_viewport()
    expect(phone.get_by_text(found.communication_action)).to_be_visible()
    visit.done()
    phone.set_viewport_size({"width": 1024, "height": 768})
    assert_accessible(phone)


def test_what_has_changed_since_last_time(phone, demo_site):
    _, base = demo_site
    visit = Visit(phone, base)
    visit.tap_link("See what has changed")
    expect(phone.locator("h1")).to_have_text("What has changed")
    expect(phone.get_by_text("Since our last progress report, on")).to_be_visible()
    visit.done()


def test_tell_the_council_a_page_was_not_useful(phone, demo_site):
    found, base = demo_site
    visit = Visit(phone, base)
    visit.tap_link(found.communication_area)
    expect(phone.locator("h1")).to_contain_text(found.communication_area)
    feedback = phone.locator("#page-feedback")
    visit.tap(feedback.get_by_role("radio", name="No"))
    feedback.get_by_label("What was missing or wrong? (optional)").fill("Who do I call?")
    visit.tap(feedback.get_by_role("button", name="Send feedback"))
    expect(feedback.get_by_role("status")).to_contain_text("Thank you for your feedback.")
    visit.done()
    sent = Feedback.objects.get()
    assert (sent.page, sent.useful, sent.comment) == (
        found.communication_path,
        False,
        "Who do I call?",
    )


def test_get_email_about_one_area(phone, demo_site):
    found, base = demo_site
    visit = Visit(phone, base)
    visit.tap_link("Get email updates")
    phone.get_by_label("Email address").fill("parent@example.com")
    visit.tap(phone.get_by_role("checkbox", name=found.email_area))
    visit.tap(phone.locator("main").get_by_role("button", name="Sign up"))
    expect(phone.locator("h1")).to_have_text("Check your email")
    expect(phone.get_by_text("You asked for updates about this area only:")).to_be_visible()
    expect(phone.locator("main li", has_text=found.email_area)).to_be_visible()
    visit.done()
    subscriber = Subscriber.objects.get(email="parent@example.com")
    assert not subscriber.all_findings
    assert [finding.short_title for finding in subscriber.findings.all()] == [found.email_area]


def test_search_the_site(phone, demo_site):
    found, base = demo_site
    visit = Visit(phone, base)
    visit.search(found.search_words)
    expect(phone.locator("#search-count")).to_contain_text(f"for “{found.search_words}”")
    visit.tap_link(found.search_result)
    # A measure's result opens its page; a word's, its entry among the words we use.
    if found.search_lands_on:
        expect(phone.locator(found.search_lands_on)).to_contain_text(found.search_result)
        expect(phone.locator(found.search_lands_on)).to_be_in_viewport()
    else:
        expect(phone.get_by_role("heading", name=found.search_result)).to_be_in_viewport()
    visit.done()


def test_download_one_measures_figures(phone, demo_site):
    found, base = demo_site
    visit = Visit(phone, base)
    visit.tap_link("See all measures")
    visit.tap_link(found.timeliness_measure)
    with phone.expect_download() as download:
        visit.tap_link("Approved figures for this measure (CSV)")
    visit.done()
    file = download.value
    assert file.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(file.path().read_text(encoding="utf-8-sig"))))
    assert rows, "the CSV file has no figures"
    assert {row["measure_code"] for row in rows} == {found.timeliness_code}
    response = phone.request.get(file.url)
    assert response.headers["content-type"].startswith("text/csv")


def test_read_the_latest_progress_report_as_a_pdf(phone, demo_site):
    _, base = demo_site
    visit = Visit(phone, base)
    visit.tap_link("Progress reports")
    # The newest report is listed first.
    visit.tap_link("Progress report, ")
    expect(phone.locator("h1")).to_contain_text("Progress report, ")
    title = phone.locator("h1").inner_text()
    with phone.expect_download() as download:
        visit.tap_link("Download this report (PDF)")
    visit.done()
    file = download.value
    assert file.suggested_filename.endswith(".pdf")
    # The report the visitor chose, opened from its file.
    assert title in read(file.path().read_bytes()).pages[0].extract_text()
    response = phone.request.get(file.url)
    assert response.headers["content-type"] == "application/pdf"
