from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from sendprogress.plan.measures import periods
from sendprogress.plan.measures.due_periods import State
from sendprogress.plan.measures.uploads import ALLOWED_TYPES_TEXT, validate_evidence_file
from sendprogress.plan.models import Finding, Measure

# Without a baseline date there is no start to count from: offer this many periods.
PERIOD_CHOICES_BACK = 12


def period_choices(measure, *, today: date | None = None) -> list[tuple[str, str]]:
    """The periods a figure can be entered for, newest (the one due) first."""
    today = today or timezone.localdate()
    start = periods.due_period(measure.frequency, today)
    if measure.reporting_ends and start > measure.reporting_ends:
        start = periods.period_start(measure.frequency, measure.reporting_ends)
    choices = []
    # Every period back to the baseline, so an old missing figure can be entered.
    while measure.baseline_date or len(choices) < PERIOD_CHOICES_BACK:
        if measure.baseline_date and start < measure.baseline_date:
            break
        choices.append((start.isoformat(), periods.label(measure.frequency, start)))
        start = periods.previous_period(measure.frequency, start)
    return choices


def figure_initial(figure) -> dict:
    """What a form to change or correct a figure starts with. A figure worked out
    from its numerator and denominator starts with the figure blank, so that a
    changed denominator gives a new figure instead of a refusal that the old one
    no longer fits (the box would hold a value nobody typed)."""
    worked_out = figure.numerator is not None and figure.denominator is not None
    return {
        "value": None if worked_out else figure.value,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "commentary": figure.commentary,
        "version": figure.version,
    }


