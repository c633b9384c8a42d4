"""The reading grade, checked against counts worked out by hand.

Flesch-Kincaid grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
"""

import pytest

from sendprogress.pages.readability import counts, grade, median_grade, running_text, syllables


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cat", 1),  # three letters or fewer: one
        ("CQC", 1),
        ("make", 1),  # silent e dropped: "mak", one vowel run
        ("table", 2),  # "le" after a consonant kept: a, e
        ("needed", 2),  # "ed" after d kept: ee, e
        ("planned", 1),  # "ed" dropped: "plann", a
        ("makes", 1),  # "es" dropped: "mak", a
        ("places", 2),  # "es" after c kept: a, e
        ("year", 1),  # leading y is a consonant: "ear", ea
        ("co-production", 4),  # "coproduction": o, o, u, io
        ("EHCP", 1),  # "ehcp": e
    ],
)
def test_syllables_follow_the_written_rule(word, expected):
    assert syllables(word) == expected


def test_one_short_sentence_of_one_syllable_words():
    # 6 words, 1 sentence, 6 syllables:
    # 0.39 * 6 + 11.8 * 1 - 15.59 = 2.34 + 11.8 - 15.59 = -1.45
    assert grade("The cat sat on the mat.") == pytest.approx(-1.45)


def test_two_sentences():
    # "We checked every plan." 4 words: we 1, checked 1 ("check"), every 3 (e, e, y), plan 1
    # "Most needed work." 3 words: most 1, needed 2, work 1
    # 7 words, 2 sentences, 10 syllables:
    # 0.39 * 3.5 + 11.8 * 10 / 7 - 15.59 = 1.365 + 16.857142857 - 15.59 = 2.632142857
    assert counts("We checked every plan. Most needed work.").sentences == 2
    assert grade("We checked every plan. Most needed work.") == pytest.approx(2.632142857)


def test_figures_are_not_words():
    # Words: in 1, plans 1, were 1 ("wer"), finished 2 ("finish"): 4 words, 5 syllables.
    # 0.39 * 4 + 11.8 * 5 / 4 - 15.59 = 1.56 + 14.75 - 15.59 = 0.72
    assert grade("In 2021, 474 plans were finished.") == pytest.approx(0.72)


def test_text_with_no_words_has_no_grade():
    assert grade("1,797 (58%)") is None


def test_median_of_an_even_number_of_pages_is_the_middle_two_averaged():
    assert median_grade([6.0, 2.0, None, 4.0, 3.0]) == 3.5


def test_only_the_running_text_of_main_is_read():
    html = """
    <header><p>Skip this header text here</p></header>
    <main>
      <nav><ul><li>Home page link here</li></ul></nav>
      <h1>A heading of many words</h1>
      <p>We checked every plan. <strong class="govuk-tag">Sufficient progress made</strong></p>
      <ul><li>Most needed more work.</li><li>Report</li></ul>
      <p hidden>Hidden text is not read</p>
      <table><caption>Plans finished on time</caption><tr><th>Year of the plan</th>
      <td>2021</td><td>10.8%</td></tr></table>
      <div><dl><dt>Term</dt><dd>What it <em>means</em> here.</dd></dl></div>
      <p>Line one<br>and line two.</p>
    </main>
    <footer><p>Skip this footer text too</p></footer>
    """
    assert running_text(html) == [
        "We checked every plan.",
        "Most needed more work.",
        "Plans finished on time",
        "What it means here.",
        "Line one and line two.",
    ]
