from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendprogress.plan.models import Evidence, Figure, Inspection
from tests.factories import make_figure, make_inspection, make_measure

pytestmark = pytest.mark.django_db
URL = reverse("plan:documents")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_file_evidence(*, is_public=True, name="report.pdf", content=b"%PDF-1.4 test", **fields):
    return Evidence.objects.create(
        title=fields.pop("title", "A report"),
        date=date(2023, 5, 1),
        file=SimpleUploadedFile(name, content),
        is_public=is_public,
        **fields,
    )


def test_documents_page_lists_letters_and_public_evidence_but_not_internal(client, db):
    letter = Evidence.objects.create(
        title="2019 inspection letter",
        date=date(2020, 2, 20),
        url="https://example.org/l",
        is_public=True,
    )
    make_inspection(letter=letter)
    make_file_evidence(title="Quality assurance framework summary")
    make_file_evidence(title="Assessment backlog recovery tracker", is_public=False)
    html = client.get(URL).content.decode()
    assert "2019 inspection letter" in html
    assert "Quality assurance framework summary" in html
    assert "Assessment backlog recovery tracker" not in html


def test_inspection_letters_are_listed_under_their_own_heading(client, db):
    letter = Evidence.objects.create(
        title="The letter", date=date(2020, 2, 20), url="https://example.org/l", is_public=True
    )
    make_inspection(letter=letter)
    html = client.get(URL).content.decode()
    letters, rest = html.split("Evidence of progress")
    assert "The letter" in letters
    assert "The letter" not in rest


def test_links_go_out_as_links_and_say_where(client, db):
    Evidence.objects.create(
        title="Published elsewhere",
        date=date(2023, 1, 1),
        url="https://www.example.org/doc",
        is_public=True,
    )
    html = client.get(URL).content.decode()
    assert 'href="https://www.example.org/doc"' in html
    assert "Web page on www.example.org" in html


def test_files_show_their_type_and_size_and_link_to_the_download(client, db):
    evidence = make_file_evidence(content=b"x" * 2048)
    html = client.get(URL).content.decode()
    assert reverse("plan:evidence_download", args=[evidence.pk]) in html
    assert "PDF, 2.0\xa0KB" in html
    assert "/media/" not in html


def test_public_file_downloads_as_a_safe_attachment(client, db):
    evidence = make_file_evidence(name="Plan summary.pdf")
    response = client.get(reverse("plan:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Plan summary.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_internal_file_is_not_found(client, db):
    evidence = make_file_evidence(is_public=False)
    assert client.get(reverse("plan:evidence_download", args=[evidence.pk])).status_code == 404


def test_link_evidence_has_no_download(client, db):
    link = Evidence.objects.create(
        title="A web page", date=date(2023, 1, 1), url="https://example.org/", is_public=True
    )
    assert client.get(reverse("plan:evidence_download", args=[link.pk])).status_code == 404


def test_evidence_of_an_unapproved_figure_stays_hidden_until_it_is_approved(client, db):
    measure = make_measure()
    figure = make_figure(
        measure=measure, period=date(2023, 1, 1), value=5, status=Figure.Status.SUBMITTED
    )
    evidence = make_file_evidence(title="Figure workings", figure=figure)
    assert "Figure workings" not in client.get(URL).content.decode()
    assert client.get(reverse("plan:evidence_download", args=[evidence.pk])).status_code == 404
    figure.status = Figure.Status.APPROVED
    figure.save()
    assert "Figure workings" in client.get(URL).content.decode()


def test_evidence_of_a_hidden_measure_stays_hidden(client, db):
    measure = make_measure(is_public=False)
    make_file_evidence(title="Hidden workings", measure=measure)
    make_file_evidence(title="Shown workings", measure=make_measure(code="shown"))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Shown workings" in html
    assert "Hidden workings" not in html


def test_documents_page_works_with_no_documents(client, db):
    assert Inspection.objects.count() == 0
    html = client.get(URL).content.decode()
    assert "No inspection letters have been published here yet." in html


def test_evidence_of_progress_comes_25_a_page_newest_first_with_links_between_pages(client, db):
    letter = Evidence.objects.create(
        title="The letter", date=date(2020, 2, 20), url="https://example.org/l", is_public=True
    )
    make_inspection(letter=letter)
    for n in range(30):
        Evidence.objects.create(
            title=f"Board report {n:02}",
            date=date(2023, 1, 1 + n),
            url=f"https://example.org/{n}",
            is_public=True,
        )
    first = client.get(URL).content.decode()
    assert "Board report 29" in first
    assert "Board report 05" in first
    assert "Board report 04" not in first
    assert 'aria-label="Pages of evidence of progress"' in first
    assert 'href="?page=2"' in first
    second = client.get(URL, {"page": "2"}).content.decode()
    assert "<title>Documents (page 2 of 2)" in second
    assert "The letter" in second
    assert [f"Board report {n:02}" in second for n in range(30)] == [n < 5 for n in range(30)]
    # Not a page number: the first page; past the end: the last.
    assert "Board report 29" in client.get(URL, {"page": "x"}).content.decode()
    assert "Board report 00" in client.get(URL, {"page": "99"}).content.decode()
