"""The real Explore education statistics files through the staff page and the
command, unmodified, to a 20-week timeliness measure's public page."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from sendprogress.plan.models import ComparatorSeries, ComparatorValue
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parents[1] / "plan" / "data" / "ees"
TIMELINESS = DATA / "ees-timeliness-2026-excerpt.csv"
CIN = DATA / "cin-sen-la-academic-year-excerpt.csv"
URL = reverse("staff:import_comparators")
CONFIRM = reverse("staff:confirm_comparators")
INDICATOR = "pc_plans_issued_20_weeks_ex"


@pytest.fixture
def timeliness(db):
    measure = make_measure(
        code="ehcp-20-weeks", title="New EHC plans issued within 20 weeks", decimal_places=1
    )
    make_figure(measure=measure, period=date(2019, 6, 1), value=51)
    return measure


def _upload(client, measure, body, *, geographies="E92000001", name="timeliness.csv", **more):
    return client.post(
        URL,
        {
            "file": SimpleUploadedFile(name, body),
            "measure": measure.code,
            "indicator": INDICATOR,
            "geographies": geographies,
            "source": "DfE: Education, health and care plans",
            "release": "Education, health and care plans, June 2026",
            "released_on": "2026-06-25",
            **more,
        },
    )


def test_the_real_file_imports_unmodified_and_shows_englands_60_4_percent(
    client, approver, timeliness
):
    client.force_login(approver)
    response = _upload(client, timeliness, TIMELINESS.read_bytes())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing can be imported" not in html
    assert "breakdown_topic</label>" in html
    assert "breakdown</label>" in html
    assert '<option value="All EHC plans" selected>' in html
    assert "60.4%" in html
    response = client.post(
        CONFIRM,
        {
            "token": response.context["token"],
            "filter-0": "All EHC plans",
            "filter-1": "All EHC plans",
            "action": "import",
        },
        follow=True,
    )
    assert "1 comparator value imported" in response.content.decode()
    value = ComparatorValue.objects.get()
    assert (value.period_label, value.published_value, value.release, value.released_on) == (
        "2019",
        "60.4",
        "Education, health and care plans, June 2026",
        date(2026, 6, 25),
    )
    assert value.file_name == "timeliness.csv"
    page = client.get(timeliness.get_absolute_url()).content.decode()
    table = page[page.index('id="comparisons"') :]
    assert ">England</th>" in table
    assert "60.4%" in table[: table.index("</table>")]
    assert "<title>England, 2019: 60.4%</title>" in page


def _with_breakdowns() -> bytes:
    """The real file's header and England row, with two more breakdowns of 2019."""
    header, england, *_ = TIMELINESS.read_text(encoding="utf-8-sig").splitlines()
    cells = england.split(",")
    rows = [england]
    for topic, breakdown, value in [
        ("Age", "Under 5", "71.260000000000"),
        ("Age", "5 to 10", "u"),
    ]:
        rows.append(",".join([*cells[:10], topic, breakdown, *cells[12:17], value, *cells[18:]]))
    return ("\n".join([header, *rows]) + "\n").encode()


def test_the_staff_member_picks_the_breakdown_and_sees_its_values_first(
    client, approver, timeliness
):
    client.force_login(approver)
    response = _upload(client, timeliness, _with_breakdowns())
    html = response.content.decode()
    assert '<option value="All EHC plans" selected>' in html
    assert '<option value="Under 5">' in html
    token = response.context["token"]
    shown = client.post(
        CONFIRM, {"token": token, "filter-0": "Age", "filter-1": "Under 5", "action": "show"}
    )
    assert shown.status_code == 200
    assert "71.3%" in shown.content.decode()  # 71.26 rounded to the measure's one place
    assert not ComparatorValue.objects.exists()  # showing writes nothing
    low = client.post(
        CONFIRM, {"token": token, "filter-0": "Age", "filter-1": "5 to 10", "action": "show"}
    )
    assert "Not shown because it is of low reliability (u)" in low.content.decode()
    missing = client.post(
        CONFIRM, {"token": token, "filter-0": "All EHC plans", "filter-1": "Under 5"}
    )
    assert missing.status_code == 400
    assert "The file has no rows for that choice of filters." in missing.content.decode()
    client.post(
        CONFIRM, {"token": token, "filter-0": "Age", "filter-1": "Under 5", "action": "import"}
    )
    value = ComparatorValue.objects.get()
    assert (value.value, value.published_value) == (Decimal("71.26"), "71.260000000000")


