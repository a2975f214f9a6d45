"""Needs vs reach: need profiles, coverage, the gap table and the life-course chain.

Areas are RegSO 2020 (the version with official områdestyper 2022/2023). The target
population per life stage comes from SCB age bands (RegSO 2025, 2024; only for the kommuner the
store holds them for), reached through the RegSO 2020→2025 key. Where the bands do not match
the life stage exactly, the share of a five-year band is taken in proportion to the years it
overlaps and the value is marked ``estimated`` (uniform ages within a band is an assumption).

**Unknown is never zero.** A reach record with no participant count, a kommun-wide count that
cannot be split by area, or a count that cannot be split by life stage makes the participants
*unknown*; coverage is then ``None`` with a Swedish note saying why, and a lower bound is
given only where part of the reach is known. A cell with no insats at all has 0 participants.

**Ranges.** A reach record may be a range ("120–150"). Coverage then has a point value, the
midpoint of the range over the target (the value that is never further than half the range's
width from the true one, and the mean under a uniform spread), and an interval
``[low / target, high / target]`` (``coverage_low``, ``coverage_high``). With an exact count the
interval collapses to the point. Where part of the reach is unknown only the lower bound is
known (``coverage_min`` = ``coverage_low``; ``coverage_high`` is None, open above).
"""

from __future__ import annotations

from dataclasses import dataclass

from lagesbild.errors import NotFoundError
from lagesbild.i18n import choose, t
from lagesbild.prevention.model import Insats
from lagesbild.prevention.vocab import ARENAS, LEVELS, LIFE_STAGES, label

__all__ = ["need_profiles", "target_population", "participants", "coverage_table", "gap_table", "chain",
    "coverage_text",
           "chain_table", "CHAIN_STAGES", "UNKNOWN_TARGET_NOTE", "Reached", "gap_label", "age_kommuner_note"]

#: Stages of the chain from pregnancy to adulthood (äldre is shown but not required).
CHAIN_STAGES = ("graviditet", "spadbarn", "forskola", "lagstadiet", "mellanstadiet", "hogstadiet",
                "gymnasiet", "unga_vuxna", "vuxna")
AGE_KOMMUNER_NOTE = ("SCB-data per ålder och RegSO 2025 saknas i lagret för kommunen; de inbyggda finns "
                     "för 0180, 1480, 1280, 0380, 0581 och 0880, andra kommuner hämtas med "
                     "'lagesbild fetch kommun KOD'")
GRAVID_NOTE = "antalet gravida finns inte i SCB:s åldersdata; målgruppens storlek är okänd"
UNKNOWN_TARGET_NOTE = f"målgruppens storlek per ålder är okänd för området ({AGE_KOMMUNER_NOTE})"
_BANDS = [(a, a + 4) for a in range(0, 80, 5)] + [(80, None)]
#: English versions of the fixed notes and reasons (the Swedish text is the key; ``lang="en"`` uses them).
_EN = {
    AGE_KOMMUNER_NOTE: "SCB data by age and RegSO 2025 is missing from the store for the municipality; "
                       "the bundled data cover 0180, 1480, 1280, 0380, 0581 and 0880, other municipalities "
                       "are fetched with 'lagesbild fetch kommun KOD'",
    GRAVID_NOTE: "the number of pregnant women is not in SCB's age data; the size of the target group is unknown",
    "ingen räckvidd registrerad": "no reach recorded",
    "räckvidden är inte uppdelad per livsfas": "the reach is not split by life stage",
    "räckvidd saknas för livsfasen": "no reach for the life stage",
    "räckvidd saknas": "no reach recorded",
    "räckvidd för hela insatsen saknas (bara för vissa områden)":
        "no reach for the whole intervention (only for some areas)",
    "räckvidden är inte uppdelad per område": "the reach is not split by area",
    "täckning per arena beräknas inte (målgruppen beror på livsfas)":
        "coverage per arena is not computed (the target group depends on the life stage)",
    "ingen insats": "no intervention", "låg täckning": "low coverage", "täckning okänd": "coverage unknown",
    "täckt": "covered",
}


