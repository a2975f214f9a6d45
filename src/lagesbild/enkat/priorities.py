"""Priorities: factors ranked by level and distance to the reference, linked to the insatser.

CTC's data workgroup looks for factors that are high compared with the other factors and with
other communities (docs/methods/prevention.md §1.4). The rule here [I] (documented in docs/methods/enkat.md):

* level ``niva`` = the share at risk for a risk factor or outcome, the share **without**
  protection (1 − share protected) for a protective factor;
* distance ``avstand`` = how much worse than the reference the kommun is, in the same
  direction (None without a reference);
* rank = the mean of the factor's rank by level and its rank by distance (rank by level alone
  without a reference); ties broken by the higher level. The first ``top`` are priorities.

Each factor lists the insatser that target it: risk and protective factors through the insats
field ``factors`` (the shared factor vocabulary, pre-filled from the programme library), outcomes
through the insats themes the scale names. Ended insatser do not count. A priority factor with
no insats is a gap.
"""

from __future__ import annotations

from lagesbild.enkat.catalogue import Catalogue

__all__ = ["rank_factors", "gaps", "insatser_for"]


def insatser_for(scale, insatser) -> list[str]:
    """Ids of the active insatser that address ``scale`` (sorted)."""
    out = []
    for ins in insatser:
        if getattr(ins, "status", "") == "avslutad":
            continue
        if scale.kind == "utfall":
            if set(scale.themes) & set(ins.themes):
                out.append(ins.id)
        elif scale.id in ins.factors:
            out.append(ins.id)
    return sorted(out)


def _ranks(values: list[float]) -> list[float]:
    """Average ranks, 1 = largest."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def rank_factors(rows: list[dict], catalogue: Catalogue, insatser, *, comparisons: list[dict] | None = None,
                 reference: str | None = None, top: int = 5) -> list[dict]:
    """Ranked factors of the kommun total (published cells only), each with its insatser.

    ``comparisons`` are :func:`lagesbild.enkat.compare.compare_reference` rows; ``reference``
    picks the reference level (default: the first one of each factor).
    """
    refs: dict[str, dict] = {}
    for c in comparisons or []:
        if c["referens"] is None or (reference and c["niva"] != reference):
            continue
        refs.setdefault(c["faktor"], c)
    items = []
    for r in rows:
        if r["dimension"] != "kommun" or r["andel"] is None:
            continue
        scale = catalogue.scale(r["faktor"])
        level = 1 - r["andel"] if r["typ"] == "skydd" else r["andel"]
        ref = refs.get(r["faktor"])
        dist = None
        if ref is not None:
            dist = (ref["referens"] - r["andel"]) if r["typ"] == "skydd" else (r["andel"] - ref["referens"])
        items.append({"faktor": r["faktor"], "namn": r["namn"], "doman": r["doman"], "typ": r["typ"],
                      "n": r["n"], "andel": r["andel"], "ki_undre": r["ki_undre"], "ki_ovre": r["ki_ovre"],
                      "niva": round(level, 6), "referens": ref["referens"] if ref else None,
                      "referensniva": ref["niva"] if ref else None,
                      "avstand": None if dist is None else round(dist, 6),
                      "jamforelse": ref["jamforelse"] if ref else None,
                      "insatser": insatser_for(scale, insatser)})
    if not items:
        return []
    level_rank = _ranks([it["niva"] for it in items])
    with_dist = [i for i, it in enumerate(items) if it["avstand"] is not None]
    dist_rank = dict(zip(with_dist, _ranks([items[i]["avstand"] for i in with_dist]), strict=True))
    for i, it in enumerate(items):
        it["poang"] = (level_rank[i] + dist_rank[i]) / 2 if i in dist_rank else level_rank[i]
    items.sort(key=lambda it: (it["poang"], -it["niva"], it["faktor"]))
    for k, it in enumerate(items, start=1):
        it["rang"] = k
        it["prioriterad"] = k <= top
    return items


def gaps(ranked: list[dict]) -> list[dict]:
    """The priority factors that no insats addresses."""
    return [it for it in ranked if it["prioriterad"] and not it["insatser"]]
