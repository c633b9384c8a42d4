from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .measures import Figure, Measure
from .plans import Plan


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """A name the server makes up: the uploader's file name is never used on disk."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"evidence/{uuid.uuid4().hex}{suffix}"


class EvidenceQuerySet(models.QuerySet):
    def public(self, *, preview: bool = False) -> EvidenceQuerySet:
        """Evidence the public may see: marked public, and backing nothing that is
        not public: not a hidden or embargoed measure, an action of a draft or
        embargoed plan, a finding under embargo, a figure that is not approved
        (which would give it away before it is published), nor the report of an
        inspection or the document of a plan still under embargo."""
        from .inspections import Finding, Inspection
        from .plans import Action

        measures = Measure.objects.public(preview=preview)
        hidden_letters = Inspection.objects.exclude(
            pk__in=Inspection.objects.public(preview=preview)
        ).filter(letter__isnull=False)
        hidden_documents = Plan.objects.exclude(
            pk__in=Plan.objects.public(preview=preview)
        ).filter(document__isnull=False)
        return (
            self.filter(is_public=True)
            .filter(Q(measure__isnull=True) | Q(measure__in=measures))
            .filter(
                Q(figure__isnull=True)
                | Q(figure__status=Figure.Status.APPROVED, figure__measure__in=measures)
            )
            .filter(Q(action__isnull=True) | Q(action__in=Action.objects.public(preview=preview)))
            .filter(
                Q(finding__isnull=True) | Q(finding__in=Finding.objects.public(preview=preview))
            )
            .exclude(pk__in=hidden_letters.values("letter"))
            .exclude(pk__in=hidden_documents.values("document"))
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
        "plan.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    measure = models.ForeignKey(
        "plan.Measure", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    figure = models.ForeignKey(
        "plan.Figure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
