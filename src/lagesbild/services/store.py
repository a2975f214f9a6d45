"""Use cases shared by the CLI and the web app (layer 5). No presentation here."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from lagesbild._config import Settings
from lagesbild.errors import InputError, NotFoundError
from lagesbild.geo import parse_code
from lagesbild.i18n import pair

if TYPE_CHECKING:
    from lagesbild.store.db import Store

__all__ = [
    "open_store",
    "init_store",
    "import_file",
    "import_key",
    "list_areas",
    "newest_version",
    "show_area",
    "export",
    "require_kommun",
    "require_year",
]


def open_store(
    path: str | Path | None, *, settings: Settings, read_only: bool = False, upgradable: bool = False
) -> Store:
    """Open the analytical store at ``path`` (see :func:`lagesbild.store.open_store`).

    Parameters
    ----------
    path : str, Path or None
        The store file (None: the ``store`` setting).
    settings : Settings
        The resolved settings.
    read_only : bool, default False
        Open for reading only.
    upgradable : bool, default False
        Allow opening a store whose schema must first be upgraded.

    Returns
    -------
    Store
        The open store (a context manager).
    """
    from lagesbild.store import open_store as _open

    return _open(path, settings=settings, read_only=read_only, upgradable=upgradable)


def init_store(
    settings: Settings, *, force: bool = False, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Create the store and load the bundled data.

    The store is built in a temporary file next to the target and moved into place when
    complete, so an interrupted ``init`` never leaves a half-built store.

    Parameters
    ----------
    settings : Settings
        The resolved settings (``store``, ``write_wait_s``).
    force : bool, default False
        Rebuild even when the store exists and holds data.
    progress : callable, optional
        Called with a step description as the bundled data load.

    Returns
    -------
    dict
        The store's summary (what it holds).
    """
    from lagesbild.store import open_store
    from lagesbild.store.bundled import load_bundled

    target = Path(settings.store)
    if target.exists() and not force:
        with open_store(target, settings=settings, read_only=True) as st:
            if not st.is_empty():
                return st.summary()
    tmp = target.with_name(target.name + ".building")
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open_store(tmp, settings=settings) as st:
            summary = load_bundled(st, progress)
            st.sql("CHECKPOINT")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if progress is not None and hasattr(progress, "close"):
            progress.close()
    from lagesbild.store.generations import WriterLock, writer_lock_path

    # swapped in as the store's next generation: under its writer lock, so that an import
    # running meanwhile is not overwritten and the app moves to the new file at its next query
    with WriterLock(str(target), settings.write_wait_s):
        os.replace(tmp, target)
        Path(str(target) + ".wal").unlink(missing_ok=True)
    Path(writer_lock_path(str(tmp))).unlink(missing_ok=True)
    return summary