def _tr(sv: str, lang: str = "sv") -> str:
    """``sv`` in ``lang`` (the English of :data:`_EN` where one exists)."""
    return choose(sv, _EN.get(sv, sv), lang)


def gap_label(gap: str, lang: str = "sv") -> str:
    """The label of a gap code of :func:`gap_table` (``ingen insats``, ``låg täckning``, …) in ``lang``."""
    return _tr(gap, lang)


def age_kommuner_note(lang: str = "sv") -> str:
    """:data:`AGE_KOMMUNER_NOTE` in ``lang``."""
    return _tr(AGE_KOMMUNER_NOTE, lang)


def _unknown_target_note(lang: str = "sv") -> str:
    return t("insatser.cov.unknown_target", lang, note=age_kommuner_note(lang))


def _active(items: list[Insats]) -> list[Insats]:
    return [i for i in items if i.status != "avslutad"]


def need_profiles(store, kommun: str):
    """One row per RegSO 2020 area: områdestyp, population and indicators, ranked by need.

    Returns
    -------
    DataFrame
        ``area_code, name, omradestyp, omradestyp_year, omradestyp_label, folkmangd,
        andel_utrikes_fodda, andel_hyresratt, indicator_year, need_rank`` (rank 1 = type 1 with
        the largest population).
    """
    import pandas as pd

    from lagesbild.typology.omradestyp import TYPE_LABELS, official_types

    areas = store.areas(level="regso", kommun=kommun, version="RegSO2020")
    if areas.empty:
        raise NotFoundError(f"Kommunen {kommun} har inga RegSO 2020-områden i lagret.",
                            f"The kommun {kommun} has no RegSO 2020 areas in the store.")
    df = areas[["code", "name"]].rename(columns={"code": "area_code"})
    types = official_types(store, kommun=kommun, version="RegSO2020")
    if not types.empty:
        last = types.sort_values("year").groupby("area_code").tail(1)
        df = df.merge(last[["area_code", "omradestyp", "year"]].rename(columns={"year": "omradestyp_year"}),
                      on="area_code", how="left")
    else:
        df["omradestyp"], df["omradestyp_year"] = pd.NA, pd.NA
    df["omradestyp_label"] = df["omradestyp"].map(lambda t: TYPE_LABELS.get(int(t)) if pd.notna(t) else None)
    obs = store.observations(["folkmangd", "fodda_utrikes", "fodda_i_sverige", "lgh_hyresratt", "lgh_totalt"],
                             level="regso", kommun=kommun, version="RegSO2020")
    if not obs.empty:
        year = int(obs["year"].max())
        w = obs[obs["year"] == year].pivot_table(index="area_code", columns="variable", values="value")
        for col in ("folkmangd", "fodda_utrikes", "fodda_i_sverige", "lgh_hyresratt", "lgh_totalt"):
            if col not in w:
                w[col] = float("nan")
        w["andel_utrikes_fodda"] = 100 * w["fodda_utrikes"] / (w["fodda_utrikes"] + w["fodda_i_sverige"])
        w["andel_hyresratt"] = 100 * w["lgh_hyresratt"] / w["lgh_totalt"]
        df = df.merge(w[["folkmangd", "andel_utrikes_fodda", "andel_hyresratt"]].round(1).reset_index(),
                      on="area_code", how="left")
        df["indicator_year"] = year
    for col in ("folkmangd", "andel_utrikes_fodda", "andel_hyresratt"):
        if col not in df:
            df[col] = pd.NA
    df = df.sort_values(["omradestyp", "folkmangd"], ascending=[True, False], na_position="last")
    df["need_rank"] = range(1, len(df) + 1)
    return df.reset_index(drop=True)


