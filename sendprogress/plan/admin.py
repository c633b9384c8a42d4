from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from sendprogress.core.fields import SafeChoicesAdminMixin

from . import services
from .models import (
    Action,
    ActionUpdate,
    Area,
    ComparatorSeries,
    ComparatorValue,
    Evidence,
    Figure,
    Inspection,
    Judgement,
    LocalArea,
    Measure,
    MeasureMilestone,
    Milestone,
)
from .uploads import validate_evidence_file


@admin.register(LocalArea)
class LocalAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "site_name", "contact_email")


class JudgementInline(SafeChoicesAdminMixin, admin.TabularInline):
    model = Judgement
    extra = 0
    autocomplete_fields = ("area",)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("title", "short_title", "order")
    list_editable = ("order",)
    search_fields = ("title", "short_title", "summary")
    prepopulated_fields = {"slug": ("short_title",)}
    ordering = ("order",)


@admin.register(Inspection)
class InspectionAdmin(SafeChoicesAdminMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "date", "published_on", "bodies")
    list_filter = ("kind",)
    search_fields = ("title", "summary")
    date_hierarchy = "date"
    inlines = [JudgementInline]
    autocomplete_fields = ("letter",)


@admin.register(Judgement)
class JudgementAdmin(admin.ModelAdmin):
    list_display = ("area", "inspection", "outcome")
    list_filter = ("outcome", "inspection")
    search_fields = ("findings", "area__title")


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 1


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("title", "area", "owner_role", "due_date", "status")
    list_filter = ("status", "area")
    search_fields = ("title", "description", "owner_role")
    ordering = ("area__order", "order", "due_date")
    inlines = [ActionUpdateInline]


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
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ("title", "code", "area", "unit", "frequency", "is_public", "illustrative")
    list_filter = ("area", "unit", "frequency", "is_public", "illustrative")
    search_fields = ("title", "code", "definition")
    ordering = ("area__order", "order")
    prepopulated_fields = {"code": ("title",)}
    inlines = [MeasureMilestoneInline, FigureInline]
    fieldsets = (
        (None, {"fields": ("area", "title", "code", "order", "is_public", "illustrative")}),
        (
            "What it means",
            {"fields": ("why_it_matters", "definition", "source", "frequency", "reporting_ends")},
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
            # The admin saves inside a transaction, so this lock holds until it commits.
            current = Figure.objects.select_for_update().get(pk=self.instance.pk)
            if current.version != data.get("version_seen"):
                raise ValidationError(
                    "Someone else saved this figure after you opened it, so your change was "
                    f"not saved. It is now: figure {current.value}, "
                    f"status {current.get_status_display().lower()}, "
                    f"commentary “{current.commentary or 'none'}”. Reload the page to see it."
                )
        return data


@admin.register(Figure)
class FigureAdmin(SafeChoicesAdminMixin, SimpleHistoryAdmin):
    """Figures enter as drafts; status changes only through the workflow actions.

    Approved figures are read-only here: an approver corrects them, with a
    reason, on the staff "correct" page.
    """

    form = FigureAdminForm
    list_display = ("measure", "period", "value", "status", "entered_by", "approved_by")
    list_filter = ("status", "measure__area", "measure")
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
    )
    actions = ["submit_selected", "approve_selected"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status != Figure.Status.APPROVED)

    def save_model(self, request, obj, form, change):
        obj.entered_by = request.user
        obj._change_reason = "Edited in the admin" if change else "Entered in the admin"
        super().save_model(request, obj, form, change)

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
            "area",
            "action",
            "measure",
            "figure",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(validate_evidence_file)

    def clean(self):
        data = super().clean()
        if "file" in self.changed_data and data.get("file") and not data.get("no_personal_data"):
            self.add_error(
                "no_personal_data",
                "Confirm that the file holds no personal data about a child before uploading it.",
            )
        return data


@admin.register(Evidence)
class EvidenceAdmin(SafeChoicesAdminMixin, SimpleHistoryAdmin):
    form = EvidenceAdminForm
    list_display = ("title", "date", "is_public", "area", "measure", "uploaded_by")
    list_filter = ("is_public", "area")
    search_fields = ("title", "description")
    date_hierarchy = "date"
    autocomplete_fields = ("measure", "action", "figure")
    readonly_fields = ("original_filename", "uploaded_by")
    # The file is stored under a name the server makes up (evidence_upload_to),
    # so the length of the uploader's name does not matter: without this the
    # admin refuses names over 100 characters, the model field's default.
    formfield_overrides = {models.FileField: {"max_length": None}}

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            obj.uploaded_by = request.user
            obj.original_filename = ""
        super().save_model(request, obj, form, change)


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
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
