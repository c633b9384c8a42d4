from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from sendprogress.core.model_fields import staff_member
from sendprogress.core.status import Colour
from sendprogress.plan.story.models.inspections import Finding, PartOfAPlanQuerySet
from sendprogress.plan.story.models.plans import Plan

from .. import choices, progress
from ..charts import format_value
from ..figures import count_is_small


class MeasureQuerySet(PartOfAPlanQuerySet):
    def public(self, *, preview: bool = False) -> MeasureQuerySet:
        """Measures the public may see: marked public, and public as any part of
        a plan is (`PartOfAPlanQuerySet`: in a public plan or none, of no finding
        still under embargo; a staff preview drops that, never the mark).
        Figures, comparators and evidence are public only with their measure."""
        return super().public(preview=preview).filter(is_public=True)

    def for_display(self) -> MeasureQuerySet:
        """Public measures ready to list with their plan and findings.

        Their latest figure and progress are stored on each measure
        (stored_progress.py), so listing them reads no figures or milestones.
        """
        return (
            self.public()
            .select_related("plan")
            .prefetch_related(Prefetch("findings", queryset=Finding.objects.order_by("order")))
        )

    def with_milestones(self) -> MeasureQuerySet:
        """For pages that show the trajectory or judge each figure against it."""
        return self.prefetch_related(
            Prefetch("milestones", queryset=MeasureMilestone.objects.order_by("date"))
        )


class Measure(models.Model):
    """A measure in the plan, with its baseline, target and trajectory."""

    Unit = choices.Unit
    Frequency = choices.Frequency

    plan = models.ForeignKey(
        Plan, null=True, on_delete=models.PROTECT, related_name="measures", help_text="Its plan"
    )
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="measures", help_text="The findings it shows progress on"
    )
    code = models.SlugField(
        max_length=40, unique=True, help_text="A short code used in imports, e.g. ehcp-20-weeks"
    )
    title = models.CharField(max_length=200)
    why_it_matters = models.TextField(help_text="What this means for a family, in plain English")
    definition = models.TextField(help_text="Exactly what is counted and how")
    source = models.CharField(max_length=200, help_text="Where the figures come from")
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.PERCENT)
    rate_per = models.PositiveIntegerField(
        null=True, blank=True, help_text="For rates: per how many (e.g. 100 or 10,000)"
    )
    higher_is_better = models.BooleanField(
        default=True, help_text="Untick where a lower figure is better (e.g. weeks waited)"
    )
    decimal_places = models.PositiveSmallIntegerField(default=1)
    baseline_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    baseline_label = models.CharField(
        max_length=80, blank=True, help_text="The period it covers, e.g. 'calendar year 2021'"
    )
    target_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=(
            "How far a figure may miss its milestone and still count as 'at risk' rather "
            "than 'off track'. Blank: a tenth of the distance from baseline to target."
        ),
    )
    comparator_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    comparator_label = models.CharField(
        max_length=120, blank=True, help_text="For example: England average"
    )
    comparator_year = models.CharField(max_length=20, blank=True)
    illustrative = models.BooleanField(
        default=False,
        help_text="The figures are illustrative demo data; the site says so wherever they show",
    )
    is_public = models.BooleanField(default=True, help_text="Show this measure on the site")
    reporting_starts = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The first period figures are collected for, if later than the baseline date. "
            "Figures are due from this period on, not from the baseline. Blank: from the "
            "baseline date."
        ),
    )
    reporting_ends = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The last period figures are collected for. Blank while figures are still "
            "collected (figures may be entered from the baseline date onwards)."
        ),
    )
    order = models.PositiveSmallIntegerField(default=0)

    # Worked out from the approved figures and the trajectory whenever either
    # changes (stored_progress.py), never typed in: not editable anywhere.
    latest_value = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    latest_period = models.DateField(null=True, blank=True, editable=False)
    # Kept so that every list can ask whether the latest figure is shown
    # (figures.count_is_small), with the threshold as it is set now.
    latest_denominator = models.PositiveIntegerField(null=True, blank=True, editable=False)
    progress_status = models.CharField(
        max_length=20,
        choices=[(p.value, p.label) for p in progress.Progress],
        default="no-data",
        editable=False,
    )

    objects = MeasureQuerySet.as_manager()
    # The stored values follow the figures, whose own history says how.
    history = HistoricalRecords(
        excluded_fields=["latest_value", "latest_period", "latest_denominator", "progress_status"]
    )

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan:measure_detail", args=[self.code])

    # --- progress -------------------------------------------------------

    def trajectory(self) -> list[progress.Point]:
        return self._trajectory

    @cached_property
    def _trajectory(self) -> list[progress.Point]:
        # Read once per instance: the measure page asks for every figure's row.
        return progress.trajectory(
            baseline=_point(self.baseline_date, self.baseline_value),
            milestones=[
                progress.Point(milestone.date, milestone.target)
                for milestone in self.milestones.all()
            ],
            target=_point(self.target_date, self.target_value),
        )

    def format(self, value) -> str:
        """A figure of this measure as people read it: in its unit, to its
        decimal places ("45.2%", "3 per 10,000", "12 weeks"). Every page,
        download, chart label and message writes a measure's figure through
        this (suppression is `figures.shown_value`'s, on top)."""
        return format_value(
            value, unit=self.unit, places=self.decimal_places, rate_per=self.rate_per
        )

    def expected_on(self, on) -> Decimal | None:
        return progress.expected_value(self.trajectory(), on)

    @property
    def effective_tolerance(self) -> Decimal:
        if self.tolerance is not None:
            return self.tolerance
        return progress.default_tolerance(self.baseline_value, self.target_value)

    @property
    def latest_approved(self) -> tuple[Decimal | None, object]:
        """(value, period) of the latest approved figure, as stored."""
        return self.latest_value, self.latest_period

    @property
    def latest_suppressed(self) -> bool:
        """Whether the public are not shown the latest figure (figures.count_is_small)."""
        return count_is_small(self.latest_denominator)

    def assess(self, value: Decimal | None, period) -> progress.Progress:
        if value is None:
            return progress.Progress.NO_DATA
        return progress.assess(
            value=value,
            expected=self.expected_on(period),
            higher_is_better=self.higher_is_better,
            tolerance=self.effective_tolerance,
        )

    @property
    def progress(self) -> progress.Progress:
        """Its latest approved figure against the trajectory, as stored."""
        return progress.Progress(self.progress_status)


