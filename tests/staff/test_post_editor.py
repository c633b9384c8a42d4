"""The update editor on the staff pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendprogress.updates.models import Post
from tests.factories import make_finding
from tests.updates.helpers import make_subscriber

pytestmark = pytest.mark.django_db
NEW = "staff:new_post"


def post_data(**fields):
    return {
        "title": "June progress",
        "slug": "june-progress",
        "summary": "What changed in June.",
        "body": "We met the families. We made a plan.",
        "author_name": "Alex Morgan",
        "author_role": "Assistant Director of SEND",
        "when": "draft",
        "action": "save",
    } | fields


def test_the_editor_speaks_plainly(client, approver):
    client.force_login(approver)
    html = client.get(reverse(NEW)).content.decode()
    for words in ("Web address", "The update", "When should it go public?", "Publish it now"):
        assert words in html
    for jargon in ("Kpis", "Emails queued at", "Published (or scheduled"):
        assert jargon not in html


def test_the_editor_shows_no_notes_left_for_developers(client, approver):
    client.force_login(approver)
    html = client.get(reverse(NEW)).content.decode()
    assert "Images" in html
    assert "{#" not in html
    assert "so that Enter in a field saves" not in html


def test_a_draft_is_saved_with_its_ticked_areas(client, approver):
    finding = make_finding()
    client.force_login(approver)
    response = client.post(reverse(NEW), post_data(findings=[finding.pk]))
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.status == Post.Status.DRAFT
    assert list(post.findings.all()) == [finding]


def test_publishing_says_how_many_subscribers_will_be_emailed_before_it_does(client, approver):
    finding, other = make_finding(), make_finding()
    make_subscriber("one@example.org", findings=[finding])
    make_subscriber("two@example.org", findings=[other])
    client.force_login(approver)
    response = client.post(reverse(NEW), post_data(when="now", findings=[finding.pk]))
    html = response.content.decode()
    assert "1 subscriber will be emailed" in html
    assert not Post.objects.exists()
    response = client.post(
        reverse(NEW), post_data(when="now", findings=[finding.pk], action="confirm")
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.is_public
    assert list(post.findings.all()) == [finding]


def test_scheduling_takes_a_date_and_a_time_in_the_future(client, approver):
    client.force_login(approver)
    past = timezone.localtime() - timedelta(days=1)
    response = client.post(
        reverse(NEW),
        post_data(when="later", publish_date=f"{past:%Y-%m-%d}", publish_time="09:30"),
    )
    assert response.status_code == 400
    assert "Choose a date and time in the future" in response.content.decode()
    future = timezone.localtime() + timedelta(days=3)
    fields = post_data(when="later", publish_date=f"{future:%Y-%m-%d}", publish_time="09:30")
    client.post(reverse(NEW), fields | {"action": "confirm"})
    post = Post.objects.get()
    assert post.status == Post.Status.PUBLISHED
    assert timezone.localtime(post.published_at).strftime("%Y-%m-%d %H:%M") == (
        f"{future:%Y-%m-%d} 09:30"
    )
    assert not post.is_public


def test_the_preview_button_shows_the_update_and_advice_without_saving(client, approver):
    client.force_login(approver)
    response = client.post(
        reverse(NEW), post_data(body="## Plans\n\nThe SENCO met us.", action="preview")
    )
    html = response.content.decode()
    assert ">Plans</h3>" in html
    assert "“SENCO” is not spelt out" in html
    assert not Post.objects.exists()


def test_the_live_preview_returns_only_the_preview(client, approver):
    client.force_login(approver)
    response = client.post(
        reverse("staff:preview_post"), {"body": "We met the families."}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "We met the families." in html
    assert "Reading age about" in html


def test_an_image_without_alt_text_is_refused(client, approver):
    client.force_login(approver)
    response = client.post(reverse(NEW), post_data(body="![](/updates/images/7/)"))
    assert response.status_code == 400
    assert not Post.objects.exists()


@pytest.mark.parametrize("role", ["data_officer", "partner"])
def test_only_a_role_that_writes_updates_can_use_the_editor(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(NEW)).status_code == 403
    assert client.post(reverse(NEW), post_data()).status_code == 403
    assert client.post(reverse("staff:preview_post"), {"body": "x"}).status_code == 403
    assert not Post.objects.exists()
