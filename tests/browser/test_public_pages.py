"""Every public page type in a real browser, on a desktop and on a phone: axe-core,
headings, titles, keyboard, a 320px screen."""

import itertools

import pytest

from .conftest import DESKTOP, PHONE, assert_accessible, narrowest_screen_problems

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "finding": "/findings/ehcp-needs/",
    "area not monitored": "/findings/local-offer/",
    "measure": "/measures/ehcp-20-weeks/",
    "measure with a rate": "/measures/suspensions-sen-support/",
    "all measures": "/measures/",
    "all measures filtered": "/measures/?finding=outcomes&progress=",
    "all measures with a bad filter": "/measures/?finding=nope",
    "journey": "/journey/",
    "documents": "/documents/",
    "what has changed": "/what-has-changed/",
    "what has changed with a bad date": "/what-has-changed/?day=31&month=2&year=2023",
    "what has changed from a date": "/what-has-changed/?day=1&month=1&year=2023",
    "glossary": "/glossary/",
    "accessibility": "/accessibility/",
    "privacy": "/privacy/",
    "cookies": "/cookies/",
    "data dictionary": "/data/",
    "progress reports": "/reports/",
    "progress report": "/reports/2023-10-31/",
    "not found": "/no-such-page/",
    "updates": "/updates/",
    "update": "/updates/getting-plans-finished-on-time/",
    "email updates": "/email-updates/",
    "email updates, check your email": "/email-updates/check-your-email/?findings=ehcp-quality",
    "you said, we did": "/you-said-we-did/",
    "you said, we did for an area": "/you-said-we-did/?finding=ehcp-quality",
    "search results": "/search/?q=plans",
    "search with no results": "/search/?q=zzzzqqq",
    "feedback about a page": "/feedback/?page=/glossary/",
}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_public_page_is_accessible(page, live_demo, path):
    page.goto(live_demo.url + path)
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert page.title().strip()
    assert_accessible(page)


def test_every_page_fits_a_320_pixel_screen_with_targets_big_enough_to_tap(browser, live_demo):
    problems = narrowest_screen_problems(browser, live_demo.url, PAGES.values())
    assert not problems, "At 320px wide:\n" + "\n".join(problems)


def test_every_page_has_its_own_title(page, live_demo):
    titles = []
    for path in PAGES.values():
        page.goto(live_demo.url + path)
        titles.append(page.title())
    # The bad-filter page is the same list, so it may share the plain title.
    assert len(set(titles)) >= len(titles) - 1


def test_keyboard_focus_is_visible(page, live_demo):
    page.goto(live_demo.url + "/")
    link = page.locator("main a").first
    before = link.evaluate("el => getComputedStyle(el).backgroundColor")
    link.focus()
    after = link.evaluate("el => getComputedStyle(el).backgroundColor")
    assert before != after  # GOV.UK focus: yellow background


def _tab_to(page, predicate_js, limit=200):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def test_keyboard_only_walk_from_home_to_a_measures_figures(page, live_demo):
    page.goto(live_demo.url + "/")
    _tab_to(page, "document.activeElement.getAttribute('href') === '/findings/ehcp-needs/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/findings/ehcp-needs/")
    _tab_to(page, "document.activeElement.getAttribute('href') === '/measures/ehcp-20-weeks/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/measures/ehcp-20-weeks/")
    _tab_to(page, "document.activeElement.getAttribute('aria-labelledby') === 'figures-caption'")
    region = page.locator(":focus")
    assert "Every approved figure" in region.inner_text()
    assert region.locator("tbody tr").count() >= 1


def test_all_measures_filter_works_without_javascript(js_disabled_page, live_demo):
    page = js_disabled_page
    page.goto(live_demo.url + "/measures/")
    all_rows = page.locator("#results tbody tr").count()
    page.select_option("#id_finding", "outcomes")
    page.get_by_role("button", name="Show measures").click()
    page.wait_for_url("**/measures/?finding=outcomes*")
    rows = page.locator("#results tbody tr")
    assert 0 < rows.count() < all_rows
    for finding in rows.locator("td:nth-child(2)").all_inner_texts():
        assert finding == "Good outcomes for children and young people"


def test_all_measures_filter_updates_in_place_with_javascript(page, live_demo):
    page.goto(live_demo.url + "/measures/")
    page.evaluate("window.keptOnThisPage = true")
    all_rows = page.locator("#results tbody tr").count()
    page.select_option("#id_progress", "on-track")
    page.wait_for_url("**/measures/?*progress=on-track*")
    page.wait_for_function(f"document.querySelectorAll('#results tbody tr').length < {all_rows}")
    assert page.evaluate("window.keptOnThisPage") is True  # no full page load
    for tag in page.locator("#results tbody td .govuk-tag").all_inner_texts():
        assert tag.strip().lower() == "on track"
    assert page.locator("#results-count").count() == 1
    assert_accessible(page)


