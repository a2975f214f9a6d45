"""A declarative catalogue of area indicators and the indicator panel.

The catalogue covers the candidate list of docs/methods/omradestyper.md §8 (the exact 19
indicators of Segregationsbarometern are not published; the list is a reconstruction [I]).
Each entry names the store variable that holds it; entries whose variable is not in the store
yet are filled by the data-source clients (``status`` = "hämtas"). ``higher_is_better`` is
True, False or None (context indicators with no better direction).

The panel gives, per area and year, the value, the kommun and riket values, the z-score and
percentile within the kommun and nationally (over all areas of the same level and version
that have a value), and the trend over the years the store holds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from lagesbild.i18n import t

__all__ = ["Indicator", "CATALOGUE", "THEMES", "catalogue_frame", "indicator_values",
           "area_panel", "area_panels", "trend", "indicator_label", "theme_label",
           "aggregate_value"]

THEMES = ("arbete", "inkomst", "utbildning", "bostad", "demokrati", "hälsa", "befolkning")


@dataclass(frozen=True)
class Indicator:
    """One indicator of the panel (declarative; no data)."""

    id: str
    label_sv: str
    theme: str
    numerator: str
    denominator: str | None
    age_band: str | None
    source_table: str
    higher_is_better: bool | None
    unit: str = "procent"
    variable: str | None = None  # store variable; None = not yet in any store schema

    @property
    def var(self) -> str:
        return self.variable or self.id


CATALOGUE: tuple[Indicator, ...] = (
    Indicator("andel_forvarvsarbetande_20_64", "Andel förvärvsarbetande, 20–64 år", "arbete",
              "förvärvsarbetande 20–64 år", "befolkning 20–64 år", "20–64",
              "SCB BAS ArRegDesoStatusN", True),
    Indicator("andel_arbetslosa_20_64", "Andel arbetslösa, 20–64 år", "arbete",
              "arbetslösa 20–64 år", "befolkning 20–64 år", "20–64",
              "SCB BAS / Arbetsförmedlingen", False),
    Indicator("andel_ek_bistand_langtidsarb_20_64",
              "Andel med ekonomiskt bistånd och/eller långtidsarbetslösa", "arbete",
              "bistånd ≥ 10 mån och/eller arbetslös > 6 mån", "befolkning (åldrar enligt TAB6586)",
              "20–64 [T]", "SCB TAB6586 (000008IX)", False),
    Indicator("andel_lag_ek_standard", "Andel med låg ekonomisk standard", "inkomst",
              "personer med < 60 % av medianens ekonomiska standard", "befolkning", "alla",
              "SCB TAB6586 (000008IW) / Tab4InkDesoRegso", False),
    Indicator("medianinkomst_disp_ke", "Disponibel inkomst per konsumtionsenhet, median",
              "inkomst", "disponibel inkomst per k.e.", None, "alla",
              "SCB Tab3InkDesoRegso", True, unit="tkr"),
    Indicator("loneinkomst_medel_tkr", "Löneinkomst, medelvärde", "inkomst", "löneinkomst",
              None, "20+ [T]", "SCB RegSO-statistik", True, unit="tkr"),
    Indicator("andel_ekonomiskt_bistand", "Andel med ekonomiskt bistånd", "inkomst",
              "personer med ekonomiskt bistånd", "befolkning 20–64 år", "20–64",
              "SCB/Socialstyrelsen", False),
    Indicator("andel_forgymnasial_utb_20_64", "Andel med förgymnasial utbildning, 20–64 år",
              "utbildning", "förgymnasial utbildning", "befolkning 20–64 år", "20–64 [T]",
              "SCB TAB6586 (000008IV) / UtbSUNBefDesoRegso", False),
    Indicator("andel_eftergymnasial_utb_25_64", "Andel med eftergymnasial utbildning, 25–64 år",
              "utbildning", "eftergymnasial utbildning", "befolkning 25–64 år", "25–64",
              "SCB UtbSUNBefDesoRegsoN", True),
    Indicator("andel_behoriga_gymnasiet", "Andel behöriga till gymnasiets yrkesprogram (åk 9, efter hemområde)",
              "utbildning", "behöriga elever", "elever åk 9", "åk 9",
              "Skolverket (beställt uttag)", True),
    Indicator("andel_hyresratt", "Andel lägenheter i hyresrätt", "bostad", "lgh_hyresratt",
              "lgh_totalt", None, "SCB RegSO-statistik / BO0104T01N2", None),
    Indicator("andel_trangbodda", "Andel trångbodda (norm 2)", "bostad", "trångbodda personer",
              "personer i hushåll", "alla", "SCB HE0111", False),
    Indicator("flyttnetto_per_1000", "Flyttnetto per 1 000 invånare", "bostad",
              "inflyttade − utflyttade", "folkmängd", "alla", "SCB BE0101", None,
              unit="per 1 000"),
    Indicator("valdeltagande", "Valdeltagande, riksdagsval", "demokrati", "rostande",
              "rostberattigade", "18+ röstberättigade", "Valmyndigheten", True),
    Indicator("ohalsotal", "Ohälsotal", "hälsa", "dagar med ersättning", "befolkning 20–64 år",
              "20–64", "Försäkringskassan", False, unit="dagar"),
    Indicator("sjukpenningtal", "Sjukpenningtal", "hälsa", "dagar med sjukpenning",
              "befolkning 20–64 år", "20–64", "Försäkringskassan", False, unit="dagar"),
    Indicator("folkmangd", "Folkmängd", "befolkning", "folkmangd", None, "alla",
              "SCB FolkmDesoAldKon / RegSO-statistik", None, unit="personer"),
    Indicator("andel_utrikes_fodda", "Andel födda utomlands", "befolkning", "fodda_utrikes",
              "folkmangd", "alla", "SCB FolkmDesoBakgrKon / RegSO-statistik", None),
)


def catalogue_frame(store=None):
    """The catalogue as a DataFrame, with ``status`` = "i lagret" / "hämtas" when a store is given."""
    import pandas as pd

    df = pd.DataFrame([asdict(i) | {"variable": i.var} for i in CATALOGUE])
    if store is not None:
        have = set(store.variables().index)
        df["status"] = np.where(df["variable"].isin(have), "i lagret", "hämtas")
    return df


def indicator_values(store, *, level: str, year: int, version: str | None = None,
                     indicators=CATALOGUE):
    """All areas of a level (nationally) with every stored indicator, plus z-scores and percentiles.

    Shares that the store keeps only as numerator and denominator (``andel_utrikes_fodda`` =
    ``fodda_utrikes / folkmangd``) are computed here, in percent.

    Returns
    -------
    DataFrame (long)
        ``area_code, area_version, name, kommun, indicator, value, numerator_value,
        denominator_value, z_kommun, pct_kommun, z_riket, pct_riket, n_kommun, n_riket,
        source_id``. Only indicators the store holds at that level and year appear.

    National, so the same for every kommun page: computed once per store, generation of its
    file and arguments, and returned as a copy.
    """
    from lagesbild.store.generations import per_generation

    key = ("indicator_values", level, int(year), version, tuple(i.var for i in indicators))
    return per_generation(store, key, lambda: _indicator_values(store, level, year, version,
                                                                indicators)).copy()


def _indicator_values(store, level, year, version, indicators):
    import pandas as pd

    meta = store.variables()
    inds = [i for i in indicators if i.var in meta.index]
    cols = ["area_code", "area_version", "name", "kommun", "indicator", "value",
            "numerator_value", "denominator_value", "z_kommun", "pct_kommun", "z_riket",
            "pct_riket", "n_kommun", "n_riket", "source_id"]
    ratio = {i.var: (meta.loc[i.var, "numerator"], meta.loc[i.var, "denominator"]) for i in inds
             if isinstance(meta.loc[i.var, "numerator"], str)
             and isinstance(meta.loc[i.var, "denominator"], str)}
    need = sorted({i.var for i in inds} | {v for pair in ratio.values() for v in pair})
    obs = store.observations(need, level=level, year=year, version=version)
    if obs.empty:
        return pd.DataFrame(columns=cols)
    key = ["area_code", "area_version", "name"]
    wide = obs.pivot_table(index=key, columns="variable", values="value", aggfunc="first")
    src = obs.groupby(key + ["variable"])["source_id"].first()
    parts = []
    for i in inds:
        num, den = ratio.get(i.var, (None, None))
        if i.var in wide:
            v = wide[i.var]
        elif num in wide and den in wide:
            v = 100.0 * wide[num] / wide[den].where(wide[den] > 0)
        else:
            continue
        part = pd.DataFrame({"value": v}).dropna().reset_index()
        if part.empty:
            continue
        idx = part.set_index(key).index
        part["numerator_value"] = wide[num].reindex(idx).to_numpy() if num in wide else np.nan
        part["denominator_value"] = wide[den].reindex(idx).to_numpy() if den in wide else np.nan
        sv = i.var if i.var in wide else (den if den in wide else num)
        part["source_id"] = [src.get((*k, sv)) for k in idx]
        parts.append(part.assign(indicator=i.var))
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    areas = store.areas(level=level)[["code", "version", "kommun"]]
    out = out.merge(areas.rename(columns={"code": "area_code", "version": "area_version"}),
                    on=["area_code", "area_version"], how="left")
    for suffix, keys in (("kommun", ["indicator", "area_version", "kommun"]),
                         ("riket", ["indicator", "area_version"])):
        g = out.groupby(keys, dropna=False)["value"]
        n, mu, sd = g.transform("count"), g.transform("mean"), g.transform("std")
        out[f"z_{suffix}"] = ((out["value"] - mu) / sd.where(sd > 0)).where(n >= 2)
        out[f"pct_{suffix}"] = 100.0 * (g.rank(method="average") - 0.5) / n
        out[f"n_{suffix}"] = n
    return out[cols]


#: Minimum number of kommuner an area-level indicator must cover to give riket values.
NATIONAL_MIN_KOMMUNER = 250


def indicator_label(ind: Indicator, lang: str | None = "sv") -> str:
    """The indicator's label in ``lang`` (the Swedish one is :attr:`Indicator.label_sv`)."""
    return t(f"typology.indicator.{ind.id}", lang)


