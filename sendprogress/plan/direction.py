"""Which way a measure is going, in one plain sentence. Pure functions: no database.

"Up from 18% in October 2025 to 47.4% in October 2026 (better); England: 46.4% (2024)."

- The latest approved figure is compared with the one a year before it, or,
  where there is none that old, with the earliest approved figure shown.
- "Better" or "worse" follows the measure's direction (for some measures a
  lower figure is better), so the sentence never leans on colour or arrows.
- Every figure is written by `charts.format_value` with the measure's unit and
  places, as `Measure.format` writes it for every other page, so the sentence
  shows a value exactly as the tables do.
- The comparator is the England series' latest published value where the
  measure has one, else the comparator typed on the measure.

A measure off track or at risk also says why: the latest approved figure's
commentary, or "No reason given yet".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sendprogress.core.dates import month_and_year

from .measures.charts import format_value
from .measures.progress import Progress
from .models import ComparatorSeries

NO_REASON = "No reason given yet"


def of_measure(measure, figures: Sequence[tuple[date, Decimal]], *, series=()) -> str:
    """`sentence` for a measure (a `Measure`, or plain values with the same names),
    with its comparator (`comparator`): what a measure's page and the finding and
    plan pages say of it, written once."""
    unit = {"unit": measure.unit, "places": measure.decimal_places, "rate_per": measure.rate_per}
    return sentence(
        figures,
        **unit,
        higher_is_better=measure.higher_is_better,
        comparator=comparator(
            series=series,
            value=measure.comparator_value,
            label=measure.comparator_label,
            year=measure.comparator_year,
            **unit,
        ),
    )


def _year_before(on: date) -> date:
    return on.replace(year=on.year - 1)


def compared_with(figures: Sequence[tuple[date, Decimal]]) -> tuple[date, Decimal] | None:
    """The figure the latest is compared with (figures oldest first), or None."""
    if len(figures) < 2:
        return None
    latest_on = figures[-1][0]
    a_year_before = _year_before(latest_on)
    older = [f for f in figures[:-1] if f[0] <= a_year_before]
    return older[-1] if older else figures[0]


def sentence(
    figures: Sequence[tuple[date, Decimal]],
    *,
    unit: str,
    places: int,
    rate_per: int | None,
    higher_is_better: bool,
    comparator: str = "",
) -> str:
    """Which way the measure is going, from its approved figures (oldest first)."""

    def shown(value) -> str:
        return format_value(value, unit=unit, places=places, rate_per=rate_per)

    if not figures:
        words = "No figures published yet"
    else:
        latest_on, latest = figures[-1]
        before = compared_with(figures)
        if before is None:
            words = f"{shown(latest)} in {month_and_year(latest_on)}, the first figure"
        else:
            before_on, earlier = before
            # Compared as shown, so a change too small to show reads as no change.
            if shown(latest) == shown(earlier):
                words = (
                    f"No change: {shown(latest)} in {month_and_year(latest_on)}, "
                    f"as in {month_and_year(before_on)}"
                )
            else:
                went_up = latest > earlier
                better = went_up == higher_is_better
                words = (
                    f"{'Up' if went_up else 'Down'} from {shown(earlier)} in "
                    f"{month_and_year(before_on)} to {shown(latest)} in "
                    f"{month_and_year(latest_on)} ({'better' if better else 'worse'})"
                )
    if comparator:
        words += f"; {comparator}"
    return words + "."


def comparator(
    *,
    series=(),
    value: Decimal | None,
    label: str,
    year: str,
    unit: str,
    places: int,
    rate_per: int | None,
) -> str:
    """ "England: 46.4% (2024)": the England series' latest published value
    (`comparisons.Line`s), else the measure's own comparator, else ""."""

    def shown(v) -> str:
        return format_value(v, unit=unit, places=places, rate_per=rate_per)

    for line in series:
        if line.series.kind != ComparatorSeries.Kind.ENGLAND:
            continue
        published = [v for v in line.values if v.value is not None]
        if published:
            latest = published[-1]
            return f"{line.label}: {shown(latest.value)} ({latest.period_label})"
    if value is None:
        return ""
    return f"{label or 'Comparator'}: {shown(value)}" + (f" ({year})" if year else "")


def reason(progress: Progress, commentary: str) -> str | None:
    """Why a measure is off track or at risk (None when it is neither)."""
    if progress not in (Progress.OFF_TRACK, Progress.AT_RISK):
        return None
    return (commentary or "").strip() or NO_REASON
