"""The inspection frameworks, as data: the words each one uses and what it can decide.

A local area SEND inspection follows one framework: the 2016 local area SEND
inspection (areas of significant weakness, a Written Statement of Action, a
revisit) or the area SEND framework used since January 2023 (three overall
outcomes, priority actions and areas for improvement, a priority action plan,
monitoring inspections). Models store only the keys defined here; the labels
and the rules about which key belongs to which framework live in this module.

Adding a framework is adding one `Framework` to `FRAMEWORKS`: the model
fields take their choices from the functions at the bottom, which Django calls
when it needs them, so no migration is needed either.

The 2023 overall outcomes are quoted in the framework's own words; everything
else is said in our own plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendprogress.core.status import Colour


@dataclass(frozen=True)
class FindingKind:
    """A kind of thing inspectors ask the partnership to fix."""

    key: str
    singular: str
    plural: str
    description: str
    owned: bool = False  # the report names the partner or partners who own each
    judged_at_follow_up: bool = True  # a revisit or monitoring inspection judges each


@dataclass(frozen=True)
class Outcome:
    """The overall outcome of a full inspection (2023 framework only)."""

    key: str
    words: str  # the framework's own words, quoted on the site
    label: str  # a few plain words for headings and tags
    next_steps: str  # what usually happens next, in plain words
    colour: Colour  # the tag it is shown on (core/status.py)


@dataclass(frozen=True)
class JudgementOutcome:
    """What one inspection said about one finding."""

    key: str
    label: str
    colour: Colour  # the tag it is shown on (core/status.py)
    still_monitored: bool  # whether the finding is still being worked on after it


@dataclass(frozen=True)
class InspectionKind:
    key: str
    label: str


@dataclass(frozen=True)
class PlanKind:
    key: str
    label: str
    short_label: str
    description: str


@dataclass(frozen=True)
class Framework:
    key: str
    name: str
    introduced: str
    description: str
    finding_kinds: tuple[FindingKind, ...]
    judgement_outcomes: tuple[JudgementOutcome, ...]
    inspection_kinds: tuple[InspectionKind, ...]
    plan_kinds: tuple[PlanKind, ...]
    outcomes: tuple[Outcome, ...] = ()

    def __str__(self) -> str:
        return self.name

    def finding_kind(self, key: str) -> FindingKind | None:
        return _by_key(self.finding_kinds, key)

    def judgement_outcome(self, key: str) -> JudgementOutcome | None:
        return _by_key(self.judgement_outcomes, key)

    def inspection_kind(self, key: str) -> InspectionKind | None:
        return _by_key(self.inspection_kinds, key)

    def plan_kind(self, key: str) -> PlanKind | None:
        return _by_key(self.plan_kinds, key)

    def outcome(self, key: str) -> Outcome | None:
        return _by_key(self.outcomes, key)

    @property
    def findings_in_words(self) -> str:
        """What it calls what inspectors found, e.g. 'areas of significant weakness'."""
        plurals = [kind.plural for kind in self.finding_kinds]
        return " and ".join(plurals)


def _by_key(items, key):
    return next((item for item in items if item.key == key), None)


# Judgement outcome keys that both frameworks use.
NAMED = "weakness"
NOT_YET = "not-yet"
SUFFICIENT = "sufficient"

LOCAL_AREA_SEND_2016 = Framework(
    key="2016",
    name="Local area SEND inspection (2016 framework)",
    introduced="May 2016",
    description=(
        "Ofsted and the Care Quality Commission (CQC) looked at how well a local area found "
        "and met the needs of children and young people with SEND. Where they found areas of "
        "significant weakness, the area wrote a Written Statement of Action (WSoA). Inspectors "
        "then came back (a revisit) and said, for each weakness, whether progress was enough. "
        "Where it was not, the area wrote an Accelerated Progress Plan (APP), checked by the "
        "Department for Education (DfE) and NHS England."
    ),
    finding_kinds=(
        FindingKind(
            key="significant-weakness",
            singular="area of significant weakness",
            plural="areas of significant weakness",
            description="Something inspectors found was not good enough and must be fixed.",
        ),
    ),
    judgement_outcomes=(
        JudgementOutcome(NAMED, "Area of significant weakness", Colour.RED, True),
        JudgementOutcome(NOT_YET, "Some progress, not yet sufficient", Colour.YELLOW, True),
        JudgementOutcome(SUFFICIENT, "Sufficient progress", Colour.GREEN, False),
    ),
    inspection_kinds=(
        InspectionKind("inspection", "Local area SEND inspection"),
        InspectionKind("revisit", "Revisit"),
    ),
    plan_kinds=(
        PlanKind(
            "wsoa",
            "Written Statement of Action",
            "WSoA",
            "The plan to fix each area of significant weakness, written after the inspection.",
        ),
        PlanKind(
            "app",
            "Accelerated Progress Plan",
            "APP",
            "A plan with measures and targets for the areas that had not yet improved enough "
            "at the revisit, checked by the DfE and NHS England.",
        ),
    ),
)

AREA_SEND_2023 = Framework(
    key="2023",
    name="Area SEND inspection (2023 framework)",
    introduced="January 2023",
    description=(
        "Ofsted and the CQC inspect the local area partnership (the council, the integrated "
        "care board and social care) at least once every five years or so. The report gives one "
        "of three overall outcomes and names areas for improvement; with the most serious "
        "outcome it also names priority actions. Every partnership updates and publishes its "
        "strategic plan afterwards. With the most serious outcome the partnership also writes a "
        "priority action plan, the DfE and NHS England check progress with it, and inspectors "
        "come back for a monitoring inspection."
    ),
    finding_kinds=(
        FindingKind(
            key="priority-action",
            singular="priority action",
            plural="priority actions",
            description="Something that must be put right urgently. Named only with the most "
            "serious outcome.",
            owned=True,
        ),
        FindingKind(
            key="area-for-improvement",
            singular="area for improvement",
            plural="areas for improvement",
            description="Something the partnership must improve. Each has a named owner: the "
            "council, the integrated care board, or both.",
            owned=True,
            # A monitoring inspection looks at the priority actions.
            judged_at_follow_up=False,
        ),
    ),
    outcomes=(
        Outcome(
            key="positive",
            words=(
                "The local area partnership's SEND arrangements typically lead to positive "
                "experiences and outcomes for children and young people with SEND. The local "
                "area partnership is taking action where improvements are needed."
            ),
            label="Usually positive experiences and outcomes",
            next_steps="The next full inspection is usually about five years later.",
            colour=Colour.GREEN,
        ),
        Outcome(
            key="inconsistent",
            words=(
                "The local area partnership's arrangements lead to inconsistent experiences and "
                "outcomes for children and young people with SEND. The local area partnership "
                "must work jointly to make improvements."
            ),
            label="Inconsistent experiences and outcomes",
            next_steps="Inspectors usually come back for a full inspection in about three years.",
            colour=Colour.YELLOW,
        ),
        Outcome(
            key="widespread-failings",
            words=(
                "There are widespread and/or systemic failings leading to significant concerns "
                "about the experiences and outcomes of children and young people with SEND, "
                "which the local area partnership must address urgently."
            ),
            label="Widespread or systemic failings",
            next_steps=(
                "The partnership writes a priority action plan and makes it public. The DfE "
                "and NHS England meet the partnership often to check progress. Inspectors most "
                "often come back for a monitoring inspection about 18 months after the report. "
                "A full inspection comes within about three years."
            ),
            colour=Colour.RED,
        ),
    ),
    judgement_outcomes=(
        JudgementOutcome(NAMED, "Named by inspectors", Colour.RED, True),
        JudgementOutcome(NOT_YET, "Some progress, not yet enough", Colour.YELLOW, True),
        JudgementOutcome(SUFFICIENT, "Enough progress", Colour.GREEN, False),
    ),
    inspection_kinds=(
        InspectionKind("inspection", "Full inspection"),
        InspectionKind("monitoring", "Monitoring inspection"),
    ),
    plan_kinds=(
        PlanKind(
            "priority-action-plan",
            "Priority action plan",
            "priority action plan",
            "What the partnership will do about each priority action, with measures, approved "
            "by the DfE and NHS England and published.",
        ),
        PlanKind(
            "strategic-plan",
            "Strategic plan",
            "strategic plan",
            "The partnership's plan for SEND, updated and published after every inspection.",
        ),
    ),
)

FRAMEWORKS: dict[str, Framework] = {f.key: f for f in (LOCAL_AREA_SEND_2016, AREA_SEND_2023)}
LATEST = AREA_SEND_2023


def get(key: str) -> Framework | None:
    return FRAMEWORKS.get(key)


def label(item) -> str:
    """An item's words as a choice: its label, or its singular capitalised."""
    return getattr(item, "label", None) or item.singular.capitalize()


