"""Reading a CSV file of figures into a preview, before anything is written.

The preview lists every row with its errors and whether it will create a
figure or update a draft. Nothing is written here: `services.import_figures`
writes the rows (all or none) once the user confirms.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Prefetch

from .figures import check_figure
from .models.measures import Figure, Measure, MeasureMilestone
from .periods import MONTH_NAMES

REQUIRED_COLUMNS = ("measure_code", "period", "value")
OPTIONAL_COLUMNS = ("numerator", "denominator", "commentary")
# Files made before the rename still work; the preview says what changed.
OLD_COLUMN_NAMES = {"kpi_code": "measure_code"}
MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says what to do."""


@dataclass
class Row:
    line: int
    measure_code: str
    period_text: str
    measure: Measure | None = None
    period: date | None = None
    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    commentary: str = ""
    existing: Figure | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def plan(self) -> str:
        return "Update draft" if self.existing else "Create"

    def as_session(self) -> dict:
        """What is kept between preview and confirmation: checked values, nothing else."""
        return {
            "measure": self.measure.pk,
            "period": self.period.isoformat(),
            "value": str(self.value) if self.value is not None else None,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "commentary": self.commentary,
            "version": self.existing.version if self.existing else 0,
        }


@dataclass
class Preview:
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


def read_rows(upload) -> Preview:
    """Check a whole file; raise ImportFileError if it cannot be read at all."""
    text = _decode(upload)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    if not headers:
        raise ImportFileError("The file is empty. It needs a header row and one row per figure.")
    headers, notes = _rename_old_columns(headers)
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        raise ImportFileError(
            f"The file is missing the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. The first row must name the columns: "
            f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}."
        )
    reader.fieldnames = headers
    raw_rows = []
    try:
        for record in reader:
            values = {k: (v or "").strip() for k, v in record.items() if k}
            if not any(values.values()):
                continue  # blank lines are allowed and ignored
            raw_rows.append((reader.line_num, values))
            if len(raw_rows) > MAX_ROWS:
                raise ImportFileError(
                    f"The file has more than {MAX_ROWS:,} figures. "
                    f"Split it into files of up to {MAX_ROWS:,} rows."
                )
    except csv.Error as error:
        raise ImportFileError(f"Line {reader.line_num} cannot be read as CSV ({error}).") from None
    if not raw_rows:
        raise ImportFileError("The file has a header row but no figures.")
    return Preview(rows=_check_rows(raw_rows), notes=notes)


def _rename_old_columns(headers: list[str]) -> tuple[list[str], list[str]]:
    notes = []
    for old, new in OLD_COLUMN_NAMES.items():
        if old in headers and new not in headers:
            headers = [new if h == old else h for h in headers]
            notes.append(
                f"The column {old} is the old name for {new}. It was read as {new}; "
                f"use {new} in new files."
            )
    return headers, notes


# How an Excel workbook starts: .xlsx (a zip) and the older .xls.
EXCEL_STARTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def refuse_non_text(start: bytes, *, excel_advice: str) -> None:
    """Refuse a "CSV" file that is not text: an Excel workbook with a .csv name
    (`excel_advice` says where to get the CSV instead), or text saved as UTF-16
    (NUL bytes). `start` is the file's first bytes, or all of them."""
    if start.startswith(EXCEL_STARTS):
        raise ImportFileError(
            f"This is an Excel workbook with a .csv name, not a CSV file. {excel_advice}"
        )
    if b"\x00" in start:
        raise ImportFileError(
            "The file is not plain text (it may be saved as UTF-16). Save it as "
            "CSV UTF-8 (comma delimited) and upload it again."
        )


def _decode(upload) -> str:
    if upload.size > MAX_BYTES:
        raise ImportFileError(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. "
            "Split it into smaller files."
        )
    data = upload.read()
    refuse_non_text(
        data,
        excel_advice="In Excel, choose Save As and the format CSV UTF-8 (comma delimited), "
        "then upload that.",
    )
    try:
        return data.decode("utf-8-sig")  # tolerates the BOM Excel adds
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"The file is not in UTF-8 encoding (the first problem is on line {line}). "
            "Save it as CSV UTF-8 (comma delimited) and upload it again."
        ) from None


def _check_rows(raw_rows) -> list[Row]:
    codes = {values.get("measure_code", "") for _, values in raw_rows}
    measures = {
        k.code: k
        for k in Measure.objects.filter(code__in=codes).prefetch_related(
            Prefetch("milestones", queryset=MeasureMilestone.objects.order_by("date"))
        )
    }
    existing = {
        (figure.measure_id, figure.period): figure
        for figure in Figure.objects.filter(measure__code__in=codes)
    }
    seen: dict[tuple, int] = {}
    rows = []
    for line, values in raw_rows:
        row = Row(
            line=line, measure_code=values.get("measure_code", ""), period_text=values["period"]
        )
        _parse(row, values, measures)
        if row.measure and row.period:
            key = (row.measure.pk, row.period)
            if key in seen:
                row.errors.append(f"This measure and period are also on line {seen[key]}.")
            seen[key] = line
            row.existing = existing.get(key)
            if row.existing and not row.existing.is_editable:
                row.errors.append(
                    f"The figure for this period is already "
                    f"{row.existing.get_status_display().lower()}; an import cannot change it."
                )
        if row.measure and not row.errors:
            _check_figure(row)
        rows.append(row)
    return rows


