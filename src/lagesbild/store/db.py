"""The DuckDB store: one narrow interface, one write path.

Callers read tidy DataFrames (``observations``), unit × group count matrices (``counts``),
areas, variables and geometries, and write everything in one transaction (``write``).
Nothing else touches SQL, so a PostgreSQL backend can implement the same methods later.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from lagesbild._config import Settings, resolve_settings
from lagesbild._version import __version__
from lagesbild.errors import ConflictError, InputError, LagesbildError, NotFoundError
from lagesbild.geo import LEVEL_ORDER, LEVELS
from lagesbild.i18n import pair
from lagesbild.store.access import StoreAccess
from lagesbild.store.aggregate import aggregate, needed_variables
from lagesbild.store.schema import OBS_KEY, SCHEMA_VERSION, create_schema

__all__ = ["Store", "open_store"]

_AREA_COLS = ["code", "version", "level", "name", "parent_code", "parent_version", "kommun", "lan"]
_VAR_COLS = ["id", "label_sv", "label_en", "unit", "kind", "numerator", "denominator", "weight",
             "source", "description"]
_SRC_COLS = ["id", "publisher", "table_id", "file", "licence", "attribution", "retrieved_at",
             "sha256", "note"]
_GEOM_COLS = ["code", "version", "boundary_version", "crs", "geometry", "geometry_simplified",
              "derivation", "source_id"]
_KEY_COLS = ["from_code", "from_version", "to_code", "to_version", "weight", "note", "source_id"]
_GROUP_COLS = ["grouping", "group_code", "group_name", "area_code", "area_version", "source_id"]
_OBS_COLS = [*OBS_KEY[:4], "value", "source_id", "status"]


def _where(eq: dict[str, object], inn: dict[str, list | None] | None = None,
           kommun: tuple[str, str, str | None] | None = None) -> tuple[str, list]:
    """Build a parameterised WHERE clause: ``col = ?`` for each non-None value in ``eq``,
    ``col IN (?, …)`` for each non-None list in ``inn`` (an empty list matches nothing), and
    ``(kommun_col = ? OR code_col = ?)`` for ``kommun = (kommun_col, code_col, value)``."""
    where, params = [], []
    for col, val in eq.items():
        if val is not None:
            where.append(f"{col} = ?")
            params.append(val)
    for col, vals in (inn or {}).items():
        if vals is not None:
            where.append(f"{col} IN ({','.join('?' * len(vals))})" if vals else "FALSE")
            params += list(vals)
    if kommun is not None and kommun[2] is not None:
        where.append(f"({kommun[0]} = ? OR {kommun[1]} = ?)")
        params += [kommun[2], kommun[2]]
    return (("WHERE " + " AND ".join(where)) if where else ""), params


def _as_list(x) -> list | None:
    if x is None:
        return None
    if isinstance(x, str | int):
        return [x]
    return list(x)


class Store(StoreAccess):
    """A lagesbild store on a DuckDB connection.

    Use :func:`open_store` to get one. All writes go through :meth:`write`, which runs in one
    transaction: everything is written or nothing is.
    """

    def is_empty(self) -> bool:
        return int(self.sql("SELECT count(*) AS n FROM areas")["n"].iloc[0]) == 0

    # ------------------------------------------------------------------ reads
    def areas(self, level: str | None = None, kommun: str | None = None, version: str | None = None,
              codes: Iterable[str] | None = None, lan: str | None = None) -> pd.DataFrame:
        """Areas as a DataFrame (``code, version, level, name, parent_code, …``)."""
        if level is not None and level not in LEVELS:
            raise InputError(f"Okänd nivå '{level}'. Giltiga nivåer: {', '.join(LEVELS)}.",
                             f"Unknown level '{level}'. Valid levels: {', '.join(LEVELS)}.")
        clause, params = _where({"level": level, "lan": lan, "version": version},
                                {"code": _as_list(codes)}, ("kommun", "code", kommun))
        return self.sql(f"SELECT * FROM areas {clause} ORDER BY level, version, code", params)

    def area(self, code: str, version: str | None = None) -> dict:
        """One area as a dict; :class:`NotFoundError` if it does not exist."""
        df = self.areas(codes=[code], version=version)
        if df.empty:
            raise NotFoundError(f"Området {code} finns inte i lagret.",
                                f"The area {code} is not in the store.")
        # prefer the newest version when several exist
        return df.sort_values("version").iloc[-1].to_dict()

    def kommuner(self) -> list[str]:
        """Codes of all kommuner in the store (read once per generation of the store)."""
        from lagesbild.store.generations import per_generation

        return list(per_generation(self, ("store.kommuner",), lambda: self.areas(level="kommun")["code"].tolist()))

    def variables(self) -> pd.DataFrame:
        """The variable catalogue indexed by id (read once per generation of the store; a copy)."""
        from lagesbild.store.generations import per_generation

        return per_generation(self, ("store.variables",), lambda: self.sql(
            "SELECT * FROM variables ORDER BY id").set_index("id", drop=False)).copy()

    def variable(self, var: str) -> dict:
        meta = self.variables()
        if var not in meta.index:
            raise NotFoundError(f"Variabeln '{var}' finns inte i lagret.",
                                f"The variable '{var}' is not in the store.")
        return meta.loc[var].to_dict()

    def sources(self) -> pd.DataFrame:
        """The sources table (read once per generation of the store; a copy)."""
        from lagesbild.store.generations import per_generation

        return per_generation(self, ("store.sources",), lambda: self.sql("SELECT * FROM sources ORDER BY id")).copy()

    def years(self, variable: str | None = None, level: str | None = None) -> list[int]:
        """Years with observations (of ``variable``, at ``level``), read once per generation of the store."""
        from lagesbild.store.generations import per_generation

        return list(per_generation(self, ("store.years", variable, level), lambda: self._years(variable, level)))

    def _years(self, variable: str | None, level: str | None) -> list[int]:
        q = "SELECT DISTINCT o.year FROM observations o"
        where, params = [], []
        if level:
            q += " JOIN areas a ON a.code = o.area_code AND a.version = o.area_version"
            where.append("a.level = ?")
            params.append(level)
        if variable:
            where.append("o.variable = ?")
            params.append(variable)
        if where:
            q += " WHERE " + " AND ".join(where)
        return sorted(int(y) for y in self.sql(q, params)["year"])

    def observations(self, variables: Iterable[str] | str | None = None, *, level: str | None = None,
                     kommun: str | None = None, year: int | Iterable[int] | None = None,
                     version: str | None = None, codes: Iterable[str] | None = None,
                     source: str | None = None, all_sources: bool = False) -> pd.DataFrame:
        """Tidy observations: ``area_code, area_version, level, name, year, variable, value,
        source_id, status``.

        The same area, year and variable may be held from several sources (bundled data and a
        later fetch from SCB, say). Unless ``source`` names one or ``all_sources`` is true, one
        value per key is returned: that of the most recently retrieved source.
        """
        years = _as_list(year)
        clause, params = _where({"a.level": level, "o.area_version": version, "o.source_id": source},
                                {"o.variable": _as_list(variables),
                                 "o.year": None if years is None else [int(y) for y in years],
                                 "o.area_code": _as_list(codes)}, ("a.kommun", "a.code", kommun))
        latest = "" if (all_sources or source) else (
            "QUALIFY row_number() OVER (PARTITION BY o.area_code, o.area_version, o.year, o.variable "
            "ORDER BY s.retrieved_at DESC NULLS LAST, o.source_id DESC) = 1 ")
        return self.sql(
            "SELECT o.area_code, o.area_version, a.level, a.name, o.year, o.variable, o.value, "
            "o.source_id, o.status FROM observations o JOIN areas a "
            "ON a.code = o.area_code AND a.version = o.area_version "
            "LEFT JOIN sources s ON s.id = o.source_id "
            f"{clause} {latest}ORDER BY o.variable, o.year, o.area_code", params)

    def counts(self, groups: list[str], level: str, kommun: str | None = None, year: int | None = None,
               version: str | None = None) -> pd.DataFrame:
        """A unit × group count matrix for one year.

        Reads the variables at ``level`` directly where they are stored there, otherwise
        aggregates them upward from the finest level that has them (counts only).

        Returns
        -------
        DataFrame
            Index = area code (named ``unit``), one float column per group variable.
        """
        groups = list(groups)
        meta = self.variables()
        for g in groups:
            if g not in meta.index:
                raise NotFoundError(f"Variabeln '{g}' finns inte i lagret.",
                                    f"The variable '{g}' is not in the store.")
            if meta.loc[g, "kind"] != "count":
                raise InputError(
                    f"Variabeln '{g}' är av typen {meta.loc[g, 'kind']}, inte antal; en "
                    "gruppmatris kräver antal.",
                    f"The variable '{g}' is of kind {meta.loc[g, 'kind']}, not count; a group "
                    "matrix needs counts.")
        if year is None:
            yrs = self.years(groups[0])
            if not yrs:
                raise NotFoundError(f"Inga värden för '{groups[0]}'.", f"No values for '{groups[0]}'.")
            year = yrs[-1]
        tidy = self.observations_at(groups, level=level, kommun=kommun, year=year, version=version)
        if tidy.empty:
            where = f" i kommun {kommun}" if kommun else ""
            raise NotFoundError(
                f"Inga värden för {', '.join(groups)} på nivån {level}{where} år {year}.",
                f"No values for {', '.join(groups)} at level {level}"
                f"{' in kommun ' + kommun if kommun else ''} in {year}.")
        mat = tidy.pivot_table(index="area_code", columns="variable", values="value", aggfunc="first")
        mat = mat.reindex(columns=groups).astype("float64")
        mat.index.name = "unit"
        mat.columns.name = None
        return mat

    def observations_at(self, variables: list[str], *, level: str, kommun: str | None = None,
                        year: int | Iterable[int] | None = None,
                        version: str | None = None) -> pd.DataFrame:
        """Observations at ``level``: stored ones, or aggregated from a finer level.

        Returns the tidy columns ``area_code, year, variable, value`` (plus ``derived`` =
        True where aggregated).
        """
        direct = self.observations(variables, level=level, kommun=kommun, year=year, version=version)
        have = set(direct["variable"])
        missing = [v for v in variables if v not in have]
        out = [direct[["area_code", "year", "variable", "value"]].assign(derived=False)]
        if missing and level in LEVEL_ORDER:
            meta = self.variables()
            target = {"riket": None, "lan": "lan", "kommun": "kommun", "regso": "parent_code"}.get(level)
            for finer in LEVEL_ORDER[LEVEL_ORDER.index(level) + 1:]:
                if not missing:
                    break
                low = self.observations(needed_variables(missing, meta), level=finer, kommun=kommun, year=year)
                if low.empty:
                    continue
                vers = low["area_version"].mode().iloc[0]
                low = low[low["area_version"] == vers]
                present = set(low["variable"])
                # each variable goes up from the nearest finer level that holds all it needs
                here = [v for v in missing if set(needed_variables([v], meta)) <= present]
                if not here:
                    continue
                areas = self.areas(level=finer, version=vers, kommun=kommun)
                to = "riket" if target is None else areas[target]
                mapping = pd.DataFrame({"from_code": areas["code"], "to_code": to}).dropna()
                out.append(aggregate(low, mapping, here, meta).assign(derived=True))
                missing = [v for v in missing if v not in here]
        if missing and version is not None and level not in LEVEL_ORDER:
            out.append(self._aggregate_by_key(missing, version, kommun, year))
        return pd.concat(out, ignore_index=True)

    def _aggregate_by_key(self, variables: list[str], version: str, kommun, year) -> pd.DataFrame:
        """Aggregate to an own area set through its key (e.g. DeSO2025 → primärområden)."""
        keys = self.area_keys(to_version=version)
        meta = self.variables()
        need = needed_variables(variables, meta)
        for from_version, key in keys.groupby("from_version"):
            low = self.observations(need, version=from_version, kommun=kommun, year=year)
            if low.empty:
                continue
            agg = aggregate(low, key[["from_code", "to_code", "weight"]], variables, meta)
            return agg.assign(derived=True)
        return pd.DataFrame(columns=["area_code", "year", "variable", "value", "derived"])

    def area_groups(self, grouping: str | None = None, area_code: str | None = None) -> pd.DataFrame:
        where, params = [], []
        if grouping:
            where.append("grouping = ?")
            params.append(grouping)
        if area_code:
            where.append("group_code IN (SELECT group_code FROM area_groups WHERE area_code = ?"
                         + (" AND grouping = ?" if grouping else "") + ")")
            params += [area_code] + ([grouping] if grouping else [])
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        return self.sql(f"SELECT * FROM area_groups {clause} ORDER BY grouping, group_code, area_code",
                        params)

    def area_keys(self, from_version: str | None = None, to_version: str | None = None) -> pd.DataFrame:
        clause, params = _where({"from_version": from_version, "to_version": to_version})
        return self.sql(f"SELECT * FROM area_keys {clause}", params)

    def geometries(self, *, level: str | None = None, kommun: str | None = None,
                   version: str | None = None, codes: Iterable[str] | None = None,
                   simplified: bool = False):
        """Area geometries as a GeoDataFrame in EPSG:3006 (``code, version, name, geometry``)."""
        from lagesbild._compat import import_optional

        gpd = import_optional("geopandas", "geo")
        shapely = import_optional("shapely", "geo")
        areas = self.areas(level=level, kommun=kommun, version=version, codes=codes)
        col = "geometry_simplified" if simplified else "geometry"
        g = self.sql(f"SELECT code, version, boundary_version, derivation, {col} AS wkb "
                     "FROM area_geometries")
        df = areas.merge(g, on=["code", "version"], how="inner")
        geoms = shapely.from_wkb(df.pop("wkb").map(lambda b: bytes(b) if b is not None else None))
        return gpd.GeoDataFrame(df, geometry=geoms, crs=self.settings.crs)

    def summary(self) -> dict:
        """Counts of what the store holds, for `lagesbild demo` and `init`."""
        per_level = self.sql("SELECT level, version, count(*) AS n FROM areas GROUP BY 1, 2 "
                             "ORDER BY 1, 2")
        obs = self.sql("SELECT count(*) AS n, min(year) AS y0, max(year) AS y1, "
                       "count(DISTINCT variable) AS nv FROM observations")
        geoms = self.sql("SELECT version, count(*) AS n FROM area_geometries GROUP BY 1 ORDER BY 1")
        return {
            "areas": per_level.to_dict("records"),
            "observations": int(obs["n"].iloc[0]),
            "years": [None if pd.isna(obs["y0"].iloc[0]) else int(obs["y0"].iloc[0]),
                      None if pd.isna(obs["y1"].iloc[0]) else int(obs["y1"].iloc[0])],
            "variables": int(obs["nv"].iloc[0]),
            "geometries": geoms.to_dict("records"),
            "sources": int(self.sql("SELECT count(*) AS n FROM sources")["n"].iloc[0]),
        }

    # ------------------------------------------------------------------ the write path
    def write(self, *, observations: pd.DataFrame | Iterable[pd.DataFrame] | None = None,
        areas: pd.DataFrame | None = None,
              variables: pd.DataFrame | None = None, sources: pd.DataFrame | None = None,
              geometries: pd.DataFrame | None = None, keys: pd.DataFrame | None = None,
              groups: pd.DataFrame | None = None, replace: bool = False,
              label: str = "indata", replace_keys: tuple[str, str] | None = None,
              prefer_import: bool | None = None) -> dict:
        """Write everything in one transaction; all rows or none.

        Sources, variables, areas, geometries, keys and groups are upserted by their key.
        Observations already present with the same value are skipped (idempotent
        re-import); a different value for the same (area, version, year, variable, source) is
        a :class:`ConflictError` unless ``replace`` is true. ``replace_keys=(from_version,
        to_version)`` first deletes the stored key between those versions. ``prefer_import``
        (imports pass True or False; fetchers leave it None) runs
        :func:`lagesbild.store.precedence.check_import`: an import whose values would supersede
        official ones is refused unless it is True.

        Returns
        -------
        dict
            Rows inserted, replaced and unchanged per table.
        """
        stats: dict[str, int] = {}
        with self.transaction() as con:
            if replace_keys is not None:
                con.execute("DELETE FROM area_keys WHERE from_version = ? AND to_version = ?",
                            list(replace_keys))
            for name, df, cols, key in (
                ("sources", sources, _SRC_COLS, ["id"]),
                ("variables", variables, _VAR_COLS, ["id"]),
                ("areas", areas, _AREA_COLS, ["code", "version"]),
                ("area_geometries", geometries, _GEOM_COLS, ["code", "version"]),
                ("area_keys", keys, _KEY_COLS, ["from_code", "from_version", "to_code", "to_version"]),
                ("area_groups", groups, _GROUP_COLS, ["grouping", "group_code", "area_code",
                                                      "area_version"]),
            ):
                if df is not None and len(df):
                    stats[name] = self._upsert(con, name, df, cols, key)
            if observations is not None and (not isinstance(observations, pd.DataFrame)
                                             or len(observations)):
                stats.update(self._write_observations(con, observations, replace, label, prefer_import))
        return stats

    @staticmethod
    def _upsert(con, table: str, df: pd.DataFrame, cols: list[str], key: list[str]) -> int:
        df = df.reindex(columns=cols).drop_duplicates(subset=key, keep="last")
        con.register("_incoming", df)
        try:
            cond = " AND ".join(f"t.{k} = i.{k}" for k in key)
            con.execute(f"DELETE FROM {table} t WHERE EXISTS (SELECT 1 FROM _incoming i WHERE {cond})")
            con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM _incoming")
        finally:
            con.unregister("_incoming")
        return len(df)

    @staticmethod
    def _write_observations(con, obs, replace: bool, label: str,
                            prefer_import: bool | None = None) -> dict[str, int]:
        """Stage observations (a DataFrame or an iterable of DataFrames, streamed chunk by
        chunk), check them against the store, then insert.

        Each chunk is written to a Parquet file in a temporary folder and the checks read them
        through a view: nothing of the file is held in memory (a DuckDB temporary table grows
        with the file; 3 M rows took 1.1 GB), so an import's peak memory is bounded by one chunk.
        """
        import shutil
        import tempfile

        stage = Path(tempfile.mkdtemp(prefix="lagesbild-stage-"))
        try:
            return Store._write_staged(con, obs, replace, label, prefer_import, stage)
        finally:
            with contextlib.suppress(duckdb.Error):
                con.execute("DROP VIEW IF EXISTS _incoming_obs")
            shutil.rmtree(stage, ignore_errors=True)

    @staticmethod
    def _write_staged(con, obs, replace: bool, label: str, prefer_import: bool | None, stage: Path) -> dict[str, int]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        chunks = [obs] if isinstance(obs, pd.DataFrame) else obs
        n = 0
        where = str(stage).replace("'", "''")
        schema = pa.schema([("area_code", pa.string()), ("area_version", pa.string()), ("year", pa.int32()),
                            ("variable", pa.string()), ("value", pa.float64()), ("source_id", pa.string()),
                            ("status", pa.string())])
        writer = None
        try:
            for chunk in chunks:
                if chunk is None or not len(chunk):
                    continue
                chunk = chunk.reindex(columns=_OBS_COLS)
                table = pa.Table.from_arrays([_arrow(chunk[f.name], f.type) for f in schema], schema=schema)
                if writer is None:
                    writer = pq.ParquetWriter(stage / "obs.parquet", schema)
                writer.write_table(table)
                n += len(chunk)
        finally:
            if writer is not None:
                writer.close()
        if n:
            con.execute("CREATE OR REPLACE TEMP VIEW _incoming_obs AS "
                        f"SELECT * FROM read_parquet('{where}/obs.parquet')")
        else:
            con.execute("CREATE OR REPLACE TEMP VIEW _incoming_obs AS SELECT NULL::VARCHAR AS area_code, "
                        "NULL::VARCHAR AS area_version, NULL::INTEGER AS year, NULL::VARCHAR AS variable, "
                        "NULL::DOUBLE AS value, NULL::VARCHAR AS source_id, NULL::VARCHAR AS status WHERE false")
        key = " AND ".join(f"o.{k} = i.{k}" for k in OBS_KEY)
        dup = con.execute(
            "SELECT area_code, area_version, year, variable, count(*) AS n FROM _incoming_obs "
            "GROUP BY ALL HAVING count(*) > 1 LIMIT 3").fetchall()
        if dup:
            ex = ", ".join(f"{a}/{y}/{v}" for a, _, y, v, _ in dup)
            raise InputError(f"Dubblettrader i {label}: samma område, år och variabel förekommer flera "
                             f"gånger (t.ex. {ex}).",
                             f"Duplicate rows in {label}: the same area, year and variable occur more "
                             f"than once (e.g. {ex}).")
        missing = con.execute(
            "SELECT DISTINCT i.area_code, i.area_version FROM _incoming_obs i ANTI JOIN areas a "
            "ON a.code = i.area_code AND a.version = i.area_version LIMIT 3").fetchall()
        if missing:
            ex = ", ".join(f"{c} ({v})" for c, v in missing)
            raise InputError(f"Okända områden i {label}: {ex} finns inte i områdestabellen för den "
                             "angivna versionen.",
                             f"Unknown areas in {label}: {ex} are not in the areas table for the "
                             "declared version.")
        unknown_var = con.execute("SELECT DISTINCT variable FROM _incoming_obs ANTI JOIN variables v "
                                  "ON v.id = variable LIMIT 3").fetchall()
        if unknown_var:
            raise InputError(f"Okända variabler i {label}: {', '.join(r[0] for r in unknown_var)}.",
                             f"Unknown variables in {label}: {', '.join(r[0] for r in unknown_var)}.")
        extra = {}
        if prefer_import is not None:
            from lagesbild.store.precedence import check_import

            extra["observations_superseding_official"] = check_import(con, prefer_import=prefer_import,
                                                                      label=label)
        conflicts = con.execute(
            f"SELECT i.area_code, i.year, i.variable, o.value, i.value FROM _incoming_obs i JOIN "
            f"observations o ON {key} WHERE o.value IS DISTINCT FROM i.value").fetchall()
        n_conf = len(conflicts)
        if n_conf and not replace:
            a, y, v, old, new = conflicts[0]
            raise ConflictError(
                f"{n_conf} värden i {label} skiljer sig från dem som redan finns i lagret (t.ex. "
                f"{a} {y} {v}: {old} i lagret, {new} i filen). Använd --replace för att ersätta.",
                f"{n_conf} values in {label} differ from those already in the store (e.g. {a} {y} "
                f"{v}: {old} stored, {new} in the file). Use --replace to replace them.")
        same = con.execute(f"SELECT count(*) FROM _incoming_obs i JOIN observations o ON {key} "
                           "WHERE o.value IS NOT DISTINCT FROM i.value").fetchone()[0]
        con.execute(f"DELETE FROM observations o WHERE EXISTS (SELECT 1 FROM _incoming_obs i WHERE {key})")
        con.execute("INSERT INTO observations SELECT * FROM _incoming_obs")
        total = con.execute("SELECT count(*) FROM _incoming_obs").fetchone()[0]
        con.execute("DROP VIEW _incoming_obs")
        return {"observations_inserted": int(total - same - n_conf),
                "observations_replaced": int(n_conf), "observations_unchanged": int(same), **extra}

    def init_schema(self) -> None:
        with self.transaction() as con:
            create_schema(con, __version__)

    def _schema_current(self) -> bool:
        """True when the file has this release's schema; a file of a newer release is refused."""
        try:
            got = self.sql("SELECT value FROM meta WHERE key = 'schema_version'")
        except duckdb.Error:
            return False
        stored = None if got.empty else str(got["value"].iloc[0])
        if stored is not None and stored.isdigit() and int(stored) > int(SCHEMA_VERSION):
            raise LagesbildError(*pair("store.duck_newer", path=self.path, stored=stored,
                                       current=SCHEMA_VERSION, version=__version__))
        return stored == SCHEMA_VERSION


