"""A form field's input as GOV.UK Frontend draws it when it has an error."""

from django import template

register = template.Library()

ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


@register.filter
def govuk_input(field):
    """`{{ field|govuk_input }}`: red border, and the error and hint read with the input."""
    attrs = {}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        classes = field.field.widget.attrs.get("class", "").split()
        classes += [ERROR_CLASSES[c] for c in classes if c in ERROR_CLASSES]
        attrs["class"] = " ".join(classes)
        described_by.append(f"{field.auto_id}_error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
