"""Use cases of the crime-prevention lägesbild (Lag 2023:196) and EST incident reporting.

The CLI (``lagesbild brott …``), the web pages and the demo call these functions; every number
they show comes from here, so the document and the JSON output agree.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair

__all__ = ["statistik", "utsatta", "population", "open_ops", "import_handelser", "submit_handelse",
           "list_handelser", "withdraw_handelse", "review_handelser", "lagesbild", "area_names",
           "save_plan", "approve_plan", "current_plan", "kolada_comparison", "kommun_name", "records", "member",
               "set_member", "taxonomy", "to_level",
           "add_promise", "promises", "set_role", "roles", "utsatta_outlines", "area_view", "import_utsatta",
           "EXAMPLE_LABEL", "STAT_KEYS"]

#: shown wherever generated incidents appear
EXAMPLE_LABEL = "exempeldata (syntetiska händelser)"
#: keys of each ``brott statistik`` object (documented in docs/brott.md)
STAT_KEYS = ("kalla", "variabel", "ar", "varde", "enhet", "ki_undre", "ki_ovre", "antal_svarande", "geografi",
             "undertryckt", "fa_svarande")
_KOLADA_SOURCE = "Kolada N07540 (Brå, anmälda brott)"


def _none(v):
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else v


def kommun_name(store, kommun: str) -> str:
    if not (isinstance(kommun, str) and len(kommun) == 4 and kommun.isdigit()):
        raise InputError(*pair("brott.unknown_kommun", kommun=kommun))
    try:
        return str(store.area(kommun, version="kommun2025")["name"])
    except NotFoundError:
        raise InputError(*pair("brott.unknown_kommun", kommun=kommun)) from None


# ------------------------------------------------------------------ statistics
def _bra_frame():
    from lagesbild.brott.bra import parse_kommunindikatorer
    from lagesbild.store.bundled import data_path

    raw = pd.read_parquet(data_path("bra_kommunindikatorer_dalarna_2016_2025.parquet"))
    return parse_kommunindikatorer(raw, file="bra_kommunindikatorer_dalarna_2016_2025.parquet")


def _kolada():
    from lagesbild.store.bundled import data_path

    return pd.read_parquet(data_path("kolada_n07540_n01951_2025.parquet"))


def statistik(store, kommun: str, *, years: list[int] | None = None, min_respondents: int = 200,
              geografi: list[str] | None = None) -> list[dict]:
    """Brå's kommunindikatorer for a kommun (NTU with intervals, anmälda brott) and Kolada N07540.

    ``geografi`` adds comparison rows (``"Dalarnas län"``, ``"Hela landet"``). NTU rows with
    fewer than ``min_respondents`` answers are flagged ``fa_svarande``.
    """
    from lagesbild.brott.bra import flag_few_respondents

    name = kommun_name(store, kommun)
    df = _bra_frame()
    places = [name, *(geografi or [])]
    df = df[df["geografi"].isin(places)]
    df = df.assign(fa_svarande=flag_few_respondents(df, min_respondents))
    kol = _kolada()
    kol = kol[(kol["kommunkod"] == kommun) & (kol["kpi"] == "N07540")]
    if df.empty and kol.empty:
        raise NotFoundError(*pair("brott.no_kommun_data", kommun=kommun))
    krows = pd.DataFrame({"geografi": name, "kalla": _KOLADA_SOURCE, "variabel": "Anmälda brott totalt",
                          "ar": kol["ar"].astype("int64"), "enhet": "Antal per 100 000 inv", "varde": kol["varde"],
                          "ki_undre": np.nan, "ki_ovre": np.nan, "antal_svarande": np.nan, "undertryckt": False,
                          "fa_svarande": False})
    fetched = _fetched_kolada(store, kommun, name)
    if not fetched.empty:  # a fresher fetch of N07540 replaces the bundled value of the same year
        same = fetched[fetched["kalla"] == "Kolada N07540 (Brå)"]["ar"]
        krows = pd.concat([krows[~krows["ar"].isin(same)], fetched], ignore_index=True)
    df = pd.concat([df, krows], ignore_index=True) if not df.empty else krows
    if years:
        df = df[df["ar"].isin(years)]
    out = []
    for r in df.to_dict("records"):
        out.append({k: _none(r[k]) for k in STAT_KEYS} | {"ar": int(r["ar"]), "undertryckt": bool(r["undertryckt"]),
                                                          "fa_svarande": bool(r["fa_svarande"])})
    return out


#: Brå's KPIs in Kolada that `lagesbild fetch kolada` can bring into the store for any kommun
BRA_KPIS = ("N07540", "N07403")


def _fetched_kolada(store, kommun: str, name: str) -> pd.DataFrame:
    """Brå KPIs fetched from Kolada into the store (variables ``kolada_<KPI>``), as statistik rows."""
    wanted = [f"kolada_{k}" for k in BRA_KPIS]
    obs = store.observations(wanted, level="kommun", codes=[kommun])
    if obs.empty:
        return obs
    meta = store.variables()
    return pd.DataFrame({
        "geografi": name, "kalla": "Kolada " + obs["variable"].str.removeprefix("kolada_") + " (Brå)",
        "variabel": [str(meta.loc[v, "label_sv"]) if v in meta.index else v for v in obs["variable"]],
        "ar": obs["year"].astype("int64"), "enhet": "Antal per 100 000 inv", "varde": obs["value"],
        "ki_undre": np.nan, "ki_ovre": np.nan, "antal_svarande": np.nan, "undertryckt": obs["value"].isna(),
        "fa_svarande": False})


def kolada_comparison(kommun: str) -> dict:
    """N07540 2025: the kommun, the median of all 290 kommuner and the kommun's rank (1 = highest)."""
    k = _kolada()
    k = k[k["kpi"] == "N07540"].dropna(subset=["varde"])
    own = k[k["kommunkod"] == kommun]
    rank = int((k["varde"] > float(own["varde"].iloc[0])).sum()) + 1 if not own.empty else None
    return {"ar": int(k["ar"].max()), "varde": None if own.empty else float(own["varde"].iloc[0]),
            "median": float(k["varde"].median()), "rang": rank, "antal_kommuner": int(len(k))}


