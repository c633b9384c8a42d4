"""A made-up local area inspected under the 2023 area SEND framework, for the demo.

Haverleigh does not exist. Its inspection gave the most serious outcome, with
three priority actions and five areas for improvement, each with its owners;
its priority action plan is approved, with ten measures (thirty with its
SEND strategy's, the size of a real plan) and a year of
monthly figures (illustrative, and marked so), a stocktake behind it, a
monitoring inspection still to come and a published progress report for
the end of last month. Every date is set from the day it is
built, so the demo always shows a plan in progress with last month's figures
due. `manage.py load_demo_2023` builds it; `make run DEMO=2023` serves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from sendprogress.engagement.models import YouSaidWeDid
from sendprogress.plan.measures import stored_progress
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
    MonitoringEvent,
    Partner,
    Plan,
    Publication,
)
from sendprogress.plan.story import frameworks
from sendprogress.reports import pdf, snapshot
from sendprogress.reports.models import ProgressReport
from sendprogress.updates.models import Post

NAME = "Haverleigh"
# Short forms: the site spells them out on first use on each page.
DFE_AND_NHSE = "the DfE and NHS England"


def months_before(on: date, months: int) -> date:
    """The first day of the month `months` before the month of `on` (negative: after)."""
    index = on.year * 12 + on.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Timeline:
    """Every date of the story, from the first day of the current month."""

    this_month: date

    @property
    def inspected(self) -> date:
        return months_before(self.this_month, 20) + timedelta(days=6)

    @property
    def report_published(self) -> date:
        return self.inspected + timedelta(weeks=7)

    @property
    def plan_submitted(self) -> date:
        return months_before(self.this_month, 16) + timedelta(days=9)

    @property
    def baseline(self) -> date:
        return months_before(self.this_month, 14)

    @property
    def plan_approved(self) -> date:
        return self.baseline + timedelta(days=11)

    @property
    def monitoring_inspection(self) -> date:
        # Usually about 18 months after the report: next month, in this story.
        return months_before(self.this_month, -1) + timedelta(days=13)

    @property
    def targets_due(self) -> date:
        return months_before(self.this_month, -4)

    def figure_months(self) -> list[date]:
        """A year of monthly figures, up to the month before last (last month's is due)."""
        return [months_before(self.this_month, n) for n in range(13, 1, -1)]


PRIORITY_ACTIONS = [
    (
        "assessments-on-time",
        "Assessments and plans on time",
        "Leaders must make sure that children's needs are assessed, and their education, "
        "health and care (EHC) plans done, in the 20 weeks the law allows",
        "Too many families waited far more than 20 weeks for an EHC plan. Some "
        "children did not get the help they needed while they waited.",
        ["council", "icb"],
    ),
    (
        "neurodevelopmental-waits",
        "Waiting for an autism or ADHD assessment",
        "The integrated care board must cut how long children wait to be assessed for "
        "autism or attention deficit hyperactivity disorder (ADHD). It must help families "
        "while they wait",
        "Some children waited more than two years for an assessment, with little help "
        "in the meantime.",
        ["icb"],
    ),
    (
        "children-missing-school",
        "Children with SEND missing school",
        "Leaders must make sure children with SEND are in school and learning: fewer "
        "absences, suspensions and part-time timetables",
        "Children with SEND missed more school than others. Too many were on "
        "part-time timetables for too long.",
        ["council"],
    ),
]

AREAS_FOR_IMPROVEMENT = [
    (
        "quality-of-plans",
        "Quality of EHC plans and reviews",
        "Make EHC plans and their annual reviews clear, up to date and written with families",
        "Plans often did not say clearly what help a child would get, and reviews were "
        "often late.",
        ["council"],
    ),
    (
        "health-advice",
        "Health advice for assessments",
        "Make sure health professionals send their advice for EHC needs assessments on time",
        "Health advice was often late, which held up plans.",
        ["icb"],
    ),
    (
        "preparing-for-adulthood",
        "Preparing for adulthood",
        "Help young people with SEND plan early for adult life: work, health, "
        "independence and where they live",
        "Planning for adult life often started too late.",
        ["council", "icb"],
    ),
    (
        "local-offer",
        "The Local Offer",
        "Make the Local Offer easy for families to find and use",
        "Families said the Local Offer was hard to find and out of date.",
        ["council"],
    ),
    (
        "working-with-families",
        "Working with families",
        "Work with parent carers and young people as equal partners, and tell them what "
        "changed because of what they said",
        "Families did not always hear back about what happened after they gave their views.",
        ["council", "icb"],
    ),
]


@dataclass(frozen=True)
class MeasureSpec:
    code: str
    title: str
    findings: tuple[str, ...]
    unit: str
    higher_is_better: bool
    baseline: Decimal
    target: Decimal
    # How fast the figures move towards the target, against the plan's pace:
    # above 1 ahead of the plan, below 1 behind it.
    pace: float
    places: int = 1
    rate_per: int | None = None
    why: str = ""
    definition: str = ""
    source: str = ""


MEASURES = [
    MeasureSpec(
        "new-plans-in-20-weeks",
        "New EHC plans finished within 20 weeks",
        ("assessments-on-time",),
        "percent",
        True,
        Decimal("18"),
        Decimal("60"),
        1.05,
        why="Families should not wait longer than the law allows to know what help a child "
        "will get.",
        definition="We count the new EHC plans finished in the month. This is the share of them "
        "finished within 20 weeks of the request. It leaves out the few cases the law lets "
        "take longer.",
        source="The council's records of EHC plans",
    ),
    MeasureSpec(
        "assessments-open-over-20-weeks",
        "Assessments open for more than 20 weeks",
        ("assessments-on-time",),
        "count",
        False,
        Decimal("420"),
        Decimal("100"),
        0.9,
        places=0,
        why="Each of these is a family still waiting past the legal time limit.",
        definition="EHC needs assessments still open on the last day of the month that began "
        "more than 20 weeks earlier.",
        source="The council's EHC case management system",
    ),
    MeasureSpec(
        "health-advice-in-6-weeks",
        "Health advice sent within 6 weeks",
        ("assessments-on-time", "health-advice"),
        "percent",
        True,
        Decimal("35"),
        Decimal("90"),
        1.0,
        why="Late health advice holds up a child's plan.",
        definition="Of the requests for health advice due in the month, the share answered "
        "within 6 weeks.",
        source="The integrated care board's designated clinical officer",
    ),
    MeasureSpec(
        "neurodevelopmental-wait",
        "Typical wait for an autism or ADHD assessment",
        ("neurodevelopmental-waits",),
        "weeks",
        False,
        Decimal("104"),
        Decimal("52"),
        0.55,
        places=0,
        why="A long wait for an assessment often means a long wait for the right help.",
        definition="The median number of weeks waited by children assessed in the month, "
        "from referral to assessment.",
        source="The integrated care board's community health services",
    ),
    MeasureSpec(
        "waiting-over-a-year",
        "Children waiting more than a year for an autism or ADHD assessment",
        ("neurodevelopmental-waits",),
        "count",
        False,
        Decimal("900"),
        Decimal("400"),
        0.8,
        places=0,
        why="The longest waits matter most to the families living with them.",
        definition="Children on the waiting list on the last day of the month who were "
        "referred more than 52 weeks earlier.",
        source="The integrated care board's community health services",
    ),
    MeasureSpec(
        "absence-with-ehc-plan",
        "Absence of pupils with an EHC plan",
        ("children-missing-school",),
        "percent",
        False,
        Decimal("14"),
        Decimal("10"),
        1.1,
        why="Children learn and make friends when they are in school.",
        definition="Sessions missed by pupils with an EHC plan in the month, as a share of "
        "all their possible sessions.",
        source="School census and daily attendance data",
    ),
    MeasureSpec(
        "suspensions-sen-support",
        "Suspensions of pupils on SEN support",
        ("children-missing-school",),
        "rate",
        False,
        Decimal("9.5"),
        Decimal("6"),
        0.3,
        rate_per=100,
        why="A suspension is time out of school for a child who often needs more support, "
        "not less.",
        definition="Suspensions in the month for every 100 pupils on SEN support.",
        source="School exclusions data",
    ),
    MeasureSpec(
        "part-time-timetables",
        "Pupils with SEND on a part-time timetable",
        ("children-missing-school",),
        "count",
        False,
        Decimal("85"),
        Decimal("30"),
        0.95,
        places=0,
        why="A part-time timetable should be short and agreed with the family, not a way of life.",
        definition="Pupils with SEND on a part-time timetable on the last school day of the "
        "month.",
        source="Schools' returns to the council's inclusion team",
    ),
    MeasureSpec(
        "parents-say-we-communicate-well",
        "Parent carers who say the council communicates well with them",
        ("working-with-families", "assessments-on-time"),
        "percent",
        True,
        Decimal("22"),
        Decimal("60"),
        0.8,
        places=0,
        why="Families should know what is happening, and when, without having to chase us.",
        definition="Of the parent carers who answered the forum's short survey in the month, "
        "the share who agreed that the council keeps them informed and answers them in good "
        "time.",
        source="The parent carer forum's monthly survey of families in contact with SEND services",
    ),
    MeasureSpec(
        "audited-plans-good",
        "Audited EHC plans rated good or better",
        ("assessments-on-time", "quality-of-plans"),
        "percent",
        True,
        Decimal("30"),
        Decimal("70"),
        0.85,
        why="A good plan says clearly what a child needs and who will do what.",
        definition="Of the EHC plans audited by the partnership in the month, the share "
        "rated good or outstanding.",
        source="The partnership's multi-agency EHC plan audit",
    ),
]


def _spec(code, title, finding, unit, higher, baseline, target, pace, places=0, **extra):
    return MeasureSpec(
        code,
        title,
        (finding,),
        unit,
        higher,
        Decimal(baseline),
        Decimal(target),
        pace,
        places=places,
        **extra,
    )


# The SEND strategy's own measures, for the five areas for improvement: with
# the priority action plan's ten, thirty in all, the size of a real plan.
STRATEGY_MEASURES = [
    _spec(
        "annual-reviews-on-time",
        "Annual reviews held on time",
        "quality-of-plans",
        "percent",
        True,
        "45",
        "85",
        0.9,
        why="A review checks that the plan still fits the child.",
    ),
    _spec(
        "review-decisions-in-4-weeks",
        "Review decisions sent within 4 weeks",
        "quality-of-plans",
        "percent",
        True,
        "40",
        "90",
        1.0,
        why="Families should hear what the review decided without waiting.",
    ),
    _spec(
        "plans-amended-in-12-weeks",
        "Plans changed within 12 weeks of a review",
        "quality-of-plans",
        "percent",
        True,
        "25",
        "80",
        0.7,
        why="A review only helps if the plan is changed to match it.",
    ),
    _spec(
        "families-helped-write-plan",
        "Parent carers who say they helped write the plan",
        "quality-of-plans",
        "percent",
        True,
        "38",
        "75",
        0.9,
        why="Families know their child best.",
    ),
    _spec(
        "plans-with-social-care-advice",
        "New plans with advice from social care",
        "quality-of-plans",
        "percent",
        True,
        "50",
        "95",
        1.1,
        why="Some children need help at home as well as at school.",
    ),
    _spec(
        "health-advice-rated-good",
        "Health advice rated good in audits",
        "health-advice",
        "percent",
        True,
        "42",
        "80",
        0.8,
        why="Clear health advice makes a clear plan.",
    ),
    _spec(
        "speech-therapy-in-18-weeks",
        "Children seen for speech and language therapy within 18 weeks",
        "health-advice",
        "percent",
        True,
        "48",
        "92",
        0.75,
        why="Help with talking and understanding works best when it starts early.",
    ),
    _spec(
        "speech-therapy-waiting-over-18-weeks",
        "Children waiting more than 18 weeks for speech and language therapy",
        "health-advice",
        "count",
        False,
        "310",
        "40",
        0.7,
        why="Each of these children is waiting longer than they should.",
    ),
    _spec(
        "clinical-officer-replies-in-10-days",
        "Questions to the designated clinical officer answered within 10 working days",
        "health-advice",
        "percent",
        True,
        "60",
        "95",
        1.0,
        why="Schools and families need quick answers about health needs.",
    ),
    _spec(
        "therapy-in-plans-delivered",
        "Therapy in plans that was given as written",
        "health-advice",
        "percent",
        True,
        "55",
        "90",
        0.85,
        why="A plan only helps if the help in it is given.",
    ),
    _spec(
        "adulthood-outcomes-from-14",
        "Plans of young people aged 14 and over with goals for adult life",
        "preparing-for-adulthood",
        "percent",
        True,
        "35",
        "95",
        1.05,
        why="Planning early gives young people more choice.",
    ),
    _spec(
        "in-education-or-work-16-17",
        "Young people aged 16 and 17 with a plan in education, work or training",
        "preparing-for-adulthood",
        "percent",
        True,
        "82",
        "92",
        1.0,
        why="Learning or working after school opens doors.",
    ),
    _spec(
        "not-in-education-or-work",
        "Young people with a plan not in education, work or training",
        "preparing-for-adulthood",
        "count",
        False,
        "140",
        "60",
        0.8,
        why="Each of them deserves a next step.",
    ),
    _spec(
        "supported-internships",
        "Supported internships started this school year",
        "preparing-for-adulthood",
        "count",
        True,
        "12",
        "40",
        0.9,
        why="An internship is a real route into paid work.",
    ),
    _spec(
        "health-transition-planned-by-17",
        "Young people with a plan for moving to adult health services by age 17",
        "preparing-for-adulthood",
        "percent",
        True,
        "20",
        "80",
        0.6,
        why="Moving to adult services is easier when it is planned.",
    ),
    _spec(
        "local-offer-visits",
        "Visits to the Local Offer website",
        "local-offer",
        "count",
        True,
        "5200",
        "9000",
        1.1,
        why="More visits mean more families can find the help on offer.",
    ),
    _spec(
        "local-offer-pages-checked",
        "Local Offer pages checked in the last 12 months",
        "local-offer",
        "percent",
        True,
        "30",
        "100",
        0.95,
        why="Out-of-date pages send families to help that no longer exists.",
    ),
    _spec(
        "local-offer-found-what-needed",
        "Visitors who found what they needed on the Local Offer",
        "local-offer",
        "percent",
        True,
        "41",
        "75",
        0.8,
        why="The Local Offer is only useful if families can find things on it.",
    ),
    _spec(
        "complaints-answered-in-20-days",
        "SEND complaints answered within 20 working days",
        "working-with-families",
        "percent",
        True,
        "52",
        "90",
        0.9,
        why="A quick, full answer shows a family they were heard.",
    ),
    _spec(
        "families-in-co-production",
        "Parent carers taking part in co-production groups",
        "working-with-families",
        "count",
        True,
        "35",
        "120",
        1.0,
        why="Services designed with families work better for families.",
    ),
]

# A small, fixed wobble month to month, so the line looks like real figures.
WOBBLE = [0.0, 0.6, -0.4, 0.3, -0.7, 0.5, -0.2, 0.4, -0.5, 0.2, -0.3, 0.1]


def _round(value: float, places: int) -> Decimal:
    step = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)


