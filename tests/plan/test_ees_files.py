"""Real Explore education statistics (EES) files, read as published.

The two files in tests/plan/data/ees/ are unmodified excerpts of the DfE's
published files (see PROVENANCE.md there). Every test here failed before the
import read EES files as they are written: precision, filters, time
identifiers, symbols, old local authority codes and size.
"""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile

from sendprogress.plan.comparators import dfe
from tests.factories import make_measure

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "ees"
TIMELINESS = DATA / "ees-timeliness-2026-excerpt.csv"
CIN = DATA / "cin-sen-la-academic-year-excerpt.csv"
HEADER = "time_period,time_identifier,geographic_level,country_code,country_name,value\n"


def read_path(path, geographies, indicator, **kwargs):
    with open(path, "rb") as handle:
        return dfe.read_series(
            File(handle, name=str(path)),
            measure=kwargs.pop("measure", None) or make_measure(),
            indicator=indicator,
            geographies=geographies,
            **kwargs,
        )


def read(text, geographies=("E92000001",), indicator="value", measure=None):
    return dfe.read_series(
        SimpleUploadedFile("data.csv", text.encode()),
        measure=measure or make_measure(),
        indicator=indicator,
        geographies=list(geographies),
    )


def national(period, identifier, value):
    return f"{period},{identifier},National,E92000001,England,{value}\n"


def values_of(preview, choice=None):
    choice = preview.default_choice if choice is None else choice
    assert preview.all_errors(choice) == []
    [series] = preview.chosen(choice)["series"]
    return [(v["period_label"], v["shown"]) for v in series["values"]]


def test_the_real_timeliness_file_gives_englands_60_4_percent_for_2019():
    preview = read_path(TIMELINESS, ["E92000001"], "pc_plans_issued_20_weeks_ex")
    assert [(f.name, f.values, f.default) for f in preview.filters] == [
        ("breakdown_topic", ["All EHC plans"], "All EHC plans"),
        ("breakdown", ["All EHC plans"], "All EHC plans"),
    ]
    assert values_of(preview) == [("2019", "60.4%")]
    assert preview.file_name == "ees-timeliness-2026-excerpt.csv"


def test_the_real_timeliness_file_reads_its_regions():
    preview = read_path(TIMELINESS, ["E12000001", "E12000003"], "pc_plans_issued_20_weeks_ex")
    series = preview.chosen(preview.default_choice)["series"]
    assert [(s["label"], s["kind"], s["values"][0]["shown"]) for s in series] == [
        ("North East", "region", "69.8%"),
        ("Yorkshire and The Humber", "region", "72.1%"),
    ]


def test_an_indicator_the_file_marks_x_is_not_available_in_words():
    preview = read_path(TIMELINESS, ["E92000001"], "avg_weeks_issue_plan")
    assert values_of(preview) == [("2019", "Not available (x)")]


def test_the_real_children_in_need_file_reads_academic_years_and_old_la_codes():
    # 340 is Knowsley's old three-digit code; E08000012 is Liverpool's new one.
    preview = read_path(CIN, ["340", "E08000012"], "pt_statement_or_ehc_plan")
    assert [(f.name, f.default) for f in preview.filters] == [
        ("social_care_group", "CINO at 31 March")
    ]
    series = preview.chosen(preview.default_choice)["series"]
    assert [(s["label"], s["code"], s["kind"]) for s in series] == [
        ("Knowsley", "E08000011", "neighbour"),
        ("Liverpool", "E08000012", "neighbour"),
    ]
    assert series[0]["values"][0]["period_label"] == "2021/22"
    assert series[0]["values"][0]["period"] == "2021-09-01"


def test_the_local_areas_own_series_is_its_own_kind_by_code_or_by_name():
    preview = read_path(CIN, ["340", "E08000012"], "pt_all_sen", local_area_code="E08000011")
    kinds = {s["label"]: s["kind"] for s in preview.series}
    assert kinds == {"Knowsley": "local-area", "Liverpool": "neighbour"}


def test_values_at_full_precision_are_read_and_kept_as_published():
    text = HEADER + national(2019, "Calendar year", "64.900000000000")
    text += national(2020, "Calendar year", "49.166")
    preview = read(text)
    assert values_of(preview) == [("2019", "64.9%"), ("2020", "49.2%")]
    [series] = preview.series
    assert [v["published"] for v in series["values"]] == ["64.900000000000", "49.166"]


@pytest.mark.parametrize(
    ("period", "identifier", "label", "start"),
    [
        ("2019", "Calendar year", "2019", "2019-01-01"),
        ("2019", "Reporting year", "2019", "2019-01-01"),
        ("202122", "Academic year", "2021/22", "2021-09-01"),
        ("202122", "Financial year", "2021-22", "2021-04-01"),
        ("202122", "Tax year", "2021-22", "2021-04-06"),
        ("202122", "Autumn term", "Autumn term 2021/22", "2021-09-01"),
        ("202122", "Spring term", "Spring term 2021/22", "2022-01-01"),
        ("202122", "Summer term", "Summer term 2021/22", "2022-04-01"),
        ("202122", "Autumn and spring term", "Autumn and spring terms 2021/22", "2021-09-01"),
        ("2022", "January", "January 2022", "2022-01-01"),
        ("2022", "September", "September 2022", "2022-09-01"),
        ("2022", "Week 10", "Week 10 2022", "2022-03-07"),
        ("202122", "Financial year Q3", "2021-22 October to December", "2021-10-01"),
        ("202122", "Financial year Q4", "2021-22 January to March", "2022-01-01"),
        ("202122", "Part 2 (October to March)", "2021-22 October to March", "2021-10-01"),
    ],
)
def test_every_time_identifier_of_the_standard_is_read(period, identifier, label, start):
    [series] = read(HEADER + national(period, identifier, "1")).series
    assert [(v["period_label"], v["period"]) for v in series["values"]] == [(label, start)]


