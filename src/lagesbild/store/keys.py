"""Keys from one area set to another (e.g. DeSO → a kommun's own delområden).

A key file is a CSV/Excel/Parquet with the columns ``from_code`` (or ``deso``) and
``to_code`` (or ``delomrade``) and optionally ``weight`` (the share of the lower area that
belongs to the higher one; 1 when areas nest). For nested keys every lower area of the
kommun must be mapped exactly once (docs/methods/segregation.md §1.5).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lagesbild.errors import ConflictError, GeographyVersionError, SchemaError
from lagesbild.geo import level_of_version
from lagesbild.privacy import screen_frame
from lagesbild.store.readers import read_chunks, sniff_kind

__all__ = ["import_key", "representative_point_key"]

_ALIASES = {"deso": "from_code", "regso": "from_code", "delomrade": "to_code", "delområde": "to_code"}


def import_key(store, file: Path, *, from_version: str, to_version: str, kommun: str | None = None,
               replace: bool = False) -> dict:
    """Validate and write a key; returns counts. All or nothing."""
    file = Path(file)
    kind = sniff_kind(file)
    frames = []
    for start, chunk in read_chunks(file, kind):
        screen_frame(chunk, file=str(file), first_row=start)  # no personal data in a key either
        frames.append(chunk)
    if not frames:
        raise SchemaError(f"Nyckelfilen {file} innehåller inga rader.", f"The key file {file} has no rows.")
    df = pd.concat(frames, ignore_index=True)
    df = df.rename(columns={c: _ALIASES.get(c.lower(), c) for c in df.columns})
    for col in ("from_code", "to_code"):
        if col not in df.columns:
            raise SchemaError(f"Nyckelfilen {file} saknar kolumnen '{col}' (eller deso/delomrade).",
                              f"The key file {file} lacks the column '{col}' (or deso/delomrade).")
    df["from_code"] = df["from_code"].astype(str).str.strip()
    df["to_code"] = df["to_code"].astype(str).str.strip()
    df["weight"] = pd.to_numeric(df.get("weight", 1.0), errors="coerce")
    if df["weight"].isna().any() or ((df["weight"] <= 0) | (df["weight"] > 1)).any():
        row = int(df.index[df["weight"].isna() | (df["weight"] <= 0) | (df["weight"] > 1)][0]) + 2
        raise SchemaError(f"Nyckelfilen {file}, rad {row}, kolumn 'weight': vikten måste vara > 0 och ≤ 1.",
                          f"The key file {file}, row {row}, column 'weight': the weight must be > 0 and ≤ 1.")
    lower = store.areas(version=from_version, kommun=kommun)
    if lower.empty:
        raise GeographyVersionError(f"Lagret har inga områden i versionen {from_version}"
                                    + (f" i kommun {kommun}" if kommun else "") + ".",
                                    f"The store has no areas in version {from_version}"
                                    + (f" in kommun {kommun}" if kommun else "") + ".")
    unknown = df.loc[~df["from_code"].isin(lower["code"]), "from_code"]
    if len(unknown):
        row = int(unknown.index[0]) + 2
        raise GeographyVersionError(f"Nyckelfilen {file}, rad {row}: {unknown.iloc[0]} finns inte i {from_version}"
                                    + (f" i kommun {kommun}" if kommun else "") + ".",
                                    f"The key file {file}, row {row}: {unknown.iloc[0]} does not exist in "
                                    f"{from_version}" + (f" in kommun {kommun}" if kommun else "") + ".")
    total = df.groupby("from_code")["weight"].sum()
    if kommun is not None:
        missing = sorted(set(lower["code"]) - set(df["from_code"]))
        if missing:
            raise SchemaError(f"Nyckelfilen {file} mappar inte {len(missing)} områden i kommun {kommun} "
                              f"(t.ex. {', '.join(missing[:3])}); varje område ska mappas exakt en gång.",
                              f"The key file {file} does not map {len(missing)} areas of kommun {kommun} "
                              f"(e.g. {', '.join(missing[:3])}); each must be mapped exactly once.")
    off = total[(total - 1.0).abs() > 1e-9]
    if len(off):
        raise SchemaError(f"Nyckelfilen {file}: vikterna för {off.index[0]} summerar till {off.iloc[0]:g}, inte 1 "
                          "(varje område ska fördelas exakt en gång).",
                          f"The key file {file}: the weights of {off.index[0]} sum to {off.iloc[0]:g}, not 1 "
                          "(each area must be allocated exactly once).")
    keys = pd.DataFrame({"from_code": df["from_code"], "from_version": from_version, "to_code": df["to_code"],
                         "to_version": to_version, "weight": df["weight"], "note": f"nyckelfil {file.name}",
                         "source_id": None})
    existing = store.area_keys(from_version=from_version, to_version=to_version)
    if not existing.empty and not replace:
        merged = keys.merge(existing, on=["from_code", "to_code"], how="outer", indicator=True)
        if (merged["_merge"] != "both").any():
            raise ConflictError(f"Det finns redan en annan nyckel {from_version} → {to_version}; använd --replace.",
                                f"A different key {from_version} → {to_version} exists; use --replace.")
    higher = store.areas(version=to_version)
    new_codes = sorted(set(df["to_code"]) - set(higher["code"]))
    new_areas = None
    if new_codes:
        if level_of_version(to_version) != "custom":
            raise GeographyVersionError(f"Nyckelfilen {file}: {new_codes[0]} finns inte i {to_version}.",
                                        f"The key file {file}: {new_codes[0]} does not exist in {to_version}.")
        km = kommun or lower["kommun"].iloc[0]  # a new own area set: its areas go under the kommun
        new_areas = pd.DataFrame({"code": new_codes, "version": to_version, "level": "custom",
                                  "name": new_codes, "parent_code": km, "parent_version": "kommun2025",
                                  "kommun": km, "lan": km[:2]})
    store.write(keys=keys, areas=new_areas,
                replace_keys=(from_version, to_version) if replace else None)
    return {"keys": len(keys), "areas": 0 if new_areas is None else len(new_areas)}


def representative_point_key(small, large) -> pd.DataFrame:
    """Key each small area to the large area containing its representative point, or to the
    nearest large area where the point falls outside them all (e.g. in water).

    Both are GeoDataFrames in the same projected CRS with a ``code`` column. Returns
    ``from_code, to_code, how`` (``within`` or ``nearest``).
    """
    import geopandas as gpd

    pts = gpd.GeoDataFrame({"code": small["code"].values},
                           geometry=small.geometry.representative_point().values, crs=small.crs)
    big = large[["code", "geometry"]].rename(columns={"code": "to_code"})
    within = gpd.sjoin(pts, big, predicate="within", how="inner").drop_duplicates("code")
    rest = pts[~pts["code"].isin(within["code"])]
    nearest = gpd.sjoin_nearest(rest, big, how="inner").drop_duplicates("code")
    return pd.concat([
        pd.DataFrame({"from_code": within["code"].values, "to_code": within["to_code"].values, "how": "within"}),
        pd.DataFrame({"from_code": nearest["code"].values, "to_code": nearest["to_code"].values,
                      "how": "nearest"})], ignore_index=True)
