"""Disclosure control for survey tables: primary and secondary (complementary) cell suppression.

A release is a set of cells (kommun total, groups of each breakdown) tied by additive relations
``parent = Σ children`` (a breakdown partitions its parent: every respondent is in exactly one
group, "okänd" included). For each cell we know ``n`` (published) and the count at risk.

* **Primary**: a cell with ``n < min_n`` is hidden.
* **Secondary**: in every relation, (a) a single hidden cell would be recovered by subtraction,
  so one more cell is hidden — the published child with the smallest ``n``; (b) even with two or
  more hidden children, the published parent and siblings give their combined count ``S``; a
  hidden child whose feasible range ``[max(0, S − Σ_other n_j), min(n_i, S)]`` is one value is
  still exposed, so another child is hidden. Repeated until nothing changes.

A published share of 0 % or 100 % says that every subgroup has that share; that is a property of
the published number, not something suppression can prevent, so it does not trigger more hiding.

This is the *audit* rule of Cox (1980) / Willenborg & de Waal (2001, ch. 6) for one-dimensional
relations: a hidden cell is protected when its value is not determined by the published cells
and the bounds ``0 ≤ count ≤ n``. See docs/methods/enkat.md.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Relation", "suppress", "feasible_range"]

Relation = tuple[int, list[int]]  # (parent cell, child cells)


def feasible_range(i: int, hidden_children: list[int], n: np.ndarray, s: float) -> tuple[float, float]:
    """Bounds of hidden child ``i``'s count when the hidden children together hold ``s``.

    >>> feasible_range(0, [0, 1], np.array([10, 30]), 35.0)
    (5.0, 10.0)
    """
    others = sum(float(n[j]) for j in hidden_children if j != i)
    return max(0.0, s - others), min(float(n[i]), s)


def suppress(n: np.ndarray, hits: np.ndarray, relations: list[Relation], min_n: int) -> np.ndarray:
    """Hidden cells (bool array) after primary and secondary suppression.

    Parameters
    ----------
    n : (c,) int array
        Respondents per cell.
    hits : (c,) int array
        Respondents at risk per cell (the sensitive count).
    relations : list of (parent, children)
        Additive relations between cells.
    min_n : int
        Cells with fewer respondents are hidden.

    Examples
    --------
    >>> n = np.array([100, 60, 30, 10]); hits = np.array([20, 10, 6, 4])
    >>> suppress(n, hits, [(0, [1, 2, 3])], 25).tolist()   # 10 < 25; 30 hidden with it
    [False, False, True, True]
    """
    n = np.asarray(n)
    hits = np.asarray(hits)
    hidden = n < min_n
    while True:
        _one_dimensional(hidden, n, hits, relations)
        told = _told_by_extremes(n, hits, hidden, relations)
        pinned = [i for i in _pinned(hidden, n, hits, relations) if not told[i]]
        if not pinned:
            return hidden
        grew = False
        for i in pinned:
            touching = [(p, ch) for p, ch in relations if i in ch or i == p]
            candidates = [c for _p, ch in touching for c in ch if not hidden[c]]
            if not candidates:  # every sibling is hidden: hide a published parent instead
                candidates = [p for p, _ch in touching if not hidden[p]]
            if candidates:
                hidden[min(candidates, key=lambda c: (int(n[c]), c))] = True
                grew = True
        if not grew:
            return hidden


def _told_by_extremes(n: np.ndarray, hits: np.ndarray, hidden: np.ndarray, relations: list[Relation]) -> np.ndarray:
    """Cells below a published cell whose share is 0 % or 100 % (that number tells their share)."""
    told = np.zeros(n.size, dtype=bool)
    extreme = ((hits == 0) | (hits == n)) & ~hidden
    changed = True
    while changed:
        changed = False
        for parent, children in relations:
            if extreme[parent] or told[parent]:
                for c in children:
                    if not told[c]:
                        told[c] = True
                        changed = True
    return told


def _pinned(hidden: np.ndarray, n: np.ndarray, hits: np.ndarray, relations: list[Relation]) -> list[int]:
    """Hidden cells whose count interval propagation over all relations pins to one value.

    Starts from ``0 ≤ c ≤ n`` for hidden cells and the known count for published ones and
    tightens each cell's bounds with every relation ``parent = Σ children`` until nothing changes
    (the bounds an intruder reaches by reasoning over several tables at once). All relations
    are updated together (vectorised); the fixed point is the same as one relation at a time.
    """
    if not relations:
        return []
    parent = np.array([p for p, _ in relations], dtype=np.int64)
    child = np.concatenate([np.asarray(ch, dtype=np.int64) for _, ch in relations])
    rel = np.repeat(np.arange(len(relations)), [len(ch) for _, ch in relations])
    lo = np.where(hidden, 0, hits).astype(float)
    hi = np.where(hidden, n, hits).astype(float)
    m = len(relations)
    for _ in range(200):
        slo = np.bincount(rel, weights=lo[child], minlength=m)
        shi = np.bincount(rel, weights=hi[child], minlength=m)
        new_lo, new_hi = lo.copy(), hi.copy()
        np.maximum.at(new_lo, parent, slo)
        np.minimum.at(new_hi, parent, shi)
        np.maximum.at(new_lo, child, lo[parent][rel] - (shi[rel] - hi[child]))
        np.minimum.at(new_hi, child, hi[parent][rel] - (slo[rel] - lo[child]))
        if np.array_equal(new_lo, lo) and np.array_equal(new_hi, hi):
            break
        lo, hi = new_lo, new_hi
    return [int(i) for i in np.flatnonzero(hidden & (hi - lo < 0.5) & (n > 0))]  # an empty cell discloses nothing


def _one_dimensional(hidden: np.ndarray, n: np.ndarray, hits: np.ndarray, relations: list[Relation]) -> None:
    """The per-relation rules (a lone hidden cell; a determined hidden child), until stable."""
    h = hidden.tolist()
    nl = [int(v) for v in n.tolist()]
    kl = [int(v) for v in hits.tolist()]
    changed = True
    while changed:
        changed = False
        for parent, children in relations:
            hidden_children = [c for c in children if h[c]]
            n_hidden = len(hidden_children) + h[parent]
            if n_hidden == 0 or n_hidden == len(children) + 1:
                continue
            if n_hidden == 1 or not _protected(parent, children, hidden_children, h, nl, kl):
                candidates = [c for c in children if not h[c]]
                if not candidates:  # only the parent is published: the children stay hidden
                    continue
                h[min(candidates, key=lambda c: (nl[c], c))] = True
                changed = True
    hidden[:] = h


def _protected(parent: int, children: list[int], hidden_children: list[int], h: list[bool], n: list[int],
               hits: list[int]) -> bool:
    """True when no hidden child's count is determined by the published cells."""
    if h[parent]:
        return True  # the combined count of the hidden children is not known
    if hits[parent] in (0, n[parent]):
        return True  # a published 0 % or 100 % already tells every subgroup's share; hiding more cannot help
    s = hits[parent] - sum(hits[c] for c in children if not h[c])
    total = sum(n[c] for c in hidden_children)
    for i in hidden_children:
        lo, hi = max(0, s - (total - n[i])), min(n[i], s)
        if lo >= hi:
            return False
    return True
