"""Validated, transactional import of a data file through a mapping (all rows or none).

Checks, each with a one-line Swedish (or English) error naming the file, row and column:
unknown or malformed area codes, codes of another version than the declared one, duplicate
rows, negative or non-integer counts, shares above 1 (above 100 for percent), non-numeric
years, missing columns, empty files, wrong encodings, unknown variables, files that are not
what their extension says, geometry files in another CRS (reprojected) or with invalid
geometries (repaired, and reported), and personal identity numbers (refused, never echoed).
Large files are streamed chunk by chunk into a staging table inside the transaction.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from lagesbild.errors import GeographyVersionError, InputError, SchemaError
from lagesbild.geo import CODE_FORMATS, CODE_PATTERNS
from lagesbild.i18n import pair
from lagesbild.privacy import is_personal_number, probable_names, screen_frame
from lagesbild.store.db import Store
from lagesbild.store.mapping import Mapping, load_mapping
from lagesbild.store.readers import GEO_KINDS, printable_columns, read_chunks, read_geo, sniff_kind

__all__ = ["import_file", "file_sha256"]

_MISSING = {"", "..", ".", "-", "–", "NA", "NaN", "nan", "None", "x", "X"}


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _numeric(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse numbers with decimal comma and space separators; returns (values, bad mask)."""
    if pd.api.types.is_numeric_dtype(s):
        return s.astype("float64"), pd.Series(False, index=s.index)
    t = s.astype(str).str.strip()
    missing = t.isin(_MISSING)
    t = t.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    t = t.where(~t.str.contains(",") | t.str.contains(r"\."), t.str.replace(",", ".", regex=False))
    v = pd.to_numeric(t.mask(missing), errors="coerce")
    bad = v.isna() & ~missing
    return v, bad


def _row_error(file: Path, row: int, col: str, sv: str, en: str, cls=SchemaError) -> InputError:
    return cls(f"Filen {file}, rad {row}, kolumn '{col}': {sv}", f"The file {file}, row {row}, column '{col}': {en}")


