"""Reading DfE Explore education statistics files: symbols kept, never zero."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendprogress.plan.comparators import dfe
from tests.factories import make_comparator, make_measure

from .dfe_files import EAST, ENGLAND, HEADER, NEIGHBOUR, TIMELINESS, row

pytestmark = pytest.mark.django_db


def read(text, geographies=(ENGLAND,), indicator="pct_20_weeks", measure=None):
    return dfe.read_series(
        SimpleUploadedFile("data.csv", text.encode()),
        measure=measure or make_measure(),
        indicator=indicator,
        geographies=list(geographies),
    )


def test_it_reads_the_england_series_from_the_national_rows():
    preview = read(TIMELINESS)
    assert preview.errors == []
    [england] = preview.series
    assert (england["label"], england["kind"], england["code"]) == ("England", "england", ENGLAND)
    assert [(v["period_label"], Decimal(v["value"])) for v in england["values"]] == [
        ("2019", Decimal("60.4")),
        ("2021", Decimal("59.9")),
        ("2022", Decimal("49.2")),
        ("2023", Decimal("50.3")),
        ("2024", Decimal("46.4")),
    ]
    assert england["values"][0]["period"] == "2019-01-01"


def test_missing_values_keep_their_symbol_and_are_never_zero():
    preview = read(TIMELINESS, geographies=[EAST, NEIGHBOUR])
    assert preview.errors == []
    region, neighbour = preview.series
    assert region["label"] == "East of England"
    assert [(v["value"], v["symbol"]) for v in region["values"]] == [
        (None, "c"),
        (None, "x"),
        (None, "z"),
        (None, "low"),
        ("51.0", ""),
    ]
    assert [(v["value"], v["symbol"]) for v in neighbour["values"]] == [(None, "~"), (None, ":")]
    assert neighbour["values"][0]["shown"] == "Rounds to zero, but is not zero (~)"


def test_academic_and_financial_years_are_read_as_people_write_them():
    text = HEADER + row(202324, "National", "10", identifier="Academic year")
    text += row(202425, "National", "11", identifier="Financial year")
    [england] = read(text).series
    assert [(v["period"], v["period_label"]) for v in england["values"]] == [
        ("2023-09-01", "2023/24"),
        ("2024-04-01", "2024-25"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("measure_code,period,value\nx,2024-01,1\n", "not an Explore education statistics"),
        ("", "The file is empty"),
        (TIMELINESS.replace("pct_20_weeks", "pct_other"), "no indicator column “pct_20_weeks”"),
    ],
)
def test_a_file_that_cannot_be_used_says_why(text, message):
    with pytest.raises(dfe.ImportFileError, match=message):
        read(text)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"PK\x03\x04" + b"xl/workbook.xml",
            "an Excel workbook with a .csv name, not a CSV file. Download the data file (CSV)",
        ),
        (TIMELINESS.encode("utf-16"), "not plain text (it may be saved as UTF-16)"),
    ],
)
def test_a_file_that_is_not_text_is_refused_with_what_to_download(content, message):
    with pytest.raises(dfe.ImportFileError, match=re.escape(message)):
        dfe.read_series(
            SimpleUploadedFile("data.csv", content),
            measure=make_measure(),
            indicator="pct_20_weeks",
            geographies=[ENGLAND],
        )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (row(2024, "National", ""), "the value is blank"),
        (row(2024, "National", "lots"), "“lots” is not a number or a symbol"),
        (row(2024, "National", "NaN"), "is not a number"),
        (row(2024, "National", "1e99"), "is too big"),
        (row("2024Q1", "National", "1"), "“2024Q1” is not a year between 1900 and 2200"),
        (
            row(202399, "National", "1", identifier="Academic year"),
            "“202399” is not the two years of an academic year",
        ),
        (row(2024, "National", "1", identifier="Week"), "time identifier “Week”"),
    ],
)
def test_a_bad_row_is_named_with_its_line(line, message):
    preview = read(HEADER + line)
    errors = preview.all_errors(preview.default_choice)
    assert any(message in e and e.startswith("Line 2:") for e in errors), errors


def test_a_geography_not_in_the_file_is_an_error():
    preview = read(TIMELINESS, geographies=[ENGLAND, "E12000009"])
    assert preview.errors == ["The file has no rows for the geography E12000009."]


def test_a_file_with_two_rows_for_one_place_and_period_is_refused():
    preview = read(HEADER + row(2024, "National", "1") + row(2024, "National", "2"))
    [error] = preview.all_errors(preview.default_choice)
    assert "Line 3: England 2024 is also on line 2" in error


def test_the_preview_says_which_series_already_exist():
    measure = make_measure()
    make_comparator(measure=measure, label="England")
    [england] = read(TIMELINESS, measure=measure).series
    assert england["exists"]
