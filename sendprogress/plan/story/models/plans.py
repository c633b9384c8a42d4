"""The plans a local area writes in answer to an inspection, and their actions.

A plan (a Written Statement of Action, an Accelerated Progress Plan, a
priority action plan, a strategic plan) answers some findings and owns the
actions and measures that put them right. One plan at a time is current; a
closed or superseded plan stays readable with its final figures.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from simple_history.models import HistoricalRecords

from sendprogress.core.status import Colour

from .. import frameworks
from .inspections import (
    AnswersFindingsQuerySet,
    Finding,
    Inspection,
    PartOfAPlanQuerySet,
    inspection_is_public,
)


class PlanQuerySet(AnswersFindingsQuerySet):
    def public(self, *, preview: bool = False) -> PlanQuerySet:
        """Plans the public may see: not a draft, its publication date (if it has
        one) come, its inspection public, and answering no finding still under
        embargo. Every public list of plans, actions, measures, figures,
        comparators and evidence goes through this.

        `preview=True` (staff previews only) drops the rule: how the pages will
        look once everything is published.
        """
        if preview:
            return self.all()
        return (
            self.exclude(status=Plan.Status.DRAFT)
            .filter(Q(published_on__isnull=True) | Q(published_on__lte=timezone.localdate()))
            .filter(Q(inspection__isnull=True) | inspection_is_public("inspection__"))
            .answering_no_embargoed_finding()
        )

    def current(self) -> Plan | None:
        """The plan being worked to now: the newest marked current."""
        return self.filter(status=Plan.Status.CURRENT).order_by("-approved_on", "-pk").first()


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        CURRENT = "current", "Current"
        CLOSED = "closed", "Closed"
        SUPERSEDED = "superseded", "Replaced by a later plan"

    kind = models.CharField(max_length=30, choices=frameworks.plan_kind_choices)
    title = models.CharField(max_length=200, help_text="For example: Accelerated Progress Plan")
    short_title = models.CharField(
        max_length=40, blank=True, help_text="A few words or letters, e.g. APP"
    )
    slug = models.SlugField(unique=True)
    inspection = models.ForeignKey(
        Inspection,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        help_text="The inspection or revisit it answers",
    )
    summary = models.TextField(blank=True, help_text="What the plan is for, in plain English")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_on = models.DateField(null=True, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who approved it, e.g. the Department for Education (DfE)",
    )
    published_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(
        null=True, blank=True, help_text="When its targets fall due, if it has an end"
    )
    document = models.ForeignKey(
        "plan.Evidence",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The published plan, as a public evidence item",
    )
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="plans", help_text="The findings it answers"
    )

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["approved_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan:plan_detail", args=[self.slug])

    @property
    def name(self) -> str:
        """How a sentence names it: 'the Accelerated Progress Plan (APP)'."""
        if self.short_title and self.short_title.lower() not in self.title.lower():
            return f"{self.title} ({self.short_title})"
        return self.title

    @property
    def kind_info(self) -> frameworks.PlanKind | None:
        for framework in frameworks.FRAMEWORKS.values():
            if kind := framework.plan_kind(self.kind):
                return kind
        return None

    @property
    def embargo_words(self) -> str:
        """Why the public cannot see it, for a staff preview (when it is not public)."""
        if self.status == self.Status.DRAFT:
            return "this plan is a draft"
        if self.published_on and self.published_on > timezone.localdate():
            return f"embargoed until {format_date(self.published_on, 'j F Y')}"
        if self.inspection and not self.inspection.is_public:
            return f"its inspection is {self.inspection.embargo_words}"
        return "it answers a finding whose inspection is not yet public"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.SUPERSEDED)

    def clean(self):
        errors = {}
        if self.inspection_id and self.kind:
            framework = self.inspection.framework_info
            if framework and framework.plan_kind(self.kind) is None:
                errors["kind"] = frameworks.plan_kind_refused(framework)
        if self.approved_on and self.submitted_on and self.approved_on < self.submitted_on:
            errors["approved_on"] = "A plan cannot be approved before it was submitted."
        if errors:
            raise ValidationError(errors)


class ActionQuerySet(PartOfAPlanQuerySet):
    """Actions the public may see (`public()`): of a public plan (or none), for
    public findings."""

    def with_latest_note(self) -> ActionQuerySet:
        """Each action's latest progress note as `latest_note_on` and `latest_note`,
        read in the same query rather than every note of every action."""
        latest = ActionUpdate.objects.filter(action=models.OuterRef("pk")).order_by("-date", "-pk")
        return self.annotate(
            latest_note_on=models.Subquery(latest.values("date")[:1]),
            latest_note=models.Subquery(latest.values("note")[:1]),
        )


class Action(models.Model):
    """Something a plan commits to do for one or more findings."""

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

    plan = models.ForeignKey(Plan, null=True, on_delete=models.PROTECT, related_name="actions")
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="actions", help_text="The findings it helps put right"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner_role = models.CharField(
        "lead's role", max_length=120, help_text="A role, never a person's private details"
    )
    lead_name = models.CharField(
        "lead's name",
        max_length=120,
        blank=True,
        help_text="Optional: the name of the person who leads it, if they agree to be named",
    )
    success_looks_like = models.TextField(
        "what success looks like",
        blank=True,
        help_text="What families will notice when it has worked, in plain English",
    )
    not_done_reason = models.TextField(
        "why it was not done",
        blank=True,
        help_text="If it could not be done, or not by its due date: why, and what happens now",
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    finished_on = models.DateField(
        null=True, blank=True, help_text="When it was done (the public see what finished when)"
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def lead(self) -> str:
        """Who leads it, as the public pages say it: 'Head of SEND (Sam Rivers)'."""
        return f"{self.owner_role} ({self.lead_name})" if self.lead_name else self.owner_role

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != self.Status.DONE
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

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