# ------------------------------------------------------------------ utsatta områden
def _edition_path(store) -> Path | None:
    """Where an imported edition of utsatta områden is kept: beside the store file."""
    path = getattr(store, "path", None)
    if not path or str(path) == ":memory:":
        return None
    p = Path(path)
    return p.with_name(p.stem + ".utsatta.parquet")


def _uso(path: Path | None = None, store=None):
    from lagesbild.brott.utsatta import read_utsatta
    from lagesbild.store.bundled import data_path

    if path is None and store is not None:
        edition = _edition_path(store)
        if edition is not None and edition.exists():
            path = edition
    return read_utsatta(path or data_path("polisen_utsatta_omraden_2025.parquet"))


def _uso_source(store, path: Path | None) -> str:
    if path is not None:
        return f"Polismyndigheten, utsatta områden ({Path(path).name})"
    edition = _edition_path(store)
    if edition is not None and edition.exists():
        return "Polismyndigheten, utsatta områden (importerad utgåva)"
    return "Polismyndigheten, utsatta områden 2025"


def import_utsatta(store, file: Path) -> dict:
    """Make a new edition of Polisen's utsatta områden (GeoJSON/GeoParquet, checked) the one in use."""
    import os

    from lagesbild.brott.utsatta import read_utsatta

    edition = _edition_path(store)
    if edition is None:
        raise InputError(*pair("brott.no_edition_place"))
    g = read_utsatta(Path(file))
    tmp = edition.with_suffix(".tmp")
    g.to_parquet(tmp, compression="zstd", index=False)
    os.replace(tmp, edition)
    return {"antal": int(len(g)), "kategorier": {str(k): int(v) for k, v in g["kategori"].value_counts().items()},
            "fil": str(edition)}