def _parse(row: Row, values: dict, measures: dict) -> None:
    row.measure = measures.get(row.measure_code)
    if not row.measure_code:
        row.errors.append("The measure code is blank.")
    elif row.measure is None:
        row.errors.append(f"There is no measure with the code “{row.measure_code}”.")
    row.period = _parse_period(row.period_text, row.errors)
    row.value = _parse_decimal(values.get("value", ""), "value", row.errors)
    row.numerator = _parse_int(values.get("numerator", ""), "numerator", row.errors)
    row.denominator = _parse_int(values.get("denominator", ""), "denominator", row.errors)
    row.commentary = values.get("commentary", "")


# The ways Excel writes a date in a UK workbook saved as CSV, besides ISO 8601:
# 01/09/2026 (day first), Sep-26 and Sep-2026, September 2026, 1-Sep-26, and
# any of them followed by a midnight time (01/09/2026 00:00).
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
MONTH_YEAR = re.compile(r"^(?:(\d{1,2})[\s-]+)?([a-z]+)\.?[\s-]+(\d{4}|\d{2})$")
MIDNIGHT = re.compile(r"\s+0?0:00(:00)?$")


def _parse_period(text: str, errors: list[str]) -> date | None:
    if not text:
        errors.append("The period is blank.")
        return None
    on = _read_date(MIDNIGHT.sub("", text.strip()))
    if on is None:
        errors.append(
            f"The period “{_shown(text)}” is not a date. Write it as 2026-09-01, 2026-09, "
            "01/09/2026, Sep-26 or September 2026."
        )
    return on


def _read_date(text: str) -> date | None:
    """A date as people and Excel write it, or None. A month alone is its first day."""
    try:
        if DAY_MONTH_YEAR.match(text):
            day, month, year = DAY_MONTH_YEAR.match(text).groups()
            return date(_full_year(year), int(month), int(day))
        if MONTH_YEAR.match(text.lower()):
            day, name, year = MONTH_YEAR.match(text.lower()).groups()
            month = _month_number(name)
            return date(_full_year(year), month, int(day or 1)) if month else None
        if text.isascii():
            return date.fromisoformat(text if len(text) > 7 else f"{text}-01")
    except ValueError:
        return None
    return None


def _full_year(text: str) -> int:
    # Excel writes two-digit years for this century only (Sep-26 is 2026).
    return 2000 + int(text) if len(text) == 2 else int(text)


def _month_number(name: str) -> int | None:
    """January, Jan or Sept: the month's number, or None."""
    if len(name) < 3:
        return None
    for number, month in enumerate(MONTH_NAMES, start=1):
        if month.startswith(name) or (name == "sept" and number == 9):
            return number
    return None


def _shown(text: str) -> str:
    """A cell as quoted in a message: a 5,000-digit number is not worth repeating."""
    return text if len(text) <= 20 else f"{text[:20]}…"


def _parse_decimal(text: str, name: str, errors: list[str]) -> Decimal | None:
    """A figure as the database can hold it, or None with a message.

    Decimal reads NaN, sNaN, Infinity and 1e20 as numbers; none of them can
    be stored (and NaN cannot even be compared), so each is refused here.
    """
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", "").rstrip("%"))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        errors.append(f"The {name} “{_shown(text)}” is not a number.")
        return None
    field = Figure._meta.get_field("value")
    whole_digits = field.max_digits - field.decimal_places
    if abs(number) >= Decimal(10) ** whole_digits:
        errors.append(
            f"The {name} “{_shown(text)}” is too big: a figure can have at most "
            f"{whole_digits} digits before the decimal point."
        )
        return None
    if number.as_tuple().exponent < -field.decimal_places:
        errors.append(
            f"The {name} “{_shown(text)}” has more than {field.decimal_places} decimal places."
        )
        return None
    return number


def _parse_int(text: str, name: str, errors: list[str]) -> int | None:
    # isdigit() alone accepts "²" and other digits that int() refuses.
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        errors.append(f"The {name} “{_shown(text)}” is not a whole number.")
        return None
    _, largest = connection.ops.integer_field_range("PositiveIntegerField")
    # Compare lengths first: int() refuses a string of more than 4,300 digits.
    if len(text.lstrip("0")) > len(str(largest)) or int(text) > largest:
        errors.append(f"The {name} “{_shown(text)}” is too big: it can be at most {largest:,}.")
        return None
    return int(text)


def _check_figure(row: Row) -> None:
    # Check a copy so the stored figure is untouched until the import is confirmed.
    probe = Figure(
        pk=row.existing.pk if row.existing else None,
        measure=row.measure,
        period=row.period,
        value=row.value,
        numerator=row.numerator,
        denominator=row.denominator,
        commentary=row.commentary,
    )
    try:
        check_figure(probe)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            label = field_name.replace("_", " ")
            row.errors.extend(f"{label.capitalize()}: {message}" for message in messages)
    else:
        row.value = probe.value