def _figure(spec: MeasureSpec, month_number: int, months_to_target: int) -> Decimal:
    """Where the measure stands after `month_number` months at its pace."""
    share = min(1.0, spec.pace * month_number / months_to_target)
    distance = float(spec.target - spec.baseline)
    wobble = WOBBLE[month_number % len(WOBBLE)] * abs(distance) / 40
    value = float(spec.baseline) + distance * share + wobble
    if spec.unit == "percent":
        value = min(100.0, value)
    return _round(max(0.0, value), spec.places)


def _clear() -> None:
    """Remove the content a previous run made (the demo database only holds the demo)."""
    for model in (
        ProgressReport,
        YouSaidWeDid,
        Figure,
        MeasureMilestone,
        Post,
        Evidence,
        Measure,
        ActionUpdate,
        Action,
        MonitoringEvent,
        Plan,
        Judgement,
        Finding,
        Inspection,
        Partner,
        JourneyStep,
        LocalArea,
    ):
        model.objects.all().delete()


@transaction.atomic
def build(today: date | None = None) -> None:
    today = today or timezone.localdate()
    when = Timeline(today.replace(day=1))
    _clear()
    LocalArea.objects.create(
        name=NAME,
        site_name=f"SEND progress in {NAME}",
        partners=f"{NAME} Council, NHS {NAME} Integrated Care Board and {NAME} Parent Carer Forum",
        forum_name=f"{NAME} Parent Carer Forum",
        contact_email="send.progress@example.org",
        sendiass_url="https://sendiass.example.org/haverleigh",
        mediation_url="https://localoffer.example.org/haverleigh/mediation",
        tribunal_url="https://www.gov.uk/courts-tribunals/"
        "first-tier-tribunal-special-educational-needs-and-disability",
        complaints_url="https://council.example.org/haverleigh/complaints",
        local_offer_url="https://localoffer.example.org/haverleigh",
        about=f"{NAME} is a made-up local area. This demo shows how the site tells the story "
        "of an inspection under the 2023 framework. We made up every name, date and figure "
        "in it. Inspectors found widespread failings. This site shows what we are doing "
        "about each one, and what the figures say each month.",
    )
    partners = {
        "council": Partner.objects.create(name=f"{NAME} Council", order=1),
        "icb": Partner.objects.create(name=f"NHS {NAME} Integrated Care Board (ICB)", order=2),
    }
    inspection = Inspection.objects.create(
        framework=frameworks.AREA_SEND_2023.key,
        title="Area SEND inspection",
        kind="inspection",
        date=when.inspected,
        end_date=when.inspected + timedelta(days=4),
        publication=Publication.PUBLISHED,
        published_on=when.report_published,
        bodies="Ofsted and the Care Quality Commission (CQC)",
        outcome="widespread-failings",
        summary="Inspectors looked at how well the council, the NHS and social care work "
        "together for children and young people with SEND. They named three priority "
        "actions and five areas for improvement.",
    )
    findings = {}
    specs = [("priority-action", *row) for row in PRIORITY_ACTIONS] + [
        ("area-for-improvement", *row) for row in AREAS_FOR_IMPROVEMENT
    ]
    for order, (kind, slug, short, title, found, owners) in enumerate(specs, start=1):
        finding = Finding.objects.create(
            kind=kind,
            inspection=inspection,
            slug=slug,
            short_title=short,
            title=title,
            summary=found,
            order=order,
        )
        finding.owners.set(partners[o] for o in owners)
        Judgement.objects.create(
            inspection=inspection,
            finding=finding,
            outcome=frameworks.NAMED,
            what_inspectors_found=found,
        )
        findings[slug] = finding
    priority_actions = [findings[row[0]] for row in PRIORITY_ACTIONS]
    improvements = [findings[row[0]] for row in AREAS_FOR_IMPROVEMENT]

    strategy = Plan.objects.create(
        kind="strategic-plan",
        title="SEND strategy, updated after the inspection",
        slug="send-strategy",
        inspection=inspection,
        summary="Our shared plan for SEND, made by the council, the NHS and the forum. "
        "Like every partnership, we changed it after the inspection and made it public.",
        status=Plan.Status.APPROVED,
        approved_on=when.plan_submitted,
        approved_by="the partnership's SEND board",
        published_on=when.plan_submitted + timedelta(days=5),
    )
    strategy.findings.set(improvements)
    plan = Plan.objects.create(
        kind="priority-action-plan",
        title="Priority action plan",
        slug="priority-action-plan",
        inspection=inspection,
        summary="What we are doing about each of the three priority actions. It has "
        "measures and targets. The DfE and NHS England check it.",
        status=Plan.Status.CURRENT,
        submitted_on=when.plan_submitted,
        approved_on=when.plan_approved,
        approved_by=DFE_AND_NHSE,
        published_on=when.plan_approved + timedelta(days=7),
        ends_on=when.targets_due,
    )
    plan.findings.set(priority_actions)
    plan.document = Evidence.objects.create(
        title="Priority action plan (a made-up document for the demo)",
        date=plan.published_on,
        url="https://example.org/haverleigh/priority-action-plan",
        is_public=True,
    )
    plan.save(update_fields=["document"])
    Evidence.objects.create(
        title="How we are clearing late assessments (a made-up summary)",
        date=months_before(when.this_month, 3),
        url="https://example.org/haverleigh/assessment-recovery",
        is_public=True,
        finding=findings["assessments-on-time"],
    )
    _actions(plan, strategy, findings, when)
    _measures(plan, findings, when)
    _measures(strategy, findings, when, specs=STRATEGY_MEASURES, first=len(MEASURES) + 1)
    _monitoring(plan, inspection, priority_actions, when)
    post = Post.objects.create(
        title="Our priority action plan is approved",
        slug="priority-action-plan-approved",
        summary="The DfE and NHS England have approved our plan for the three priority "
        "actions. Here is what happens next.",
        body="The Department for Education (DfE) and NHS England approved our priority action "
        "plan. We will publish its figures here every month, once they are checked.\n\n"
        "This is a made-up update for the demo.",
        author_name="Sam Rivers",
        author_role="Director of SEND (demo)",
        status=Post.Status.PUBLISHED,
        published_at=timezone.make_aware(
            datetime.combine(when.plan_approved + timedelta(days=8), datetime.min.time())
        ),
    )
    post.findings.set(priority_actions)
    _you_said_we_did(findings, when)
    _report(when)


