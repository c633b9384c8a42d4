"""Bulk import: a checked preview first, then all rows or none."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendprogress.plan.models import Figure, Measure
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db
Status = Figure.Status
URL = reverse("staff:import_figures")
CONFIRM = reverse("staff:confirm_import")
HEADER = "measure_code,period,value,numerator,denominator,commentary\n"


@pytest.fixture
def measures():
    return (
        make_measure(code="plans-on-time"),
        make_measure(code="reviews", frequency=Measure.Frequency.QUARTERLY),
    )


def upload(client, content: bytes | str, name="figures.csv", submit="no"):
    if isinstance(content, str):
        content = content.encode()
    return client.post(
        URL, {"file": SimpleUploadedFile(name, content), "submit_for_approval": submit}
    )


def test_a_valid_file_is_previewed_and_nothing_is_written(client, data_officer, measures):
    client.force_login(data_officer)
    response = upload(
        client,
        HEADER + "plans-on-time,2024-03-01,55,,,Better\nreviews,2024-04,,30,40,Up\n",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "All 2 rows can be imported" in html
    assert html.count(">Create<") == 2
    assert "75.00" in html  # worked out from 30 of 40
    assert not Figure.objects.exists()


def test_a_file_with_the_old_column_name_is_read_and_the_preview_says_so(
    client, data_officer, measures
):
    client.force_login(data_officer)
    old_header = "kpi_code,period,value\n"  # the old name for measure_code
    response = upload(client, old_header + "plans-on-time,2024-03-01,55\n")
    html = response.content.decode()
    assert "All 1 row can be imported" in html
    assert "The column kpi_code is the old name for measure_code." in html  # old name, kept
    token = client.session["staff_import"]["token"]
    client.post(CONFIRM, {"token": token})
    assert Figure.objects.get().value == Decimal("55")


def test_confirming_writes_every_row_as_drafts(client, data_officer, measures):
    client.force_login(data_officer)
    upload(client, HEADER + "plans-on-time,2024-03-01,55,,,\nreviews,2024-04-01,60,,,\n")
    token = client.session["staff_import"]["token"]
    response = client.post(CONFIRM, {"token": token}, follow=True)
    assert "2 figures imported and saved as drafts" in response.content.decode()
    assert set(Figure.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert Figure.objects.first().entered_by == data_officer


def test_imported_figures_can_be_submitted_but_never_approved(client, data_officer, measures):
    client.force_login(data_officer)
    upload(client, HEADER + "plans-on-time,2024-03-01,55,,,\n", submit="yes")
    client.post(CONFIRM, {"token": client.session["staff_import"]["token"]})
    assert Figure.objects.get().status == Status.SUBMITTED
    assert not Figure.objects.approved().exists()


def test_a_draft_is_shown_as_an_update(client, data_officer, measures):
    make_figure(measure=measures[0], period=date(2024, 3, 1), value=40, status=Status.DRAFT)
    client.force_login(data_officer)
    html = upload(client, HEADER + "plans-on-time,2024-03-01,55,,,\n").content.decode()
    assert "Update draft" in html
    client.post(CONFIRM, {"token": client.session["staff_import"]["token"]})
    assert Figure.objects.get().value == Decimal("55")


def test_every_rows_errors_are_listed_and_nothing_can_be_confirmed(client, data_officer, measures):
    make_figure(measure=measures[0], period=date(2024, 2, 1), value=40)
    client.force_login(data_officer)
    html = upload(
        client,
        HEADER
        + "plans-on-time,2024-03-01,55,,,\n"
        + "no-such-measure,2024-03-01,55,,,\n"
        + "plans-on-time,2024-03-15,55,,,\n"
        + "plans-on-time,2024-02-01,55,,,\n"
        + "reviews,2024-04-01,140,,,\n"
        + "plans-on-time,2024-03-01,56,,,\n"
        + "plans-on-time,March,abc,,,\n",
    ).content.decode()
    assert "Nothing can be imported until every row is right" in html
    assert "There is no measure with the code" in html
    assert "first day of a month" in html
    assert "already approved (public); an import cannot change it" in html
    assert "A percentage must be between 0 and 100." in html
    assert "also on line 2" in html
    assert "is not a date" in html
    assert "is not a number" in html
    assert "Import 7" not in html
    assert "staff_import" not in client.session
    assert not Figure.objects.filter(period=date(2024, 3, 1)).exists()


def test_the_whole_import_is_undone_if_one_row_fails_at_confirmation(
    client, data_officer, measures
):
    client.force_login(data_officer)
    upload(client, HEADER + "plans-on-time,2024-03-01,55,,,\nreviews,2024-04-01,60,,,\n")
    # Someone submits the second figure between the preview and the confirmation.
    make_figure(measure=measures[1], period=date(2024, 4, 1), value=61, status=Status.SUBMITTED)
    response = client.post(
        CONFIRM, {"token": client.session["staff_import"]["token"]}, follow=True
    )
    assert "Nothing was imported" in response.content.decode()
    assert not Figure.objects.filter(measure=measures[0]).exists()
    assert Figure.objects.get(measure=measures[1]).value == Decimal("61")


def test_a_forged_or_repeated_confirmation_writes_nothing(client, data_officer, measures):
    client.force_login(data_officer)
    upload(client, HEADER + "plans-on-time,2024-03-01,55,,,\n")
    response = client.post(CONFIRM, {"token": "guessed"}, follow=True)
    assert "expired or was already done" in response.content.decode()
    assert not Figure.objects.exists()


def test_a_byte_order_mark_and_blank_lines_are_fine(client, data_officer, measures):
    client.force_login(data_officer)
    content = "\ufeff" + HEADER + "\nplans-on-time,2024-03-01,55,,,\n\n,,,,,\n"
    html = upload(client, content.encode("utf-8")).content.decode()
    assert "All 1 row can be imported" in html


def excel_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((HEADER + "plans-on-time,2024-03-01,55,,,Détail\n").encode("cp1252"), "not in UTF-8"),
        ((HEADER + "x,2024-03-01,55,,,\n").encode("utf-16"), "not plain text"),
        (b"measure_code,value\nplans-on-time,55\n", "missing the column period"),
        (b"name,amount\n", "missing the columns measure_code, period, value"),
        (excel_workbook(), "Excel workbook with a .csv name"),
        (b"", "The file is empty"),
        (HEADER.encode(), "no figures"),
        ((HEADER + "plans-on-time,2024-03-01,55,,,\n" * 10_000).encode(), "more than 2,000"),
    ],
)
def test_bad_files_get_a_clear_message_not_an_error_page(
    client, data_officer, measures, content, message
):
    client.force_login(data_officer)
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Figure.objects.exists()


@pytest.mark.parametrize(
    "written",
    ["01/09/2026", "1/9/2026", "Sep-26", "September 2026", "2026-09", "01/09/2026 00:00"],
)
def test_the_dates_excel_writes_are_read_as_the_month_they_name(
    client, data_officer, measures, written
):
    client.force_login(data_officer)
    response = upload(client, HEADER + f"plans-on-time,{written},55,,,\n")
    assert "All 1 row can be imported" in response.content.decode()
    client.post(CONFIRM, {"token": response.context["token"]})
    assert Figure.objects.get().period == date(2026, 9, 1)


@pytest.mark.parametrize("written", ["31/02/2026", "Sep", "Ju-26", "13/13/2026", "0000-01"])
def test_a_period_that_is_no_date_says_how_to_write_one(client, data_officer, measures, written):
    client.force_login(data_officer)
    html = upload(client, HEADER + f"plans-on-time,{written},55,,,\n").content.decode()
    assert f"The period “{written}” is not a date. Write it as 2026-09-01" in html