def population(store, kommun: str, level: str = "deso") -> pd.DataFrame:
    """Population per area and year (``omrade, ar, folkmangd``) from the store and the bundled
    Dalarna DeSO figures (DeSO 2025 codes equal DeSO 2018 codes in Dalarna)."""
    from lagesbild.store.bundled import data_path

    deso = store.observations("folkmangd", level="deso", kommun=kommun)
    deso = deso.rename(columns={"area_code": "omrade", "year": "ar", "value": "folkmangd"})[["omrade", "ar",
                                                                                              "folkmangd"]]
    dal = pd.read_parquet(data_path("deso2025_dalarna_folkmangd_2022_2024.parquet"))
    dal = dal[dal["kommun"] == kommun].rename(columns={"desokod": "omrade"})[["omrade", "ar", "folkmangd"]]
    deso = pd.concat([deso, dal], ignore_index=True).drop_duplicates(["omrade", "ar"], keep="first")
    deso = deso.astype({"ar": "int64", "folkmangd": "float64"})
    if level == "deso":
        return deso
    reg = store.observations("folkmangd", level="regso", kommun=kommun, version="RegSO2020")
    reg = reg.rename(columns={"area_code": "omrade", "year": "ar", "value": "folkmangd"})[["omrade", "ar",
                                                                                            "folkmangd"]]
    parents = store.areas(level="deso", kommun=kommun, version="DeSO2018").set_index("code")["parent_code"]
    up = deso.assign(omrade=deso["omrade"].map(parents)).dropna(subset=["omrade"])
    up = up.groupby(["omrade", "ar"], as_index=False)["folkmangd"].sum()
    up = up[~up["ar"].isin(reg["ar"].unique())]
    return pd.concat([reg, up], ignore_index=True).astype({"ar": "int64", "folkmangd": "float64"})


def utsatta(store, kommun: str, *, path: Path | None = None, min_share: float = 0.01) -> list[dict]:
    """The kommun's utsatta områden with the RegSO 2020 and DeSO 2018 areas they overlap."""
    from lagesbild.brott.utsatta import assign_kommun, overlay

    kommun_name(store, kommun)
    uso = _uso(path, store)
    source = _uso_source(store, path)
    uso = uso.assign(kommun=assign_kommun(uso, store.geometries(level="kommun")))
    uso = uso[uso["kommun"] == kommun]
    if uso.empty:
        return []
    deso = store.geometries(level="deso", kommun=kommun, version="DeSO2018")
    reg = store.geometries(level="regso", kommun=kommun, version="RegSO2020")
    pop = population(store, kommun, "deso")
    pop = pop[pop["ar"] == pop["ar"].max()].set_index("omrade")["folkmangd"] if not pop.empty else None
    parents = deso.set_index("code")["parent_code"]
    ov_r = overlay(uso, reg, fine=deso, fine_pop=pop, fine_parent=parents, min_share=min_share)
    ov_d = overlay(uso, deso, min_share=min_share)
    names = dict(zip(reg["code"], reg["name"]))
    out = []
    for _, u in uso.iterrows():
        areas = []
        for ov, niva in ((ov_r, "regso"), (ov_d, "deso")):
            for r in ov[ov["namn"] == u["namn"]].to_dict("records"):
                areas.append({"niva": niva, "kod": r["kod"], "version": r["version"],
                              "namn": names.get(r["kod"], r["kod"]),
                              "andel_av_omradet": round(float(r["andel_av_omradet"]), 4),
                              "andel_av_polisomradet": round(float(r["andel_av_polisomradet"]), 4),
                              "andel_befolkning": None if pd.isna(r["andel_befolkning"])
                              else round(float(r["andel_befolkning"]), 4)})
        out.append({"namn": u["namn"], "kategori": u["kategori"], "kategori_kod": u["kategori_kod"],
                    "ort": u.get("ORT"),
                        "giltig_fran": (None if pd.isna(u.get("AKTUALITET_START"))
                                        else str(u.get("AKTUALITET_START"))[:10]),
                    "kalla": source, "omraden": areas})
    return sorted(out, key=lambda d: (d["kategori_kod"] != "sarskilt_utsatt", d["namn"]))


