from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sendprogress.core.model_fields import staff_member
from sendprogress.plan.story.models.plans import Action, Plan

from .measures import Figure, Measure


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """A name the server makes up: the uploader's file name is never used on disk."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"evidence/{uuid.uuid4().hex}{suffix}"


def take_down(collector, field, sub_objs, using):
    """on_delete for what evidence backs: the evidence stays, internal and unhooked.

    SET_NULL alone would leave evidence held back by a deleted figure or
    hidden measure hanging on nothing, and so public without anyone
    publishing it.
    """
    collector.add_field_update(field, None, sub_objs)
    collector.add_field_update(Evidence._meta.get_field("is_public"), False, sub_objs)


def _hangs_on(*, preview: bool = False):
    """What evidence may hang on, each with the records of it the public may see.

    Evidence is public only when it is marked public and each thing it hangs
    on is public too: a hidden or embargoed measure, a draft or embargoed
    plan's measure or action, a finding under embargo, or a figure that is
    not approved would otherwise be given away by its evidence. The one table
    the query (`EvidenceQuerySet.public`) and the check on a change not yet
    saved (`Evidence.would_be_public`) both read.
    """
    from sendprogress.plan.story.models.inspections import Finding

    return (
        ("measure", Measure.objects.public(preview=preview)),
        ("figure", Figure.objects.public(preview=preview)),
        ("action", Action.objects.public(preview=preview)),
        ("finding", Finding.objects.public(preview=preview)),
    )


class EvidenceQuerySet(models.QuerySet):
    def public(self, *, preview: bool = False) -> EvidenceQuerySet:
        """Evidence the public may see: marked public, hanging on nothing the
        public may not see (`_hangs_on`), and not the report of an inspection
        or the document of a plan still under embargo."""
        from sendprogress.plan.story.models.inspections import Inspection

        shown = self.filter(is_public=True)
        for field, public in _hangs_on(preview=preview):
            shown = shown.filter(Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": public}))
        hidden_letters = Inspection.objects.exclude(
            pk__in=Inspection.objects.public(preview=preview)
        ).filter(letter__isnull=False)
        hidden_documents = Plan.objects.exclude(
            pk__in=Plan.objects.public(preview=preview)
        ).filter(document__isnull=False)
        return shown.exclude(pk__in=hidden_letters.values("letter")).exclude(
            pk__in=hidden_documents.values("document")
        )


class Evidence(models.Model):
    """A file or link that backs an action, a measure or a figure.

    Internal evidence is for staff only and never reachable by the public.
    """

    title = models.CharField(max_length=200)
    date = models.DateField()
    description = models.TextField(blank=True)
    file = models.FileField(upload_to=evidence_upload_to, blank=True)
    original_filename = models.CharField(max_length=255, blank=True, editable=False)
    url = models.URLField(
        blank=True, help_text="A link, where the evidence is published elsewhere"
    )
    is_public = models.BooleanField(
        default=False, help_text="Public evidence is listed on the site; internal is staff only"
    )
    finding = models.ForeignKey(
        "plan.Finding", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    action = models.ForeignKey(
        "plan.Action", null=True, blank=True, on_delete=take_down, related_name="evidence"
    )
    measure = models.ForeignKey(
        "plan.Measure", null=True, blank=True, on_delete=take_down, related_name="evidence"
    )
    figure = models.ForeignKey(
        "plan.Figure",
        null=True,
        blank=True,
        on_delete=take_down,
        related_name="evidence",
    )
    uploaded_by = staff_member()
    no_personal_data = models.BooleanField(
        "confirmed to hold no personal data about a child",
        default=False,
        help_text="The uploader confirmed the file names or describes no child",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="evidence_has_file_or_link"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.original_filename:
            self.original_filename = PurePosixPath(self.file.name).name
        super().save(*args, **kwargs)

    def would_be_public(self) -> bool:
        """Whether the public would see this evidence as it is now in memory,
        saved or not: the rule of `EvidenceQuerySet.public`, asked of its values."""
        if not self.is_public:
            return False
        return all(
            getattr(self, f"{field}_id") is None
            or public.filter(pk=getattr(self, f"{field}_id")).exists()
            for field, public in _hangs_on()
        )
