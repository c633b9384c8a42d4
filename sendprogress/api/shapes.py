"""Public records as the API shows them. Every shape here is described in openapi.py.

Measures and figures are in the open data's one vocabulary, shared with the
downloads (`sendprogress/plan/measures/open_data.py`).

Only what the public pages show: public measures, approved figures (with
small counts left out), published updates, public evidence.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from sendprogress.core.addresses import address_of
from sendprogress.plan.measures import open_data


def local_area(area, request) -> dict:
    return {
        "name": area.name,
        "site_name": area.site_name,
        "partners": area.partners,
        "parent_carer_forum": area.forum_name,
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
    outcome = item.outcome_info
    return {
        "title": item.title,
        "framework": item.framework,
        "kind": item.kind,
        "outcome": item.outcome or None,
        "outcome_words": outcome.words if outcome else None,
        "date": item.date,
        "end_date": item.end_date,
        "published_on": item.published_on,
        "bodies": item.bodies,
        "summary": item.summary,
        "letter_url": _letter_url(letter, request)
        if letter is not None and letter.pk in public_letters
        else None,
    }


def finding(item, request) -> dict:
    """What inspectors asked the partnership to put right, in its framework's words."""
    return {
        "slug": item.slug,
        "kind": item.kind,
        "kind_label": item.kind_label,
        "title": item.title,
        "short_title": item.short_title,
        "summary": item.summary,
        "owners": [o.name for o in item.owners.all()],
        "judgements": [
            {
                "inspection": j.inspection.title,
                "date": j.inspection.date,
                "outcome": j.outcome,
                "outcome_label": j.outcome_label,
                # Named before the field was renamed; v1 keeps its names.
                "findings": j.what_inspectors_found,
            }
            for j in item.judgements.all()
        ],
        "actions": [
            {
                "title": a.title,
                "description": a.description,
                "owner_role": a.owner_role,
                "lead_name": a.lead_name,
                "success_looks_like": a.success_looks_like,
                "due_date": a.due_date,
                "status": a.status,
                "finished_on": a.finished_on,
                "not_done_reason": a.not_done_reason,
                "progress_notes": [{"date": u.date, "note": u.note} for u in a.updates.all()],
            }
            for a in item.actions.all()
        ],
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


def plan(item, request) -> dict:
    return {
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title,
        "short_title": item.short_title,
        "summary": item.summary,
        "status": item.status,
        "status_label": item.get_status_display(),
        "submitted_on": item.submitted_on,
        "approved_on": item.approved_on,
        "approved_by": item.approved_by,
        "published_on": item.published_on,
        "ends_on": item.ends_on,
        "findings": [f.slug for f in item.findings.all()],
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


def measures(items, request, *, findings: dict, milestones: dict) -> list[dict]:
    """`measure` for each of a page of measures, given each one's findings'
    (slug, title) and milestones by its primary key; the site's address is read once."""
    site = request.build_absolute_uri("/").removesuffix("/")
    page = address_of("plan:measure_detail")
    return [
        open_data.measure(
            item,
            findings=findings.get(item.pk, []),
            milestones=milestones.get(item.pk, []),
            url=site + page(item.code),
            figures_url=f"{site}/api/v1/measures/{item.code}/figures/",
        )
        for item in items
    ]


def update(post, request) -> dict:
    return {
        "slug": post.slug,
        "title": post.title,
        "summary": post.summary,
        "author_name": post.author_name,
        "author_role": post.author_role,
        "published_at": post.published_at,
        "revised_at": post.revised_at,
        "findings": [f.slug for f in post.findings.all()],
        "url": request.build_absolute_uri(post.get_absolute_url()),
    }


def small_number_note() -> str:
    return (
        f"Where fewer than {settings.SMALL_NUMBER_THRESHOLD} children are counted, the "
        "figure, its numerator and its denominator are left out (null, with "
        "count_suppressed true), so that no child can be identified."
    )
