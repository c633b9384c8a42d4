"""The writing advice beside the update editor: pure functions, no database."""

from sendprogress.staff.plain_english import advise, syllables


def test_short_words_in_short_sentences_read_at_a_young_age():
    advice = advise("We met the families. We made a plan. It is on the site now.")
    assert advice.reading_age <= 9
    assert advice.reads_easily


def test_long_words_in_long_sentences_read_at_an_older_age():
    text = (
        "The multidisciplinary partnership's comprehensive implementation methodology "
        "necessitates considerable organisational transformation, substantial collaborative "
        "infrastructure and continuous evaluation of accountability arrangements across "
        "every participating organisation in the locality, including education, health "
        "and social care commissioning."
    )
    advice = advise(text)
    assert advice.reading_age > 9
    assert not advice.reads_easily
    (long_sentence,) = advice.long_sentences
    assert long_sentence.endswith("necessitates considerable…” (33 words)")


def test_a_short_form_not_spelt_out_nor_in_the_glossary_is_flagged():
    advice = advise("The SENCO spoke to us.", glossary={"EHCP"})
    assert advice.unexplained == ["SENCO"]


def test_a_short_form_spelt_out_or_in_the_glossary_is_not_flagged():
    text = "Each education, health and care plan (EHCP) is checked. The LA agreed."
    assert advise(text, glossary={"LA"}).unexplained == []


def test_markdown_links_and_images_are_read_as_their_words():
    advice = advise("Read [the plan](https://example.org/A-VERY-LONG-URL). ![A chart](x.png)")
    assert advice.unexplained == []


def test_syllables_are_counted_roughly_as_people_say_them():
    assert [syllables(w) for w in ["plan", "families", "make", "table"]] == [1, 3, 1, 2]


def test_no_words_give_no_advice():
    assert advise("").reading_age is None