def test_measure_page_prints_as_a_clean_report(page, live_demo):
    page.goto(live_demo.url + "/measures/ehcp-20-weeks/")
    page.emulate_media(media="print")
    assert not page.locator(".app-header__navigation").is_visible()
    assert not page.locator(".govuk-skip-link").is_visible()
    assert page.locator(".app-chart > svg").is_visible()
    assert page.locator("#figures").is_visible()
    assert not page.get_by_text("Download the figures").is_visible()


def test_all_measures_prints_without_the_filter_form(page, live_demo):
    page.goto(live_demo.url + "/measures/")
    page.emulate_media(media="print")
    assert not page.locator("form.app-filter").is_visible()
    assert page.locator("#results table").is_visible()


def _many_documents(n=30):
    from datetime import date, timedelta

    from sendprogress.plan.models import Evidence

    for i in range(n):
        Evidence.objects.create(
            title=f"Board report {i:02}",
            date=date(2030, 1, 1) + timedelta(days=i),
            url=f"https://example.org/board-report-{i}",
            is_public=True,
        )


def test_documents_come_a_page_at_a_time_without_javascript(js_disabled_page, live_demo):
    _many_documents()
    page = js_disabled_page
    page.goto(live_demo.url + "/documents/")
    assert page.get_by_role("link", name="Board report 29").count() == 1
    assert page.get_by_role("link", name="Board report 04").count() == 0
    pages = page.get_by_role("navigation", name="Pages of evidence of progress")
    pages.get_by_role("link", name="Next page").click()
    page.wait_for_url("**/documents/?page=2")
    assert "(page 2 of" in page.title()
    assert page.get_by_role("link", name="Board report 04").count() == 1
    assert page.get_by_role("heading", name="Inspection reports and letters").count() == 1


def test_a_later_page_of_documents_is_accessible(page, live_demo):
    _many_documents()
    page.goto(live_demo.url + "/documents/?page=2")
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_a_withdrawn_report_says_why_and_is_accessible(page, live_demo):
    from django.utils import timezone

    from sendprogress.reports.models import ProgressReport

    ProgressReport.objects.filter(as_at="2023-10-31").update(
        status=ProgressReport.Status.WITHDRAWN,
        withdrawal_reason="it counted some plans twice.",
        withdrawn_at=timezone.now(),
        content=None,
        pdf=None,
    )
    response = page.goto(live_demo.url + "/reports/2023-10-31/")
    assert response.status == 410
    assert page.locator("h1").count() == 1
    assert page.get_by_text("because it counted some plans twice.").count() == 1
    assert_accessible(page)


def test_all_measures_shows_every_measures_progress_on_a_phone(page, live_demo):
    page.set_viewport_size(PHONE)
    page.goto(live_demo.url + "/measures/")
    table = page.get_by_role("table", name="Measures and their latest figures")
    # Still a table a screen reader can move around: the columns that step
    # aside on a phone are gone from it too, not left as empty cells.
    headers = table.get_by_role("columnheader").all_inner_texts()
    assert [h.strip() for h in headers] == ["Measure", "Latest", "Target", "Progress"]
    region = page.locator("#results .app-table-wrapper")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")  # no sideways scrolling
    rows = table.locator("tbody tr")
    assert rows.count() >= 9
    for row in rows.all():
        tag = row.get_by_role("cell").last.locator(".govuk-tag")
        assert tag.inner_text().strip().lower() in {"on track", "at risk", "off track"}
        box = tag.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    assert table.get_by_role("columnheader").count() == 6


# Each chart label's size as a person sees it: its font size in the chart's
# own units times the scale the chart is drawn at, and the height of its box.
CHART_LABEL_SIZES = """() => {
  const svg = document.querySelector('.app-chart > svg');
  const chart = svg.getBoundingClientRect();
  const scale = chart.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')]
    .filter(text => getComputedStyle(text).display !== 'none')
    .map(text => {
      const box = text.getBoundingClientRect();
      return {
        label: text.textContent,
        shown: parseFloat(getComputedStyle(text).fontSize) * scale,
        height: box.height, left: box.left, right: box.right,
        inside: box.left >= chart.left && box.right <= chart.right,
      };
    });
}"""


@pytest.mark.parametrize("width", [390, 320, 1024])
def test_chart_labels_are_at_least_12_pixels_as_shown(page, live_demo, width):
    page.set_viewport_size({"width": width, "height": 800})
    # Its last month label is centred on the chart's right-hand edge.
    page.goto(live_demo.url + "/measures/audited-plans-good/")
    labels = page.evaluate(CHART_LABEL_SIZES)
    months = [label for label in labels if label["label"][:3].isalpha()]  # "Jan 2024"
    assert len(months) >= 2
    assert len(labels) - len(months) >= 4  # the values up the side
    for label in labels:
        assert label["shown"] >= 12, label
        assert label["height"] >= 12, label
        assert label["inside"], label  # none cut off at the chart's edge
    # Larger labels must not run into each other along the bottom of the chart.
    months.sort(key=lambda label: label["left"])
    for before, after in itertools.pairwise(months):
        assert before["right"] <= after["left"], (before, after)