# ------------------------------------------------------------------ incidents
def open_ops(settings):
    """The operational store with the brott tables declared."""
    import lagesbild.brott.tabeller  # noqa: F401  (declares the tables on METADATA)
    from lagesbild.store.operational import open_operational

    return open_operational(settings)


def area_names(store, kommun: str) -> dict[str, str]:
    a = store.areas(kommun=kommun)
    a = a[a["level"].isin(["regso", "deso"])]
    return dict(zip(a["code"], a["name"]))


def _valid_codes(store, kommun: str) -> set[str]:
    return set(area_names(store, kommun))


def import_handelser(store, ops, file: Path, *, kommun: str, organisation: str, user: str | None = None,
                     settings=None, lang: str = "sv") -> dict:
    """Import incidents from CSV/Excel: screened, validated, points snapped, all or nothing."""
    from lagesbild.brott.handelser import name_warnings, read_incident_file, snap_points, validate_incidents
    from lagesbild.brott.kategorier import default_taxonomy
    from lagesbild.brott.tabeller import insert_incidents

    kommun_name(store, kommun)
    file = Path(file)
    raw = read_incident_file(file)
    tax = default_taxonomy(getattr(settings, "brott_kategorier", "") if settings else "")
    df = validate_incidents(raw, tax, file=file.name, area_codes=_valid_codes(store, kommun))
    need = df["omrade"].isna() & df["x"].notna() & df["y"].notna()
    if need.any():
        deso = store.geometries(level="deso", kommun=kommun, version="DeSO2018")
        df.loc[need, "omrade"] = snap_points(df.loc[need, "x"], df.loc[need, "y"], deso)
    warnings = name_warnings(df["fritext"], file=file.name, lang=lang)
    ids = insert_incidents(ops, df, kommun=kommun, organisation=organisation, user=user)
    return {"antal": len(ids), "status": "inskickad", "varningar": warnings, "id": ids}


def submit_handelse(store, ops, values: dict, *, kommun: str, organisation: str, user: str,
                    settings=None, lang: str = "sv") -> dict:
    """One incident from the web form or the JSON endpoint (same checks as the file import)."""
    from lagesbild.brott.handelser import IMPORT_COLUMNS, name_warnings, validate_incidents
    from lagesbild.brott.kategorier import default_taxonomy
    from lagesbild.brott.tabeller import insert_incidents

    kommun_name(store, kommun)
    row = {k: "" if values.get(k) is None else str(values.get(k)) for k in IMPORT_COLUMNS if k in values}
    tax = default_taxonomy(getattr(settings, "brott_kategorier", "") if settings else "")
    df = validate_incidents(pd.DataFrame([row]), tax, file="formuläret", area_codes=_valid_codes(store, kommun))
    ids = insert_incidents(ops, df, kommun=kommun, organisation=organisation, user=user)
    return {"id": ids[0], "status": "inskickad",
            "varningar": name_warnings(df["fritext"], file="formuläret", lang=lang)}


def list_handelser(ops, *, kommun: str, organisation: str | None, status: str | None = None) -> pd.DataFrame:
    from lagesbild.brott.tabeller import list_incidents

    return list_incidents(ops, kommun=kommun, organisation=organisation, status=status)


def withdraw_handelse(ops, incident_id: int, *, organisation: str) -> None:
    from lagesbild.brott.tabeller import withdraw

    withdraw(ops, incident_id, organisation=organisation)


