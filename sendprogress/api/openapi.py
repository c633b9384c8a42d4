"""The OpenAPI 3.1 description of API version 1, served at /api/v1/openapi.json.

Written by hand beside `shapes.py`; tests/api/test_openapi.py checks every real
answer against it, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from django.conf import settings

from sendprogress.plan.measures.choices import Frequency
from sendprogress.plan.measures.progress import Progress
from sendprogress.plan.models import ComparatorSeries, Plan, Symbol

from .responses import CORS, LAST_PAGE_ASKABLE, PAGE_SIZE


def _nullable(kind: str, **extra) -> dict:
    return {"type": [kind, "null"], **extra}


def _object(properties: dict, *, nullable: bool = False) -> dict:
    return {
        "type": ["object", "null"] if nullable else "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


TEXT = {"type": "string"}
DATE = {"type": "string", "format": "date"}
DATE_OR_NULL = _nullable("string", format="date")
DATETIME_OR_NULL = _nullable("string", format="date-time")
URL = {"type": "string", "format": "uri"}
NUMBER_OR_NULL = _nullable("number")
PROGRESS = {"enum": [p.value for p in Progress]}
# Drafts are never public.
PLAN_STATUSES = [s for s in Plan.Status.values if s != Plan.Status.DRAFT]


def _page(item: str) -> dict:
    return _object(
        {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "next": _nullable("string", format="uri"),
            "previous": _nullable("string", format="uri"),
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
        }
    )


SCHEMAS = {
    "Index": {"type": "object", "additionalProperties": {"type": "string"}},
    "Error": _object({"error": TEXT}),
    "LocalArea": _object(
        {
            "name": TEXT,
            "site_name": TEXT,
            "partners": TEXT,
            "parent_carer_forum": TEXT,
            "contact_email": TEXT,
            "about": TEXT,
            "url": URL,
        }
    ),
    "Inspection": _object(
        {
            "title": TEXT,
            "framework": {"enum": ["2016", "2023"]},
            "kind": TEXT,
            "outcome": _nullable("string"),
            "outcome_words": _nullable("string"),
            "date": DATE,
            "end_date": DATE_OR_NULL,
            "published_on": DATE_OR_NULL,
            "bodies": TEXT,
            "summary": TEXT,
            "letter_url": _nullable("string", format="uri"),
        }
    ),
    "Finding": _object(
        {
            "slug": TEXT,
            "kind": TEXT,
            "kind_label": TEXT,
            "title": TEXT,
            "short_title": TEXT,
            "summary": TEXT,
            "owners": {"type": "array", "items": TEXT},
            "judgements": {
                "type": "array",
                "items": _object(
                    {
                        "inspection": TEXT,
                        "date": DATE,
                        "outcome": TEXT,
                        "outcome_label": TEXT,
                        "findings": TEXT,
                    }
                ),
            },
            "actions": {
                "type": "array",
                "items": _object(
                    {
                        "title": TEXT,
                        "description": TEXT,
                        "owner_role": TEXT,
                        "lead_name": TEXT,
                        "success_looks_like": TEXT,
                        "due_date": DATE_OR_NULL,
                        "status": TEXT,
                        "finished_on": DATE_OR_NULL,
                        "not_done_reason": TEXT,
                        "progress_notes": {
                            "type": "array",
                            "items": _object({"date": DATE, "note": TEXT}),
                        },
                    }
                ),
            },
            "url": URL,
        }
    ),
    "Plan": _object(
        {
            "slug": TEXT,
            "kind": TEXT,
            "title": TEXT,
            "short_title": TEXT,
            "summary": TEXT,
            "status": {"enum": PLAN_STATUSES},
            "status_label": TEXT,
            "submitted_on": DATE_OR_NULL,
            "approved_on": DATE_OR_NULL,
            "approved_by": TEXT,
            "published_on": DATE_OR_NULL,
            "ends_on": DATE_OR_NULL,
            "findings": {"type": "array", "items": TEXT},
            "url": URL,
        }
    ),
    "Measure": _object(
        {
            "code": TEXT,
            "title": TEXT,
            "plan": _nullable("string"),
            "plan_title": _nullable("string"),
            "plan_status": {"enum": [*PLAN_STATUSES, None]},
            "plan_status_label": _nullable("string"),
            "findings": {"type": "array", "items": TEXT},
            "finding_titles": {"type": "array", "items": TEXT},
            "why_it_matters": TEXT,
            "definition": TEXT,
            "source": TEXT,
            "frequency": {"enum": Frequency.values},
            "frequency_label": TEXT,
            "unit": {"enum": ["percent", "rate", "count", "days", "weeks"]},
            "rate_per": _nullable("integer"),
            "higher_is_better": {"type": "boolean"},
            "baseline": _object({"value": NUMBER_OR_NULL, "date": DATE_OR_NULL, "label": TEXT}),
            "target": _object({"value": NUMBER_OR_NULL, "date": DATE_OR_NULL}),
            "milestones": {
                "type": "array",
                "items": _object({"date": DATE, "target": {"type": "number"}}),
            },
            "latest": _object(
                {
                    "period": DATE,
                    "value": NUMBER_OR_NULL,
                    "suppressed": {"type": "boolean"},
                    "count_note": _nullable("string"),
                },
                nullable=True,
            ),
            "progress": PROGRESS,
            "progress_label": TEXT,
            "illustrative": {"type": "boolean"},
            "url": URL,
            "figures_url": URL,
        }
    ),
    "Figure": _object(
        {
            "period": DATE,
            "value": NUMBER_OR_NULL,
            "numerator": _nullable("integer"),
            "denominator": _nullable("integer"),
            "count_suppressed": {"type": "boolean"},
            "count_note": _nullable("string"),
            "expected_value": NUMBER_OR_NULL,
            "progress": PROGRESS,
            "progress_label": TEXT,
            "commentary": TEXT,
            "approved_at": DATETIME_OR_NULL,
            "corrected_at": DATETIME_OR_NULL,
            "value_before_correction": NUMBER_OR_NULL,
            "correction_reason": _nullable("string"),
        }
    ),
    "ComparatorSeries": _object(
        {
            "label": TEXT,
            "kind": {"enum": ComparatorSeries.Kind.values},
            "geography_code": TEXT,
            "definition": TEXT,
            "source": TEXT,
            "release": TEXT,
            "values": {
                "type": "array",
                "items": _object(
                    {
                        "period": TEXT,
                        "period_start": DATE,
                        "value": NUMBER_OR_NULL,
                        "symbol": {"enum": [s for s in Symbol.values if s] + [None]},
                        "note": _nullable("string"),
                        "release": TEXT,
                        "released_on": DATE_OR_NULL,
                    }
                ),
            },
        }
    ),
    "Update": _object(
        {
            "slug": TEXT,
            "title": TEXT,
            "summary": TEXT,
            "author_name": TEXT,
            "author_role": TEXT,
            "published_at": DATETIME_OR_NULL,
            "revised_at": DATETIME_OR_NULL,
            "findings": {"type": "array", "items": TEXT},
            "url": URL,
        }
    ),
    "InspectionPage": _page("Inspection"),
    "FindingPage": _page("Finding"),
    "PlanPage": _page("Plan"),
    "MeasurePage": _page("Measure"),
    "UpdatePage": _page("Update"),
}
SCHEMAS["MeasureDetail"] = {
    **SCHEMAS["Measure"],
    "properties": {
        **SCHEMAS["Measure"]["properties"],
        "comparators": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/ComparatorSeries"},
        },
    },
    "required": [*SCHEMAS["Measure"]["required"], "comparators"],
}
SCHEMAS["FigurePage"] = {
    **_page("Figure"),
    "properties": {**_page("Figure")["properties"], "measure": TEXT, "note": TEXT},
    "required": [*_page("Figure")["required"], "measure", "note"],
}

PAGE_PARAMETER = {
    "name": "page",
    "in": "query",
    "required": False,
    "description": (
        f"Which page, from 1. Each page holds up to {PAGE_SIZE} results; the size is "
        f"fixed. A page that is not a whole number from 1 to {LAST_PAGE_ASKABLE} answers "
        "400; one past the last page (`pages` in the answer) answers 404."
    ),
    "schema": {"type": "integer", "minimum": 1, "maximum": LAST_PAGE_ASKABLE, "default": 1},
}
PLAN_PARAMETER = {
    "name": "plan",
    "in": "query",
    "required": False,
    "description": "Only the measures of this plan, by its slug (see /plans/). "
    "A slug that names no published plan answers 400.",
    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
}
CODE_PARAMETER = {
    "name": "code",
    "in": "path",
    "required": True,
    "description": "The measure's code, e.g. ehcp-20-weeks.",
    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
}


CORS_HEADERS = {
    "Access-Control-Allow-Origin": {"schema": {"const": CORS["Access-Control-Allow-Origin"]}},
    "Access-Control-Expose-Headers": {
        "schema": {"const": CORS["Access-Control-Expose-Headers"]},
        "description": "The headers a script on another site may read.",
    },
}
LINK_HEADER = {
    "description": (
        'RFC 8288 links to the first, previous, next and last pages (rel="first", '
        '"prev", "next", "last"; prev and next only where there is one), as absolute '
        "addresses keeping the other query parameters, e.g. "
        '`<https://example.org/api/v1/measures/?plan=app&page=2>; rel="next"`.'
    ),
    "schema": TEXT,
}


def _json(schema: str, description: str, *, paged: bool = False) -> dict:
    return {
        "description": description,
        "headers": {
            "ETag": {"schema": TEXT, "description": "Send back as If-None-Match for a 304."},
            "Cache-Control": {"schema": TEXT},
            **CORS_HEADERS,
            **({"Link": LINK_HEADER} if paged else {}),
        },
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _error(description: str) -> dict:
    return {
        "description": description,
        "headers": CORS_HEADERS,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


RESPONSES = {
    "NotModified": {
        "description": "Not modified since the ETag sent in If-None-Match.",
        "headers": CORS_HEADERS,
    },
    "BadQuery": _error(
        f"A query string the API cannot answer, such as a page that is not a whole "
        f"number from 1 to {LAST_PAGE_ASKABLE}."
    ),
    "NotFound": _error("Nothing public at this address, or a page past the last."),
    "MethodNotAllowed": {
        **_error(
            "Any method but GET, HEAD or OPTIONS, at every address of the API: it only "
            "reads. Listed once here rather than as an operation on each path."
        ),
        "headers": {
            **CORS_HEADERS,
            "Allow": {"schema": {"const": "GET, HEAD, OPTIONS"}},
        },
    },
}


ERRORS = {
    "304": {"$ref": "#/components/responses/NotModified"},
    "400": {"$ref": "#/components/responses/BadQuery"},
    "404": {"$ref": "#/components/responses/NotFound"},
}


def _get(
    summary: str, schema: str, *, paged: bool = False, code: bool = False, filters=()
) -> dict:
    parameters = (
        ([CODE_PARAMETER] if code else []) + ([PAGE_PARAMETER] if paged else []) + list(filters)
    )
    operation = {
        "summary": summary,
        "parameters": parameters,
        "responses": {"200": _json(schema, summary, paged=paged)} | ERRORS,
    }
    return {"get": operation}


PATHS = {
    "/": _get("Links to everything in this version of the API", "Index"),
    "/local-area/": _get("The local area partnership that publishes this site", "LocalArea"),
    "/inspections/": _get("Inspections and revisits, oldest first", "InspectionPage", paged=True),
    "/findings/": _get(
        "What inspectors asked the partnership to put right (areas of weakness, priority "
        "actions, areas for improvement), with their judgements and the actions that address them",
        "FindingPage",
        paged=True,
    ),
    "/plans/": _get(
        "The improvement plans (not drafts), with the findings each answers",
        "PlanPage",
        paged=True,
    ),
    "/measures/": _get(
        "Public measures with milestones, latest approved figure and progress",
        "MeasurePage",
        paged=True,
        filters=[PLAN_PARAMETER],
    ),
    "/measures/{code}/": _get(
        "One measure, with its comparator series (England, region, neighbours)",
        "MeasureDetail",
        code=True,
    ),
    "/measures/{code}/figures/": _get(
        "A measure's approved figures, oldest first", "FigurePage", paged=True, code=True
    ),
    "/updates/": _get("Published updates, newest first", "UpdatePage", paged=True),
}


def description(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "SEND progress open data",
            "version": "1",
            "description": (
                "Read-only, public data: only approved figures of public measures, "
                "published updates and public documents. Missing comparator values keep "
                "their GSS symbol (c, x, z, low, and the older ~ and :) and are never zero. "
                f"Where fewer than {settings.SMALL_NUMBER_THRESHOLD} children are counted, "
                "a figure, its numerator and its denominator are left out (null), as is "
                "a measure's latest figure. "
                f"Lists come {PAGE_SIZE} to a page, with a Link header (RFC 8288) to the "
                "first, previous, next and last pages. Every answer is open to other sites "
                "(CORS, no credentials). Any method but GET, HEAD or OPTIONS answers 405 "
                "(components/responses/MethodNotAllowed)."
            ),
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS, "responses": RESPONSES},
    }
