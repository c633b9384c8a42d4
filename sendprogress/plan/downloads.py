"""Approved figures as CSV and JSON, and the public evidence file download.

Only approved figures of public measures are ever written out: the same
QuerySets the pages use decide what is public.
"""

import csv
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sendprogress.accounts.permissions import StaffAction, can, public_else_for_staff
from sendprogress.core.uploads import open_or_404

from .comparators import comparisons
from .measures import open_data
from .measures.uploads import CONTENT_TYPES
from .models import Evidence, Figure, Measure

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The CSV cells of free text, which anyone staff or partner may have typed.
TEXT_COLUMNS = (
    "measure_title",
    "plan_title",
    "finding_titles",
    "commentary",
    "correction_reason",
)


def _safe_text(text: str) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _figures(measures) -> dict[int, list[dict]]:
    """Approved figures of the given public measures, oldest first, by measure."""
    by_pk = {measure.pk: measure for measure in measures}
    figures: dict[int, list[dict]] = {pk: [] for pk in by_pk}
    for row in (
        Figure.objects.approved()
        .filter(measure__in=measures)
        .order_by("period")
        .values("measure_id", *open_data.FIGURE_COLUMNS)
    ):
        figures[row["measure_id"]].append(open_data.figure(by_pk[row["measure_id"]], row))
    return figures


# A byte-order mark first, so Excel on Windows reads the file as UTF-8 rather
# than garbling curly quotes and accents (other readers skip it: utf-8-sig).
BOM = "\ufeff"


def _csv_response(request, measures, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write(BOM)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.DictWriter(response, fieldnames=open_data.CSV_COLUMNS)
    writer.writeheader()
    figures = _figures(measures)
    for measure in measures:
        about = open_data.measure_for(measure, request)
        for figure in figures[measure.pk]:
            row = open_data.csv_row(about, figure)
            for key in TEXT_COLUMNS:
                row[key] = _safe_text(row[key] or "")
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return response


class _Encoder(DjangoJSONEncoder):
    # Figures as numbers, not strings: people load these into other tools.
    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def _json_response(request, measures, filename: str) -> JsonResponse:
    figures = _figures(measures)
    compared = comparisons.for_measures(measures)
    data = {
        "generated_at": timezone.now(),
        "note": "Only figures approved for publication are included.",
        "measures": [
            open_data.measure_for(k, request)
            | {
                "figures": figures[k.pk],
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
    return _csv_response(request, [measure], f"{measure.code}.csv")


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
    return _csv_response(
        request, list(Measure.objects.for_display().with_milestones()), "all-measures.csv"
    )


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
    evidence, _ = public_else_for_staff(with_file.public(), with_file, request.user, staff=staff)
    handle = open_or_404(
        evidence, missing="No such evidence.", gone="This file is no longer available."
    )
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