class _Chunker:
    """Turns raw chunks into validated tidy observation chunks."""

    def __init__(
        self, store: Store, m: Mapping, file: Path, source_id: str, meta: pd.DataFrame, known_codes: set[str] | None
    ) -> None:
        self.store, self.m, self.file, self.source_id = store, m, file, source_id
        self.meta, self.known = meta, known_codes
        self.rows = 0
        self.checked_columns = False
        self.current_year = _dt.date.today().year
        self.warnings: list[tuple[str, str]] = []

    def _columns(self, df: pd.DataFrame) -> None:
        need = [self.m.area_column]
        if self.m.year_column:
            need.append(self.m.year_column)
        need += list(self.m.values.values())
        if self.m.long:
            need += [self.m.long["variable_column"], self.m.long["value_column"]]
        missing = [c for c in need if c not in df.columns]
        if missing:
            raise SchemaError(
                *pair(
                    "imports.missing_column",
                    file=self.file,
                    column=missing[0],
                    columns=printable_columns(df.columns[:12]),
                )
            )
        self.checked_columns = True

    def codes(self, raw: pd.Series, start: int) -> pd.Series:
        col, m = self.m.area_column, self.m
        codes = raw.astype(str).str.strip()
        if m.level != "custom":
            pat = CODE_PATTERNS[m.level]
            parts = codes.str.extract(pat.pattern)
            bad = parts[0].isna()
            if bad.any():
                pos = int(np.flatnonzero(bad.to_numpy())[0])
                val = codes.iloc[pos]
                shown = "(ser ut som ett personnummer; visas inte)" if is_personal_number(val) else repr(val)
                raise _row_error(
                    self.file,
                    start + pos,
                    col,
                    f"ogiltig områdeskod {shown} för {m.version}: förväntade formatet {CODE_FORMATS[m.level]}.",
                    f"invalid area code {shown if not shown.startswith('(') else '(hidden)'} "
                    f"for {m.version}: expected the format {CODE_FORMATS[m.level]}.",
                )
            if parts.shape[1] > 1:
                wrong = parts[1].notna() & (parts[1] != m.version)
                if wrong.any():
                    pos = int(np.flatnonzero(wrong.to_numpy())[0])
                    raise _row_error(
                        self.file,
                        start + pos,
                        col,
                        f"koden {codes.iloc[pos]} har versionen {parts[1].iloc[pos]} men mappningen anger {m.version}.",
                        f"the code {codes.iloc[pos]} has version {parts[1].iloc[pos]} but the "
                        f"mapping declares {m.version}.",
                        GeographyVersionError,
                    )
            codes = parts[0]
            if m.level == "riket":
                codes = pd.Series("riket", index=codes.index)
        if self.known is not None:
            unknown = ~codes.isin(self.known)
            if unknown.any():
                pos = int(np.flatnonzero(unknown.to_numpy())[0])
                raise _row_error(
                    self.file,
                    start + pos,
                    col,
                    f"områdeskoden {codes.iloc[pos]} finns inte i {m.version} (fel version eller okänt område).",
                    f"the area code {codes.iloc[pos]} does not exist in {m.version} (wrong version or unknown area).",
                    GeographyVersionError,
                )
        return codes

    def years(self, df: pd.DataFrame, start: int) -> pd.Series:
        if self.m.year_column is None:
            return pd.Series(self.m.year_value, index=df.index, dtype="int64")
        col = self.m.year_column
        v, bad = _numeric(df[col])
        bad = bad | v.isna() | (v != np.floor(v)) | (v < 1900) | (v > 2100)
        if bad.any():
            pos = int(np.flatnonzero(bad.to_numpy())[0])
            raise _row_error(
                self.file,
                start + pos,
                col,
                f"året {df[col].iloc[pos]!r} är inte ett heltal mellan 1900 och 2100.",
                f"the year {df[col].iloc[pos]!r} is not an integer between 1900 and 2100.",
            )
        future = (v > self.current_year).to_numpy()
        if future.any():
            pos = int(np.flatnonzero(future)[0])
            year = int(v.iloc[pos])
            if self.m.source.get("observed", True):
                raise InputError(
                    *pair(
                        "imports.future_year",
                        file=self.file,
                        row=start + pos,
                        column=col,
                        year=year,
                        current=self.current_year,
                    )
                )
            if not self.warnings:
                self.warnings.append(
                    pair("imports.future_year_warning", file=self.file, year=year, current=self.current_year)
                )
        return v.astype("int64")

    def finite(self, vals: pd.Series, raw: pd.Series, start: int, col: str) -> None:
        inf = np.isinf(vals.to_numpy(dtype="float64", na_value=np.nan))
        if inf.any():
            pos = int(np.flatnonzero(inf)[0])
            raise InputError(
                *pair("imports.not_finite", file=self.file, row=start + pos, column=col, value=str(raw.iloc[pos])[:40])
            )

    def check_values(self, v: pd.Series, var: str, raw: pd.Series, rows: np.ndarray, col: str) -> None:
        kind, unit = self.meta.loc[var, "kind"], str(self.meta.loc[var, "unit"] or "")
        problems = []
        if kind == "count":
            problems.append((v < 0, "negativt antal", "a negative count"))
            problems.append(
                (v.notna() & (v != np.floor(v)), "antal som inte är ett heltal", "a count that is not an integer")
            )
        if kind == "share":
            top = 100.0 if unit == "procent" else 1.0
            problems.append(
                (
                    v > top,
                    f"andel över {top:g}" + (" (procent)" if top == 100 else ""),
                    f"a share above {top:g}" + (" (percent)" if top == 100 else ""),
                )
            )
            problems.append((v < 0, "negativ andel", "a negative share"))
        for mask, sv, en in problems:
            mask = mask.fillna(False).to_numpy()
            if mask.any():
                pos = int(np.flatnonzero(mask)[0])
                raise _row_error(
                    self.file,
                    int(rows[pos]),
                    col,
                    f"{sv} för variabeln '{var}': {raw.iloc[pos]!r}.",
                    f"{en} for the variable '{var}': {raw.iloc[pos]!r}.",
                )

    def __call__(self, start: int, df: pd.DataFrame) -> pd.DataFrame:
        if not self.checked_columns:
            self._columns(df)
        if df.empty:
            return None
        screen_frame(df, file=str(self.file), columns=[c for c in df.columns if c != "geometry"], first_row=start)
        rows = np.arange(start, start + len(df))
        codes = self.codes(df[self.m.area_column], start)
        years = self.years(df, start)
        parts = []
        if self.m.long:
            vc, valc = self.m.long["variable_column"], self.m.long["value_column"]
            variables = df[vc].astype(str).str.strip()
            unknown = ~variables.isin(self.meta.index)
            if unknown.any():
                pos = int(np.flatnonzero(unknown.to_numpy())[0])
                raise _row_error(
                    self.file,
                    start + pos,
                    vc,
                    f"okänd variabel {variables.iloc[pos]!r} (deklarera den under new_variables i mappningen).",
                    f"unknown variable {variables.iloc[pos]!r} (declare it under new_variables in the mapping).",
                )
            vals, bad = _numeric(df[valc])
            if bad.any():
                pos = int(np.flatnonzero(bad.to_numpy())[0])
                raise _row_error(
                    self.file,
                    start + pos,
                    valc,
                    f"värdet {str(df[valc].iloc[pos])[:40]!r} är inte ett tal.",
                    f"the value {str(df[valc].iloc[pos])[:40]!r} is not a number.",
                )
            self.finite(vals, df[valc], start, valc)
            for var in variables.unique():
                sel = (variables == var).to_numpy()
                self.check_values(vals[sel], var, df[valc][sel], rows[sel], valc)
            status = df[valc].astype(str).str.strip().where(vals.isna())
            parts.append(
                pd.DataFrame(
                    {
                        "area_code": codes.values,
                        "year": years.values,
                        "variable": variables.values,
                        "value": vals.values,
                        "status": status.values,
                    }
                )
            )
        for var, col in self.m.values.items():
            vals, bad = _numeric(df[col])
            if bad.any():
                pos = int(np.flatnonzero(bad.to_numpy())[0])
                raise _row_error(
                    self.file,
                    start + pos,
                    col,
                    f"värdet {str(df[col].iloc[pos])[:40]!r} är inte ett tal.",
                    f"the value {str(df[col].iloc[pos])[:40]!r} is not a number.",
                )
            self.finite(vals, df[col], start, col)
            self.check_values(vals, var, df[col], rows, col)
            status = (
                df[col].astype(str).str.strip().where(vals.isna())
                if not pd.api.types.is_numeric_dtype(df[col])
                else pd.Series(None, index=df.index, dtype=object)
            )
            parts.append(
                pd.DataFrame(
                    {
                        "area_code": codes.values,
                        "year": years.values,
                        "variable": var,
                        "value": vals.values,
                        "status": status.values,
                    }
                )
            )
        out = pd.concat(parts, ignore_index=True)
        out["area_version"] = self.m.version
        out["source_id"] = self.source_id
        self.rows += len(df)
        return out


