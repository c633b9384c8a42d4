"""Apps depend downwards only (docs/architecture.md, "One project, apps in layers").

Every `import` in `sendprogress/`, at module level or inside a function, may
reach only a lower layer than the part of the site it is written in (or that
same part). Parts on one layer do not import each other either. A new app or
top-level module must be placed in LAYERS before the suite passes.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sendprogress"

# Each part of the site (an app, or a module of the project package) and its
# layer: it may import from lower numbers only.
LAYERS = {
    # The project package's plumbing: JSON logs, which the rest of it uses.
    "logs": 0,
    # Shared helpers, error pages, site-wide middleware and the backup tools.
    "core": 1,
    "errors": 1,
    "middleware": 1,
    "backups": 1,
    # Small helpers any app may use: one-line text for email headers, the
    # public(...) marker for views, the admin base that switches off revert.
    "email_headers": 1,
    "public": 1,
    "history_admin": 1,
    # Staff accounts and roles: the domain apps ask them who may do what.
    "accounts": 2,
    # The information pages and the glossary: plain English for every page
    # above, so the plan's template tags spell out short forms through them.
    "pages": 3,
    # The plan (areas, inspections, measures, figures, evidence).
    "plan": 4,
    # Updates are about areas and measures, so above the plan: the plan reaches
    # its posts through related names, never by importing this app.
    "updates": 5,
    # Families' views: feedback, "You said, we did", and search over all the
    # public content below it. The plan shows an area's entries through a
    # template tag of this app, never by importing it.
    "engagement": 6,
    # On top: they use the domain apps, never the reverse.
    "caching": 6,
    "staff": 6,
    "security": 6,
    "api": 6,
    "embeds": 6,
    "reports": 6,
    # What has changed since the last progress report: reads the plan, updates,
    # "You said, we did" and reports alike, so above them all.
    "changes": 7,
    # The demo content and the large data set write through every app below.
    "demo": 7,
    # What wires the site together, and the URL conf over all of it.
    "context_processors": 7,
    "sitemaps": 7,
    "views": 7,
    "settings": 7,
    "wsgi": 7,
    "urls": 8,
}

# Inside the plan (one Django app, label `plan`), the same rule between its
# parts: the inspection story lowest, measures and their figures on it,
# comparators on both. A module in a part imports only its own part or a lower
# one, and nothing from the top of `plan/` (its pages, admin, URL conf, template
# tags, commands, and `plan.models`, which gathers every part's models for
# Django); those may use every part. A new folder in `plan/` needs a place here.
PLAN_PARTS = {"story": 0, "measures": 1, "comparators": 2}
# Folders of `plan/` that are where Django looks, not parts.
PLAN_DJANGO_FOLDERS = {"management", "migrations", "models", "templatetags", "views"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _part(module: str) -> str | None:
    """Which part of the site a `sendprogress...` module belongs to (None: the package)."""
    bits = module.split(".")
    return bits[1] if len(bits) > 1 else None


def _imported_modules(source: str, module: str, *, is_package: bool):
    """(line, module) for each import of a `sendprogress` module in `source`."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from sendprogress import logs` imports the module sendprogress.logs.
            targets = [f"{base}.{a.name}" if base == "sendprogress" else base for a in node.names]
        else:
            continue
        for target in targets:
            if target == "sendprogress" or target.startswith("sendprogress."):
                yield node.lineno, target


def upward_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """Each import in `source` (the text of `module`) that breaks the layers."""
    here = _part(module)
    problems = []
    for line, target in _imported_modules(source, module, is_package=is_package):
        there = _part(target)
        if there is None or there == here:
            continue
        if LAYERS[there] >= LAYERS[here]:
            problems.append(
                f"{module} line {line} imports {target}: "
                f"{here} (layer {LAYERS[here]}) may not import {there} (layer {LAYERS[there]})"
            )
    return problems


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, _module_name(path)


def test_every_part_of_the_site_has_a_layer():
    parts = {_part(module) for _, module in _sources()} - {None}
    assert not parts - LAYERS.keys(), (
        f"Place these in LAYERS in tests/test_import_direction.py: {sorted(parts - LAYERS.keys())}"
    )


