import re

import pytest

from sendprogress.updates.markdown import image_problems, render_markdown, sanitise_html

from .hostile import CORPUS, HOSTILE

# Anything that could run or restyle the page once in the browser.
EXECUTABLE = [
    re.compile(
        r"<\s*(script|style|iframe|object|embed|svg|math|form|input|link|meta|base|"
        r"template|noscript|video|source|details|body)\b",
        re.I,
    ),
    re.compile(r"\s on[a-z]+\s*=", re.I | re.X),
    re.compile(r"""(href|src|action|data)\s*=\s*["']?\s*(javascript|vbscript|data):""", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"expression\s*\(", re.I),
]


def _tags_and_attributes(html: str) -> str:
    """Only the markup, without text: escaped text such as &lt;script&gt; is
    harmless words on the page, not a tag."""
    return " ".join(re.findall(r"<[^>]*>", html))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_nothing_executable_survives_rendering(hostile):
    markup = _tags_and_attributes(render_markdown(hostile))
    for pattern in EXECUTABLE:
        assert not pattern.search(markup), (hostile, markup)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_nothing_executable_survives_the_sanitiser_on_raw_html(hostile):
    # The second layer alone, as if Markdown had let the HTML through.
    markup = _tags_and_attributes(sanitise_html(hostile))
    for pattern in EXECUTABLE:
        assert not pattern.search(markup), (hostile, markup)


def test_the_whole_corpus_at_once_renders_safely():
    markup = _tags_and_attributes(render_markdown(CORPUS))
    for pattern in EXECUTABLE:
        assert not pattern.search(markup)


def test_it_renders_what_an_update_needs():
    html = render_markdown(
        "# Plans on time\n\nWe **did** it, *mostly*.\n\n- one\n- two\n\n1. first\n\n"
        "[Read the letter](https://example.org/letter) or [email us](mailto:send@example.org)\n\n"
        "| Month | Plans |\n|---|---|\n| May | 40 |\n\n![A chart of plans](/updates/images/7/)"
    )
    assert '<h2 class="govuk-heading-m">Plans on time</h2>' in html
    assert "<strong>did</strong>" in html
    assert "<em>mostly</em>" in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert 'href="https://example.org/letter"' in html
    assert 'href="mailto:send@example.org"' in html
    assert 'rel="noopener noreferrer"' in html
    assert '<table class="govuk-table">' in html
    assert 'alt="A chart of plans"' in html
    assert 'src="/updates/images/7/"' in html


def test_a_heading_never_becomes_a_second_h1():
    assert "<h1" not in render_markdown("# Title\n\n## Sub")


def test_an_image_without_alt_text_is_a_problem():
    problems = image_problems("Some text ![](/updates/images/7/) more")
    assert len(problems) == 1
    assert "needs alt text" in problems[0].message


def test_an_image_from_another_site_is_a_problem():
    problems = image_problems("![A chart](https://tracker.example/pixel.png)")
    assert "not one uploaded for updates" in problems[0].message


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.png",
        "//tracker.example/pixel.png",
        "/media/update-images/abc.png",  # the file itself, not the checked address
        "/static/logo.svg",
        "/updates/images/7/?track=1",
        "/updates/images/7/../../admin/",
        "/updates/images/0/",
        "/updates/images/7",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_only_pictures_uploaded_for_updates_are_shown(src):
    html = render_markdown(f"Before ![A chart of plans]({src}) after")
    assert "<img" not in html
    assert "A chart of plans" in html  # the reader still gets the words
    assert image_problems(f"![A chart of plans]({src})") != []


def test_an_uploaded_picture_keeps_its_alt_text():
    html = render_markdown("![Plans finished on time, by month](/updates/images/12/)")
    assert '<img src="/updates/images/12/" alt="Plans finished on time, by month"' in html


def test_a_picture_never_loses_its_alt_attribute():
    # The editor refuses to save this; an update saved some other way still says something.
    assert 'alt="An uploaded picture' in render_markdown("![](/updates/images/12/)")


def test_images_with_alt_text_on_this_site_are_fine():
    assert image_problems("![A chart](/updates/images/7/)") == []
