# ruff: noqa: E501 (the templates compared are kept on one line each, as in the page)
"""Would another template engine pay for the heaviest page? A measurement, not a feature.

    .venv/bin/pip install jinja2          # not a dependency of the project
    .venv/bin/python bench/engines.py      # on the benchmark's database (BENCH_DATABASE_URL)

Renders the part of a measure's page that grows with its figures (the
table of every approved figure, each row with its period, value, expected
value and progress tag) with Django's template engine and with Jinja2, from
the same context and the same helpers, and prints CPU milliseconds per
render of each. The measure is the one with the most approved figures.
"""

from __future__ import annotations

import os
import secrets
import sys
import time

import harness

env = harness.production_env(cached=False)
env["SECRET_KEY"] = secrets.token_urlsafe(50)
os.environ.update(env)
sys.path.insert(0, str(harness.ROOT))

import django  # noqa: E402

django.setup()

import jinja2  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.template import engines  # noqa: E402
from django.template.defaultfilters import date as date_filter  # noqa: E402

from sendprogress.core.templatetags.status import status_tag  # noqa: E402
from sendprogress.plan.models import Measure  # noqa: E402
from sendprogress.plan.templatetags.figure_display import figure  # noqa: E402

ROWS = """{% load figure_display status %}{% for m, expected, progress in rows %}
<tr class="govuk-table__row">
  <th scope="row" class="govuk-table__header">{{ m.period|date:"F Y" }}</th>
  <td class="govuk-table__cell govuk-table__cell--numeric">{{ m.value|figure:measure }}{% if m.count_is_small %}<br><span class="govuk-body-s">Count not shown: fewer than {{ small_number }}</span>{% elif m.numerator is not None and m.denominator %}<br><span class="govuk-body-s">{{ m.numerator }} of {{ m.denominator }}</span>{% endif %}</td>
  <td class="govuk-table__cell govuk-table__cell--numeric">{% if expected is not None %}{{ expected|figure:measure }}{% else %}Not set{% endif %}</td>
  <td class="govuk-table__cell">{% status_tag progress %}</td>
</tr>{% endfor %}"""

JINJA_ROWS = """{% for m, expected, progress in rows %}
<tr class="govuk-table__row">
  <th scope="row" class="govuk-table__header">{{ m.period|date("F Y") }}</th>
  <td class="govuk-table__cell govuk-table__cell--numeric">{{ m.value|figure(measure) }}{% if m.count_is_small %}<br><span class="govuk-body-s">Count not shown: fewer than {{ small_number }}</span>{% elif m.numerator is not none and m.denominator %}<br><span class="govuk-body-s">{{ m.numerator }} of {{ m.denominator }}</span>{% endif %}</td>
  <td class="govuk-table__cell govuk-table__cell--numeric">{% if expected is not none %}{{ expected|figure(measure) }}{% else %}Not set{% endif %}</td>
  <td class="govuk-table__cell">{{ status_tag(progress) }}</td>
</tr>{% endfor %}"""

approved = Count("figures", filter=Q(figures__status="approved"))
measure = Measure.objects.annotate(n=approved).order_by("-n").first()
measure = Measure.objects.with_milestones().get(pk=measure.pk)
figures = list(measure.figures.approved().order_by("period"))
rows = [(f, measure.expected_on(f.period), measure.assess(f.value, f.period)) for f in figures]
context = {"rows": rows, "measure": measure, "small_number": 10}

django_template = engines["django"].from_string(ROWS)
jinja = jinja2.Environment(autoescape=True)
jinja.filters |= {"figure": figure, "date": date_filter}
jinja.globals["status_tag"] = status_tag
jinja_template = jinja.from_string(JINJA_ROWS)


def cpu_ms(render, runs=200) -> float:
    render()
    start = time.process_time()
    for _ in range(runs):
        render()
    return (time.process_time() - start) * 1000 / runs


# The third way: the view formats each row's words once, in Python, and the
# Django template only places them.
PLAIN_ROWS = """{% for period, value, note, expected, tag in rows %}
<tr class="govuk-table__row">
  <th scope="row" class="govuk-table__header">{{ period }}</th>
  <td class="govuk-table__cell govuk-table__cell--numeric">{{ value }}{% if note %}<br><span class="govuk-body-s">{{ note }}</span>{% endif %}</td>
  <td class="govuk-table__cell govuk-table__cell--numeric">{{ expected }}</td>
  <td class="govuk-table__cell">{{ tag }}</td>
</tr>{% endfor %}"""
plain_template = engines["django"].from_string(PLAIN_ROWS)


def plain_rows():
    out = []
    for m, expected, progress in rows:
        note = ""
        if m.count_is_small:
            note = f"Count not shown: fewer than {context['small_number']}"
        elif m.numerator is not None and m.denominator:
            note = f"{m.numerator} of {m.denominator}"
        out.append(
            (
                date_filter(m.period, "F Y"),
                figure(m.value, measure),
                note,
                figure(expected, measure) if expected is not None else "Not set",
                status_tag(progress),
            )
        )
    return plain_template.render({"rows": out})


django_ms = cpu_ms(lambda: django_template.render(context))
plain_ms = cpu_ms(plain_rows)
jinja_ms = cpu_ms(lambda: jinja_template.render(context))
same = " ".join(django_template.render(context).split()) == " ".join(
    jinja_template.render(context).split()
)
print(f"{measure.code}: {len(rows)} rows; same HTML: {same}")
same_plain = " ".join(django_template.render(context).split()) == " ".join(plain_rows().split())
print(f"same HTML formatted in Python: {same_plain}")
print(
    f"Django templates {django_ms:.2f} ms; Jinja2 {jinja_ms:.2f} ms; "
    f"Django with the words formatted in Python {plain_ms:.2f} ms per render"
)
