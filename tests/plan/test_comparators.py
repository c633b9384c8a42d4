"""Comparator series: imported by command or staff page, shown on the measure page
(chart and table) and in the downloads, with missing values in words."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from sendprogress.plan.comparators import comparisons
from sendprogress.plan.models import ComparatorSeries, ComparatorValue, Plan
from tests.factories import (
    make_comparator,
    make_figure,
    make_inspection,
    make_measure,
    make_plan,
)

from .dfe_files import EAST, ENGLAND, HEADER, TIMELINESS, row

pytestmark = pytest.mark.django_db
URL = reverse("staff:import_comparators")
CONFIRM = reverse("staff:confirm_comparators")


def _file(text=TIMELINESS):
    return SimpleUploadedFile("ehcp.csv", text.encode())


def _post(client, measure, text=TIMELINESS, geographies=f"{ENGLAND}, {EAST}"):
    return client.post(
        URL,
        {
            "file": _file(text),
            "measure": measure.code,
            "indicator": "pct_20_weeks",
            "geographies": geographies,
            "source": "DfE: Education, health and care plans",
            "release": "June 2025",
        },
    )


def _values(measure, label):
    return [
        (v.period_label, v.value, v.symbol)
        for v in ComparatorValue.objects.filter(series__measure=measure, series__label=label)
    ]


# --- the staff page -----------------------------------------------------------


def test_an_approver_previews_then_imports_all_the_series(client, approver):
    measure = make_measure(title="Plans on time")
    client.force_login(approver)
    response = _post(client, measure)
    html = response.content.decode()
    assert response.status_code == 200
    assert "England (E92000001): a new series" in html
    assert "Not published to protect confidentiality (c)" in html
    assert not ComparatorSeries.objects.exists()  # a preview writes nothing

    response = client.post(CONFIRM, {"token": response.context["token"]}, follow=True)
    assert "10 comparator values imported onto “Plans on time”" in response.content.decode()
    assert [(p, float(v)) for p, v, _ in _values(measure, "England")][-1] == ("2024", 46.4)
    assert _values(measure, "East of England")[0] == ("2019", None, "c")
    england = ComparatorSeries.objects.get(label="England")
    assert (england.source, england.release) == (
        "DfE: Education, health and care plans",
        "June 2025",
    )


def test_a_file_with_a_bad_row_imports_nothing_and_says_which_line(client, approver):
    measure = make_measure()
    client.force_login(approver)
    response = _post(client, measure, text=TIMELINESS + row(2025, "National", "plenty"))
    html = response.content.decode()
    assert "Nothing can be imported until every row is right" in html
    assert "Line 14: the value “plenty” is not a number or a symbol." in html
    assert not response.context["can_import"]
    assert "Import these comparator figures" not in html
    assert not ComparatorSeries.objects.exists()


def test_a_confirmation_works_once(client, approver):
    measure = make_measure()
    client.force_login(approver)
    token = _post(client, measure).context["token"]
    client.post(CONFIRM, {"token": token})
    ComparatorValue.objects.all().delete()
    response = client.post(CONFIRM, {"token": token}, follow=True)
    assert "That import has expired or was already done" in response.content.decode()
    assert not ComparatorValue.objects.exists()


def test_a_new_release_replaces_the_values_it_covers_and_keeps_the_rest(client, approver):
    measure = make_measure()
    make_comparator(
        measure=measure, values=[(date(2018, 1, 1), "2018", 64.9), (date(2024, 1, 1), "2024", 1)]
    )
    client.force_login(approver)
    token = _post(client, measure, geographies=ENGLAND).context["token"]
    client.post(CONFIRM, {"token": token})
    labels = [(label, float(value)) for label, value, _ in _values(measure, "England")]
    assert labels[0] == ("2018", 64.9)
    assert labels[-1] == ("2024", 46.4)
    assert ComparatorSeries.objects.count() == 1


def test_a_data_officer_may_not_import_comparators(client, data_officer):
    measure = make_measure()
    client.force_login(data_officer)
    assert client.get(URL).status_code == 403
    assert _post(client, measure).status_code == 403
    assert client.post(CONFIRM, {"token": "x"}).status_code == 403
    assert not ComparatorSeries.objects.exists()


def test_the_form_says_what_is_wrong_where_it_was_typed(client, approver):
    client.force_login(approver)
    response = client.post(URL, {"measure": "nope", "geographies": "England"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose the CSV data file to import." in html
    assert "Choose a measure from the list." in html
    assert "Give codes of a letter and 8 digits (E92000001) or old three-digit" in html


# --- the command ----------------------------------------------------------------


def test_the_command_imports_the_england_series(tmp_path, approver):
    measure = make_measure(code="ehcp-20-weeks")
    path = tmp_path / "ehcp.csv"
    path.write_text(TIMELINESS)
    out = io.StringIO()
    call_command(
        "import_comparators",
        str(path),
        "--measure=ehcp-20-weeks",
        "--indicator=pct_20_weeks",
        f"--geography={ENGLAND}",
        "--source=DfE",
        "--as-user=alex",
        stdout=out,
    )
    assert "England (E92000001): 2019: 60.4%, 2021: 59.9%" in out.getvalue()
    assert len(_values(measure, "England")) == 5


def test_the_command_writes_nothing_from_a_file_with_errors(tmp_path, approver):
    make_measure(code="ehcp-20-weeks")
    path = tmp_path / "ehcp.csv"
    path.write_text(HEADER + row(2024, "National", "") + row(2023, "National", "50.3"))
    with pytest.raises(CommandError, match="Line 2: the value is blank"):
        call_command(
            "import_comparators",
            str(path),
            "--measure=ehcp-20-weeks",
            "--indicator=pct_20_weeks",
            f"--geography={ENGLAND}",
            "--source=DfE",
            "--as-user=alex",
        )
    assert not ComparatorValue.objects.exists()


def test_the_demo_england_series_is_what_the_dfe_file_in_fixtures_says(demo, approver):
    from sendprogress.plan.models import Measure

    fixture = [
        (v.period_label, v.value) for v in ComparatorValue.objects.filter(series__label="England")
    ]
    ComparatorSeries.objects.all().delete()
    call_command(
        "import_comparators",
        "fixtures/dfe-ehcp-20-weeks-england.csv",
        "--measure=ehcp-20-weeks",
        "--indicator=pct_within_20_weeks_excl_exceptions",
        f"--geography={ENGLAND}",
        "--source=DfE",
        "--as-user=alex",
        stdout=io.StringIO(),
    )
    imported = [
        (v.period_label, v.value) for v in ComparatorValue.objects.filter(series__label="England")
    ]
    assert fixture == imported
    assert [(p, float(v)) for p, v in imported] == [
        ("2019", 60.4),
        ("2021", 59.9),
        ("2022", 49.2),
        ("2023", 50.3),
        ("2024", 46.4),
    ]
    assert Measure.objects.get(code="ehcp-20-weeks").comparator_series.get().kind == "england"


# --- the measure page and downloads ------------------------------------------------


@pytest.fixture
def compared(db):
    measure = make_measure(code="plans-on-time", baseline_date=date(2023, 1, 1))
    make_figure(measure=measure, period=date(2023, 3, 1), value=40)
    make_comparator(
        measure=measure,
        values=[(date(2022, 1, 1), "2022", 49.2), (date(2023, 1, 1), "2023", 50.3)],
    )
    make_comparator(
        measure=measure,
        label="East of England",
        kind=ComparatorSeries.Kind.REGION,
        values=[(date(2022, 1, 1), "2022", "c"), (date(2023, 1, 1), "2023", 48)],
    )
    return measure


def test_the_measure_page_tables_each_series_with_missing_values_in_words(client, compared):
    html = client.get(compared.get_absolute_url()).content.decode()
    table = html[
        html.index('id="comparisons"') : html.index("</table>", html.index('id="comparisons"'))
    ]
    assert ">England</th>" in table
    assert ">East of England</th>" in table
    assert "49.2%" in table
    assert "50.3%" in table
    assert "48%" in table
    assert "Not published to protect confidentiality (c)" in table
    assert "0%" not in table


def test_the_chart_draws_each_series_with_its_own_pattern_and_legend(client, compared):
    html = client.get(compared.get_absolute_url()).content.decode()
    assert 'class="app-chart__comparator app-chart__comparator--1"' in html
    assert 'class="app-chart__comparator app-chart__comparator--2"' in html
    assert "England (long dashes with squares)" in html
    assert "East of England (short dashes with diamonds)" in html
    assert "<title>England, 2023: 50.3%</title>" in html
    # The suppressed 2022 value is not drawn, and not drawn as zero.
    assert "East of England, 2022" not in html


def test_the_downloads_include_the_comparators(client, compared):
    data = json.loads(client.get(reverse("plan:measure_json", args=["plans-on-time"])).content)
    [measure] = data["measures"]
    assert [c["label"] for c in measure["comparators"]] == ["England", "East of England"]
    region = measure["comparators"][1]["values"][0]
    assert region == {
        "period": "2022",
        "period_start": "2022-01-01",
        "value": None,
        "symbol": "c",
        "note": "Not published to protect confidentiality",
        "release": "",
        "released_on": None,
    }
    response = client.get(reverse("plan:comparators_csv", args=["plans-on-time"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["series"], r["period"], r["value"], r["symbol"]) for r in rows] == [
        ("England", "2022", "49.2", ""),
        ("England", "2023", "50.3", ""),
        ("East of England", "2022", "", "c"),
        ("East of England", "2023", "48", ""),
    ]


def test_the_api_and_the_download_describe_each_series_alike(client, compared):
    download = json.loads(client.get(reverse("plan:measure_json", args=["plans-on-time"])).content)
    api = client.get(reverse("api:measure_detail", args=["plans-on-time"])).json()
    region = {
        "label": "East of England",
        "kind": "region",
        "geography_code": "",
        "definition": "",
        "source": "Department for Education",
        "release": "",
        "values": [
            {
                "period": "2022",
                "period_start": "2022-01-01",
                "value": None,
                "symbol": "c",
                "note": "Not published to protect confidentiality",
                "release": "",
                "released_on": None,
            },
            {
                "period": "2023",
                "period_start": "2023-01-01",
                "value": 48.0,
                "symbol": None,
                "note": None,
                "release": "",
                "released_on": None,
            },
        ],
    }
    assert download["measures"][0]["comparators"][1] == region
    assert api["comparators"][1] == region
    assert api["comparators"] == download["measures"][0]["comparators"]


def test_a_hidden_measure_shows_its_comparators_nowhere(client, compared):
    compared.is_public = False
    compared.save()
    assert client.get(reverse("plan:comparators_csv", args=["plans-on-time"])).status_code == 404
    data = json.loads(client.get(reverse("plan:all_json")).content)
    assert data["measures"] == []


def _draft_plan():
    return make_plan(status=Plan.Status.DRAFT)


def _embargoed_plan():
    return make_plan(inspection=make_inspection(published_on=date(2999, 1, 1)))


@pytest.mark.parametrize("plan", [_draft_plan, _embargoed_plan], ids=["draft", "embargoed"])
def test_a_measure_of_a_plan_not_yet_public_shows_its_comparators_nowhere(client, plan):
    """The comparator rule once checked only the measure's own mark, not its plan."""
    measure = make_measure(code="not-yet", plan=plan())
    make_figure(measure=measure, period=date(2023, 3, 1), value=40)
    make_comparator(measure=measure, label="Quorvex", values=[(date(2023, 1, 1), "2023", 51)])

    assert comparisons.for_measures([measure]) == {}
    for name in ("plan:measure_detail", "plan:comparators_csv", "plan:measure_json"):
        assert client.get(reverse(name, args=["not-yet"])).status_code == 404, name
    assert client.get(reverse("api:measure_detail", args=["not-yet"])).status_code == 404
    for address in (reverse("plan:all_json"), reverse("plan:all_csv"), reverse("api:measures")):
        assert "Quorvex" not in client.get(address).content.decode(), address
        assert "not-yet" not in client.get(address).content.decode(), address

    Plan.objects.filter(pk=measure.plan_id).update(status=Plan.Status.CURRENT, inspection=None)
    assert [line.label for line in comparisons.for_measures([measure])[measure.pk]] == ["Quorvex"]
    assert (
        "Quorvex" in client.get(reverse("plan:measure_detail", args=["not-yet"])).content.decode()
    )
    assert (
        "Quorvex" in client.get(reverse("plan:comparators_csv", args=["not-yet"])).content.decode()
    )