def _arrow(col: pd.Series, typ):
    """One staged column as an Arrow array of ``typ`` (fast path; values converted when needed)."""
    import pyarrow as pa

    try:
        return pa.array(col, type=typ, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        if pa.types.is_string(typ):
            col = col.astype(object).where(col.notna(), None).map(lambda v: v if v is None else str(v))
        elif pa.types.is_integer(typ):
            col = pd.to_numeric(col, errors="coerce").round().astype("Int64")
        else:
            col = pd.to_numeric(col, errors="coerce")
        return pa.array(col, type=typ, from_pandas=True)


def open_store(path: str | Path | None = None, *, settings: Settings | None = None,
               read_only: bool = False, upgradable: bool = False) -> Store:
    """Open the store at ``path`` (default: the ``store`` setting), creating the schema.

    ``":memory:"`` gives an in-memory store (tests). ``read_only=True, upgradable=True`` opens
    an existing file for reading and reopens it for writing at the first write (the CLI).
    """
    settings = settings or resolve_settings()
    path = str(path or settings.store)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise NotFoundError(f"Lagret {path} finns inte. Kör 'lagesbild init' först.",
                            f"The store {path} does not exist. Run 'lagesbild init' first.")
    if path == ":memory:":
        store = Store(duckdb.connect(path), path, settings)
        store.init_schema()
        return store
    from lagesbild.store.generations import Reader, next_generation

    if not Path(path).exists():  # a new store: its first generation, with the schema
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with next_generation(path, settings.write_wait_s) as con:
            create_schema(con, __version__)
    store = Store(Reader(path), path, settings, read_only=read_only)
    store.upgradable = upgradable or not read_only
    if not store._schema_current() and not read_only:
        store.init_schema()  # an older file: create_schema applies the missing steps
    return store
