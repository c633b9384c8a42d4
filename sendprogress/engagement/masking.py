"""Mask what looks like contact details before feedback is stored.

The form asks people not to give names or details of a child, but someone
will; an email address or a phone number is the easiest thing to recognise,
so it is replaced before the text is ever saved. Names cannot be found
reliably, which is why feedback is never public and is deleted after the
retention period.
"""

import re

EMAIL = re.compile(r"[^\s@<>()\[\]]+@[^\s@<>()\[\]]+\.[^\s@<>()\[\]]+")
# A run of digits with the spaces, dots, dashes and brackets people write in
# phone numbers, starting with a digit, "+" or "(".
PHONE_LIKE = re.compile(r"[+(]?\d[\d\s().-]{6,}\d")
# UK numbers have 10 or 11 digits (12 or 13 with +44); dates and years have fewer.
PHONE_DIGITS = 9

EMAIL_MASK = "[email address removed]"
PHONE_MASK = "[phone number removed]"


def _phone(match: re.Match) -> str:
    digits = sum(character.isdigit() for character in match.group())
    return PHONE_MASK if digits >= PHONE_DIGITS else match.group()


def mask_contact_details(text: str) -> str:
    return PHONE_LIKE.sub(_phone, EMAIL.sub(EMAIL_MASK, text))
