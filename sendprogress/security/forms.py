from django import forms


class CodeInput(forms.TextInput):
    """Never shows a code again: a wrong one is typed afresh, not edited."""

    def format_value(self, value):
        return None


class CodeForm(forms.Form):
    """One code: six digits from the authenticator app, or (to verify) a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        error_messages={"required": "Enter the code"},
        widget=CodeInput(
            attrs={
                "class": "govuk-input--width-10",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
    )

    def __init__(self, *args, help_text: str, digits_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text
        if digits_only:
            self.fields["code"].widget.attrs["inputmode"] = "numeric"
