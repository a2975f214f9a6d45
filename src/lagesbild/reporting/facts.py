"""Numbers the report needs that no service provides.

Everything here reads the store through its public API; no measure is computed here. The
use case (:mod:`lagesbild.services.report`) takes the områdestyp figures, comparisons and the
area table from :mod:`lagesbild.services.lagesbild` and every segregation measure from
:mod:`lagesbild.services.measures`, and adds these:

- :func:`population` — folkmängd and andel födda utomlands over the years for the kommun,
  its län, riket and comparison kommuner; the age pyramid where the store holds it;
- :func:`type_trend` — folkmängd and andel födda utomlands per områdestyp and year;
- :func:`schools`, :func:`turnout` — skolenhet results and valdeltagande;
- :func:`map_geometries` — RegSO boundaries for drawing, keyed to RegSO 2020 statistics.
"""

from __future__ import annotations

__all__ = ["population", "schools", "turnout", "map_geometries", "type_trend"]


def _series(store, variables, level, years, kommun=None, codes=None):
    o = store.observations_at(list(variables), level=level, kommun=kommun, year=years)
    if codes is not None:
        o = o[o["area_code"].isin(codes)]
    return o


def population(store, kommun: str, year: int, *, compare=(), lan: str | None = None) -> dict:
    """Folkmängd and andel födda utomlands per year for the kommun and its references.

    Returns
    -------
    dict
        ``series`` (DataFrame: place, code, year, folkmangd, fodda_utrikes, andel_utrikes_fodda),
        ``years``, ``age`` (DataFrame age, men, women, year) or None, ``sources`` (ids).
    """
    import pandas as pd

    vars_ = ["folkmangd", "fodda_utrikes", "andel_utrikes_fodda"]
    years = [y for y in store.years("folkmangd") if y <= year]
    parts = []
    names = store.areas(level="kommun").set_index("code")["name"]
    for code in [kommun, *compare]:
        o = _series(store, vars_, "kommun", years, kommun=code)
        parts.append(o.assign(place=names.get(code, code), code=code))
    if lan:
        o = _series(store, vars_, "lan", years, codes=[lan])
        lan_name = store.areas(level="lan", codes=[lan])["name"]
        parts.append(o.assign(place=lan_name.iloc[0] if len(lan_name) else lan, code=lan))
    o = _series(store, vars_, "riket", years)
    parts.append(o.assign(place="riket", code="riket"))
    long = pd.concat(parts, ignore_index=True)
    wide = long.pivot_table(index=["place", "code", "year"], columns="variable", values="value",
                            aggfunc="first").reset_index()
    wide = wide[wide["year"].isin(years)]
    srcs = set(store.observations(vars_[:2], level="regso", kommun=kommun, year=year)["source_id"])
    age = _age(store, kommun)
    if age is not None:
        srcs |= age.attrs.get("sources", set())
    return {"series": wide, "years": sorted(int(y) for y in wide["year"].unique()), "age": age,
            "sources": srcs}


def _age(store, kommun):
    import pandas as pd

    meta = store.variables()
    vars_ = [v for v in meta.index if v.startswith("folkmangd_") and v.endswith(("_man", "_kvinnor"))
             and v not in ("folkmangd_man", "folkmangd_kvinnor")]
    if not vars_:
        return None
    o = store.observations(vars_, level="regso", kommun=kommun)
    if o.empty:
        return None
    y = int(o["year"].max())
    o = o[o["year"] == y]
    s = o.groupby("variable")["value"].sum()
    rows = []
    for v, val in s.items():
        band = v.removeprefix("folkmangd_").rsplit("_", 1)[0]
        sex = "men" if v.endswith("_man") else "women"
        rows.append({"band": band, "sex": sex, "value": float(val)})
    df = pd.DataFrame(rows).pivot_table(index="band", columns="sex", values="value").reset_index()
    df["start"] = df["band"].str.split("_").str[0].astype(int)
    df = df.sort_values("start").reset_index(drop=True)
    df["age"] = [b.replace("_w", "+").replace("_", "–") for b in df["band"]]
    df["year"] = y
    df.attrs["sources"] = set(o["source_id"])
    df.attrs["version"] = o["area_version"].iloc[0]
    return df[["age", "men", "women", "year"]]