def _point(on, value) -> progress.Point | None:
    if on is None or value is None:
        return None
    return progress.Point(on, value)


class MeasureMilestone(models.Model):
    """An interim target on a measure's trajectory."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField()
    target = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "date"], name="one_milestone_per_measure_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.target} by {self.date}"


# What the public pages and downloads show of a figure, read as plain values
# (`values(*PUBLISHED_FIGURE_COLUMNS)`): a measure of ten years has 120 figures,
# and building them as model instances cost more than drawing them.
PUBLISHED_FIGURE_COLUMNS = (
    "period",
    "value",
    "numerator",
    "denominator",
    "commentary",
    "corrected_at",
    "value_before_correction",
    "correction_reason",
)


class FigureQuerySet(models.QuerySet):
    def approved(self) -> FigureQuerySet:
        """The only figures that are ever public."""
        return self.filter(status=Figure.Status.APPROVED)

    def public(self, *, preview: bool = False) -> FigureQuerySet:
        """Approved figures of public measures."""
        return self.approved().filter(measure__in=Measure.objects.public(preview=preview))


class Figure(models.Model):
    """One measure's figure for one period, with its approval workflow."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for approval"
        APPROVED = "approved", "Approved (public)"
        RETURNED = "returned", "Returned for changes"

        @property
        def colour(self) -> Colour:
            return {
                Figure.Status.DRAFT: Colour.GREY,
                Figure.Status.SUBMITTED: Colour.BLUE,
                Figure.Status.APPROVED: Colour.GREEN,
                Figure.Status.RETURNED: Colour.ORANGE,
            }[self]

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="figures")
    period = models.DateField(help_text="The first day of the period the figure covers")
    # blank: where a numerator and denominator are given the value is worked out from them.
    value = models.DecimalField(max_digits=12, decimal_places=2, blank=True)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    commentary = models.TextField(blank=True, help_text="What the figure shows and why")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField(blank=True)
    entered_by = staff_member()
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = staff_member()
    approved_at = models.DateTimeField(null=True, blank=True)
    submitted_by = staff_member()
    returned_by = staff_member()
    returned_at = models.DateTimeField(null=True, blank=True)
    correction_reason = models.TextField(
        blank=True, help_text="Why an approved figure was last corrected"
    )
    corrected_by = staff_member()
    corrected_at = models.DateTimeField(null=True, blank=True)
    # Shown in public beside a corrected figure, with the date and the reason.
    value_before_correction = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What the figure said before its last correction",
    )
    # Optimistic locking: a save is refused unless it was based on this version.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FigureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "period"]
        permissions = [
            ("submit_figure", "Can submit figures for approval"),
            ("approve_figure", "Can approve or return figures"),
            ("correct_figure", "Can correct an approved figure, giving a reason"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"], name="one_figure_per_measure_period"
            )
        ]
        indexes = [
            # "Last updated" on the home page: the newest approval, found
            # without reading every figure there has ever been.
            models.Index(fields=["approved_at"], name="figure_approved_at"),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.period:%B %Y}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    @property
    def count_is_small(self) -> bool:
        """Whether the public see this figure's count as suppressed (a small denominator)."""
        return count_is_small(self.denominator)

    @property
    def is_editable(self) -> bool:
        """Only drafts and returned figures change by editing; approved ones by correction."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def clean(self):
        from ..figures import check_figure

        check_figure(self)

    def validate_constraints(self, exclude=None):
        # clean() already reports a second figure for a period on the period
        # field, in words; the database constraint stays as the backstop.
        super().validate_constraints(exclude={*(exclude or ()), "period"})
