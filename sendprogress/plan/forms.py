from django import forms

from .progress import Progress


class MeasureFilterForm(forms.Form):
    """The all-measures filter. Blank means "all", so a bare URL shows everything."""

    area = forms.ChoiceField(label="Area", required=False)
    progress = forms.ChoiceField(label="Progress", required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "All areas")] + [(a.slug, str(a)) for a in areas]
        self.fields["progress"].choices = [("", "Any progress")] + [
            (p.value, p.label) for p in Progress
        ]
        self.fields["area"].error_messages["invalid_choice"] = "Choose an area from the list"
        self.fields["progress"].error_messages["invalid_choice"] = (
            "Choose on track, at risk, off track or no data yet"
        )