def _stage_fractions(stage: str) -> list[tuple[tuple, float]]:
    s = LIFE_STAGES[stage]
    if s.age_min is None:
        return []
    hi = 10_000 if s.age_max is None else s.age_max
    out = []
    for lo_b, hi_b in _BANDS:
        hb = 10_000 if hi_b is None else hi_b
        overlap = min(hi, hb) - max(s.age_min, lo_b) + 1
        if overlap > 0:
            out.append(((lo_b, hi_b), 1.0 if hi_b is None else overlap / (hb - lo_b + 1)))
    return out


def target_population(store, kommun: str):
    """Population per RegSO 2020 area and life stage from SCB age bands (where they exist).

    Returns
    -------
    DataFrame
        ``area_code, stage, population, estimated, year, source_note``; empty when the store
        has no age bands for the kommun (the target is then unknown, never zero).
    """
    import pandas as pd

    cols = ["area_code", "stage", "population", "estimated", "year", "source_note"]
    variables = [f"folkmangd_{lo}_{'w' if hi is None else hi}" for lo, hi in _BANDS]
    obs = store.observations(variables, level="regso", kommun=kommun, version="RegSO2025")
    if obs.empty:
        return pd.DataFrame(columns=cols)
    year = int(obs["year"].max())
    obs = obs[obs["year"] == year]
    key = store.area_keys(from_version="RegSO2020", to_version="RegSO2025")
    key = key[key["from_code"].str.startswith(kommun)]
    to_from = dict(zip(key["to_code"], key["from_code"]))
    vals = {(r.area_code, r.variable): r.value for r in obs.itertuples()}
    rows = []
    for code2025 in sorted(set(obs["area_code"])):
        code2020 = to_from.get(code2025)
        if code2020 is None:
            continue
        for stage in LIFE_STAGES:
            fr = _stage_fractions(stage)
            if not fr:
                continue
            parts = [vals.get((code2025, f"folkmangd_{lo}_{'w' if hi is None else hi}")) for (lo, hi), _ in fr]
            known = [p for p in parts if p is not None and p == p]
            if len(known) < len(parts):
                continue
            pop = sum(p * f for p, (_, f) in zip(known, fr))
            est = any(f < 1 for _, f in fr)
            rows.append({"area_code": code2020, "stage": stage, "population": round(pop, 1), "estimated": est,
                         "year": year, "source_note": f"SCB, folkmängd efter ålder, RegSO 2025 år {year}"
                         + (" (andel av 5-årsklass, jämn fördelning antagen)" if est else "")})
    return pd.DataFrame(rows, columns=cols)


@dataclass
class Reached:
    """Participants of one insats in one cell: a number (or the low end of a range) or None with the reason.

    ``participants_high`` is the high end of a range (None for an exact count).
    """

    insats: Insats
    participants: int | None
    reason: str = ""
    participants_high: int | None = None

    @property
    def high(self) -> int | None:
        """The high end (the count itself when exact; None when unknown)."""
        return self.participants if self.participants_high is None else self.participants_high


def _year_records(ins: Insats, year: int | None):
    years = sorted({r.year for r in ins.reach})
    if not years:
        return [], None
    y = year if year is not None else years[-1]
    return [r for r in ins.reach if r.year == y], y


