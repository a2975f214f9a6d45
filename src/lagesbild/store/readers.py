"""Read data files in bounded chunks: CSV (UTF-8/BOM or Windows-1252, comma or semicolon),
Excel, Parquet, and geometry files (GeoPackage, GeoJSON, GeoParquet).

Every reader checks that the file is what its extension says (by its first bytes) and
yields DataFrames of strings (tabular files) so that codes keep their leading zeros.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from lagesbild.errors import InputError, SchemaError
from lagesbild.i18n import pair

__all__ = ["sniff_kind", "read_chunks", "read_geo", "printable_columns", "CHUNK_ROWS", "GEO_KINDS",
           "GEO_MAX_BYTES"]

CHUNK_ROWS = 100_000
#: Largest geometry file read (geometry files are read whole).
GEO_MAX_BYTES = 256 * 1024 * 1024
GEO_KINDS = {"gpkg", "geojson", "geoparquet"}
_EXT = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
        ".parquet": "parquet", ".pq": "parquet", ".gpkg": "gpkg", ".geojson": "geojson",
        ".json": "geojson"}
_KIND_SV = {"csv": "en CSV-fil", "xlsx": "en Excel-fil (xlsx)", "parquet": "en Parquet-fil",
            "gpkg": "en GeoPackage", "geojson": "en GeoJSON-fil", "geoparquet": "en GeoParquet-fil"}


def _head(path: Path, n: int = 65536) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def _binary(head: bytes) -> bool:
    """True when more than 1 % of the first bytes are control characters (not tab/CR/LF/FF)."""
    sample = head[:8192]
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13) or b == 127)
    return ctrl > max(1, len(sample) // 100)


def sniff_kind(path: Path) -> str:
    """Return the file kind by extension, after checking the first bytes agree."""
    if not path.exists():
        raise InputError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    if not path.is_file():
        raise InputError(*pair("imports.not_a_file", file=path))
    if path.stat().st_size == 0:
        raise InputError(f"Filen {path} är tom.", f"The file {path} is empty.")
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError:
        raise InputError(*pair("imports.unreadable", file=path)) from None
    kind = _EXT.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"Filen {path} har en okänd filändelse '{path.suffix}'. Förväntade .csv, .xlsx, .parquet, "
            ".gpkg, .geojson.", f"The file {path} has an unknown extension '{path.suffix}'. Expected "
            ".csv, .xlsx, .parquet, .gpkg, .geojson.")
    head = _head(path)
    ok = {
        "xlsx": head.startswith(b"PK\x03\x04"),
        "parquet": head.startswith(b"PAR1"),
        "gpkg": head.startswith(b"SQLite format 3\x00"),
        "geojson": head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"),
        "csv": not (head.startswith((b"PK\x03\x04", b"PAR1", b"SQLite format 3", b"%PDF"))
                    or (b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")))),
    }[kind]
    if ok and kind == "csv" and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and _binary(head):
        raise InputError(*pair("imports.not_text", file=path))
    if not ok:
        raise InputError(f"Filen {path} är inte {_KIND_SV[kind]} som filändelsen säger.",
                         f"The file {path} is not a {kind} file as its extension says.")
    if kind == "parquet":
        import pyarrow.parquet as pq

        try:
            md = pq.read_schema(path).metadata or {}
        except Exception:  # corrupt footer
            raise InputError(*pair("imports.parquet_damaged", file=path)) from None
        if b"geo" in md:
            kind = "geoparquet"
    return kind


_BLOCK = 1 << 20


def _scan(path: Path, encoding: str) -> tuple[int, int, int] | None:
    """Decode the whole file block by block; ``(line, byte, offset)`` of the first bad byte."""
    import codecs

    dec = codecs.getincrementaldecoder(encoding)()
    lines, offset = 1, 0
    with open(path, "rb") as fh:
        while True:
            block = fh.read(_BLOCK)
            final = not block
            try:
                dec.decode(block, final)
            except UnicodeDecodeError as exc:
                pending = len(exc.object) - len(block)  # bytes carried over from the last block
                at = max(0, exc.start - pending)
                return lines + block[:at].count(b"\n"), exc.object[exc.start], offset + at
            if final:
                return None
            lines += block.count(b"\n")
            offset += len(block)


def _encoding(path: Path, declared: str | None) -> str:
    """The file's encoding: the declared one (checked over the whole file), else UTF-8 or
    Windows-1252 — decided over the whole file, so a byte late in the file is named correctly."""
    import codecs

    head = _head(path, 4)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"Filen {path} är kodad i UTF-16, som inte stöds. Spara den som UTF-8 eller "
                         "Windows-1252.", f"The file {path} is encoded in UTF-16, which is not supported. "
                         "Save it as UTF-8 or Windows-1252.")
    if declared:
        try:
            codecs.lookup(str(declared))
        except LookupError:
            raise InputError(*pair("imports.unknown_encoding", encoding=str(declared))) from None
        bad = _scan(path, str(declared))
        if bad:
            raise InputError(*pair("imports.bad_encoding", file=path, encoding=declared, line=bad[0],
                                   byte=f"{bad[1]:02X}"))
        return str(declared)
    bad = _scan(path, "utf-8")
    if bad is None:
        return "utf-8-sig"
    if _scan(path, "cp1252") is None:
        with open(path, "rb") as fh:
            before = fh.read(min(bad[2], 8 * _BLOCK))
        if any(b >= 0x80 for b in before):  # real UTF-8 text earlier, then a foreign byte
            raise InputError(*pair("imports.mixed_encoding", file=path, line=bad[0], byte=f"{bad[1]:02X}"))
        return "cp1252"
    raise InputError(*pair("imports.neither_encoding", file=path, line=bad[0], byte=f"{bad[1]:02X}"))


def _delimiter(path: Path, encoding: str, declared: str | None) -> str:
    if declared is not None:
        if not isinstance(declared, str) or len(declared) != 1 or declared in "\r\n\"":
            raise InputError(*pair("imports.delimiter", value=declared))
        return declared
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        sample = fh.read(65536)
    first = sample.splitlines()[0] if sample else ""
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        try:
            return csv.Sniffer().sniff(sample).delimiter
        except csv.Error:
            return ","
    return best


_PRINTABLE = re.compile(r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]*$")


def printable_columns(columns, limit: int = 200) -> str:
    """The column names for a message: each cut to 30 characters, the list to ``limit``."""
    shown = []
    for c in columns:
        c = str(c)
        c = c if _PRINTABLE.match(c) else "?"
        shown.append(c if len(c) <= 30 else c[:29] + "…")
    text = ", ".join(shown)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _header(path: Path, enc: str, sep: str, skiprows: int) -> list[str]:
    with open(path, encoding=enc, newline="") as fh:
        for _ in range(skiprows):
            if not fh.readline():
                break
        try:
            row = next(csv.reader(fh, delimiter=sep), None)
        except csv.Error:
            row = None
    if not row or not any(c.strip() for c in row):
        raise InputError(*pair("imports.no_header", file=path))
    names = [c.strip().lstrip("\ufeff") for c in row]
    if not all(_PRINTABLE.match(c) for c in names):
        raise InputError(*pair("imports.bad_header", file=path, encoding=enc))
    seen: dict[str, int] = {}
    out = []
    for n in names:  # duplicate names get a suffix, as spreadsheets show them: a, a.1, a.2
        k = seen.get(n, 0)
        seen[n] = k + 1
        out.append(n if k == 0 else f"{n}.{k}")
    return out


def _bad_row(path: Path, enc: str, sep: str, width: int, skiprows: int) -> InputError:
    """Find the first row whose field count differs from the header's (only on the error path)."""
    row = 1 + skiprows
    try:
        with open(path, encoding=enc, newline="") as fh:
            for _ in range(skiprows):
                fh.readline()
            reader = csv.reader(fh, delimiter=sep, strict=True)
            next(reader, None)
            for fields in reader:
                row += 1
                if fields and len(fields) != width:
                    key = "imports.short_row" if len(fields) < width else "imports.long_row"
                    return InputError(*pair(key, file=path, row=row, got=len(fields), expected=width))
    except csv.Error:
        return InputError(*pair("imports.open_quote", file=path, row=row + 1))
    return InputError(*pair("imports.csv_unparsable", file=path, row=row))


