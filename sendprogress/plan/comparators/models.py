"""Comparator series: the same measure elsewhere (England, the region, neighbours).

A series is published national or regional data, usually imported from the
DfE's Explore education statistics files (see `plan/comparators/dfe.py`). Each value is
either a number or one of the GSS symbols the statistics use for a missing
value; a missing value is never stored or shown as zero.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import models


class Symbol(models.TextChoices):
    """Why a published value is missing: the GSS symbols, and the older ones.

    Explore education statistics files use c, x, z, low and u; older DfE and
    ONS files "~" for a small positive number and ":" or ".." for not
    available. The GSS style writes them in brackets ([c]); `dfe.py` reads
    both ways and keeps the bare symbol.
    """

    NONE = "", "A number"
    SUPPRESSED = "c", "Not published to protect confidentiality"
    NOT_AVAILABLE = "x", "Not available"
    NOT_APPLICABLE = "z", "Not applicable"
    LOW = "low", "Rounds to zero, but is not zero"
    LOW_RELIABILITY = "u", "Not shown because it is of low reliability"
    LEGACY_LOW = "~", "Rounds to zero, but is not zero"
    LEGACY_NOT_AVAILABLE = ":", "Not available"
    OLD_NOT_AVAILABLE = "..", "Not available"


class ComparatorSeriesQuerySet(models.QuerySet):
    def public(self, *, preview: bool = False) -> ComparatorSeriesQuerySet:
        """Series of public measures: published statistics, public with their measure
        (so never those of a draft plan's measure, nor one under embargo)."""
        from ..measures.models.measures import Measure

        return self.filter(measure__in=Measure.objects.public(preview=preview))


class ComparatorSeries(models.Model):
    """One place's figures for a measure over time, with where they come from."""

    class Kind(models.TextChoices):
        LOCAL_AREA = "local-area", "This local area"
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        STATISTICAL_NEIGHBOURS = "statistical-neighbours", "Statistical neighbours"
        NEIGHBOUR = "neighbour", "A named neighbour"

    measure = models.ForeignKey(
        "plan.Measure", on_delete=models.CASCADE, related_name="comparator_series"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    label = models.CharField(max_length=120, help_text="As shown on the chart, e.g. England")
    geography_code = models.CharField(
        max_length=20, blank=True, help_text="The GSS code, e.g. E92000001 for England"
    )
    definition = models.TextField(blank=True, help_text="What the published figure counts")
    source = models.CharField(max_length=200, help_text="The publication, e.g. the DfE's")
    release = models.CharField(
        max_length=200, blank=True, help_text="Which release, e.g. 'June 2025'"
    )
    source_url = models.URLField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ComparatorSeriesQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "order", "label"]
        verbose_name_plural = "comparator series"
        permissions = [("import_comparators", "Can import comparator series from DfE files")]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "label"], name="one_comparator_series_per_label"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.label}"


class ComparatorValue(models.Model):
    """One period's published value in a series: a number or why there is none."""

    series = models.ForeignKey(ComparatorSeries, on_delete=models.CASCADE, related_name="values")
    period = models.DateField(help_text="The first day of the period, to place it in time")
    period_label = models.CharField(max_length=40, help_text="As published, e.g. 2024 or 2023/24")
    # Files write numbers at any precision (64.900000000000, 49.166): the
    # number as published is kept exactly, the Decimal beside it is for
    # drawing and is shown rounded to the measure's decimal places.
    value = models.DecimalField(max_digits=30, decimal_places=15, null=True, blank=True)
    published_value = models.CharField(
        max_length=40, blank=True, help_text="The value exactly as the file wrote it"
    )
    symbol = models.CharField(max_length=3, choices=Symbol.choices, blank=True, default="")
    # Each value keeps the release it came from: a later release may revise
    # some years and not others.
    release = models.CharField(max_length=200, blank=True, help_text="e.g. 'June 2025'")
    released_on = models.DateField(null=True, blank=True, help_text="The release's date")
    file_name = models.CharField(max_length=200, blank=True, help_text="The file imported")

    class Meta:
        ordering = ["series", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "period"], name="one_comparator_value_per_period"
            ),
            # A number, or a symbol saying why there is none: never both, never neither.
            models.CheckConstraint(
                condition=(
                    models.Q(value__isnull=False, symbol="")
                    | (models.Q(value__isnull=True) & ~models.Q(symbol=""))
                ),
                name="comparator_value_or_symbol",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.period_label}"

    @property
    def is_missing(self) -> bool:
        return self.value is None

    @property
    def as_published(self) -> Decimal | None:
        """The number with the digits the file gave it (64.900000000000 stays so);
        a value entered by hand loses the zeros the database pads it with."""
        if self.value is None:
            return None
        if self.published_value:
            try:
                return Decimal(self.published_value.replace(",", ""))
            except InvalidOperation:
                pass
        text = format(self.value, "f")
        return Decimal(text.rstrip("0").rstrip(".") if "." in text else text)

    @property
    def missing_reason(self) -> str:
        return Symbol(self.symbol).label if self.symbol else ""