def participants(ins: Insats, area: str | None, stage: str, *, year: int | None = None,
                 parents: dict[str, str] | None = None, lang: str = "sv") -> Reached:
    """Participants of ``ins`` in ``area`` (None = the whole kommun) and life stage ``stage``.

    The reason for an unknown count is in ``lang`` (Swedish by default).

    Examples
    --------
    >>> from lagesbild.prevention.model import Insats, Reach
    >>> i = Insats("0127", "X", "K", ["skola"], ["universell"], ["lagstadiet"], ["vald"],
    ...            reach=[Reach(2024, 120)])
    >>> participants(i, None, "lagstadiet").participants, participants(i, "0127R001", "lagstadiet").participants
    (120, None)
    """
    parents = parents or {}
    recs, y = _year_records(ins, year)
    if not recs:
        if y is None or not ins.reach:
            why = _tr("ingen räckvidd registrerad", lang)
        else:
            why = t("insatser.cov.no_reach_year", lang, year=year)
        return Reached(ins, None, why)

    def in_area(r) -> bool:
        return r.area_code is not None and (r.area_code == area or parents.get(r.area_code) == area)

    def by_stage(rs) -> Reached | None:
        exact = [r for r in rs if r.life_stage == stage]
        use = exact or ([r for r in rs if r.life_stage is None] if ins.life_stages == [stage] else [])
        if not use:
            if rs:
                return Reached(ins, None, _tr("räckvidden är inte uppdelad per livsfas", lang))
            return None
        if any(r.participants is None for r in use):
            return Reached(ins, None, t("insatser.cov.participants_unknown", lang, year=y))
        low, high = sum(r.participants for r in use), sum(r.high for r in use)
        return Reached(ins, low, participants_high=None if high == low else high)

    if area is None:
        whole = [r for r in recs if r.area_code is None]
        if whole:
            return by_stage(whole) or Reached(ins, None, _tr("räckvidd saknas för livsfasen", lang))
        if ins.scope == "omraden":
            covered = {a.code for a in ins.areas}
            have = {r.area_code for r in recs if r.area_code is not None}
            if covered <= have:
                return by_stage([r for r in recs if r.area_code is not None]) or Reached(ins, None,
                    _tr("räckvidd saknas", lang))
        return Reached(ins, None, _tr("räckvidd för hela insatsen saknas (bara för vissa områden)", lang))
    local = [r for r in recs if in_area(r)]
    if local:
        return by_stage(local) or Reached(ins, None, _tr("räckvidd saknas för livsfasen", lang))
    whole = [r for r in recs if r.area_code is None]
    single = ins.scope == "omraden" and {parents.get(a.code, a.code) for a in ins.areas} == {area}
    if whole and single:
        return by_stage(whole) or Reached(ins, None, _tr("räckvidd saknas för livsfasen", lang))
    return Reached(ins, None, _tr("räckvidden är inte uppdelad per område", lang))


def _midpoint(low: int, high: int) -> int | float:
    mid = (low + high) / 2
    return int(mid) if mid == int(mid) else mid


def _summarise(reached: list[Reached], target: float | None, target_known: bool, stage: str = "",
               lang: str = "sv") -> dict:
    known = [r for r in reached if r.participants is not None]
    unknown = [r for r in reached if r.participants is None]
    total_known = sum(r.participants or 0 for r in known)
    total_high = sum(r.high or 0 for r in known)
    part: int | float | None
    if not reached:
        status, part, low, high = "ingen insats", 0, 0, 0
    elif unknown and not known:
        status, part, low, high = "okänd", None, None, None
    elif unknown:
        status, part, low, high = "delvis okänd", None, total_known, None
    else:
        status, part, low, high = "känd", _midpoint(total_known, total_high), total_known, total_high
    cov = cov_min = cov_low = cov_high = None
    notes = []
    if target_known and target:
        if part is not None:
            cov, cov_low, cov_high = part / target, (low or 0) / target, (high or 0) / target
        elif known:
            cov_min = cov_low = total_known / target
    elif not target_known:
        notes.append(_tr(GRAVID_NOTE, lang) if stage == "graviditet" else _unknown_target_note(lang))
    if unknown:
        reasons = "; ".join(f"{r.insats.name}: {r.reason}" for r in unknown)
        notes.append(t("insatser.cov.reach_unknown", lang, n=len(unknown), total=len(reached), reasons=reasons))
    if (cov is not None and cov > 1) or (cov_min is not None and cov_min > 1):
        notes.append(t("tackning.note_over_100", lang))
    elif cov_high is not None and cov_high > 1:
        notes.append(t("tackning.note_upper_over_100", lang))
    return {"reach_status": status, "participants": part, "participants_low": low, "participants_high": high,
            "participants_text": _participants_text(status, part, low, high, total_known, lang),
            "participants_known": total_known if reached else 0,
            "target_population": target if target_known else None, "coverage": cov, "coverage_min": cov_min,
            "coverage_low": cov_low, "coverage_high": cov_high,
            "coverage_text": coverage_text(cov, cov_min, lang, low=cov_low, high=cov_high), "note": "; ".join(notes)}


