"""What a hostile or careless visitor can type, paste or upload."""

from __future__ import annotations

import csv
import io

from hypothesis import strategies as st

# Text that has broken real sites: empty and blank, NUL and control characters,
# right-to-left overrides, huge and tiny numbers, SQL, markup, paths, dates
# that do not exist.
NASTY = [
    "",
    " ",
    "\t\n",
    "\x00",
    "a\x00b",
    "\u202e",
    "\ufeff",
    "\U0001f600",
    "null",
    "None",
    "NaN",
    "-NaN",
    "Infinity",
    "-inf",
    "1e999",
    "-1e999",
    "1E+5",
    "0",
    "-0",
    "-1",
    "1.5",
    "1,5",
    "12.345",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "9223372036854775808",
    "0x10",
    "1_000",
    "٣",
    "50%",
    "' OR '1'='1",
    "'; DROP TABLE plan_measure; --",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% debug %}",
    "../../etc/passwd",
    "%00",
    "%",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "2026-10",
    "2026-10-01T00:00:00",
    "10/01/2026",
    "x" * 5000,
]

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
hostile_text = st.one_of(st.sampled_from(NASTY), text)

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%Y-%m")),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
)
hostile_number = st.one_of(numbers, hostile_text)
hostile_date = st.one_of(dates, hostile_text)

EXTENSIONS = [
    "pdf", "docx", "xlsx", "csv", "png", "jpg", "jpeg", "PDF", "exe", "html", "svg",
    "exe.pdf", "pdf.exe", "php.png", "", "tar.gz",
]  # fmt: skip
file_names = st.one_of(
    st.builds(
        lambda stem, ext: f"{stem}.{ext}" if ext else stem,
        st.text(st.characters(exclude_categories=["Cs"], exclude_characters="/\\"), max_size=80),
        st.sampled_from(EXTENSIONS),
    ),
    st.sampled_from([".pdf", "a" * 300 + ".pdf", "CON.pdf", "report.exe.pdf", " .pdf"]),
).filter(lambda name: name.strip() not in {"", ".", ".."})  # a browser sends those as no file
SIGNATURES = [b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"PK\x03\x04", b"MZ"]
file_contents = st.builds(
    lambda head, body: head + body, st.sampled_from(SIGNATURES), st.binary(max_size=2000)
)

CSV_HEADERS = [
    "measure_code,period,value,numerator,denominator,commentary",
    "measure_code,period,value",
    "\ufeffmeasure_code,period,value",
    "MEASURE_CODE , Period ,VALUE",
    "period,value",
    "",
]


def csv_bodies(measure_codes: list[str]):
    """CSV files: well-formed ones with hostile cells, and arbitrary bytes."""
    cell = st.one_of(hostile_text, hostile_number, hostile_date, st.sampled_from(measure_codes))
    row = st.lists(cell, min_size=0, max_size=7)

    def write(header: str, rows: list[list[str]], newline: str) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=newline)
        for r in rows:
            writer.writerow(r)
        return (header + newline + out.getvalue()).encode("utf-8")

    structured = st.builds(
        write,
        st.sampled_from(CSV_HEADERS),
        st.lists(row, max_size=6),
        st.sampled_from(["\n", "\r\n", "\r"]),
    )
    raw = st.one_of(
        st.binary(max_size=3000),
        text.map(lambda t: t.encode("utf-8")),
        text.map(lambda t: t.encode("utf-16")),
        text.map(lambda t: t.encode("latin-1", errors="replace")),
    )
    return st.one_of(structured, raw)
