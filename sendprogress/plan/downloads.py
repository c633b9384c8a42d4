"""Approved figures as CSV and JSON, and the public evidence file download.

Only approved figures of public measures are ever written out: the same
QuerySets the pages use decide what is public.
"""

import csv
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sendprogress.accounts.permissions import (
    SecondFactorNeeded,
    StaffAction,
    can,
    needs_second_factor,
)

from . import comparisons
from .figures import SUPPRESSED, SUPPRESSED_COLUMNS, published, suppressed_reason
from .models import Evidence, Figure, Measure
from .models.measures import PUBLISHED_FIGURE_COLUMNS
from .uploads import CONTENT_TYPES

CSV_COLUMNS = [
    "measure_code",
    "measure",
    "plan",
    "plan_status",
    "findings",
    "period",
    "value",
    "unit",
    "numerator",
    "denominator",
    "expected_value",
    "progress",
    "commentary",
    "corrected_on",
    "value_before_correction",
    "correction_reason",
    "illustrative",
    "count_note",
]

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(text: str) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _figures(measures):
    """Approved figures of the given public measures, by measure then period."""
    return (
        Figure.objects.approved()
        .filter(measure__in=measures)
        .order_by("measure__plan_id", "measure__order", "measure__title", "period")
        .values("measure_id", *PUBLISHED_FIGURE_COLUMNS)
    )


def _about(measure) -> dict:
    """The columns that say which measure a row is of: the same on each of its figures."""
    return {
        "measure_code": measure.code,
        "measure": measure.title,
        "plan": measure.plan.title if measure.plan else "",
        "plan_status": measure.plan.get_status_display() if measure.plan else "",
        "findings": "; ".join(f.title for f in measure.findings.all()),
    }


def _row(measure, about, m) -> dict:
    """One figure as written out. A figure counting too few children is left out
    with its counts (figures.published), its progress kept and the reason said."""
    period, corrected_at = m["period"], m["corrected_at"]
    expected = measure.expected_on(period)
    progress = measure.assess(m["value"], period)
    m = published(m)
    return about | {
        "period": period.isoformat(),
        "value": m["value"],
        "unit": measure.unit,
        "numerator": m["numerator"],
        "denominator": m["denominator"],
        "expected_value": round(expected, 2) if expected is not None else None,
        "progress": progress.label,
        "commentary": m["commentary"],
        # A corrected figure says so wherever it goes: when, what it was, and why.
        "corrected_on": timezone.localdate(corrected_at).isoformat() if corrected_at else None,
        "value_before_correction": m["value_before_correction"] if corrected_at else None,
        "correction_reason": m["correction_reason"] if corrected_at else None,
        "illustrative": measure.illustrative,
        "suppressed": m["suppressed"],
        "count_note": suppressed_reason() if m["suppressed"] else "",
    }


def _rows(measures):
    by_pk = {k.pk: (k, _about(k)) for k in measures}
    for m in _figures(measures):
        measure, about = by_pk[m["measure_id"]]
        yield _row(measure, about, m)


# A byte-order mark first, so Excel on Windows reads the file as UTF-8 rather
# than garbling curly quotes and accents (other readers skip it: utf-8-sig).
BOM = "\ufeff"


