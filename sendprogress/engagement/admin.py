from django import forms
from django.contrib import admin

from sendprogress.core.admin_forms import UserFormAdminMixin
from sendprogress.core.fields import SafeChoicesAdminMixin
from sendprogress.history_admin import HistoryAdmin

from . import services
from .models import YouSaidWeDid


class YouSaidWeDidAdminForm(forms.ModelForm):
    """Says on the form, not with an error page, when a save needs an approver."""

    class Meta:
        model = YouSaidWeDid
        fields = ["you_said", "we_did", "done_on", "areas", "status"]

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
    list_filter = ("status", "areas")
    search_fields = ("you_said", "we_did")
    filter_horizontal = ("areas",)

    def save_model(self, request, obj, form, change):
        # The form already refused a save the user may not make; the service
        # checks again, so the rule does not depend on the form alone.
        services.save_entry(entry=obj, by=request.user, creating=not change)
