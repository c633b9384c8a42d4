"""Public records as the API shows them. Every shape here is described in openapi.py.

Only what the public pages show: public measures, approved figures (with
small counts left out), published updates, public evidence.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def local_area(area, request) -> dict:
    return {
        "name": area.name,
        "site_name": area.site_name,
        "partners": area.partners,
        "parent_carer_forum": area.forum_name,
        "plan_name": area.plan_name,
        "plan_short_name": area.plan_short_name,
        "contact_email": area.contact_email,
        "about": area.about,
        "url": request.build_absolute_uri("/"),
    }


def _letter_url(letter, request) -> str:
    if letter.file:
        return request.build_absolute_uri(reverse("plan:evidence_download", args=[letter.pk]))
    return letter.url


def inspection(item, request, public_letters: set[int]) -> dict:
    """An inspection; its letter only when that evidence is public."""
    letter = item.letter
    return {
        "title": item.title,
        "kind": item.kind,
        "date": item.date,
        "end_date": item.end_date,
        "published_on": item.published_on,
        "bodies": item.bodies,
        "summary": item.summary,
        "letter_url": _letter_url(letter, request)
        if letter is not None and letter.pk in public_letters
        else None,
    }


def area(item, request) -> dict:
    return {
        "slug": item.slug,
        "title": item.title,
        "short_title": item.short_title,
        "summary": item.summary,
        "judgements": [
            {
                "inspection": j.inspection.title,
                "date": j.inspection.date,
                "outcome": j.outcome,
                "outcome_label": j.get_outcome_display(),
                "findings": j.findings,
            }
            for j in item.judgements.all()
        ],
        "actions": [
            {
                "title": a.title,
                "description": a.description,
                "owner_role": a.owner_role,
                "due_date": a.due_date,
                "status": a.status,
                "progress_notes": [{"date": u.date, "note": u.note} for u in a.updates.all()],
            }
            for a in item.actions.all()
        ],
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


def measure(item, request) -> dict:
    value, period = item.latest_approved
    return {
        "code": item.code,
        "title": item.title,
        "area": item.area.slug,
        "why_it_matters": item.why_it_matters,
        "definition": item.definition,
        "source": item.source,
        "frequency": item.frequency,
        "unit": item.unit,
        "rate_per": item.rate_per,
        "higher_is_better": item.higher_is_better,
        "baseline": {
            "value": item.baseline_value,
            "date": item.baseline_date,
            "label": item.baseline_label,
        },
        "target": {"value": item.target_value, "date": item.target_date},
        "milestones": [{"date": m.date, "target": m.target} for m in item.milestones.all()],
        "latest": {"period": period, "value": value} if value is not None else None,
        "progress": item.progress.value,
        "illustrative": item.illustrative,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "figures_url": request.build_absolute_uri(f"/api/v1/measures/{item.code}/figures/"),
    }


def figure(item) -> dict:
    small = item.count_is_small
    return {
        "period": item.period,
        "value": item.value,
        "numerator": None if small else item.numerator,
        "denominator": None if small else item.denominator,
        "count_suppressed": small,
        "commentary": item.commentary,
        "approved_at": item.approved_at,
        "corrected_at": item.corrected_at,
    }


def comparator(line) -> dict:
    series = line.series
    return {
        "label": series.label,
        "kind": series.kind,
        "geography_code": series.geography_code,
        "definition": series.definition,
        "source": series.source,
        "release": series.release,
        "values": [
            {
                "period": v.period_label,
                "period_start": v.period,
                "value": v.value,
                "symbol": v.symbol or None,
                "note": v.missing_reason or None,
            }
            for v in line.values
        ],
    }


def update(post, request) -> dict:
    return {
        "slug": post.slug,
        "title": post.title,
        "summary": post.summary,
        "author_name": post.author_name,
        "author_role": post.author_role,
        "published_at": post.published_at,
        "revised_at": post.revised_at,
        "areas": [a.slug for a in post.areas.all()],
        "url": request.build_absolute_uri(post.get_absolute_url()),
    }


def small_number_note() -> str:
    return (
        f"Where fewer than {settings.SMALL_NUMBER_THRESHOLD} children are counted, "
        "numerator and denominator are left out so that no child can be identified."
    )