def _report(when) -> None:
    """A progress report for the end of last month, published the way an
    approver publishes one (frozen content and its PDF)."""
    as_at = when.this_month - timedelta(days=1)
    report = ProgressReport(as_at=as_at, published_at=timezone.now())
    report.content = snapshot.build(as_at)
    report.pdf = pdf.render(
        report, content=report.content, site_name=LocalArea.objects.get().site_name
    )
    report.status = ProgressReport.Status.PUBLISHED
    report.save()


# What families told us, and what we did about it (made up).
YOU_SAID_WE_DID = [
    (
        "working-with-families",
        "You told us you did not know who to call while waiting for an assessment.",
        "Every family now gets the name and phone number of a case officer in the first "
        "letter. The officer calls every four weeks until the plan is done.",
        5,
    ),
    (
        "assessments-on-time",
        "You said our letters used words you did not know and did not say what happens next.",
        "We rewrote the letters with the forum. Each one now says in plain words what happens "
        "next and by when.",
        3,
    ),
    (
        "neurodevelopmental-waits",
        "You said there was no help while waiting for an autism or ADHD assessment.",
        "The ICB now runs a phone line for families on the waiting list. Once a month, "
        "families can also drop in and talk to someone.",
        1,
    ),
]


def _you_said_we_did(findings, when) -> None:
    for slug, you_said, we_did, months_ago in YOU_SAID_WE_DID:
        done_on = months_before(when.this_month, months_ago) + timedelta(days=10)
        entry = YouSaidWeDid.objects.create(
            you_said=you_said + " (Made up for the demo.)",
            we_did=we_did,
            done_on=done_on,
            status=YouSaidWeDid.Status.PUBLISHED,
            published_at=timezone.make_aware(
                datetime.combine(done_on + timedelta(days=5), datetime.min.time())
            ),
        )
        entry.findings.set([findings[slug]])


