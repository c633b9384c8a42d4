from django.contrib import admin

from .models import (
    Action,
    ActionUpdate,
    Area,
    Evidence,
    Inspection,
    Judgement,
    Kpi,
    KpiMilestone,
    LocalArea,
    Measurement,
    Milestone,
)


@admin.register(LocalArea)
class LocalAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "site_name", "contact_email")


class JudgementInline(admin.TabularInline):
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
class InspectionAdmin(admin.ModelAdmin):
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
class ActionAdmin(admin.ModelAdmin):
    list_display = ("title", "area", "owner_role", "due_date", "status")
    list_filter = ("status", "area")
    search_fields = ("title", "description", "owner_role")
    ordering = ("area__order", "order", "due_date")
    inlines = [ActionUpdateInline]


class KpiMilestoneInline(admin.TabularInline):
    model = KpiMilestone
    extra = 1


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ("period", "value", "numerator", "denominator", "status")
    ordering = ("-period",)
    show_change_link = True


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = ("title", "code", "area", "unit", "frequency", "is_public", "illustrative")
    list_filter = ("area", "unit", "frequency", "is_public", "illustrative")
    search_fields = ("title", "code", "definition")
    ordering = ("area__order", "order")
    prepopulated_fields = {"code": ("title",)}
    inlines = [KpiMilestoneInline, MeasurementInline]
    fieldsets = (
        (None, {"fields": ("area", "title", "code", "order", "is_public", "illustrative")}),
        ("What it means", {"fields": ("why_it_matters", "definition", "source", "frequency")}),
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


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ("kpi", "period", "value", "status", "entered_by", "approved_by")
    list_filter = ("status", "kpi__area", "kpi")
    search_fields = ("kpi__title", "kpi__code", "commentary")
    date_hierarchy = "period"
    ordering = ("-period", "kpi")
    list_select_related = ("kpi", "entered_by", "approved_by")
    autocomplete_fields = ("kpi",)
    readonly_fields = ("entered_by", "submitted_at", "approved_by", "approved_at")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("title", "date", "is_public", "area", "kpi", "uploaded_by")
    list_filter = ("is_public", "area")
    search_fields = ("title", "description")
    date_hierarchy = "date"
    autocomplete_fields = ("kpi", "action", "measurement")
    readonly_fields = ("original_filename", "uploaded_by")


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("date", "title", "kind")
    list_filter = ("kind",)
    search_fields = ("title", "description")
    ordering = ("date",)