def _variables_frame(m: Mapping, meta: pd.DataFrame) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    declared = pd.DataFrame(m.new_variables)
    if not declared.empty:
        declared = declared.rename(columns={"label": "label_sv"})
        declared["source"] = m.source.get("publisher")
        meta = pd.concat([meta[~meta.index.isin(declared["id"])], declared.set_index("id", drop=False)])
    for var in m.values:
        if var not in meta.index:
            raise m.err(
                f"variabeln '{var}' finns inte i lagret och deklareras inte under new_variables.",
                f"the variable '{var}' is not in the store and not declared under new_variables.",
            )
    return (declared if not declared.empty else None), meta


#: Sweden's extent in SWEREF 99 TM (EPSG:3006) with a margin of about 50 km (EPSG registry: the
#: projected bounds of SWEREF 99 TM are 181896–1086312 E, 6101648–7689478 N).
SWEDEN_3006 = (130_000.0, 6_050_000.0, 1_140_000.0, 7_740_000.0)


def _inside_sweden(g, file: Path, crs: str) -> None:
    """Refuse geometries whose coordinates (in EPSG:3006) lie outside Sweden."""
    import shapely

    b = shapely.bounds(g.geometry.values)
    if not len(b):
        return
    xmin, ymin, xmax, ymax = SWEDEN_3006
    with np.errstate(invalid="ignore"):
        out = ~((b[:, 0] >= xmin) & (b[:, 1] >= ymin) & (b[:, 2] <= xmax) & (b[:, 3] <= ymax))
    out &= ~np.isnan(b[:, 0])
    if out.any():
        pos = int(np.flatnonzero(out)[0])
        x, y = b[pos, 0], b[pos, 1]
        raise InputError(
            *pair(
                "imports.outside_sweden",
                file=file,
                crs=crs,
                x=f"{x:.6g}".replace(".", ","),
                y=f"{y:.6g}".replace(".", ","),
            )
        )