# What success looks like for each action, by its order in _actions (made up).
SUCCESS = [
    "No family waits more than 20 weeks for a decision on a plan.",
    "Every open assessment is checked each week, and leaders act on any that are late.",
    "More children are assessed each month, and the list of those waiting gets shorter.",
    "Families on the waiting list know who to call and get help while they wait.",
    "Every part-time timetable is short, agreed with the family and reviewed every six weeks.",
    "Fewer children with SEND are sent home from school.",
    "Families help check a sample of plans each month, and more plans are rated good.",
    "Every assessment has a named health lead, and health advice arrives on time.",
    "Every young person aged 14 or over has a plan for adult life in their EHC plan.",
    "Families can find what they need on the Local Offer in a few clicks.",
    "Each term we publish what families told us and what we did about it.",
]
# Made-up leads who agreed to be named, by order; the rest are named by role only.
LEAD_NAMES = {1: "Priya Shah", 3: "Tom Okafor", 5: "Jo Barnes"}


def _actions(plan, strategy, findings, when) -> None:
    rows = [
        (plan, "assessments-on-time", "Clear the backlog of late assessments", "Head of SEND"),
        (
            plan,
            "assessments-on-time",
            "Weekly tracking of every open assessment",
            "SEND data lead",
        ),
        (
            plan,
            "neurodevelopmental-waits",
            "Add assessment clinics on Saturdays",
            "ICB commissioner",
        ),
        (
            plan,
            "neurodevelopmental-waits",
            "Support for families while they wait",
            "ICB commissioner",
        ),
        (plan, "children-missing-school", "Review every part-time timetable", "Head of inclusion"),
        (
            plan,
            "children-missing-school",
            "Help schools keep children in class",
            "Virtual school head",
        ),
        (strategy, "quality-of-plans", "Audit plans with families every month", "Quality lead"),
        (
            strategy,
            "health-advice",
            "Named health lead for every assessment",
            "Designated clinical officer",
        ),
        (
            strategy,
            "preparing-for-adulthood",
            "Start planning for adult life at 14",
            "Transitions lead",
        ),
        (strategy, "local-offer", "Rebuild the Local Offer with families", "Local Offer manager"),
        (
            strategy,
            "working-with-families",
            "Publish 'You said, we did' each term",
            "Forum and council",
        ),
    ]
    for order, (owner_plan, slug, title, role) in enumerate(rows, start=1):
        # One action of the plan fell due last month and could not be done on time.
        late = order == 4
        action = Action.objects.create(
            plan=owner_plan,
            title=title,
            owner_role=role,
            lead_name=LEAD_NAMES.get(order, ""),
            success_looks_like=SUCCESS[order - 1],
            not_done_reason="The charity that was to run the support groups closed. We are "
            "finding another, and the helpline runs until then. (Made up for the demo.)"
            if late
            else "",
            due_date=months_before(when.this_month, 1) if late else when.targets_due,
            status=Action.Status.IN_PROGRESS if order % 3 else Action.Status.DONE,
            finished_on=None if order % 3 else months_before(when.this_month, order // 3),
            order=order,
        )
        action.findings.set([findings[slug]])
        # The actions were written with the plan: so says their history,
        # which the progress reports read.
        action.history.update(
            history_date=timezone.make_aware(
                datetime.combine(when.plan_approved, datetime.min.time())
            )
        )
        ActionUpdate.objects.create(
            action=action,
            date=months_before(when.this_month, 2) + timedelta(days=14),
            note="Work is going to plan. (Made-up progress note for the demo.)",
        )


# The latest figure's commentary: what the public read as the reason a measure
# is off track or at risk (made up).
LATEST_COMMENTARY = (
    "Two case officers left over the summer, so work was slower than planned. Their "
    "replacements start next month. (Made up for the demo.)"
)


def _measures(plan, findings, when, *, specs=MEASURES, first=1) -> None:
    months = when.figure_months()
    months_to_target = (when.targets_due.year - when.baseline.year) * 12 + (
        when.targets_due.month - when.baseline.month
    )
    approved_at = timezone.now()
    for order, spec in enumerate(specs, start=first):
        measure = Measure.objects.create(
            plan=plan,
            code=spec.code,
            title=spec.title,
            why_it_matters=spec.why,
            definition=spec.definition,
            source=spec.source,
            frequency=Measure.Frequency.MONTHLY,
            unit=spec.unit,
            rate_per=spec.rate_per,
            higher_is_better=spec.higher_is_better,
            decimal_places=spec.places,
            baseline_value=spec.baseline,
            baseline_date=when.baseline,
            baseline_label=f"{when.baseline:%B %Y}",
            target_value=spec.target,
            target_date=when.targets_due,
            illustrative=True,
            order=order,
        )
        measure.findings.set([findings[slug] for slug in spec.findings])
        step = spec.target - spec.baseline
        for n in (1, 2, 3):
            MeasureMilestone.objects.create(
                measure=measure,
                date=months_before(when.baseline, -4 * n),
                target=_round(float(spec.baseline + step * n * 4 / months_to_target), spec.places),
            )
        Figure.objects.bulk_create(
            Figure(
                measure=measure,
                period=month,
                value=_figure(spec, n, months_to_target),
                commentary=LATEST_COMMENTARY
                if n == len(months)
                else "Made-up figure for the demo.",
                status=Figure.Status.APPROVED,
                # Approved on the 10th of the month after, as a real figure would
                # be (and never later than now, for last month's).
                approved_at=min(approved_at, _approved_on(month)),
            )
            for n, month in enumerate(months, start=1)
        )
        # Last month's figure is due: one entered as a draft, one waiting for approval.
        if order in (1, 4):
            Figure.objects.create(
                measure=measure,
                period=months_before(when.this_month, 1),
                value=_figure(spec, len(months) + 1, months_to_target),
                commentary="Made-up figure for the demo, not yet approved.",
                status=Figure.Status.DRAFT if order == 1 else Figure.Status.SUBMITTED,
            )
        # The measure, its milestones and figures are written: store its latest
        # figure and progress (stored_progress), once.
        stored_progress.refresh([measure.pk], instance=measure)


def _approved_on(month: date) -> datetime:
    """A month's figure is approved on the 10th of the month after."""
    day = months_before(month, -1) + timedelta(days=9)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=10))


