from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.html import format_html_join
from django.utils.text import slugify

from sendprogress.accounts.permissions import StaffAction, can
from sendprogress.core.fields import LabelledAdminFileWidget, SafeChoicesAdminMixin
from sendprogress.history_admin import HistoryAdmin

from .measures import services, stored_progress
from .measures.uploads import validate_evidence_file
from .models import (
    Action,
    ActionUpdate,
    ComparatorSeries,
    ComparatorValue,
    Evidence,
    Figure,
    Finding,
    Inspection,
    JourneyStep,
    Judgement,
    LocalArea,
    Measure,
    MeasureMilestone,
    MonitoringEvent,
    Partner,
    Plan,
)
from .story import framework_fields, frameworks


@admin.register(LocalArea)
class LocalAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "site_name", "contact_email")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "site_name",
                    "partners",
                    "forum_name",
                    "contact_email",
                    "contact_phone",
                    "about",
                )
            },
        ),
        (
            "Get help now",
            {
                "description": "Where a family can get help today. The public pages link to "
                "each one you fill in, and leave out the rest.",
                "fields": (
                    "sendiass_url",
                    "mediation_url",
                    "tribunal_url",
                    "complaints_url",
                    "local_offer_url",
                ),
            },
        ),
    )


# --- Inspections, findings, plans and monitoring (the framework's shape) ---
# The words and rules of each inspection framework live in plan/story/frameworks.py;
# each model's clean() checks its keys fit its inspection's framework.


def _inspection_named(form, name: str = "inspection") -> Inspection | None:
    """The inspection a finding, judgement or plan form is about: the one posted,
    else the one saved, else one asked for in the address (?inspection=)."""
    saved = getattr(form.instance, f"{name}_id", None) or form.initial.get(name)
    pk = framework_fields.posted_or_saved(form, name, saved)
    if isinstance(pk, Inspection):
        return pk
    try:
        return Inspection.objects.filter(pk=int(pk)).first() if pk else None
    except (TypeError, ValueError):
        return None


class InspectionForm(forms.ModelForm):
    """Kinds and outcomes in the inspection's framework's words: the one posted,
    else the one saved, else one asked for (?framework=2016); a new inspection
    offers each framework's, grouped under its name."""

    def __init__(self, *args, **kwargs):
        asked = (kwargs.get("initial") or {}).get("framework")
        super().__init__(*args, **kwargs)
        saved = self.instance.framework if self.instance.pk else asked
        framework = framework_fields.framework_named(
            framework_fields.posted_or_saved(self, "framework", saved)
        )
        framework_fields.inspection_kinds(self, framework)
        framework_fields.overall_outcomes(self, framework)


class JudgementForm(forms.ModelForm):
    """A judgement's outcome in the words of its inspection's framework."""

    # Set by an inline to its inspection's framework; otherwise the chosen inspection's.
    framework: frameworks.Framework | None = None
    framework_from_inspection = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        framework = self.framework
        if self.framework_from_inspection:
            inspection = _inspection_named(self)
            framework = inspection.framework_info if inspection else None
        framework_fields.judgement_outcomes(self, framework)


def unique_slug(model, text: str, *, exclude_pk=None) -> str:
    """A slug for `text` no other `model` row has: the plain one, else -2, -3..."""
    limit = model._meta.get_field("slug").max_length
    base = slugify(text)[:limit].strip("-") or model._meta.model_name
    taken = model.objects.exclude(pk=exclude_pk)
    slug, n = base, 1
    while taken.filter(slug=slug).exists():
        n += 1
        suffix = f"-{n}"
        slug = base[: limit - len(suffix)].rstrip("-") + suffix
    return slug


class SlugFromTitleForm(forms.ModelForm):
    """The slug may be left blank: then one is made from `slug_from` on the
    server (the admin's prepopulating needs JavaScript; the page must not)."""

    slug_from = "title"
    slug_help = "Leave blank to make one from the title"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = self.slug_help

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug"):
            text = cleaned.get(self.slug_from) or cleaned.get("title")
            if text:
                cleaned["slug"] = unique_slug(self._meta.model, text, exclude_pk=self.instance.pk)
        return cleaned


class FindingForm(SlugFromTitleForm):
    # The same words the admin's JavaScript would fill it from.
    slug_from = "short_title"
    slug_help = "Leave blank to make one from the short title"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        inspection = _inspection_named(self)
        framework_fields.finding_kinds(self, inspection.framework_info if inspection else None)


