"""How a measure's progress is worked out. Pure functions: no database.

Progress is never typed in. A measure's latest approved figure is compared
with where its trajectory says it should be on that figure's date:

- the trajectory runs from the baseline through each interim milestone to the
  final target, in straight lines between those points;
- before the first point it is that point's value, after the last it is the
  final target;
- a figure that meets or beats the expected value (in the direction that is
  better for the measure) is *on track*; one that misses by no more than the
  measure's tolerance is *at risk*; one that misses by more is *off track*;
- a measure with no approved figure has *no data yet*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise

from sendprogress.core.status import Colour

# Where a measure sets no tolerance, a miss of up to this share of the
# distance from baseline to target counts as "at risk" rather than "off track".
DEFAULT_TOLERANCE_SHARE = Decimal("0.1")


class Progress(StrEnum):
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    NO_DATA = "no-data"

    @property
    def label(self) -> str:
        return {
            Progress.ON_TRACK: "On track",
            Progress.AT_RISK: "At risk",
            Progress.OFF_TRACK: "Off track",
            Progress.NO_DATA: "No data yet",
        }[self]

    @property
    def colour(self) -> Colour:
        return {
            Progress.ON_TRACK: Colour.GREEN,
            Progress.AT_RISK: Colour.YELLOW,
            Progress.OFF_TRACK: Colour.RED,
            Progress.NO_DATA: Colour.GREY,
        }[self]


@dataclass(frozen=True)
class Point:
    on: date
    value: Decimal


def trajectory(
    *,
    baseline: Point | None,
    milestones: Iterable[Point],
    target: Point | None,
) -> list[Point]:
    """The trajectory's points in date order, baseline first and target last."""
    points = list(milestones)
    if baseline is not None:
        points.append(baseline)
    if target is not None:
        points.append(target)
    points.sort(key=lambda p: p.on)
    # Two points on one date: keep the later-listed (target beats milestone).
    unique: dict[date, Point] = {}
    for point in points:
        unique[point.on] = point
    return list(unique.values())


def expected_value(points: list[Point], on: date) -> Decimal | None:
    """Where the trajectory says the figure should be on a date."""
    if not points:
        return None
    if on <= points[0].on:
        return points[0].value
    if on >= points[-1].on:
        return points[-1].value
    for before, after in pairwise(points):
        if before.on <= on <= after.on:
            span = (after.on - before.on).days
            share = Decimal((on - before.on).days) / Decimal(span)
            return before.value + (after.value - before.value) * share
    raise AssertionError("unreachable: the date lies inside the trajectory")


def default_tolerance(baseline: Decimal | None, target: Decimal | None) -> Decimal:
    if baseline is None or target is None:
        return Decimal(0)
    return abs(target - baseline) * DEFAULT_TOLERANCE_SHARE


def assess(
    *,
    value: Decimal | None,
    expected: Decimal | None,
    higher_is_better: bool,
    tolerance: Decimal,
) -> Progress:
    """Compare one figure with the value expected on its date."""
    if value is None:
        return Progress.NO_DATA
    if expected is None:
        # A measure with no baseline, milestones or target cannot be judged.
        return Progress.NO_DATA
    shortfall = (expected - value) if higher_is_better else (value - expected)
    if shortfall <= 0:
        return Progress.ON_TRACK
    if shortfall <= tolerance:
        return Progress.AT_RISK
    return Progress.OFF_TRACK


@dataclass(frozen=True)
class Summary:
    """How a group of measures is doing, counted by progress."""

    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    no_data: int = 0

    @classmethod
    def of(cls, results: Iterable[Progress]) -> Summary:
        counts = dict.fromkeys(Progress, 0)
        for result in results:
            counts[result] += 1
        return cls(
            on_track=counts[Progress.ON_TRACK],
            at_risk=counts[Progress.AT_RISK],
            off_track=counts[Progress.OFF_TRACK],
            no_data=counts[Progress.NO_DATA],
        )

    @property
    def total(self) -> int:
        return self.on_track + self.at_risk + self.off_track + self.no_data

    @property
    def judged(self) -> bool:
        """Whether any measure has a figure to judge yet."""
        return self.total > self.no_data

    @property
    def sentence(self) -> str:
        """For example: "5 of 8 measures on track"; before any figure, not a
        count of none on track."""
        if self.total == 0:
            return "No measures yet"
        if not self.judged:
            return "No figures yet"
        noun = "measure" if self.total == 1 else "measures"
        return f"{self.on_track} of {self.total} {noun} on track"