@pytest.mark.parametrize(
    ("symbol", "words"),
    [
        ("c", "Not published to protect confidentiality (c)"),
        ("x", "Not available (x)"),
        ("z", "Not applicable (z)"),
        ("u", "Not shown because it is of low reliability (u)"),
        ("low", "Rounds to zero, but is not zero (low)"),
        ("~", "Rounds to zero, but is not zero (~)"),
        (":", "Not available (:)"),
        ("..", "Not available (..)"),
        ("[c]", "Not published to protect confidentiality (c)"),
        ("[low]", "Rounds to zero, but is not zero (low)"),
        ("U", "Not shown because it is of low reliability (u)"),
    ],
)
def test_every_symbol_is_kept_and_shown_in_words(symbol, words):
    assert values_of(read(HEADER + national(2019, "Calendar year", symbol))) == [("2019", words)]


def test_a_file_with_a_breakdown_is_read_for_the_total_unless_another_is_chosen():
    header = HEADER.replace(",value", ",breakdown,value")
    text = header + "".join(
        national(2019, "Calendar year", f"{breakdown},{value}")
        for breakdown, value in [("Boys", "40"), ("Total", "50"), ("Girls", "60")]
    )
    preview = read(text)
    [breakdown] = preview.filters
    assert (breakdown.values, breakdown.default) == (["Boys", "Total", "Girls"], "Total")
    assert values_of(preview) == [("2019", "50%")]
    assert values_of(preview, ("Girls",)) == [("2019", "60%")]


def test_a_filter_without_a_total_must_be_chosen():
    header = HEADER.replace(",value", ",phase,value")
    text = header + national(2019, "Calendar year", "Primary,1")
    text += national(2019, "Calendar year", "Secondary,2")
    preview = read(text)
    assert preview.default_choice is None
    assert values_of(preview, ("Secondary",)) == [("2019", "2%")]


def test_refused_values_do_not_claim_the_place_has_no_rows():
    # The old import refused "64.900000000000" and then said England had no rows.
    preview = read(HEADER + national(2019, "Calendar year", "lots"))
    assert preview.errors == []
    [error] = preview.all_errors(preview.default_choice)
    assert "“lots” is not a number or a symbol" in error


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("0000,Calendar year,National,E92000001,England,1", "“0000” is not a year between"),
        ("000001,Academic year,National,E92000001,England,1", "is not the two years of an"),
        ("2021,Week 53,National,E92000001,England,1", "2021 has no week 53"),
        (
            f"2019,Calendar year,National,E92000001,{'N' * 121},1",
            "is longer than 120 characters",
        ),
    ],
)
def test_a_row_that_cannot_be_stored_is_named_with_a_clear_message(cells, message):
    preview = read(HEADER + cells + "\n")
    errors = preview.all_errors(preview.default_choice)
    assert any(message in e and e.startswith("Line 2:") for e in errors), errors


def _write_big_file(path, megabytes):
    """A file shaped like the real timeliness file, written row by row, England last."""
    with open(TIMELINESS, newline="", encoding="utf-8-sig") as real:
        header = next(csv.reader(real))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        blank = ["x"] * (len(header) - 12)
        number = 0
        while handle.tell() < megabytes * 1024 * 1024:
            number += 1
            year = 2019 + number % 7
            writer.writerow(
                [year, "Calendar year", "Local authority", "E92000001", "England",
                 "E12000001", "North East", f"E06{number % 999999:06d}", f"{number % 999:03d}",
                 f"Place {number}", "Age", f"Age group {number % 19}", "100", "90", "60",
                 "55", "60.000000000000", "61.111111111111", *blank]
            )  # fmt: skip
        for year in range(2019, 2026):
            writer.writerow(
                [year, "Calendar year", "National", "E92000001", "England", "", "", "", "",
                 "", "All EHC plans", "All EHC plans", "53327", "49519", "31313", "29895",
                 "58.7", f"{50 + year - 2019}.400000000000", *blank]
            )  # fmt: skip


def test_a_large_file_is_read_row_by_row_in_memory_that_does_not_grow_with_it(tmp_path):
    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    _write_big_file(small, 0.5)
    _write_big_file(big, 6)
    measure = make_measure()

    def peak(path):
        tracemalloc.start()
        preview = read_path(path, ["E92000001"], "pc_plans_issued_20_weeks_ex", measure=measure)
        _, highest = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return preview, highest

    _, small_peak = peak(small)
    preview, big_peak = peak(big)
    assert values_of(preview)[-1] == ("2025", "56.4%")
    # Twelve times the file, not twelve times the memory: the rows of other
    # places are read and let go.
    assert big_peak < small_peak * 2 + 1024 * 1024, (small_peak, big_peak)


def test_a_file_over_the_limit_is_refused_with_the_limit_in_words(settings):
    settings.COMPARATOR_IMPORT_MAX_MB = 1
    upload = SimpleUploadedFile("big.csv", b"x" * (1024 * 1024 + 1))
    with pytest.raises(dfe.ImportFileError, match="larger than 1 MB"):
        dfe.read_series(
            upload, measure=make_measure(), indicator="value", geographies=["E92000001"]
        )


def test_too_many_rows_for_the_places_chosen_is_a_clear_message(monkeypatch):
    monkeypatch.setattr(dfe, "MAX_KEPT_ROWS", 2)
    text = HEADER + "".join(national(year, "Calendar year", "1") for year in range(2019, 2023))
    with pytest.raises(dfe.ImportFileError, match="more than 2 rows for the places chosen"):
        read(text)