def _geometry(m: Mapping, file: Path, kind: str, source_id: str, tolerance: float, known: set[str] | None):
    import shapely

    from lagesbild.store.bundled_geo import simplify_coverage

    g = read_geo(file, kind, (m.geometry or {}).get("layer"))
    if g.geometry.name is None or g.geometry.name not in g.columns:
        raise InputError(*pair("imports.geo_unreadable", file=file))
    notes = {}
    if g.crs is None:
        raise InputError(
            f"Geometrifilen {file} saknar koordinatsystem (CRS); förväntade EPSG:3006.",
            f"The geometry file {file} has no coordinate reference system; expected EPSG:3006.",
        )
    if m.area_column not in g.columns:
        raise SchemaError(
            *pair(
                "imports.missing_column",
                file=file,
                column=m.area_column,
                columns=printable_columns([c for c in g.columns if c != g.geometry.name][:12]),
            )
        )
    # Area codes and names (also of geometry-only files) are screened for personal data.
    screen_frame(g, file=str(file), columns=[c for c in g.columns if c != g.geometry.name])
    crs = g.crs.to_string()
    try:
        if g.crs.to_epsg() != 3006:
            notes["reprojected_from"] = crs
            g = g.to_crs(3006)
    except Exception:  # a CRS that cannot be transformed to SWEREF 99 TM
        raise InputError(*pair("imports.geo_unreadable", file=file)) from None
    _inside_sweden(g, file, crs)
    codes = g[m.area_column].astype(str).str.strip()
    geoms = g.geometry.values
    invalid = ~shapely.is_valid(geoms) | shapely.is_missing(geoms)
    if invalid.any():
        bad_codes = codes[invalid].tolist()
        if not (m.geometry or {}).get("repair", True):
            raise InputError(
                f"Filen {file} har ogiltiga geometrier för {', '.join(bad_codes[:5])}.",
                f"The file {file} has invalid geometries for {', '.join(bad_codes[:5])}.",
            )
        fixed = shapely.make_valid(geoms[invalid])
        fixed = np.array(
            [
                shapely.union_all([p for p in shapely.get_parts(x) if p.geom_type in ("Polygon", "MultiPolygon")])
                if x is not None
                else None
                for x in fixed
            ],
            dtype=object,
        )
        unusable = [c for c, x in zip(bad_codes, fixed) if x is None or x.is_empty]
        if unusable:
            raise InputError(
                f"Filen {file}: geometrierna för {', '.join(unusable[:5])} är ogiltiga och kan "
                "inte lagas (ingen yta kvar).",
                f"The file {file}: the geometries of {', '.join(unusable[:5])} are invalid "
                "and cannot be repaired (no area left).",
            )
        geoms = geoms.copy()
        geoms[invalid] = fixed
        notes["repaired"] = bad_codes
    gm = m.geometry or {}
    areas = None
    if m.level == "custom":
        names = g[gm["name_column"]].astype(str) if gm.get("name_column") in g.columns else codes
        looks = [n for n in names if probable_names(n)]
        if looks:  # a heuristic: warn, never refuse (area names are often named after people)
            notes["name_warning"] = (
                pair("security.privacy_names", where=f"Namnkolumnen i {file}", n=len(looks))[0],
                pair("security.privacy_names", where=f"The name column of {file}", n=len(looks))[1],
            )
        kommun = gm.get("kommun")
        areas = pd.DataFrame(
            {
                "code": codes,
                "version": m.version,
                "level": "custom",
                "name": names,
                "parent_code": kommun,
                "parent_version": "kommun2025" if kommun else None,
                "kommun": kommun,
                "lan": kommun[:2] if kommun else None,
            }
        )
    elif known is not None and not codes.isin(known).all():
        bad = codes[~codes.isin(known)].iloc[0]
        raise GeographyVersionError(
            f"Filen {file}: områdeskoden {bad} finns inte i {m.version}.",
            f"The file {file}: the area code {bad} does not exist in {m.version}.",
        )
    geo = pd.DataFrame(
        {
            "code": codes,
            "version": m.version,
            "boundary_version": gm.get("boundary_version"),
            "crs": "EPSG:3006",
            "geometry": shapely.to_wkb(geoms),
            "geometry_simplified": shapely.to_wkb(simplify_coverage(geoms, tolerance)),
            "derivation": "reprojected" if "reprojected_from" in notes else None,
            "source_id": source_id,
        }
    )
    return g.drop(columns=g.geometry.name), areas, geo, notes


