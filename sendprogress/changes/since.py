"""What has changed since a date: the reads behind the "What has changed" page.

Everything comes from the public QuerySets, so only approved figures of
public measures, published updates and entries, and public documents show.
A fixed number of queries however much there is: each list is one query.

- A measure *moved* when its latest approved figure now is newer than the
  one the public could see on the date (approved by the end of that day; a
  figure with no approval time counts from its period). Its sentence says
  which way, from the figure then to the figure now, in `direction`'s words.
- An action *finished* when it is done and its finish date is after the date;
  an action is *overdue* when it is not done and its due date has passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from sendprogress.core.addresses import address_of
from sendprogress.engagement.models import YouSaidWeDid
from sendprogress.plan import direction
from sendprogress.plan.measures.documents import Attachment, describe
from sendprogress.plan.measures.progress import Progress
from sendprogress.plan.models import Action, Evidence, Figure, Measure
from sendprogress.reports.models import ProgressReport
from sendprogress.updates.models import Post

# How far back the page looks when there is no published report to start from.
WITHOUT_A_REPORT = timedelta(days=91)


@dataclass(frozen=True)
class MovedMeasure:
    title: str
    href: str
    sentence: str
    progress: Progress
    reason: str | None


@dataclass
class Changes:
    since: date
    measures: list[MovedMeasure] = field(default_factory=list)
    finished: list[Action] = field(default_factory=list)
    overdue: list[Action] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    you_said_we_did: list[YouSaidWeDid] = field(default_factory=list)
    documents: list[Attachment] = field(default_factory=list)
    reports: list[ProgressReport] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        return not (
            self.measures
            or self.finished
            or self.posts
            or self.you_said_we_did
            or self.documents
            or self.reports
        )


def last_report() -> ProgressReport | None:
    """The latest published progress report: where "since last time" starts."""
    return ProgressReport.objects.published().order_by("-as_at").only("as_at", "status").first()


def default_since(report: ProgressReport | None, today: date) -> date:
    return report.as_at if report else today - WITHOUT_A_REPORT


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _public_then(since: date) -> Q:
    """Figures the public could see at the end of `since`."""
    return Q(approved_at__lt=end_of(since)) | Q(approved_at__isnull=True, period__lte=since)


def moved_measures(since: date) -> list[MovedMeasure]:
    then = (
        Figure.objects.approved()
        .filter(measure=OuterRef("pk"))
        .filter(_public_then(since))
        .order_by("-period")
    )
    latest = Figure.objects.approved().filter(
        measure=OuterRef("pk"), period=OuterRef("latest_period")
    )
    rows = (
        Measure.objects.public()
        .filter(latest_period__isnull=False)
        .annotate(
            then_value=Subquery(then.values("value")[:1]),
            then_period=Subquery(then.values("period")[:1]),
            latest_commentary=Subquery(latest.values("commentary")[:1]),
        )
        .values(
            "code",
            "title",
            "unit",
            "decimal_places",
            "rate_per",
            "higher_is_better",
            "latest_value",
            "latest_period",
            "progress_status",
            "then_value",
            "then_period",
            "latest_commentary",
        )
        .order_by("order", "title")
    )
    href = address_of("plan:measure_detail")
    moved = []
    for row in rows:
        if row["then_period"] is not None and row["then_period"] >= row["latest_period"]:
            continue
        figures = [(row["latest_period"], row["latest_value"])]
        if row["then_period"] is not None:
            figures.insert(0, (row["then_period"], row["then_value"]))
        progress = Progress(row["progress_status"])
        moved.append(
            MovedMeasure(
                title=row["title"],
                href=href(row["code"]),
                sentence=direction.sentence(
                    figures,
                    unit=row["unit"],
                    places=row["decimal_places"],
                    rate_per=row["rate_per"],
                    higher_is_better=row["higher_is_better"],
                ),
                progress=progress,
                reason=direction.reason(progress, row["latest_commentary"] or ""),
            )
        )
    return moved


def changes_since(since: date, *, today: date) -> Changes:
    after = end_of(since)
    actions = Action.objects.public().select_related("plan")
    return Changes(
        since=since,
        measures=moved_measures(since),
        finished=list(
            actions.filter(status=Action.Status.DONE, finished_on__gt=since).order_by(
                "-finished_on", "pk"
            )
        ),
        overdue=list(
            actions.exclude(status=Action.Status.DONE)
            .filter(due_date__lt=today)
            .order_by("due_date", "pk")
        ),
        posts=list(
            Post.objects.published().filter(published_at__gte=after).order_by("-published_at")
        ),
        you_said_we_did=list(YouSaidWeDid.objects.published().filter(published_at__gte=after)),
        documents=[
            describe(e)
            for e in Evidence.objects.public().filter(date__gt=since).order_by("-date", "pk")
        ],
        reports=list(
            ProgressReport.objects.published()
            .filter(as_at__gt=since)
            .only("as_at", "status")
            .order_by("-as_at")
        ),
    )
