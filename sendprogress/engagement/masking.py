"""Mask what looks like contact details before feedback is stored.

The form asks people not to give names or details of a child, but someone
will; an email address or a phone number is the easiest thing to recognise,
so it is replaced before the text is ever saved. Names cannot be found
reliably, which is why feedback is never public and is deleted after the
retention period.

Email addresses are found as people write them to dodge robots, too:
`jo at example dot com`, `jo [at] example.co.uk`, `jo @ example.org`, in any
case. Phone numbers are found as the UK writes them: 10 or 11 digits starting
with 0 (`0117 496 0000`, `(020) 7946 0958`, `07700-900-123`, `020.7946.0958`),
or +44 or 0044 then 9 or 10 (`+44 (0)20 7946 0958`, `+447700900123`). What is
not a phone number is left alone: case references (`EHC/2024/00123`,
`Ref: 123456`), dates, times and sums of money do not start that way or do
not have that many digits.
"""

import re

_AT = r"(?:\s*@\s*|\s*[\[({<]\s*at\s*[\])}>]\s*)"  # @, [at], (at), {at}
_WORD_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+)"  # [dot], (dot), " dot "
_DOT = rf"(?:\.|{_WORD_DOT})"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_TLD = r"[a-z]{2,24}\b"
EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:"
    rf"{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_TLD}"
    # A bare " at " only with " dot ": "look at gov.uk" is not an address.
    rf"|\s+at\s+{_LABEL}(?:{_WORD_DOT}{_LABEL})*{_WORD_DOT}{_TLD}"
    ")",
    re.IGNORECASE,
)

_SEP = r"[ .-]{0,2}"  # between digits: a space, a dot or a dash (or two of them)
PHONE = re.compile(
    r"(?<![\w/+.-])(?:"
    # +44 or 0044, perhaps (0), then 9 or 10 digits
    rf"(?:\+|00){_SEP}44{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8,9}}"
    # an area code in brackets, then the rest
    rf"|\(0\d{{2,4}}\){_SEP}\d(?:{_SEP}\d){{5,7}}"
    # 0 then 9 or 10 more digits
    rf"|0\d(?:{_SEP}\d){{8,9}}"
    r")(?![\d/])"
)
_DIGITS = (10, 11)  # with the leading 0, in a number written for the UK

EMAIL_MASK = "[email address removed]"
PHONE_MASK = "[phone number removed]"


def _phone(match: re.Match) -> str:
    text = match.group()
    if text.startswith("("):  # the bracketed area code is counted with the rest
        digits = sum(character.isdigit() for character in text)
        return PHONE_MASK if digits in _DIGITS else text
    return PHONE_MASK


def mask_contact_details(text: str) -> str:
    return PHONE.sub(_phone, EMAIL.sub(EMAIL_MASK, text))