def review_handelser(ops, ids, *, decision: str, reviewer: str, role: str) -> int:
    from lagesbild.brott.tabeller import review

    return review(ops, ids, decision=decision, reviewer=reviewer, role=role)


# ------------------------------------------------------------------ the lägesbild
def to_level(store, kommun: str, df: pd.DataFrame, level: str) -> pd.DataFrame:
    """Incidents with DeSO codes moved to their RegSO (``level='regso'``)."""
    if level != "regso" or df.empty:
        return df
    parents = store.areas(level="deso", kommun=kommun, version="DeSO2018").set_index("code")["parent_code"]
    mapped = df["omrade"].map(parents)
    return df.assign(omrade=mapped.where(mapped.notna(), df["omrade"]))


def records(df: pd.DataFrame) -> list[dict]:
    out = []
    for r in df.to_dict("records"):
        out.append({k: (None if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA
                        else (v.item() if hasattr(v, "item") else v)) for k, v in r.items()})
    return out


def _density_peaks(df: pd.DataFrame, p, *, top: int = 5, min_points: int = 10) -> list[dict]:
    """Where approved incidents of the period carry points: the densest cells of a kernel density."""
    from lagesbild.brott import analys

    if "x" not in df.columns or not len(df):
        return []
    ok = analys.approved(df)
    t = ok["observerad_fran"].to_numpy()
    ok = ok[(t >= np.datetime64(p.start)) & (t < np.datetime64(p.end)) & ok["x"].notna().to_numpy()
            & ok["y"].notna().to_numpy()]
    if len(ok) < min_points:
        return []
    dens, x0, y0, cell = analys.kernel_density(ok["x"], ok["y"], weights=ok["antal"] if "antal" in ok else None)
    flat = np.argsort(dens, axis=None)[::-1][:top]
    iy, ix = np.unravel_index(flat, dens.shape)
    return [{"x": float(x0 + (i + 0.5) * cell), "y": float(y0 + (j + 0.5) * cell),
             "per_km2": round(float(dens[j, i]), 1)} for j, i in zip(iy, ix)]


def lagesbild(store, ops, *, kommun: str, period: str, level: str = "regso", alpha: float = 0.05,
              incidents: pd.DataFrame | None = None) -> dict:
    """Counts, rates, changes with the change rule's verdict, ranked areas and the meeting list."""
    from lagesbild.brott import analys
    from lagesbild.brott.perioder import parse_period
    from lagesbild.brott.tabeller import incidents_for_analysis

    if level not in ("regso", "deso"):
        raise InputError(*pair("brott.bad_level", value=level))
    name = kommun_name(store, kommun)
    p = parse_period(period)
    df = incidents if incidents is not None else incidents_for_analysis(ops, kommun=kommun)
    example = bool(df["exempeldata"].any()) if "exempeldata" in df.columns and len(df) else False
    df = to_level(store, kommun, df, level)
    pop = population(store, kommun, level)
    s = analys.summarise(df, p, pop, alpha=alpha)
    names = area_names(store, kommun)
    areas = s["omraden"].assign(namn=lambda d: d["omrade"].map(names))
    actions = None
    plan = current_plan(ops, kommun=kommun, ar=p.year)
    if plan is not None:
        actions = pd.DataFrame([{"atgard": m.text, "ansvarig": m.ansvarig, "status": m.status,
                                 "uppfoljning": m.uppfoljning} for m in plan.measures],
                               columns=["atgard", "ansvarig", "status", "uppfoljning"])
    return {
        "tathet": _density_peaks(df, p),
        "kommun": kommun, "kommunnamn": name, "period": s["period"], "start": s["start"], "slut": s["slut"],
        "niva": level, "exempeldata": example, "markning": EXAMPLE_LABEL if example else None,
        "regel": {"test": "exakt villkorligt binomialtest av två Poissonantal", "alfa": alpha,
                  "jamforelse_foregaende": s["jamforelse_foregaende"],
                  "jamforelse_forra_aret": s["jamforelse_forra_aret"],
                  "hotspot": "antal > e + 3·√e (e = förväntat antal efter folkmängd) eller säker ökning"},
        "totalt": records(pd.DataFrame([s["totalt"]]))[0],
        "kategorier": records(s["kategorier"]),
        "omraden": records(areas),
        "hotspots": s["hotspots"],
        "tidsmonster": records(s["tidsmonster"]),
        "motesagenda": analys.meeting_list(s | {"omraden": areas}, actions),
    }


