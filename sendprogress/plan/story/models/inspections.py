"""Who runs the site, and what inspectors found: inspections, findings, judgements,
and the checks the Department for Education (DfE) and NHS England make in between.

The words each inspection framework uses live in `plan.story.frameworks`; these
models store its keys, and each `clean()` checks a key belongs to the
framework of the inspection it hangs from.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from simple_history.models import HistoricalRecords

from sendprogress.core.status import Colour, Tag

from .. import frameworks

NOT_YET_JUDGED = Tag("Not yet judged", Colour.GREY)


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
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    about = models.TextField(help_text="Three short sentences telling the story so far.")
    # Where a family can get help now: the "Get help now" panel links to each
    # one that is set, and leaves out the rest.
    sendiass_url = models.URLField(
        "SENDIASS link",
        blank=True,
        help_text="The local SEND information, advice and support service (SENDIASS)",
    )
    mediation_url = models.URLField(
        "mediation link", blank=True, help_text="The local SEND mediation service"
    )
    tribunal_url = models.URLField(
        "tribunal link",
        blank=True,
        help_text="How to appeal to the SEND tribunal, e.g. https://www.gov.uk/"
        "courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability",
    )
    complaints_url = models.URLField(
        "complaints link", blank=True, help_text="How to complain to the council or the NHS"
    )
    local_offer_url = models.URLField(
        "Local Offer link", blank=True, help_text="The local area's Local Offer website"
    )

    class Meta:
        verbose_name = "local area"

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """One of the organisations in the partnership that can own a finding."""

    name = models.CharField(
        max_length=120, help_text="For example: the council, the integrated care board (ICB)"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Publication(models.TextChoices):
    """Whether an inspection's story may be public: its report comes to the local
    area under embargo, weeks before it is published."""

    DRAFT = "draft", "Not public yet (draft)"
    PUBLISHED = "published", "Published (or scheduled, if the publication date is still to come)"


def inspection_is_public(prefix: str = "", *, preview: bool = False) -> Q:
    """THE embargo rule, for an inspection reached through `prefix` (e.g.
    "inspection__"): marked published, and its publication date (if it has one)
    has come. Public from the start of that day, local time, with no job
    needing to run: the public page cache expires every entry at local midnight.

    `preview=True` (staff previews only) drops the rule, to show a page as it
    will look once the report is public.
    """
    if preview:
        return Q()
    return Q(**{f"{prefix}publication": Publication.PUBLISHED}) & (
        Q(**{f"{prefix}published_on__isnull": True})
        | Q(**{f"{prefix}published_on__lte": timezone.localdate()})
    )


def finding_is_public(prefix: str = "", *, preview: bool = False) -> Q:
    """A finding is public with the inspection that named it (always, when it
    names none: there is no report to wait for)."""
    if preview:
        return Q()  # (an empty Q in an "or" would be dropped, not make it true)
    return Q(**{f"{prefix}inspection__isnull": True}) | inspection_is_public(
        f"{prefix}inspection__", preview=preview
    )


class InspectionQuerySet(models.QuerySet):
    def public(self, *, preview: bool = False) -> InspectionQuerySet:
        """Inspections the public may see: published, and their publication date come."""
        return self.filter(inspection_is_public(preview=preview))

    def embargoed(self) -> InspectionQuerySet:
        """Inspections not yet public: drafts, and those scheduled for a later day."""
        return self.exclude(inspection_is_public())

    def latest_full(self) -> Inspection | None:
        """The newest full inspection: the one whose findings the site is about."""
        return self.filter(kind="inspection").order_by("-date").first()


class Inspection(models.Model):
    """A visit by inspectors: a full inspection, a revisit or a monitoring inspection."""

    framework = models.CharField(
        max_length=10,
        choices=frameworks.framework_choices,
        default=frameworks.LATEST.key,
        help_text="The inspection framework it was carried out under",
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=frameworks.inspection_kind_choices)
    date = models.DateField("start date", help_text="When the visit started")
    end_date = models.DateField(null=True, blank=True)
    publication = models.CharField(
        max_length=20,
        choices=Publication.choices,
        default=Publication.DRAFT,
        help_text="Nothing of this inspection (its findings, judgements, plans) is public "
        "until it is published and its publication date has come",
    )
    published_on = models.DateField(
        "publication date",
        null=True,
        blank=True,
        help_text="When the report or letter is published. Until this day the inspection "
        "and everything about it stay embargoed; staff can preview them",
    )
    bodies = models.CharField(max_length=200, help_text="For example: Ofsted and the CQC")
    summary = models.TextField(blank=True)
    outcome = models.CharField(
        "overall outcome",
        max_length=30,
        blank=True,
        choices=frameworks.outcome_choices,
        help_text="2023 framework full inspections only: the outcome the report gives",
    )
    letter = models.ForeignKey(
        "plan.Evidence",
        verbose_name="report",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The published report or letter, as a public evidence item",
    )

    objects = InspectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%B %Y})"

    @property
    def framework_info(self) -> frameworks.Framework | None:
        return frameworks.get(self.framework)

    @property
    def kind_label(self) -> str:
        kind = self.framework_info and self.framework_info.inspection_kind(self.kind)
        return kind.label if kind else self.get_kind_display()

    @property
    def outcome_info(self) -> frameworks.Outcome | None:
        if not self.outcome or not self.framework_info:
            return None
        return self.framework_info.outcome(self.outcome)

    @property
    def is_public(self) -> bool:
        """The embargo rule (`inspection_is_public`) for one inspection in memory."""
        return self.publication == Publication.PUBLISHED and (
            self.published_on is None or self.published_on <= timezone.localdate()
        )

    @property
    def embargo_words(self) -> str:
        """Why the public cannot see it yet, for staff previews."""
        if self.is_public:
            return ""
        if self.publication == Publication.PUBLISHED:
            return f"embargoed until {format_date(self.published_on, 'j F Y')}"
        if self.published_on:
            due = format_date(self.published_on, "j F Y")
            return f"a draft, not yet published (report due {due})"
        return "a draft, not yet published"

    def clean(self):
        framework = self.framework_info
        if framework is None:
            return  # the field's own choices report an unknown framework
        errors = {}
        if self.kind and framework.inspection_kind(self.kind) is None:
            errors["kind"] = frameworks.inspection_kind_refused(framework)
        if self.outcome:
            if not framework.outcomes:
                errors["outcome"] = frameworks.outcome_refused(framework)
            elif self.kind != "inspection":
                errors["outcome"] = "Only a full inspection gives an overall outcome."
            elif framework.outcome(self.outcome) is None:
                errors["outcome"] = frameworks.outcome_refused(framework)
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = "The end date must be on or after the start date."
        if errors:
            raise ValidationError(errors)


class FindingQuerySet(models.QuerySet):
    def public(self, *, preview: bool = False) -> FindingQuerySet:
        """Findings the public may see: those of a public inspection."""
        return self.filter(finding_is_public(preview=preview))

    def judged(self, *, preview: bool = False) -> FindingQuerySet:
        """Findings with their inspection, and every public judgement, oldest
        first, with its own: a revisit still under embargo judges nothing yet."""
        return self.select_related("inspection").prefetch_related(
            Prefetch(
                "judgements",
                queryset=Judgement.objects.public(preview=preview)
                .select_related("inspection")
                .order_by("inspection__date"),
            )
        )

    def with_judgements(self, *, preview: bool = False) -> FindingQuerySet:
        """Findings with every public judgement, oldest first, its inspection, and owners."""
        return self.judged(preview=preview).prefetch_related("owners")

    def filter_choices(self, chosen_slug: str | None) -> tuple[list[Finding], Finding | None]:
        """Every finding in page order (a list filter's choices), and the one
        `chosen_slug` names: None when it names none, so an unknown finding in an
        address shows the whole list, never an error."""
        findings = list(self.order_by("order"))
        return findings, next((f for f in findings if f.slug == chosen_slug), None)


class Finding(models.Model):
    """Something inspectors asked the partnership to fix: an area of significant
    weakness (2016), or a priority action or area for improvement (2023)."""

    kind = models.CharField(
        max_length=30,
        choices=frameworks.finding_kind_choices,
        help_text="What the inspection report calls it",
    )
    inspection = models.ForeignKey(
        Inspection,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
        help_text="The inspection that named it",
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    short_title = models.CharField(max_length=60, help_text="A few words for menus and tables")
    summary = models.TextField(help_text="What this is about, in plain English")
    owners = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="findings",
        help_text="The partner or partners who own it, as the report says",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = FindingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("plan:finding_detail", args=[self.slug])

    @property
    def framework_info(self) -> frameworks.Framework | None:
        return self.inspection.framework_info if self.inspection else None

    @property
    def embargo_words(self) -> str:
        """Why the public cannot see it yet (blank when they can), for staff previews."""
        if self.inspection is None or self.inspection.is_public:
            return ""
        return f"its inspection is {self.inspection.embargo_words}"

    @property
    def kind_info(self) -> frameworks.FindingKind | None:
        framework = self.framework_info
        if framework:
            return framework.finding_kind(self.kind)
        return next(
            (
                k
                for f in frameworks.FRAMEWORKS.values()
                for k in f.finding_kinds
                if k.key == self.kind
            ),
            None,
        )

    @property
    def kind_label(self) -> str:
        kind = self.kind_info
        return kind.singular.capitalize() if kind else self.kind

    @property
    def latest_judgement(self) -> Judgement | None:
        """The judgement from the latest inspection; uses prefetched rows when present."""
        judgements = sorted(self.judgements.all(), key=lambda j: j.inspection.date)
        return judgements[-1] if judgements else None

    @property
    def status(self) -> frameworks.JudgementOutcome | Tag:
        """A finding's status is its latest judgement's outcome."""
        judgement = self.latest_judgement
        return judgement.status if judgement else NOT_YET_JUDGED

    @property
    def is_monitored(self) -> bool:
        """Still being worked on: not yet judged to have made enough progress."""
        judgement = self.latest_judgement
        return judgement is None or judgement.still_monitored

    def clean(self):
        framework = self.inspection.framework_info if self.inspection_id else None
        if framework and self.kind and framework.finding_kind(self.kind) is None:
            raise ValidationError({"kind": frameworks.finding_kind_refused(framework)})


class JudgementQuerySet(models.QuerySet):
    def public(self, *, preview: bool = False) -> JudgementQuerySet:
        """Judgements the public may see: given by a public inspection, on a public finding."""
        return self.filter(
            inspection_is_public("inspection__", preview=preview),
            finding_is_public("finding__", preview=preview),
        )


class Judgement(models.Model):
    """What one inspection said about one finding."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="judgements")
    outcome = models.CharField(max_length=20, choices=frameworks.judgement_outcome_choices)
    what_inspectors_found = models.TextField(help_text="What inspectors found, in plain words")

    objects = JudgementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection__date", "finding__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "finding"], name="one_judgement_per_finding_per_inspection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.finding}: {self.outcome_label}"

    @property
    def outcome_info(self) -> frameworks.JudgementOutcome | None:
        framework = self.inspection.framework_info
        return framework.judgement_outcome(self.outcome) if framework else None

    @property
    def outcome_label(self) -> str:
        outcome = self.outcome_info
        return outcome.label if outcome else self.get_outcome_display()

    @property
    def status(self) -> frameworks.JudgementOutcome | Tag:
        """The outcome as a status for `{% status_tag %}`: its words and colour."""
        return self.outcome_info or Tag(self.outcome_label, Colour.GREY)

    @property
    def still_monitored(self) -> bool:
        outcome = self.outcome_info
        return outcome.still_monitored if outcome else True

    def clean(self):
        if not self.inspection_id or not self.outcome:
            return
        framework = self.inspection.framework_info
        if framework and framework.judgement_outcome(self.outcome) is None:
            raise ValidationError({"outcome": frameworks.judgement_outcome_refused(framework)})


