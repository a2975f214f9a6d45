"""Read data files in bounded chunks: CSV (UTF-8/BOM or Windows-1252, comma or semicolon),
Excel, Parquet, and geometry files (GeoPackage, GeoJSON, GeoParquet).

Every reader checks that the file is what its extension says (by its first bytes) and
yields DataFrames of strings (tabular files) so that codes keep their leading zeros.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from lagesbild.errors import InputError, SchemaError

__all__ = ["sniff_kind", "read_chunks", "read_geo", "CHUNK_ROWS", "GEO_KINDS"]

CHUNK_ROWS = 200_000
GEO_KINDS = {"gpkg", "geojson", "geoparquet"}
_EXT = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
        ".parquet": "parquet", ".pq": "parquet", ".gpkg": "gpkg", ".geojson": "geojson",
        ".json": "geojson"}
_KIND_SV = {"csv": "en CSV-fil", "xlsx": "en Excel-fil (xlsx)", "parquet": "en Parquet-fil",
            "gpkg": "en GeoPackage", "geojson": "en GeoJSON-fil", "geoparquet": "en GeoParquet-fil"}


def _head(path: Path, n: int = 65536) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def sniff_kind(path: Path) -> str:
    """Return the file kind by extension, after checking the first bytes agree."""
    if not path.exists():
        raise InputError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    if path.stat().st_size == 0:
        raise InputError(f"Filen {path} är tom.", f"The file {path} is empty.")
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
    if not ok:
        raise InputError(f"Filen {path} är inte {_KIND_SV[kind]} som filändelsen säger.",
                         f"The file {path} is not a {kind} file as its extension says.")
    if kind == "parquet":
        import pyarrow.parquet as pq

        try:
            md = pq.read_schema(path).metadata or {}
        except Exception as exc:  # corrupt footer
            raise InputError(f"Parquet-filen {path} kan inte läsas: {exc}.",
                             f"The Parquet file {path} cannot be read: {exc}.") from None
        if b"geo" in md:
            kind = "geoparquet"
    return kind


def _encoding(path: Path, declared: str | None) -> str:
    head = _head(path, 1 << 20)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"Filen {path} är kodad i UTF-16, som inte stöds. Spara den som UTF-8 eller "
                         "Windows-1252.", f"The file {path} is encoded in UTF-16, which is not supported. "
                         "Save it as UTF-8 or Windows-1252.")
    if declared:
        try:
            head.decode(declared)
        except UnicodeDecodeError as exc:
            line = head[: exc.start].count(b"\n") + 1
            raise InputError(f"Filen {path} är inte kodad som {declared} (ogiltig byte på rad {line}).",
                             f"The file {path} is not encoded as {declared} (invalid byte on line {line}).") from None
        except LookupError:
            raise InputError(f"Okänd teckenkodning '{declared}' i mappningen.",
                             f"Unknown encoding '{declared}' in the mapping.") from None
        return declared
    try:
        head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # a multi-byte character cut by the sample boundary
            return "utf-8-sig"
    try:
        head.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = head[: exc.start].count(b"\n") + 1
        raise InputError(f"Filen {path} är varken UTF-8 eller Windows-1252 (ogiltig byte på rad {line}).",
                         f"The file {path} is neither UTF-8 nor Windows-1252 (invalid byte on line {line}).") from None
    return "cp1252"


def _delimiter(path: Path, encoding: str, declared: str | None) -> str:
    if declared:
        return declared
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        sample = fh.read(65536)
    first = sample.splitlines()[0] if sample else ""
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        try:
            return csv.Sniffer().sniff(sample).delimiter
        except csv.Error:
            return ","
    return best


def read_chunks(path: Path, kind: str, *, encoding: str | None = None, delimiter: str | None = None,
                sheet: str | int | None = None, skiprows: int = 0,
                chunk_rows: int = CHUNK_ROWS) -> Iterator[tuple[int, pd.DataFrame]]:
    """Yield ``(first_row_number, chunk)``; row numbers count the header as row 1."""
    if kind == "csv":
        enc = _encoding(path, encoding)
        sep = _delimiter(path, enc, delimiter)
        try:
            reader = pd.read_csv(path, sep=sep, dtype=str, encoding=enc, chunksize=chunk_rows,
                                 skiprows=skiprows, keep_default_na=False, skipinitialspace=True)
            start = 2 + skiprows
            for chunk in reader:
                chunk.columns = [str(c).strip() for c in chunk.columns]
                yield start, chunk
                start += len(chunk)
        except UnicodeDecodeError as exc:
            raise InputError(f"Filen {path} har fel teckenkodning ({enc}): {exc.reason}.",
                             f"The file {path} has the wrong encoding ({enc}): {exc.reason}.") from None
        except pd.errors.EmptyDataError:
            raise InputError(f"Filen {path} är tom (ingen rubrikrad).",
                             f"The file {path} is empty (no header row).") from None
        except pd.errors.ParserError as exc:
            raise InputError(f"Filen {path} kan inte tolkas som CSV: {exc}.",
                             f"The file {path} cannot be parsed as CSV: {exc}.") from None
    elif kind == "xlsx":
        try:
            df = pd.read_excel(path, sheet_name=sheet if sheet is not None else 0, dtype=str,
                               skiprows=skiprows, keep_default_na=False)
        except ValueError as exc:
            raise InputError(f"Excel-filen {path} kan inte läsas: {exc}.",
                             f"The Excel file {path} cannot be read: {exc}.") from None
        df.columns = [str(c).strip() for c in df.columns]
        for i in range(0, max(len(df), 1), chunk_rows):
            yield 2 + skiprows + i, df.iloc[i:i + chunk_rows]
    elif kind == "parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        start = 2
        for batch in pf.iter_batches(batch_size=chunk_rows):
            chunk = batch.to_pandas()
            yield start, chunk
            start += len(chunk)
    else:
        raise SchemaError(f"Filen {path} är en geometrifil; använd en mappning med 'geometry:'.",
                          f"The file {path} is a geometry file; use a mapping with 'geometry:'.")


def read_geo(path: Path, kind: str, layer: str | None = None):
    """Read a geometry file into a GeoDataFrame (whole; geometry files are small)."""
    from lagesbild._compat import import_optional

    gpd = import_optional("geopandas", "geo")
    try:
        if kind == "geoparquet":
            return gpd.read_parquet(path)
        return gpd.read_file(path, layer=layer)
    except Exception as exc:
        raise InputError(f"Geometrifilen {path} kan inte läsas: {exc}.",
                         f"The geometry file {path} cannot be read: {exc}.") from None

