"""Evidence files with very long names are accepted, and keep a shortened name
with their extension (the name on disk is always made up by the server)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendprogress.accounts import roles
from sendprogress.plan.models import Evidence
from tests.factories import make_measure, make_user
from tests.staff.test_data_due import DUE, enter_url, figure

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"
# 101 characters: one more than a file field allows by default.
JUST_TOO_LONG = (
    "Quarterly report on new education health and care plans (EHCPs) " + "x" * 33 + ".pdf"
)
# Longer than the 255 characters kept for the original name.
VERY_LONG = "Minutes of the SEND partnership board " * 10 + ".pdf"


@pytest.fixture
def officer():
    return make_user(roles.DATA_OFFICER)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _admin_upload(client, name):
    return client.post(
        reverse("admin:plan_evidence_add"),
        {
            "title": "Board minutes",
            "date": "2024-03-01",
            "file": SimpleUploadedFile(name, PDF),
            "no_personal_data": "on",
        },
    )


@pytest.mark.parametrize("name", [JUST_TOO_LONG, VERY_LONG])
def test_the_admin_accepts_a_long_file_name(client, officer, name):
    assert len(JUST_TOO_LONG) == 101
    client.force_login(officer)
    response = _admin_upload(client, name)
    assert response.status_code == 302, response.text
    evidence = Evidence.objects.get()
    # Django shortens an uploaded name to 255 characters, keeping the extension.
    expected = name if len(name) <= 255 else name[: 255 - len(".pdf")] + ".pdf"
    assert evidence.original_filename == expected


def test_a_very_long_name_is_shortened_keeping_its_extension(client, officer):
    client.force_login(officer)
    _admin_upload(client, VERY_LONG)
    evidence = Evidence.objects.get()
    assert len(evidence.original_filename) == 255
    assert evidence.original_filename.startswith("Minutes of the SEND partnership board")
    assert evidence.original_filename.endswith(".pdf")
    response = client.get(reverse("plan:evidence_download", kwargs={"pk": evidence.pk}))
    assert response.status_code == 200
    assert ".pdf" in response["Content-Disposition"]


def test_the_staff_figure_page_accepts_a_long_file_name(client, officer):
    measure = make_measure(code="plans-on-time")
    client.force_login(officer)
    data = figure(measure) | {
        f"{measure.code}-evidence_file": SimpleUploadedFile(VERY_LONG, PDF),
        f"{measure.code}-evidence_public": "internal",
        f"{measure.code}-no_personal_data": "on",
    }
    response = client.post(enter_url(measure), data)
    assert response.status_code == 302, response.text
    evidence = Evidence.objects.get()
    assert evidence.figure.period == DUE
    assert len(evidence.original_filename) == 255
    assert evidence.original_filename.endswith(".pdf")
