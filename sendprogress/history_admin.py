"""The admin's history pages: every old version can be read, none restored.

django-simple-history's "revert" saves an old version straight from its own
form. That skips the rules every other change goes through (the figure
workflow, the publishing rule for updates, the approver-only rule for making
evidence public), and the library lets anyone who may *view* the record send
it. So the history pages here only show: to bring an old value back, a member
of staff copies it into the change form, which applies the rules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

REVERT_REFUSED = (
    "Old versions can be read here but not restored. To bring an old value back, "
    "enter it on the record's change page, where the usual checks apply."
)


class PlainWordsHelper(HistoricalRecordContextHelper):
    """A change to a field with choices in its words: "Draft → Submitted for approval",
    not "draft → submitted"."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        choices = dict(field.flatchoices or ())
        if choices and value in choices:
            return choices[value]
        if value in (None, ""):
            return "(empty)"
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin with reverting switched off for everyone (superusers too),
    and its list in people's words (templates/simple_history/object_history_list.html)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return PlainWordsHelper(self.model, historical_record)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied(REVERT_REFUSED)
        return super().history_form_view(request, object_id, version_id, extra_context)
