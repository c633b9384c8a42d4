"""Form fields the site uses in place of Django's, where Django's can fail on bad input."""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import AdminFileWidget, AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models


def _fits(model_field, value, using) -> bool:
    """Whether a submitted value could be stored in this field (so can be looked up)."""
    try:
        number = model_field.to_python(value)
    except ValidationError:
        return False
    if isinstance(model_field, models.IntegerField) and number is not None:
        low, high = connections[using].ops.integer_field_range(model_field.get_internal_type())
        return (low is None or number >= low) and (high is None or number <= high)
    return True


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but a choice too big for the database's integers is refused
    as "not one of the available choices" instead of failing.

    Django looks the chosen ids up with `pk__in`; SQLite cannot even bind a
    number beyond 64 bits (OverflowError, a 500), so a tampered form with a
    30-digit id would break the page.
    """

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        meta = self.queryset.model._meta
        model_field = meta.pk if key == "pk" else meta.get_field(key)
        if isinstance(model_field, models.IntegerField):
            for choice in value or ():
                text = str(choice).strip()
                # Words are left to Django, which says they are not valid ids.
                if text.lstrip("+-").isdigit() and not _fits(model_field, text, self.queryset.db):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": choice},
                    )
        return super()._check_values(value)


class SafeAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete, which shows the chosen item again when a form
    comes back with errors: it looks up only values that could be one.
    Django's looks up whatever was sent, and a tampered value such as ":" fails
    the lookup and the page (a 500)."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        to_field = remote.model._meta.get_field(remote.field_name)
        using = self.db or DEFAULT_DB_ALIAS
        value = [v for v in value if v in ("", None) or _fits(to_field, v, using)]
        return super().optgroups(name, value, attr)


class LabelledAdminFileWidget(AdminFileWidget):
    """The admin's file box, with a label of its own.

    Django draws it inside a fieldset whose legend names the group but not the
    file box, which is then a form field without a name (axe-core's "label"
    rule). Drawn like any other field, its label points at the box; the
    "Clear" tick box beside a saved file has its own label.
    """

    use_fieldset = False


class SafeChoicesAdminMixin:
    """For a ModelAdmin or inline: choices that a tampered form cannot turn into a 500."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