#: DuckDB's memory limit while an import stages and checks its rows (it spills to a temporary
#: folder beside the store above it); with the reader's chunks this bounds the peak of an import.
IMPORT_MEMORY_LIMIT = "384MB"


@contextlib.contextmanager
def _bounded_memory(store: Store):
    if str(getattr(store, "path", ":memory:")) == ":memory:":
        yield  # an in-memory store cannot spill
        return
    # the settings apply to the connection that writes the store's next generation
    with store.write_settings(memory_limit=IMPORT_MEMORY_LIMIT, preserve_insertion_order=False):
        yield


def import_file(
    store: Store,
    file: Path,
    mapping: Path,
    *,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
    prefer_import: bool = False,
) -> dict:
    """Import ``file`` through ``mapping`` into ``store`` in one transaction.

    The file is read in chunks (peak memory bounded whatever its size; see docs/import.md),
    every chunk validated and staged in a DuckDB temporary table, and all rows written at the
    end or none. ``progress(done, total)`` is called after each chunk. Values that would
    supersede official ones for the same area, year and variable stop the import unless
    ``prefer_import`` (:mod:`lagesbild.store.precedence`).

    Returns
    -------
    dict
        ``file, source_id, rows``, observations inserted/replaced/unchanged and, for geometry
        files, ``areas``, ``geometries``, ``reprojected_from`` and ``repaired``.
    """
    file = Path(file)
    m = load_mapping(Path(mapping))
    kind = sniff_kind(file)
    new_vars, meta = _variables_frame(m, store.variables())
    source_id = str(m.source.get("id") or f"file:{file.stem}")
    src = pd.DataFrame(
        [
            {
                "id": source_id,
                "publisher": m.source.get("publisher"),
                "table_id": m.source.get("table"),
                "file": file.name,
                "licence": m.source.get("licence"),
                "attribution": m.source.get("attribution"),
                "retrieved_at": _dt.datetime.now(_dt.UTC).replace(tzinfo=None),
                "sha256": file_sha256(file),
                "note": m.source.get("note"),
            }
        ]
    )
    known = None if m.level == "custom" else set(store.areas(version=m.version)["code"])
    if known is not None and not known:
        raise GeographyVersionError(
            f"Lagret har inga områden i versionen {m.version}.", f"The store has no areas in version {m.version}."
        )
    result: dict = {"file": str(file), "source_id": source_id}
    areas = geo = None
    if kind in GEO_KINDS:
        table, areas, geo, notes = _geometry(m, file, kind, source_id, store.settings.simplify_tolerance, known)
        warning = notes.pop("name_warning", None)
        result.update(notes)
        if warning:
            result.setdefault("warnings", []).append(warning[0])
            result.setdefault("warnings_en", []).append(warning[1])
        if areas is not None:
            known = set(areas["code"])
        chunks_src = iter([(2, table)]) if (m.values or m.long) else iter([])
    else:
        skip = (m.excel if kind == "xlsx" else m.csv).get("skiprows") or 0
        chunks_src = read_chunks(
            file,
            kind,
            encoding=m.csv.get("encoding"),
            delimiter=m.csv.get("delimiter"),
            sheet=m.excel.get("sheet"),
            skiprows=int(skip),
            progress=progress,
        )
    chunker = _Chunker(store, m, file, source_id, meta, known)
    empty = {"seen": False}

    def observations():
        for start, chunk in chunks_src:
            if len(chunk):
                empty["seen"] = True
            out = chunker(start, chunk)
            if out is not None:
                yield out
        if not empty["seen"] and kind not in GEO_KINDS:
            raise InputError(f"Filen {file} innehåller inga datarader.", f"The file {file} has no data rows.")

    with _bounded_memory(store):
        stats = store.write(
            sources=src,
            variables=new_vars,
            areas=areas,
            geometries=geo,
            observations=observations(),
            replace=replace,
            label=f"filen {file.name}",
            prefer_import=prefer_import,
        )
    result["rows"] = chunker.rows
    result.update(stats)
    if chunker.warnings:
        result.setdefault("warnings", []).extend(sv for sv, _ in chunker.warnings)
        result.setdefault("warnings_en", []).extend(en for _, en in chunker.warnings)
    return result
