from django import forms
from django.contrib import admin

from sendprogress.accounts.permissions import StaffAction, can
from sendprogress.core.admin_forms import UserFormAdminMixin
from sendprogress.core.fields import SafeChoicesAdminMixin
from sendprogress.history_admin import HistoryAdmin

from . import services
from .models import SearchSynonym, YouSaidWeDid


class YouSaidWeDidAdminForm(forms.ModelForm):
    """Says on the form, not with an error page, when a save needs an approver."""

    class Meta:
        model = YouSaidWeDid
        fields = ["you_said", "we_did", "done_on", "findings", "status"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        was_published = self.instance.pk and (
            YouSaidWeDid.objects.filter(
                pk=self.instance.pk, status=YouSaidWeDid.Status.PUBLISHED
            ).exists()
        )
        publishing = cleaned.get("status") == YouSaidWeDid.Status.PUBLISHED
        if (was_published or publishing) and not services.can_publish(self.user):
            raise forms.ValidationError(
                "Only an approver can publish an entry or change a published one. "
                "Save it as a draft and ask an approver to publish it."
            )
        return cleaned


@admin.register(YouSaidWeDid)
class YouSaidWeDidAdmin(UserFormAdminMixin, SafeChoicesAdminMixin, HistoryAdmin):
    form = YouSaidWeDidAdminForm
    list_display = ("__str__", "done_on", "status", "published_at")
    list_filter = ("status", "findings")
    search_fields = ("you_said", "we_did")
    filter_horizontal = ("findings",)

    def save_model(self, request, obj, form, change):
        # The form already refused a save the user may not make; the service
        # checks again, so the rule does not depend on the form alone.
        services.save_entry(entry=obj, by=request.user, creating=not change)


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """The words search treats as the same: kept by whoever may KEEP_SYNONYMS."""

    list_display = ["term", "also_means", "both_ways"]
    list_filter = ["both_ways"]
    search_fields = ["term", "also_means"]

    def has_module_permission(self, request):
        return can(request.user, StaffAction.KEEP_SYNONYMS)

    def has_view_permission(self, request, obj=None):
        return can(request.user, StaffAction.KEEP_SYNONYMS)

    def has_add_permission(self, request):
        return can(request.user, StaffAction.KEEP_SYNONYMS)

    def has_change_permission(self, request, obj=None):
        return can(request.user, StaffAction.KEEP_SYNONYMS)

    def has_delete_permission(self, request, obj=None):
        return can(request.user, StaffAction.KEEP_SYNONYMS)
