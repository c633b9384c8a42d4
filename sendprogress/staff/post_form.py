"""The update editor on the staff pages: plain labels, and when it goes public in words."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.conf import settings
from django.utils import timezone

from sendprogress.email_headers import SingleLineValidator
from sendprogress.updates.forms import PostAdminForm
from sendprogress.updates.images import CONTENT_TYPES, validate_update_image
from sendprogress.updates.models import ALT_TEXT_MAX_LENGTH, Post


class When:
    DRAFT, NOW, LATER = "draft", "now", "later"
    CHOICES = [
        (DRAFT, "Keep it as a draft: nobody else sees it"),
        (NOW, "Publish it now"),
        (LATER, "Publish it at a date and time"),
    ]


class StaffPostForm(PostAdminForm):
    """The same rules as the admin's editor (PostAdminForm), in the staff pages' words."""

    when = forms.ChoiceField(
        label="When should it go public?",
        choices=When.CHOICES,
        widget=forms.RadioSelect,
        initial=When.DRAFT,
        error_messages={"required": "Choose when it should go public"},
    )
    publish_date = forms.DateField(
        label="Date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date as day, month and year, like 27/3/2026"},
    )
    publish_time = forms.TimeField(
        label="Time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"invalid": "Enter the time like 09:30"},
    )

    class Meta(PostAdminForm.Meta):
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "author_name",
            "author_role",
            "findings",
            "measures",
        ]
        labels = {
            "slug": "Web address",
            "body": "The update",
            "author_name": "Author's name, as the public sees it",
            "author_role": "Author's role, as the public sees it",
            "findings": "Which areas is it about?",
            "measures": "Which measures does it mention?",
        }
        help_texts = {
            "slug": "The end of its address: lower-case words joined by hyphens, like "
            "june-progress.",
            "summary": "One or two sentences, shown in lists, feeds and emails.",
            "body": PostAdminForm.Meta.help_texts["body"],
            "findings": "Subscribers who chose these areas are emailed. Tick none for an update "
            "about the whole plan: every subscriber is emailed.",
        }
        widgets = {
            "findings": forms.CheckboxSelectMultiple,
            "measures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, preview_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        post = self.instance
        if post.pk and post.status == Post.Status.PUBLISHED:
            is_future = post.published_at and post.published_at > timezone.now()
            self.initial.setdefault("when", When.LATER if is_future else When.NOW)
            if post.published_at:
                local = timezone.localtime(post.published_at)
                self.initial.setdefault("publish_date", local.date())
                self.initial.setdefault("publish_time", local.time().replace(second=0))
        body = self.fields["body"].widget.attrs
        body.update({"data-hx-post": preview_url, "data-hx-target": "#post-preview", "rows": 16})
        body.pop("aria-describedby", None)
        for name in ("findings", "measures"):
            self.fields[name].widget.attrs["class"] = "govuk-checkboxes__input"
        for name in ("publish_date", "publish_time"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-10"

    def clean(self):
        when = self.cleaned_data.get("when")
        post = self.instance
        if when == When.DRAFT:
            post.status, post.published_at = Post.Status.DRAFT, None
        elif when == When.NOW:
            post.status = Post.Status.PUBLISHED
            if not post.is_public:
                post.published_at = None  # the service publishes it now
        elif when == When.LATER:
            post.status = Post.Status.PUBLISHED
            post.published_at = self._scheduled_time()
        return super().clean()

    def _scheduled_time(self):
        on, at = self.cleaned_data.get("publish_date"), self.cleaned_data.get("publish_time")
        if on is None and "publish_date" not in self.errors:
            self.add_error("publish_date", "Enter the date it should go public")
        if at is None and "publish_time" not in self.errors:
            self.add_error("publish_time", "Enter the time it should go public")
        if on is None or at is None:
            return self.instance.published_at
        moment = timezone.make_aware(datetime.combine(on, at))
        if moment <= timezone.now() and not self.instance.is_public:
            self.add_error("publish_date", "Choose a date and time in the future")
        return moment

    @property
    def publishes(self) -> bool:
        """Whether saving makes (or keeps) it public, or schedules it."""
        return self.cleaned_data.get("when") in (When.NOW, When.LATER)


class PostImageForm(forms.Form):
    """A picture for the update, with the words that stand in for it."""

    prefix = "image"

    file = forms.FileField(
        label="Image file",
        help_text="A PNG, JPEG, GIF or WebP picture of up to "
        "{mb} MB. Choose it and write its alt text, then select “Add the image”.",
        error_messages={
            "required": "Choose a picture to upload",
            "empty": "The file is empty. Choose another picture",
            "invalid": "Choose a picture to upload",
        },
    )
    alt_text = forms.CharField(
        label="Alt text: what the picture shows",
        help_text="For people who cannot see it. Say what it shows and why it matters, in one "
        "sentence, like “A chart showing more plans finished on time each month since "
        "March”. Do not start with “Image of”.",
        max_length=ALT_TEXT_MAX_LENGTH,
        validators=[SingleLineValidator("Write the alt text on one line, without line breaks.")],
        error_messages={
            "required": "Write alt text that says what the picture shows",
            "max_length": "Write the alt text in %(limit_value)d characters or fewer "
            "(it has %(show_value)d)",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = field.help_text.replace("{mb}", str(settings.UPDATE_IMAGE_MAX_UPLOAD_MB))
        field.widget.attrs["accept"] = ",".join(sorted(CONTENT_TYPES))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = validate_update_image(upload)
        return upload