def _n(v: float) -> str:
    """A count in Swedish format (space between thousands; a half kept as ",5")."""
    whole = f"{int(v):,}".replace(",", " ")
    return whole if v == int(v) else f"{whole},5"


def _participants_text(status: str, part, low, high, known: int, lang: str) -> str:
    if status == "okänd":
        return t("tackning.n_unknown", lang)
    if status == "delvis okänd":
        return t("tackning.n_at_least", lang, n=_n(known))
    if high != low:
        return t("tackning.n_range", lang, low=_n(low), high=_n(high))
    return _n(part)


def coverage_text(coverage: float | None, coverage_min: float | None = None, lang: str = "sv", *,
                  low: float | None = None, high: float | None = None) -> str:
    """Coverage as a reader sees it: a percentage with its interval where the reach is a range
    ("45 % (40–50 %)"), a lower bound where part of the reach is unknown ("minst 85 %"), "okänd"
    where nothing is known. Over 100 % is flagged, saying whether the point (or the lower bound)
    or only the upper bound passes it. The interval is shown when its rounded ends differ.

    Examples
    --------
    >>> coverage_text(0.4234), coverage_text(None, 0.85), coverage_text(None), coverage_text(1.12)
    ('42 %', 'minst 85 %', 'okänd', '112 % (över 100 %)')
    >>> coverage_text(0.45, low=0.4, high=0.5), coverage_text(0.95, low=0.8, high=1.1)
    ('45 % (40–50 %)', '95 % (80–110 %) (övre gränsen över 100 %)')
    >>> coverage_text(None, 0.85, "en")
    'at least 85 %'
    """
    if coverage is not None and coverage == coverage:
        pct = round(100 * coverage)
        text = t("tackning.pct", lang, pct=pct)
        if low is not None and high is not None and low == low and high == high \
                and round(100 * low) != round(100 * high):
            text = t("tackning.interval", lang, pct=pct, low=round(100 * low), high=round(100 * high))
        if coverage > 1:
            return t("tackning.over_100", lang, text=text)
        return t("tackning.upper_over_100", lang, text=text) if high is not None and high > 1 else text
    if coverage_min is not None and coverage_min == coverage_min:
        text = t("tackning.at_least", lang, pct=round(100 * coverage_min))
        return t("tackning.over_100", lang, text=text) if coverage_min > 1 else text
    return t("tackning.unknown", lang)


def _parents(store, kommun: str) -> dict[str, str]:
    deso = store.areas(level="deso", kommun=kommun)
    return {r.code: r.parent_code for r in deso.itertuples() if r.parent_version == "RegSO2020"}


def coverage_table(store, kommun: str, insatser: list[Insats], *, area: str | None = None,
                   year: int | None = None, lang: str = "sv"):
    """Coverage per area × arena × life stage × level (cells with at least one insats).

    ``area=None`` gives the whole kommun; otherwise a RegSO 2020 code of the kommun.
    Columns: ``area_code, area_name, arena, stage, level, insatser, n_insatser, reach_status,
    participants, participants_low, participants_high, participants_text, participants_known,
    target_population, target_estimated, coverage, coverage_min, coverage_low, coverage_high,
    coverage_text, note``; ``participants`` is the midpoint where the reach is a range,
    ``coverage_low``/``coverage_high`` the interval (equal to ``coverage`` for exact counts;
    ``coverage_high`` None where part of the reach is unknown); ``note`` and the texts are in
    ``lang`` (Swedish by default), the codes stay codes.
    """
    import pandas as pd

    parents, names, targets = _context(store, kommun, area)
    rows = []
    for a_code in ([area] if area else [None]):
        for arena in ARENAS:
            for stage in LIFE_STAGES:
                for level in LEVELS:
                    ins = [i for i in _active(insatser) if arena in i.arenas and stage in i.life_stages
                           and level in i.levels and (a_code is None or i.reaches_area(a_code, parents))]
                    if not ins:
                        continue
                    tgt, est, known = _target(targets, a_code, stage)
                    reached = [participants(i, a_code, stage, year=year, parents=parents, lang=lang) for i in ins]
                    rows.append({"area_code": a_code or kommun, "area_name": names.get(a_code or kommun, ""),
                                 "arena": arena, "stage": stage, "level": level,
                                 "insatser": "; ".join(i.name for i in ins), "n_insatser": len(ins),
                                 "target_estimated": est, **_summarise(reached, tgt, known, stage, lang)})
    return pd.DataFrame(rows)