class PlanForm(SlugFromTitleForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        inspection = _inspection_named(self)
        framework_fields.plan_kinds(self, inspection.framework_info if inspection else None)


class JudgementInline(SafeChoicesAdminMixin, admin.TabularInline):
    model = Judgement
    form = JudgementForm
    extra = 0
    autocomplete_fields = ("finding",)

    def get_formset(self, request, obj=None, **kwargs):
        """Each judgement worded by the framework of the inspection being edited
        (as posted, when it is being changed)."""
        formset = super().get_formset(request, obj, **kwargs)
        key = request.POST.get("framework") if request.method == "POST" else None
        key = key or (obj.framework if obj else None)
        formset.form = type(
            "InlineJudgementForm",
            (formset.form,),
            {
                "framework": framework_fields.framework_named(key),
                "framework_from_inspection": False,
            },
        )
        return formset


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    search_fields = ("name",)


@admin.register(Finding)
class FindingAdmin(SafeChoicesAdminMixin, HistoryAdmin):
    form = FindingForm
    list_display = ("title", "kind", "inspection", "order")
    list_filter = ("kind", "inspection")
    search_fields = ("title", "short_title", "summary")
    prepopulated_fields = {"slug": ("short_title",)}
    ordering = ("order",)
    filter_horizontal = ("owners",)


@admin.register(Inspection)
class InspectionAdmin(SafeChoicesAdminMixin, HistoryAdmin):
    form = InspectionForm
    list_display = (
        "title",
        "framework",
        "kind",
        "date",
        "outcome",
        "publication",
        "published_on",
    )
    list_filter = ("framework", "kind", "publication")
    search_fields = ("title", "summary")
    date_hierarchy = "date"
    inlines = [JudgementInline]
    autocomplete_fields = ("letter",)
    readonly_fields = ("pages",)

    @admin.display(description="Its pages on the site")
    def pages(self, inspection):
        """Links to its findings' and plans' pages: staff see them before they are
        public (with a banner saying until when); the public once they are."""
        if not inspection.pk:
            return "Save the inspection and add its findings first."
        links = [*inspection.findings.all(), *inspection.plans.all()]
        if not links:
            return "No findings or plans yet."
        return format_html_join(
            ", ", '<a href="{}">{}</a>', ((r.get_absolute_url(), str(r)) for r in links)
        )


@admin.register(Judgement)
class JudgementAdmin(SafeChoicesAdminMixin, HistoryAdmin):
    form = JudgementForm
    list_display = ("finding", "inspection", "outcome")
    list_filter = ("outcome", "inspection")
    search_fields = ("what_inspectors_found", "finding__title")


@admin.register(Plan)
class PlanAdmin(SafeChoicesAdminMixin, HistoryAdmin):
    form = PlanForm
    list_display = ("title", "kind", "status", "approved_on", "approved_by")
    list_filter = ("kind", "status")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("findings",)
    autocomplete_fields = ("document",)


@admin.register(MonitoringEvent)
class MonitoringEventAdmin(SafeChoicesAdminMixin, HistoryAdmin):
    list_display = ("title", "kind", "date", "who", "summary_published_on")
    list_filter = ("kind",)
    search_fields = ("title", "public_summary")
    date_hierarchy = "date"
    filter_horizontal = ("findings",)


# --- Actions, measures, figures and evidence ---


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 1


@admin.register(Action)
class ActionAdmin(SafeChoicesAdminMixin, HistoryAdmin):
    list_display = ("title", "plan", "owner_role", "due_date", "status")
    list_filter = ("status", "plan", "findings")
    search_fields = ("title", "description", "owner_role")
    ordering = ("plan", "order", "due_date")
    filter_horizontal = ("findings",)
    inlines = [ActionUpdateInline]
    fieldsets = (
        (None, {"fields": ("plan", "findings", "title", "description", "order")}),
        ("Who leads it", {"fields": ("owner_role", "lead_name")}),
        (
            "What it will achieve, and how it is going",
            {
                "fields": (
                    "success_looks_like",
                    "due_date",
                    "status",
                    "finished_on",
                    "not_done_reason",
                )
            },
        ),
    )


class MeasureMilestoneInline(admin.TabularInline):
    model = MeasureMilestone
    extra = 1


class ListedFigureForm(forms.ModelForm):
    """A figure listed on its measure's page: every field read-only, nothing posted.

    So nothing is checked either. The figure's own rules (Figure.clean)
    would otherwise run against the measure's unsaved edits (a new target or
    baseline) and report errors on fields this list does not have, which
    Django cannot show and turns into a 500.
    """

    class Meta:
        model = Figure
        fields = ()

    def _post_clean(self):
        pass


class FigureInline(admin.TabularInline):
    """Figures listed on their measure, read-only: they change through their own workflow."""

    model = Figure
    form = ListedFigureForm
    extra = 0
    fields = ("period", "value", "numerator", "denominator", "status")
    readonly_fields = fields
    ordering = ("-period",)
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Measure)
class MeasureAdmin(SafeChoicesAdminMixin, HistoryAdmin):
    list_display = ("title", "code", "plan", "unit", "frequency", "is_public", "illustrative")
    list_filter = ("plan", "findings", "unit", "frequency", "is_public", "illustrative")
    search_fields = ("title", "code", "definition")
    ordering = ("plan", "order")
    filter_horizontal = ("findings",)
    prepopulated_fields = {"code": ("title",)}
    inlines = [MeasureMilestoneInline, FigureInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "plan",
                    "findings",
                    "title",
                    "code",
                    "order",
                    "is_public",
                    "illustrative",
                )
            },
        ),
        (
            "What it means",
            {
                "fields": (
                    "why_it_matters",
                    "definition",
                    "source",
                    "frequency",
                    "reporting_starts",
                    "reporting_ends",
                )
            },
        ),
        ("Units", {"fields": ("unit", "rate_per", "decimal_places", "higher_is_better")}),
        (
            "Baseline and target",
            {
                "fields": (
                    ("baseline_value", "baseline_date", "baseline_label"),
                    ("target_value", "target_date"),
                    "tolerance",
                )
            },
        ),
        ("Comparator", {"fields": (("comparator_value", "comparator_label", "comparator_year"),)}),
    )

    def save_related(self, request, form, formsets, change):
        """With its milestones saved too, the measure's stored progress follows its
        baseline, target, tolerance, direction and milestones (in the admin's
        transaction)."""
        super().save_related(request, form, formsets, change)
        stored_progress.refresh([form.instance.pk], instance=form.instance)


