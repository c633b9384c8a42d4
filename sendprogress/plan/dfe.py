"""Reading the DfE's Explore education statistics CSV files into comparator series.

Those files are "tidy": one row per time period and geography, with the
columns `time_period`, `time_identifier`, `geographic_level`, the geography's
codes and names, then one column per indicator. A missing value is one of the
GSS symbols (`c`, `x`, `z`, `low`, and in older files `~` and `:`): each is
kept as that symbol, never read as zero.

Nothing is written here: `read_series` returns a preview, and
`services.import_comparator_series` writes it (all or nothing) once confirmed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .imports import MAX_BYTES, ImportFileError, _decode, _parse_decimal, _shown
from .models import ComparatorSeries, Measure, Symbol

MAX_ROWS = 50_000
BASE_COLUMNS = ("time_period", "time_identifier", "geographic_level")
# How each geographic level names its places, and which kind of series it makes.
LEVELS = {
    "national": ("country_code", "country_name", ComparatorSeries.Kind.ENGLAND),
    "regional": ("region_code", "region_name", ComparatorSeries.Kind.REGION),
    "local authority": ("new_la_code", "la_name", ComparatorSeries.Kind.NEIGHBOUR),
}
GEOGRAPHY_COLUMNS = {"country_code", "country_name", "region_code", "region_name"} | {
    "new_la_code",
    "old_la_code",
    "la_name",
}
SYMBOLS = {s.value: s for s in Symbol if s.value}

__all__ = ["MAX_BYTES", "ImportFileError", "Preview", "SeriesPreview", "read_series"]


@dataclass
class ValuePreview:
    line: int
    period: date
    period_label: str
    value: Decimal | None = None
    symbol: str = ""

    @property
    def shown(self) -> str:
        if self.value is not None:
            return str(self.value)
        return f"{Symbol(self.symbol).label} ({self.symbol})"


@dataclass
class SeriesPreview:
    code: str
    label: str
    kind: str
    values: list[ValuePreview] = field(default_factory=list)
    exists: bool = False

    def as_session(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "kind": self.kind,
            "values": [
                {
                    "period": v.period.isoformat(),
                    "period_label": v.period_label,
                    "value": None if v.value is None else str(v.value),
                    "symbol": v.symbol,
                }
                for v in self.values
            ],
        }


@dataclass
class Preview:
    series: list[SeriesPreview]
    errors: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)


def read_series(upload, *, measure: Measure, indicator: str, geographies: list[str]) -> Preview:
    """Read one indicator for the chosen geographies (GSS codes) from a DfE file.

    Raises ImportFileError when the file as a whole cannot be used; errors in
    single rows are listed in the preview, and then nothing can be imported.
    """
    reader = csv.DictReader(io.StringIO(_decode(upload), newline=""))
    headers = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    if not headers:
        raise ImportFileError("The file is empty. It needs a header row and one row per period.")
    missing = [c for c in BASE_COLUMNS if c not in headers]
    if missing:
        raise ImportFileError(
            f"This is not an Explore education statistics data file: it has no "
            f"{', '.join(missing)} column{'s' if len(missing) > 1 else ''}. Download the "
            "data file (CSV) from the publication's page and upload that."
        )
    indicators = [h for h in headers if h not in (*BASE_COLUMNS, *GEOGRAPHY_COLUMNS)]
    indicator = indicator.strip().lower()
    if indicator not in indicators:
        raise ImportFileError(
            f"The file has no indicator column “{_shown(indicator)}”. Its columns are: "
            f"{', '.join(_shown(i) for i in indicators) or 'none'}."
        )
    reader.fieldnames = headers
    wanted = {g.strip().upper() for g in geographies if g.strip()}
    if not wanted:
        raise ImportFileError("Choose at least one geography code, e.g. E92000001 for England.")
    found: dict[str, SeriesPreview] = {}
    errors: list[str] = []
    seen: dict[tuple[str, date], int] = {}
    try:
        for number, record in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows.")
            values = {k: (v or "").strip() for k, v in record.items() if k}
            level = values.get("geographic_level", "").lower()
            if level not in LEVELS:
                continue
            code_column, name_column, kind = LEVELS[level]
            code = values.get(code_column, "").upper()
            if code not in wanted:
                continue
            line = reader.line_num
            period = _period(values, line, errors)
            if period is None:
                continue
            on, label = period
            if (code, on) in seen:
                errors.append(
                    f"Line {line}: {values.get(name_column) or code} {label} is also on line "
                    f"{seen[code, on]}. The file has more than one breakdown: keep only the "
                    "total rows and upload it again."
                )
                continue
            seen[code, on] = line
            value = _value(values.get(indicator, ""), line, errors)
            if value is None:
                continue
            series = found.setdefault(
                code, SeriesPreview(code=code, label=values.get(name_column) or code, kind=kind)
            )
            series.values.append(ValuePreview(line, on, label, *value))
    except csv.Error as error:
        raise ImportFileError(f"Line {reader.line_num} cannot be read as CSV ({error}).") from None
    for code in sorted(wanted - found.keys()):
        errors.append(f"The file has no rows for the geography {_shown(code)}.")
    existing = set(measure.comparator_series.values_list("label", flat=True))
    for series in found.values():
        series.values.sort(key=lambda v: v.period)
        series.exists = series.label in existing
    return Preview(series=list(found.values()), errors=errors, indicators=indicators)


def _period(values: dict, line: int, errors: list[str]) -> tuple[date, str] | None:
    """The first day of a DfE time period, and the period as people write it."""
    text, identifier = values.get("time_period", ""), values.get("time_identifier", "")
    kind = identifier.lower()
    if kind == "calendar year" and len(text) == 4 and text.isascii() and text.isdigit():
        return date(int(text), 1, 1), text
    if kind in ("academic year", "financial year") and len(text) == 6 and text.isdigit():
        start, end = int(text[:4]), text[4:]
        if text.isascii() and (start + 1) % 100 == int(end):
            month = 9 if kind == "academic year" else 4
            sep = "/" if kind == "academic year" else "-"
            return date(start, month, 1), f"{text[:4]}{sep}{end}"
    if kind in ("calendar year", "academic year", "financial year"):
        article = "an" if kind.startswith("a") else "a"
        errors.append(f"Line {line}: the time period “{_shown(text)}” is not {article} {kind}.")
    else:
        errors.append(
            f"Line {line}: the time identifier “{_shown(identifier)}” is not one this import "
            "reads (calendar year, academic year or financial year)."
        )
    return None


def _value(text: str, line: int, errors: list[str]) -> tuple[Decimal | None, str] | None:
    if text in SYMBOLS or text.lower() == "low":
        return None, SYMBOLS[text.lower()]
    if not text:
        errors.append(
            f"Line {line}: the value is blank. DfE files mark a missing value with a symbol "
            "(c, x, z or low); put the right one in."
        )
        return None
    problems: list[str] = []
    number = _parse_decimal(text, "value", problems)
    if number is None:
        errors.extend(f"Line {line}: {p}" for p in problems)
        return None
    return number, ""