def test_apps_import_only_from_lower_layers():
    problems = []
    for path, module in _sources():
        problems += upward_imports(path.read_text(), module, is_package=path.name == "__init__.py")
    assert not problems, "Imports against the layers:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from sendprogress.updates.models import Post", "sendprogress.plan.views"),
        ("def f():\n    from sendprogress.plan.models import Measure", "sendprogress.core.fields"),
        ("from sendprogress import urls", "sendprogress.staff.views"),
        ("import sendprogress.staff.access", "sendprogress.caching.middleware"),
        ("from sendprogress.plan.models import Measure", "sendprogress.pages.views"),
        ("from ...staff import access", "sendprogress.security.views.x"),
    ],
)
def test_the_check_finds_an_upward_or_sideways_import(source, module):
    assert upward_imports(source, module)


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from sendprogress.plan.models import Measure", "sendprogress.updates.feeds"),
        ("from sendprogress.pages.templatetags.plain_words import expand", "sendprogress.plan.x"),
        ("from sendprogress.core.fields import ModelMultipleChoiceField", "sendprogress.plan.x"),
        ("from ..models import Post", "sendprogress.updates.views.posts"),
        ("from sendprogress import logs", "sendprogress.errors"),
    ],
)
def test_the_check_allows_downward_and_own_app_imports(source, module):
    assert upward_imports(source, module) == []


def _plan_part(module: str) -> str | None:
    """Which part of the plan a module is in (None: the top of `plan/`, or not the plan)."""
    bits = module.split(".")
    if bits[:2] != ["sendprogress", "plan"] or len(bits) < 3:
        return None
    return bits[2] if bits[2] in PLAN_PARTS else None


def imports_across_plan_parts(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """Each import in `source` (a module of the plan) that breaks the order of its parts."""
    here = _plan_part(module)
    if here is None:
        return []
    problems = []
    for line, target in _imported_modules(source, module, is_package=is_package):
        if not (target == "sendprogress.plan" or target.startswith("sendprogress.plan.")):
            continue
        there = _plan_part(target)
        if there is None:
            problems.append(f"{module} line {line} imports {target}, the top of plan/")
        elif PLAN_PARTS[there] > PLAN_PARTS[here]:
            problems.append(
                f"{module} line {line} imports {target}: "
                f"plan.{here} (part {PLAN_PARTS[here]}) may not import plan.{there} "
                f"(part {PLAN_PARTS[there]})"
            )
    return problems


def test_every_folder_of_the_plan_is_a_part_or_where_django_looks():
    folders = {
        path.name
        for path in (PACKAGE / "plan").iterdir()
        if path.is_dir() and path.name != "__pycache__"
    }
    assert folders - PLAN_PARTS.keys() - PLAN_DJANGO_FOLDERS == set()


def test_the_parts_of_the_plan_import_only_their_own_or_lower_parts():
    problems = []
    for path, module in _sources():
        problems += imports_across_plan_parts(
            path.read_text(), module, is_package=path.name == "__init__.py"
        )
    assert not problems, "Imports against the parts of the plan:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from ..comparators import dfe", "sendprogress.plan.measures.imports"),
        ("from sendprogress.plan.measures.models import Measure", "sendprogress.plan.story.x"),
        ("from sendprogress.plan.models import Measure", "sendprogress.plan.measures.x"),
        ("from .. import direction", "sendprogress.plan.comparators.x"),
    ],
)
def test_the_check_finds_an_import_up_the_plan(source, module):
    assert imports_across_plan_parts(source, module)


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from ..story import frameworks", "sendprogress.plan.measures.figures"),
        ("from .models.measures import Measure", "sendprogress.plan.measures.due_periods"),
        ("from ..measures import charts", "sendprogress.plan.views.measures"),
        ("from sendprogress.core.dates import month", "sendprogress.plan.story.x"),
    ],
)
def test_the_check_allows_imports_down_the_plan(source, module):
    assert imports_across_plan_parts(source, module) == []
