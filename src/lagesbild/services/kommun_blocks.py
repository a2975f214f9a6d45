"""Building blocks of :mod:`lagesbild.services.lagesbild` (validation, figures, blocks).

Not a public API of its own; the web app and reports call :mod:`lagesbild.services.lagesbild`.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import choose, t

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["figure", "scope_of", "require_types_years", "require_level_data", "suppressed",
           "to_jsonable", "national_summary", "ojamlikhet_block", "eligibility_block",
           "comparison_block", "type_label", "INCOME_CLASS_VARIABLES"]

#: Store variables that would hold persons per national income class (lowest first).
INCOME_CLASS_VARIABLES = {
    "quintile": [f"inkomstkvintil_{i}" for i in range(1, 6)],
    "quartile": [f"inkomstkvartil_{i}" for i in range(1, 5)],
}


def _num(v):
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return v
    return None if math.isnan(f) else f


def figure(id: str, label: str, value: Any, *, unit: str, year: int, level: str, source: str,
           method_status: str, note: str | None = None, **extra: Any) -> dict[str, Any]:
    """One figure with its metadata (the shape every lägesbild figure has).

    Parameters
    ----------
    id, label : str
        Stable key and the label people read.
    value : object
        The value (a number is made a float, NaN becomes None).
    unit, level, source : str
        Unit, area level and source of the value.
    year : int
        The year.
    method_status : {"official", "computed", "reconstructed", "proxy"}
        How the value was obtained.
    note : str, optional
        A note shown with the value.
    **extra
        Further keys.

    Returns
    -------
    dict
        The figure.

    Raises
    ------
    InputError
        If ``method_status`` is unknown.
    """
    if method_status not in ("official", "computed", "reconstructed", "proxy"):
        raise InputError(f"Okänd method_status {method_status!r}.",
                         f"Unknown method_status {method_status!r}.")
    return {"id": id, "label": label, "value": _num(value), "unit": unit,
            "year": None if year is None else int(year), "level": level, "source": source,
            "method_status": method_status, "note": note or "", **extra}


def type_label(n: int, lang: str | None = "sv") -> str:
    """The official label of områdestyp ``n`` (1–5) in ``lang`` (Swedish, or SCB's English).

    Parameters
    ----------
    n : int
        The type, 1–5.
    lang : {"sv", "en"}, optional
        The language (default Swedish).

    Returns
    -------
    str
        The label.
    """
    from lagesbild.typology.omradestyp import TYPE_LABELS, TYPE_LABELS_EN

    return choose(TYPE_LABELS[int(n)], TYPE_LABELS_EN[int(n)], lang)


def scope_of(store: Store, *, kommun: str | None = None, lan: str | None = None,
             riket: bool = False) -> dict[str, Any]:
    """Validate the kommun/län/riket choice; {by, level, code, name, kommun, lan}.

    Parameters
    ----------
    store : Store
        The open store.
    kommun, lan : str, optional
        A kommun or län code.
    riket : bool, default False
        The whole country.

    Returns
    -------
    dict
        ``by, level, code, name, kommun, lan``.

    Raises
    ------
    InputError
        Unless exactly one of the three is given.
    NotFoundError
        If the code does not exist.
    """
    given = sum(x is not None for x in (kommun, lan, riket or None))
    if given != 1:
        raise InputError("Ange exakt ett av --kommun, --lan och --riket.",
                         "Give exactly one of --kommun, --lan and --riket.")
    if kommun is not None:
        from lagesbild.services.store import require_kommun

        k = require_kommun(store, str(kommun))
        return {"by": "kommun", "level": "kommun", "code": k["code"], "name": k["name"],
                "kommun": k["code"], "lan": None}
    if lan is not None:
        lan = str(lan)
        df = store.areas(level="lan", codes=[lan])
        if df.empty:
            raise NotFoundError(f"Länskoden {lan} finns inte (21 län, tvåsiffriga koder, t.ex. 14 "
                                "Västra Götalands län).",
                                f"The län code {lan} does not exist (21 län, two-digit codes, "
                                "e.g. 14 Västra Götalands län).")
        return {"by": "lan", "level": "lan", "code": lan, "name": df["name"].iloc[0],
                "kommun": None, "lan": lan}
    return {"by": "riket", "level": "riket", "code": "riket", "name": "Riket", "kommun": None,
            "lan": None}


def require_types_years(store: Store, years: Iterable[int] | None, kommun: str | None = None) -> list[int]:
    """Years with the official classification of all RegSO (2020) — nationally, or of every
    RegSO of ``kommun`` when given (TAB6586 series); NotFoundError for others.

    The counts are read once for every kommun per generation of the store file.

    Parameters
    ----------
    store : Store
        The open store.
    years : iterable of int or None
        The years asked for (None: every year available).
    kommun : str, optional
        Accept years where every RegSO of this kommun is classified.

    Returns
    -------
    list of int
        The years.

    Raises
    ------
    NotFoundError
        Naming the years without a classification and those available.
    """
    from lagesbild.store.generations import per_generation

    def counts():
        df = store.sql("SELECT year, count(*) AS n FROM observations WHERE variable = 'omradestyp' "
                       "AND area_version = 'RegSO2020' GROUP BY year ORDER BY year")
        per_k = store.sql("SELECT a.kommun, o.year, count(*) AS n FROM observations o JOIN areas a ON "
                          "a.code = o.area_code AND a.version = o.area_version WHERE "
                          "o.variable = 'omradestyp' AND o.area_version = 'RegSO2020' "
                          "GROUP BY a.kommun, o.year ORDER BY a.kommun, o.year")
        regso = store.areas(level="regso", version="RegSO2020")
        return ([int(y) for y, n in zip(df["year"], df["n"]) if n >= 3000],
                {k: [(int(y), int(n)) for y, n in zip(g["year"], g["n"])] for k, g in per_k.groupby("kommun")},
                regso["kommun"].value_counts().to_dict())

    national, per_kommun, n_regso = per_generation(store, ("require_types_years.counts",), counts)
    national = list(national)
    if kommun is not None:
        nk = n_regso.get(kommun, 0)
        national = sorted(set(national) | {y for y, n in per_kommun.get(kommun, []) if nk and n == nk})
    if years is None:
        if not national:
            raise NotFoundError("Lagret har inga officiella områdestyper; kör 'lagesbild init'.",
                                "The store has no official områdestyper; run 'lagesbild init'.")
        return national
    years = [int(y) for y in years]
    bad = [y for y in years if y not in national]
    if bad:
        raise NotFoundError(
            f"Officiella områdestyper för hela landet saknas för år {', '.join(map(str, bad))}; "
            f"tillgängliga år: {', '.join(map(str, national)) or 'inga'}.",
            f"Official områdestyper for the whole country are missing for "
            f"{', '.join(map(str, bad))}; available years: {', '.join(map(str, national)) or 'none'}.")
    return years


def require_level_data(store: Store, kommun: str, year: int, level: str) -> None:
    """NotFoundError (Swedish) when the kommun has no data at ``level`` in ``year``.

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.
    year : int
        The year.
    level : str
        Area level.

    Raises
    ------
    NotFoundError
        If there are no observations at that level and year.
    """
    from lagesbild.services import area_index

    have = area_index.levels_with_data(store, kommun, year)
    if level not in have:
        raise NotFoundError(
            f"Nivån {level} saknar data för kommun {kommun} år {year}; nivåer med data: "
            f"{', '.join(sorted(have)) or 'inga'}.",
            f"The level {level} has no data for kommun {kommun} in {year}; levels with data: "
            f"{', '.join(sorted(have)) or 'none'}.")


def suppressed(df: pd.DataFrame, settings: Settings | None, *, counts: Iterable[str] = (),
               shares: Mapping[str, str | tuple[str, str]] | None = None,
               den: pd.Series | None = None, lang: str | None = None) -> pd.DataFrame:
    """:func:`~lagesbild.typology.disclosure.suppress` with None as the symbol.

    ``den`` (a Series aligned with ``df``) is the denominator referred to as "_den" in
    ``shares``.

    Parameters
    ----------
    df : pandas.DataFrame
        The table to publish.
    settings : Settings or None
        The disclosure thresholds.
    counts : iterable of str
        Count columns.
    shares : dict, optional
        Share column → its denominator column.
    den : pandas.Series, optional
        A denominator not in ``df``.
    lang : {"sv", "en"}, optional
        Language of the suppression note (default: that of ``settings``, else Swedish).

    Returns
    -------
    pandas.DataFrame
        ``df`` with small counts and the shares built on them set to None.
    """
    from lagesbild.typology.disclosure import suppress

    work = df.assign(_den=den) if den is not None else df
    out = suppress(work, counts=counts, shares=shares, settings=settings, symbol=None, lang=lang)
    if den is not None:
        attrs = out.attrs
        out = out.drop(columns="_den")
        out.attrs = attrs
    return out


def to_jsonable(obj: Any) -> Any:
    """DataFrames → list of records, numpy scalars → Python, NaN → None (recursively).

    Parameters
    ----------
    obj : object
        A frame, series, mapping, sequence, array or scalar.

    Returns
    -------
    object
        The same data built from lists, dicts, str, int, float, bool and None.
    """
    import numpy as np
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        if isinstance(obj.columns, pd.Index) and obj.index.name is not None:
            obj = obj.reset_index()
        obj = obj.astype(object).where(obj.notna(), None)
        obj.columns = [str(c) for c in obj.columns]
        return [to_jsonable(r) for r in obj.to_dict("records")]
    if isinstance(obj, pd.Series):
        return to_jsonable(obj.to_dict())
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [to_jsonable(v) for v in obj.tolist()]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and math.isnan(obj):
        return None
    if obj is pd.NA or obj is pd.NaT:
        return None
    return obj


_NATIONAL: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NATIONAL_LOCK = threading.Lock()


def national_summary(store: Store, year: int) -> pd.DataFrame:
    """Per kommun, län and riket: shares of the population in types 1–2 and 4–5 (one year).

    National, so the same for every kommun page: computed once per store, generation of the store
    file and year, shared by all threads (concurrent first requests wait for one computation), and
    returned as a copy.

    Parameters
    ----------
    store : Store
        The open store.
    year : int
        The year.

    Returns
    -------
    pandas.DataFrame
        One row per kommun, län and riket.
    """
    gen = getattr(store, "generation", None)
    with _NATIONAL_LOCK:
        try:
            per_store = _NATIONAL.setdefault(store, {})
        except TypeError:  # not weak-referenceable: no sharing
            return _national_summary(store, year)
        for key in [k for k in per_store if k[0] != gen]:
            del per_store[key]  # an earlier generation of the file
        slot = per_store.setdefault((gen, int(year)), {"lock": threading.Lock(), "value": None})
    with slot["lock"]:
        if slot["value"] is None:
            slot["value"] = _national_summary(store, year)
    return slot["value"].copy()


def _national_summary(store, year: int):
    import pandas as pd

    from lagesbild.typology import omradestyp as ot

    t = ot.attach_population(ot.official_types(store, [year], version="RegSO2020"), store)
    parts = []
    for by in ("kommun", "lan", "riket"):
        s = ot.type_summary(ot.type_distribution(t, by=by)).assign(level=by)
        parts.append(s)
    return pd.concat(parts, ignore_index=True)


def ojamlikhet_block(store: Store, kommun: str, year: int, level: str, lang: str = "sv") -> dict[str, Any]:
    """The kommun's ojämlikhetsindex, or a figure saying clearly why it is missing.

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.
    year : int
        The year.
    level : str
        Area level.
    lang : {"sv", "en"}, optional
        Language of the label and the note (default Swedish).

    Returns
    -------
    dict
        A :func:`figure`.
    """
    from lagesbild.errors import LagesbildError
    from lagesbild.typology.ojamlikhet import ojamlikhetsindex

    have = set(store.variables().index)
    note = t("fetch.ojamlikhet_missing", lang, kommun=kommun)
    for classes, vars_ in INCOME_CLASS_VARIABLES.items():
        if all(v in have for v in vars_):
            # one geography version: the newest on which the kommun has the counts for the year
            versions = sorted(set(store.observations(vars_[:1], level=level, kommun=kommun,
                                                     year=year)["area_version"]))
            try:
                m = store.counts(vars_, level, kommun=kommun, year=year,
                                 version=versions[-1] if versions else None)
                r = ojamlikhetsindex(m, classes=classes, level=level)
            except LagesbildError as exc:  # no counts, or every area suppressed: say why
                note = exc.message(lang)
                continue
            return figure(r["id"], t(f"typology.ojamlikhet_{classes}", lang), r["value"], unit=r["unit"],
                          year=year, level=level, source=t("profile.ojamlikhet_source", lang),
                          method_status=r["method_status"], n_units=r["n_units"], income_classes=classes)
    return figure("ojamlikhetsindex", t("typology.ojamlikhet_quintile", lang), None, unit="index 0–100", year=year,
                  level=level, source="—", method_status="computed", status="saknas", note=note)


def eligibility_block(store: Store, kommun: str, year: int, summary: pd.DataFrame | None = None,
                      lang: str = "sv") -> dict[str, Any]:
    """The Delmos 2022 rule over all kommuner for ``year`` with the kommun's standing.

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.
    year : int
        The year.
    summary : pandas.DataFrame, optional
        :func:`national_summary` of the year, if already computed.
    lang : {"sv", "en"}, optional
        Language of the label, the source and the note (default Swedish); the status codes of
        the table stay as they are.

    Returns
    -------
    dict
        The rule, its thresholds and the kommun's standing.
    """
    from lagesbild.store.generations import per_generation
    from lagesbild.typology.ojamlikhet import eligibility_delmos_2022

    def every_kommun():  # the rule over all kommuner, once per store generation and year
        s = summary if summary is not None else national_summary(store, year)
        tab = s[s["level"] == "kommun"].rename(columns={"unit": "kommun"})[["kommun", "share_population_12"]]
        index, classes = _ojamlikhet_every_kommun(store, year)
        if index:
            tab = tab.assign(ojamlikhetsindex=tab["kommun"].map(index))
        res = eligibility_delmos_2022(tab)
        res["income_classes"] = classes
        return res

    res = dict(per_generation(store, ("kommun_blocks.eligibility", int(year)), every_kommun))
    res["table"] = res["table"].copy()
    row = res["table"][res["table"]["kommun"] == kommun]
    res["kommun"] = row.iloc[0].to_dict() if not row.empty else None
    res["year"], res["level"] = year, "kommun"
    res["label"] = t("typology.delmos_rule", lang)
    res["source"] = t("profile.eligibility_source", lang)
    res["method_status"] = "computed"
    res["table"] = res["table"][["kommun", "share_population_12", "z_share", "uppfyller_share",
                                 "ojamlikhetsindex", "z_ojamlikhet", "status"]]
    if res["ojamlikhet_missing"]:
        res["note"] = t("profile.eligibility_no_index", lang)
    elif res["income_classes"] == "quartile":
        res["note"] = t("profile.eligibility_quartile", lang)
    return res


def _ojamlikhet_every_kommun(store: Store, year: int) -> tuple[dict[str, float], str | None]:
    """The ojämlikhetsindex (DeSO) of every kommun that has income-class counts for ``year``, all on
    one kind of class (quintiles where any kommun has them, else the quartile proxy)."""
    have = set(store.variables().index)
    kinds = [c for c, vars_ in INCOME_CLASS_VARIABLES.items() if all(v in have for v in vars_)]
    if not kinds:
        return {}, None
    values: dict[str, dict[str, float]] = {c: {} for c in kinds}
    for kommun in store.kommuner():
        f = ojamlikhet_block(store, kommun, year, "deso")
        if f.get("value") is not None:
            values[f["income_classes"]][kommun] = float(f["value"])
    chosen = next((c for c in kinds if values[c]), None)
    return (values[chosen], chosen) if chosen else ({}, None)


def comparison_block(store: Store, kommun: str, year: int, summary: pd.DataFrame | None = None,
                     lang: str = "sv") -> dict[str, Any]:
    """The kommun's shares in types 1–2 and 4–5 against län, riket, SKR and Kolada groups.

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.
    year : int
        The year.
    summary : pandas.DataFrame, optional
        A summary in the form of :func:`national_summary` to compare within; default the national
        summary of the year (split per kommun and län once per store generation).
    lang : {"sv", "en"}, optional
        Language of the labels and the source (default Swedish).

    Returns
    -------
    dict
        The kommun's shares and those of its comparison groups.
    """
    from lagesbild.services import area_index
    from lagesbild.store.generations import per_generation
    from lagesbild.typology import similar
    from lagesbild.typology.omradestyp import SOURCE

    groups = similar.comparison_groups(store, kommun)
    k = {"lan": area_index.area_names(store, "kommun")[kommun]["lan"]}
    figs = []
    for col, label, hib in (("share_population_12", t("profile.fig_share_12", lang), False),
                            ("share_population_45", t("profile.fig_share_45", lang), True)):
        if summary is None:  # the national summary, split once per store generation and year
            per_k, by_lan, riket_v = per_generation(
                store, ("kommun_blocks.summary_split", int(year), col),
                lambda col=col: _summary_split(national_summary(store, year), col))
            lan_v = by_lan.get(k["lan"], riket_v.iloc[:0])
        else:
            s = summary
            per_k = s[s["level"] == "kommun"].set_index("unit")[col]
            lan_v = s[(s["level"] == "lan") & (s["unit"] == k["lan"])][col]
            riket_v = s[s["level"] == "riket"][col]
        comp = {}
        if groups.get("skr_kommungrupp"):
            g = groups["skr_kommungrupp"]
            comp["skr_kommungrupp"] = {"name": g["name"], "code": g["code"]} | similar.compare(
                per_k, kommun, g["members"], higher_is_better=hib)
        soc = [g for g in groups["kolada"] if g["theme"] == similar.KOLADA_THEME_DEFAULT]
        if soc:
            comp["kolada_liknande"] = {"name": soc[0]["name"]} | similar.compare(
                per_k, kommun, soc[0]["members"], higher_is_better=hib)
        figs.append(figure(col, label, per_k.get(kommun), unit="procent", year=year,
                           level="kommun", source=SOURCE, method_status="official",
                           lan_value=_num(lan_v.iloc[0]) if len(lan_v) else None,
                           riket_value=_num(riket_v.iloc[0]) if len(riket_v) else None,
                           groups=comp))
    source = t("profile.comparison_source", lang)
    return {"groups": groups | ({"source": source} if "source" in groups else {}), "figures": figs,
            "source": source}


def _summary_split(s: pd.DataFrame, col: str) -> tuple:
    """``col`` of the national summary as (per kommun Series, {län: its rows' Series}, riket Series)."""
    per_k = s[s["level"] == "kommun"].set_index("unit")[col]
    lan = s[s["level"] == "lan"]
    by_lan = {u: g[col] for u, g in lan.groupby("unit", sort=False)}
    return per_k, by_lan, s[s["level"] == "riket"][col]
