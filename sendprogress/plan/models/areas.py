from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sendprogress.core.status import Colour, Tag

NOT_YET_INSPECTED = Tag("Not yet inspected", Colour.GREY)


class LocalArea(models.Model):
    """The partnership that runs this site: what it is called and how to reach it.

    One row. Everything the site says about "who we are" comes from here, so
    another local area can run the same code with its own content.
    """

    name = models.CharField(max_length=120, help_text="For example: Central Bedfordshire")
    site_name = models.CharField(
        max_length=120, help_text="Shown in the header, e.g. 'SEND progress in …'"
    )
    partners = models.CharField(
        max_length=300,
        help_text="Who works together, in plain words (the council, the NHS, the forum …)",
    )
    forum_name = models.CharField(max_length=120, help_text="The parent carer forum's name")
    plan_name = models.CharField(
        max_length=120,
        default="Accelerated Progress Plan",
        help_text="What the current improvement plan is called",
    )
    plan_short_name = models.CharField(max_length=20, default="APP")
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    about = models.TextField(help_text="Three short sentences telling the story so far.")

    class Meta:
        verbose_name = "local area"

    def __str__(self) -> str:
        return self.name


class AreaQuerySet(models.QuerySet):
    def with_judgements(self) -> AreaQuerySet:
        """Areas with every judgement, oldest first, and its inspection."""
        return self.prefetch_related(
            Prefetch(
                "judgements",
                queryset=Judgement.objects.select_related("inspection").order_by(
                    "inspection__date"
                ),
            )
        )


class Area(models.Model):
    """One of the areas of weakness that inspectors named."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    short_title = models.CharField(max_length=60, help_text="A few words for menus and tables")
    summary = models.TextField(help_text="What this area is about, in plain English")
    order = models.PositiveSmallIntegerField(default=0)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("plan:area_detail", args=[self.slug])

    @property
    def latest_judgement(self) -> Judgement | None:
        """The judgement from the latest inspection; uses prefetched rows when present."""
        judgements = sorted(self.judgements.all(), key=lambda j: j.inspection.date)
        return judgements[-1] if judgements else None

    @property
    def status(self) -> Judgement.Outcome | Tag:
        """An area's status is its latest judgement's outcome."""
        judgement = self.latest_judgement
        return Judgement.Outcome(judgement.outcome) if judgement else NOT_YET_INSPECTED

    @property
    def is_monitored(self) -> bool:
        judgement = self.latest_judgement
        return judgement is not None and judgement.outcome != Judgement.Outcome.SUFFICIENT


class Inspection(models.Model):
    class Kind(models.TextChoices):
        INSPECTION = "inspection", "Inspection"
        REVISIT = "revisit", "Revisit"
        MONITORING = "monitoring", "Monitoring review"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField(help_text="When the visit started")
    end_date = models.DateField(null=True, blank=True)
    published_on = models.DateField(
        null=True, blank=True, help_text="When the outcome or letter was published"
    )
    bodies = models.CharField(max_length=200, help_text="For example: Ofsted and the CQC")
    summary = models.TextField(blank=True)
    letter = models.ForeignKey(
        "plan.Evidence",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The published letter, as a public evidence item",
    )

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%B %Y})"


class Judgement(models.Model):
    """What one inspection said about one area."""

    class Outcome(models.TextChoices):
        WEAKNESS = "weakness", "Area of significant weakness"
        NOT_YET = "not-yet", "Some progress, not yet sufficient"
        SUFFICIENT = "sufficient", "Sufficient progress"

        @property
        def colour(self) -> Colour:
            return {
                Judgement.Outcome.WEAKNESS: Colour.RED,
                Judgement.Outcome.NOT_YET: Colour.YELLOW,
                Judgement.Outcome.SUFFICIENT: Colour.GREEN,
            }[self]

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="judgements")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    findings = models.TextField(help_text="What inspectors found, in plain words")

    class Meta:
        ordering = ["inspection__date", "area__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "area"], name="one_judgement_per_area_per_inspection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.get_outcome_display()}"


class Action(models.Model):
    """Something the plan commits to do for an area."""

    class Status(models.TextChoices):
        NOT_STARTED = "not-started", "Not started"
        IN_PROGRESS = "in-progress", "In progress"
        DONE = "done", "Done"

        @property
        def colour(self) -> Colour:
            return {
                Action.Status.NOT_STARTED: Colour.GREY,
                Action.Status.IN_PROGRESS: Colour.BLUE,
                Action.Status.DONE: Colour.GREEN,
            }[self]

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner_role = models.CharField(
        max_length=120, help_text="A role, never a person's private details"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__order", "order", "due_date"]

    def __str__(self) -> str:
        return self.title

    @property
    def latest_update(self) -> ActionUpdate | None:
        updates = sorted(self.updates.all(), key=lambda u: u.date)
        return updates[-1] if updates else None


class ActionUpdate(models.Model):
    """A dated progress note on an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    note = models.TextField()

    class Meta:
        ordering = ["-date"]
        verbose_name = "progress note"

    def __str__(self) -> str:
        return f"{self.action}: {self.date}"


class Milestone(models.Model):
    """A dated step of the journey, for the timeline."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", "Inspection"
        PLAN = "plan", "Plan"
        MONITORING = "monitoring", "Monitoring"
        REPORT = "report", "Report"

    date = models.DateField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date_is_approximate = models.BooleanField(
        default=False, help_text="Show the month and year only"
    )

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.title}"