def _read_csv(path, encoding, delimiter, skiprows, chunk_rows, progress):
    """Stream a CSV file with Arrow's block reader: every field as text, each row's field count
    checked (a truncated last row is refused, never read as a missing value)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    enc = _encoding(path, encoding)
    sep = _delimiter(path, enc, delimiter)
    names = _header(path, enc, sep, skiprows)
    quotes = 0
    with open(path, "rb") as fh:  # an odd number of quotation marks: the file ends inside a quote
        for block in iter(lambda: fh.read(_BLOCK), b""):
            quotes += block.count(b'"')
    if quotes % 2:
        raise _bad_row(path, enc, sep, len(names), skiprows)
    total = path.stat().st_size
    start = 2 + skiprows
    source = pa.OSFile(str(path))  # its position is the progress
    try:
        reader = pacsv.open_csv(
            source,
            read_options=pacsv.ReadOptions(encoding="utf8" if enc == "utf-8-sig" else enc, column_names=names,
                                           skip_rows=skiprows + 1, block_size=4 << 20),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
        for batch in reader:
            if not batch.num_rows:
                continue
            chunk = batch.to_pandas()
            for i in range(0, len(chunk), chunk_rows):
                part = chunk.iloc[i:i + chunk_rows]
                yield start, part
                start += len(part)
            if progress is not None:
                progress(min(source.tell(), total), total)
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):
            raise InputError(*pair("imports.no_header", file=path)) from None
        raise _bad_row(path, enc, sep, len(names), skiprows) from None
    except (pa.ArrowException, UnicodeDecodeError):
        raise _bad_row(path, enc, sep, len(names), skiprows) from None
    finally:
        source.close()


def _read_xlsx(path, sheet, skiprows, chunk_rows, progress):
    from lagesbild.store.excel import iter_excel

    for first, header, rows in iter_excel(path, sheet, skiprows, chunk_rows, progress):
        width = len(header)
        if not all(_PRINTABLE.match(c) for c in header):
            raise InputError(*pair("imports.bad_header", file=path, encoding="xlsx"))
        fixed = []
        for i, r in enumerate(rows):
            extra = [v for v in r[width:] if v != ""]
            if extra:
                raise InputError(*pair("imports.long_row", file=path, row=first + i, got=len(r),
                                       expected=width))
            fixed.append(r[:width] + [""] * (width - len(r)))
        df = pd.DataFrame(fixed, columns=header, dtype=str)
        yield first, df


def _read_parquet(path, chunk_rows, progress):
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        groups = pf.num_row_groups
        start = 2
        for g in range(groups):  # one row group at a time: memory bounded by the largest group
            for batch in pf.iter_batches(batch_size=chunk_rows, row_groups=[g]):
                chunk = batch.to_pandas()
                yield start, chunk
                start += len(chunk)
            if progress is not None:
                progress(g + 1, groups)
    except InputError:
        raise
    except Exception:  # Arrow, or pandas metadata in the file that cannot be read (damaged)
        raise InputError(*pair("imports.parquet_damaged", file=path)) from None


def read_chunks(path: Path, kind: str, *, encoding: str | None = None, delimiter: str | None = None,
                sheet: str | int | None = None, skiprows: int = 0, chunk_rows: int = CHUNK_ROWS,
                progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[int, pd.DataFrame]]:
    """Yield ``(first_row_number, chunk)``; row numbers count the header as row 1.

    Memory stays bounded by ``chunk_rows`` whatever the file's size. ``progress(done, total)``
    is called after each chunk (bytes for CSV, rows for Excel, row groups for Parquet).
    """
    if kind == "csv":
        yield from _read_csv(path, encoding, delimiter, skiprows, chunk_rows, progress)
    elif kind == "xlsx":
        yield from _read_xlsx(path, sheet, skiprows, chunk_rows, progress)
    elif kind == "parquet":
        yield from _read_parquet(path, chunk_rows, progress)
    else:
        raise SchemaError(f"Filen {path} är en geometrifil; använd en mappning med 'geometry:'.",
                          f"The file {path} is a geometry file; use a mapping with 'geometry:'.")


def read_geo(path: Path, kind: str, layer: str | None = None):
    """Read a geometry file into a GeoDataFrame (whole; at most :data:`GEO_MAX_BYTES`)."""
    from lagesbild._compat import import_optional

    size = path.stat().st_size
    if size > GEO_MAX_BYTES:
        raise InputError(*pair("imports.geo_too_large", file=path, size=f"{size / 2**20:.0f}",
                               limit=GEO_MAX_BYTES // 2**20))
    gpd = import_optional("geopandas", "geo")
    try:
        if kind == "geoparquet":
            return gpd.read_parquet(path)
        return gpd.read_file(path, layer=layer)
    except Exception:  # the drivers raise many types; their text is not for users
        raise InputError(*pair("imports.geo_unreadable", file=path)) from None
