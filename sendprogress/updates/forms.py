from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied

from sendprogress.fields import ModelMultipleChoiceField
from sendprogress.plan.models import Finding

from . import services
from .markdown import image_problems
from .models import Post

# Addresses under /updates/ that a post's slug must not take.
RESERVED_SLUGS = {"preview", "areas", "feed", "email", "subscribe"}


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
            "areas",
            "measures",
            "status",
            "published_at",
        ]
        help_texts = {
            "body": "Markdown: ## for a heading, * for a list, [words](address) for a link, "
            "![what it shows](/media/picture.png) for an image (alt text is required).",
            "published_at": "Leave empty to publish now. A future time schedules it: it "
            "appears by itself then. A published update keeps its original date.",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk and self.instance.is_public and "published_at" in self.fields:
            self.fields["published_at"].disabled = True
        if "body" in self.fields:
            # Live preview beside the editor (htmx). Without JavaScript the
            # Preview button does the same.
            self.fields["body"].widget.attrs.update(
                {
                    "hx-post": "preview/",
                    "hx-trigger": "input changed delay:400ms, load",
                    "hx-target": "#post-preview",
                    "hx-swap": "innerHTML",
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
        before = Post.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        after = Post(
            status=cleaned.get("status", self.instance.status),
            published_at=cleaned.get("published_at", self.instance.published_at),
        )
        if before is not None and before.is_public:
            after.published_at = before.published_at
        try:
            services.check_can_save(before=before, after=after, by=self.user)
        except PermissionDenied:
            self.add_error(
                "status",
                "Only an approver can publish, schedule or withdraw an update. Save it as "
                "a draft and ask an approver to publish it.",
            )
        return cleaned


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        # As long as Subscriber.email can hold (PostgreSQL refuses longer).
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Enter an email address of 254 characters or fewer",
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "class": "govuk-input"}
        ),
    )
    areas = ModelMultipleChoiceField(
        queryset=Finding.objects.order_by("order"),
        label="Which areas do you want updates about?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one area"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("areas", list(self.fields["areas"].queryset))
