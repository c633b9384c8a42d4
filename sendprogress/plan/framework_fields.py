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
the same rule for any other way in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import frameworks

ItemsOf = Callable[[frameworks.Framework], Sequence]


def label(item) -> str:
    return getattr(item, "label", None) or item.singular.capitalize()


def offer(
    field,
    framework: frameworks.Framework | None,
    items_of: ItemsOf,
    *,
    refusal: Callable[[frameworks.Framework, str], str],
) -> None:
    """Make `field` offer `framework`'s items (every framework's, grouped, when
    None). `refusal(framework, names)` words the message for a key it lacks."""
    blank = [choice for choice in field.choices if choice[0] == ""]
    if framework is None:
        field.choices = blank + [
            (f.name, [(item.key, label(item)) for item in items_of(f)])
            for f in frameworks.FRAMEWORKS.values()
            if items_of(f)
        ]
        return
    items = items_of(framework)
    field.choices = blank + [(item.key, label(item)) for item in items]
    names = ", ".join(label(item).lower() for item in items)
    field.error_messages = {**field.error_messages, "invalid_choice": refusal(framework, names)}


def framework_named(key) -> frameworks.Framework | None:
    return frameworks.get(key) if isinstance(key, str) else None


def posted_or_saved(form, name: str, saved):
    """The value of `name` this form is about: what was posted, else what is saved."""
    if form.is_bound:
        return form.data.get(form.add_prefix(name))
    return saved


def inspection_kinds(form, framework) -> None:
    if "kind" in form.fields:
        offer(
            form.fields["kind"],
            framework,
            lambda f: f.inspection_kinds,
            refusal=lambda f, names: f"The {f.name} has these kinds of inspection: {names}.",
        )


def overall_outcomes(form, framework) -> None:
    if "outcome" in form.fields:
        offer(
            form.fields["outcome"],
            framework,
            lambda f: f.outcomes,
            refusal=lambda f, names: (
                f"Choose an outcome of the {f.name}."
                if f.outcomes
                else f"The {f.name} gives no overall outcome. Leave this blank."
            ),
        )


def judgement_outcomes(form, framework) -> None:
    if "outcome" in form.fields:
        offer(
            form.fields["outcome"],
            framework,
            lambda f: f.judgement_outcomes,
            refusal=lambda f, names: f"Under the {f.name} a judgement is one of: {names}.",
        )


def finding_kinds(form, framework) -> None:
    if "kind" in form.fields:
        offer(
            form.fields["kind"],
            framework,
            lambda f: f.finding_kinds,
            refusal=lambda f, names: f"Under the {f.name}, inspectors name: {names}.",
        )


def plan_kinds(form, framework) -> None:
    if "kind" in form.fields:
        offer(
            form.fields["kind"],
            framework,
            lambda f: f.plan_kinds,
            refusal=lambda f, names: (
                f"After an inspection under the {f.name}, a plan is one of: {names}."
            ),
        )
