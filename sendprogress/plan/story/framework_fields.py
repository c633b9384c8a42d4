"""Form fields that offer one framework's words: the kinds, outcomes and
judgements of the inspection a record belongs to, and only those.

The model fields take every framework's keys (`frameworks._choices`), some
shared ("inspection", "sufficient"), each shown in the first framework's
words. A form for a record whose framework is known offers that framework's
items in its own words; one whose framework is not known yet (a new record,
before an inspection is chosen) offers every framework's, grouped under its
name. A key the framework does not have is refused on the field, with a
message naming what it has, whatever the browser sent.

Used by the admin (staff's forms for the story); each model's clean() checks
the same rule for any other way in, in the same words (`frameworks.*_refused`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import frameworks

ItemsOf = Callable[[frameworks.Framework], Sequence]


def offer(
    field,
    framework: frameworks.Framework | None,
    items_of: ItemsOf,
    *,
    refusal: Callable[[frameworks.Framework], str],
) -> None:
    """Make `field` offer `framework`'s items (every framework's, grouped, when
    None). `refusal(framework)` words the message for a key it lacks."""
    blank = [choice for choice in field.choices if choice[0] == ""]
    if framework is None:
        field.choices = blank + [
            (f.name, [(item.key, frameworks.label(item)) for item in items_of(f)])
            for f in frameworks.FRAMEWORKS.values()
            if items_of(f)
        ]
        return
    field.choices = blank + [(item.key, frameworks.label(item)) for item in items_of(framework)]
    field.error_messages = {**field.error_messages, "invalid_choice": refusal(framework)}


def framework_named(key) -> frameworks.Framework | None:
    return frameworks.get(key) if isinstance(key, str) else None


def posted_or_saved(form, name: str, saved):
    """The value of `name` this form is about: what was posted, else what is saved."""
    if form.is_bound:
        return form.data.get(form.add_prefix(name))
    return saved


def offering(name: str, items_of: ItemsOf, refusal: Callable[[frameworks.Framework], str]):
    """A form's step that makes its field `name`, where it has one, offer a
    framework's items (see `offer`): `step(form, framework)`."""

    def step(form, framework: frameworks.Framework | None) -> None:
        if name in form.fields:
            offer(form.fields[name], framework, items_of, refusal=refusal)

    return step


inspection_kinds = offering(
    "kind", lambda f: f.inspection_kinds, frameworks.inspection_kind_refused
)
overall_outcomes = offering("outcome", lambda f: f.outcomes, frameworks.outcome_refused)
judgement_outcomes = offering(
    "outcome", lambda f: f.judgement_outcomes, frameworks.judgement_outcome_refused
)
finding_kinds = offering("kind", lambda f: f.finding_kinds, frameworks.finding_kind_refused)
plan_kinds = offering("kind", lambda f: f.plan_kinds, frameworks.plan_kind_refused)