def theme_label(theme: str, lang: str | None = "sv") -> str:
    """A theme of :data:`THEMES` as people read it in ``lang``."""
    return t(f"typology.theme.{theme}", lang)


def _note(key: str, lang) -> str:
    return t(key, lang) if key else ""


def aggregate_value(store, values, var: str, kind: str, *, kommun: str | None, year: int, stored=None,
                    lang: str | None = "sv"):
    """Kommun value (``kommun`` given) or riket value (``kommun=None``); (value, note).

    Stored values at the target level are used first; otherwise counts are summed and shares
    recomputed as Σ numerator / Σ denominator over the areas in ``values``. Riket values from
    areas need national coverage. ``stored``, when given with ``kommun``, is
    ``store.observations(variables, level="kommun", year=year)`` read once for every kommun and
    catalogue variable (the per-kommun read is then skipped). The note is in ``lang`` ('sv' or
    'en'; empty for a stored value).
    """
    value, key = _aggregate(store, values, var, kind, kommun=kommun, year=year, stored=stored)
    return value, _note(key, lang)


def _aggregate(store, values, var, kind, *, kommun, year, stored):
    """:func:`aggregate_value` with the note as its catalogue key ("" for none)."""
    level = "kommun" if kommun else "riket"
    if stored is not None and kommun:
        stored = stored[(stored["variable"] == var) & (stored["area_code"] == kommun)]
    else:
        stored = store.observations(var, level=level, year=year,
                                    codes=[kommun] if kommun else None)
    if not stored.empty:
        return float(stored["value"].iloc[0]), ""
    v = values[values["indicator"] == var]
    if kommun:
        v = v[v["kommun"] == kommun]
    elif v["kommun"].nunique() < NATIONAL_MIN_KOMMUNER:
        low = store.observations(var, level="kommun", year=year)
        if len(low) >= NATIONAL_MIN_KOMMUNER and kind == "count":
            return float(low["value"].sum()), "typology.note_summed_kommuner"
        if kind == "share":
            return _ratio_from_kommuner(store, var, year)
        return None, "typology.note_not_national"
    if v.empty:
        return None, "typology.note_missing"
    if kind == "count":
        return float(v["value"].sum()), "typology.note_summed_areas"
    if kind == "share" and v["denominator_value"].notna().all() and v["numerator_value"].notna().all():
        return float(100.0 * v["numerator_value"].sum() / v["denominator_value"].sum()), "typology.note_ratio"
    return None, ("typology.note_mean_no_weights" if kind == "mean" else "typology.note_share_no_parts")


