"""A measure's stored latest figure and progress follow every change to their inputs.

Nothing refreshes them behind the writer's back: each change here is made the
way staff make it (the figure services, the staff pages, the admin and its
inline, the CSV import) and the stored values, and what the public see, follow.

The measure made by `make_measure` starts at 10 on 1 January 2023 and aims for
50 by 1 January 2024, higher is better; with no tolerance set, a miss of up to
a tenth of that distance (4) is "at risk", more is "off track". Expected
values below are worked out by hand from those numbers.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendprogress.accounts import roles
from sendprogress.plan.measures import progress, services
from sendprogress.plan.models import Figure, Measure, MeasureMilestone
from tests.factories import make_figure, make_measure, make_user
from tests.hostile.forms_html import as_submitted, read_form

pytestmark = pytest.mark.django_db
Progress = progress.Progress
TARGET_DATE = date(2024, 1, 1)


def stored(measure) -> tuple:
    measure = Measure.objects.get(pk=measure.pk)
    return measure.latest_value, measure.latest_period, measure.progress


def rules_say(measure) -> tuple:
    """What the derivation rules of progress.py give, read straight from the figures."""
    latest = Figure.objects.filter(measure=measure, status="approved").order_by("period").last()
    if latest is None:
        return None, None, Progress.NO_DATA
    points = progress.trajectory(
        baseline=progress.Point(measure.baseline_date, measure.baseline_value)
        if measure.baseline_date and measure.baseline_value is not None
        else None,
        milestones=[
            progress.Point(m.date, m.target)
            for m in MeasureMilestone.objects.filter(measure=measure)
        ],
        target=progress.Point(measure.target_date, measure.target_value)
        if measure.target_date and measure.target_value is not None
        else None,
    )
    tolerance = measure.tolerance
    if tolerance is None:
        tolerance = progress.default_tolerance(measure.baseline_value, measure.target_value)
    return (
        latest.value,
        latest.period,
        progress.assess(
            value=latest.value,
            expected=progress.expected_value(points, latest.period),
            higher_is_better=measure.higher_is_better,
            tolerance=tolerance,
        ),
    )


def approve(measure, period, value, data_officer, approver):
    figure = services.save_figure(
        measure=measure,
        period=period,
        value=Decimal(value),
        commentary="What it shows.",
        by=data_officer,
        submit=True,
    )
    return services.approve_figure(figure=figure, by=approver)


def public_row(measure) -> str:
    """The measure's row on the public all-measures page, as words, read as a
    member of the public (no cookie: the cached page when there is one)."""
    html = Client().get(reverse("plan:measure_list")).content.decode()
    href = f'href="{measure.get_absolute_url()}"'
    for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", html, re.DOTALL):
        if href in row:
            return " ".join(re.sub(r"<[^>]+>", " ", row).split())
    raise AssertionError(f"{measure} is not on the all-measures page")


def posted(client, url, data, status=302):
    """Post as the screen's form does, and check the screen accepted it."""
    response = client.post(url, data)
    assert response.status_code == status, response.content.decode()[-3000:]
    return response


def shows(measure, latest: str) -> bool:
    """Whether the measure's public row gives `latest` ("47%") as its latest figure."""
    return f" {latest} " in f" {public_row(measure)} "


