"""Add a large, realistic set of content for benchmarks and tests of scale.

By default: 6 findings, 100 measures with 10 years of figures (monthly for most,
every three months for some), 2,000 updates and 500 evidence items, written
with bulk inserts in one transaction (well under a minute on PostgreSQL).
`--small` makes a scaled-down set of the same shape for tests.

Everything follows the rules staff work under, so the pages render as in
real life: periods start on their frequency's days, within the reporting
window and never in the future; percentages stay between 0 and 100; every
figure has commentary. Most figures are approved; a few latest ones are
drafts, submitted or returned, and some updates are drafts or scheduled, so
what must not be public is there to leak (and must not). The generated
content is added beside whatever is there (its slugs and codes start with
"large-"); run it once per database.

It lives with the page cache, on top of the domain apps it fills (plan and
updates), because it exists to measure how the pages and the cache hold up
at scale.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from sendprogress.caching.invalidation import public_content_changed
from sendprogress.plan.measures import periods, stored_progress
from sendprogress.plan.models import (
    Action,
    ActionUpdate,
    Evidence,
    Figure,
    Finding,
    Inspection,
    JourneyStep,
    Judgement,
    LocalArea,
    Measure,
    MeasureMilestone,
    Plan,
    Publication,
)
from sendprogress.plan.story import frameworks
from sendprogress.updates.models import Post

SMALL = {"findings": 2, "measures": 6, "years": 2, "posts": 30, "evidence": 12}
BATCH = 1000
WORDS = " ".join(
    [
        "families told us waiting times were too long so we added staff to the assessment team",
        "and checked every plan against the new standard with the parent carer forum each month",
        "health visitors schools and social care now meet weekly to agree what each child needs",
    ]
).split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(_sentence(rng, 14) for _ in range(3)) for _ in range(count))


def _month_back(on: date, months: int) -> date:
    index = on.year * 12 + on.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


class Command(BaseCommand):
    help = "Add a large, realistic data set (for benchmarks and scale tests)."

    def add_arguments(self, parser):
        parser.add_argument("--findings", type=int, default=6)
        parser.add_argument("--measures", type=int, default=100)
        parser.add_argument("--years", type=int, default=10, help="Years of figures.")
        parser.add_argument("--posts", type=int, default=2000)
        parser.add_argument("--evidence", type=int, default=500)
        parser.add_argument(
            "--small",
            action="store_true",
            help="A scaled-down set of the same shape, for tests: "
            + ", ".join(f"{v} {k}" for k, v in SMALL.items()),
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if options["small"]:
            options.update(SMALL)
        if Finding.objects.filter(slug__startswith="large-").exists():
            raise CommandError("This database already has the large data set.")
        # Repeatable made-up content, not secrets.
        rng = random.Random(options["seed"])  # noqa: S311
        today = timezone.localdate()
        with transaction.atomic():
            counts = self._generate(rng, today, options)
            # Store each measure's latest figure and progress, once, as every writer does.
            stored_progress.refresh(
                Measure.objects.filter(code__startswith="large-").values_list("pk", flat=True)
            )
        if connection.vendor == "postgresql":
            # As autovacuum would soon after a bulk load: without statistics
            # the planner guesses, and benchmarks measure its guesses.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        # Bulk inserts send no signals: retire cached pages here.
        public_content_changed()
        self.stdout.write(
            "Added " + ", ".join(f"{n:,} {name}" for name, n in counts.items()) + "."
        )

    def _generate(self, rng, today, options) -> dict[str, int]:
        if not LocalArea.objects.exists():
            LocalArea.objects.create(
                name="Largeshire",
                site_name="SEND progress in Largeshire",
                partners="Largeshire Council, the NHS and the parent carer forum",
                forum_name="Largeshire Parent Carer Forum",
                contact_email="send@example.org",
                about="Inspectors found weaknesses. We made a plan. This is our progress.",
            )
        start = _month_back(today, options["years"] * 12)
        findings = self._findings(rng, options["findings"], start)
        measures = self._measures(rng, findings, options["measures"], start)
        figures = self._figures(rng, measures, today)
        posts = self._posts(rng, findings, measures, options["posts"], start, today)
        evidence = self._evidence(rng, findings, measures, options["evidence"], start)
        return {
            "findings": len(findings),
            "measures": len(measures),
            "figures": figures,
            "updates": posts,
            "evidence items": evidence,
        }

    def _findings(self, rng, count, start) -> list[Finding]:
        first = Inspection.objects.create(
            framework="2016",
            title="Local area SEND inspection (generated)",
            kind="inspection",
            date=start,
            bodies="Ofsted and the CQC",
            publication=Publication.PUBLISHED,
        )
        revisit = Inspection.objects.create(
            framework="2016",
            title="Revisit (generated)",
            kind="revisit",
            date=start + timedelta(days=900),
            bodies="Ofsted and the CQC",
            publication=Publication.PUBLISHED,
        )
        offset = Finding.objects.count()
        findings = Finding.objects.bulk_create(
            Finding(
                kind="significant-weakness",
                inspection=first,
                title=f"Large finding {n}: children's needs are met in their plans",
                slug=f"large-finding-{n}",
                short_title=f"Large finding {n}",
                summary=_sentence(rng, 20),
                order=offset + n,
            )
            for n in range(1, count + 1)
        )
        # The newest approval, so the generated plan is the current one the pages show.
        self.plan = Plan.objects.create(
            kind="app",
            title="Accelerated Progress Plan (generated)",
            short_title="APP",
            slug=f"large-plan-{offset + 1}",
            inspection=revisit,
            status=Plan.Status.CURRENT,
            approved_on=timezone.localdate(),
        )
        self.plan.findings.set(findings)
        outcomes = [frameworks.NOT_YET, frameworks.SUFFICIENT]
        Judgement.objects.bulk_create(
            Judgement(
                inspection=inspection,
                finding=finding,
                outcome=frameworks.NAMED
                if inspection is first
                else outcomes[n % 2 if n > 2 else 0],
                what_inspectors_found=_paragraphs(rng, 1),
            )
            for n, finding in enumerate(findings)
            for inspection in (first, revisit)
        )
        actions = Action.objects.bulk_create(
            Action(
                plan=self.plan,
                title=f"Action {n + 1} for {finding.short_title}",
                description=_sentence(rng, 18),
                owner_role="Head of SEND services",
                due_date=start + timedelta(days=400 + 60 * n),
                status=rng.choice(Action.Status.values),
                order=n,
            )
            for finding in findings
            for n in range(6)
        )
        Action.findings.through.objects.bulk_create(
            Action.findings.through(action=action, finding=findings[i // 6])
            for i, action in enumerate(actions)
        )
        ActionUpdate.objects.bulk_create(
            ActionUpdate(
                action=action, date=start + timedelta(days=450 + 90 * n), note=_sentence(rng, 16)
            )
            for action in actions
            for n in range(4)
        )
        JourneyStep.objects.bulk_create(
            JourneyStep(
                date=start + timedelta(days=120 * n),
                title=f"Step {n + 1} of the journey (generated)",
                description=_sentence(rng, 14),
                kind=rng.choice(JourneyStep.Kind.values),
            )
            for n in range(30)
        )
        return findings

    def _measures(self, rng, findings, count, start) -> list[Measure]:
        measures = []
        for n in range(count):
            higher = n % 3 != 0
            baseline = Decimal(rng.randint(20, 45) if higher else rng.randint(55, 80))
            target = baseline + (25 if higher else -25)
            measures.append(
                Measure(
                    plan=self.plan,
                    code=f"large-measure-{n + 1}",
                    title=f"Measure {n + 1}: families who got what they needed in time",
                    why_it_matters=_sentence(rng, 16),
                    definition=_sentence(rng, 20),
                    source="Case management system",
                    frequency=Measure.Frequency.QUARTERLY
                    if n % 10 == 9
                    else Measure.Frequency.MONTHLY,
                    unit=Measure.Unit.PERCENT,
                    higher_is_better=higher,
                    baseline_value=baseline,
                    baseline_date=start,
                    baseline_label=f"{start:%B %Y}",
                    target_value=target,
                    target_date=start + timedelta(days=365),
                    comparator_value=Decimal(50),
                    comparator_label="England average",
                    comparator_year=str(start.year),
                    illustrative=True,
                    order=n,
                )
            )
        measures = Measure.objects.bulk_create(measures)
        Measure.findings.through.objects.bulk_create(
            Measure.findings.through(measure=measure, finding=findings[n % len(findings)])
            for n, measure in enumerate(measures)
        )
        for n, measure in enumerate(measures):
            measure.finding = findings[n % len(findings)]
        MeasureMilestone.objects.bulk_create(
            MeasureMilestone(
                measure=measure,
                date=_month_back(start, -4 * step),
                target=measure.baseline_value
                + (measure.target_value - measure.baseline_value) * step / 3,
            )
            for measure in measures
            for step in (1, 2)
        )
        return measures

    def _figures(self, rng, measures, today) -> int:
        rows = []
        now = timezone.now()
        for measure in measures:
            period = periods.period_start(measure.frequency, measure.baseline_date)
            if period < measure.baseline_date:
                period = periods.next_period(measure.frequency, period)
            value = float(measure.baseline_value)
            step = float(measure.target_value - measure.baseline_value) / 36
            measure_rows = []
            while period <= periods.due_period(measure.frequency, today):
                value = min(100.0, max(0.0, value + step + rng.uniform(-2.5, 2.5)))
                measure_rows.append(
                    Figure(
                        measure=measure,
                        period=period,
                        value=Decimal(f"{value:.2f}"),
                        commentary=_sentence(rng, 12),
                        status=Figure.Status.APPROVED,
                        submitted_at=now,
                        approved_at=now,
                    )
                )
                period = periods.next_period(measure.frequency, period)
            # The latest figure of some measures is still on its way to approval.
            if measure_rows and measure.pk % 4 == 0:
                latest = measure_rows[-1]
                latest.status = rng.choice(
                    [
                        Figure.Status.DRAFT,
                        Figure.Status.SUBMITTED,
                        Figure.Status.RETURNED,
                    ]
                )
                latest.approved_at = None
                if latest.status == Figure.Status.RETURNED:
                    latest.return_reason = "Please check the denominator."
            rows.extend(measure_rows)
        Figure.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)

    def _posts(self, rng, findings, measures, count, start, today) -> int:
        now = timezone.now()
        span = (now - timezone.make_aware(datetime.combine(start, datetime.min.time()))).days
        posts = []
        for n in range(count):
            published = now - timedelta(days=span * n / max(count, 1), hours=rng.randint(1, 20))
            status = Post.Status.PUBLISHED
            if n % 97 == 5:
                status = Post.Status.DRAFT
            elif n % 211 == 7:
                published = now + timedelta(days=rng.randint(1, 30))  # scheduled
            title = f"Update {count - n}: {_sentence(rng, 6)[:-1]}"
            posts.append(
                Post(
                    title=title[:200],
                    slug=f"large-update-{count - n}",
                    summary=_sentence(rng, 18)[:300],
                    body=_paragraphs(rng, 4)
                    + "\n\n## What happens next\n\n- "
                    + "\n- ".join(_sentence(rng, 8) for _ in range(3)),
                    author_name="Alex Morgan",
                    author_role="Assistant Director of SEND",
                    status=status,
                    published_at=published if status == Post.Status.PUBLISHED else None,
                    emails_queued_at=now if published <= now else None,
                )
            )
        posts = Post.objects.bulk_create(posts, batch_size=BATCH)
        Post.findings.through.objects.bulk_create(
            (
                Post.findings.through(post=post, finding=finding)
                for post in posts
                for finding in rng.sample(findings, k=min(len(findings), rng.randint(1, 2)))
            ),
            batch_size=BATCH,
        )
        Post.measures.through.objects.bulk_create(
            (
                Post.measures.through(post=post, measure=measure)
                for post in posts
                if rng.random() < 0.3
                for measure in rng.sample(measures, k=min(len(measures), 2))
            ),
            batch_size=BATCH,
        )
        return len(posts)

    def _evidence(self, rng, findings, measures, count, start) -> int:
        figures = list(
            Figure.objects.filter(measure__in=measures).values_list("pk", "measure_id", "status")
        )
        items = []
        for n in range(count):
            measure = measures[n % len(measures)]
            figure = rng.choice(figures) if n % 5 == 0 else None
            items.append(
                Evidence(
                    title=f"Evidence {n + 1}: report to the SEND partnership board",
                    date=start + timedelta(days=rng.randint(0, 3000)),
                    description=_sentence(rng, 12),
                    url=f"https://example.org/evidence/{n + 1}",
                    is_public=n % 4 != 0,
                    finding=measure.finding,
                    measure_id=figure[1] if figure else measure.pk,
                    figure_id=figure[0] if figure else None,
                )
            )
        Evidence.objects.bulk_create(items, batch_size=BATCH)
        return len(items)