def test_a_picked_value_that_is_not_in_the_file_is_refused_in_words(client, approver, timeliness):
    client.force_login(approver)
    token = _upload(client, timeliness, _with_breakdowns()).context["token"]
    response = client.post(CONFIRM, {"token": token, "filter-0": "<script>", "action": "import"})
    assert response.status_code == 400
    assert "Choose one of the values of breakdown_topic." in response.content.decode()
    assert not ComparatorValue.objects.exists()


def test_the_children_in_need_file_matches_an_old_la_code_as_this_local_area(client, approver):
    measure = make_measure(code="cin-ehcp", decimal_places=1)
    client.force_login(approver)
    response = client.post(
        URL,
        {
            "file": SimpleUploadedFile("cin.csv", CIN.read_bytes()),
            "measure": measure.code,
            "indicator": "pt_statement_or_EHC_plan",
            "geographies": "340, E92000001",
            "local_area_code": "340",
            "source": "DfE: Special educational needs in England",
        },
    )
    html = response.content.decode()
    assert "Knowsley (E08000011): a new series, this local area's own figures" in html
    assert "2021/22" in html
    client.post(CONFIRM, {"token": response.context["token"]})
    kinds = dict(ComparatorSeries.objects.values_list("label", "kind"))
    assert kinds == {"Knowsley": "local-area", "England": "england"}


def test_the_command_imports_the_real_file_unmodified(approver, timeliness):
    out = io.StringIO()
    call_command(
        "import_comparators",
        str(TIMELINESS),
        "--measure=ehcp-20-weeks",
        f"--indicator={INDICATOR}",
        "--geography=E92000001",
        "--geography=E12000001",
        "--source=DfE",
        "--release=June 2026",
        "--released-on=2026-06-25",
        "--as-user=alex",
        stdout=out,
    )
    assert "breakdown: All EHC plans" in out.getvalue()
    assert "England (E92000001): 2019: 60.4%" in out.getvalue()
    assert "North East (E12000001): 2019: 69.8%" in out.getvalue()
    assert sorted(ComparatorValue.objects.values_list("published_value", "released_on")) == [
        ("60.4", date(2026, 6, 25)),
        ("69.8", date(2026, 6, 25)),
    ]


def test_the_command_names_the_filter_values_when_there_is_no_total(tmp_path, approver):
    make_measure(code="by-phase")
    path = tmp_path / "phase.csv"
    path.write_text(
        "time_period,time_identifier,geographic_level,country_code,country_name,phase,pct\n"
        "2024,Calendar year,National,E92000001,England,Primary,1\n"
        "2024,Calendar year,National,E92000001,England,Secondary,2\n"
    )
    args = [str(path), "--measure=by-phase", "--indicator=pct", "--geography=E92000001"]
    args += ["--source=DfE", "--as-user=alex"]
    with pytest.raises(CommandError, match="Its values are: Primary; Secondary"):
        call_command("import_comparators", *args, stdout=io.StringIO())
    call_command("import_comparators", *args, "--filter=phase=Secondary", stdout=io.StringIO())
    assert ComparatorValue.objects.get().published_value == "2"


def test_a_file_of_several_megabytes_imports_through_the_page(client, approver, timeliness):
    """Larger than the old 2 MB cap and than Django's in-memory upload size, so the
    upload arrives as a temporary file and is read from it row by row."""
    header, england, *_ = TIMELINESS.read_text(encoding="utf-8-sig").splitlines()
    cells = england.split(",")
    lines = [header]
    for number in range(25_000):
        lines.append(
            ",".join(
                [*cells[:2], "Local authority", *cells[3:7], f"E06{number:06d}", "800",
                 f"Place {number}", "Age", f"Group {number % 19}", *cells[12:]]
            )
        )  # fmt: skip
    lines.append(england)
    body = ("\n".join(lines) + "\n").encode()
    assert len(body) > 3 * 1024 * 1024
    client.force_login(approver)
    response = _upload(client, timeliness, body)
    assert response.status_code == 200
    assert "60.4%" in response.content.decode()
    client.post(CONFIRM, {"token": response.context["token"]})
    assert ComparatorValue.objects.get().published_value == "60.4"
