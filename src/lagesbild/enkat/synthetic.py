"""The *syntetisk exempelenkät*: a synthetic youth survey with documented, known parameters.

Survey microdata are not public, so the demo and the tests use this generator. Every output
it makes carries the label :data:`LABEL`. The model (all parameters in :data:`PARAMS` and the
arguments of :func:`generate`):

* Schools ``Skola 1 … Skola S`` with a known number of enrolled pupils per grade (``9`` and
  ``gy2``), and a known response rate per school (uniform 0.60–0.90, seeded). Respondents per
  school and grade ~ Binomial(enrolled, rate).
* Gender ``flicka``/``pojke``/``annat`` with probabilities 0.48/0.48/0.04; home area
  ``Område A … D`` uniform.
* For every scale, respondent *i* has the condition (at risk, protected, has the outcome) with
  probability ``p_i = expit(logit(p0) + b_kon + b_arskurs + u_skola + trend · (year − 2024))``,
  ``p0`` and the effects from :data:`PARAMS`, ``u_skola`` ~ N(0, 0.25²) drawn per school and
  scale with the seed. Scales are independent given the design.
* Items: a respondent with the condition answers each item with a value on the "condition"
  side of the scale's cut-off (uniform among those values), one without it on the other side;
  reverse-coded items are stored reversed, as a survey provider would deliver them. Each item
  is missing with probability ``missing`` (default 0.03), so some respondents fall under the
  minimum-answered rule. Outcome items (0/1): with the outcome one random answered item is 1
  and the others Bernoulli(0.3); without it all are 0.
* Optional weights: ``vikt = 1 / rate`` of the respondent's school (inverse response rate).

The expected share of a group is therefore known: the mean of ``p_i`` over its scored
respondents (:func:`expected_shares`); tests compare estimates and their intervals with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from lagesbild.enkat.catalogue import Catalogue, Scale

__all__ = ["LABEL", "LABEL_EN", "PARAMS", "Synthetic", "generate", "codebook_for", "provider_frame",
           "expected_shares"]

LABEL = "syntetisk exempelenkät"
LABEL_EN = "synthetic example survey"

#: Known parameters per scale: base probability p0, gender effects (logit, relative to
#: "flicka"), grade effect for gy2 (relative to 9) and the yearly trend (logit per year).
PARAMS: dict[str, dict[str, float]] = {
    "narsamhalle.lag_anknytning": {"p0": 0.20, "pojke": 0.10, "annat": 0.4, "gy2": 0.10, "trend": 0.00},
    "narsamhalle.tillgang_droger": {"p0": 0.30, "pojke": 0.20, "annat": 0.3, "gy2": 0.60, "trend": 0.05},
    "familj.bristande_foraldraskap": {"p0": 0.22, "pojke": 0.30, "annat": 0.4, "gy2": 0.40, "trend": 0.00},
    "familj.familjekonflikter": {"p0": 0.18, "pojke": -0.20, "annat": 0.5, "gy2": 0.00, "trend": 0.00},
    "skola.lag_skolanknytning": {"p0": 0.35, "pojke": 0.30, "annat": 0.5, "gy2": -0.20, "trend": 0.10},
    "individ.utagerande": {"p0": 0.15, "pojke": 0.50, "annat": 0.4, "gy2": -0.10, "trend": 0.00},
    "individ.antisociala_kamrater": {"p0": 0.12, "pojke": 0.50, "annat": 0.3, "gy2": 0.10, "trend": -0.05},
    "individ.attityder_droger": {"p0": 0.25, "pojke": 0.20, "annat": 0.3, "gy2": 0.70, "trend": 0.00},
    "familj.anknytning": {"p0": 0.80, "pojke": 0.00, "annat": -0.8, "gy2": -0.20, "trend": 0.00},
    "skola.positiv_skolanknytning": {"p0": 0.65, "pojke": -0.10, "annat": -0.6, "gy2": -0.10, "trend": -0.10},
    "individ.prosociala_kamrater": {"p0": 0.70, "pojke": -0.20, "annat": -0.5, "gy2": 0.00, "trend": 0.00},
    "narsamhalle.prosociala_mojligheter": {"p0": 0.55, "pojke": 0.10, "annat": -0.3, "gy2": -0.30, "trend": 0.00},
    "utfall.alkohol": {"p0": 0.08, "pojke": 0.00, "annat": 0.3, "gy2": 1.30, "trend": -0.05},
    "utfall.nikotin": {"p0": 0.12, "pojke": 0.30, "annat": 0.3, "gy2": 0.80, "trend": 0.05},
    "utfall.cannabis": {"p0": 0.04, "pojke": 0.50, "annat": 0.5, "gy2": 0.90, "trend": 0.00},
    "utfall.kriminalitet": {"p0": 0.14, "pojke": 0.60, "annat": 0.4, "gy2": -0.30, "trend": 0.00},
    "utfall.psykisk_ohalsa": {"p0": 0.35, "pojke": -0.90, "annat": 0.8, "gy2": 0.20, "trend": 0.05},
}
_DEFAULT = {"p0": 0.2, "pojke": 0.0, "annat": 0.0, "gy2": 0.0, "trend": 0.0}
GRADES = ("9", "gy2")
GENDERS = ("flicka", "pojke", "annat")
AREAS = ("Område A", "Område B", "Område C", "Område D")
SCHOOL_SD = 0.25


@dataclass
class Synthetic:
    """One generated wave: background columns, item answers and the known probabilities."""

    kommun: str
    year: int
    skola: np.ndarray
    arskurs: np.ndarray
    kon: np.ndarray
    omrade: np.ndarray
    vikt: np.ndarray
    answers: dict[str, np.ndarray]  # item id -> answers (NaN missing), our own coding
    prob: dict[str, np.ndarray]  # scale id -> p_i
    enrolled: list[dict]
    label: str = LABEL

    @property
    def n(self) -> int:
        return int(self.skola.size)

    def to_wave(self):
        """The wave as the importer would make it from the provider file and its codebook."""
        from lagesbild.enkat.importer import Wave

        return Wave(self.kommun, self.year, self.skola, self.arskurs, self.kon, self.omrade, self.vikt,
                    dict(self.answers), list(self.enrolled), LABEL, True)


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _sides(scale: Scale) -> tuple[np.ndarray, np.ndarray]:
    values = np.arange(scale.lo, scale.hi + 1, dtype=float)
    cut = scale.cut_value if scale.cut_value is not None else (scale.lo + scale.hi) / 2
    return values[values >= cut], values[values < cut]


def generate(catalogue: Catalogue, kommun: str, year: int, *, seed: int = 1, schools: int = 6,
             enrolled: int = 110, missing: float = 0.03, weights: bool = True,
             params: dict[str, dict[str, float]] | None = None) -> Synthetic:
    """Draw one wave of the syntetisk exempelenkät (see the module text for the model).

    ``enrolled`` is the mean number of pupils per school and grade (each school's number is
    drawn once from the seed, 60 %–140 % of it). The school effects depend on the seed and the
    kommun only, not on the year, so two waves share them.
    """
    params = params or PARAMS
    design = np.random.default_rng([int(seed), int(kommun)])
    rng = np.random.default_rng([int(seed), int(kommun), int(year)])
    names = [f"Skola {i + 1}" for i in range(schools)]
    rates = design.uniform(0.60, 0.90, schools)
    sizes = np.rint(enrolled * design.uniform(0.6, 1.4, (schools, len(GRADES)))).astype(int)
    effects = {s.id: design.normal(0, SCHOOL_SD, schools) for s in catalogue.scales}
    sk, ak, rows_enrolled = [], [], []
    for si, name in enumerate(names):
        for gi, grade in enumerate(GRADES):
            m = int(rng.binomial(sizes[si, gi], rates[si]))
            sk += [si] * m
            ak += [gi] * m
            rows_enrolled.append({"skola": name, "arskurs": grade, "antal": int(sizes[si, gi])})
    sk_i = np.array(sk, dtype=np.int64)
    ak_i = np.array(ak, dtype=np.int64)
    n = sk_i.size
    kon_i = rng.choice(3, size=n, p=[0.48, 0.48, 0.04])
    om_i = rng.integers(0, len(AREAS), n)
    answers: dict[str, np.ndarray] = {}
    prob: dict[str, np.ndarray] = {}
    for scale in catalogue.scales:
        par = {**_DEFAULT, **params.get(scale.id, {})}
        eta = (_logit(par["p0"]) + np.where(kon_i == 1, par["pojke"], 0.0) + np.where(kon_i == 2, par["annat"], 0.0)
               + np.where(ak_i == 1, par["gy2"], 0.0) + effects[scale.id][sk_i] + par["trend"] * (year - 2024))
        p = _expit(eta)
        prob[scale.id] = p
        has = rng.random(n) < p
        k = len(scale.items)
        miss = rng.random((n, k)) < missing
        if scale.scoring == "max":
            x = np.where(has[:, None], (rng.random((n, k)) < 0.3).astype(float), 0.0)
            # the item that carries the outcome is one of the answered items
            pick = np.argmax(np.where(miss, -1.0, rng.random((n, k))), axis=1)
            x[np.arange(n)[has], pick[has]] = 1.0
        else:
            up, down = _sides(scale)
            x = np.where(has[:, None], rng.choice(up, (n, k)), rng.choice(down, (n, k)))
            for j, item in enumerate(scale.items):
                if item.reverse:
                    x[:, j] = scale.lo + scale.hi - x[:, j]
        x[miss] = np.nan
        for j, item in enumerate(scale.items):
            answers[item.id] = x[:, j]
    vikt = (1.0 / rates)[sk_i] if weights else np.full(n, np.nan)
    return Synthetic(kommun, int(year), np.array(names, dtype=object)[sk_i], np.array(GRADES, dtype=object)[ak_i],
                     np.array(GENDERS, dtype=object)[kon_i], np.array(AREAS, dtype=object)[om_i], vikt,
                     answers, prob, rows_enrolled)


def expected_shares(syn: Synthetic, scale: Scale, scored: np.ndarray, groups: np.ndarray | None = None) -> dict:
    """The known expected share per group: mean ``p_i`` over the scored respondents.

    ``scored`` marks respondents who met the minimum-answered rule; ``groups`` (labels) splits
    them (None: the whole wave under the key ``"Totalt"``).
    """
    p = syn.prob[scale.id]
    if groups is None:
        return {"Totalt": float(p[scored].mean())}
    out = {}
    for g in np.unique(groups[scored]):
        sel = scored & (groups == g)
        out[str(g)] = float(p[sel].mean())
    return out


# ---------------------------------------------------------------- the provider's file format
#: The provider's codes: gender 1/2/3, grade 9/11, yes/no items coded 1 = ja, 2 = nej, missing 9.
_KON_CODES = {"flicka": 1, "pojke": 2, "annat": 3}
_AK_CODES = {"9": 9, "gy2": 11}
MISSING_CODE = 9


def provider_frame(syn: Synthetic, catalogue: Catalogue):
    """The wave as a survey provider would deliver it: own column names (``F01`` …) and codes."""
    import pandas as pd

    cols: dict[str, object] = {
        "skolenhet": syn.skola, "ak": [_AK_CODES[a] for a in syn.arskurs],
        "kon": [_KON_CODES[k] for k in syn.kon], "bostadsomrade": syn.omrade,
    }
    if not np.all(np.isnan(syn.vikt)):
        cols["vikt"] = np.round(syn.vikt, 6)
    for j, (item_id, scale) in enumerate(_items(catalogue)):
        x = syn.answers[item_id]
        if scale.hi == 1 and scale.lo == 0:
            coded = np.where(np.isnan(x), MISSING_CODE, np.where(x == 1, 1, 2))
        else:
            coded = np.where(np.isnan(x), MISSING_CODE, x)
        cols[f"F{j + 1:02d}"] = coded.astype(int)
    return pd.DataFrame(cols)


def _items(catalogue: Catalogue):
    for s in catalogue.scales:
        for i in s.items:
            yield i.id, s


def codebook_for(syn: Synthetic, catalogue: Catalogue) -> dict:
    """The codebook (as a dict to dump as YAML) that maps :func:`provider_frame` to the items."""
    items = {}
    for j, (item_id, scale) in enumerate(_items(catalogue)):
        entry: dict[str, object] = {"kolumn": f"F{j + 1:02d}"}
        if scale.lo == 0 and scale.hi == 1:
            entry["koder"] = {1: 1, 2: 0}
        items[item_id] = entry
    doc: dict[str, Any] = {
        "enkat": LABEL,
        "syntetisk": True,
        "beskrivning": f"{LABEL} för kommun {syn.kommun} år {syn.year} (lagesbild, kända parametrar)",
        "saknas": [MISSING_CODE],
        "bakgrund": {
            "skola": {"kolumn": "skolenhet"},
            "arskurs": {"kolumn": "ak", "koder": {v: k for k, v in _AK_CODES.items()}},
            "kon": {"kolumn": "kon", "koder": {v: k for k, v in _KON_CODES.items()}},
            "omrade": {"kolumn": "bostadsomrade"},
        },
        "items": items,
        "inskrivna": syn.enrolled,
    }
    if not np.all(np.isnan(syn.vikt)):
        doc["bakgrund"]["vikt"] = {"kolumn": "vikt"}
    return doc
