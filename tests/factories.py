"""Small helpers that make test data with sensible defaults."""

import struct
from datetime import date, timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone

from sendprogress.plan.measures import stored_progress
from sendprogress.plan.models import (
    Figure,
    Finding,
    Inspection,
    Judgement,
    LocalArea,
    Measure,
    MeasureMilestone,
    MonitoringEvent,
    Plan,
    Publication,
)
from sendprogress.plan.story import frameworks
from sendprogress.updates.models import Post

_seq = count(1)


def make_local_area(**fields) -> LocalArea:
    defaults = {
        "name": "Testshire",
        "site_name": "SEND progress in Testshire",
        "partners": "Testshire Council and partners",
        "forum_name": "Testshire Parent Carer Forum",
        "contact_email": "send@example.org",
        "about": "A short story.",
    }
    return LocalArea.objects.create(**(defaults | fields))


def make_finding(**fields) -> Finding:
    n = next(_seq)
    defaults = {
        "kind": "significant-weakness",
        "title": f"Finding {n}",
        "slug": f"finding-{n}",
        "short_title": f"Finding {n}",
        "summary": "What this finding is about.",
        "order": n,
    }
    return Finding.objects.create(**(defaults | fields))


def make_inspection(**fields) -> Inspection:
    defaults = {
        "framework": "2016",
        "title": "Inspection",
        "kind": "inspection",
        "date": date(2019, 11, 1),
        "bodies": "Ofsted and the CQC",
        "publication": Publication.PUBLISHED,
    }
    return Inspection.objects.create(**(defaults | fields))


def make_judgement(*, finding, inspection, outcome=frameworks.NAMED, **fields):
    fields.setdefault("what_inspectors_found", "Findings.")
    return Judgement.objects.create(
        finding=finding, inspection=inspection, outcome=outcome, **fields
    )


def make_plan(*, findings=(), **fields) -> Plan:
    n = next(_seq)
    defaults = {
        "kind": "app",
        "title": f"Plan {n}",
        "slug": f"plan-{n}",
        "status": Plan.Status.CURRENT,
        "approved_on": date(2023, 1, 31),
    }
    plan = Plan.objects.create(**(defaults | fields))
    plan.findings.set(findings)
    return plan


def make_monitoring_event(*, findings=(), **fields) -> MonitoringEvent:
    defaults = {
        "kind": MonitoringEvent.Kind.STOCKTAKE,
        "date": date(2023, 6, 1),
        "title": "Stocktake",
        "who": "the DfE and NHS England",
    }
    event = MonitoringEvent.objects.create(**(defaults | fields))
    event.findings.set(findings)
    return event


def make_measure(*, finding=None, plan=None, milestones=(), **fields) -> Measure:
    """A measure of one finding (made if not given) in a plan (made if not given)."""
    n = next(_seq)
    finding = finding or make_finding()
    defaults = {
        "plan": plan or Plan.objects.filter(status=Plan.Status.CURRENT).first() or make_plan(),
        "code": f"measure-{n}",
        "title": f"Measure {n}",
        "why_it_matters": "Why it matters.",
        "definition": "Definition.",
        "source": "Source.",
        "baseline_value": Decimal("10"),
        "baseline_date": date(2023, 1, 1),
        "target_value": Decimal("50"),
        "target_date": date(2024, 1, 1),
    }
    measure = Measure.objects.create(**(defaults | fields))
    measure.findings.add(finding)
    for on, target in milestones:
        MeasureMilestone.objects.create(measure=measure, date=on, target=Decimal(str(target)))
    # As every writer does: the measure's stored latest figure and progress.
    stored_progress.refresh([measure.pk], instance=measure)
    return measure


def make_figure(*, measure, period, value, status=Figure.Status.APPROVED, **fields):
    if status == Figure.Status.APPROVED:
        fields.setdefault("approved_at", timezone.now())
    figure = Figure.objects.create(
        measure=measure, period=period, value=Decimal(str(value)), status=status, **fields
    )
    stored_progress.refresh([measure.pk], instance=measure)
    return figure


def make_post(*, status=Post.Status.PUBLISHED, published_at=None, findings=(), **fields) -> Post:
    """An update; `findings` are what it is about."""
    n = next(_seq)
    if status == Post.Status.PUBLISHED and published_at is None:
        published_at = timezone.now() - timedelta(days=1)
    defaults = {
        "title": f"Update {n}",
        "slug": f"update-{n}",
        "summary": "A summary.",
        "body": "The body.",
        "author_name": "Alex Morgan",
        "author_role": "Assistant Director of SEND",
    }
    post = Post.objects.create(status=status, published_at=published_at, **(defaults | fields))
    post.findings.set(findings)
    return post


def make_user(role: str | None = None, *, staff: bool = True, **fields):
    """A user in one of the staff roles (accounts.roles), or none."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    n = next(_seq)
    user = get_user_model().objects.create_user(
        username=fields.pop("username", f"user{n}"),
        password=fields.pop("password", "a-long-test-password"),
        is_staff=staff,
        **fields,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_comparator(*, measure, label="England", values=(), **fields):
    """A comparator series with (period, period_label, value or symbol) values."""
    from sendprogress.plan.models import ComparatorSeries, ComparatorValue

    fields.setdefault("kind", ComparatorSeries.Kind.ENGLAND)
    fields.setdefault("source", "Department for Education")
    fields.setdefault("order", ComparatorSeries.objects.filter(measure=measure).count())
    series = ComparatorSeries.objects.create(measure=measure, label=label, **fields)
    for on, period_label, value in values:
        if isinstance(value, str) and not value[0].isdigit():
            ComparatorValue.objects.create(
                series=series, period=on, period_label=period_label, symbol=value
            )
        else:
            ComparatorValue.objects.create(
                series=series, period=on, period_label=period_label, value=Decimal(str(value))
            )
    return series


def picture_bytes(kind: str = "PNG", size: tuple[int, int] = (4, 3), **save) -> bytes:
    """A real picture of the given format, made by Pillow."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=kind, **save)
    return out.getvalue()


def make_post_image(post=None, *, alt_text="A chart of plans finished on time", **fields):
    """A checked picture for an update (a public one unless `post` is given)."""
    from django.core.files.base import ContentFile

    from sendprogress.updates.models import PostImage

    image = PostImage(
        post=post or make_post(),
        alt_text=alt_text,
        content_type="image/png",
        width=4,
        height=3,
        **fields,
    )
    image.file.save("upload", ContentFile(picture_bytes()), save=False)
    image.save()
    return image


def crafted_gif(width: int, height: int, frames: int) -> bytes:
    """A GIF that says it is width by height, with `frames` frames of one pixel each:
    a few kilobytes on disk, width x height x frames pixels once unpacked."""
    out = bytearray(b"GIF89a" + struct.pack("<HH", width, height) + b"\x80\x00\x00")
    out += b"\x00\x00\x00\xff\xff\xff"  # two colours
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"  # loop forever
    for _ in range(frames):
        out += b"\x21\xf9\x04\x00\x01\x00\x00\x00"  # show each for 1/100 second
        out += b"\x2c" + struct.pack("<HHHH", 0, 0, 1, 1) + b"\x00"  # a 1 x 1 image
        out += b"\x02\x02\x44\x01\x00"  # its one pixel, compressed
    return bytes(out + b"\x3b")