class AnswersFindingsQuerySet(models.QuerySet):
    """Records with `findings`: plans, and what hangs on a plan."""

    def answering_no_embargoed_finding(self):
        """Those answering no finding whose inspection is still under embargo."""
        return self.exclude(findings__in=Finding.objects.exclude(finding_is_public()))


class PartOfAPlanQuerySet(AnswersFindingsQuerySet):
    """THE public rule of everything that hangs on a plan and answers findings
    (measures, actions, monitoring events), written once: public with its plan
    (`Plan.objects.public()`: never a draft's, nor one under embargo) or when it
    has none, and answering no finding still under embargo. Measures add their
    own mark on top; figures, comparator series and evidence are public only with
    their measure, so they build on this too.

    `preview=True` (staff previews only) drops the rule.
    """

    def public(self, *, preview: bool = False):
        if preview:
            return self.all()
        from .plans import Plan

        in_public_plan = Q(plan__isnull=True) | Q(plan__in=Plan.objects.public())
        return self.filter(in_public_plan).answering_no_embargoed_finding()


class MonitoringEventQuerySet(PartOfAPlanQuerySet):
    """Events the public may see (`public()`): of a public plan (or none), and
    looking at no finding still under embargo. (Their summary has its own date:
    `published_summary`.)"""

    def with_findings(self) -> MonitoringEventQuerySet:
        return self.prefetch_related(Prefetch("findings", queryset=Finding.objects.all()))


