from django import forms

from .measures.progress import Progress


class MeasureFilterForm(forms.Form):
    """The all-measures filter. Blank means "all", so a bare URL shows everything."""

    # Old links with "?area=" are redirected here (`sendprogress.public.RENAMED_QUERY`).
    finding = forms.ChoiceField(label="About", required=False)
    progress = forms.ChoiceField(label="Progress", required=False)

    def __init__(self, *args, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].choices = [("", "Everything")] + [
            (f.slug, str(f)) for f in findings
        ]
        self.fields["progress"].choices = [("", "Any progress")] + [
            (p.value, p.label) for p in Progress
        ]
        self.fields["finding"].error_messages["invalid_choice"] = (
            "Choose what the measures are about from the list"
        )
        self.fields["progress"].error_messages["invalid_choice"] = (
            "Choose on track, at risk, off track or no data yet"
        )
