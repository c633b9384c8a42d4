"""The page feedback form, the search box, the list filters and the staff's triage form."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing

from sendprogress.core.forms import InlineRadioSelect
from sendprogress.updates.forms import PostFilterForm

from .masking import mask_contact_details
from .models import Feedback, YouSaidWeDid
from .pages import MAX_LENGTH, public_page
from .search import MAX_QUERY

COMMENT_LIMIT = 1200
_STAMP_SALT = "engagement.feedback.started"
NO_PAGE = "We could not tell which page this was about. Go back to the page and try again."


def started_stamp() -> str:
    """When the form was shown, signed so it cannot be made up."""
    return signing.dumps(int(time.time()), salt=_STAMP_SALT)


class FeedbackForm(forms.Form):
    """ "Is this page useful?" with an optional comment.

    Two checks stand in for a CAPTCHA: `website` is a trap that people never
    see (it is hidden) and simple bots fill in; `started` says when the form
    was shown, and an answer sent sooner than FEEDBACK_MIN_SECONDS after that
    came from a program. A page from the cache carries the time it was first
    shown, which only ever makes it older, so people are never refused for it
    as too quick. A form started FEEDBACK_MAX_AGE_HOURS or more ago is refused
    too, so that one start time cannot be used for ever: the form comes back
    with what was typed and a new start time, and sending it again works. (A
    cached page is never older than local midnight, so a person is refused only
    after leaving a page open for most of a day.)
    """

    useful = forms.TypedChoiceField(
        label="Is this page useful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=InlineRadioSelect,
        error_messages={"required": "Select yes if this page is useful, or no if it is not"},
    )
    comment = forms.CharField(
        label="What was missing or wrong? (optional)",
        help_text="Do not include your name, your child's name or any details about a child. "
        "We remove email addresses and phone numbers.",
        required=False,
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"What was missing or wrong must be {COMMENT_LIMIT} characters or fewer"
        },
    )
    page = forms.CharField(
        widget=forms.HiddenInput,
        max_length=MAX_LENGTH * 4,
        error_messages={"required": NO_PAGE, "max_length": NO_PAGE},
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    website = forms.CharField(
        label="Leave this empty", required=False, max_length=200, strip=False
    )

    def __init__(self, *args, **kwargs):
        # Its own ids, so they never clash with a form on the page it ends.
        kwargs.setdefault("auto_id", "feedback-%s")
        super().__init__(*args, **kwargs)
        # Too long a comment gets a message saying so, not a box that stops taking text.
        self.fields["comment"].widget.attrs.pop("maxlength", None)

    def clean_page(self):
        page = public_page(self.cleaned_data["page"])
        if page is None:
            raise forms.ValidationError(NO_PAGE)
        return page

    def clean_comment(self):
        return mask_contact_details(self.cleaned_data["comment"])

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=_STAMP_SALT)
        except signing.BadSignature:
            started = None
        if not isinstance(started, int) or time.time() - started < settings.FEEDBACK_MIN_SECONDS:
            raise forms.ValidationError(
                "Your answer came too quickly for us to be sure a person sent it. "
                "Check it and send it again."
            )
        if time.time() - started >= settings.FEEDBACK_MAX_AGE_HOURS * 60 * 60:
            raise forms.ValidationError(
                "This form was opened a long time ago, so we could not take your answer. "
                "Check it and send it again."
            )
        return started

    @property
    def is_trap_filled(self) -> bool:
        return bool(self.data.get("website"))


class SearchForm(forms.Form):
    """The search box. Never refused: `search.clean_query` tidies what is typed."""

    q = forms.CharField(
        label="Search this site",
        help_text="Areas, measures, actions, updates, what families told us, documents "
        "and words we use",
        required=False,
        max_length=MAX_QUERY,
        widget=forms.SearchInput,
    )


class EntryFilterForm(PostFilterForm):
    """Which finding's "You said, we did" entries to list. An unknown finding shows them all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].label = "Show what families said about"


class FeedbackFilterForm(forms.Form):
    """Which feedback staff see: by page, finding and status. Nothing chosen shows it all."""

    page_address = forms.ChoiceField(label="Page", required=False)
    finding = forms.ChoiceField(label="Area", required=False)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Feedback.Status.choices]
    )

    def __init__(self, *args, pages, findings, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["page_address"].choices = [("", "All pages"), *((p, p) for p in pages)]
        self.fields["finding"].choices = [
            ("", "All areas"),
            *((f.slug, str(f)) for f in findings),
        ]


class TriageForm(forms.Form):
    """What a member of staff decided about one piece of feedback."""

    status = forms.ChoiceField(
        label="Mark as",
        choices=[
            (Feedback.Status.READ, "Read"),
            (Feedback.Status.RESPONDED, "Answered in a “You said, we did” entry"),
            (Feedback.Status.NOT_ACTIONABLE, "Not actionable"),
        ],
        error_messages={"required": "Select what to mark this feedback as"},
        widget=forms.Select,
    )
    # Choices checked in Python, not looked up as typed: a tampered id too
    # big for the database would otherwise fail the page.
    response = forms.TypedChoiceField(
        label="“You said, we did” entry",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Only if you marked it as answered",
        error_messages={"invalid_choice": "Choose an entry from the list"},
    )

    def __init__(self, *args, entries: list[tuple[int, str]], **kwargs):
        # The entries are read once per page, not once per form.
        super().__init__(*args, **kwargs)
        self.fields["response"].choices = [("", "None"), *entries]

    def clean(self):
        cleaned = super().clean()
        status, response = cleaned.get("status"), cleaned.get("response")
        if status == Feedback.Status.RESPONDED and response is None:
            self.add_error("response", "Choose the entry that answers this feedback")
        if status != Feedback.Status.RESPONDED:
            cleaned["response"] = None
        elif response is not None:
            cleaned["response"] = YouSaidWeDid.objects.get(pk=response)
        return cleaned


def entry_choices() -> list[tuple[int, str]]:
    return [(entry.pk, str(entry)) for entry in YouSaidWeDid.objects.only("pk", "you_said")]