def save_in_the_admin(client, measure, **fields) -> None:
    """Post the measure's admin change form as a browser would, with `fields`
    (and its milestone inline's fields, "milestones-0-target") changed."""
    url = reverse("admin:plan_measure_change", args=[measure.pk])
    data = as_submitted(read_form(client.get(url).content.decode(), "measure_form"))
    data |= {name: [value] for name, value in fields.items()}
    data["_save"] = ["Save"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors or [
        formset.errors for formset in response.context["inline_admin_formsets"]
    ]


def test_a_measure_with_no_approved_figure_has_no_data_yet():
    measure = make_measure()
    make_figure(measure=measure, period=TARGET_DATE, value=50, status=Figure.Status.DRAFT)
    assert stored(measure) == (None, None, Progress.NO_DATA)


def test_approving_a_figure_stores_it_and_its_progress(client, data_officer, approver):
    measure = make_measure()
    figure = services.save_figure(
        measure=measure,
        period=TARGET_DATE,
        value=Decimal("50"),
        commentary="On target.",
        by=data_officer,
        submit=True,
    )
    assert stored(measure) == (None, None, Progress.NO_DATA)

    services.approve_figure(figure=figure, by=approver)

    assert stored(measure) == (Decimal("50"), TARGET_DATE, Progress.ON_TRACK)
    page = client.get(reverse("plan:measure_list")).content.decode()
    assert "50%<br>" in page
    assert "On track" in page


def test_a_correction_changes_the_stored_figure_and_progress(client, data_officer, approver):
    measure = make_measure()
    figure = approve(measure, TARGET_DATE, "50", data_officer, approver)

    services.correct_figure(
        figure=figure,
        by=approver,
        value=Decimal("40"),
        commentary="Recounted.",
        reason="Two children were counted twice.",
        commentary_reviewed=True,
    )

    assert stored(measure) == (Decimal("40"), TARGET_DATE, Progress.OFF_TRACK)
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Off track" in page


def test_a_later_figure_counts_only_once_approved(data_officer, approver):
    measure = make_measure()
    approve(measure, TARGET_DATE, "50", data_officer, approver)
    later = services.save_figure(
        measure=measure,
        period=date(2024, 2, 1),
        value=Decimal("20"),
        commentary="Worse.",
        by=data_officer,
        submit=True,
    )
    assert stored(measure) == (Decimal("50"), TARGET_DATE, Progress.ON_TRACK)

    services.return_figure(figure=later, by=approver, reason="Check the count.")
    assert stored(measure) == (Decimal("50"), TARGET_DATE, Progress.ON_TRACK)

    services.submit_figure(figure=later, by=data_officer)
    services.approve_figure(figure=Figure.objects.get(pk=later.pk), by=approver)
    assert stored(measure) == (Decimal("20"), date(2024, 2, 1), Progress.OFF_TRACK)


def test_approving_several_at_once_stores_the_latest(data_officer, approver):
    measure = make_measure()
    figures = [
        services.save_figure(
            measure=measure,
            period=period,
            value=Decimal(value),
            commentary="Monthly.",
            by=data_officer,
            submit=True,
        )
        for period, value in [(date(2023, 12, 1), "45"), (TARGET_DATE, "47")]
    ]
    services.approve_figures(figures=[(f, f.version) for f in figures], by=approver)
    assert stored(measure) == (Decimal("47"), TARGET_DATE, Progress.AT_RISK)


def test_milestones_added_changed_and_deleted_in_the_admin_change_progress(client):
    measure = make_measure()
    make_figure(measure=measure, period=date(2023, 7, 1), value=30)
    # Between 10 in January and 50 the next January, July expects about 29.8.
    assert stored(measure)[2] == Progress.ON_TRACK
    client.force_login(make_user(roles.APPROVER))

    save_in_the_admin(
        client, measure, **{"milestones-0-date": "2023-07-01", "milestones-0-target": "40"}
    )
    assert stored(measure)[2] == Progress.OFF_TRACK
    assert "Off track" in public_row(measure)

    save_in_the_admin(client, measure, **{"milestones-0-target": "33"})
    assert stored(measure)[2] == Progress.AT_RISK
    assert "At risk" in public_row(measure)

    # No role deletes milestones: a superuser does.
    client.force_login(make_user(is_superuser=True))
    save_in_the_admin(client, measure, **{"milestones-0-DELETE": "on"})
    assert not MeasureMilestone.objects.filter(measure=measure).exists()
    assert stored(measure)[2] == Progress.ON_TRACK
    assert "On track" in public_row(measure)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, Progress.AT_RISK),
        ({"target_value": "47"}, Progress.ON_TRACK),
        ({"tolerance": "1"}, Progress.OFF_TRACK),
        # From 40 to 50 the default tolerance is 1: a miss of 3 is off track.
        ({"baseline_value": "40"}, Progress.OFF_TRACK),
        ({"higher_is_better": "False"}, Progress.ON_TRACK),
        # With no target date the trajectory is the baseline alone: 47 beats 10.
        ({"target_date": ""}, Progress.ON_TRACK),
    ],
    ids=["unchanged", "target", "tolerance", "baseline", "direction", "no-target"],
)
def test_editing_the_measure_in_the_admin_changes_progress(client, change, expected):
    measure = make_measure()
    make_figure(measure=measure, period=TARGET_DATE, value=47)
    client.force_login(make_user(roles.APPROVER))
    save_in_the_admin(client, measure, **change)
    measure = Measure.objects.get(pk=measure.pk)
    assert stored(measure)[2] == expected
    assert stored(measure) == rules_say(measure)
    assert expected.label in public_row(measure)


