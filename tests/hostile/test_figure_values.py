"""Numbers that Python's Decimal and int accept but a figure cannot be.

The CSV import preview failed (a 500) on NaN, sNaN, a superscript digit and a
5,000-digit numerator; Infinity and 1e20 passed the preview and then failed
the import with a wrong "a figure changed since the preview". Each value must
get its own message, on its row or its field, on every screen that takes a
figure, and nothing may be saved.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from sendprogress.plan.models import Figure, Measure
from sendprogress.staff.forms import period_choices

pytestmark = pytest.mark.usefixtures("demo")

CODE = "suspensions-sen-support"  # a count: any size of number is its unit
HUGE = "5" * 5000

# (column, value, what the message says about it)
BAD_VALUES = [
    ("value", "NaN", "is not a number"),
    ("value", "sNaN", "is not a number"),
    ("value", "-NaN", "is not a number"),
    ("value", "Infinity", "is not a number"),
    ("value", "-inf", "is not a number"),
    ("value", "1e20", "too big"),
    ("value", "12345678901", "too big"),
    ("numerator", "²", "is not a whole number"),
    ("denominator", "²", "is not a whole number"),
    ("numerator", HUGE, "too big"),
    ("denominator", HUGE, "too big"),
    ("value", "12.345", "decimal places"),
]


def _row(column, value):
    cells = {"value": "", "numerator": "", "denominator": ""}
    if column == "value":
        cells["value"] = value
    else:
        cells.update(numerator="5", denominator="10")
        cells[column] = value
    return cells


def _period():
    return period_choices(Measure.objects.get(code=CODE))[0][0]


@pytest.mark.parametrize(("column", "value", "message"), BAD_VALUES)
def test_the_import_preview_says_what_is_wrong_on_the_row(
    client, data_officer, column, value, message
):
    client.force_login(data_officer)
    saved = Figure.objects.count()
    cells = _row(column, value)
    body = (
        "measure_code,period,value,numerator,denominator,commentary\n"
        f"{CODE},{_period()},{cells['value']},{cells['numerator']},{cells['denominator']},x\n"
    )
    response = client.post(
        "/staff/import/",
        {"file": SimpleUploadedFile("f.csv", body.encode()), "submit_for_approval": "no"},
    )
    assert response.status_code == 200
    assert not response.context["valid"]
    (row,) = response.context["rows"]
    assert any(message in error and column in error.lower() for error in row.errors), row.errors
    assert message in response.content.decode()
    assert Figure.objects.count() == saved


@pytest.mark.parametrize(("column", "value", "message"), BAD_VALUES)
def test_the_figure_form_says_what_is_wrong_on_the_field(
    client, data_officer, column, value, message
):
    client.force_login(data_officer)
    saved = Figure.objects.count()
    cells = _row(column, value)
    response = client.post(
        f"/staff/measures/{CODE}/figure/",
        {
            f"{CODE}-period": _period(),
            f"{CODE}-value": cells["value"],
            f"{CODE}-numerator": cells["numerator"],
            f"{CODE}-denominator": cells["denominator"],
            f"{CODE}-commentary": "x",
            f"{CODE}-version": "0",
            "action": "save",
        },
    )
    assert response.status_code in {200, 400}
    assert f'id="id_{CODE}-{column}_error"' in response.content.decode()
    assert Figure.objects.count() == saved


@pytest.mark.parametrize(("column", "value", "message"), BAD_VALUES)
def test_the_admin_figure_form_says_what_is_wrong_on_the_field(client, column, value, message):
    admin = get_user_model().objects.create_superuser("root", password="a-long-test-password")
    client.force_login(admin)
    saved = Figure.objects.count()
    cells = _row(column, value)
    response = client.post(
        "/admin/plan/figure/add/",
        {
            "measure": Measure.objects.get(code=CODE).pk,
            "period": _period(),
            "value": cells["value"],
            "numerator": cells["numerator"],
            "denominator": cells["denominator"],
            "commentary": "x",
            "version_seen": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert column in errors, errors
    assert Figure.objects.count() == saved
