"""An inspection under embargo: nothing of its story is public anywhere until
its publication date, and then it is, with no job needing to run.

The story below has every kind of record an inspection brings (findings,
judgements, a plan with actions, measures, approved figures, comparators,
evidence, monitoring events, its report), each holding the word MARK; an
embargoed revisit also judges a finding that is already public. Every public
address is walked before and on the publication day, with the public page
cache on (as in production).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import resolve

from sendprogress.plan.models import (
    Action,
    ActionUpdate,
    Evidence,
    Finding,
    Inspection,
    Judgement,
    Measure,
    MonitoringEvent,
    Plan,
    Publication,
)
from sendprogress.public import is_public
from tests.factories import (
    make_comparator,
    make_figure,
    make_finding,
    make_inspection,
    make_judgement,
    make_local_area,
    make_measure,
    make_monitoring_event,
    make_plan,
    make_post,
    make_user,
)
from tests.security.urlwalk import routes, sample_path

MARK = "quorvexian"  # in every text of the embargoed story
# The addresses of the embargoed records: never in a public page that was not
# asked for them by name.
NAMES = ("hidden-finding", "hidden-plan", "hidden-measure")
LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 2)
PUBLICATION = date(2026, 3, 20)


def _at(on: date, hour: int = 9) -> datetime:
    return datetime.combine(on, time(hour), tzinfo=LONDON)


@pytest.fixture
def story(db):
    """A public 2016 story (so the pages have something), and an embargoed 2023
    inspection with everything it brings."""
    with time_machine.travel(_at(TODAY), tick=False):
        make_local_area()
        old = make_inspection(published_on=date(2020, 2, 20))
        public_finding = make_finding(inspection=old, title="Timely plans", slug="timely-plans")
        make_judgement(finding=public_finding, inspection=old)
        old_plan = make_plan(findings=[public_finding], slug="old-plan", title="Old plan")
        public_measure = make_measure(finding=public_finding, plan=old_plan, code="old-measure")
        make_figure(measure=public_measure, period=date(2025, 1, 1), value=40)

        letter = Evidence.objects.create(
            title=f"{MARK} report",
            date=PUBLICATION,
            url="https://example.org/report",
            is_public=True,
        )
        inspection = make_inspection(
            framework="2023",
            title=f"Area SEND inspection {MARK}",
            summary=f"Inspectors found {MARK} things.",
            date=date(2026, 1, 12),
            outcome="widespread-failings",
            publication=Publication.PUBLISHED,
            published_on=PUBLICATION,
            letter=letter,
        )
        finding = make_finding(
            kind="priority-action",
            inspection=inspection,
            slug="hidden-finding",
            title=f"Waits are {MARK}",
            short_title=f"{MARK} waits",
            summary=f"Children wait {MARK}ly long.",
        )
        make_judgement(
            finding=finding, inspection=inspection, what_inspectors_found=f"{MARK} findings"
        )
        # The same embargo on a later visit: its judgement of a public finding.
        revisit = make_inspection(
            title=f"Revisit {MARK}",
            kind="revisit",
            date=date(2026, 2, 2),
            published_on=PUBLICATION,
        )
        make_judgement(
            finding=public_finding,
            inspection=revisit,
            outcome="sufficient",
            what_inspectors_found=f"{MARK} progress",
        )
        document = Evidence.objects.create(
            title=f"{MARK} plan document", date=TODAY, url="https://example.org/p", is_public=True
        )
        plan = make_plan(
            kind="priority-action-plan",
            inspection=inspection,
            findings=[finding],
            slug="hidden-plan",
            title=f"Priority action plan {MARK}",
            summary=f"What we do about {MARK}.",
            approved_on=date(2026, 2, 20),
            document=document,
        )
        action = Action.objects.create(
            plan=plan, title=f"Hire {MARK}", description=f"{MARK} hiring", owner_role="Head"
        )
        action.findings.add(finding)
        ActionUpdate.objects.create(action=action, date=TODAY, note=f"{MARK} note")
        measure = make_measure(
            finding=finding,
            plan=plan,
            code="hidden-measure",
            title=f"{MARK} measure",
            why_it_matters=f"{MARK} matters",
            milestones=[(date(2026, 6, 1), 30)],
        )
        figure = make_figure(
            measure=measure, period=date(2026, 1, 1), value=21, commentary=f"{MARK} commentary"
        )
        make_comparator(
            measure=measure,
            label=f"England {MARK}",
            values=[(date(2025, 1, 1), "2025", 50)],
        )
        for fields in ({"finding": finding}, {"measure": measure}, {"action": action}):
            Evidence.objects.create(
                title=f"{MARK} evidence", date=TODAY, url="https://e.org", is_public=True, **fields
            )
        attached = Evidence(title=f"{MARK} file", date=TODAY, is_public=True, figure=figure)
        attached.file.save("note.txt", ContentFile(f"{MARK} file".encode()), save=True)
        make_monitoring_event(
            findings=[finding],
            plan=plan,
            title=f"{MARK} stocktake",
            date=date(2026, 2, 25),
            public_summary=f"{MARK} summary",
            summary_published_on=date(2026, 2, 26),
        )
        make_post(
            title="A public update",
            slug="a-public-update",
            published_at=_at(TODAY) - timedelta(days=1),
            findings=[finding, public_finding],
        )
    return {"evidence_file": attached.pk}


# Every public address, as walked: with the embargoed records' own names
# where the address takes one, and what should show there once the report is
# published (None: nothing of it belongs on that page).
def _addresses(evidence_file: int) -> dict[str, list[tuple[str, str | None]]]:
    return {
        "plan:home": [("/", MARK)],
        "plan:finding_detail": [
            ("/findings/hidden-finding/", MARK),
            ("/findings/timely-plans/", MARK),  # the revisit's judgement of it
        ],
        "plan:old_area_address": [("/areas/hidden-finding/", None)],
        "plan:plan_detail": [("/plans/hidden-plan/", MARK)],
        "plan:measure_list": [
            ("/measures/", MARK),
            ("/measures/?finding=hidden-finding", MARK),
            ("/measures/?area=hidden-finding", None),  # the old name: a redirect
        ],
        "plan:all_csv": [("/measures/all-measures.csv", MARK)],
        "plan:all_json": [("/measures/all-measures.json", MARK)],
        "plan:measure_detail": [("/measures/hidden-measure/", MARK)],
        "plan:measure_csv": [("/measures/hidden-measure/figures.csv", MARK)],
        "plan:comparators_csv": [("/measures/hidden-measure/comparators.csv", MARK)],
        "plan:measure_json": [("/measures/hidden-measure/figures.json", MARK)],
        "plan:journey": [("/journey/", MARK)],
        "plan:documents": [("/documents/", MARK)],
        "plan:evidence_download": [(f"/evidence/{evidence_file}/download/", MARK)],
        "updates:post_list": [
            ("/updates/", MARK),
            ("/updates/?finding=hidden-finding", MARK),
            ("/updates/?area=hidden-finding", None),
        ],
        "updates:feed_rss": [("/updates/feed.rss", MARK)],
        "updates:feed_atom": [("/updates/feed.atom", MARK)],
        "updates:finding_feed_rss": [("/updates/findings/hidden-finding/feed.rss", MARK)],
        "updates:finding_feed_atom": [("/updates/findings/hidden-finding/feed.atom", MARK)],
        "updates:old_area_feed_rss": [("/updates/areas/hidden-finding/feed.rss", None)],
        "updates:old_area_feed_atom": [("/updates/areas/hidden-finding/feed.atom", None)],
        "updates:post_image": [("/updates/images/1/", None)],
        "updates:post_detail": [("/updates/a-public-update/", MARK)],
        "email_updates:subscribe": [("/email-updates/", MARK)],
        "email_updates:check_email": [("/email-updates/check-your-email/", None)],
        "email_updates:confirm": [("/email-updates/confirm/1/", None)],
        "email_updates:choices": [("/email-updates/choices/1/", None)],
        "email_updates:unsubscribe": [("/email-updates/unsubscribe/1/", None)],
        "sitemap": [("/sitemap.xml", "hidden-finding")],
        "robots_txt": [("/robots.txt", None)],
        "api:index": [("/api/v1/", None)],
        "api:openapi": [("/api/v1/openapi.json", None)],
        "api:local_area": [("/api/v1/local-area/", None)],
        "api:inspections": [("/api/v1/inspections/", MARK)],
        "api:findings": [("/api/v1/findings/", MARK)],
        "api:plans": [("/api/v1/plans/", MARK)],
        "api:measures": [("/api/v1/measures/", MARK)],
        "api:measure_detail": [("/api/v1/measures/hidden-measure/", MARK)],
        "api:measure_figures": [("/api/v1/measures/hidden-measure/figures/", MARK)],
        "api:updates": [("/api/v1/updates/", "hidden-finding")],
        "embeds:measure": [("/embed/measures/hidden-measure/", MARK)],
        "data_dictionary": [("/data/", None)],
        "changes:what_has_changed": [("/what-has-changed/?day=1&month=1&year=2020", MARK)],
        "reports:list": [("/reports/", None)],
        "reports:detail": [("/reports/2026-03-01/", None)],
        "reports:pdf": [("/reports/2026-03-01.pdf", None)],
        "accessibility": [("/accessibility/", None)],
        "glossary": [("/glossary/", None)],
        "privacy": [("/privacy/", None)],
        "cookies": [("/cookies/", None)],
        "engagement:search": [("/search/?q=waits", MARK)],
        "engagement:feedback": [("/feedback/", None)],
        "engagement:you_said_we_did": [
            ("/you-said-we-did/?finding=hidden-finding", None),
            ("/you-said-we-did/?area=hidden-finding", None),
        ],
        "engagement:feed_rss": [("/you-said-we-did/feed.rss", None)],
        "engagement:feed_atom": [("/you-said-we-did/feed.atom", None)],
    }


# Lists filtered by a finding in their query string: an unknown finding shows
# the whole list (never an error), and the redirects from the addresses
# findings had before they had their own name.
LISTS = {
    "plan:measure_list",
    "updates:post_list",
    "engagement:you_said_we_did",
    "plan:old_area_address",
    "updates:old_area_feed_rss",
    "updates:old_area_feed_atom",
}

ADDRESSES = [(name, path, shows) for name, paths in _addresses(0).items() for path, shows in paths]


def _public_route_names() -> set[str]:
    names = set()
    for route in routes():
        if route.name is None or route.namespace.startswith("admin"):
            continue
        if is_public(resolve(sample_path(route)).func):
            names.add(route.name)
    return names


def test_every_public_address_is_walked():
    assert _public_route_names() == set(_addresses(0)), "walk the new public address here"


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace").lower()
    return response.content.decode(errors="replace").lower()


@pytest.mark.parametrize(("name", "path", "shows"), ADDRESSES, ids=[a[1] for a in ADDRESSES])
def test_nothing_of_an_embargoed_inspection_is_public_until_its_day(
    client, story, name, path, shows
):
    path = path.replace("/evidence/0/", f"/evidence/{story['evidence_file']}/")
    with time_machine.travel(_at(PUBLICATION - timedelta(days=1), 23), tick=False):
        before = client.get(path)
        body = _body(before)
        assert before.status_code < 500
        assert MARK not in body
        assert not [n for n in NAMES if n in body and n not in path]
        if any(n in path for n in NAMES) and name not in LISTS:
            # Its own page, feed, download or data: as if it did not exist.
            assert before.status_code == 404
    # The report is published at the start of its day: no job runs, and no page
    # cached the evening before is served.
    with time_machine.travel(_at(PUBLICATION, 0) + timedelta(minutes=1), tick=False):
        after = client.get(path)
        if shows:
            assert after.status_code == 200
            assert shows in _body(after)


def test_staff_preview_an_embargoed_finding_with_a_banner_saying_until_when(
    client, story, data_officer
):
    with time_machine.travel(_at(TODAY), tick=False):
        assert client.get("/findings/hidden-finding/").status_code == 404
        client.force_login(data_officer)
        response = client.get("/findings/hidden-finding/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not yet public: its inspection is embargoed until 20 March 2026." in html
    assert "Waits are quorvexian" in html
    assert "quorvexian findings" in html  # the judgement, as it will show
    assert "quorvexian measure" in html
    assert response["Cache-Control"] == "private, no-store"


def test_staff_preview_an_embargoed_plan_and_a_later_judgement_of_a_public_finding(
    client, story, data_officer
):
    client.force_login(data_officer)
    with time_machine.travel(_at(TODAY), tick=False):
        plan = client.get("/plans/hidden-plan/").content.decode()
        public_finding = client.get("/findings/timely-plans/").content.decode()
    assert "Not yet public: its inspection is embargoed until 20 March 2026." in plan
    assert "Hire quorvexian" in plan
    assert (
        "Not yet public: the judgement at the revisit quorvexian is embargoed until "
        "20 March 2026." in public_finding
    )
    assert "quorvexian progress" in public_finding


def test_no_banner_once_published_and_none_for_a_signed_in_user_who_is_not_staff(
    client, story, data_officer
):
    client.force_login(make_user(staff=False))
    with time_machine.travel(_at(TODAY), tick=False):
        assert client.get("/findings/hidden-finding/").status_code == 404
        assert client.get("/plans/hidden-plan/").status_code == 404
    client.force_login(data_officer)
    with time_machine.travel(_at(PUBLICATION), tick=False):
        html = client.get("/findings/hidden-finding/").content.decode()
    assert "Waits are quorvexian" in html
    assert "Not yet public" not in html


def test_a_draft_inspection_stays_hidden_whatever_its_date(client, story):
    Inspection.objects.filter(title__contains=MARK).update(publication=Publication.DRAFT)
    with time_machine.travel(_at(PUBLICATION + timedelta(days=30)), tick=False):
        assert client.get("/findings/hidden-finding/").status_code == 404
        assert MARK not in client.get("/journey/").content.decode().lower()


def test_the_rule_is_the_same_on_every_queryset(story):
    """Each record of the story is public exactly when its inspection is."""
    querysets = [
        Inspection.objects.filter(title__contains=MARK),
        Finding.objects.filter(slug="hidden-finding"),
        Judgement.objects.filter(what_inspectors_found__contains=MARK),
        Plan.objects.filter(slug="hidden-plan"),
        Action.objects.filter(title__contains=MARK),
        Measure.objects.filter(code="hidden-measure"),
        MonitoringEvent.objects.filter(title__contains=MARK),
        Evidence.objects.filter(title__contains=MARK),
    ]
    with time_machine.travel(_at(TODAY), tick=False):
        assert [qs.public().count() for qs in querysets] == [0] * len(querysets)
    with time_machine.travel(_at(PUBLICATION), tick=False):
        assert [qs.public().count() for qs in querysets] == [2, 1, 2, 1, 1, 1, 1, 6]


def test_a_draft_plans_comparators_are_not_public(db):
    """They were: the comparator rule checked only that the measure was public."""
    from sendprogress.plan.models import ComparatorSeries

    draft = make_plan(status=Plan.Status.DRAFT)
    measure = make_measure(plan=draft)
    make_comparator(measure=measure, values=[(date(2025, 1, 1), "2025", 50)])
    assert not ComparatorSeries.objects.public().exists()
    Plan.objects.filter(pk=draft.pk).update(status=Plan.Status.CURRENT)
    assert ComparatorSeries.objects.public().exists()