def import_file(
    store: Store,
    file: Path,
    mapping: Path,
    *,
    replace: bool = False,
    prefer_import: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Validate and import one file through its mapping (all rows or none).

    Values that would supersede official ones (SCB, Kolada, …) for the same area, year and
    variable stop the import unless ``prefer_import``. ``progress(done, total)`` is called as
    the file is read (see docs/import.md).

    Parameters
    ----------
    store : Store
        The open store.
    file : Path
        The data file (CSV, Excel, Parquet, …).
    mapping : Path
        The mapping file (YAML) that says how its columns become observations.
    replace : bool, default False
        Replace values the store already holds from an earlier import of the same source.
    prefer_import : bool, default False
        Let imported values supersede official ones.
    progress : callable, optional
        ``progress(done, total)`` as the file is read.

    Returns
    -------
    dict
        Summary of the import (rows written, source id, …).
    """
    from lagesbild.grid import is_grid_level
    from lagesbild.store.importer import import_file as _imp
    from lagesbild.store.mapping import load_mapping

    if is_grid_level(load_mapping(Path(mapping)).level):  # grid cells are registered first (docs/grid.md)
        from lagesbild.store.grid_cells import import_grid

        return import_grid(
            store, Path(file), Path(mapping), replace=replace, prefer_import=prefer_import, progress=progress
        )
    return _imp(store, Path(file), Path(mapping), replace=replace, prefer_import=prefer_import, progress=progress)


def import_key(store: Store, file: Path, **kw: Any) -> dict[str, Any]:
    """Validate and import a key to an own area set (all or nothing).

    Parameters
    ----------
    store : Store
        The open store.
    file : Path
        The key file.
    **kw
        ``from_version``, ``to_version``, ``kommun``, ``replace`` (see :func:`lagesbild.store.keys.import_key`).

    Returns
    -------
    dict
        Summary of the import.
    """
    from lagesbild.store.keys import import_key as _imp

    return _imp(store, Path(file), **kw)


def newest_version(store: Store, level: str, *, kommun: str | None = None, lan: str | None = None) -> str | None:
    """The newest geography version of ``level`` the store holds (for the kommun or län), by the
    year in its name (``RegSO2025`` before ``RegSO2020``); None when the level has no versions.

    Parameters
    ----------
    store : Store
        The open store.
    level : str
        Area level.
    kommun, lan : str, optional
        Restrict to one kommun or län.

    Returns
    -------
    str or None
        The version name.
    """
    import re

    have = store.areas(level=level, kommun=kommun, lan=lan)["version"].unique().tolist()
    if not have:
        return None
    return max(have, key=lambda v: (int(m.group(1)) if (m := re.search(r"(\d{4})", str(v))) else -1, str(v)))


def list_areas(
    store: Store,
    *,
    level: str | None = None,
    kommun: str | None = None,
    version: str | None = None,
    lan: str | None = None,
) -> pd.DataFrame:
    """Areas; for DeSO and RegSO the newest version by default (``attrs["version"]`` says which,
    ``attrs["versions"]`` lists all the store holds), an older one with ``version``.

    Parameters
    ----------
    store : Store
        The open store.
    level : str, optional
        Area level (all levels by default).
    kommun, lan : str, optional
        Restrict to one kommun or län.
    version : str, optional
        Geography version (DeSO/RegSO).

    Returns
    -------
    pandas.DataFrame
        ``code, name, level, version, parent_code, kommun``.

    Raises
    ------
    NotFoundError
        If the kommun does not exist.
    InputError
        If the version does not exist (the message lists those that do).
    """
    if kommun is not None:
        parse_code(kommun, "kommun")
        if store.areas(level="kommun", codes=[kommun]).empty:
            raise NotFoundError(f"Kommunen {kommun} finns inte.", f"The kommun {kommun} does not exist.")
    from lagesbild.store.versions import VERSIONED_LEVELS, check_version, level_of_version, versions_of

    versions: list[str] = []
    if level is None and version is not None:  # --version RegSO2020 alone names its level
        level = level_of_version(store, version)
        if level is None:
            raise InputError(*pair("fetch.no_such_version", version=version, level="regso/deso",
                                   versions=", ".join(_all_versions(store)) or "–"))
    if level in VERSIONED_LEVELS:
        versions = versions_of(store, level, kommun=kommun, lan=lan)
        if version is None:
            version = newest_version(store, level, kommun=kommun, lan=lan)
        else:
            check_version(version, versions, level=level)
    df = store.areas(level=level, kommun=kommun, version=version, lan=lan)
    df = df[["code", "name", "level", "version", "parent_code", "kommun"]]
    df.attrs.update(version=version, versions=versions)
    return df


def show_area(store: Store, code: str, *, year: int | None = None, version: str | None = None) -> dict[str, Any]:
    """One area and its stored values.

    A RegSO or DeSO code is shown on the newest version of its level that has values for the
    request; values published on an older version are carried over through the store's key and
    marked ``approximate`` where the name or boundary may have changed (see
    :mod:`lagesbild.store.versions`). An older version on request with ``version``.

    Parameters
    ----------
    store : Store
        The open store.
    code : str
        Area code, possibly with SCB's vintage suffix (see :func:`lagesbild.geo.parse_code`).
    year : int, optional
        Only this year's values.
    version : str, optional
        Geography version (default: the newest with values).

    Returns
    -------
    dict
        ``area`` (the area's row), ``version`` (the version shown), ``versions`` (the versions of
        the area, newest first) and ``values`` (a frame: year, variable, label, value, unit,
        source_id, source, data_version, approximate).

    Raises
    ------
    NotFoundError
        If the area, or its values for ``year``, do not exist.
    InputError
        If the area has no such version (the message lists those it has).
    """
    from lagesbild.store.versions import VERSIONED_LEVELS, check_version, versions_of

    parsed = parse_code(code) if not store.areas(codes=[code]).shape[0] else None
    bare = parsed.code if parsed else code
    version = version or (parsed.version if parsed else None)
    found = store.areas(codes=[bare])
    level = str(found["level"].iloc[0]) if not found.empty else None
    versions: list[str] = []
    if level in VERSIONED_LEVELS:
        versions = [v for v in versions_of(store, level) if v in set(found["version"])]
        if version is not None:
            check_version(version, versions, level=level)
        obs = None
        for v in [version] if version is not None else versions:
            obs = _values_on(store, bare, level, v, year)
            if not obs.empty or version is not None:
                version = v
                break
        if obs is None or obs.empty:
            version = version or versions[0]
            obs = _values_on(store, bare, level, version, year)
    else:
        obs = store.observations(codes=[bare], version=version, year=year)
        if version is None and not obs.empty:  # the version that holds the values asked for
            version = obs["area_version"].value_counts().index[0]
            obs = obs[obs["area_version"] == version]
        obs = obs.assign(data_version=obs["area_version"], approximate=False)
    area = store.area(bare, version)
    if year is not None and obs.empty:
        raise NotFoundError(f"Inga värden för {bare} år {year}.", f"No values for {bare} in {year}.")
    meta = store.variables()
    obs = obs.assign(label=obs["variable"].map(meta["label_sv"]), unit=obs["variable"].map(meta["unit"]))
    src = store.sources().set_index("id")
    obs = obs.assign(source=[_source_name(src, sid) for sid in obs["source_id"]])
    values = obs[["year", "variable", "label", "value", "unit", "source_id", "source", "data_version",
                  "approximate"]].reset_index(drop=True)
    return {"area": {k: (None if pd.isna(v) else v) for k, v in area.items()}, "version": area.get("version"),
            "versions": versions, "values": values}


def _values_on(store: Store, code: str, level: str, version: str, year: int | None) -> pd.DataFrame:
    """The values of area ``code`` shown on ``version``: its own and those keyed to it."""
    from lagesbild.store.versions import on_version

    keys = store.area_keys(to_version=version)
    codes = sorted({code} | set(keys.loc[keys["to_code"] == code, "from_code"]))
    obs = store.observations(codes=codes, level=level, year=year)
    out = on_version(store, obs, version)
    return out[out["area_code"] == code]


def _all_versions(store: Store) -> list[str]:
    """Every version of the versioned levels (RegSO, DeSO) in the store, newest first."""
    from lagesbild.store.versions import VERSIONED_LEVELS, versions_of

    return [v for level in VERSIONED_LEVELS for v in versions_of(store, level)]


def _source_name(sources: pd.DataFrame, sid: str) -> str:
    """'SCB TAB6574, hämtad 2026-12-04' for a source id (the id itself when it is not registered)."""
    if sid not in sources.index:
        return str(sid)
    r = sources.loc[sid]
    parts = [str(x) for x in (r.get("publisher"), r.get("table_id")) if x is not None and x == x and str(x)]
    when = r.get("retrieved_at")
    text = " ".join(parts) or str(sid)
    if when is not None and when == when:
        text += f", {str(when)[:10]}"
    return text


def export(
    store: Store,
    out: Path,
    *,
    fmt: str = "csv",
    kommun: str | None = None,
    level: str | None = None,
    variables: list[str] | None = None,
    years: list[int] | None = None,
    version: str | None = None,
) -> dict[str, Any]:
    """Write observations to CSV, Parquet, Excel or GeoPackage, atomically.

    For RegSO and DeSO the values are written on the newest version of the level that has values
    for the selection (for GeoPackage: that also has boundaries); values published on an older
    version are carried over through the store's key, with the columns ``data_version`` and
    ``approximate`` (see :mod:`lagesbild.store.versions`). An older version with ``version``
    (which alone also names the level).

    Parameters
    ----------
    store : Store
        The open store.
    out : Path
        The file to write.
    fmt : {"csv", "parquet", "xlsx", "gpkg"}
        Output format.
    kommun, level : str, optional
        Restrict to one kommun and/or level.
    variables : list of str, optional
        Restrict to these variables.
    years : list of int, optional
        Restrict to these years.
    version : str, optional
        Geography version of the level (default: the newest with values).

    Returns
    -------
    dict
        ``rows`` (number written), ``version`` (the version written, None for unversioned
        levels) and ``versions`` (those of the level, newest first).

    Raises
    ------
    InputError
        If ``fmt`` or ``version`` is unknown.
    """
    from lagesbild.store.export import export_observations
    from lagesbild.store.versions import (
        VERSIONED_LEVELS,
        check_version,
        level_of_version,
        newest_with_data,
        versions_of,
    )

    if level is None and version is not None:
        level = level_of_version(store, version)
        if level is None:
            raise InputError(*pair("fetch.no_such_version", version=version, level="regso/deso",
                                   versions=", ".join(_all_versions(store)) or "–"))
    versions: list[str] = []
    if level in VERSIONED_LEVELS:
        versions = versions_of(store, level, kommun=kommun)
        if version is not None:
            check_version(version, versions, level=level)
        elif versions:
            obs = store.observations(variables, level=level, kommun=kommun, year=years)
            usable = None
            if fmt == "gpkg":
                def usable(v: str) -> bool:
                    return _has_boundaries(store, level, kommun, v)
            version = newest_with_data(store, obs, versions, usable) or versions[0]
    n = export_observations(store, Path(out), fmt=fmt, kommun=kommun, level=level, variables=variables,
                            years=years, version=version)
    return {"rows": n, "version": version if level in VERSIONED_LEVELS else None, "versions": versions}


def _has_boundaries(store: Store, level: str, kommun: str | None, version: str) -> bool:
    df = store.sql("SELECT count(*) AS n FROM area_geometries g JOIN areas a ON a.code = g.code AND "
                   "a.version = g.version WHERE a.level = ? AND g.version = ? AND (? IS NULL OR a.kommun = ?)",
                   [level, version, kommun, kommun])
    return int(df["n"].iloc[0]) > 0


def require_kommun(store: Store, kommun: str) -> dict[str, Any]:
    """Validate a kommun code and return the area (NotFoundError / SchemaError otherwise).

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Four-digit kommun code.

    Returns
    -------
    dict
        The kommun's area row.

    Raises
    ------
    SchemaError
        If the code is malformed.
    NotFoundError
        If no such kommun exists.
    """
    parse_code(kommun, "kommun")
    from lagesbild.services import area_index

    # a kommun page validates its kommun in every block: every kommun read once per store generation
    row = area_index.area_names(store, "kommun").get(kommun)
    if row is None:
        raise NotFoundError(
            f"Kommunkoden {kommun} finns inte (290 kommuner, t.ex. 1480 Göteborg).",
            f"The kommun code {kommun} does not exist (290 kommuner, e.g. 1480 Göteborg).",
        )
    return dict(row)


def require_year(store: Store, year: int, variable: str | None = None) -> int:
    """``year`` if the store holds values for it (of ``variable``, or of any variable).

    Parameters
    ----------
    store : Store
        The open store.
    year : int
        The year.
    variable : str, optional
        Restrict to this variable.

    Returns
    -------
    int
        ``year``.

    Raises
    ------
    NotFoundError
        Listing the available years.
    """
    years = store.years(variable)
    if year not in years:
        raise NotFoundError(
            f"Året {year} saknas"
            + (f" för {variable}" if variable else "")
            + f"; tillgängliga år: {', '.join(map(str, years)) or 'inga'}.",
            f"The year {year} is missing"
            + (f" for {variable}" if variable else "")
            + f"; available years: {', '.join(map(str, years)) or 'none'}.",
        )
    return year
