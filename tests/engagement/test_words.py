"""What a search looks for, worked out without a database (engagement/words.py)."""

import pytest

from sendprogress.engagement.words import Synonym, corrected, groups, word_start

STARTER = [
    Synonym("ASD", "autism"),
    Synonym("ASD", "autistic spectrum"),
    Synonym("EHCP", "EHC plan"),
    Synonym("late", "on time", both_ways=False),
    Synonym("late", "timeliness", both_ways=False),
]


@pytest.mark.parametrize(
    ("word", "start"),
    [
        ("assessments", "assess"),
        ("communication", "communic"),
        ("communicating", "communic"),
        ("study", "stud"),
        ("on", "on"),
        ("ASD", "asd"),
    ],
)
def test_a_word_is_looked_for_by_the_start_it_shares_with_its_stem(word, start):
    assert word_start(word) == start


def test_each_word_asked_becomes_a_group_with_its_synonyms():
    assert groups("EHCP late", STARTER) == [
        [("EHCP",), ("EHC", "plan")],
        [("late",), ("on", "time"), ("timeliness",)],
    ]


def test_a_phrase_asked_is_matched_whole_and_by_its_endings():
    assert groups("autistic spectrums", STARTER) == [
        [("autistic", "spectrums"), ("ASD",), ("autism",)],
    ]


def test_a_one_way_synonym_is_not_used_backwards():
    assert groups("timeliness", STARTER) == [[("timeliness",)]]


def test_a_word_without_synonyms_stands_alone():
    assert groups("short breaks", STARTER) == [[("short",)], [("breaks",)]]


def test_a_misspelt_word_is_swapped_for_the_closest_the_site_uses():
    assert corrected("autsim support", {"autism", "support"}) == "autism support"


def test_nothing_is_swapped_when_every_word_is_known_or_too_short():
    assert corrected("autism sup", {"autism", "support"}) is None
    assert corrected("assessments", {"assessment"}) is None
