from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied

from sendprogress.core.fields import ModelMultipleChoiceField
from sendprogress.email_headers import SingleLineValidator, has_control_characters
from sendprogress.plan.models import Finding

from . import services
from .markdown import image_problems
from .models import Post

# Addresses under /updates/ that a post's slug must not take.
RESERVED_SLUGS = {"preview", "findings", "areas", "feed", "email", "subscribe", "images"}


class PostAdminForm(forms.ModelForm):
    """The admin's editor, with the publishing rules (see services.save_post)."""

    substantial_change = forms.BooleanField(
        required=False,
        label="This is a substantial change",
        help_text='Shows "Updated on" with today\'s date on a published update. '
        "Leave unticked for small fixes such as typos.",
    )

    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "author_name",
            "author_role",
            "findings",
            "measures",
            "status",
            "published_at",
        ]
        help_texts = {
            "body": "Markdown: ## for a heading, * for a list, [words](address) for a link, "
            "![what it shows](/updates/images/1/) for a picture uploaded on the update's "
            "page (alt text is required).",
            "published_at": "Leave empty to publish now. A future time schedules it: it "
            "appears by itself then. A published update keeps its original date.",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "title" in self.fields:
            # The title is every email's Subject: a line break there breaks them all.
            self.fields["title"].validators.append(
                SingleLineValidator("Write the title on one line, without line breaks.")
            )
        if self.instance.pk and self.instance.is_public and "published_at" in self.fields:
            self.fields["published_at"].disabled = True
        if "body" in self.fields:
            # Live preview beside the editor (htmx). Without JavaScript the
            # Preview button does the same.
            self.fields["body"].widget.attrs.update(
                {
                    "data-hx-post": "preview/",
                    "data-hx-trigger": "input changed delay:400ms, load",
                    "data-hx-target": "#post-preview",
                    "data-hx-swap": "innerHTML",
                    "aria-describedby": "post-preview-heading",
                    "rows": 20,
                }
            )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(f"“{slug}” is used by the site. Choose another.")
        return slug

    def clean_body(self):
        body = self.cleaned_data["body"]
        problems = image_problems(body)
        if problems:
            raise forms.ValidationError([p.message for p in problems])
        return body

    def clean(self):
        cleaned = super().clean()
        post = Post(
            pk=self.instance.pk,
            status=cleaned.get("status", self.instance.status),
            published_at=cleaned.get("published_at", self.instance.published_at),
        )
        try:
            services.check_can_save(post=post, by=self.user)
        except PermissionDenied as refusal:
            self.add_error("status", str(refusal))
        return cleaned


class OneLineEmailField(forms.EmailField):
    """Django's email field, also refusing control characters.

    Django allows them inside a quoted "local part"; the address goes in the
    To header, where they have no place. Refused as a wrong format, once.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if has_control_characters(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class FindingChoiceForm(forms.Form):
    """Which findings an address gets updates about: all of them (one choice), or some.

    The words on the page still say "areas", as families know them."""

    ALL, SOME = "all", "some"
    coverage = forms.ChoiceField(
        label="Which areas do you want updates about?",
        choices=[(ALL, "All areas"), (SOME, "Only the areas I choose")],
        help_text="Updates about the plan as a whole go to everyone.",
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose all areas, or the areas you want"},
    )
    findings = ModelMultipleChoiceField(
        queryset=Finding.objects.none(),  # set per form: the embargo depends on the day
        label="The areas you want updates about",
        help_text="Ticking an area means you get updates about the areas you tick, "
        "and not the others.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = Finding.objects.public().order_by("order")

    def clean(self):
        cleaned = super().clean()
        coverage = cleaned.get("coverage")
        if "coverage" in self.errors:
            return cleaned
        if cleaned.get("findings"):
            # Ticking one means "only these", whichever choice is still
            # selected above: "All areas" is the default, and a visitor who
            # ticks one finding without changing it wants that one only.
            coverage = self.SOME
        elif not coverage:
            coverage = None
        if coverage is None:
            self.add_error("coverage", "Select at least one area, or choose all areas")
        elif coverage == self.SOME and not cleaned.get("findings"):
            self.add_error("findings", "Select at least one area, or choose all areas")
        cleaned["all_findings"] = coverage == self.ALL
        return cleaned


class SubscribeForm(FindingChoiceForm):
    email = OneLineEmailField(
        label="Email address",
        help_text="We will send a link to this address to check it is yours.",
        # As long as Subscriber.email can hold (PostgreSQL refuses longer).
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Enter an email address of 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    field_order = ["email", "coverage", "findings"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("coverage", self.ALL)


class PostFilterForm(forms.Form):
    """Which finding's updates to list. An unknown finding simply shows them all."""

    finding = forms.ChoiceField(
        label="Show updates about",
        required=False,
        widget=forms.Select(attrs={"id": "finding-filter"}),
    )

    def __init__(self, *args, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].choices = [("", "All areas")] + [
            (f.slug, f.title) for f in findings
        ]