class MonitoringEvent(models.Model):
    """A check on progress between inspections: a stocktake, a review, a meeting.

    The event itself (when, who, what kind) is public; its summary only once
    it has been published.
    """

    class Kind(models.TextChoices):
        STOCKTAKE = "stocktake", "Stocktake"
        REVIEW = "review", "Review"
        VISIT = "visit", "Monitoring visit"
        ENGAGEMENT = "engagement", "Engagement meeting"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    title = models.CharField(max_length=200, help_text="For example: Six-month stocktake")
    who = models.CharField(
        max_length=200,
        help_text="Who carries it out, e.g. the Department for Education (DfE) and NHS England",
    )
    plan = models.ForeignKey(
        "plan.Plan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="monitoring_events",
        help_text="The plan it checks, if any",
    )
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="monitoring_events", help_text="What it looked at"
    )
    public_summary = models.TextField(
        blank=True, help_text="What it found, in plain words, once it may be shared"
    )
    summary_published_on = models.DateField(
        null=True,
        blank=True,
        help_text="Leave blank until the summary may be shown on the site",
    )

    objects = MonitoringEventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = "monitoring event"

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%B %Y})"

    @property
    def published_summary(self) -> str:
        """The summary, only once its publication date has come."""
        if self.summary_published_on and self.summary_published_on <= timezone.localdate():
            return self.public_summary
        return ""


class JourneyStep(models.Model):
    """Any other dated step of the journey, for the timeline (a report to a
    committee, the end of a plan's period). Inspections, plans and monitoring
    events show on the timeline by themselves."""

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
