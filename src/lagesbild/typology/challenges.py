"""Areas with socioeconomic challenges: a configurable rule over the indicator panel.

The state grants to "kommuner med socioekonomiskt eftersatta områden" (2018) selected areas
on hög arbetslöshet, låg utbildningsnivå, lågt valdeltagande and låg sysselsättningsgrad; the
selection model itself is not public (docs/methods/omradestyper.md §7). This module therefore
implements a *configurable* rule, never presented as the official model: each criterion
compares an area's indicator with a reference (riket, the kommun, or a fixed number) and the
area is flagged when it meets at least ``min_met`` of the criteria that could be evaluated.
Criteria whose indicator is missing for the areas (not fetched yet, or only at kommun level)
are skipped and reported with the reason.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from lagesbild.errors import InputError
from lagesbild.i18n import catalogue, t

__all__ = ["Criterion", "DEFAULT_CRITERIA", "RULE_LABEL", "flag_areas"]

RULE_LABEL = ("områden med socioekonomiska utmaningar enligt lagesbilds konfigurerbara regel "
              "(inte statens urvalsmodell)")


@dataclass(frozen=True)
class Criterion:
    """One criterion.

    Parameters
    ----------
    id : str
    label : str
        Swedish description.
    indicator : str
        Indicator id of the catalogue.
    worse : {"high", "low"}
        Whether a high or a low value is the challenge.
    reference : {"riket", "kommun"} or float
        What the value is compared with.
    factor : float
        The area meets the criterion when value ≥ factor × reference ("high") or
        value ≤ factor × reference ("low").
    proxy_for : str, optional
        When the indicator stands in for another concept, which one (shown in the note).
    """

    id: str
    label: str
    indicator: str
    worse: str
    reference: str | float = "riket"
    factor: float = 1.0
    proxy_for: str | None = None


DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    Criterion("lagt_valdeltagande", "Lågt valdeltagande", "valdeltagande", "low", "riket", 0.9),
    Criterion("hog_arbetsloshet", "Hög arbetslöshet", "andel_arbetslosa_20_64", "high", "riket", 1.5),
    Criterion("lag_utbildning", "Låg utbildningsnivå", "andel_forgymnasial_utb_20_64", "high",
              "riket", 1.5),
    Criterion("lag_sysselsattning", "Låg sysselsättningsgrad", "andel_forvarvsarbetande_20_64",
              "low", "riket", 0.9),
)


def _check(c: Criterion):
    if c.worse not in ("high", "low"):
        raise InputError(f"Kriteriet '{c.id}': 'worse' måste vara high eller low. Fick {c.worse!r}.",
                         f"Criterion '{c.id}': 'worse' must be high or low. Got {c.worse!r}.")
    if not isinstance(c.reference, (int, float)) and c.reference not in ("riket", "kommun"):
        raise InputError(f"Kriteriet '{c.id}': 'reference' måste vara riket, kommun eller ett tal. "
                         f"Fick {c.reference!r}.",
                         f"Criterion '{c.id}': 'reference' must be riket, kommun or a number. "
                         f"Got {c.reference!r}.")


def _label(c: Criterion, lang) -> str:
    """The criterion's label in ``lang``: the catalogue's for a default criterion, else its own."""
    key = f"typology.criterion.{c.id}"
    known = catalogue().get(key)
    return t(key, lang) if known is not None and known[0] == c.label else c.label


def flag_areas(values, *, kommun: str, references: dict, criteria=DEFAULT_CRITERIA,
               min_met: int = 2, kommun_level: set | None = None, lang: str | None = "sv") -> dict:
    """Flag the areas of one kommun.

    Parameters
    ----------
    values : DataFrame
        From :func:`lagesbild.typology.indicators.indicator_values`.
    kommun : str
    references : dict
        ``{indicator: {"riket": float | None, "kommun": float | None}}``.
    criteria : sequence of Criterion or dict
    min_met : int
        Criteria an area must meet (among those evaluated) to be flagged.
    kommun_level : set of str, optional
        Indicators that exist only at kommun level (for the skip reason).
    lang : {"sv", "en"}, optional
        Language of the labels, reasons, explanations and notes (default Swedish). A criterion of
        one's own keeps its own label.

    Returns
    -------
    dict
        ``label``, ``criteria`` (each with ``evaluated`` and ``skipped_reason``),
        ``areas`` (list of ``{area_code, name, flagged, met, not_met, explanation}``),
        ``n_flagged``, ``min_met``, ``method_status`` = "computed".
    """
    criteria = [c if isinstance(c, Criterion) else Criterion(**c) for c in criteria]
    for c in criteria:
        _check(c)
    if min_met < 1:
        raise InputError(f"Parametern 'min_met' måste vara ≥ 1. Fick {min_met}.",
                         f"The 'min_met' parameter must be >= 1. Got {min_met}.")
    v = values[values["kommun"] == kommun]
    # plain lists: a kommun has a few hundred rows, and per-criterion frame filters cost more than
    # the comparisons themselves
    codes, names = v["area_code"].tolist(), v["name"].tolist()
    inds, vals = v["indicator"].tolist(), v["value"].tolist()
    areas = sorted(dict.fromkeys(zip(codes, names)), key=lambda a: a[0])  # each (code, name) once
    crit_out, tests = [], {}
    for c in criteria:
        d = asdict(c) | {"label": _label(c, lang), "evaluated": False, "skipped_reason": None, "reference_value": None}
        mine = [(code, x) for code, i, x in zip(codes, inds, vals) if i == c.indicator]
        ref = (float(c.reference) if isinstance(c.reference, (int, float))
               else (references.get(c.indicator) or {}).get(c.reference))
        if not mine:
            d["skipped_reason"] = t("typology.skip_kommun_only" if kommun_level and c.indicator in kommun_level
                                    else "typology.skip_missing", lang)
        elif ref is None:
            d["skipped_reason"] = t("typology.skip_no_reference", lang, reference=c.reference)
        else:
            limit = c.factor * ref
            # area → met (a missing value meets nothing; an area listed twice: its first value)
            outcome: dict = {}
            for code, x in mine:
                outcome.setdefault(code, bool(x >= limit) if c.worse == "high" else bool(x <= limit))
            tests[c.id] = outcome
            d |= {"evaluated": True, "reference_value": ref, "limit": limit}
        crit_out.append(d)
    rows = []
    labels = {c.id: _label(c, lang).lower() for c in criteria}
    for code, name in areas:
        met = [cid for cid, t in tests.items() if t.get(code, False)]
        not_met = [cid for cid, t in tests.items() if code in t and cid not in met]
        flagged = len(tests) > 0 and len(met) >= min_met
        expl = (t("typology.explanation_which", lang, met=len(met), tested=len(tests),
                  which=", ".join(labels[m] for m in met)) if met
                else t("typology.explanation", lang, met=len(met), tested=len(tests)))
        rows.append({"area_code": code, "name": name, "flagged": flagged, "met": met,
                     "not_met": not_met, "explanation": expl})
    skipped = [c for c in crit_out if not c["evaluated"]]
    notes = [t("typology.skipped", lang, label=c["label"], reason=c["skipped_reason"]) for c in skipped]
    if not tests:
        notes.append(t("typology.none_tested", lang))
    return {"label": t("typology.challenge_rule", lang), "criteria": crit_out, "areas": rows,
            "n_flagged": sum(r["flagged"] for r in rows), "min_met": min_met,
            "n_evaluated": len(tests), "notes": notes, "method_status": "computed"}