def _context(store, kommun: str, area: str | None):
    parents = _parents(store, kommun)
    regso = store.areas(level="regso", kommun=kommun, version="RegSO2020")
    names = dict(zip(regso["code"], regso["name"]))
    k = store.areas(level="kommun", codes=[kommun])
    if k.empty:
        raise NotFoundError(f"Kommunkoden {kommun} finns inte.", f"The kommun code {kommun} does not exist.")
    names[kommun] = k["name"].iloc[0]
    if area is not None and area not in names:
        raise NotFoundError(f"Området {area} är inte ett RegSO 2020-område i kommun {kommun}.",
                            f"The area {area} is not a RegSO 2020 area of kommun {kommun}.")
    tp = target_population(store, kommun)
    targets: dict = {}
    for r in tp.itertuples():
        targets[(r.area_code, r.stage)] = (r.population, r.estimated)
        tot = targets.get((None, r.stage), (0.0, False))
        targets[(None, r.stage)] = (tot[0] + r.population, tot[1] or r.estimated)
    return parents, names, targets


def _target(targets: dict, area: str | None, stage: str):
    t = targets.get((area, stage))
    if t is None:
        return None, None, False
    return t[0], t[1], True


def gap_table(store, kommun: str, insatser: list[Insats], *, max_type: int = 2, low: float = 0.25,
              stages=CHAIN_STAGES, year: int | None = None, include_covered: bool = False, lang: str = "sv"):
    """Rank high-need areas with no or low coverage per life stage and per arena.

    High need = official områdestyp ≤ ``max_type`` (default 2: areas with socio-economic
    challenges). A gap is a stage or arena with no insats (``ingen insats``), a stage whose
    known coverage is below ``low`` (``låg täckning``), or one whose reach is unknown
    (``täckning okänd``, listed after the known gaps, never read as zero).
    Rank order: områdestyp, gap severity, target population (largest first), area name.
    ``gap`` stays a Swedish code (see :func:`gap_label`); ``value_label`` and ``note`` are in ``lang``.
    """
    import pandas as pd

    prof = need_profiles(store, kommun)
    parents, names, targets = _context(store, kommun, None)
    high = prof[prof["omradestyp"].notna() & (prof["omradestyp"] <= max_type)]
    sev = {"ingen insats": 0, "låg täckning": 1, "täckning okänd": 2, "täckt": 3}
    rows = []
    for a in high.itertuples():
        here = [i for i in _active(insatser) if i.reaches_area(a.area_code, parents)]
        for stage in stages:
            ins = [i for i in here if stage in i.life_stages]
            tgt, est, known = _target(targets, a.area_code, stage)
            s = _summarise([participants(i, a.area_code, stage, year=year, parents=parents, lang=lang) for i in ins],
                           tgt, known, stage, lang)
            if not ins:
                gap = "ingen insats"
            elif s["coverage"] is not None:
                gap = "låg täckning" if s["coverage"] < low else "täckt"
            elif s["coverage_min"] is not None and s["coverage_min"] >= low:
                gap = "täckt"
            else:
                gap = "täckning okänd"
            rows.append({"area_code": a.area_code, "area_name": a.name, "omradestyp": int(a.omradestyp),
                         "dimension": "livsfas", "value": stage, "value_label": label("livsfas", stage, lang),
                         "gap": gap, "n_insatser": len(ins), "insatser": "; ".join(i.name for i in ins),
                         **{k: s[k] for k in ("participants", "participants_low", "participants_high",
                                              "target_population", "coverage", "coverage_min", "coverage_low",
                                              "coverage_high", "reach_status", "note")}})
        for arena in ARENAS:
            ins = [i for i in here if arena in i.arenas]
            rows.append({"area_code": a.area_code, "area_name": a.name, "omradestyp": int(a.omradestyp),
                         "dimension": "arena", "value": arena, "value_label": label("arena", arena, lang),
                         "gap": "ingen insats" if not ins else "täckt", "n_insatser": len(ins),
                         "insatser": "; ".join(i.name for i in ins), "participants": None,
                         "participants_low": None, "participants_high": None,
                         "target_population": None, "coverage": None, "coverage_min": None,
                         "coverage_low": None, "coverage_high": None,
                         "reach_status": "ingen insats" if not ins else "", "note":
                         _tr("täckning per arena beräknas inte (målgruppen beror på livsfas)", lang)})
    df = pd.DataFrame(rows)
    if df.empty:
        return df
    if not include_covered:
        df = df[df["gap"] != "täckt"]
    df = df.assign(_sev=df["gap"].map(sev), _tp=df["target_population"].fillna(-1))
    df = df.sort_values(["omradestyp", "_sev", "_tp", "area_name", "dimension"],
                        ascending=[True, True, False, True, False]).drop(columns=["_sev", "_tp"])
    df.insert(0, "rank", range(1, len(df) + 1))
    return df.reset_index(drop=True)


