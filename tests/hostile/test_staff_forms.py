"""Hostile input at every staff page: quick figure entry with evidence, the
approval decision, corrections and the CSV import. Never a 500, a message on
the form, and nothing already saved changes (or exactly the intended thing)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import event, example, given
from hypothesis import strategies as st

from sendprogress.plan.models import Figure, Measure
from sendprogress.staff.forms import period_choices
from tests.factories import make_figure, picture_bytes

from .conftest import (
    HOSTILE,
    WALK,
    assert_never_500,
    assert_nothing_changed,
    changed_tables,
    removed_or_changed,
    shows_a_message,
    snapshot,
)
from .strategies import (
    csv_bodies,
    file_contents,
    file_names,
    hostile_date,
    hostile_number,
    hostile_text,
)

pytestmark = pytest.mark.usefixtures("demo")

FIGURE_TABLES = {"plan_figure", "plan_historicalfigure"}
EVIDENCE_TABLES = {"plan_evidence", "plan_historicalevidence"}
MEASURE_CODES = [
    "ehcp-20-weeks",
    "assessments-over-20-weeks",
    "families-rating-experience-good",
    "suspensions-sen-support",
]


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


GOOD_VALUES = ["55", "12.5", "0", "100"]


def _maybe(strategy):
    return st.one_of(st.just(""), strategy)


@st.composite
def figure_posts(draw, measure):
    """What the quick figure entry form can be sent: a mix of right and wrong."""
    periods = [value for value, _ in period_choices(measure)]
    data = {
        "period": draw(st.one_of(st.sampled_from(periods), hostile_date)),
        "value": draw(_maybe(st.one_of(st.sampled_from(GOOD_VALUES), hostile_number))),
        "numerator": draw(_maybe(hostile_number)),
        "denominator": draw(_maybe(hostile_number)),
        "commentary": draw(_maybe(hostile_text)),
        "version": draw(st.one_of(st.sampled_from(["0", "1"]), hostile_number)),
        "evidence_title": draw(_maybe(hostile_text)),
    }
    if draw(st.booleans()):
        data["evidence_public"] = draw(st.sampled_from(["public", "internal", "on"]))
    if draw(st.booleans()):
        data["no_personal_data"] = "on"
    if draw(st.booleans()):
        data["evidence_file"] = SimpleUploadedFile(draw(file_names), draw(file_contents))
    return {f"{measure.code}-{k}": v for k, v in data.items()} | {
        "action": draw(st.sampled_from(["save", "submit", "", "approve", "<b>"]))
    }


@HOSTILE
@given(code=st.sampled_from(MEASURE_CODES), data=st.data(), htmx=st.booleans())
def test_quick_figure_entry_never_fails(client, data_officer, code, data, htmx):
    client.force_login(data_officer)
    measure = Measure.objects.get(code=code)
    post = data.draw(figure_posts(measure))
    before = snapshot()
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(f"/staff/measures/{code}/figure/", post, headers=headers)
    assert_never_500(response, "figure entry")
    after = snapshot()
    changed = changed_tables(before, after)
    event(f"answered {response.status_code}, {'saved' if changed else 'saved nothing'}")
    if changed:
        # Saved: one figure (new or its draft updated), perhaps with its evidence.
        assert response.status_code in {200, 302}
        assert changed <= FIGURE_TABLES | EVIDENCE_TABLES, changed
        assert len(removed_or_changed(before, after, "plan_figure")) <= 1
        assert not removed_or_changed(before, after, "plan_evidence")
        if "plan_evidence" in changed:
            assert post.get(f"{code}-no_personal_data") == "on"
    elif response.status_code != 302:
        assert response.status_code in {200, 400}
        assert shows_a_message(response), post


@pytest.fixture
def submitted(data_officer):
    return make_figure(
        measure=Measure.objects.get(code="ehcp-20-weeks"),
        period=date(2022, 6, 1),
        value=Decimal("50"),
        status=Figure.Status.SUBMITTED,
        submitted_by=data_officer,
        entered_by=data_officer,
    )


@HOSTILE
@given(
    action=st.sampled_from(["approve", "return", "", "delete", "approve\x00"]),
    version=st.one_of(st.sampled_from(["0", "1"]), hostile_number),
    reason=_maybe(hostile_text),
    htmx=st.booleans(),
)
def test_approving_or_returning_a_figure_never_fails(
    client, approver, submitted, action, version, reason, htmx
):
    client.force_login(approver)
    prefix = f"decide-{submitted.pk}"
    before = snapshot()
    response = client.post(
        f"/staff/figures/{submitted.pk}/",
        {"action": action, f"{prefix}-version": version, f"{prefix}-return_reason": reason},
        headers={"HX-Request": "true"} if htmx else {},
    )
    assert_never_500(response, "decision")
    after = snapshot()
    changed = changed_tables(before, after)
    event(f"answered {response.status_code}, {'saved' if changed else 'saved nothing'}")
    if changed:
        assert changed <= FIGURE_TABLES, changed
        assert removed_or_changed(before, after, "plan_figure") <= {
            row for row in before["plan_figure"] if row.startswith(f"({submitted.pk},")
        }
    elif response.status_code == 403:
        assert action not in {"approve", "return"}  # no form sends anything else
    elif response.status_code != 302:
        assert shows_a_message(response), (action, version, reason)


@HOSTILE
@given(
    ticks=st.lists(
        st.one_of(st.just("good"), st.just("stale"), hostile_text, hostile_number), max_size=4
    ),
    method=st.sampled_from(["get", "post"]),
)
@example(ticks=["good"], method="post")
def test_bulk_approval_never_fails_and_approves_only_what_was_confirmed(
    client, approver, submitted, ticks, method
):
    client.force_login(approver)
    named = {"good": f"{submitted.pk}:{submitted.version}", "stale": f"{submitted.pk}:0"}
    figures = [named.get(tick, tick) for tick in ticks]
    before = snapshot()
    response = getattr(client, method)("/staff/approvals/confirm/", {"figure": figures})
    assert_never_500(response, "bulk approval")
    after = snapshot()
    changed = changed_tables(before, after)
    event(f"answered {response.status_code}, {'saved' if changed else 'saved nothing'}")
    if changed:
        assert method == "post"
        assert set(figures) == {named["good"]}, figures
        assert changed <= FIGURE_TABLES, changed
    elif response.status_code != 302 and figures:
        assert shows_a_message(response), figures


@HOSTILE
@given(text=_maybe(hostile_text), target=st.one_of(st.just("good"), hostile_number))
def test_commenting_on_a_figure_never_fails(client, approver, submitted, text, target):
    client.force_login(approver)
    pk = submitted.pk if target == "good" else quote(target, safe="")
    before = snapshot()
    response = client.post(f"/staff/figures/{pk}/comments/", {"text": text})
    assert_never_500(response, "comment")
    changed = changed_tables(before, snapshot())
    if changed:
        assert changed == {"plan_figurecomment"}
        assert response.status_code == 302
    elif response.status_code == 400:
        assert shows_a_message(response), text
    else:
        assert response.status_code == 404


@HOSTILE
@given(choice=st.one_of(st.sampled_from(["on", "", "off"]), hostile_text), send=st.booleans())
def test_the_email_choice_never_fails(client, data_officer, choice, send):
    client.force_login(data_officer)
    before = snapshot()
    response = client.post("/staff/emails/", {"wants_figure_emails": choice} if send else {})
    assert_never_500(response, "email choice")
    assert response.status_code == 302
    assert changed_tables(before, snapshot()) <= {"accounts_user"}


@HOSTILE
@given(
    title=_maybe(hostile_text),
    slug=_maybe(st.one_of(st.sampled_from(["a-good-slug", "preview"]), hostile_text)),
    body=_maybe(st.one_of(st.sampled_from(["Words.", "![](/updates/images/1/)"]), hostile_text)),
    when=st.one_of(st.sampled_from(["draft", "now", "later"]), hostile_text),
    publish_date=_maybe(st.one_of(st.sampled_from(["2099-01-01", "2000-01-01"]), hostile_date)),
    publish_time=_maybe(st.one_of(st.sampled_from(["09:30"]), hostile_text)),
    findings=st.lists(st.one_of(hostile_text, hostile_number), max_size=2),
    action=st.sampled_from(["save", "confirm", "preview", "", "<b>"]),
)
def test_the_update_editor_never_fails(
    client, approver, title, slug, body, when, publish_date, publish_time, findings, action
):
    client.force_login(approver)
    before = snapshot()
    response = client.post(
        "/staff/updates/new/",
        {
            "title": title,
            "slug": slug,
            "summary": "A summary.",
            "body": body,
            "author_name": "Alex Morgan",
            "author_role": "Assistant Director of SEND",
            "findings": findings,
            "when": when,
            "publish_date": publish_date,
            "publish_time": publish_time,
            "action": action,
        },
    )
    assert_never_500(response, "update editor")
    changed = changed_tables(before, snapshot())
    event(f"answered {response.status_code}, {'saved' if changed else 'saved nothing'}")
    if changed:
        assert response.status_code == 302
        assert action == "confirm" or when == "draft", (action, when)
    else:
        assert response.status_code in {200, 400}
        assert shows_a_message(response) or action in {"preview", "save"}
    preview = client.post("/staff/updates/preview/", {"body": body}, HTTP_HX_REQUEST="true")
    assert_never_500(preview, "update preview")


IMAGE_TABLES = {"updates_postimage", "updates_historicalpostimage"}
IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "gif", "webp", "svg", "PNG", "html", "png.html", ""]


@HOSTILE
@given(
    stem=st.sampled_from(["chart", "../../etc/passwd", "a" * 300, "CON", " ", "map.svg"]),
    extension=st.sampled_from(IMAGE_EXTENSIONS),
    content=st.one_of(
        file_contents,
        st.builds(lambda n: picture_bytes("PNG")[:n], st.integers(0, 60)),
        st.sampled_from([picture_bytes("PNG"), picture_bytes("GIF"), picture_bytes("WEBP")]),
    ),
    alt_text=_maybe(hostile_text),
    body=_maybe(hostile_text),
    send_file=st.booleans(),
)
@example(
    stem="chart", extension="png", content=picture_bytes("PNG"), alt_text="A chart",
    body="Typed.", send_file=True,
)  # fmt: skip
def test_adding_a_picture_to_an_update_never_fails(
    client, approver, stem, extension, content, alt_text, body, send_file
):
    from sendprogress.updates.models import Post

    post = Post.objects.first()
    client.force_login(approver)
    before = snapshot()
    name = f"{stem}.{extension}" if extension else stem
    data = {"image-alt_text": alt_text, "title": "Typed title", "body": body}
    if send_file:
        data["image-file"] = SimpleUploadedFile(name, content)
    response = client.post(f"/staff/updates/{post.pk}/images/", data)
    assert_never_500(response, "add a picture")
    changed = changed_tables(before, snapshot())
    event(f"answered {response.status_code}, {'added' if changed else 'added nothing'}")
    if changed:
        assert changed <= IMAGE_TABLES
        assert response.status_code == 200
        assert "The image was added" in response.content.decode()
    else:
        assert response.status_code == 400
        assert shows_a_message(response)
    # Nothing the author typed is lost, whatever happened to the picture.
    if body.strip():
        assert escape(body.strip()) in response.content.decode()


@HOSTILE
@given(
    post_pk=st.one_of(hostile_number, st.just("1")),
    image_pk=st.one_of(hostile_number, hostile_text),
    method=st.sampled_from(["get", "post"]),
)
def test_removing_a_picture_by_any_address_never_fails(
    client, approver, post_pk, image_pk, method
):
    client.force_login(approver)
    before = snapshot()
    url = f"/staff/updates/{quote(post_pk, safe='')}/images/{quote(image_pk, safe='')}/remove/"
    response = getattr(client, method)(url)
    assert_never_500(response, url)
    assert response.status_code in {404, 405}
    assert_nothing_changed(before, snapshot(), "remove a picture")


@pytest.fixture
def approved(data_officer):
    return make_figure(
        measure=Measure.objects.get(code="ehcp-20-weeks"),
        period=date(2022, 7, 1),
        value=Decimal("50"),
        entered_by=data_officer,
        submitted_by=data_officer,
    )


@HOSTILE
@given(
    value=_maybe(hostile_number),
    numerator=_maybe(hostile_number),
    denominator=_maybe(hostile_number),
    commentary=_maybe(hostile_text),
    reason=_maybe(hostile_text),
    version=st.one_of(st.sampled_from(["0", "1"]), hostile_number),
    reviewed=st.one_of(st.sampled_from(["on", ""]), hostile_text),
)
@example(
    value="61",
    numerator="",
    denominator="",
    commentary="",
    reason="Typo",
    version="0",
    reviewed="on",
)
@example(
    value="61",
    numerator="",
    denominator="",
    commentary="",
    reason="Typo",
    version="1",
    reviewed="on",
)
def test_correcting_an_approved_figure_never_fails(
    client,
    approver,
    approved,
    value,
    numerator,
    denominator,
    commentary,
    reason,
    version,
    reviewed,
):
    client.force_login(approver)
    before = snapshot()
    response = client.post(
        f"/staff/figures/{approved.pk}/correct/",
        {
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "commentary": commentary,
            "correction_reason": reason,
            "version": version,
            "commentary_reviewed": reviewed,
        },
    )
    assert_never_500(response, "correction")
    after = snapshot()
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert changed_tables(before, after) <= FIGURE_TABLES
    else:
        assert response.status_code == 400
        assert shows_a_message(response)
        assert_nothing_changed(before, after, "correction")


@HOSTILE
@given(
    name=st.one_of(st.sampled_from(["figures.csv", "FIGURES.CSV"]), file_names),
    body=csv_bodies(MEASURE_CODES),
    submit=st.one_of(st.sampled_from(["no", "yes"]), hostile_text),
    token=hostile_text,
)
@example(name="figures.csv", body=b"measure_code,period,value\n", submit="no", token="")
@example(name="figures.csv", body=b"\xff\xfe\x00k", submit="no", token="")
@example(
    name="figures.csv",
    body=b"measure_code,period,value\nehcp-20-weeks,2019-13-01,1e999\n",
    submit="yes",
    token="",
)
def test_the_csv_import_never_fails_and_previews_write_nothing(
    client, data_officer, name, body, submit, token
):
    client.force_login(data_officer)
    before = snapshot()
    response = client.post(
        "/staff/import/",
        {"file": SimpleUploadedFile(name, body), "submit_for_approval": submit},
    )
    assert_never_500(response, "import preview")
    assert response.status_code in {200, 400}
    assert_nothing_changed(before, snapshot(), "import preview")
    preview_ok = response.status_code == 200 and response.context.get("valid")
    event(f"preview answered {response.status_code}, {'valid' if preview_ok else 'refused'}")
    if not preview_ok:
        assert shows_a_message(response), (name, body)

    # A forged or stale confirmation writes nothing.
    response = client.post("/staff/import/confirm/", {"token": token})
    assert_never_500(response, "import confirmation")
    assert response.status_code == 302
    assert_nothing_changed(before, snapshot(), "import confirmation with a wrong token")


# Right input changes exactly what it should, and nothing else.


def _added_only(before, after, table):
    return not removed_or_changed(before, after, table) and len(after[table]) > len(before[table])


def test_a_right_figure_adds_exactly_that_figure(client, data_officer):
    client.force_login(data_officer)
    measure = Measure.objects.get(code="ehcp-20-weeks")
    period = period_choices(measure)[0][0]
    before = snapshot()
    response = client.post(
        f"/staff/measures/{measure.code}/figure/",
        {
            f"{measure.code}-period": period,
            f"{measure.code}-value": "61",
            f"{measure.code}-commentary": "More plans on time.",
            f"{measure.code}-version": "0",
            "action": "save",
        },
    )
    assert response.status_code == 302
    after = snapshot()
    assert changed_tables(before, after) == FIGURE_TABLES
    assert _added_only(before, after, "plan_figure")
    assert len(after["plan_figure"]) == len(before["plan_figure"]) + 1
    assert Figure.objects.get(measure=measure, period=period).value == Decimal("61")


def test_returning_a_figure_changes_only_that_figure(client, approver, submitted):
    client.force_login(approver)
    prefix = f"decide-{submitted.pk}"
    before = snapshot()
    response = client.post(
        f"/staff/figures/{submitted.pk}/",
        {
            "action": "return",
            f"{prefix}-version": str(submitted.version),
            f"{prefix}-return_reason": "Check the denominator.",
        },
    )
    assert response.status_code == 302
    after = snapshot()
    assert changed_tables(before, after) == FIGURE_TABLES
    changed_rows = removed_or_changed(before, after, "plan_figure")
    assert len(changed_rows) == 1
    assert changed_rows.pop().startswith(f"({submitted.pk},")
    submitted.refresh_from_db()
    assert submitted.status == Figure.Status.RETURNED


def test_a_right_import_adds_exactly_its_figures(client, data_officer):
    client.force_login(data_officer)
    measure = Measure.objects.get(code="ehcp-20-weeks")
    period = period_choices(measure)[0][0]
    body = f"measure_code,period,value,commentary\n{measure.code},{period},61,On time.\n".encode()
    before = snapshot()
    response = client.post(
        "/staff/import/",
        {"file": SimpleUploadedFile("figures.csv", body), "submit_for_approval": "no"},
    )
    assert response.status_code == 200
    assert response.context["valid"]
    assert_nothing_changed(before, snapshot(), "preview")
    response = client.post("/staff/import/confirm/", {"token": response.context["token"]})
    assert response.status_code == 302
    after = snapshot()
    assert changed_tables(before, after) == FIGURE_TABLES
    assert _added_only(before, after, "plan_figure")
    assert len(after["plan_figure"]) == len(before["plan_figure"]) + 1


@WALK
@given(
    segment=st.one_of(hostile_text, st.integers(min_value=-(10**30), max_value=10**30).map(str)),
    period=hostile_date,
    query=st.dictionaries(hostile_text, hostile_text, max_size=2),
)
def test_staff_pages_take_any_address_and_query_string(client, approver, segment, period, query):
    client.force_login(approver)
    before = snapshot()
    quoted = quote(segment, safe="")
    for url, params in [
        ("/staff/", query),
        ("/staff/data-due/", query),
        ("/staff/data-due/", {"area": segment, "state": segment, **query}),
        ("/staff/import/", query),
        ("/staff/set-up/", query),
        ("/staff/measures/ehcp-20-weeks/figure/", {"period": period, **query}),
        (f"/staff/measures/{quoted}/figure/", {"period": period}),
        (f"/staff/figures/{quoted}/", query),
        (f"/staff/figures/{quoted}/correct/", query),
    ]:
        assert_never_500(client.get(url, params), url)
    assert_nothing_changed(before, snapshot(), "staff pages")