# ------------------------------------------------------------------ plan
def save_plan(ops, content: dict, *, store=None) -> dict:
    """Store a plan (draft) as a new version; with ``store``, each measure's ``insats_id`` must
    name an insats in the insatser registry."""
    from lagesbild.brott.plan import Plan
    from lagesbild.brott.tabeller import save_plan as _save

    plan = Plan.from_dict(content)
    plan.check()
    if store is not None:
        from lagesbild.services.insatser import show_insats

        for m in plan.measures:
            if m.insats_id:
                try:
                    show_insats(store, m.insats_id)
                except NotFoundError:
                    raise InputError(*pair("brott.unknown_insats", id=m.id, insats=m.insats_id)) from None
    v = _save(ops, kommun=plan.kommun, ar=plan.ar, content=plan.to_dict(), status=plan.status,
              approver=plan.godkand_av)
    return {"kommun": plan.kommun, "ar": plan.ar, "version": v, "status": plan.status}


def approve_plan(ops, *, kommun: str, ar: int, approver: str) -> dict:
    """Approve the latest version (refused while a measure links to no finding)."""
    from lagesbild.brott.tabeller import save_plan as _save

    plan = current_plan(ops, kommun=kommun, ar=ar)
    if plan is None:
        raise NotFoundError(*pair("brott.no_plan", kommun=kommun, ar=ar))
    plan.approve(approver)
    v = _save(ops, kommun=kommun, ar=ar, content=plan.to_dict(), status=plan.status, approver=approver)
    return {"kommun": kommun, "ar": ar, "version": v, "status": plan.status, "godkand_av": plan.godkand_av,
            "godkand": plan.godkand}


def current_plan(ops, *, kommun: str, ar: int):
    from lagesbild.brott.plan import Plan
    from lagesbild.brott.tabeller import load_plan

    row = load_plan(ops, kommun=kommun, ar=ar)
    return None if row is None else Plan.from_dict(row["innehall"])


def member(ops, username: str) -> dict | None:
    """The account's organisation, incident role and kommun (or None)."""
    from lagesbild.brott.tabeller import member as _member

    return _member(ops, username)


def set_member(ops, username: str, *, organisation: str, roll: str, kommun: str) -> None:
    from lagesbild.brott.tabeller import set_member as _set

    _set(ops, username, organisation=organisation, roll=roll, kommun=kommun)


def taxonomy(settings=None):
    """The incident categories (the EST seed list unless the setting names others)."""
    from lagesbild.brott.kategorier import default_taxonomy

    return default_taxonomy(getattr(settings, "brott_kategorier", "") if settings else "")


def add_promise(ops, *, kommun: str, text: str, ansvarig: str, klart: str | None = None, status: str = "planerat",
                kalla: str = "medborgardialog", sammanfattning: str | None = None) -> int:
    """Add a medborgarlöfte (text, responsible kommun/polis/båda, due date, status, public summary)."""
    from datetime import date

    from lagesbild.brott.plan import PROMISE_OWNERS, PROMISE_STATUSES
    from lagesbild.brott.tabeller import save_promise
    from lagesbild.privacy import screen_text

    if ansvarig not in PROMISE_OWNERS:
        raise InputError(*pair("brott.bad_choice", param="--ansvarig", value=ansvarig,
                               expected=", ".join(PROMISE_OWNERS)))
    if status not in PROMISE_STATUSES:
        raise InputError(*pair("brott.bad_choice", param="--status", value=status,
                               expected=", ".join(PROMISE_STATUSES)))
    if not text or not text.strip():
        raise InputError(*pair("brott.bad_choice", param="--text", value="", expected="en text"))
    try:
        due = date.fromisoformat(klart) if klart else None
    except ValueError:
        raise InputError(*pair("brott.bad_choice", param="--klart", value=klart, expected="ÅÅÅÅ-MM-DD")) from None
    for v, where in ((text, "--text"), (sammanfattning, "--sammanfattning")):
        screen_text(v, where_sv=f"parametern {where}", where_en=f"the parameter {where}")
    return save_promise(ops, kommun=kommun, values={"text": text.strip(), "kalla": kalla, "ansvarig": ansvarig,
                                                    "klart": due, "status": status, "sammanfattning": sammanfattning})


