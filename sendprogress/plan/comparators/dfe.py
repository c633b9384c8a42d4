"""Reading the DfE's Explore education statistics (EES) data files into comparator series.

Those files are "tidy": one row per time period, geography and choice of
filters, with the columns `time_period`, `time_identifier`,
`geographic_level`, the geography's codes and names, then filter columns
(`breakdown`, `social_care_group`: text) and indicator columns (numbers).
A file is read as its publisher wrote it:

- numbers at any precision (`64.900000000000`, `49.166`) are kept exactly as
  written, and shown rounded to the measure's decimal places;
- a missing value is one of the GSS symbols (`c`, `x`, `z`, `u`, `low`, and in
  older files `~`, `:` and `..`, with or without brackets): each is kept as
  that symbol, never read as zero;
- the time identifiers of the EES standard (calendar, academic, financial,
  tax and reporting years, terms, months, financial quarters and halves,
  weeks) each give the period's first day and its label as people write it
  (`202122` academic year is "2021/22");
- a local authority matches by its new code (E06…) or its old three-digit one;
- the file is read row by row from its upload (a temporary file once it is
  larger than Django's FILE_UPLOAD_MAX_MEMORY_SIZE), and only the rows of the
  chosen places are kept, so a 50 MB file costs no more memory than a small one.

Nothing is written here: `read_series` returns a preview holding every choice
of filters for the chosen places, the staff member picks one value per filter
column, and `comparator_services.import_comparator_series` writes it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Context, Decimal, InvalidOperation
from pathlib import PurePath

from django.conf import settings

from ..measures.imports import ImportFileError, _shown, refuse_non_text
from ..measures.models.measures import Measure
from ..measures.periods import MONTH_NAMES
from ..story.models.inspections import LocalArea
from .models import ComparatorSeries, ComparatorValue, Symbol

# Rows kept for the chosen places (every filter choice and period); the rest
# of the file is read and let go. One place in the whole timeliness file has 133;
# the bound keeps what waits in the session between preview and import small.
MAX_KEPT_ROWS = 20_000
BASE_COLUMNS = ("time_period", "time_identifier", "geographic_level")
Kind = ComparatorSeries.Kind
# How each geographic level names its places: code column, name column, the
# older code column a place may be known by, and which kind of series it makes.
LEVELS = {
    "national": ("country_code", "country_name", "", Kind.ENGLAND),
    "regional": ("region_code", "region_name", "", Kind.REGION),
    "local authority": ("new_la_code", "la_name", "old_la_code", Kind.NEIGHBOUR),
    "local authority district": ("lad_code", "lad_name", "", Kind.NEIGHBOUR),
}
# Every geography column of the EES standard: never a filter or an indicator.
GEOGRAPHY_COLUMNS = frozenset(
    f"{stem}_{part}"
    for stem in (
        "country",
        "region",
        "lad",
        "pcon",
        "lsip",
        "local_enterprise_partnership",
        "english_devolved_area",
        "opportunity_area",
        "ward",
        "planning_area",
        "pfa",
        "trust",
        "sponsor",
        "school",
        "provider",
        "institution",
    )
    for part in ("code", "name", "id", "urn", "ukprn", "laestab")
) | {"new_la_code", "old_la_code", "la_name", "rsc_region_lead_name"}

# The symbols as files write them (lower case, brackets taken off) and what they mean.
SYMBOLS = {s.value: s.value for s in Symbol if s.value}
SERIES_LABEL_MAX = ComparatorSeries._meta.get_field("label").max_length
CODE_MAX = ComparatorSeries._meta.get_field("geography_code").max_length
PUBLISHED_MAX = ComparatorValue._meta.get_field("published_value").max_length
_value_field = ComparatorValue._meta.get_field("value")
WHOLE_DIGITS = _value_field.max_digits - _value_field.decimal_places
PLACES = Decimal(1).scaleb(-_value_field.decimal_places)
# A filter value that stands for everyone: the one chosen unless the staff member picks another.
TOTAL = re.compile(r"^(total|all\b)", re.IGNORECASE)

__all__ = ["ImportFileError", "Preview", "read_series"]


def max_bytes() -> int:
    return settings.COMPARATOR_IMPORT_MAX_MB * 1024 * 1024


@dataclass
class FilterColumn:
    """A filter column of the file, the values it takes for the chosen places,
    and the one chosen unless the staff member picks another ("" when none is)."""

    name: str
    values: list[str]
    default: str = ""


@dataclass
class Preview:
    """What a file holds for the chosen places, for every choice of filters.

    `choices` maps each combination of filter values (in the order of
    `filters`) to {"series": [...], "errors": [...]}, plain data that waits
    in the session until the staff member confirms one of them.
    """

    filters: list[FilterColumn]
    choices: dict[tuple[str, ...], dict]
    errors: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    file_name: str = ""

    @property
    def default_choice(self) -> tuple[str, ...] | None:
        choice = tuple(f.default for f in self.filters)
        return choice if all(choice) or not self.filters else None

    def chosen(self, choice: tuple[str, ...] | None) -> dict:
        """The series and errors of one choice of filters (nothing when there is none)."""
        if choice is None:
            return {"series": [], "errors": []}
        return self.choices.get(
            choice,
            {"series": [], "errors": ["The file has no rows for that choice of filters."]},
        )

    @property
    def series(self) -> list[dict]:
        return self.chosen(self.default_choice)["series"]

    def all_errors(self, choice) -> list[str]:
        return self.errors + self.chosen(choice)["errors"]

    def as_session(self) -> dict:
        return {
            "filters": [
                {"name": f.name, "values": f.values, "default": f.default} for f in self.filters
            ],
            "choices": [{"choice": list(k), **v} for k, v in self.choices.items()],
            "errors": self.errors,
            "file_name": self.file_name,
        }

    @classmethod
    def from_session(cls, data: dict) -> Preview:
        return cls(
            filters=[FilterColumn(**f) for f in data["filters"]],
            choices={
                tuple(c["choice"]): {"series": c["series"], "errors": c["errors"]}
                for c in data["choices"]
            },
            errors=data["errors"],
            file_name=data["file_name"],
        )


@dataclass
class _Row:
    line: int
    code: str
    label: str
    kind: str
    period: tuple[date, str] | None
    value: tuple[Decimal | None, str, str] | None
    others: tuple[str, ...]
    errors: list[str]


def read_series(
    upload,
    *,
    measure: Measure,
    indicator: str,
    geographies: list[str],
    local_area_code: str = "",
) -> Preview:
    """Read one indicator for the chosen places (GSS codes, or old three-digit
    local authority codes) from an EES data file, for every choice of filters.

    Raises ImportFileError when the file as a whole cannot be used; errors in
    single rows are listed with their choice of filters, and a choice with
    errors cannot be imported.
    """
    wanted = {g.strip().upper() for g in geographies if g.strip()}
    if not wanted:
        raise ImportFileError("Choose at least one geography code, e.g. E92000001 for England.")
    local_codes = {local_area_code.strip().upper()} - {""}
    area = LocalArea.objects.only("name").first()
    local_name = area.name.casefold() if area else None
    text = _open_text(upload)
    reader = csv.reader(text)
    try:
        headers = [h.strip().lower() for h in next(reader, [])]
        if not any(headers):
            raise ImportFileError(
                "The file is empty. It needs a header row and one row per period."
            )
        missing = [c for c in BASE_COLUMNS if c not in headers]
        if missing:
            raise ImportFileError(
                f"This is not an Explore education statistics data file: it has no "
                f"{', '.join(missing)} column{'s' if len(missing) > 1 else ''}. Download the "
                "data file (CSV) from the publication's page and upload that."
            )
        indicators = [h for h in headers if h and h not in (*BASE_COLUMNS, *GEOGRAPHY_COLUMNS)]
        indicator = indicator.strip().lower()
        if indicator not in indicators:
            raise ImportFileError(
                f"The file has no indicator column “{_shown(indicator)}”. Its columns are: "
                f"{', '.join(_shown(i) for i in indicators) or 'none'}."
            )
        position = {h: i for i, h in reversed(list(enumerate(headers)))}
        others = [h for h in indicators if h != indicator]
        kept, matched = _keep_rows(
            reader, position, indicator, others, wanted, local_codes, local_name
        )
    except csv.Error as error:
        raise ImportFileError(f"Line {reader.line_num} cannot be read as CSV ({error}).") from None
    except UnicodeDecodeError:
        raise ImportFileError(
            f"The file is not in UTF-8 encoding (the first problem is on line "
            f"{reader.line_num + 1}). Save it as CSV UTF-8 (comma delimited) and upload it again."
        ) from None
    finally:
        text.detach()
    errors = [
        f"The file has no rows for the geography {_shown(code)}."
        for code in sorted(wanted - matched)
    ]
    filters = _filters(others, kept)
    existing = set(measure.comparator_series.values_list("label", flat=True))
    indexes = [others.index(f.name) for f in filters]
    choices = _group(kept, filters, indexes, existing, measure.format)
    return Preview(
        filters=filters,
        choices=choices,
        errors=errors,
        indicators=indicators,
        file_name=PurePath(getattr(upload, "name", "") or "").name[:200],
    )


def _open_text(upload) -> io.TextIOWrapper:
    """The upload as text, decoded as it is read (the caller detaches it)."""
    size = getattr(upload, "size", 0) or 0
    if size > max_bytes():
        raise ImportFileError(
            f"The file is larger than {settings.COMPARATOR_IMPORT_MAX_MB} MB. Download a "
            "smaller part of the data set (for example only the places and years you need) "
            "from Explore education statistics."
        )
    binary = getattr(upload, "file", upload)
    binary.seek(0)
    start = binary.read(4096)
    binary.seek(0)
    refuse_non_text(
        start,
        excel_advice="Download the data file (CSV) from Explore education statistics and "
        "upload it unchanged.",
    )
    if not start.strip():
        raise ImportFileError("The file is empty. It needs a header row and one row per period.")
    return io.TextIOWrapper(_Readable(binary), encoding="utf-8-sig", newline="")


class _Readable(io.RawIOBase):
    """Any file-like object with read() as a raw stream TextIOWrapper can wrap."""

    def __init__(self, source):
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._source.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _keep_rows(reader, position, indicator, others, wanted, local_codes, local_name):
    """The rows of the chosen places, checked; and which wanted codes had rows."""
    kept: list[_Row] = []
    matched: set[str] = set()
    get_level = position["geographic_level"]

    def cell(values, column):
        index = position.get(column)
        return values[index].strip() if index is not None and index < len(values) else ""

    for values in reader:
        if get_level >= len(values):
            continue
        level = values[get_level].strip().lower()
        if level not in LEVELS:
            continue
        code_column, name_column, old_column, kind = LEVELS[level]
        codes = {cell(values, code_column).upper()}
        if old_column:
            codes.add(cell(values, old_column).upper())
        hits = codes & wanted
        if not hits:
            continue
        matched |= hits
        line = reader.line_num
        errors: list[str] = []
        code = cell(values, code_column).upper() or cell(values, old_column).upper()
        label = cell(values, name_column) or code
        if len(label) > SERIES_LABEL_MAX:
            errors.append(
                f"Line {line}: the place name “{_shown(label)}” is longer than "
                f"{SERIES_LABEL_MAX} characters."
            )
        if len(code) > CODE_MAX:
            errors.append(
                f"Line {line}: the geography code “{_shown(code)}” is longer than "
                f"{CODE_MAX} characters."
            )
        if kind == Kind.NEIGHBOUR and (
            codes & local_codes or (local_name and label.casefold() == local_name)
        ):
            kind = Kind.LOCAL_AREA
        kept.append(
            _Row(
                line=line,
                code=code,
                label=label,
                kind=kind,
                period=_period(
                    cell(values, "time_period"), cell(values, "time_identifier"), line, errors
                ),
                value=_value(cell(values, indicator), line, errors),
                others=tuple(cell(values, c) for c in others),
                errors=errors,
            )
        )
        if len(kept) > MAX_KEPT_ROWS:
            raise ImportFileError(
                f"The file has more than {MAX_KEPT_ROWS:,} rows for the places chosen. "
                "Choose fewer places, or download fewer years or filters."
            )
    return kept, matched


def _is_number_or_symbol(text: str) -> bool:
    if not text or _symbol(text):
        return True
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _filters(others: list[str], kept: list[_Row]) -> list[FilterColumn]:
    """The columns holding words rather than numbers: filters, each with its values."""
    filters = []
    for index, name in enumerate(others):
        values = list(dict.fromkeys(row.others[index] for row in kept))
        if all(_is_number_or_symbol(v) for v in values):
            continue
        totals = [v for v in values if TOTAL.match(v)]
        default = totals[0] if totals else (values[0] if len(values) == 1 else "")
        filters.append(FilterColumn(name, values, default))
    return filters


def _group(kept, filters, indexes, existing, shown) -> dict[tuple[str, ...], dict]:
    choices: dict[tuple[str, ...], dict] = {}
    seen: dict[tuple, int] = {}
    for row in kept:
        choice = tuple(row.others[i] for i in indexes)
        entry = choices.setdefault(choice, {"series": {}, "errors": []})
        entry["errors"].extend(row.errors)
        if row.period is None or row.value is None or row.errors:
            continue
        on, period_label = row.period
        key = (choice, row.code, on)
        if key in seen:
            entry["errors"].append(
                f"Line {row.line}: {row.label} {period_label} is also on line {seen[key]}"
                + (
                    " with the same filters."
                    if filters
                    else ". Keep one row per place and period, as published, and upload it again."
                )
            )
            continue
        seen[key] = row.line
        series = entry["series"].setdefault(
            row.code,
            {
                "code": row.code,
                "label": row.label,
                "kind": row.kind,
                "exists": row.label in existing,
                "values": [],
            },
        )
        number, symbol, published = row.value
        series["values"].append(
            {
                "line": row.line,
                "period": on.isoformat(),
                "period_label": period_label,
                "value": None if number is None else str(number),
                "published": published,
                "symbol": symbol,
                "shown": published_shown(number, symbol, shown),
            }
        )
    for entry in choices.values():
        entry["series"] = list(entry["series"].values())
        for series in entry["series"]:
            series["values"].sort(key=lambda v: v["period"])
    return choices


def published_shown(number: Decimal | None, symbol: str, shown) -> str:
    """A value as the preview and the command show it: rounded, or the symbol in words."""
    if number is None:
        return f"{Symbol(symbol).label} ({symbol})"
    return shown(number)


# --- time periods ----------------------------------------------------------------

MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
# Identifiers written with two years (202122): (month the period starts,
# day, which of the two years it starts in, how the label reads).
TWO_YEAR = {
    "academic year": (9, 1, 0, "{y}"),
    "financial year": (4, 1, 0, "{f}"),
    "tax year": (4, 6, 0, "{f}"),
    "autumn term": (9, 1, 0, "Autumn term {y}"),
    "autumn and spring term": (9, 1, 0, "Autumn and spring terms {y}"),
    "spring term": (1, 1, 1, "Spring term {y}"),
    "summer term": (4, 1, 1, "Summer term {y}"),
    "financial year q1": (4, 1, 0, "{f} April to June"),
    "financial year q2": (7, 1, 0, "{f} July to September"),
    "financial year q3": (10, 1, 0, "{f} October to December"),
    "financial year q4": (1, 1, 1, "{f} January to March"),
    "part 1 (april to september)": (4, 1, 0, "{f} April to September"),
    "part 2 (october to march)": (10, 1, 0, "{f} October to March"),
}
ONE_YEAR = ("calendar year", "reporting year")
WEEK = re.compile(r"^week (\d{1,2})$")
FIRST_YEAR, LAST_YEAR = 1900, 2200
READS = (
    "calendar, academic, financial, tax or reporting year; a term; a month; a week; "
    "or a financial quarter or half"
)


def _period(text: str, identifier: str, line: int, errors: list[str]) -> tuple[date, str] | None:
    """The first day of an EES time period, and the period as people write it."""
    kind = " ".join(identifier.lower().split())
    digits = text.isascii() and text.isdigit()
    if kind in ONE_YEAR or kind in MONTHS or WEEK.match(kind):
        if not (digits and len(text) == 4 and FIRST_YEAR <= int(text) <= LAST_YEAR):
            errors.append(
                f"Line {line}: the time period “{_shown(text)}” is not a year between "
                f"{FIRST_YEAR} and {LAST_YEAR}, as a {kind} is written (e.g. 2024)."
            )
            return None
        year = int(text)
        if kind in ONE_YEAR:
            return date(year, 1, 1), text
        if kind in MONTHS:
            return date(year, MONTHS[kind], 1), f"{identifier.strip().capitalize()} {year}"
        week = int(WEEK.match(kind).group(1))
        try:
            return date.fromisocalendar(year, week, 1), f"Week {week} {year}"
        except ValueError:
            errors.append(f"Line {line}: {year} has no week {week}.")
            return None
    if kind in TWO_YEAR:
        start = int(text[:4]) if digits and len(text) == 6 else 0
        if not (FIRST_YEAR <= start <= LAST_YEAR and (start + 1) % 100 == int(text[4:])):
            errors.append(
                f"Line {line}: the time period “{_shown(text)}” is not the two years of "
                f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} as the statistics write them "
                "(e.g. 202324 for 2023/24)."
            )
            return None
        month, day, later, pattern = TWO_YEAR[kind]
        label = pattern.format(y=f"{start}/{text[4:]}", f=f"{start}-{text[4:]}")
        return date(start + later, month, day), label
    errors.append(
        f"Line {line}: the time identifier “{_shown(identifier)}” is not one the statistics "
        f"use. This import reads a {READS}."
    )
    return None


# --- values ------------------------------------------------------------------------


def _symbol(text: str) -> str:
    """The GSS symbol a cell holds ("" if none): c, [c], C and [low] all count."""
    bare = text.strip().lower()
    if bare.startswith("[") and bare.endswith("]"):
        bare = bare[1:-1].strip()
    return SYMBOLS.get(bare, "")


def _value(text: str, line: int, errors: list[str]):
    """(number or None, symbol, the text as published), or None with a message."""
    symbol = _symbol(text)
    if symbol:
        return None, symbol, text
    if not text:
        errors.append(
            f"Line {line}: the value is blank. The statistics mark a missing value with a "
            "symbol (c, x, z, u or low); put the right one in."
        )
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        errors.append(f"Line {line}: the value “{_shown(text)}” is not a number or a symbol.")
        return None
    if abs(number) >= Decimal(10) ** WHOLE_DIGITS:
        errors.append(
            f"Line {line}: the value “{_shown(text)}” is too big: it can have at most "
            f"{WHOLE_DIGITS} digits before the decimal point."
        )
        return None
    if len(text) > PUBLISHED_MAX:
        errors.append(
            f"Line {line}: the value “{_shown(text)}” is longer than {PUBLISHED_MAX} characters."
        )
        return None
    # Kept to the database's places for drawing; the text keeps every digit.
    if number.as_tuple().exponent < PLACES.as_tuple().exponent:
        number = number.quantize(PLACES, context=Context(prec=WHOLE_DIGITS + 20))
    return number, "", text
