"""How a status is shown: its words on a coloured GOV.UK tag, never the colour alone.

A status is anything with a `label` (the words) and a `colour`: the enums of
the domain apps give theirs as properties, and `Tag` covers the few states
that are not a stored value ("Not yet inspected", "Missing").
"""

from dataclasses import dataclass
from enum import StrEnum


class Colour(StrEnum):
    """The GOV.UK Frontend tag colours the site uses (`govuk-tag--<colour>`)."""

    GREY = "grey"
    GREEN = "green"
    BLUE = "blue"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"


@dataclass(frozen=True)
class Tag:
    label: str
    colour: Colour
