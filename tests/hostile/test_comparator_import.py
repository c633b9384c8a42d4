"""Hostile input at the DfE comparator import: never a 500, a message where the
form was filled in wrongly, a preview writes nothing, a forged confirmation
writes nothing, and a right file changes only the comparator tables."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import example, given
from hypothesis import strategies as st

from sendprogress.plan.models import ComparatorValue

from .conftest import (
    HOSTILE,
    assert_never_500,
    assert_nothing_changed,
    changed_tables,
    shows_a_message,
    snapshot,
)
from .strategies import hostile_number, hostile_text

pytestmark = pytest.mark.usefixtures("demo")

HEADER = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "la_name",
    "pct",
]
COMPARATOR_TABLES = {"plan_comparatorseries", "plan_comparatorvalue"}


@st.composite
def dfe_bodies(draw):
    """DfE-shaped files with hostile cells, and arbitrary bytes."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=2000))
    cell = st.one_of(
        hostile_text,
        hostile_number,
        st.sampled_from(["2024", "202324", "Calendar year", "Academic year", "National"]),
        st.sampled_from(["E92000001", "England", "c", "x", "z", "low", "~", ":", ""]),
    )
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=11), max_size=6))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@HOSTILE
@given(
    body=dfe_bodies(),
    measure=st.one_of(st.sampled_from(["ehcp-20-weeks", ""]), hostile_text),
    indicator=st.one_of(st.sampled_from(["pct", ""]), hostile_text),
    geographies=st.one_of(st.sampled_from(["E92000001", "E92000001,E12000006"]), hostile_text),
    source=st.one_of(st.just("DfE"), hostile_text),
    token=hostile_text,
)
@example(
    body=b"time_period,time_identifier,geographic_level,country_code,pct\n"
    b"2024,Calendar year,National,E92000001,1e999\n",
    measure="ehcp-20-weeks",
    indicator="pct",
    geographies="E92000001",
    source="DfE",
    token="",
)
def test_the_comparator_import_never_fails_and_previews_write_nothing(
    client, approver, body, measure, indicator, geographies, source, token
):
    client.force_login(approver)
    before = snapshot()
    response = client.post(
        "/staff/comparators/import/",
        {
            "file": SimpleUploadedFile("data.csv", body),
            "measure": measure,
            "indicator": indicator,
            "geographies": geographies,
            "source": source,
        },
    )
    assert_never_500(response, "comparator preview")
    assert response.status_code in {200, 400}
    assert_nothing_changed(before, snapshot(), "comparator preview")
    if not response.context.get("token"):
        assert shows_a_message(response) or response.context["preview"].errors, body

    response = client.post("/staff/comparators/import/confirm/", {"token": token})
    assert_never_500(response, "comparator confirmation")
    assert response.status_code == 302
    assert_nothing_changed(before, snapshot(), "comparator confirmation with a wrong token")


def preview(client, row: str):
    """The preview step for a file of one row, England's figures for the 20-week measure."""
    body = (",".join(HEADER) + "\n" + row + "\n").encode()
    return client.post(
        "/staff/comparators/import/",
        {
            "file": SimpleUploadedFile("data.csv", body),
            "measure": "ehcp-20-weeks",
            "indicator": "pct",
            "geographies": "E92000001",
            "source": "DfE",
        },
    )


def test_a_right_comparator_import_changes_only_the_comparator_tables(client, approver):
    client.force_login(approver)
    before = snapshot()
    response = preview(client, "2025,Calendar year,National,E92000001,England,,,,,44.1")
    response = client.post(
        "/staff/comparators/import/confirm/", {"token": response.context["token"]}
    )
    assert response.status_code == 302
    # The series row changes too: it now names the source given with this file.
    assert changed_tables(before, snapshot()) == COMPARATOR_TABLES
    assert ComparatorValue.objects.filter(period_label="2025").get().value == Decimal("44.1")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        # Each answered 500 before: a name longer than the series label's 120
        # characters failed at the database, and year 0000 at date().
        (
            f"2025,Calendar year,National,E92000001,{'England ' * 16},,,,,44.1",
            "the place name “England England Engl…” is longer than 120 characters",
        ),
        ("0000,Calendar year,National,E92000001,England,,,,,44.1", "“0000” is not a year"),
        ("000001,Academic year,National,E92000001,England,,,,,44.1", "“000001” is not the"),
    ],
)
def test_a_place_name_too_long_or_a_year_0000_gets_a_message_not_a_500(
    client, approver, row, message
):
    client.force_login(approver)
    before = snapshot()
    response = preview(client, row)
    assert_never_500(response, "comparator preview")
    assert message in response.content.decode()
    response = client.post(
        "/staff/comparators/import/confirm/", {"token": response.context["token"]}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_changed(before, snapshot(), "comparator import of a row it cannot store")
