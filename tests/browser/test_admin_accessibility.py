"""Every admin page passes axe-core (WCAG 2.2 AA) on a desktop and on a phone,
like every staff and public page.

The pages are found from the admin site's registry, so a model registered
later is checked without anyone adding it here: its list, its add page (where
the role may add), one record's change page and, for a model with history,
its history. A superuser sees every page; an approver, the role the issue
was reported with, sees those the role allows. One browser page visits them
all and the test fails once, naming every page and every rule it broke.
"""

from datetime import date, timedelta

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from sendprogress.accounts import roles
from sendprogress.accounts.models import User
from sendprogress.engagement.models import SearchSynonym, YouSaidWeDid
from sendprogress.pages.models import GlossaryTerm
from sendprogress.plan.models import (
    Action,
    ActionUpdate,
    Evidence,
    Figure,
    JourneyStep,
    Partner,
)
from sendprogress.updates.models import Delivery, Post, Subscriber
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

from .conftest import axe_violations

pytestmark = pytest.mark.browser
PASSWORD = "a-long-test-password"


@pytest.fixture
def admin_content(transactional_db, live_server, settings, tmp_path):
    """At least one record of every model the admin shows, made with the factories."""
    settings.MEDIA_ROOT = tmp_path
    officer = make_user(roles.DATA_OFFICER, first_name="Dana", last_name="Officer")

    make_local_area()
    Partner.objects.create(name="Testshire Council", order=1)
    finding = make_finding(title="Waiting times for plans")
    inspection = make_inspection(title="Local area inspection")
    make_judgement(finding=finding, inspection=inspection)
    plan = make_plan(findings=[finding], title="Accelerated Progress Plan")
    make_monitoring_event(findings=[finding])
    action = Action.objects.create(plan=plan, title="Hire caseworkers", owner_role="Head of SEND")
    action.findings.add(finding)
    ActionUpdate.objects.create(action=action, date=date(2024, 2, 1), note="Two started.")
    measure = make_measure(
        finding=finding, plan=plan, title="Plans issued within 20 weeks", milestones=[]
    )
    make_figure(measure=measure, period=date(2024, 1, 1), value=40)
    figure = make_figure(
        measure=measure, period=date(2024, 2, 1), value=45, status=Figure.Status.DRAFT
    )
    # A change by a named person, so the history shows a name and a status word.
    figure.status = Figure.Status.SUBMITTED
    figure._history_user = officer
    figure.save()
    make_comparator(measure=measure, values=[(date(2023, 1, 1), "2023", 50)])
    Evidence.objects.create(
        title="Panel minutes", date=date(2024, 3, 1), url="https://example.org/minutes"
    )
    JourneyStep.objects.create(
        date=date(2019, 11, 1), title="Inspection", kind=JourneyStep.Kind.INSPECTION
    )
    post = make_post(title="What changed this spring", findings=[finding])
    subscriber = Subscriber.objects.create(email="parent@example.org")
    Delivery.objects.create(post=post, subscriber=subscriber)
    YouSaidWeDid.objects.create(
        you_said="Letters were hard to follow.",
        we_did="We rewrote them with parents.",
        done_on=date(2024, 1, 10),
    )
    # More than a page of them, so a list's page numbers are checked too.
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(term=f"Term {n}", slug=f"term-{n}", definition="What it means.")
        for n in range(admin.site._registry[GlossaryTerm].list_per_page + 1)
    )
    # The starter list comes from a migration, which an earlier transactional test
    # may have emptied.
    SearchSynonym.objects.get_or_create(term="ASD", also_means="autism")
    _make_security_and_task_records(officer)

    registered = admin.site._registry
    missing = [m._meta.label for m in registered if not m._default_manager.exists()]
    assert not missing, f"Make a record of each of these in admin_content: {missing}"
    return live_server