def _ratio_from_kommuner(store, var, year):
    meta = store.variables()
    num, den = meta.loc[var, "numerator"], meta.loc[var, "denominator"]
    if not (isinstance(num, str) and isinstance(den, str)):
        return None, "typology.note_not_national"
    o = store.observations([num, den], level="kommun", year=year)
    if o["area_code"].nunique() < NATIONAL_MIN_KOMMUNER:
        return None, "typology.note_not_national"
    s = o.groupby("variable")["value"].sum()
    return float(100.0 * s[num] / s[den]), "typology.note_ratio_kommuner"


def trend(store, area_code: str, version: str, var: str, higher_is_better=None) -> dict:
    """Values over the years and the least-squares slope per year, with its direction."""
    o = store.observations(var, codes=[area_code], version=version).sort_values("year")
    if o.empty:
        meta = store.variables()
        num, den = (meta.loc[var, "numerator"], meta.loc[var, "denominator"]) \
            if var in meta.index else (None, None)
        if isinstance(num, str) and isinstance(den, str):
            w = store.observations([num, den], codes=[area_code], version=version).pivot_table(
                index="year", columns="variable", values="value")
            if num in w and den in w:
                w = w[w[den] > 0]
                o = w.assign(value=100.0 * w[num] / w[den]).reset_index()
    years = [int(y) for y in o["year"]] if not o.empty else []
    vals = [float(v) for v in o["value"]] if not o.empty else []
    res = {"years": years, "values": vals, "slope_per_year": None, "direction": None}
    if len(years) >= 2:
        slope = float(np.polyfit(years, vals, 1)[0])
        res["slope_per_year"] = slope
        if abs(slope) < 1e-12:
            res["direction"] = "oförändrad"
        elif higher_is_better is None:
            res["direction"] = "ökar" if slope > 0 else "minskar"
        else:
            res["direction"] = "förbättras" if (slope > 0) == higher_is_better else "försämras"
    return res


