"""Trends across waves and comparisons with reference aggregates, with their interval rules.

* **Trend** (same kommun and group, two waves): the difference of the two shares with
  Newcombe's hybrid score interval on the effective sample sizes; the change is called an
  increase (``okning``) when the whole interval is above 0, a decrease (``minskning``) when it
  is below, otherwise ``oforandrad``. For a risk factor or an outcome an increase is a
  deterioration (``forsamring``); for a protective factor an improvement (``forbattring``).
* **Reference** (län, riket …, entered as a share, optionally with its n): with an n the same
  Newcombe rule; without one the kommun's interval is compared with the reference value:
  ``hogre`` when its lower bound is above it, ``lagre`` when its upper bound is below it, else
  ``i_niva`` ("i nivå med").

Suppressed cells are never compared (the result is ``None``).
"""

from __future__ import annotations

from lagesbild.enkat.estimate import newcombe

__all__ = ["trend", "compare_reference", "direction", "judgement"]


def direction(lo: float, hi: float) -> str:
    """``okning`` / ``minskning`` / ``oforandrad`` from a difference's interval.

    >>> direction(0.01, 0.05), direction(-0.05, -0.01), direction(-0.01, 0.02)
    ('okning', 'minskning', 'oforandrad')
    """
    if lo > 0:
        return "okning"
    if hi < 0:
        return "minskning"
    return "oforandrad"


def judgement(kind: str, change: str) -> str:
    """``forsamring`` / ``forbattring`` / ``oforandrad`` for a change of a scale of ``kind``.

    >>> judgement("risk", "okning"), judgement("skydd", "okning"), judgement("utfall", "minskning")
    ('forsamring', 'forbattring', 'forbattring')
    """
    if change == "oforandrad":
        return change
    worse = (change == "okning") == (kind in ("risk", "utfall"))
    return "forsamring" if worse else "forbattring"


def _n(row: dict) -> float:
    return float(row.get("n_eff") or row["n"])


def trend(now: list[dict], before: list[dict], *, year: int, year_before: int, level: float = 0.95) -> list[dict]:
    """Change per factor and group between two profiles of the same breakdown."""
    old = {(r["faktor"], r["dimension"], r["grupp"]): r for r in before}
    out = []
    for r in now:
        b = old.get((r["faktor"], r["dimension"], r["grupp"]))
        row = {"faktor": r["faktor"], "namn": r["namn"], "doman": r["doman"], "typ": r["typ"],
               "dimension": r["dimension"], "grupp": r["grupp"], "ar": year, "ar_fore": year_before,
               "andel": r["andel"], "andel_fore": None, "skillnad": None, "ki_undre": None, "ki_ovre": None,
               "forandring": None, "bedomning": None}
        if b is not None and r["andel"] is not None and b["andel"] is not None:
            d, lo, hi = newcombe(r["andel"], _n(r), b["andel"], _n(b), level)
            change = direction(lo, hi)
            row.update(andel_fore=b["andel"], skillnad=round(d, 6), ki_undre=round(lo, 6), ki_ovre=round(hi, 6),
                       forandring=change, bedomning=judgement(r["typ"], change))
        out.append(row)
    return out


def compare_reference(rows: list[dict], refs: list[dict], level: float = 0.95) -> list[dict]:
    """Each published kommun-total row against each reference of its factor."""
    by_factor: dict[str, list[dict]] = {}
    for ref in refs:
        by_factor.setdefault(ref["faktor"], []).append(ref)
    out = []
    for r in rows:
        if r["dimension"] != "kommun":
            continue
        for ref in by_factor.get(r["faktor"], []):
            res = {"faktor": r["faktor"], "typ": r["typ"], "niva": ref["niva"], "andel": r["andel"],
                   "referens": ref["andel"], "skillnad": None, "ki_undre": None, "ki_ovre": None, "jamforelse": None,
                   "kalla": ref.get("kalla")}
            if r["andel"] is not None and ref["andel"] is not None:
                if ref.get("n"):
                    d, lo, hi = newcombe(r["andel"], _n(r), float(ref["andel"]), float(ref["n"]), level)
                else:
                    d = r["andel"] - float(ref["andel"])
                    lo, hi = r["ki_undre"] - float(ref["andel"]), r["ki_ovre"] - float(ref["andel"])
                res.update(skillnad=round(d, 6), ki_undre=round(lo, 6), ki_ovre=round(hi, 6),
                           jamforelse={"okning": "hogre", "minskning": "lagre"}.get(direction(lo, hi), "i_niva"))
            out.append(res)
    return out