def schools(store, kommun: str):
    """Year-9 results per skolenhet of the kommun, latest year (None when there are none)."""
    vars_ = ["meritvarde_ak9", "andel_alla_amnen_ak9", "elever_ak9"]
    have = set(store.variables().index)
    if not set(vars_) <= have:
        return None
    o = store.observations(vars_, level="skolenhet", kommun=kommun)
    if o.empty:
        return None
    y = int(o["year"].max())
    o = o[o["year"] == y]
    w = o.pivot_table(index=["area_code", "name"], columns="variable", values="value",
                      aggfunc="first").reset_index()
    w.attrs["year"] = y
    w.attrs["sources"] = set(o["source_id"])
    return w


def turnout(store, kommun: str, *, compare=(), lan: str | None = None):
    """Valdeltagande (percent) per election year for the kommun, comparisons, län and riket."""
    import pandas as pd

    years = store.years("valdeltagande")
    if not years:
        return None
    names = store.areas(level="kommun").set_index("code")["name"]
    rows = []
    for code in [kommun, *compare]:
        o = store.observations(["valdeltagande", "rostberattigade"], level="kommun", codes=[code])
        for y, g in o.groupby("year"):
            v = g.set_index("variable")["value"]
            rows.append({"place": names.get(code, code), "code": code, "year": int(y),
                         "valdeltagande": v.get("valdeltagande"), "rostberattigade": v.get("rostberattigade")})
    for level, codes in (("lan", [lan] if lan else None), ("riket", None)):
        if level == "lan" and not lan:
            continue
        o = store.observations_at(["rostande", "rostberattigade", "valdeltagande"], level=level, year=years)
        if codes:
            o = o[o["area_code"].isin(codes)]
        for y, g in o.groupby("year"):
            v = g.set_index("variable")["value"]
            place = "riket" if level == "riket" else store.areas(level="lan", codes=[lan])["name"].iloc[0]
            rows.append({"place": place, "code": lan if level == "lan" else "riket", "year": int(y),
                         "valdeltagande": v.get("valdeltagande"), "rostberattigade": v.get("rostberattigade")})
    df = pd.DataFrame(rows)
    if df.empty or df[df["code"] == kommun].empty:
        return None
    df.attrs["sources"] = set(store.observations("valdeltagande", level="kommun", codes=[kommun])["source_id"])
    return df


def map_geometries(store, kommun: str, stats_version: str = "RegSO2020"):
    """RegSO boundaries of the kommun keyed to the statistics' version.

    Returns
    -------
    (GeoDataFrame, dict) or (None, None)
        ``code, name, geometry`` plus ``info`` = {version, approx (codes whose name or
        boundary may have changed, from the key's notes),
        n}. Boundaries of ``stats_version`` are used when they exist; otherwise RegSO 2025
        joined on the same code (the store's RegSO2020→RegSO2025 key notes name changes).
    """
    from lagesbild.errors import NotFoundError

    for version in (stats_version, "RegSO2025"):
        try:
            g = store.geometries(kommun=kommun, level="regso", version=version, simplified=True)
        except NotFoundError:
            continue
        if g is None or g.empty:
            continue
        info = {"version": version, "approx": [], "n": len(g)}
        if version != stats_version:
            key = store.area_keys(stats_version, version)
            key = key[key["from_code"].isin(g["code"])]
            note = key["note"].fillna("").str.strip()
            info["approx"] = sorted(key.loc[(note != "") & (note != "samma namn"), "from_code"])
            old = store.areas(level="regso", kommun=kommun, version=stats_version).set_index("code")["name"]
            g = g.assign(name=[old.get(c, n) for c, n in zip(g["code"], g["name"])])
        return g[["code", "name", "geometry"]].reset_index(drop=True), info
    return None, None


def type_trend(store, kommun: str, types_by_code: dict, years, version: str = "RegSO2020"):
    """Folkmängd and andel födda utomlands per områdestyp (the report year's type) and year."""
    import pandas as pd

    o = store.observations(["fodda_utrikes", "folkmangd"], level="regso", kommun=kommun, year=list(years),
                           version=version)
    if o.empty or not types_by_code:
        return None
    o = o.assign(omradestyp=o["area_code"].map(types_by_code)).dropna(subset=["omradestyp"])
    g = o.pivot_table(index=["omradestyp", "year"], columns="variable", values="value", aggfunc="sum")
    if not {"fodda_utrikes", "folkmangd"} <= set(g.columns):
        return None
    g = g.reset_index()
    g["andel_utrikes_fodda"] = 100.0 * g["fodda_utrikes"] / g["folkmangd"].where(g["folkmangd"] > 0)
    g["omradestyp"] = g["omradestyp"].astype(int)
    g["year"] = g["year"].astype(int)
    return pd.DataFrame(g[["omradestyp", "year", "folkmangd", "andel_utrikes_fodda"]])
