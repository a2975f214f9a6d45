"""Export observations (tidy, with area names and variable labels) atomically.

Formats: CSV (UTF-8 with BOM, so Excel opens å, ä, ö right), Parquet, Excel (xlsx) and
GeoPackage (observations pivoted wide onto the area geometries, one layer per area version).
A file is written to a temporary name beside the target and renamed when complete. Text cells
that a spreadsheet would execute (``=…``, ``+…``, ``-…``, ``@…``) are neutralised in CSV and
Excel (:mod:`lagesbild.safecells`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lagesbild._fileio import atomic_path
from lagesbild.errors import InputError, NotFoundError
from lagesbild.safecells import neutralise_frame

__all__ = ["export_observations", "FORMATS"]

FORMATS = ("csv", "parquet", "xlsx", "gpkg")


def export_observations(store, out: Path, *, fmt: str = "csv", kommun=None, level=None, variables=None,
                        years=None, version: str | None = None) -> int:
    """Write the observations of the selection to ``out``; the number of rows written.

    With ``version`` (a RegSO or DeSO version) the values are shown on that version: those
    published on another version are carried over through the store's key, and the columns
    ``data_version`` (where the value was published) and ``approximate`` say so (see
    :mod:`lagesbild.store.versions`). Without it every version is written as stored.
    """
    if fmt not in FORMATS:
        raise InputError(f"Parametern '--format' måste vara en av {', '.join(FORMATS)}. Fick {fmt!r}.",
                         f"The '--format' parameter must be one of {', '.join(FORMATS)}. Got {fmt!r} instead.")
    obs = store.observations(variables, level=level, kommun=kommun, year=years)
    extra: list[str] = []
    if version is not None:
        from lagesbild.store.versions import on_version

        obs = on_version(store, obs, version)
        extra = ["data_version", "approximate"]
    if obs.empty:
        raise NotFoundError("Inga observationer matchar urvalet; inget skrevs.",
                            "No observations match the selection; nothing was written.")
    meta = store.variables()
    obs = obs.assign(label_sv=obs["variable"].map(meta["label_sv"]), unit=obs["variable"].map(meta["unit"]))
    cols = ["area_code", "area_version", "level", "name", "year", "variable", "label_sv", "value", "unit",
            "source_id", "status", *extra]
    obs = obs[cols]
    with atomic_path(out) as tmp:
        if fmt == "csv":
            neutralise_frame(obs).to_csv(tmp, index=False, encoding="utf-8-sig")
        elif fmt == "parquet":
            obs.to_parquet(tmp, index=False)
        elif fmt == "xlsx":
            if len(obs) > 1_000_000:
                raise InputError("För många rader för Excel (högst 1 048 576); välj csv eller parquet.",
                                 "Too many rows for Excel (at most 1,048,576); choose csv or parquet.")
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                neutralise_frame(obs).to_excel(xw, sheet_name="observationer", index=False)
                srcs = store.sources()
                neutralise_frame(srcs[srcs["id"].isin(obs["source_id"].unique())]).to_excel(
                    xw, sheet_name="källor", index=False)
        else:
            wide = obs.pivot_table(index=["area_code", "area_version", "name"], columns=["variable", "year"],
                                   values="value", aggfunc="first")
            wide.columns = [f"{v}_{y}" for v, y in wide.columns]
            wide = wide.reset_index()
            written = 0
            for version, part in wide.groupby("area_version"):
                g = store.geometries(version=version, codes=part["area_code"].tolist())
                if g.empty:
                    continue
                g = g[["code", "geometry"]].merge(part, left_on="code", right_on="area_code")
                g.drop(columns=["area_code"]).to_file(tmp, layer=str(version), driver="GPKG")
                written += len(g)
            if not written:
                raise NotFoundError("Inga gränser finns för de valda områdena; välj csv, parquet eller xlsx.",
                                    "No boundaries exist for the selected areas; choose csv, parquet or xlsx.")
    return len(obs)