def _make_security_and_task_records(user):
    """Records the libraries' admins show: two-factor devices, sign-in attempts, tasks."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_tasks_db.models import DBTaskResult

    TOTPDevice.objects.create(user=user, name="Phone")
    StaticDevice.objects.create(user=user, name="Backup codes").token_set.create(token="abc123")
    # From an address the test browser does not use, so it is never locked out.
    where = {
        "ip_address": "192.0.2.10",
        "username": "someone",
        "user_agent": "Firefox",
        "http_accept": "text/html",
        "path_info": "/admin/login/",
    }
    AccessAttempt.objects.create(get_data="", post_data="", failures_since_start=1, **where)
    AccessLog.objects.create(**where)
    AccessFailureLog.objects.create(**where)
    DBTaskResult.objects.create(
        task_path="sendprogress.updates.tasks.send_post_emails",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now() + timedelta(minutes=5),
        exception_class_path="",
        traceback="",
    )


def admin_pages(user) -> list[str]:
    """Every admin address this user may open, from the site's registry."""
    request = RequestFactory().get("/")
    request.user = user
    site = admin.site
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    # One of each page the admin draws for only some records: a deletion to
    # confirm, and a member of staff's password set by someone else.
    post = Post.objects.order_by("pk").first()
    if site._registry[Post].has_delete_permission(request, post):
        pages.append(reverse("admin:updates_post_delete", args=[post.pk]))
    if site._registry[User].has_change_permission(request, user):
        pages.append(reverse("admin:auth_user_password_change", args=[user.pk]))
    app_labels = sorted({model._meta.app_label for model in site._registry})
    pages += [
        reverse("admin:app_list", args=[label])
        for label in app_labels
        if user.has_module_perms(label)
    ]
    for model, model_admin in site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        record = model._default_manager.order_by("pk").first()
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(request):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
        pages.append(reverse("admin:{}_{}_change".format(*info), args=[record.pk]))
        if isinstance(model_admin, SimpleHistoryAdmin):
            pages.append(reverse("admin:{}_{}_history".format(*info), args=[record.pk]))
            version = record.history.order_by("history_date").last()
            pages.append(
                reverse(
                    "admin:{}_{}_simple_history".format(*info),
                    args=[record.pk, version.history_id],
                )
            )
        else:
            pages.append(reverse("admin:{}_{}_history".format(*info), args=[record.pk]))
    return pages


def crawl(page, base, pages) -> list[str]:
    """Open each page; say what is wrong with any that fails to load or fails
    axe-core, at desktop or at phone width."""
    failures = []
    for path in pages:
        response = page.goto(base + path)
        if response is None or response.status != 200:
            failures.append(f"{path}: HTTP {response.status if response else 'no answer'}")
            continue
        if page.url != base + path:
            # Sent elsewhere (to sign in, say): that page was not the one checked.
            failures.append(f"{path}: went to {page.url} instead")
            continue
        for violation in axe_violations(page):
            targets = ", ".join(
                " ".join(node["target"]) if isinstance(node["target"], list) else node["target"]
                for node in violation["nodes"][:3]
            )
            failures.append(
                f"{path} at {violation['width']}px: {violation['id']} "
                f"({len(violation['nodes'])} elements, e.g. {targets})"
            )
    return failures


def sign_in(page, base, username):
    page.goto(base + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + reverse("staff:home"))


def test_every_admin_page_a_superuser_sees_is_accessible(page, admin_content):
    boss = make_user(username="boss", is_superuser=True, first_name="Sam", last_name="Boss")
    pages = admin_pages(boss)
    # Every model's list, add and change pages, and the site's own pages.
    assert len(pages) > 3 * len(admin.site._registry)
    sign_in(page, admin_content.url, "boss")

    failures = crawl(page, admin_content.url, pages)

    assert not failures, f"{len(failures)} problems on {len(pages)} admin pages:\n" + "\n".join(
        failures
    )


def test_every_admin_page_an_approver_sees_is_accessible(page, admin_content):
    approver = make_user(roles.APPROVER, username="approver")
    pages = admin_pages(approver)
    assert reverse("admin:plan_figure_add") in pages
    assert reverse("admin:updates_post_delete", args=[Post.objects.get().pk]) in pages
    assert reverse("admin:accounts_user_changelist") not in pages
    sign_in(page, admin_content.url, "approver")

    failures = crawl(page, admin_content.url, pages)

    assert not failures, f"{len(failures)} problems on {len(pages)} admin pages:\n" + "\n".join(
        failures
    )


def test_the_admin_widgets_are_named_for_a_screen_reader(page, admin_content):
    make_user(username="boss", is_superuser=True)
    sign_in(page, admin_content.url, "boss")
    base = admin_content.url

    page.goto(base + reverse("admin:plan_evidence_add"))
    page.wait_for_load_state("load")
    # An autocomplete box is read out by its field's name, before anything is chosen.
    measure = page.get_by_role("combobox", name="Measure")
    assert measure.count() == 1
    measure.click()
    assert page.get_by_role("searchbox", name="Measure").is_visible()
    page.keyboard.press("Escape")
    assert page.get_by_label("File", exact=False).get_attribute("type") == "file"

    page.goto(base + reverse("admin:plan_action_change", args=[Action.objects.get().pk]))
    page.wait_for_load_state("load")
    # Each note in the list of progress notes, the saved one and the blank one.
    assert page.get_by_role("textbox", name="Note").count() == 2
    assert page.get_by_role("checkbox", name="Delete?").count() == 1
    assert page.get_by_role(
        "textbox", name="Type into this box to filter down the list of available findings"
    ).is_visible()

    page.goto(base + reverse("admin:pages_glossaryterm_changelist"))
    next_page = page.get_by_role("navigation").get_by_role("button", name="2")
    box = next_page.bounding_box()
    assert min(box["width"], box["height"]) >= 24