class FigureAdminForm(forms.ModelForm):
    """Refuses a save based on an out-of-date copy of the figure (no lost updates)."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Figure
        fields = ("measure", "period", "value", "numerator", "denominator", "commentary")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version_seen"].initial = self.instance.version if self.instance.pk else 0

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            # The service's own check, asked early to put its answer on the form.
            # The admin saves inside a transaction, so the lock holds until save.
            try:
                services.check_can_edit(self.instance, expected_version=data.get("version_seen"))
            except (services.EditConflict, services.WorkflowError) as refusal:
                raise ValidationError(str(refusal)) from refusal
        return data


@admin.register(Figure)
class FigureAdmin(SafeChoicesAdminMixin, HistoryAdmin):
    """Figures enter as drafts; status changes only through the workflow actions.

    Approved figures are read-only here: an approver corrects them, with a
    reason, on the staff "correct" page.
    """

    form = FigureAdminForm
    list_display = ("measure", "period", "value", "status", "entered_by", "approved_by")
    list_filter = ("status", "measure__plan", "measure")
    search_fields = ("measure__title", "measure__code", "commentary")
    date_hierarchy = "period"
    ordering = ("-period", "measure")
    list_select_related = ("measure", "entered_by", "approved_by")
    autocomplete_fields = ("measure",)
    fields = (
        "measure",
        "period",
        "value",
        ("numerator", "denominator"),
        "commentary",
        "version_seen",
        "status",
        "return_reason",
        ("entered_by", "submitted_by", "submitted_at"),
        ("approved_by", "approved_at"),
        ("returned_by", "returned_at"),
        ("correction_reason", "corrected_by", "corrected_at"),
        "value_before_correction",
    )
    readonly_fields = (
        "status",
        "return_reason",
        "entered_by",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "returned_by",
        "returned_at",
        "correction_reason",
        "corrected_by",
        "corrected_at",
        "value_before_correction",
    )
    actions = ["submit_selected", "approve_selected"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status != Figure.Status.APPROVED)

    def get_readonly_fields(self, request, obj=None):
        # A figure is known by its measure and period; the service edits it by those.
        identity = ("measure", "period") if obj is not None else ()
        return (*identity, *super().get_readonly_fields(request, obj))

    def save_model(self, request, obj, form, change):
        saved = services.save_figure(
            measure=obj.measure,
            period=obj.period,
            value=obj.value,
            numerator=obj.numerator,
            denominator=obj.denominator,
            commentary=obj.commentary,
            by=request.user,
            expected_version=form.cleaned_data.get("version_seen"),
        )
        obj.pk, obj.version = saved.pk, saved.version

    def delete_model(self, request, obj):
        # The admin's delete view runs in a transaction: the refresh joins it.
        super().delete_model(request, obj)
        stored_progress.refresh([obj.measure_id])

    def delete_queryset(self, request, queryset):
        # "Delete selected figures": one transaction, each measure refreshed once.
        with transaction.atomic(using=queryset.db):
            measure_ids = set(queryset.values_list("measure_id", flat=True))
            super().delete_queryset(request, queryset)
            stored_progress.refresh(measure_ids)

    def _run(self, request, queryset, step, done):
        count = 0
        for figure in queryset:
            try:
                step(figure=figure, by=request.user)
            except (services.WorkflowError, PermissionDenied, ValidationError) as error:
                text = "; ".join(error.messages) if isinstance(error, ValidationError) else error
                self.message_user(request, f"{figure}: {text}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, f"{count} figure(s) {done}.", messages.SUCCESS)

    @admin.action(description="Submit selected figures for approval")
    def submit_selected(self, request, queryset):
        self._run(request, queryset, services.submit_figure, "submitted")

    @admin.action(description="Approve selected submitted figures")
    def approve_selected(self, request, queryset):
        self._run(request, queryset, services.approve_figure, "approved")


class EvidenceAdminForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = (
            "title",
            "date",
            "description",
            "file",
            "url",
            "is_public",
            "no_personal_data",
            "finding",
            "action",
            "measure",
            "figure",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Absent when the user may only view evidence: the fields are read-only then.
        if "file" in self.fields:
            self.fields["file"].validators.append(validate_evidence_file)


@admin.register(Evidence)
class EvidenceAdmin(SafeChoicesAdminMixin, HistoryAdmin):
    """Evidence is saved by services.save_evidence, as from the staff pages: it
    asks for the no-personal-data confirmation and lets only an approver publish."""

    form = EvidenceAdminForm
    list_display = ("title", "date", "is_public", "finding", "measure", "uploaded_by")
    list_filter = ("is_public", "finding")
    search_fields = ("title", "description")
    date_hierarchy = "date"
    autocomplete_fields = ("measure", "action", "figure")
    readonly_fields = ("original_filename", "uploaded_by")
    # The file is stored under a name the server makes up (evidence_upload_to),
    # so the length of the uploader's name does not matter: without this the
    # admin refuses names over 100 characters, the model field's default.
    formfield_overrides = {
        models.FileField: {"max_length": None, "widget": LabelledAdminFileWidget}
    }

    def get_readonly_fields(self, request, obj=None):
        # Offered only to those who may publish; save_evidence refuses the rest anyway.
        fixed = () if can(request.user, StaffAction.PUBLISH_EVIDENCE) else ("is_public",)
        return (*super().get_readonly_fields(request, obj), *fixed)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class CheckedBySaveEvidence(form_class):
            def _post_clean(self):
                super()._post_clean()
                if self.errors:
                    return
                # The service's own rules, asked early to put answers on the form.
                try:
                    services.check_evidence(
                        evidence=self.instance,
                        by=request.user,
                        new_file="file" in self.changed_data,
                    )
                except ValidationError as error:
                    # A rule about a field this user is not offered goes at the top.
                    for field, messages in error.error_dict.items():
                        self.add_error(field if field in self.fields else None, messages)

        return CheckedBySaveEvidence

    def save_model(self, request, obj, form, change):
        services.save_evidence(evidence=obj, by=request.user, new_file="file" in form.changed_data)


@admin.register(JourneyStep)
class JourneyStepAdmin(admin.ModelAdmin):
    list_display = ("date", "title", "kind")
    list_filter = ("kind",)
    search_fields = ("title", "description")
    ordering = ("date",)


class ComparatorValueInline(SafeChoicesAdminMixin, admin.TabularInline):
    model = ComparatorValue
    extra = 0


@admin.register(ComparatorSeries)
class ComparatorSeriesAdmin(SafeChoicesAdminMixin, admin.ModelAdmin):
    """For small corrections; series normally arrive by the DfE import (staff pages)."""

    list_display = ("label", "measure", "kind", "release")
    list_filter = ("kind",)
    inlines = [ComparatorValueInline]