def chain(store, kommun: str, insatser: list[Insats], *, area: str | None = None,
          include_older: bool = True) -> dict:
    """The life-course chain: per life stage, the universal, selective and indicated insatser.

    Returns ``{"kommun", "kommun_name", "area", "area_name", "stages": [{"stage", "label",
    "ages", "universell": [names], "selektiv": [...], "indikerad": [...], "missing": [levels],
    "reach_known": int, "reach_unknown": int}]}``.
    """
    parents = _parents(store, kommun) if area else {}
    names: dict[str | None, str] = {}
    k = store.areas(level="kommun", codes=[kommun])
    if k.empty:
        raise NotFoundError(f"Kommunkoden {kommun} finns inte.", f"The kommun code {kommun} does not exist.")
    if area:
        a = store.areas(codes=[area])
        a = a[a["kommun"] == kommun]
        if a.empty:
            raise NotFoundError(f"Området {area} finns inte i kommun {kommun}.",
                f"The area {area} is not in kommun {kommun}.")
        names[area] = a["name"].iloc[0]
    here = [i for i in _active(insatser) if area is None or i.reaches_area(area, parents)]
    stages = list(CHAIN_STAGES) + (["aldre"] if include_older else [])
    out = []
    for st in stages:
        row: dict[str, object] = {"stage": st, "label": LIFE_STAGES[st].sv, "ages": LIFE_STAGES[st].band_sv}
        for lv in LEVELS:
            row[lv] = [i.name for i in here if st in i.life_stages and lv in i.levels]
        row["missing"] = [lv for lv in LEVELS if not row[lv]]
        ins = [i for i in here if st in i.life_stages]
        known = sum(1 for i in ins if participants(i, area, st, parents=parents).participants is not None)
        row["reach_known"], row["reach_unknown"] = known, len(ins) - known
        out.append(row)
    return {"kommun": kommun, "kommun_name": k["name"].iloc[0], "area": area, "area_name": names.get(area),
            "stages": out}


def chain_table(ch: dict):
    """The chain as a DataFrame for terminals and CSV (``–`` where a level has no insats)."""
    import pandas as pd

    rows = []
    for s in ch["stages"]:
        rows.append({"livsfas": s["label"], **{label("niva", lv): "; ".join(s[lv]) or "–" for lv in LEVELS},
                     "räckvidd": ("okänd för alla" if s["reach_unknown"] and not s["reach_known"] else
                                  f"känd för {s['reach_known']} av {s['reach_known'] + s['reach_unknown']}"
                                  if s["reach_known"] + s["reach_unknown"] else "–")})
    return pd.DataFrame(rows)
