from datetime import date

from django import forms
from django.utils import timezone

# Before this, no local area had a plan on a site like this one.
EARLIEST = date(2014, 1, 1)


class SinceForm(forms.Form):
    """A date to look back from, as GOV.UK's date input asks for it: day, month, year."""

    day = forms.CharField(required=False, max_length=2)
    month = forms.CharField(required=False, max_length=2)
    year = forms.CharField(required=False, max_length=4)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            # Only too-long answers get here: say it once, for the whole date.
            self.errors.clear()
            raise forms.ValidationError("Enter a real date, for example 31 10 2026")
        parts = [(cleaned.get(name) or "").strip() for name in ("day", "month", "year")]
        if not any(parts):
            cleaned["since"] = None
            return cleaned
        if not all(parts):
            missing = [
                name
                for name, part in zip(("day", "month", "year"), parts, strict=True)
                if not part
            ]
            raise forms.ValidationError(f"The date must include a {' and a '.join(missing)}")
        try:
            day, month, year = (int(part) for part in parts)
            since = date(year, month, day)
        except ValueError:
            raise forms.ValidationError("Enter a real date, for example 31 10 2026") from None
        if since > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past")
        if since < EARLIEST:
            raise forms.ValidationError(f"The date must be after {EARLIEST.year}")
        cleaned["since"] = since
        return cleaned
