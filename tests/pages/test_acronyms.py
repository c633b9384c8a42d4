from django.utils.safestring import mark_safe

from sendprogress.pages.acronyms import Acronyms, in_running_text

TERMS = {
    "SEND": "Special educational needs and disabilities",
    "EHCP": "Education, health and care plan",
    "EHC": "Education, health and care",
    "EHC needs assessment": "Education, health and care needs assessment",
    "CQC": "Care Quality Commission",
}


def test_first_use_is_spelt_out_and_later_uses_are_not():
    page = Acronyms(TERMS)
    assert page.expand("Support for SEND") == (
        "Support for special educational needs and disabilities (SEND)"
    )
    assert page.expand("More about SEND") == "More about SEND"


def test_plurals_are_spelt_out_in_the_plural():
    assert Acronyms(TERMS).expand("New EHCPs") == "New education, health and care plans (EHCPs)"


def test_a_short_form_at_the_start_of_a_sentence_gets_a_capital():
    assert Acronyms(TERMS).expand("EHC plans issued") == (
        "Education, health and care (EHC) plans issued"
    )


def test_the_longest_short_form_wins():
    assert Acronyms(TERMS).expand("An EHC needs assessment") == (
        "An education, health and care needs assessment (EHC needs assessment)"
    )


def test_names_keep_their_capitals():
    assert Acronyms(TERMS).expand("Checked by the CQC") == (
        "Checked by the Care Quality Commission (CQC)"
    )
    assert in_running_text("Care Quality Commission") == "Care Quality Commission"


def test_text_that_already_spells_it_out_is_left_alone_and_counts():
    page = Acronyms(TERMS)
    text = "Education, health and care plans (EHCPs) matter"
    assert page.expand(text) == text
    assert page.expand("EHCP") == "EHCP"


def test_template_text_can_say_it_has_explained_a_short_form():
    page = Acronyms(TERMS)
    page.mark_explained("SEND")
    assert page.expand("SEND") == "SEND"


def test_words_containing_a_short_form_are_not_touched():
    assert Acronyms(TERMS).expand("SENDIASS and co-SEND") == "SENDIASS and co-SEND"


def test_text_is_escaped():
    assert Acronyms(TERMS).expand("<b>SEND</b>").startswith("&lt;b&gt;special")


def test_no_terms_means_no_change():
    assert Acronyms({}).expand("SEND") == "SEND"


def test_a_short_form_in_brackets_with_other_words_is_still_spelt_out():
    assert Acronyms(TERMS).expand("Letter (CQC website)") == (
        "Letter (Care Quality Commission (CQC) website)"
    )


def test_text_is_escaped_unless_already_safe():
    # Written out by hand, not with Django's escape, so the expected HTML is
    # what a reader's browser gets, whatever `expand` calls inside.
    page = Acronyms(TERMS)
    assert page.expand("<script>alert(\"SEND\")</script> & 'x'") == (
        "&lt;script&gt;alert(&quot;special educational needs and disabilities (SEND)&quot;)"
        "&lt;/script&gt; &amp; &#x27;x&#x27;"
    )
    assert page.expand(mark_safe("Your <strong>EHCP</strong>")) == (
        "Your <strong>education, health and care plan (EHCP)</strong>"
    )
    assert page.expand(5) == "5"


def test_a_glossary_term_with_markup_in_it_is_escaped():
    page = Acronyms({"SEND": "Special <b>educational</b> needs"})
    assert page.expand("SEND") == "Special &lt;b&gt;educational&lt;/b&gt; needs (SEND)"


WORDS = {"Stocktake": "/glossary/#stocktake", "Priority action": "/glossary/#priority-action"}


def test_the_first_use_of_a_glossary_word_links_to_its_entry_and_later_uses_do_not():
    page = Acronyms(TERMS, words=WORDS)
    assert page.explain("The next stocktake is in May.") == (
        'The next <a class="govuk-link" href="/glossary/#stocktake">stocktake</a> is in May.'
    )
    assert page.explain("After the Stocktake") == "After the Stocktake"


def test_a_glossary_word_is_found_in_the_plural_and_in_any_case():
    page = Acronyms(TERMS, words=WORDS)
    assert page.explain("Three Priority actions") == (
        'Three <a class="govuk-link" href="/glossary/#priority-action">Priority actions</a>'
    )


def test_explain_spells_out_short_forms_too_and_escapes_the_text():
    page = Acronyms(TERMS, words=WORDS)
    assert page.explain("SEND <b>stocktake</b>") == (
        "Special educational needs and disabilities (SEND) &lt;b&gt;"
        '<a class="govuk-link" href="/glossary/#stocktake">stocktake</a>&lt;/b&gt;'
    )


def test_words_that_only_contain_a_glossary_word_are_not_linked():
    page = Acronyms(TERMS, words=WORDS)
    assert page.explain("stocktakes-to-come and restocktake") == (
        "stocktakes-to-come and restocktake"
    )