def promises(ops, *, kommun: str) -> pd.DataFrame:
    from lagesbild.brott.tabeller import list_promises

    return list_promises(ops, kommun=kommun)


def set_role(ops, *, kommun: str, roll: str, innehavare: str, organisation: str) -> None:
    """Name who holds a role of the samordningsfunktion (a function title or an official's name)."""
    from lagesbild.brott.tabeller import set_role as _set

    _set(ops, kommun=kommun, roll=roll, innehavare=innehavare, organisation=organisation)


def roles(ops, *, kommun: str) -> list[dict]:
    from lagesbild.brott.tabeller import list_roles

    return list_roles(ops, kommun=kommun)


def utsatta_outlines(store, kommun: str, *, path: Path | None = None):
    """The kommun's utsatta områden as a GeoDataFrame (``namn, kategori, kategori_kod, geometry``; EPSG:3006)."""
    from lagesbild.brott.utsatta import assign_kommun

    uso = _uso(path, store)
    uso = uso.assign(kommun=assign_kommun(uso, store.geometries(level="kommun")))
    return uso[uso["kommun"] == kommun][["namn", "kategori", "kategori_kod", "geometry"]]


def area_view(store, ops, *, kommun: str, code: str, period: str, weeks: int = 12) -> dict:
    """One area: its name, områdestyp, utsatta-område overlaps and approved incidents per week and category
    for the ``weeks`` weeks up to the period's end."""
    from lagesbild.brott import analys
    from lagesbild.brott.perioder import parse_period
    from lagesbild.brott.tabeller import incidents_for_analysis

    names = area_names(store, kommun)
    if code not in names:
        raise NotFoundError(*pair("brott.no_area", code=code, kommun=kommun))
    p = parse_period(period)
    last = p if p.kind == "vecka" else parse_period(f"{p.end.isocalendar()[0]}-W{(p.end.isocalendar()[1]):02d}")
    first = last.shift(-(weeks - 1))
    df = to_level(store, kommun, incidents_for_analysis(ops, kommun=kommun), "regso" if "R" in code else "deso")
    df = df[df["omrade"] == code]
    agg = analys.aggregate(df, "vecka", by=("kategori",))
    keys = [first.shift(i) for i in range(weeks)]
    lab = {k.year * 100 + k.number: k.label for k in keys}
    agg = agg[agg["period"].isin(lab)]
    types = store.observations("omradestyp", level="regso", codes=[code])
    typ = None if types.empty else int(types.sort_values("year")["value"].iloc[-1])
    overlaps = [{"namn": u["namn"], "kategori": u["kategori"], "andel_av_omradet": a["andel_av_omradet"]}
                for u in utsatta(store, kommun) for a in u["omraden"] if a["kod"] == code]
    return {"kod": code, "namn": names[code], "omradestyp": typ, "utsatta": overlaps,
            "veckor": [k.label for k in keys],
            "antal": [{"vecka": lab[int(r["period"])], "kategori": r["kategori"], "antal": int(r["antal"])}
                      for r in agg.to_dict("records")],
            "exempeldata": bool(df["exempeldata"].any()) if len(df) else False}
