"""The per-measure and per-action summaries of the finding and plan pages.

Formatted here rather than by a template included once per row: a plan page
lists 100 measures and 36 actions, and the include with its tags cost more than
everything else on the page. Every value is escaped by `format_html`, and every
piece of prose goes through the page's own `{% expand %}` in the order the
page reads, so each short form is still spelt out on its first use on the page.
"""

from django import template
from django.utils.html import format_html, format_html_join

from ...core.addresses import address_of
from ...core.dates import day_month_year, month_and_year
from ...core.templatetags.status import status_tag
from ...pages.templatetags.plain_words import expand
from ..figures import shown_value
from ..models import Action

register = template.Library()


MEASURE = """
<div class="app-measure">
  <h3 class="govuk-heading-m"><a class="govuk-link" href="{href}">{title}</a></h3>
  <p class="govuk-body">{progress}</p>
  <p class="govuk-body">{direction}</p>
  {reason}
  <dl class="govuk-summary-list govuk-summary-list--no-border">
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">Latest figure</dt>
      <dd class="govuk-summary-list__value">{latest}</dd>
    </div>
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">Target</dt>
      <dd class="govuk-summary-list__value">{target}</dd>
    </div>
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">Starting point</dt>
      <dd class="govuk-summary-list__value">{baseline}</dd>
    </div>
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">Trend</dt>
      <dd class="govuk-summary-list__value">{sparkline}</dd>
    </div>
  </dl>
</div>
"""


@register.simple_tag(takes_context=True)
def measure_summaries(context, measures):
    """Each measure's title, progress, latest figure, target, starting point and
    sparkline (`measure.sparkline_html`, from `views.shared.with_sparklines`)."""
    link = address_of("plan:measure_detail")
    return format_html_join("\n", MEASURE, (_measure(context, m, link) for m in measures))


def _measure(context, measure, link) -> dict:
    # Plain strings, escaped by format_html_join.
    if measure.latest_period is None:
        latest = "No figures published yet"
    else:
        when = month_and_year(measure.latest_period)
        shown = shown_value(
            measure.latest_value, suppressed=measure.latest_suppressed, measure=measure
        )
        latest = f"{shown} ({when})"
    if measure.target_value is None:
        target = "No target set"
    elif measure.target_date:
        by = month_and_year(measure.target_date)
        target = f"{measure.format(measure.target_value)} by {by}"
    else:
        target = measure.format(measure.target_value)
    if measure.baseline_value is None:
        baseline = "Not recorded"
    elif measure.baseline_label:
        baseline = f"{measure.format(measure.baseline_value)} ({measure.baseline_label})"
    else:
        baseline = measure.format(measure.baseline_value)
    title = expand(context, measure.title)
    reason = (
        format_html(
            '<p class="govuk-body"><strong>Why it is {}:</strong> {}</p>',
            measure.progress.label.lower(),
            expand(context, measure.reason),
        )
        if measure.reason
        else ""
    )
    return {
        "href": link(measure.code),
        "title": title,
        "progress": status_tag(measure.progress),
        "direction": measure.direction,
        "reason": reason,
        "latest": latest,
        "target": target,
        "baseline": baseline,
        "sparkline": measure.sparkline_html,
    }


ACTION = """
<div class="app-action" id="action-{pk}">
  <h3 class="govuk-heading-s">{title}</h3>
  <p class="govuk-body">{status}{plan}</p>
  <dl class="govuk-summary-list govuk-summary-list--no-border">
    {description}
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Who leads it</dt><dd class="govuk-summary-list__value">{owner}</dd></div>
    {success}
    {due}
    {not_done}
    {latest}
  </dl>
</div>
"""  # noqa: E501 - one row of the list to a line, as the page has it


@register.simple_tag(takes_context=True)
def action_summaries(context, actions):
    """Each action's title, status, plan, what it is, who leads it, what success
    looks like, when it is due, why it was not done (if it was not, or is late)
    and its latest progress note (`latest_note_on` and `latest_note`, annotated by
    `ActionQuerySet.with_latest_note()`)."""
    return format_html_join("\n", ACTION, (_action(context, a) for a in actions))


def _row(key: str, value) -> str:
    return format_html(
        '<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{}</dt>'
        '<dd class="govuk-summary-list__value">{}</dd></div>',
        key,
        value,
    )


def _action(context, action) -> dict:
    # Expanded in the order the page reads, so "first use" stays first.
    title = expand(context, action.title)
    plan = (
        format_html(' <span class="govuk-body-s">Part of the {}</span>', action.plan.title)
        if action.plan_id
        else ""
    )
    description = (
        format_html(
            '<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">What</dt>'
            '<dd class="govuk-summary-list__value">{}</dd></div>',
            expand(context, action.description),
        )
        if action.description
        else ""
    )
    owner = expand(context, action.lead)
    success = (
        _row("What success looks like", expand(context, action.success_looks_like))
        if action.success_looks_like
        else ""
    )
    overdue = action.is_overdue
    due = (
        _row(
            "Due",
            format_html(
                "{} <strong>(overdue: not done yet)</strong>" if overdue else "{}",
                month_and_year(action.due_date),
            ),
        )
        if action.due_date
        else ""
    )
    if action.finished_on:
        due = format_html("{}{}", due, _row("Finished", month_and_year(action.finished_on)))
    if action.not_done_reason:
        not_done = _row("Why it was not done", expand(context, action.not_done_reason))
    elif overdue:
        not_done = _row("Why it is late", "No reason given yet")
    else:
        not_done = ""
    latest = (
        format_html(
            '<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">'
            'Latest progress</dt><dd class="govuk-summary-list__value"><time datetime="{}">'
            "{}</time>: {}</dd></div>",
            action.latest_note_on.isoformat(),
            day_month_year(action.latest_note_on),
            expand(context, action.latest_note),
        )
        if action.latest_note_on
        else ""
    )
    return {
        "pk": action.pk,
        "title": title,
        "status": status_tag(action.status, Action.Status),
        "plan": plan,
        "description": description,
        "owner": owner,
        "success": success,
        "due": due,
        "not_done": not_done,
        "latest": latest,
    }


MEASURE_ROW = """<tr class="govuk-table__row">
  <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{href}">{title}</a></th>
  <td class="govuk-table__cell app-measures__more">{about}</td>
  <td class="govuk-table__cell app-measures__more">{plan}</td>
  <td class="govuk-table__cell govuk-table__cell--numeric">{latest}</td>
  <td class="govuk-table__cell govuk-table__cell--numeric">{target}</td>
  <td class="govuk-table__cell">{progress}</td>
</tr>"""


def _measure_row(context, row) -> dict:
    title = expand(context, row.measure.title)
    about = format_html_join(
        "; ", "{}", ((expand(context, f.short_title),) for f in row.measure.findings.all())
    )
    if row.latest:
        latest = format_html(
            '{}<br><span class="govuk-body-s">{}</span>', row.latest, row.latest_period
        )
    else:
        latest = "None yet"
    return {
        "href": row.href,
        "title": title,
        "about": about,
        "plan": row.plan,
        "latest": latest,
        "target": row.target,
        "progress": row.progress,
    }


@register.simple_tag(takes_context=True)
def measure_table_rows(context, rows):
    """The rows of the table of all measures (`views.measures.MeasureRow`):
    title, findings, plan, latest figure, target and progress. Each title and
    finding goes through `{% expand %}` in the order the page reads."""
    return format_html_join("\n", MEASURE_ROW, (_measure_row(context, r) for r in rows))