def area_panel(store, area: dict, year: int, *, values=None, indicators=CATALOGUE,
               with_trend: bool = True, lang: str | None = "sv"):
    """The indicator panel of one area.

    Parameters
    ----------
    store : Store
    area : dict
        ``code, version, level, kommun`` (from ``store.area``).
    year : int
    values : DataFrame, optional
        Precomputed :func:`indicator_values` for the level and year.
    lang : {"sv", "en"}, optional
        Language of the labels and notes (default Swedish); status codes stay as they are.

    Returns
    -------
    list of dict
        One per catalogue indicator: ``id, label, theme, unit, higher_is_better, value,
        kommun_value, riket_value, z_kommun, pct_kommun, z_riket, pct_riket, n_kommun,
        n_riket, denominator_value, trend, status`` ("ok", "saknas för området",
        "hämtas"), ``note``, ``source``, ``year``, ``level``, ``method_status``.
    """
    meta = store.variables()
    if values is None:
        values = indicator_values(store, level=area["level"], year=year, version=area["version"],
                                  indicators=indicators)
    mine = values[(values["area_code"] == area["code"])
                  & (values["area_version"] == area["version"])].set_index("indicator")
    rows = []
    for ind in indicators:
        row = _base_row(ind, year, area["level"], lang)
        if ind.var not in meta.index:
            rows.append(row | _fetch(lang))
            continue
        kind = meta.loc[ind.var, "kind"]
        kv, knote = aggregate_value(store, values, ind.var, kind, kommun=area["kommun"], year=year, lang=lang)
        if ind.var not in mine.index:
            rows.append(_missing_row(row, kv, lang))
            continue
        rv, rnote = aggregate_value(store, values, ind.var, kind, kommun=None, year=year, lang=lang)
        row = _ok_row(row, mine.loc[ind.var], kv, knote, rv, rnote, lang)
        if with_trend:
            row["trend"] = trend(store, area["code"], area["version"], ind.var, ind.higher_is_better)
        rows.append(row)
    return rows


