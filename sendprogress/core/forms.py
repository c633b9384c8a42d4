"""One way to draw a form: GOV.UK Frontend's markup, from Django's form renderer.

`FORM_RENDERER` points at `GovukFormRenderer`, so `{{ form.field.as_field_group }}`
draws a GOV.UK form group (label or legend, hint, error message, the input) from
`templates/forms/field.html`, and every widget carries the GOV.UK class for
its kind, with the error modifier when the field has an error. Forms need no
styling code of their own, and templates no hand-written inputs.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

# The GOV.UK Frontend class for each kind of widget; anything else is an input.
_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.FileInput, "govuk-file-upload"),
]
# Kinds whose error state GOV.UK marks on the input itself.
_ERROR_MODIFIERS = {"govuk-input", "govuk-textarea", "govuk-select", "govuk-file-upload"}


def govuk_class(widget: forms.Widget) -> str:
    for kind, css in _CLASSES:
        if isinstance(widget, kind):
            return css
    if isinstance(widget, forms.NumberInput):
        return "govuk-input govuk-input--width-10"
    return "govuk-input"


class InlineRadioSelect(forms.RadioSelect):
    """Radios side by side (GOV.UK's inline radios): for two short answers, like yes and no."""

    inline = True


class GovukBoundField(BoundField):
    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        css = govuk_class(widget)
        base = css.split()[0]
        if self.errors and base in _ERROR_MODIFIERS:
            css += f" {base}--error"
        # Classes a form sets itself (a width, say), on the widget or when drawing
        # it, are kept beside the GOV.UK one.
        given = f"{widget.attrs.get('class', '')} {attrs.get('class', '')}"
        own = " ".join(c for c in dict.fromkeys(given.split()) if c not in css.split())
        attrs["class"] = f"{css} {own}".strip()
        return attrs

    @property
    def first_input_id(self) -> str:
        """The id an error summary links to: the input, or a list's first choice."""
        if self.choice_kind:
            return f"{self.auto_id}_0"
        return self.id_for_label

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def is_inline(self) -> bool:
        return getattr(self.field.widget, "inline", False)

    @property
    def choice_kind(self) -> str:
        """'checkboxes' or 'radios' for a list of choices, else ''."""
        if isinstance(self.field.widget, forms.CheckboxSelectMultiple):
            return "checkboxes"
        if isinstance(self.field.widget, forms.RadioSelect):
            return "radios"
        return ""


class GovukFormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
    bound_field_class = GovukBoundField