def _csv_response(measures, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write(BOM)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.DictWriter(response, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in _rows(measures):
        for key in ("measure", "plan", "findings", "commentary", "correction_reason"):
            row[key] = _safe_text(row[key] or "")
        if row.pop("suppressed"):
            # The GSS symbol in each cell left out, as the DfE's own files have it.
            for key in SUPPRESSED_COLUMNS:
                if key != "value_before_correction" or row["corrected_on"]:
                    row[key] = SUPPRESSED
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return response


def _describe_measure(measure, request) -> dict:
    return {
        "code": measure.code,
        "title": measure.title,
        "plan": {
            "title": measure.plan.title,
            "kind": measure.plan.kind,
            "status": measure.plan.status,
            "url": request.build_absolute_uri(measure.plan.get_absolute_url()),
        }
        if measure.plan
        else None,
        "findings": [
            {
                "title": f.title,
                "kind": f.kind,
                "url": request.build_absolute_uri(f.get_absolute_url()),
            }
            for f in measure.findings.all()
        ],
        "definition": measure.definition,
        "source": measure.source,
        "frequency": measure.get_frequency_display(),
        "unit": measure.unit,
        "rate_per": measure.rate_per,
        "higher_is_better": measure.higher_is_better,
        "baseline": {
            "value": measure.baseline_value,
            "date": measure.baseline_date,
            "label": measure.baseline_label,
        },
        "target": {"value": measure.target_value, "date": measure.target_date},
        "milestones": [{"date": m.date, "target": m.target} for m in measure.milestones.all()],
        "comparator": {
            "value": measure.comparator_value,
            "label": measure.comparator_label,
            "year": measure.comparator_year,
        }
        if measure.comparator_value is not None
        else None,
        "illustrative": measure.illustrative,
        "progress": measure.progress.label,
        "url": request.build_absolute_uri(measure.get_absolute_url()),
    }


class _Encoder(DjangoJSONEncoder):
    # Figures as numbers, not strings: people load these into other tools.
    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


FIGURE_FIELDS = (
    "period",
    "value",
    "numerator",
    "denominator",
    "expected_value",
    "progress",
    "commentary",
    "suppressed",
    "count_note",
    "corrected_on",
    "value_before_correction",
    "correction_reason",
)


def _json_response(request, measures, filename: str) -> JsonResponse:
    figures: dict[str, list] = {k.code: [] for k in measures}
    for row in _rows(measures):
        figures[row["measure_code"]].append({key: row[key] for key in FIGURE_FIELDS})
    compared = comparisons.for_measures(measures)
    data = {
        "generated_at": timezone.now(),
        "note": "Only figures approved for publication are included.",
        "measures": [
            _describe_measure(k, request)
            | {
                "figures": figures[k.code],
                "comparators": [comparisons.as_data(line) for line in compared.get(k.pk, [])],
            }
            for k in measures
        ],
    }
    response = JsonResponse(data, encoder=_Encoder, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def measure_csv(request, code):
    measure = get_object_or_404(Measure.objects.for_display().with_milestones(), code=code)
    return _csv_response([measure], f"{measure.code}.csv")


def measure_json(request, code):
    measure = get_object_or_404(Measure.objects.for_display().with_milestones(), code=code)
    return _json_response(request, [measure], f"{measure.code}.json")


COMPARATOR_COLUMNS = [
    "measure_code",
    "series",
    "kind",
    "geography_code",
    "period",
    "period_start",
    "value",
    "symbol",
    "note",
    "source",
    "release",
]


def comparators_csv(request, code):
    """A measure's comparator series, one row per series and period (tidy, like the DfE's)."""
    measure = get_object_or_404(Measure.objects.public(), code=code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write(BOM)
    response["Content-Disposition"] = f'attachment; filename="{measure.code}-comparators.csv"'
    writer = csv.writer(response)
    writer.writerow(COMPARATOR_COLUMNS)
    for line in comparisons.for_measures([measure]).get(measure.pk, []):
        series = line.series
        for v in line.values:
            writer.writerow(
                [
                    measure.code,
                    _safe_text(series.label),
                    series.kind,
                    _safe_text(series.geography_code),
                    v.period_label,
                    v.period.isoformat(),
                    "" if v.value is None else v.as_published,
                    v.symbol,
                    v.missing_reason,
                    _safe_text(series.source),
                    _safe_text(series.release),
                ]
            )
    return response


def all_csv(request):
    return _csv_response(list(Measure.objects.for_display().with_milestones()), "all-measures.csv")


def all_json(request):
    return _json_response(
        request, list(Measure.objects.for_display().with_milestones()), "all-measures.json"
    )


def evidence_download(request, pk):
    """Send an evidence file as an attachment that a browser will not run.

    Evidence files are only ever served here, never straight from MEDIA_ROOT.
    The public get only public evidence (`Evidence.objects.public()`); staff
    whose role lets them see the staff side get internal evidence too, once
    they have given the second factor. Anything else answers 404 (not 403), so
    guessing numbers reveals nothing about what exists.
    """
    staff = can(request.user, StaffAction.VIEW)
    with_file = Evidence.objects.exclude(file="").filter(pk=pk)
    evidence = with_file.public().first()
    if evidence is None and staff:
        if needs_second_factor(request.user):
            raise SecondFactorNeeded
        evidence = with_file.first()
    if evidence is None:
        raise Http404("No such evidence.")
    try:
        handle = evidence.file.open("rb")
    except OSError as missing:
        raise Http404("This file is no longer available.") from missing
    stored = PurePosixPath(evidence.file.name)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_filename or stored.name,
        content_type=CONTENT_TYPES.get(stored.suffix.lower(), "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    if staff:
        # What staff fetch may be internal: never keep it in a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response
