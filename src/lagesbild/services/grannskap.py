"""Use cases for individualised k-NN neighbourhoods (``lagesbild grannskap``).

Reads a table of grid cells (one row per cell × group, coordinates in EPSG:3006) or the grid
level of the store, computes for every populated cell and every k the people of each group among
the k nearest (:mod:`lagesbild.measures.knn`) and writes one row per cell × k with the columns
``x``, ``y``, ``k``, ``antal_<grupp>`` and ``andel_<grupp>`` (docs/grid.md).

Large jobs run on Dask: spatial tiles with a halo wide enough for the largest k
(:mod:`lagesbild.measures.knn_tiles`), on the cluster at ``scheduler`` or, without one, on a
local cluster when there are at least :data:`LOCAL_CLUSTER_MIN_CELLS` populated cells. The
result is the same as from one process (to rounding, 1e-12).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from lagesbild.errors import InputError, NotFoundError, SchemaError
from lagesbild.i18n import pair

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild.measures.knn import KnnResult
    from lagesbild.store.db import Store

__all__ = ["DEFAULT_KS", "LOCAL_CLUSTER_MIN_CELLS", "parse_ks", "read_cells", "neighbourhoods",
           "neighbourhood_frame", "grannskap_file", "grannskap_cells", "grannskap_store", "knn_profile",
               "share_distribution"]

#: EquiPop's doubling ladder used when no k is given.
DEFAULT_KS = (200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200)
#: Without ``scheduler``, jobs with at least this many populated cells start a local Dask cluster.
LOCAL_CLUSTER_MIN_CELLS = 400_000
#: Side of the Dask tiles in metres.
TILE_SIZE = 50_000.0


def parse_ks(text: str | None) -> list[float]:
    """'200,1600,12800' → [200.0, 1600.0, 12800.0]; positive, distinct, in the order given.

    Parameters
    ----------
    text : str or None
        Comma-separated neighbourhood sizes (None: the default sizes).

    Returns
    -------
    list of float
        The sizes.

    Raises
    ------
    InputError
        If a size is not a positive number or sizes repeat.
    """
    if text is None or not str(text).strip():
        return [float(k) for k in DEFAULT_KS]
    out: list[float] = []
    for part in str(text).replace(" ", "").split(","):
        try:
            k = float(part)
        except ValueError:
            raise InputError(*pair("grid.bad_k", value=text)) from None
        if not np.isfinite(k) or k <= 0:
            raise InputError(*pair("grid.bad_k", value=text))
        if k not in out:
            out.append(k)
    return out


def _read_table(path: Path):
    import pandas as pd

    if not path.exists():
        raise NotFoundError(*pair("grid.file_missing", file=str(path)))
    try:
        if path.suffix.lower() in (".parquet", ".pq", ".geoparquet"):
            return pd.read_parquet(path)
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            head = fh.readline()
        sep = max((";", ",", "\t"), key=head.count)
        return pd.read_csv(path, sep=sep, decimal="," if sep == ";" else ".", encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(*pair("grid.unreadable", file=str(path), why=type(exc).__name__)) from None


def _numeric(df, col: str, file: str, *, allow_missing: bool) -> np.ndarray:
    import pandas as pd

    raw = df[col]
    v = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=np.float64)
    bad = np.isnan(v) & raw.notna().to_numpy() | (np.isinf(v))
    if not allow_missing:
        bad |= raw.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(*pair("grid.bad_number", file=file, row=i + 2, column=col, value=str(raw.iloc[i])))
    return v


def read_cells(path: str | Path, *, x: str, y: str, group: str, weight: str) -> dict[str, Any]:
    """Read one row per cell × group into cells × groups arrays.

    Rows without coordinates are dropped and counted (``utelamnade``); every other problem
    (a missing column, a non-number, a negative weight, degrees instead of metres) is an error
    naming the file, row and column.

    Parameters
    ----------
    path : str or Path
        CSV or Parquet file.
    x, y : str
        Columns of the cell coordinates in metres (EPSG:3006).
    group, weight : str
        Columns of the group name and the number of people.

    Returns
    -------
    dict with ``xy`` (n, 2), ``counts`` (n, G), ``groups`` (names, sorted), ``utelamnade`` (int)
    """
    from lagesbild.privacy import screen_frame

    path = Path(path)
    file = str(path)
    df = _read_table(path)
    for col in (x, y, group, weight):
        if col not in df.columns:
            raise SchemaError(*pair("grid.column_missing", file=file, column=col,
                                    columns=", ".join(map(str, df.columns))))
    screen_frame(df, file=file, columns=[group])
    xs = _numeric(df, x, file, allow_missing=True)
    ys = _numeric(df, y, file, allow_missing=True)
    w = _numeric(df, weight, file, allow_missing=False)
    if (w < 0).any():
        i = int(np.flatnonzero(w < 0)[0])
        raise InputError(*pair("grid.negative_weight", file=file, row=i + 2, column=weight, value=w[i]))
    gcol = df[group]
    if gcol.isna().any():
        i = int(np.flatnonzero(gcol.isna().to_numpy())[0])
        raise InputError(*pair("grid.missing_group", file=file, row=i + 2, column=group))
    keep = ~(np.isnan(xs) | np.isnan(ys))
    dropped = int((~keep).sum())
    xs, ys, w = xs[keep], ys[keep], w[keep]
    names = gcol[keep].astype(str).to_numpy()
    if xs.size and np.abs(xs).max() <= 360 and np.abs(ys).max() <= 360:
        raise InputError(*pair("grid.degrees", file=file, x=x, y=y))
    groups = sorted(set(names.tolist()))
    if not groups:
        raise InputError(*pair("grid.no_people", file=file))
    gi = np.searchsorted(np.array(groups, dtype=object), names)
    xy_rows = np.column_stack([xs, ys])
    cells, cell_of = np.unique(xy_rows, axis=0, return_inverse=True)
    # cells in the order of their first row in the file
    first = np.full(cells.shape[0], xy_rows.shape[0], dtype=np.int64)
    np.minimum.at(first, cell_of.ravel(), np.arange(xy_rows.shape[0]))
    rank = np.empty_like(first)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    cell_of = rank[cell_of.ravel()]
    xy = np.empty_like(cells)
    xy[rank] = cells
    counts = np.zeros((cells.shape[0], len(groups)))
    np.add.at(counts, (cell_of, gi), w)
    if not (counts.sum(axis=1) > 0).any():
        raise InputError(*pair("grid.no_people", file=file))
    return {"xy": xy, "counts": counts, "groups": groups, "utelamnade": dropped}


def neighbourhoods(xy: np.ndarray, counts: np.ndarray, ks: Sequence[float], *, scheduler: Any = None,
                   local_cluster: bool | None = None, tile_size: float = TILE_SIZE) -> tuple[np.ndarray, KnnResult]:
    """k-NN neighbourhoods of every populated cell, in one process or on Dask.

    Parameters
    ----------
    xy : ndarray of shape (n, 2)
        Cell centroids in metres.
    counts : ndarray of shape (n, G)
        People per cell and group.
    ks : sequence of float
        Neighbourhood sizes.
    tile_size : float
        Side of the tiles handed to Dask workers, in metres.
    scheduler : str or dask.distributed.Client, optional
        Address of a running Dask scheduler (``tcp://host:8786``) or a client.
    local_cluster : bool, optional
        Force (True) or forbid (False) a local Dask cluster when no scheduler is given; default:
        only for :data:`LOCAL_CLUSTER_MIN_CELLS` or more populated cells.

    Returns
    -------
    (origins, KnnResult)
        Rows of ``xy`` with people, in order, and their neighbourhoods.
    """
    from lagesbild.measures.knn import knn_neighbourhoods

    xy = np.ascontiguousarray(xy, dtype=np.float64)
    counts = np.ascontiguousarray(counts, dtype=np.float64)
    origins = np.flatnonzero(counts.sum(axis=1) > 0)
    if local_cluster is None:
        local_cluster = origins.size >= LOCAL_CLUSTER_MIN_CELLS
    if scheduler is None and not local_cluster:
        return origins, knn_neighbourhoods(xy, counts, ks, origins=origins)
    return origins, _on_dask(xy, counts, ks, origins, scheduler, tile_size)


def _on_dask(xy, counts, ks, origins, scheduler, tile_size):
    from lagesbild.measures.knn_tiles import assemble, plan_tiles, run_tile, tile_inputs

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is a declared dependency of the grid extra
        raise InputError(*pair("grid.no_dask")) from None
    tiles = plan_tiles(xy, counts, ks, origins=origins, tile_size=tile_size)
    cluster = None
    if isinstance(scheduler, Client):
        client, own = scheduler, False
    elif scheduler:
        try:
            client, own = Client(str(scheduler), timeout="20s"), True
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(*pair("grid.no_scheduler", address=str(scheduler), why=type(exc).__name__)) from None
    else:
        workers = max(1, min(os.cpu_count() or 1, len(tiles)))
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client, own = Client(cluster), True
    try:
        futures = []
        for tile in tiles:
            txy, tc, pos = tile_inputs(xy, counts, tile)
            futures.append(client.submit(run_tile, txy, tc, pos, list(ks), pure=False))
        results = client.gather(futures)
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()
    return assemble(origins.size, tiles, results)


def _k_value(k: float):
    return int(k) if float(k).is_integer() else float(k)


def neighbourhood_frame(xy: np.ndarray, origins: np.ndarray, ks: Sequence[float], result: KnnResult,
                        groups: Sequence[str]) -> pd.DataFrame:
    """One row per origin × k: ``x``, ``y``, ``k``, ``antal_<grupp>``, ``andel_<grupp>``.

    ``andel`` is ``antal`` over the people counted (k, or everybody where the population is
    smaller than k).

    Parameters
    ----------
    xy : ndarray of shape (n, 2)
        Cell centroids.
    origins : ndarray of int
        Rows of ``xy`` the result is for.
    ks : sequence of float
        Neighbourhood sizes.
    result : KnnResult
        From :func:`neighbourhoods`.
    groups : sequence of str
        Group names.

    Returns
    -------
    pandas.DataFrame
        The rows.
    """
    import pandas as pd

    n_o, n_k = result.population.shape
    cols: dict[str, Any] = {
        "x": np.repeat(xy[origins, 0], n_k),
        "y": np.repeat(xy[origins, 1], n_k),
        "k": np.tile(np.array([_k_value(k) for k in ks]), n_o),
    }
    counts = result.counts.reshape(n_o * n_k, -1)
    pop = result.population.reshape(-1, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(pop > 0, counts / np.where(pop > 0, pop, 1.0), np.nan)
    for j, g in enumerate(groups):
        cols[f"antal_{g}"] = counts[:, j]
    for j, g in enumerate(groups):
        cols[f"andel_{g}"] = shares[:, j]
    return pd.DataFrame(cols)


def _write_parquet(df, out: Path) -> None:
    """Parquet, or GeoParquet with point geometries in EPSG:3006 for a ``.geoparquet`` name."""
    from lagesbild._fileio import atomic_path

    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".pq", ".geoparquet"):
        raise InputError(*pair("grid.out_parquet", file=str(out)))
    if suffix == ".geoparquet":
        from lagesbild._compat import import_optional

        gpd = import_optional("geopandas", "geo")
        df = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["x"], df["y"]), crs="EPSG:3006")
    try:
        with atomic_path(out) as tmp:
            df.to_parquet(tmp, index=False)
    except OSError as exc:
        raise InputError(*pair("grid.cannot_write", file=str(out), why=type(exc).__name__)) from None


def grannskap_cells(xy: np.ndarray, counts: np.ndarray, groups: Sequence[str], ks: Sequence[float], out: str | Path,
                    *, scheduler: Any = None, local_cluster: bool | None = None, source: str = "") -> dict[str, Any]:
    """Compute and write the neighbourhoods of prepared cells; returns a summary.

    Parameters
    ----------
    xy, counts : ndarray
        Cell centroids (n, 2) in metres and people per cell and group (n, G).
    groups : sequence of str
        Group names.
    ks : sequence of float
        Neighbourhood sizes.
    out : str or Path
        The Parquet file to write.
    scheduler : str or dask.distributed.Client, optional
        A running Dask scheduler (address) or client.
    local_cluster : bool, optional
        Force or forbid a local Dask cluster (see :func:`neighbourhoods`).
    source : str
        Where the cells came from (in the summary).

    Returns
    -------
    dict
        ``fil, kalla, rutor, rader, grupper, k, befolkning, k_over_befolkning, profil, fordelning``
        (see docs/grid.md).
    """
    origins, res = neighbourhoods(xy, counts, ks, scheduler=scheduler, local_cluster=local_cluster)
    df = neighbourhood_frame(xy, origins, ks, res, groups)
    _write_parquet(df, Path(out))
    total = float(counts.sum())
    return {"fil": str(out), "kalla": source, "rutor": int(origins.size), "rader": int(len(df)),
            "grupper": list(groups), "k": [_k_value(k) for k in ks], "befolkning": total,
            "k_over_befolkning": [_k_value(k) for k in ks if k > total],
            "profil": knn_profile(counts[origins], res, ks),
            "fordelning": share_distribution(counts[origins], res, ks, groups)}


def grannskap_file(path: str | Path, *, x: str, y: str, group: str, weight: str, ks: str | Iterable[float] | None,
                   out: str | Path, scheduler: Any = None, local_cluster: bool | None = None) -> dict[str, Any]:
    """``lagesbild grannskap FILE``: read cells from CSV/Parquet, compute, write Parquet.

    Parameters
    ----------
    path, x, y, group, weight
        As for :func:`read_cells`.
    ks : str, iterable of float or None
        Neighbourhood sizes (a string is parsed by :func:`parse_ks`).
    out : str or Path
        The Parquet file to write.
    scheduler : str or dask.distributed.Client, optional
        A running Dask scheduler (address) or client.
    local_cluster : bool, optional
        Force or forbid a local Dask cluster (see :func:`neighbourhoods`).

    Returns
    -------
    dict
        ``fil, kalla, rutor, rader, grupper, k, befolkning, k_over_befolkning, profil, fordelning``
        and ``utelamnade``.
    """
    sizes = parse_ks(ks) if ks is None or isinstance(ks, str) else [float(k) for k in ks]
    cells = read_cells(path, x=x, y=y, group=group, weight=weight)
    summary = grannskap_cells(cells["xy"], cells["counts"], cells["groups"], sizes, out, scheduler=scheduler,
                              local_cluster=local_cluster, source=str(path))
    summary["utelamnade"] = cells["utelamnade"]
    return summary


def grannskap_store(store: Store, *, level: str = "ruta250", groups: Sequence[str] | None = None,
                    kommun: str | None = None, lan: str | None = None, year: int | None = None,
                    ks: str | Iterable[float] | None = None, out: str | Path, scheduler: Any = None,
                    local_cluster: bool | None = None) -> dict[str, Any]:
    """``lagesbild grannskap --kommun|--lan|--riket --level ruta250``: cells from the store's grid level.

    ``groups`` are the store variables (counts per cell) that make up the groups; the latest year
    is used unless ``year`` is given. The neighbourhoods of a kommun or län use only its cells
    (people across the border are not counted; docs/grid.md).

    Parameters
    ----------
    store : Store
        The open store.
    level : str, default "ruta250"
        A grid level.
    groups : sequence of str
        Count variables per cell.
    kommun, lan : str, optional
        Restrict to one kommun or län (else the whole country).
    year : int, optional
        The year (default: the latest).
    ks : str, iterable of float or None
        Neighbourhood sizes.
    out : str or Path
        The Parquet file to write.
    scheduler, local_cluster
        As for :func:`grannskap_cells`.

    Returns
    -------
    dict
        The summary of :func:`grannskap_cells` and ``ar``.

    Raises
    ------
    SchemaError
        If the level is not a grid level.
    InputError
        If there are no cell counts for the groups.
    """
    from lagesbild.grid import cell_centroids, cell_size

    cell_size(level)
    sizes = parse_ks(ks) if ks is None or isinstance(ks, str) else [float(k) for k in ks]
    where = f" {kommun}" if kommun else (f" {lan}" if lan else "")
    names = ", ".join(groups or [])
    if not groups:
        raise InputError(*pair("grid.no_grid_data", level=level, where=where, variables=names or "–"))
    codes = None
    if lan:
        codes = store.areas(version=level, lan=lan)["code"].tolist()
    obs = store.observations(list(groups), version=level, kommun=kommun, codes=codes, year=year) \
        if codes is None or codes else None
    if obs is None or obs.empty:
        raise InputError(*pair("grid.no_grid_data", level=level, where=where, variables=names))
    if year is None:
        obs = obs[obs["year"] == obs["year"].max()]
    wide = obs.pivot_table(index="area_code", columns="variable", values="value", aggfunc="sum").reindex(
        columns=list(groups)).fillna(0.0)
    xy = cell_centroids(wide.index.tolist(), level)
    summary = grannskap_cells(xy, wide.to_numpy(dtype=np.float64), list(groups), sizes, out, scheduler=scheduler,
                              local_cluster=local_cluster, source=f"{level} {int(obs['year'].iloc[0])}{where}")
    summary["ar"] = int(obs["year"].iloc[0])
    return summary


class _Fixed:
    """A stand-in for a smoothing matrix whose product with the counts is already known."""

    def __init__(self, env):
        self.env = env

    def __matmul__(self, _counts):
        return self.env


def knn_profile(counts: np.ndarray, result: KnnResult, ks: Sequence[float],
                indices: Sequence[str] = ("dissimilarity", "theil_h")) -> list[dict[str, Any]]:
    """Segregation indices on the individualised neighbourhoods, one value per k (a multiscalar profile).

    Each origin keeps its own population as weight and takes its k-neighbourhood's composition
    as its environment (Reardon & O'Sullivan 2004; docs/methods/knn.md), through the same
    composition-form formulas as the kernel-smoothed spatial indices
    (:func:`lagesbild.measures.spatial.spatial_index`). Two-group indices take the first group
    against the rest.

    Parameters
    ----------
    counts : ndarray (n_o, G)
        The origins' own counts, in the order of ``result``.
    result : KnnResult
        Their neighbourhoods.
    ks : sequence of float
        The neighbourhood sizes of ``result``.
    indices : sequence of str
        Registered measures with a spatial variant.

    Returns
    -------
    list of dict
        ``k, index, varde`` per k and index.

    References
    ----------
    Reardon, S. F. & O'Sullivan, D. (2004). Measures of spatial segregation. Sociological
    Methodology 34, 121–162.
    """
    from lagesbild.measures.spatial import spatial_index

    own = np.asarray(counts, dtype=np.float64)
    out = []
    for j, k in enumerate(ks):
        env = result.counts[:, j, :]
        for idx in indices:
            value = float(spatial_index(idx, own, smoother=_Fixed(env)))
            out.append({"k": _k_value(k), "index": idx, "varde": value})
    return out


def share_distribution(counts: np.ndarray, result: KnnResult, ks: Sequence[float], groups: Sequence[str],
                       quantiles: Sequence[float] = (0.1, 0.25, 0.5, 0.75, 0.9)) -> list[dict[str, Any]]:
    """Population-weighted quantiles of each group's neighbourhood share, per k.

    The share of a person's neighbourhood is that of the cell they live in; each origin counts
    with its own population. Quantile q is the smallest share s with at least q of the people in
    neighbourhoods of share ≤ s.

    Parameters
    ----------
    counts : ndarray (n_o, G)
        The origins' own counts, in the order of ``result``.
    result : KnnResult
        Their neighbourhoods.
    ks : sequence of float
        The neighbourhood sizes of ``result``.
    groups : sequence of str
        Group names.
    quantiles : sequence of float
        The quantiles q.

    Returns
    -------
    list of dict
        One row per k and group: ``k``, ``grupp`` and the share at each quantile.
    """
    own = np.asarray(counts, dtype=np.float64).sum(axis=1)
    total = own.sum()
    out = []
    for j, k in enumerate(ks):
        pop = result.population[:, j]
        shares = result.counts[:, j, :] / np.where(pop > 0, pop, 1.0)[:, None]
        for g, name in enumerate(groups):
            order = np.argsort(shares[:, g], kind="stable")
            cum = np.cumsum(own[order]) / total
            row = {"k": _k_value(k), "grupp": name}
            for q in quantiles:
                i = min(int(np.searchsorted(cum, q - 1e-12)), order.size - 1)
                row[f"p{int(round(q * 100))}"] = float(shares[order[i], g])
            out.append(row)
    return out
