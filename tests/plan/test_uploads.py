"""Evidence uploads are checked by name, size and content; downloads are guarded."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendprogress.accounts import roles
from sendprogress.plan.measures.uploads import validate_evidence_file
from sendprogress.plan.models import Evidence
from sendprogress.staff.forms import FigureForm
from tests.factories import make_user

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20
EXE = b"MZ\x90\x00" + b"\x00" * 60


def office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("chart.png", PNG),
        ("photo.JPG", JPEG),
        ("photo.jpeg", JPEG),
        ("minutes.docx", office("word/document.xml")),
        ("figures.xlsx", office("xl/workbook.xml")),
        ("figures.csv", b"month,value\n2024-03,55\n"),
        ("minutes v1.2.pdf", PDF),
    ],
)
def test_allowed_files_are_accepted(name, content):
    # The evidence field of the form staff upload with keeps the file as sent.
    field = FigureForm.base_fields["evidence_file"]
    try:
        accepted = field.clean(upload(name, content))
    except ValidationError as error:
        pytest.fail(f"{name} was refused: {error.messages}")
    assert accepted.name == name
    accepted.seek(0)
    assert accepted.read() == content


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("tool.exe", EXE, "type"),
        ("page.html", b"<script>alert(1)</script>", "type"),
        ("drawing.svg", b"<svg/>", "type"),
        ("report.pdf", EXE, "signature"),  # a renamed program
        ("report.pdf", PNG, "signature"),
        ("chart.png", PDF, "signature"),
        ("minutes.docx", b"PK\x03\x04not-a-zip", "signature"),
        ("minutes.docx", office("xl/workbook.xml"), "signature"),
        ("figures.csv", EXE, "signature"),
        ("figures.csv", office("xl/workbook.xml"), "signature"),  # Excel saved as .csv
        ("report.exe.pdf", PDF, "double_extension"),
        ("invoice.pdf.exe", EXE, "type"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_other_files_are_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as raised:
        validate_evidence_file(upload(name, content))
    assert raised.value.code == code


def test_files_over_the_limit_are_refused(settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError, match="largest file you can upload is 1 MB"):
        validate_evidence_file(upload("big.pdf", big))


# --- downloads -----------------------------------------------------------


@pytest.fixture
def stored(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def make(*, is_public):
        evidence = Evidence(title="Audit", date=date(2024, 3, 1), is_public=is_public)
        evidence.file.save("audit report.pdf", ContentFile(PDF), save=False)
        evidence.original_filename = "audit report.pdf"
        evidence.save()
        return evidence

    return make


def download(client, evidence):
    return client.get(reverse("plan:evidence_download", args=[evidence.pk]))


def test_stored_names_are_made_by_the_server(stored):
    evidence = stored(is_public=True)
    assert evidence.file.name.startswith("evidence/")
    assert "audit" not in evidence.file.name


def test_public_evidence_downloads_as_a_safe_attachment(client, stored):
    response = download(client, stored(is_public=True))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "audit report.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == PDF


def test_internal_evidence_is_hidden_from_the_public(client, stored):
    evidence = stored(is_public=False)
    assert download(client, evidence).status_code == 404


def test_internal_evidence_is_hidden_from_signed_in_non_staff(client, stored):
    evidence = stored(is_public=False)
    client.force_login(make_user(staff=False))
    assert download(client, evidence).status_code == 404


def test_guessing_evidence_numbers_reveals_nothing(client, stored):
    internal = stored(is_public=False)
    for pk in range(max(internal.pk - 2, 1), internal.pk + 5):
        response = client.get(reverse("plan:evidence_download", args=[pk]))
        assert response.status_code == 404


def test_staff_download_internal_evidence_privately(client, stored):
    evidence = stored(is_public=False)
    client.force_login(make_user(roles.PARTNER_VIEWER))
    response = download(client, evidence)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "no-store" in response["Cache-Control"]


def test_uploaded_files_are_not_served_from_media_url(client, stored):
    evidence = stored(is_public=False)
    assert client.get("/media/" + evidence.file.name).status_code == 404