def _choices(items_of) -> list[tuple[str, str]]:
    """Every framework's items as model field choices, each key once (its first label)."""
    seen: dict[str, str] = {}
    for framework in FRAMEWORKS.values():
        for item in items_of(framework):
            seen.setdefault(item.key, label(item))
    return list(seen.items())


# What a record is told when it names a key its framework does not have: the
# admin's fields (framework_fields) and each model's clean() give these words.
def _listed(items) -> str:
    return ", ".join(label(item).lower() for item in items)


def inspection_kind_refused(f: Framework) -> str:
    return f"The {f.name} has these kinds of inspection: {_listed(f.inspection_kinds)}."


def outcome_refused(f: Framework) -> str:
    if not f.outcomes:
        return f"The {f.name} gives no overall outcome. Leave this blank."
    return f"Choose an outcome of the {f.name}."


def judgement_outcome_refused(f: Framework) -> str:
    return f"Under the {f.name} a judgement is one of: {_listed(f.judgement_outcomes)}."


def finding_kind_refused(f: Framework) -> str:
    return f"Under the {f.name}, inspectors name: {_listed(f.finding_kinds)}."


def plan_kind_refused(f: Framework) -> str:
    return f"After an inspection under the {f.name}, a plan is one of: {_listed(f.plan_kinds)}."


# Model fields take their choices from these (callables, so a new framework
# needs no migration); the model's clean() checks the key fits its framework.
def framework_choices() -> list[tuple[str, str]]:
    return [(f.key, f.name) for f in FRAMEWORKS.values()]


def finding_kind_choices() -> list[tuple[str, str]]:
    return _choices(lambda f: f.finding_kinds)


def outcome_choices() -> list[tuple[str, str]]:
    return _choices(lambda f: f.outcomes)


def judgement_outcome_choices() -> list[tuple[str, str]]:
    return _choices(lambda f: f.judgement_outcomes)


def inspection_kind_choices() -> list[tuple[str, str]]:
    return _choices(lambda f: f.inspection_kinds)


def plan_kind_choices() -> list[tuple[str, str]]:
    return _choices(lambda f: f.plan_kinds)