def test_unit_and_decimal_places_show_at_once_on_the_stored_figure(client):
    measure = make_measure()
    make_figure(measure=measure, period=TARGET_DATE, value="47.24")
    assert shows(measure, "47.2%")

    client.force_login(make_user(roles.APPROVER))
    save_in_the_admin(client, measure, decimal_places="2", unit=Measure.Unit.DAYS)

    assert not shows(measure, "47.2%")
    assert shows(measure, "47.24 days")


def test_every_way_staff_change_a_figure_or_target_shows_at_once_in_public(
    client, data_officer, approver
):
    """One measure, changed in turn by each screen that writes its figures,
    milestones or targets; after each, its row on the public all-measures page."""
    measure = make_measure(code="walked")
    assert "None yet" in public_row(measure)

    # The CSV import (as drafts, here submitted), then approval on the figure's staff page.
    client.force_login(data_officer)
    posted(
        client,
        reverse("staff:import_figures"),
        {
            "file": SimpleUploadedFile(
                "figures.csv",
                b"measure_code,period,value,numerator,denominator,commentary\n"
                b"walked,2024-01,47,,,Nearly there.\n",
            ),
            "submit_for_approval": "yes",
        },
        status=200,
    )
    posted(
        client, reverse("staff:confirm_import"), {"token": client.session["staff_import"]["token"]}
    )
    january = Figure.objects.get(measure=measure, period=TARGET_DATE)
    assert january.status == Figure.Status.SUBMITTED
    assert "None yet" in public_row(measure)
    client.force_login(approver)
    posted(
        client,
        reverse("staff:review_figure", args=[january.pk]),
        {f"decide-{january.pk}-version": january.version, "action": "approve"},
    )
    # January expects the target, 50: a miss of 3 is within the tolerance of 4.
    assert shows(measure, "47%")
    assert stored(measure)[:2] == (Decimal("47"), TARGET_DATE)
    assert "At risk" in public_row(measure)

    # The staff entry form, then the approvals confirmation page.
    client.force_login(data_officer)
    posted(
        client,
        reverse("staff:enter_figure", args=["walked"]),
        {
            "walked-period": "2024-02-01",
            "walked-value": "52",
            "walked-commentary": "Better.",
            "walked-version": "0",
            "action": "submit",
        },
    )
    february = Figure.objects.get(measure=measure, period=date(2024, 2, 1))
    client.force_login(approver)
    posted(
        client,
        reverse("staff:confirm_approvals"),
        {"figure": [f"{february.pk}:{february.version}"]},
    )
    # After the target date the trajectory stays at the target: 52 beats 50.
    assert shows(measure, "52%")
    assert stored(measure)[:2] == (Decimal("52"), date(2024, 2, 1))
    assert "On track" in public_row(measure)

    # The staff correction form.
    posted(
        client,
        reverse("staff:correct_figure", args=[february.pk]),
        {
            "value": "44",
            "numerator": "",
            "denominator": "",
            "commentary": "Recounted.",
            "correction_reason": "Six were counted twice.",
            "commentary_reviewed": "on",
            "version": Figure.objects.get(pk=february.pk).version,
        },
    )
    assert shows(measure, "44%")
    assert "Off track" in public_row(measure)  # a miss of 6

    # The admin's measure form with its milestone inline: a later target (60 by June
    # 2024) and a milestone of 44 on 1 February 2024, which February's 44 meets.
    save_in_the_admin(
        client,
        measure,
        target_value="60",
        target_date="2024-06-01",
        **{"milestones-0-date": "2024-02-01", "milestones-0-target": "44"},
    )
    assert "On track" in public_row(measure)

    # The milestone deleted in the inline (no role deletes milestones: a superuser).
    # From 10 on 1 January 2023 to 60 on 1 June 2024 (517 days), 1 February 2024
    # (396 days on) expects 10 + 50 * 396 / 517 = 48.3; the default tolerance is now
    # 5, so a miss of 4.3 is at risk.
    client.force_login(make_user(is_superuser=True))
    save_in_the_admin(client, measure, **{"milestones-0-DELETE": "on"})
    assert "At risk" in public_row(measure)

    # The admin's figure form and its actions: entered, submitted, approved.
    client.force_login(data_officer)
    posted(
        client,
        reverse("admin:plan_figure_add"),
        {
            "measure": measure.pk,
            "period": "2024-03-01",
            "value": "55",
            "commentary": "ok",
            "version_seen": 0,
        },
    )
    march = Figure.objects.get(measure=measure, period=date(2024, 3, 1))
    changelist = reverse("admin:plan_figure_changelist")
    posted(client, changelist, {"action": "submit_selected", "_selected_action": [march.pk]})
    assert shows(measure, "44%")
    client.force_login(approver)
    posted(client, changelist, {"action": "approve_selected", "_selected_action": [march.pk]})
    # 1 March 2024 is 425 days on: 10 + 50 * 425 / 517 = 51.1, and 55 beats it.
    assert shows(measure, "55%")
    assert stored(measure)[:2] == (Decimal("55"), date(2024, 3, 1))
    assert "On track" in public_row(measure)

    # The admin's delete page and its "delete selected" action. Both refuse an
    # approved figure, so what the public see stays March's.
    client.force_login(make_user(is_superuser=True))
    drafts = [
        make_figure(measure=measure, period=date(2024, month, 1), value=99, status=status)
        for month, status in ((4, Figure.Status.DRAFT), (5, Figure.Status.SUBMITTED))
    ]
    posted(client, reverse("admin:plan_figure_delete", args=[drafts[0].pk]), {"post": "yes"})
    selected = [drafts[1].pk, march.pk]
    posted(
        client,
        changelist,
        {"action": "delete_selected", "_selected_action": selected, "post": "yes"},
        status=403,
    )
    posted(
        client, reverse("admin:plan_figure_delete", args=[march.pk]), {"post": "yes"}, status=403
    )
    posted(
        client,
        changelist,
        {"action": "delete_selected", "_selected_action": [drafts[1].pk], "post": "yes"},
    )
    assert list(Figure.objects.filter(measure=measure).values_list("value", flat=True)) == [
        Decimal("47"),
        Decimal("44"),
        Decimal("55"),
    ]
    assert shows(measure, "55%")
    assert stored(measure) == rules_say(measure)


