"""The rules a measure's figure must meet, with a message on the field that breaks each,
and the rule for what the public see of a figure counting so few children that one
could be identified (`count_is_small`, `published`).

Used by `Figure.clean()`, so the admin, the staff pages, the services and
the CSV import all apply the same rules; every public surface (pages, charts,
downloads, the API, embeds and progress reports) asks `published` or
`shown_value`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from . import periods
from .choices import Unit
from .progress import Progress

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


# Small numbers ------------------------------------------------------------------
#
# The statistics code of practice, as the Department for Education (DfE) applies
# it: a small count is suppressed, and so is every figure from which it can be
# worked out. A percentage of a small group gives its count away (42.86% can
# only be 3 of 7), so where the count is suppressed the figure, the figure
# before a correction, the numerator and the denominator are all left out,
# everywhere the public can see them. Downloads mark each with "c", the
# Government Statistical Service (GSS) symbol for "suppressed". Progress (on
# track, at risk, off track) is still shown: it says which side of the plan the
# figure fell, not the figure, and with the group's size hidden no count can be
# worked out from it. See docs/staff-guide.md#small-numbers.

# The GSS symbol for a value not published to protect confidentiality.
SUPPRESSED = "c"
# Every published column that gives the count away when it is small.
SUPPRESSED_COLUMNS = ("value", "value_before_correction", "numerator", "denominator")


def count_is_small(denominator: int | None) -> bool:
    """Whether the public see a figure out of `denominator` as suppressed: so few
    children that one could be identified (SMALL_NUMBER_THRESHOLD)."""
    return denominator is not None and denominator < settings.SMALL_NUMBER_THRESHOLD


def suppressed_reason() -> str:
    """Why a figure is not shown, in the words every public surface uses."""
    return f"Not shown: fewer than {settings.SMALL_NUMBER_THRESHOLD} children, to protect privacy"


def published(row: dict) -> dict:
    """A figure's published columns (`PUBLISHED_FIGURE_COLUMNS`) as the public may
    see them: with `suppressed` said, and when it is true every column that gives
    the count away set to None."""
    if not count_is_small(row.get("denominator")):
        return row | {"suppressed": False}
    return row | dict.fromkeys(SUPPRESSED_COLUMNS) | {"suppressed": True}


def shown_value(value, *, suppressed: bool, measure) -> str:
    """A figure as the public read it: in its unit, or why it is not shown."""
    if suppressed:
        return suppressed_reason()
    return measure.format(value)


def computed_value(measure, numerator: int, denominator: int) -> Decimal:
    """The figure a numerator and denominator give, in the measure's unit."""
    scale = HUNDRED if measure.unit == Unit.PERCENT else Decimal(measure.rate_per or 1)
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def check_figure(figure) -> None:
    """Raise ValidationError keyed by field; fill in the value from numerator/denominator."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    measure = figure.measure if figure.measure_id else None
    if measure is None:
        return

    _check_period(measure, figure, add)
    _check_value(measure, figure, add)
    if not errors:
        _check_commentary(measure, figure, add)
    if errors:
        raise ValidationError(errors)


def _check_period(measure, figure, add) -> None:
    period = figure.period
    if period is None:
        return
    if not periods.is_period_start(measure.frequency, period):
        add(
            "period",
            f"This measure is reported {measure.get_frequency_display().lower()}: the period must "
            f"start on {periods.ALIGNMENT_HELP[measure.frequency]}.",
        )
        return
    if measure.baseline_date and period < measure.baseline_date:
        add(
            "period",
            f"The period must be on or after the measure's baseline date, "
            f"{measure.baseline_date:%-d %B %Y}.",
        )
    if measure.reporting_ends and period > measure.reporting_ends:
        add(
            "period",
            f"Figures for this measure are only collected up to {measure.reporting_ends:%B %Y}.",
        )
    if period > timezone.localdate():
        add("period", "The period has not started yet. Figures can only be entered for the past.")
    duplicate = type(figure).objects.filter(measure=measure, period=period).exclude(pk=figure.pk)
    if duplicate.exists():
        add(
            "period",
            f"There is already a figure for {periods.label(measure.frequency, period)}. "
            "Change that figure instead of adding a second one.",
        )


def _check_value(measure, figure, add) -> None:
    has_numerator = figure.numerator is not None
    has_denominator = figure.denominator is not None
    if has_numerator != has_denominator:
        add(
            "denominator" if has_numerator else "numerator",
            "Enter both the numerator and the denominator, or neither.",
        )
    elif has_numerator:
        if figure.denominator == 0:
            add("denominator", "The denominator must be more than 0.")
        elif figure.numerator > figure.denominator:
            add(
                "numerator",
                f"The numerator ({figure.numerator}) cannot be more than the denominator "
                f"({figure.denominator}).",
            )
        else:
            _check_agrees(measure, figure, add)
    if figure.value is None:
        add("value", "Enter the figure, or its numerator and denominator.")
        return
    if not figure.value.is_finite():
        # NaN cannot even be compared: refuse it before any rule compares it.
        add("value", "Enter the figure as a number, such as 55 or 12.5.")
        return
    if measure.unit == Unit.PERCENT and not (0 <= figure.value <= HUNDRED):
        add("value", "A percentage must be between 0 and 100.")
    elif figure.value < 0:
        add("value", "The figure cannot be negative.")


def _check_agrees(measure, figure, add) -> None:
    """A typed figure must be what its numerator and denominator give, give or take
    rounding to the measure's decimal places; a blank one is worked out from them.

    Never replaced silently: a figure of 90 with 24 of 60 (40%) is a mistake in
    one of the three, and only the person who typed them knows which.
    """
    worked_out = computed_value(measure, figure.numerator, figure.denominator)
    if figure.value is None:
        figure.value = worked_out
        return
    if not figure.value.is_finite():
        return  # refused as not a number below
    half_a_place = Decimal(5).scaleb(-measure.decimal_places - 1)
    if abs(figure.value - worked_out) > half_a_place:
        shown = measure.format(worked_out)
        add(
            "value",
            f"{figure.numerator} of {figure.denominator} gives {shown}, "
            f"not {figure.value.normalize():f}. "
            "Correct the figure, the numerator or the denominator, or leave the figure "
            "blank to have it worked out.",
        )
        return
    figure.value = worked_out


def _check_commentary(measure, figure, add) -> None:
    if figure.period is None or figure.value is None or (figure.commentary or "").strip():
        return
    if measure.assess(figure.value, figure.period) in (Progress.AT_RISK, Progress.OFF_TRACK):
        expected = measure.expected_on(figure.period)
        add(
            "commentary",
            f"This figure misses its milestone (about {expected:.{measure.decimal_places}f} "
            "expected for this period). Say why, and what is being done, in the commentary.",
        )