def area_panels(store, kommun: str, year: int, *, level: str, version: str | None = None,
                indicators=CATALOGUE, lang: str | None = "sv"):
    """:func:`area_panel` (without trends) for every area of a kommun, in bulk.

    One national :func:`indicator_values` read and one kommun and riket aggregate per
    indicator instead of one of each per area; the rows hold the same values as
    :func:`area_panel` (``with_trend=False``) gives area by area.

    Parameters
    ----------
    version : str, optional
        Geography version; default the version most of the kommun's values have.
    lang : {"sv", "en"}, optional
        Language of the labels and notes (default Swedish).

    Returns
    -------
    (list of dict, str or None)
        The rows (each as :func:`area_panel`'s plus ``area_code``, ``name``,
        ``area_version``) and the version used (None when the kommun has no values).
    """
    meta = store.variables()
    values = indicator_values(store, level=level, year=year, version=version, indicators=indicators)
    mine_all = values[values["kommun"] == kommun]
    if mine_all.empty:
        return [], version
    version = version or str(mine_all["area_version"].mode().iloc[0])
    values = values[values["area_version"] == version]
    agg = {}
    for i in indicators:
        if i.var in meta.index:
            kind = meta.loc[i.var, "kind"]
            agg[i.var] = (aggregate_value(store, values, i.var, kind, kommun=kommun, year=year, lang=lang),
                          aggregate_value(store, values, i.var, kind, kommun=None, year=year, lang=lang))
    mine = values[values["kommun"] == kommun].set_index(["area_code", "indicator"])
    areas = store.areas(level=level, kommun=kommun, version=version)
    rows = []
    for code, name in zip(areas["code"], areas["name"]):
        for i in indicators:
            row = {"area_code": code, "name": name, "area_version": version} | _base_row(i, year, level, lang)
            if i.var not in agg:
                rows.append(row | _fetch(lang))
                continue
            (kv, knote), (rv, rnote) = agg[i.var]
            rows.append(_ok_row(row, mine.loc[(code, i.var)], kv, knote, rv, rnote, lang)
                        if (code, i.var) in mine.index else _missing_row(row, kv, lang))
    return rows, version


def _fetch(lang) -> dict:
    return {"status": "hämtas", "value": None, "note": t("typology.note_fetch", lang)}


def _base_row(ind: Indicator, year: int, level: str, lang="sv") -> dict:
    return {"id": ind.id, "label": indicator_label(ind, lang), "theme": ind.theme, "unit": ind.unit,
            "higher_is_better": ind.higher_is_better, "year": year, "level": level,
            "source": ind.source_table, "method_status": "official", "note": ""}


def _missing_row(row: dict, kv, lang="sv") -> dict:
    return row | {"status": "saknas för området", "value": None, "kommun_value": kv,
                  "note": t("typology.note_kommun_only" if kv is not None else "typology.note_missing_area_year",
                            lang)}


def _ok_row(row: dict, r, kv, knote, rv, rnote, lang="sv") -> dict:
    national = int(r["n_riket"]) >= 100
    return row | {
        "status": "ok", "value": float(r["value"]), "kommun_value": kv, "riket_value": rv,
        "z_kommun": _f(r["z_kommun"]), "pct_kommun": _f(r["pct_kommun"]),
        "z_riket": _f(r["z_riket"]) if national else None,
        "pct_riket": _f(r["pct_riket"]) if national else None,
        "n_kommun": int(r["n_kommun"]), "n_riket": int(r["n_riket"]),
        "numerator_value": _f(r["numerator_value"]),
        "denominator_value": _f(r["denominator_value"]), "source_id": r["source_id"],
        "note": "; ".join(n for n in (knote and t("typology.note_kommun", lang, note=knote),
                                      rnote and t("typology.note_riket", lang, note=rnote)) if n),
    }


def _f(v):
    return None if v is None or v != v else float(v)
