"""The risk and protective factor profile of one wave: shares and means with intervals, suppressed.

For every scale of the catalogue: the share of scored respondents at or above the cut-off
(at risk, protected, has the outcome) and the mean score, with intervals
(:mod:`lagesbild.enkat.estimate`), for the kommun and each group of the requested breakdown.
A breakdown over several dimensions releases every margin as well (the whole lattice of
tables, e.g. skola × kön → kommun, per skola, per kön, per skola och kön), and suppression
(:mod:`lagesbild.enkat.disclosure`) runs over all relations of that release at once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from lagesbild.enkat import disclosure, estimate, scoring
from lagesbild.enkat.catalogue import Catalogue, Scale
from lagesbild.enkat.importer import Wave

__all__ = ["DIMENSIONS", "TOTAL", "UNKNOWN", "ScaleScores", "score_wave", "profile", "response_rates"]

#: Breakdown dimensions (the ``--by`` values).
DIMENSIONS = ("skola", "arskurs", "kon", "omrade")
TOTAL = "Totalt"
UNKNOWN = "Uppgift saknas"


@dataclass
class ScaleScores:
    scale: Scale
    scores: np.ndarray
    flags: np.ndarray
    cut: float
    insufficient: int


def score_wave(wave: Wave, catalogue: Catalogue, cuts: dict[str, float] | None = None) -> list[ScaleScores]:
    """Score every scale whose items the wave has (at least ``min_answered`` of them mapped).

    ``cuts`` gives cut-offs for percentile scales computed from a reference; without one a
    percentile scale uses the wave itself as its reference.
    """
    out = []
    n = wave.n
    for scale in catalogue.scales:
        present = [i for i in scale.items if i.id in wave.answers]
        if len(present) < scale.min_answered:
            continue
        x = np.column_stack([wave.answers[i.id] for i in present]) if present else np.empty((n, 0))
        rev = np.array([i.reverse for i in present], dtype=bool)
        s, _answered = scoring.score(x, rev, scale.lo, scale.hi, scoring=scale.scoring,
                                     min_answered=scale.min_answered)
        if scale.cut_method == "fast" and scale.cut_value is not None:
            cut = float(scale.cut_value)
        elif cuts and scale.id in cuts:
            cut = float(cuts[scale.id])
        elif scale.cut_percentile is not None:
            cut = scoring.percentile_cut(s, scale.cut_percentile)
        else:  # the catalogue requires a value for "fast" and a percentile for "percentil"
            raise AssertionError(f"scale {scale.id} has no cut-off")
        out.append(ScaleScores(scale, s, scoring.at_risk(s, cut), cut, int(np.isnan(s).sum())))
    return out


def _labels(wave: Wave, dim: str) -> np.ndarray:
    raw = getattr(wave, dim)
    return np.array([UNKNOWN if v is None else str(v) for v in raw], dtype=object)


def _cells(wave: Wave, by: list[str]):
    """The release: its cells ``(dims, values)``, the finest cell of each respondent, for each
    table the map from finest cells to its cells, and the additive relations between cells."""
    codes, levels = [], []
    for dim in by:
        lv, inv = np.unique(_labels(wave, dim), return_inverse=True)
        levels.append(lv)
        codes.append(inv.astype(np.int64))
    if by:
        dims = [len(lv) for lv in levels]
        present, fine = np.unique(np.ravel_multi_index(codes, dims), return_inverse=True)
        fine_vals = [tuple(str(levels[d][c]) for d, c in enumerate(np.unravel_index(int(k), dims))) for k in present]
    else:
        fine = np.zeros(wave.n, dtype=np.int64)
        fine_vals = [()]
    tables = [c for r in range(len(by) + 1) for c in itertools.combinations(range(len(by)), r)]
    cells: list[tuple[tuple[int, ...], tuple[str, ...]]] = []
    index: dict[tuple, int] = {}
    maps: dict[tuple[int, ...], tuple[np.ndarray, list[int]]] = {}
    for tab in tables:
        local: dict[tuple[str, ...], int] = {}
        ids: list[int] = []
        mapping = np.empty(len(fine_vals), dtype=np.int64)
        for f, vals in enumerate(fine_vals):
            key = tuple(vals[d] for d in tab)
            if key not in local:
                local[key] = len(ids)
                index[(tab, key)] = len(cells)
                ids.append(len(cells))
                cells.append((tab, key))
            mapping[f] = local[key]
        maps[tab] = (mapping, ids)
    relations: dict[tuple, list[int]] = {}
    for i, (tab, vals) in enumerate(cells):
        for pos in range(len(tab)):
            parent = index[(tab[:pos] + tab[pos + 1:], vals[:pos] + vals[pos + 1:])]
            relations.setdefault((parent, tab), []).append(i)
    rels = [(parent, children) for (parent, _tab), children in relations.items()]
    return cells, (fine.astype(np.int64), len(fine_vals), maps), rels


_KEYS = ("n_eff", "andel", "ki_undre", "ki_ovre", "medel", "medel_undre", "medel_ovre")


def profile(wave: Wave, catalogue: Catalogue, *, by: list[str] | None = None, min_n: int = 25,
            level: float = 0.95, cuts: dict[str, float] | None = None, lang: str = "sv") -> list[dict]:
    """Profile rows for every scale and every cell of the release (kommun total first).

    Each row: ``faktor``, ``namn``, ``doman``, ``typ``, ``dimension``, ``grupp``, ``n``, ``andel``,
    ``ki_undre``, ``ki_ovre``, ``medel``, ``medel_ki_undre``, ``medel_ki_ovre``, ``n_eff``,
    ``undertryckt``, ``otillrackliga`` (respondents in the cell with too few answers), ``grans``
    (the cut-off). In a suppressed cell the share, the mean, ``n_eff`` and the bounds are None.
    """
    by = list(by or [])
    for d in by:
        if d not in DIMENSIONS:
            raise ValueError(d)
    cells, (fine, n_fine, maps), rels = _cells(wave, by)
    weights = wave.vikt if wave.n and np.all(~np.isnan(wave.vikt)) else None
    labels = [(" × ".join(by[d] for d in tab) if tab else "kommun", " / ".join(vals) if vals else TOTAL)
              for tab, vals in cells]
    c = len(cells)
    rows: list[dict] = []
    for sc in score_wave(wave, catalogue, cuts):
        fine_stats = estimate.sufficient(fine, n_fine, sc.flags, sc.scores, weights)
        fine_missing = np.bincount(fine, weights=np.isnan(sc.scores).astype(float), minlength=n_fine)
        est = {k: np.full(c, np.nan) for k in _KEYS}
        n = np.zeros(c, dtype=np.int64)
        hits = np.zeros(c, dtype=np.int64)
        insufficient = np.zeros(c, dtype=np.int64)
        for mapping, ids in maps.values():
            ids_a = np.asarray(ids)
            e = estimate.from_sufficient(estimate.combine(fine_stats, mapping, len(ids)), level)
            n[ids_a] = e["n"]
            hits[ids_a] = e["hits"]
            insufficient[ids_a] = np.rint(np.bincount(mapping, weights=fine_missing, minlength=len(ids)))
            for k in _KEYS:
                est[k][ids_a] = e[k]
        hidden = disclosure.suppress(n, hits, rels, min_n)
        hide = hidden.tolist()
        values = {}
        for k in _KEYS:
            arr = np.where(hidden | np.isnan(est[k]), np.nan, np.round(est[k], 6)).tolist()
            values[k] = [None if v != v else v for v in arr]
        scale = sc.scale
        head = {"faktor": scale.id, "namn": scale.name(lang), "doman": scale.domain, "typ": scale.kind}
        n_l, ins_l, cut = n.tolist(), insufficient.tolist(), round(sc.cut, 6)
        for i in range(c):
            rows.append({
                **head, "dimension": labels[i][0], "grupp": labels[i][1], "n": n_l[i],
                "andel": values["andel"][i], "ki_undre": values["ki_undre"][i], "ki_ovre": values["ki_ovre"][i],
                "medel": values["medel"][i], "medel_ki_undre": values["medel_undre"][i],
                "medel_ki_ovre": values["medel_ovre"][i], "n_eff": values["n_eff"][i], "undertryckt": hide[i],
                "otillrackliga": ins_l[i], "grans": cut,
            })
    return rows


def response_rates(wave: Wave) -> list[dict]:
    """Respondents, enrolled pupils and the response rate per school and grade (where enrolled is known)."""
    enrolled = {(str(e["skola"]), str(e["arskurs"])): int(e["antal"]) for e in wave.enrolled}
    counts: dict[tuple[str, str], int] = {}
    for s, a in zip(wave.skola, wave.arskurs, strict=True):
        counts[(str(s), str(a))] = counts.get((str(s), str(a)), 0) + 1
    out = []
    for key in sorted(set(counts) | set(enrolled)):
        resp = counts.get(key, 0)
        tot = enrolled.get(key)
        out.append({"skola": key[0], "arskurs": key[1], "svarande": resp, "inskrivna": tot,
                    "svarsfrekvens": round(resp / tot, 4) if tot else None})
    return out
