"""Areal interpolation: a key from source zones to target zones by shared area, and counts
carried through it (docs/methods/valdeltagande.md §1–2).

The weight of source zone *s* in target zone *t* is the share of *s*'s area that lies in *t*,
``w(s, t) = |s ∩ t| / |s|`` (areal weighting; Goodchild & Lam 1980). With a population per
target zone the weight is refined by assuming people spread evenly *within each target* rather
than within each source zone: ``w(s, t) = c(s) · p(t)|s ∩ t|/|t| / Σ_t' p(t')|s ∩ t'|/|t'|``,
where ``c(s) = Σ_t |s ∩ t| / |s|`` is the share of *s* that lies in any target at all.
Counts are carried as ``Σ_s w(s, t) · n(s)``; a rate is a ratio of two carried counts, never an
average of the source zones' rates. Geometries must share one projected CRS (metres).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["areal_weights", "target_coverage", "carry_counts", "ratio_of_counts"]


def areal_weights(source: Any, target: Any, *, population: pd.Series | None = None) -> pd.DataFrame:
    """The key from ``source`` to ``target`` zones.

    Parameters
    ----------
    source, target : geopandas.GeoDataFrame
        Zones with a ``code`` column, in the same projected CRS.
    population : pandas.Series, optional
        Persons per target code; when given, the weights follow the population density of the
        targets (see the module text); a source zone whose pieces all lie in unpopulated targets
        keeps its area weights.

    Returns
    -------
    pandas.DataFrame
        ``from_code, to_code, weight, area_m2`` (``area_m2`` = area of the intersection), one row
        per intersecting pair, sorted; ``weight`` sums to at most 1 per ``from_code``.
    """
    import geopandas as gpd

    if source.crs != target.crs:
        raise ValueError("source and target must share one CRS")
    src = gpd.GeoDataFrame({"from_code": source["code"].astype(str).to_numpy()}, geometry=source.geometry.values,
                           crs=source.crs)
    tgt = gpd.GeoDataFrame({"to_code": target["code"].astype(str).to_numpy()}, geometry=target.geometry.values,
                           crs=target.crs)
    pieces = gpd.overlay(src, tgt, how="intersection", keep_geom_type=True)
    out = pd.DataFrame({"from_code": pieces["from_code"].to_numpy(), "to_code": pieces["to_code"].to_numpy(),
                        "area_m2": pieces.geometry.area.to_numpy()})
    out = out[out["area_m2"] > 0].groupby(["from_code", "to_code"], as_index=False)["area_m2"].sum()
    src_area = pd.Series(src.geometry.area.to_numpy(), index=src["from_code"]).groupby(level=0).sum()
    out["weight"] = out["area_m2"] / out["from_code"].map(src_area)
    if population is not None and not out.empty:
        tgt_area = pd.Series(tgt.geometry.area.to_numpy(), index=tgt["to_code"]).groupby(level=0).sum()
        persons = out["area_m2"] * out["to_code"].map(population).fillna(0.0) / out["to_code"].map(tgt_area)
        per_source = persons.groupby(out["from_code"]).transform("sum")
        covered = out["weight"].groupby(out["from_code"]).transform("sum")
        by_pop = covered * persons / per_source.where(per_source > 0)
        out["weight"] = by_pop.where(per_source > 0, out["weight"])
    return out[["from_code", "to_code", "weight", "area_m2"]].sort_values(["from_code", "to_code"],
                                                                          ignore_index=True)


def target_coverage(source: Any, target: Any) -> pd.Series:
    """Share (0–1) of each target zone's area covered by the union of the source zones.

    Parameters
    ----------
    source, target : geopandas.GeoDataFrame
        As for :func:`areal_weights`.

    Returns
    -------
    pandas.Series
        Indexed by target code.
    """
    import shapely

    union = shapely.union_all(source.geometry.values)
    geoms = target.geometry.values
    covered = shapely.area(shapely.intersection(geoms, union))
    whole = shapely.area(geoms)
    share = pd.Series(covered, index=target["code"].astype(str).to_numpy()) / pd.Series(
        whole, index=target["code"].astype(str).to_numpy()).where(lambda a: a > 0)
    return share.clip(upper=1.0).fillna(0.0)


def carry_counts(counts: pd.DataFrame, key: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Carry counts per source zone to the target zones: ``Σ_s w(s, t) · n(s)``.

    Parameters
    ----------
    counts : pandas.DataFrame
        One row per source zone: ``code`` and the count ``columns``.
    key : pandas.DataFrame
        ``from_code, to_code, weight`` (from :func:`areal_weights`).
    columns : list of str
        The count columns to carry.

    Returns
    -------
    pandas.DataFrame
        ``code`` (target) and the carried counts, for every target the key reaches from a
        source zone in ``counts``.
    """
    merged = key.merge(counts[["code", *columns]].rename(columns={"code": "from_code"}), on="from_code",
                       how="inner")
    for c in columns:
        merged[c] = merged["weight"] * merged[c].astype(float)
    return (merged.groupby("to_code", as_index=False)[columns].sum()
            .rename(columns={"to_code": "code"}).sort_values("code", ignore_index=True))


def ratio_of_counts(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """``numerator / denominator`` in per cent; NaN where the denominator is not positive."""
    return 100.0 * numerator.astype(float) / denominator.astype(float).where(denominator > 0)
