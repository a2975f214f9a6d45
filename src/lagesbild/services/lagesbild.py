"""Use cases of the lägesbild per kommun, shared by the CLI, reports and the web app.

Every function returns plain dicts, lists and DataFrames. Every *figure* is a dict with at
least ``id, label, value, unit, year, level, source, method_status`` where ``method_status`` ∈
{"official", "computed", "reconstructed", "proxy"}. Published tables are passed through
:func:`lagesbild.typology.disclosure.suppress` (suppressed cells are ``None``; the CLI shows
"–") and carry ``notes``. :func:`to_jsonable` turns any result into JSON-ready data.

Public functions::

    omradestyper_table(store, *, kommun=None, lan=None, riket=False, years=None, settings=None)
    transitions(store, *, kommun=None, lan=None, riket=False, year_from=None, year_to=None,
                settings=None)
    socioekonomiskt_index(store, kommun, *, years=None, delta=0.5, min_agreement=0.99,
                          fit_on="same_year", settings=None)
    kommun_profile(store, kommun, year, level="regso", *, settings=None)
    area_indicators(store, area, year, *, settings=None)
    area_table(store, kommun, year, level="regso", *, version=None, settings=None)
    demo(store, settings)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import t as tt
from lagesbild.services.kommun_blocks import (
    comparison_block,
    eligibility_block,
    figure,
    national_summary,
    ojamlikhet_block,
    require_level_data,
    require_types_years,
    scope_of,
    suppressed,
    to_jsonable,
    type_label,
)
from lagesbild.typology.omradestyp import TYPE_LABELS, TYPE_LABELS_EN
from lagesbild.typology.palette import TYPE_COLORS

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["TYPE_LABELS", "TYPE_LABELS_EN", "TYPE_COLORS", "omradestyper_table", "transitions",
    "socioekonomiskt_index", "kommun_profile",
           "area_indicators", "area_table", "demo", "to_jsonable", "type_label"]



def _types_with_population(store, scope, years):
    from lagesbild.typology import omradestyp as ot

    if scope["kommun"] is not None:  # split from one national read per store generation
        from lagesbild.services import national_reads

        return national_reads.types_with_population(store, years, kommun=scope["kommun"])
    t = ot.official_types(store, years, kommun=scope["kommun"], lan=scope["lan"],
                          version="RegSO2020")
    return ot.attach_population(t, store)


def omradestyper_table(store: Store, *, kommun: str | None = None, lan: str | None = None,
                       riket: bool = False, years: Sequence[int] | None = None,
                       settings: Settings | None = None, lang: str = "sv") -> dict[str, Any]:
    """RegSO count, population and shares per områdestyp and year for a kommun, län or riket.

    Parameters
    ----------
    store : Store
    kommun, lan : str, optional
        Exactly one of ``kommun``, ``lan`` and ``riket=True``.
    years : list of int, optional
        Default: every year with the official national classification (2022, 2023 bundled).
    settings : Settings, optional
        Suppression thresholds.
    lang : {"sv", "en"}, optional
        Language of the type labels, figure labels and notes (default Swedish); keys and codes
        stay as they are.

    Returns
    -------
    dict
        ``scope`` ({level, code, name}), ``years``, ``table`` (DataFrame: year, omradestyp,
        label, n_regso, share_regso, population, share_population, population_year;
        suppressed cells None), ``summary`` (figures per year: n_regso, population,
        share_population_12, share_population_45), ``source``, ``unit``, ``level`` =
        "regso", ``method_status`` = "official", ``notes``.
    """
    import pandas as pd

    from lagesbild.typology import omradestyp as ot

    scope = scope_of(store, kommun=kommun, lan=lan, riket=riket)
    years = require_types_years(store, years, kommun=scope["kommun"])
    from lagesbild.services import national_reads

    pre = (national_reads.type_tables(store, scope["kommun"], years)
           if scope["kommun"] is not None else None)
    if pre is not None:  # one computation over every kommun per store generation
        dist, summ = pre
    else:
        df = _types_with_population(store, scope, years)
        dist = ot.type_distribution(df, by=scope["by"])
        summ = ot.type_summary(dist)
    table = dist.drop(columns="unit").reset_index(drop=True)
    table["label"] = table["omradestyp"].map(lambda n: type_label(n, lang))
    pub = suppressed(table, settings, counts=["population"],
                     shares={"share_population": ("population", "_den")},
                     den=table.groupby("year")["population"].transform("sum"), lang=lang)
    notes = []
    for y, py in zip(summ["year"], summ["population_year"]):
        if py is None or py is pd.NA or py != py:
            notes.append(tt("profile.types_no_population", lang, year=int(y)))
        else:
            notes.append(tt("profile.types_population_same" if int(py) == int(y) else
                            "profile.types_population_nearest", lang, year=int(y), population_year=int(py)))
    notes.append(tt("profile.types_counts_not_suppressed", lang))
    if pub.attrs["suppression"]["note"]:
        notes.append(pub.attrs["suppression"]["note"])
    figs = []
    for r in summ.itertuples(index=False):
        y = int(r.year)
        meta = dict(year=y, level=scope["level"], source=ot.SOURCE, method_status="official")
        figs += [
            figure("n_regso", tt("profile.fig_n_regso", lang), r.n_regso, unit="antal RegSO", **meta),
            figure("population", tt("profile.fig_population", lang), r.population, unit="personer",
                   population_year=r.population_year,
                   **(meta | {"source": tt("profile.source_population", lang)})),
            figure("share_population_12", tt("profile.fig_share_12_named", lang,
                                             label=tt("profile.types_12", lang)),
                   r.share_population_12, unit="procent", population_year=r.population_year,
                   **meta),
            figure("share_population_45", tt("profile.fig_share_45", lang),
                   r.share_population_45, unit="procent", population_year=r.population_year,
                   **meta),
        ]
    return {"scope": {k: scope[k] for k in ("level", "code", "name")}, "years": years,
            "table": pub, "summary": figs, "source": ot.SOURCE, "level": "regso",
            "unit": {"n_regso": "antal RegSO", "share_regso": "procent", "population": "personer",
                     "share_population": "procent"},
            "method_status": "official", "notes": notes}


def transitions(store: Store, *, kommun: str | None = None, lan: str | None = None,
                riket: bool = False, year_from: int | None = None, year_to: int | None = None,
                settings: Settings | None = None, lang: str = "sv") -> dict[str, Any]:
    """Transitions between områdestyper from ``year_from`` to ``year_to``.

    Parameters
    ----------
    store : Store
        The open store.
    kommun, lan, riket
        The scope: one of a kommun code, a län code or ``riket=True``.
    year_from, year_to : int, optional
        The two years (default: the first and the last with official types).
    settings : Settings, optional
        Suppression thresholds.
    lang : {"sv", "en"}, optional
        Language of the notes (default Swedish); ``change_sv`` stays Swedish, ``change`` is the code.

    Returns
    -------
    dict
        ``matrix`` (RegSO counts, rows = type in year_from), ``matrix_population``
        (population of year_to), ``moved`` (DataFrame of areas that changed type: area_code,
        name, kommun, typ_fran, typ_till, change, change_sv, population), ``counts``
        ({stable, improved, worsened, total}), ``year_from``, ``year_to``, ``scope``,
        ``source``, ``level``, ``unit``, ``method_status`` = "official", ``notes``.
    """
    from lagesbild.typology import omradestyp as ot

    scope = scope_of(store, kommun=kommun, lan=lan, riket=riket)
    avail = require_types_years(store, None, kommun=scope["kommun"])
    year_to = year_to if year_to is not None else avail[-1]
    year_from = year_from if year_from is not None else year_to - 1
    require_types_years(store, [year_from, year_to], kommun=scope["kommun"])
    from lagesbild.services import national_reads

    pre = (national_reads.transition_tables(store, scope["kommun"], year_from, year_to)
           if scope["kommun"] is not None else None)
    if pre is not None:  # one computation over every kommun per store generation
        mat, matp, allrows = pre
    else:
        df = _types_with_population(store, scope, [year_from, year_to])
        mat = ot.transition_matrix(df, year_from, year_to)
        matp = ot.transition_matrix(df, year_from, year_to, weight="population")
        allrows = ot.changed_areas(df, year_from, year_to, only_changed=False)
    moved = allrows[allrows["change"] != "stable"].reset_index(drop=True)
    counts = allrows["change"].value_counts().reindex(["stable", "improved", "worsened"]).fillna(0)
    pub_moved = suppressed(moved, settings, counts=["population"], lang=lang)
    notes = [tt("profile.tr_direction", lang), tt("profile.tr_population", lang, year=year_to)]
    if mat.attrs.get("unmatched"):
        notes.append(tt("profile.tr_unmatched", lang, n=mat.attrs["unmatched"]))
    return {"scope": {k: scope[k] for k in ("level", "code", "name")}, "year_from": year_from,
            "year_to": year_to, "matrix": mat, "matrix_population": matp, "moved": pub_moved,
            "counts": {k: int(v) for k, v in counts.items()} | {"total": int(len(allrows))},
            "source": ot.SOURCE, "level": "regso",
            "unit": {"matrix": "antal RegSO", "matrix_population": "personer"},
            "method_status": "official", "notes": notes}


def socioekonomiskt_index(store: Store, kommun: str, *, years: Sequence[int] | None = None,
                          delta: float | None = None, min_agreement: float | None = None,
                          fit_on: str = "same_year", method: str = "auto",
                          settings: Settings | None = None, lang: str = "sv") -> dict[str, Any]:
    """The published index (TAB6586), its recomputation, reconstructed types and calibration.

    Parameters
    ----------
    kommun : str
    years : list of int, optional
    delta : float, optional
        Perturbation (percentage points) for class uncertainty; default 0,5.
    min_agreement : float, optional
        Calibration threshold; a year below it gets no reconstructed types. Default 0,99.
    fit_on : {"same_year", "previous_year"}
    method : {"auto", "national", "bracket"}
    settings : Settings, optional
        Not used (kept for a uniform call).
    lang : {"sv", "en"}, optional
        Language of ``label`` and ``notes`` (default Swedish).

    Returns
    -------
    dict
        ``index_check`` (recomputed vs published), ``calibration`` (per year, per type),
        ``cutpoints`` (per year: μ, σ, cut-points and their ranges), ``areas`` (DataFrame:
        area_code, name, year, index_official, index_berakn, omradestyp, typ_berakn,
        marginal, byter_typ, inom_gransosakerhet, osaker_klassning, status, anmarkning),
        ``label`` = "beräknad av lagesbild", ``method_status``, ``source``, ``level``, ``unit``,
        ``notes``.
    """
    from lagesbild.services.store import require_kommun
    from lagesbild.typology import calibration as cal
    from lagesbild.typology import socioindex as si

    k = require_kommun(store, kommun)
    if years is None:  # split from one national read per store generation
        from lagesbild.services import national_reads

        df = si.read_tab6586(store, obs=national_reads.tab6586(store, kommun=kommun))
    else:
        df = si.read_tab6586(store, kommun=kommun, years=years)
    if df.empty:
        from lagesbild.store.generations import per_generation

        have = per_generation(store, ("socioekonomiskt_index.kommuner",),
                              lambda: sorted(set(si.read_tab6586(store)["area_code"].str[:4])))
        raise NotFoundError(
            f"Socioekonomiskt index (SCB TAB6586) finns inte i lagret för kommun {kommun} "
            f"({k['name']}); det finns för: {', '.join(have) or 'ingen kommun'}.",
            f"The socioekonomiskt index (SCB TAB6586) is not in the store for kommun {kommun}; "
            f"it exists for: {', '.join(have) or 'no kommun'}.",
            hint="hämta TAB6586 med datakällorna")
    delta = cal.DEFAULT_DELTA if delta is None else float(delta)
    min_agreement = cal.DEFAULT_MIN_AGREEMENT if min_agreement is None else float(min_agreement)
    fitted = cal.fit_cutpoints(df, method=method)
    report = cal.calibration_report(df, fitted=fitted, fit_on=fit_on, min_agreement=min_agreement)
    rec = cal.reconstruct(df, fitted=fitted, report=report, delta=delta,
                          min_agreement=min_agreement, fit_on=fit_on)
    cols = ["area_code", "name", "year", "index_official", "index_berakn", "omradestyp",
            "typ_berakn", "marginal", "byter_typ", "inom_gransosakerhet", "osaker_klassning",
            "status", "anmarkning"]
    methods = sorted({c.method_ for c in fitted.values()})
    notes = [
        tt("profile.sei_formula", lang),
        tt("profile.sei_bounds", lang, methods=", ".join(methods),
           how=tt("profile.sei_bounds_national" if methods == ["national"] else "profile.sei_bounds_bracket", lang)),
        tt("profile.sei_uncertain", lang, delta=f"{delta:g}"),
    ]
    if fit_on == "same_year":
        notes.append(tt("profile.sei_in_sample", lang))
    if report["refused_years"]:
        notes.append(tt("profile.sei_refused", lang, years=", ".join(map(str, report["refused_years"])),
                        pct=f"{100 * min_agreement:.0f}"))
    return {"kommun": {"code": kommun, "name": k["name"]},
            "index_check": si.index_check(df), "calibration": report,
            "cutpoints": {y: c.summary() for y, c in fitted.items()},
            "areas": rec[cols].reset_index(drop=True), "label": tt("profile.sei_label", lang),
            "method_status": "reconstructed", "source": si.SOURCE, "level": "regso",
            "unit": "indexpoäng (procent)", "years": sorted(int(y) for y in df["year"].unique()),
            "notes": notes}


def kommun_profile(store: Store, kommun: str, year: int, level: str = "regso", *,
                   settings: Settings | None = None, lang: str = "sv") -> dict[str, Any]:
    """The whole lägesbild of one kommun and year.

    Parameters
    ----------
    store : Store
    kommun : str
        Kommun code, e.g. "1480".
    year : int
        Year of the official områdestyp (2022 or 2023 in the bundled data).
    level : {"regso", "deso"}
        Unit level of the area table and of the ojämlikhetsindex.
    settings : Settings, optional
        Suppression thresholds.
    lang : {"sv", "en"}, optional
        Language of every label, note and explanation (default Swedish); keys, codes (status,
        method_status, change) and proper names stay as they are.

    Returns
    -------
    dict
        ``kommun`` ({code, name, lan, lan_name}), ``year``, ``level``, ``population``
        (figure), ``omradestyper`` (as :func:`omradestyper_table` for the year),
        ``transitions`` (from the previous year when it exists, else None), ``areas``
        (DataFrame of the kommun's areas: type, population, change, uncertainty where the
        index exists), ``socioekonomiskt_index`` (dict or None), ``ojamlikhetsindex``
        (figure; value None with the reason when income classes are missing),
        ``eligibility`` (the Delmos 2022 rule), ``comparison`` (SKR and Kolada groups, län,
        riket), ``indicators`` (kommun-level panel), ``challenges`` (flagged areas),
        ``notes``.
    """
    from lagesbild.services import area_index, national_reads
    from lagesbild.services.store import require_kommun
    from lagesbild.typology import challenges as ch
    from lagesbild.typology import indicators as ind
    from lagesbild.typology import omradestyp as ot

    k = require_kommun(store, kommun)
    if level not in ("regso", "deso"):
        raise InputError(f"Parametern 'level' måste vara regso eller deso. Fick {level!r}.",
                         f"The 'level' parameter must be regso or deso. Got {level!r}.")
    require_types_years(store, [year])
    require_level_data(store, kommun, year, level)
    lan_name = area_index.area_names(store, "lan")[k["lan"]]["name"]
    types = omradestyper_table(store, kommun=kommun, years=[year], settings=settings, lang=lang)
    prev = None
    if year - 1 in require_types_years(store, None):
        prev = transitions(store, kommun=kommun, year_from=year - 1, year_to=year,
                           settings=settings, lang=lang)
    pop = next(f for f in types["summary"] if f["id"] == "population")
    # areas of the kommun with type, population, change and (where published) the index
    t = national_reads.types_with_population(store, [year - 1, year], kommun=kommun)
    cur = t[t["year"] == year][["area_code", "name", "omradestyp", "population"]]
    if prev is not None:
        pre = national_reads.transition_tables(store, kommun, year - 1, year)
        ch_all = pre[2] if pre is not None else ot.changed_areas(t, year - 1, year, only_changed=False)
        cur = cur.merge(ch_all[["area_code", "typ_fran", "change_sv"]], on="area_code", how="left")
    cur["label"] = cur["omradestyp"].map(lambda n: type_label(n, lang))
    sei = None
    try:
        sei = socioekonomiskt_index(store, kommun, settings=settings, lang=lang)
    except NotFoundError:
        pass
    if sei is not None:
        a = sei["areas"]
        a = a[a["year"] == year][["area_code", "index_official", "typ_berakn", "marginal",
                                  "osaker_klassning"]]
        cur = cur.merge(a, on="area_code", how="left")
    areas_pub = suppressed(cur.sort_values("area_code").reset_index(drop=True), settings,
                           counts=["population"], lang=lang)
    values = ind.indicator_values(store, level="regso", year=year, version="RegSO2020")
    panel = _kommun_panel(store, values, kommun, year, lang)
    refs = {r["id"]: {"riket": r.get("riket_value"), "kommun": r["value"]} for r in panel}
    kommun_level = {v for v, ls in national_reads.variable_levels(store).items()
                    if "kommun" in ls and not {"regso", "deso"} & set(ls)}
    mine = national_reads.indicator_values_of(store, values, kommun, ("regso", int(year), "RegSO2020"))
    chal = ch.flag_areas(mine, kommun=kommun, references=refs, kommun_level=kommun_level, lang=lang)
    notes = list(types["notes"])
    if level == "deso":
        notes.append(tt("profile.deso_note", lang))
    summary = national_summary(store, year)
    return {
        "kommun": {"code": kommun, "name": k["name"], "lan": k["lan"], "lan_name": lan_name},
        "year": year, "level": level, "population": pop,
        "omradestyper": types, "transitions": prev, "areas": areas_pub,
        "socioekonomiskt_index": sei,
        "ojamlikhetsindex": ojamlikhet_block(store, kommun, year, level, lang),
        "eligibility": eligibility_block(store, kommun, year, summary, lang),
        "comparison": comparison_block(store, kommun, year, lang=lang),
        "indicators": panel, "challenges": chal, "notes": notes,
    }


def _kommun_panel(store, values, kommun, year, lang="sv") -> list[dict]:
    """Kommun and riket value of every stored indicator (figures).

    The kommun values of every kommun and the riket values are computed once per generation of the
    store and year (:mod:`lagesbild.services.national_reads`).
    """
    from lagesbild.services import national_reads
    from lagesbild.store.generations import per_generation
    from lagesbild.typology import indicators as ind

    meta = store.variables()
    kind_of = dict(zip(meta.index.tolist(), meta["kind"].tolist()))
    have = [i.var for i in ind.CATALOGUE if i.var in kind_of]

    def riket_values():
        return {v: ind.aggregate_value(store, values, v, kind_of[v], kommun=None, year=year, lang=lang)
                for v in dict.fromkeys(have)}

    riket = per_generation(store, ("kommun_panel.riket", int(year), lang), riket_values)
    every = national_reads.kommun_panel_values(store, values, {v: kind_of[v] for v in have}, year,
                                               lang=lang)
    rows = []
    for i in ind.CATALOGUE:
        base = {"id": i.id, "label": ind.indicator_label(i, lang), "theme": i.theme, "unit": i.unit, "year": year,
                "level": "kommun", "source": i.source_table, "method_status": "official",
                "higher_is_better": i.higher_is_better}
        if i.var not in kind_of:
            rows.append(figure(value=None, note=tt("typology.note_fetch", lang), **base))
            continue
        kv, kn = every.get((i.var, kommun), (None, tt("typology.note_missing", lang)))
        rv, rn = riket[i.var]
        status = "official" if not kn else "computed"
        rows.append(figure(value=kv, riket_value=rv, note="; ".join(dict.fromkeys(x for x in (kn, rn) if x)),
                           **(base | {"method_status": status})))
    return rows


def area_indicators(store: Store, area: str, year: int, *, settings: Settings | None = None,
                    lang: str = "sv") -> dict[str, Any]:
    """The indicator panel of one area (RegSO or DeSO code) and year.

    Parameters
    ----------
    store : Store
        The open store.
    area : str
        RegSO or DeSO code.
    year : int
        The year.
    settings : Settings, optional
        Suppression thresholds.
    lang : {"sv", "en"}, optional
        Language of the labels and notes (default Swedish); status and trend codes stay as they are.

    Returns
    -------
    dict
        ``area`` ({code, name, level, version, kommun}), ``year``, ``omradestyp`` (figure or
        None), ``indicators`` (list of figures: value, kommun_value, riket_value, z_kommun,
        pct_kommun, z_riket, pct_riket, trend, status, note, source, unit, level,
        method_status; values None where suppressed), ``notes``.

    Raises
    ------
    NotFoundError
        If the area is not in the store.
    """
    from lagesbild.geo import parse_code
    from lagesbild.typology import indicators as ind
    from lagesbild.typology import omradestyp as ot

    code = parse_code(area).code
    found = store.areas(codes=[code])
    if found.empty:
        raise NotFoundError(f"Området {code} finns inte i lagret (parametern '--area').",
                            f"The area {code} is not in the store (the '--area' parameter).")
    obs = store.observations(None, codes=[code], year=year)
    if obs.empty:
        yrs = sorted(set(store.observations(None, codes=[code])["year"].astype(int)))
        raise NotFoundError(
            f"Året {year} saknas för området {code}; år med data: "
            f"{', '.join(map(str, yrs)) or 'inga'}.",
            f"The year {year} is missing for the area {code}; years with data: "
            f"{', '.join(map(str, yrs)) or 'none'}.")
    version = obs["area_version"].mode().iloc[0]
    a = found[found["version"] == version].iloc[0].to_dict()
    rows = ind.area_panel(store, a, year, lang=lang)
    notes = _suppress_panel(rows, settings, lang)
    typ = ot.official_types(store, [year], codes=[code], version=version)
    tfig = None
    if not typ.empty:
        t = int(typ["omradestyp"].iloc[0])
        tfig = figure("omradestyp", type_label(t, lang), t, unit="typ 1–5", year=year,
                      level=a["level"], source=ot.SOURCE, method_status="official")
    return {"area": {k: a[k] for k in ("code", "name", "level", "version", "kommun")},
            "year": year, "omradestyp": tfig, "indicators": rows, "notes": sorted(set(notes))}


def _suppress_panel(rows: list[dict], settings, lang="sv") -> list[str]:
    """Blank small counts and shares on small denominators in panel rows (in place); the notes."""
    from lagesbild.typology.disclosure import suppression_note

    mc = getattr(settings, "suppress_min_count", 5) if settings else 5
    md = getattr(settings, "suppress_min_denominator", 20) if settings else 20
    notes = []
    for r in rows:
        den = r.get("denominator_value")
        small = (r.get("unit") == "procent" and den is not None and den < md) or (
            r.get("unit") == "personer" and r.get("value") is not None and 0 < r["value"] < mc)
        if small:
            r["value"] = r["z_kommun"] = r["z_riket"] = r["pct_kommun"] = r["pct_riket"] = None
            r["suppressed"] = True
            notes.append(suppression_note(mc, md, lang))
    return notes


def area_table(store: Store, kommun: str, year: int, level: str = "regso", *, version: str | None = None,
               settings: Settings | None = None, lang: str = "sv") -> pd.DataFrame:
    """The indicator panel of every area of a kommun in one table (bulk :func:`area_indicators`).

    The values, kommun and riket values, z-scores, percentiles, statuses and suppression
    flags are those :func:`area_indicators` gives area by area (without the trend), from one
    national read of the indicators instead of one per area.

    Parameters
    ----------
    store : Store
    kommun : str
    year : int
    level : {"regso", "deso"}
    version : str, optional
        Geography version; default the one most of the kommun's values have (RegSO2020).
    settings : Settings, optional
        Suppression thresholds (``suppress_min_count``, ``suppress_min_denominator``).
    lang : {"sv", "en"}, optional
        Language of the labels and notes (default Swedish).

    Returns
    -------
    DataFrame
        One row per area × catalogue indicator: ``area_code, name, area_version, omradestyp,
        id, label, theme, unit, value, kommun_value, riket_value, z_kommun, pct_kommun,
        z_riket, pct_riket, n_kommun, n_riket, numerator_value, denominator_value, status,
        suppressed, note, source, source_id, year, level, method_status``.  ``attrs``:
        ``sources`` (source ids), ``version``, ``notes``.
    """
    import pandas as pd

    from lagesbild.services.store import require_kommun
    from lagesbild.typology import indicators as ind
    from lagesbild.typology import omradestyp as ot

    require_kommun(store, kommun)
    if level not in ("regso", "deso"):
        raise InputError(f"Parametern 'level' måste vara regso eller deso. Fick {level!r}.",
                         f"The 'level' parameter must be regso or deso. Got {level!r}.")
    rows, version = ind.area_panels(store, kommun, int(year), level=level, version=version, lang=lang)
    if not rows:
        raise NotFoundError(f"Kommun {kommun} har inga indikatorvärden på nivån {level} år {year}.",
                            f"Kommun {kommun} has no indicator values at level {level} in {year}.")
    notes = _suppress_panel(rows, settings, lang)
    df = pd.DataFrame(rows)
    df["suppressed"] = df["suppressed"].fillna(False).astype(bool) if "suppressed" in df else False
    typ = ot.official_types(store, [int(year)], kommun=kommun, version=version)
    df["omradestyp"] = df["area_code"].map(dict(zip(typ["area_code"], typ["omradestyp"].astype(int))))
    df.attrs = {"sources": set(df["source_id"].dropna()) if "source_id" in df else set(),
                "version": version, "notes": sorted(set(notes))}
    return df.sort_values(["area_code"], kind="stable").reset_index(drop=True)


def demo(store: Store, settings: Settings) -> None:
    """Print Göteborg's (1480) lägesbild briefly (called by `lagesbild demo`).

    Parameters
    ----------
    store : Store
        The open store.
    settings : Settings
        The resolved settings.
    """
    from lagesbild.typology.omradestyp import LABEL_TYPES_12

    years = require_types_years(store, None)
    year = years[-1]
    p = kommun_profile(store, "1480", year, settings=settings)
    s = {f["id"]: f for f in p["omradestyper"]["summary"]}
    print(f"\nLägesbild {p['kommun']['name']} ({p['kommun']['code']}) {year} — områdestyper per RegSO")
    def sv(v, d=1):
        return "–" if v is None or v != v else f"{v:.{d}f}".replace(".", ",")

    for r in p["omradestyper"]["table"].itertuples(index=False):
        print(f"  typ {r.omradestyp}  {r.n_regso:>3} RegSO  {sv(r.share_population):>5} %  {r.label}")
    print(f"  Andel i {LABEL_TYPES_12} (typ 1–2): {sv(s['share_population_12']['value'])} %; "
          f"typ 4–5: {sv(s['share_population_45']['value'])} % (befolkning {year})")
    tr = p["transitions"]
    if tr:
        c = tr["counts"]
        print(f"  {tr['year_from']}→{tr['year_to']}: {c['improved']} förbättrade, "
              f"{c['worsened']} försämrade, {c['stable']} stabila RegSO")
    el = p["eligibility"]
    kk = el.get("kommun") or {}
    print(f"  {el['label']}: {kk.get('status', '–')} (z för typ 1–2 = {sv(kk.get('z_share'), 2)}; "
          "ojämlikhetsindex saknas i lagret)")
