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
    changed = True
    while changed:
        changed = False
        for parent, children in relations:
            cells = [parent, *children]
            n_hidden = int(hidden[cells].sum())
            if n_hidden == 0 or n_hidden == len(cells):
                continue
            if n_hidden == 1 or not _protected(parent, children, hidden, n, hits):
                candidates = [c for c in children if not hidden[c]]
                if not candidates:  # only the parent is published: the children stay hidden
                    continue
                pick = min(candidates, key=lambda c: (int(n[c]), c))
                hidden[pick] = True
                changed = True
    return hidden


def _protected(parent: int, children: list[int], hidden: np.ndarray, n: np.ndarray, hits: np.ndarray) -> bool:
    """True when no hidden child's count is determined by the published cells."""
    if hidden[parent]:
        return True  # the combined count of the hidden children is not known
    hidden_children = [c for c in children if hidden[c]]
    s = float(hits[parent]) - sum(float(hits[c]) for c in children if not hidden[c])
    for i in hidden_children:
        lo, hi = feasible_range(i, hidden_children, n, s)
        if lo >= hi:
            return False
    return True
