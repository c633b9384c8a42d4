"""Text that ends up in an email header (Subject, To, From, links) must be one line.

A line break in a header either starts a new header (an attacker's "Bcc:")
or, as Python's email package does, stops the email being built at all. Any
control character or Unicode line or paragraph separator counts: some mail
programs treat U+2028 or a vertical tab as a break too.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Cc: control characters (tab, CR, LF, NUL, ESC, NEL...); Zl/Zp: U+2028, U+2029.
_BREAKING = {"Cc", "Zl", "Zp"}
_SPACES = re.compile(r"\s+")


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(character) in _BREAKING for character in value)


def one_line(value: str) -> str:
    """The text with each run of control characters and spaces made one space."""
    spaced = "".join(
        " " if unicodedata.category(character) in _BREAKING else character for character in value
    )
    return _SPACES.sub(" ", spaced).strip()


@deconstructible
class SingleLineValidator:
    """Refuses text that would break an email header, with a message for its field."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, value) -> None:
        if isinstance(value, str) and has_control_characters(value):
            raise ValidationError(self.message, code="not_one_line")

    def __eq__(self, other) -> bool:
        # Equal validators make no new migration each time makemigrations runs.
        return isinstance(other, SingleLineValidator) and other.message == self.message