def _monitoring(plan, inspection, priority_actions, when) -> None:
    events = [
        (
            MonitoringEvent.Kind.ENGAGEMENT,
            when.report_published + timedelta(days=20),
            "First engagement meeting",
            "Advisers from the DfE and NHS England met leaders. They agreed how the plan will "
            "be checked. (Made-up summary for the demo.)",
            True,
        ),
        (
            MonitoringEvent.Kind.STOCKTAKE,
            months_before(when.this_month, 8) + timedelta(days=9),
            "Six-month stocktake",
            "Advisers found assessments were getting quicker. But waits for autism and ADHD "
            "assessments were still too long. (Made-up summary for the demo.)",
            True,
        ),
        (
            MonitoringEvent.Kind.STOCKTAKE,
            months_before(when.this_month, 2) + timedelta(days=9),
            "Twelve-month stocktake",
            "",
            False,
        ),
        (
            MonitoringEvent.Kind.STOCKTAKE,
            months_before(when.this_month, -4) + timedelta(days=9),
            "Eighteen-month stocktake",
            "",
            False,
        ),
    ]
    for kind, on, title, summary, published in events:
        event = MonitoringEvent.objects.create(
            kind=kind,
            date=on,
            title=title,
            who=DFE_AND_NHSE,
            plan=plan,
            public_summary=summary,
            summary_published_on=on + timedelta(days=14) if published else None,
        )
        event.findings.set(priority_actions)
    Inspection.objects.create(
        framework=inspection.framework,
        title="Monitoring inspection",
        kind="monitoring",
        date=when.monitoring_inspection,
        # Public as expected, though the visit is still to come.
        publication=Publication.PUBLISHED,
        bodies="Ofsted and the Care Quality Commission (CQC)",
        summary="Inspectors come back to check progress on the three priority actions, about "
        "18 months after the report.",
    )
