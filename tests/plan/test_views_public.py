import pytest
from django.urls import reverse

from sendprogress.plan.models import Kpi, Measurement

pytestmark = pytest.mark.django_db


def test_home_lists_the_six_areas_with_their_status_in_words(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in [
        "Making sure children&#x27;s and young people&#x27;s needs are identified",
        "The quality of new education, health and care plans",
        "Good outcomes for children and young people with SEND",
        "The local area&#x27;s SEND strategy",
        "Working with families (co-production)",
        "The Local Offer",
    ]:
        assert title in html
    assert html.count("No longer monitored") == 3
    assert html.count("Monitored under the Accelerated Progress Plan") == 3
    assert html.count("Sufficient progress") == 3
    assert html.count("Some progress, not yet sufficient") == 3


def test_home_shows_derived_progress_for_plan_areas(client, demo):
    html = client.get("/").content.decode()
    for area_kpis in (Kpi.objects.for_display().filter(area__slug="ehcp-needs"),):
        on_track = sum(1 for k in area_kpis if k.progress.value == "on-track")
        assert f"{on_track} of {len(area_kpis)} measures on track" in html


def test_home_says_demo_figures_are_illustrative(client, demo):
    assert "Demo data: these figures are illustrative" in client.get("/").content.decode()


def test_unapproved_figures_never_appear(client, demo):
    hidden = Measurement.objects.exclude(status=Measurement.Status.APPROVED)
    assert hidden.count() == 3
    for measurement in hidden:
        page = client.get(measurement.kpi.get_absolute_url()).content.decode()
        assert measurement.period.strftime("%B %Y") not in page
        assert str(measurement.value) not in page


def test_draft_post_never_appears(client, demo):
    for url in [
        "/",
        reverse("updates:post_list"),
        reverse("plan:area_detail", args=["ehcp-needs"]),
    ]:
        assert "Autumn update (draft)" not in client.get(url).content.decode()
    assert (
        client.get(reverse("updates:post_detail", args=["autumn-update-draft"])).status_code == 404
    )


def test_hidden_measure_is_not_found(client, demo):
    kpi = Kpi.objects.get(code="ehcp-20-weeks")
    kpi.is_public = False
    kpi.save()
    assert client.get(kpi.get_absolute_url()).status_code == 404


def test_pages_send_a_strict_content_security_policy(client, demo):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