def test_the_measure_an_approved_figure_comes_back_with_follows_it(data_officer, approver):
    """The staff pages draw the measure of the figure a service returns."""
    approved = approve(make_measure(), TARGET_DATE, "40", data_officer, approver)
    assert approved.measure.progress == Progress.OFF_TRACK
    assert approved.measure.latest_value == Decimal("40")


@pytest.mark.parametrize("write", ["save", "update"])
def test_refresh_stored_progress_mends_a_write_that_did_not_refresh(write):
    """Only the writers refresh: no signal does it behind a plain save()."""
    measure = make_measure()
    figure = make_figure(measure=measure, period=TARGET_DATE, value=50)
    if write == "save":
        figure.value = Decimal(20)
        figure.save()
    else:
        Figure.objects.filter(measure=measure).update(value=Decimal(20))
    assert stored(measure)[2] == Progress.ON_TRACK  # stale until refreshed

    call_command("refresh_stored_progress", verbosity=0)

    assert stored(measure) == (Decimal("20"), TARGET_DATE, Progress.OFF_TRACK)


@pytest.mark.parametrize("content", ["demo", "demo_2023", "large"])
def test_loaded_and_generated_content_stores_what_the_rules_give(request, content, client):
    if content == "large":
        call_command("generate_large_data", "--small", verbosity=0)
    else:
        request.getfixturevalue(content)
    measures = list(Measure.objects.all())
    assert measures
    assert any(stored(m)[2] != Progress.NO_DATA for m in measures)
    for measure in measures:
        assert stored(measure) == rules_say(measure), measure.code
    # And the pages show it: every public measure's progress on the all-measures page.
    page = client.get(reverse("plan:measure_list"), {"page": 1}).content.decode()
    for measure in Measure.objects.for_display()[:25]:
        assert rules_say(measure)[2].label in page


def test_loading_the_demo_works_out_each_measure_once_not_once_a_row():
    """Fixtures are saved raw: refreshed row by row, the 75 figures and 27 milestones of
    the demo re-read their measure's figures 111 times, a third of the load's queries."""
    with CaptureQueriesContext(connection) as load:
        call_command("loaddata", "fixtures/demo.json", verbosity=0)
    reads_of_latest_figure = [
        q for q in load.captured_queries if q["sql"].startswith('SELECT "plan_figure"."value"')
    ]
    assert len(reads_of_latest_figure) == Measure.objects.count() == 9
    for measure in Measure.objects.all():
        assert stored(measure) == rules_say(measure), measure.code