class FigureFields(forms.Form):
    value = forms.DecimalField(
        label="Figure",
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text="Leave blank if you give the numerator and denominator: it is worked out.",
    )
    numerator = forms.IntegerField(label="Numerator", required=False, min_value=0)
    denominator = forms.IntegerField(label="Denominator", required=False, min_value=0)
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the figure shows and why. Needed when it misses its milestone.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class FigureForm(FigureFields):
    """Enter a figure for a period, with an optional evidence file."""

    period = forms.TypedChoiceField(label="Period", coerce=date.fromisoformat)
    evidence_file = forms.FileField(
        label="Evidence file (optional)",
        required=False,
        validators=[validate_evidence_file],
        help_text=f"{ALLOWED_TYPES_TEXT}.",
    )
    evidence_title = forms.CharField(label="Evidence title", required=False, max_length=200)
    evidence_public = forms.TypedChoiceField(
        label="Who can see this evidence?",
        choices=[
            ("public", "Public: anyone, on the site, once the figure is approved"),
            ("internal", "Internal: staff only"),
        ],
        coerce=lambda choice: choice == "public",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    no_personal_data = forms.BooleanField(
        label="I confirm the file holds no personal data about any child", required=False
    )

    field_order = ["period", "value", "numerator", "denominator", "commentary"]

    def __init__(
        self, *args, measure, only_period: date | None = None, can_publish=True, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.can_publish = can_publish
        if not can_publish:
            self.fields["evidence_public"].help_text = (
                "Only an approver can publish evidence. If you choose public, it is "
                "saved as internal and waits for an approver to publish it."
            )
        if only_period is None:
            self.fields["period"].choices = period_choices(measure)
        else:
            # Quick entry on the data-due page is for the period now due, which the
            # page names beside it; a list of every period since the baseline in
            # each measure's form would be most of the page's size and time.
            period = self.fields["period"]
            period.choices = [
                (only_period.isoformat(), periods.label(measure.frequency, only_period))
            ]
            period.widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("evidence_file") and cleaned.get("evidence_public") is None:
            self.add_error(
                "evidence_public",
                "Choose whether the evidence is public or internal.",
            )
        return cleaned


class CorrectionForm(FigureFields):
    correction_reason = forms.CharField(
        label="Why is the approved figure changing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This is kept with the figure and in its history.",
        error_messages={"required": "Say why the approved figure is changing."},
    )
    commentary_reviewed = forms.BooleanField(
        label="I have read the commentary and it fits the corrected figure",
        required=False,
    )


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    return_reason = forms.CharField(
        label="Reason for returning it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed only if you return the figure.",
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Saved as CSV UTF-8.",
        error_messages={
            "required": "Choose a CSV file to import.",
            "empty": "The file is empty. It needs a header row and one row per figure.",
        },
    )
    submit_for_approval = forms.TypedChoiceField(
        label="After import, the figures are",
        choices=[("no", "Drafts, for me to check"), ("yes", "Submitted for approval")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


class ComparatorImportForm(forms.Form):
    """Which DfE file, indicator and places to read onto which measure."""

    file = forms.FileField(
        label="Data file (CSV) from Explore education statistics",
        error_messages={
            "required": "Choose the CSV data file to import.",
            "empty": "The file is empty. It needs a header row and one row per period.",
        },
    )
    measure = forms.ModelChoiceField(
        label="Measure",
        queryset=None,
        to_field_name="code",
        empty_label="Choose a measure",
        error_messages={
            "required": "Choose the measure the figures compare with.",
            "invalid_choice": "Choose a measure from the list.",
        },
    )
    indicator = forms.CharField(
        label="Indicator column",
        max_length=100,
        help_text="The column's name in the file's first row, e.g. pct_20weeks_excl_exceptions.",
        error_messages={"required": "Give the name of the indicator column."},
    )
    geographies = forms.CharField(
        label="Geography codes",
        max_length=500,
        initial="E92000001",
        help_text=(
            "Codes separated by commas: E92000001 is England; a region starts E12; a local "
            "authority has a new code (E06000055) and an old three-digit one (822): either works."
        ),
        error_messages={"required": "Give at least one geography code."},
    )
    local_area_code = forms.CharField(
        label="This local area's code (optional)",
        max_length=9,
        required=False,
        help_text=(
            "Its new or old local authority code. Its figures are shown as this local area's, "
            "not a neighbour's. A place with this local area's name counts too."
        ),
    )
    source = forms.CharField(
        label="Source",
        max_length=200,
        initial="Department for Education: Education, health and care plans",
        error_messages={"required": "Say which publication the figures come from."},
    )
    release = forms.CharField(
        label="Release (optional)",
        max_length=200,
        required=False,
        help_text="Its name, for example: Education, health and care plans, June 2025.",
    )
    released_on = forms.DateField(
        label="Date of the release (optional)",
        required=False,
        help_text="For example, 2025-06-26.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as year-month-day, for example 2025-06-26."},
    )

    def __init__(self, *args, **kwargs):
        from sendprogress.plan.models import Measure

        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.all()

    def clean_geographies(self) -> list[str]:
        codes = [c.strip().upper() for c in self.cleaned_data["geographies"].split(",")]
        codes = [c for c in codes if c]
        if not codes or not all(_is_place_code(c) for c in codes):
            raise forms.ValidationError(
                "Give codes of a letter and 8 digits (E92000001) or old three-digit local "
                "authority codes (822), separated by commas."
            )
        return codes

    def clean_local_area_code(self) -> str:
        code = self.cleaned_data["local_area_code"].strip().upper()
        if code and not _is_place_code(code):
            raise forms.ValidationError(
                "Give a code of a letter and 8 digits (E06000055) or an old three-digit one (822)."
            )
        return code


def _is_place_code(code: str) -> bool:
    """A GSS code (a letter and 8 digits) or an old three-digit local authority code."""
    if not code.isascii():
        return False
    return (len(code) == 9 and code[0].isalpha() and code[1:].isdigit()) or (
        len(code) == 3 and code.isdigit()
    )


OVERDUE = "overdue"


class DueFilterForm(forms.Form):
    """Narrow the data-due page to one area, one state, or what is overdue."""

    area = forms.ModelChoiceField(
        label="Area",
        queryset=Finding.objects.order_by("order"),
        required=False,
        empty_label="All areas",
        to_field_name="slug",
        error_messages={"invalid_choice": "Choose an area from the list."},
    )
    state = forms.ChoiceField(
        label="State",
        required=False,
        choices=[("", "Any state"), (OVERDUE, "Overdue")]
        + [(state.value, state.label) for state in State],
        error_messages={"invalid_choice": "Choose a state from the list."},
    )

    # Set by the link to every outstanding period of one measure, not chosen in the form.
    measure = forms.ModelChoiceField(
        queryset=Measure.objects.all(),
        required=False,
        to_field_name="code",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That measure does not exist: show everything instead."},
    )

    def clean(self):
        # The measure comes from a link, not a field on the page: say what is wrong above the form.
        if self._errors.pop("measure", None):
            self.add_error(None, self.fields["measure"].error_messages["invalid_choice"])
        return super().clean()

    def narrow(self, measures):
        """The chosen area's measures, or the chosen measure, of a queryset of measures."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("area"):
            measures = measures.filter(findings=data["area"]).distinct()
        if data.get("measure"):
            measures = measures.filter(pk=data["measure"].pk)
        return measures

    def keeps(self, row) -> bool:
        """Whether an outstanding period (of a measure `narrow` kept) passes the filters."""
        data = self.cleaned_data if self.is_valid() else {}
        state = data.get("state")
        if state == OVERDUE:
            return row.overdue
        return not state or row.state == state


class BulkApprovalForm(forms.Form):
    """Figures ticked for approval, each as "id:version" so that a figure
    changed since it was ticked is refused rather than approved unseen."""

    figure = forms.MultipleChoiceField(
        error_messages={
            "required": "Tick the figures you want to approve.",
            "invalid_choice": (
                "A ticked figure is no longer waiting for your approval: it changed since "
                "you looked, someone else decided on it, or you entered or submitted it. "
                "Go back to the list and tick again."
            ),
        },
    )

    def __init__(self, *args, user, **kwargs):
        from sendprogress.plan.models import Figure

        super().__init__(*args, **kwargs)
        self.approvable = {
            self.choice_for(f): f
            for f in Figure.objects.filter(status=Figure.Status.SUBMITTED)
            .exclude(entered_by=user)
            .exclude(submitted_by=user)
            .select_related("measure")
        }
        self.fields["figure"].choices = [(c, str(f)) for c, f in self.approvable.items()]

    @staticmethod
    def choice_for(figure) -> str:
        return f"{figure.pk}:{figure.version}"

    def clean_figure(self):
        return [self.approvable[choice] for choice in self.cleaned_data["figure"]]


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add an internal comment",
        help_text="Only staff see this. It is never published.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write your comment."},
    )
