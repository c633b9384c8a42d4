"""Contact details are masked before feedback is stored, however they are
written, and references, dates and money are not (security issue 22).

Before: 10 of these 20 ways of writing an email address and 8 of these 26
phone numbers were stored as typed, and some case references were masked.
"""

import pytest

from sendprogress.engagement.masking import EMAIL_MASK, PHONE_MASK, mask_contact_details

EMAILS = [
    "jo.bloggs@example.org",
    "Jo.Bloggs@Example.ORG",
    "JO.BLOGGS@EXAMPLE.COM",
    "jo_bloggs-99@mail.example.co.uk",
    "jo+send@example.org",
    "jo @ example.org",
    "jo@ example.org",
    "jo @example.org",
    "jo at example dot com",
    "Jo AT example DOT com",
    "jo at example dot co dot uk",
    "jo [at] example.co.uk",
    "jo [at] example [dot] com",
    "jo(at)example(dot)com",
    "jo (at) example (dot) org",
    "jo{at}example{dot}com",
    "jo <at> example <dot> org",
    "jo[AT]example[DOT]gov[DOT]uk",
    "first.last at council dot gov dot uk",
    "jo.bloggs@nhs.net",
    "jo@sub.domain.example.org",
    "jo @ example.co.uk",
]

PHONES = [
    "07700 900123",
    "07700 900 123",
    "07700-900-123",
    "07700900123",
    "07700.900.123",
    "+44 7700 900123",
    "+447700900123",
    "+44 (0)7700 900123",
    "+44 (0) 7700 900 123",
    "0044 7700 900123",
    "020 7946 0958",
    "(020) 7946 0958",
    "020-7946-0958",
    "02079460958",
    "020.7946.0958",
    "+44 (0)20 7946 0958",
    "+44 20 7946 0958",
    "+44.20.7946.0958",
    "0117 496 0000",
    "(0117) 496 0000",
    "0117-496-0000",
    "01632 960 001",
    "01632 960001",
    "(01632) 960001",
    "0161 496 0000",
    "0800 123 4567",
]

NOT_CONTACT_DETAILS = [
    "EHC/2024/00123",
    "Our case reference is EHC/2024/00123.",
    "Ref: 123456",
    "Ref 2024-000123",
    "The plan came on 20 February 2020.",
    "It was due on 20/02/2020 and came on 2020-03-15.",
    "The review on 01.02.2023 at 09.30 - 10.30 was cancelled.",
    "The council spent £1,250,000.00 on transport.",
    "That is £12 000 000 a year, or 1 250 000 000 pence.",
    "Waiting times went from 2019-2020 to 2021-2022.",
    "I looked at gov.uk and at the Local Offer at www.example.gov.uk.",
    "We met at school. Then we went home.",
    "Section 20 of the Children and Families Act 2014",
    "There were 1,234 plans and 56.7% on time.",
]


def test_there_are_enough_of_each_to_mean_something():
    assert (len(EMAILS), len(PHONES)) == (22, 26)


@pytest.mark.parametrize("address", EMAILS)
def test_an_email_address_however_written_is_masked(address):
    assert mask_contact_details(f"Write to {address} please.") == (
        f"Write to {EMAIL_MASK} please."
    )


@pytest.mark.parametrize("number", PHONES)
def test_a_uk_phone_number_however_written_is_masked(number):
    assert mask_contact_details(f"Call me on {number} today.") == (
        f"Call me on {PHONE_MASK} today."
    )


@pytest.mark.parametrize("number", ["tel:07700900123", "(07700 900123)", "07700 900123."])
def test_a_phone_number_beside_punctuation_is_masked(number):
    assert "7700" not in mask_contact_details(number)


@pytest.mark.parametrize("text", NOT_CONTACT_DETAILS)
def test_references_dates_and_money_are_kept(text):
    assert mask_contact_details(text) == text


def test_several_in_one_comment_are_each_masked_and_the_rest_kept():
    text = (
        "My son's reference is EHC/2024/00123. Call 0117 496 0000 or 07700-900-123, "
        "or write to Jo [at] example.co.uk, before 20 February 2020."
    )
    assert mask_contact_details(text) == (
        f"My son's reference is EHC/2024/00123. Call {PHONE_MASK} or {PHONE_MASK}, "
        f"or write to {EMAIL_MASK}, before 20 February 2020."
    )
