"""The socioekonomiskt index (SCB TAB6586): reading, recomputation and cut-points.

SCB's table notes define the index as ``(V1 + V2 + V3) / 3`` where V1 = andel med låg
ekonomisk standard (oavsett ålder), V2 = andel med förgymnasial utbildning, V3 = andel med
ekonomiskt bistånd och/eller långtidsarbetslösa — all in percent. The published index has one
decimal; the recomputation from the published (rounded) inputs matches it within 0,05.

The områdestyp is decided by how many standard deviations the index lies from its national
mean. The multiples, the reference population and the boundary inclusivity are not published
(docs/methods/omradestyper.md §3); :class:`CutpointClassifier` keeps every open point as a
parameter and estimates the cut-points either

* ``method="national"``: from the national distribution of the index for the year
  (μ + kσ over all RegSO; needs the national TAB6586 download), or
* ``method="bracket"``: from the official types of the areas at hand. Each boundary is
  bracketed by the largest index of a better type and the smallest index of a worse type
  (± the rounding tolerance); the feasible (μ, σ) region is found by linear programming, its
  vertex mean is the point estimate and the range of each cut-point over the region is
  its uncertainty.

Everything computed here is *reconstructed* and labelled :data:`RECONSTRUCTED_LABEL`; it is
never presented as the official classification.
"""

from __future__ import annotations

import numpy as np

from lagesbild.errors import InputError, NotFittedError

__all__ = [
    "INPUTS",
    "INPUT_LABELS",
    "INDEX_VARIABLE",
    "RECONSTRUCTED_LABEL",
    "DEFAULT_MULTIPLES",
    "read_tab6586",
    "recompute_index",
    "index_check",
    "CutpointClassifier",
]

#: Store variables of the three inputs, in the order V1, V2, V3.
INPUTS = ("andel_lag_ek_standard", "andel_forgymnasial_utb_20_64", "andel_ek_bistand_langtidsarb_20_64")
INPUT_LABELS = {
    "andel_lag_ek_standard": "Andelen personer med låg ekonomisk standard (oavsett ålder)",
    "andel_forgymnasial_utb_20_64": "Andelen med förgymnasial utbildning",
    "andel_ek_bistand_langtidsarb_20_64": "Andelen med ekonomiskt bistånd och/eller långtidsarbetslösa",
}
INDEX_VARIABLE = "socioekonomiskt_index"
RECONSTRUCTED_LABEL = "beräknad av lagesbild"
#: Cut-points at μ − σ, μ, μ + σ, μ + 2σ (boundaries 5|4, 4|3, 3|2, 2|1).
DEFAULT_MULTIPLES = (-1.0, 0.0, 1.0, 2.0)
SOURCE = "SCB TAB6586 Socioekonomiskt index efter region och år"


def read_tab6586(store, *, kommun: str | None = None, years=None, codes=None, obs=None):
    """The index, its three inputs and the official type per RegSO and year (wide).

    ``obs``, when given, is the frame of ``store.observations`` for these variables at level
    regso (already restricted to the kommun, years and codes wanted); the store is then not read.

    Returns
    -------
    DataFrame
        ``area_code, area_version, name, year, index_official, omradestyp, V1, V2, V3,
        source_id`` where V1–V3 are the inputs in percent (columns named after
        :data:`INPUTS` as well).
    """
    variables = [INDEX_VARIABLE, "omradestyp", *INPUTS]
    if obs is None:
        obs = store.observations(variables, level="regso", kommun=kommun, year=years, codes=codes)
    if obs.empty or not obs["variable"].isin([INDEX_VARIABLE, *INPUTS]).any():  # no index, no inputs
        import pandas as pd

        return pd.DataFrame(
            columns=["area_code", "area_version", "name", "year", "index_official", "omradestyp", *INPUTS, "source_id"]
        )
    src = obs[obs["variable"] == INDEX_VARIABLE].set_index(["area_code", "area_version", "year"])["source_id"]
    wide = obs.pivot_table(
        index=["area_code", "area_version", "name", "year"], columns="variable", values="value", aggfunc="first"
    ).reset_index()
    wide.columns.name = None
    wide = wide.dropna(subset=[c for c in (INDEX_VARIABLE, *INPUTS) if c in wide], how="all")
    for c in variables:
        if c not in wide:
            wide[c] = np.nan
    wide = wide[wide[INDEX_VARIABLE].notna() | wide[list(INPUTS)].notna().any(axis=1)]
    wide = wide.rename(columns={INDEX_VARIABLE: "index_official"})
    wide["source_id"] = wide.set_index(["area_code", "area_version", "year"]).index.map(src)
    wide["year"] = wide["year"].astype(int)
    return (
        wide[["area_code", "area_version", "name", "year", "index_official", "omradestyp", *INPUTS, "source_id"]]
        .sort_values(["year", "area_code"])
        .reset_index(drop=True)
    )


def recompute_index(inputs):
    """``(V1 + V2 + V3) / 3`` per row (NaN where an input is missing).

    Parameters
    ----------
    inputs : DataFrame or array of shape (n, 3)
        The three input percentages (columns :data:`INPUTS` for a DataFrame).

    Examples
    --------
    >>> float(recompute_index(np.array([[6.6, 9.5, 1.4]]))[0]).__round__(4)
    5.8333
    """
    if hasattr(inputs, "columns"):
        missing = [c for c in INPUTS if c not in inputs.columns]
        if missing:
            raise InputError(
                f"Kolumnerna {', '.join(missing)} saknas; indexet kräver alla tre indikatorerna.",
                f"The columns {', '.join(missing)} are missing; the index needs all three indicators.",
            )
        arr = inputs[list(INPUTS)].to_numpy(dtype=float)
    else:
        arr = np.asarray(inputs, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != 3:
        raise InputError(
            f"Indata måste ha tre kolumner (V1, V2, V3). Fick formen {arr.shape}.",
            f"The inputs must have three columns (V1, V2, V3). Got shape {arr.shape}.",
        )
    return arr.mean(axis=1)


def index_check(df, *, tolerance: float = 0.05) -> dict:
    """Compare the recomputed index with the published one.

    Returns
    -------
    dict
        ``n, n_within, max_abs_diff, tolerance, ok`` (``ok`` when every row is within the
        tolerance), and ``worst`` = the row with the largest difference.
    """
    both = df.dropna(subset=["index_official", *INPUTS])
    rec = recompute_index(both)
    diff = np.abs(rec - both["index_official"].to_numpy(dtype=float))
    if len(both) == 0:
        return {"n": 0, "n_within": 0, "max_abs_diff": None, "tolerance": tolerance, "ok": False, "worst": None}
    i = int(np.argmax(diff))
    return {
        "n": int(len(both)),
        "n_within": int((diff <= tolerance + 1e-9).sum()),
        "max_abs_diff": float(diff.max()),
        "tolerance": tolerance,
        "ok": bool((diff <= tolerance + 1e-9).all()),
        "worst": {
            "area_code": both["area_code"].iloc[i],
            "year": int(both["year"].iloc[i]),
            "published": float(both["index_official"].iloc[i]),
            "recomputed": float(rec[i]),
        },
    }


def _weighted_mean_sd(x, w, ddof):
    if w is None:
        return float(np.mean(x)), float(np.std(x, ddof=ddof))
    w = np.asarray(w, dtype=float)
    mu = float(np.average(x, weights=w))
    var = float(np.average((x - mu) ** 2, weights=w))
    if ddof:
        n = len(x)
        var *= n / max(n - ddof, 1)
    return mu, float(np.sqrt(var))


def _vertex_mean(A, ub, bounds):
    """Mean of the vertices of {x : A x ≤ ub} within the box ``bounds`` (2-D)."""
    rows = [list(a) for a in A] + [[-1, 0], [1, 0], [0, -1], [0, 1]]
    rhs = list(ub) + [-bounds[0][0], bounds[0][1], -bounds[1][0], bounds[1][1]]
    G, h = np.array(rows, dtype=float), np.array(rhs, dtype=float)
    pts = []
    for i in range(len(G)):
        for j in range(i + 1, len(G)):
            M = G[[i, j]]
            if abs(np.linalg.det(M)) < 1e-12:
                continue
            p = np.linalg.solve(M, h[[i, j]])
            if np.all(G @ p <= h + 1e-7):
                pts.append(p)
    pts = np.unique(np.round(np.array(pts), 9), axis=0)
    return float(pts[:, 0].mean()), float(pts[:, 1].mean())


class CutpointClassifier:
    """Reconstructed områdestyp from the socioekonomiskt index (scikit-learn style).

    Parameters
    ----------
    method : {"bracket", "national"}
        How the cut-points are estimated (module docstring).
    multiples : sequence of 4 floats
        k in the cut-points μ + kσ for the boundaries 5|4, 4|3, 3|2, 2|1.
    ddof : int
        Delta degrees of freedom of σ (``"national"``).
    weighted : bool
        Population-weighted μ and σ (``"national"``, needs ``weights`` in :meth:`fit`).
    tolerance : float
        Rounding tolerance of the published index (``"bracket"``; 0,05 for one decimal).
    round_index : int or None
        Round the index to this many decimals before classifying (SCB publishes 1).

    Attributes
    ----------
    method_ : str
    mu_, sigma_ : float
        Point estimates.
    mu_range_, sigma_range_ : tuple of float
        Feasible range (``"bracket"``) or sensitivity range over ddof 0/1 and rounding
        (``"national"``).
    cutpoints_ : ndarray of shape (4,)
        Ascending cut-points (boundaries 5|4, 4|3, 3|2, 2|1).
    cutpoint_ranges_ : ndarray of shape (4, 2)
        Lower and upper end of each cut-point's uncertainty.
    consistent_ : bool
        False when no (μ, σ) fits every bracket (the cut-points then fall back to the
        midpoints of the separate brackets).
    n_fit_ : int
    """

    def __init__(
        self,
        method: str = "bracket",
        multiples=DEFAULT_MULTIPLES,
        ddof: int = 1,
        weighted: bool = False,
        tolerance: float = 0.05,
        round_index: int | None = 1,
    ):
        self.method = method
        self.multiples = multiples
        self.ddof = ddof
        self.weighted = weighted
        self.tolerance = tolerance
        self.round_index = round_index

    # ------------------------------------------------------------------ fitting
    def _check(self):
        if self.method not in ("bracket", "national"):
            raise InputError(
                f"Parametern 'method' måste vara 'bracket' eller 'national'. Fick {self.method!r}.",
                f"The 'method' parameter must be 'bracket' or 'national'. Got {self.method!r}.",
            )
        k = np.asarray(self.multiples, dtype=float)
        if k.shape != (4,) or np.any(np.diff(k) <= 0):
            raise InputError(
                f"Parametern 'multiples' måste vara fyra stigande tal. Fick {self.multiples!r}.",
                f"The 'multiples' parameter must be four increasing numbers. Got {self.multiples!r}.",
            )
        return k

    def fit(self, index, types=None, weights=None) -> CutpointClassifier:
        """Estimate the cut-points.

        Parameters
        ----------
        index : array-like of shape (n,)
            Index values (national distribution for ``"national"``; the areas at hand for
            ``"bracket"``).
        types : array-like of shape (n,), optional
            Official types 1–5 (required for ``"bracket"``).
        weights : array-like, optional
            Population weights (``"national"`` with ``weighted=True``).

        Returns
        -------
        self
        """
        k = self._check()
        x = np.asarray(index, dtype=float)
        keep = ~np.isnan(x)
        if types is not None:
            t = np.asarray(types, dtype=float)
            keep &= ~np.isnan(t)
        x = x[keep]
        if len(x) < 2:
            raise InputError(
                f"Minst två områden med indexvärde behövs för att skatta gränserna. Fick {len(x)}.",
                f"At least two areas with an index value are needed to estimate the cut-points. Got {len(x)}.",
            )
        self.method_ = self.method
        self.n_fit_ = int(len(x))
        if self.method == "national":
            w = None
            if self.weighted:
                if weights is None:
                    raise InputError(
                        "Parametern 'weights' behövs när weighted=True.",
                        "The 'weights' parameter is needed when weighted=True.",
                    )
                w = np.asarray(weights, dtype=float)[keep]
            self.mu_, self.sigma_ = _weighted_mean_sd(x, w, self.ddof)
            alt = [_weighted_mean_sd(x, w, d) for d in (0, 1)]
            tol = self.tolerance
            self.mu_range_ = (min(a[0] for a in alt) - tol, max(a[0] for a in alt) + tol)
            self.sigma_range_ = (min(a[1] for a in alt), max(a[1] for a in alt))
            self.cutpoints_ = self.mu_ + k * self.sigma_
            lo = np.array([min(m + kk * s for m in self.mu_range_ for s in self.sigma_range_) for kk in k])
            hi = np.array([max(m + kk * s for m in self.mu_range_ for s in self.sigma_range_) for kk in k])
            self.cutpoint_ranges_ = np.column_stack([lo, hi])
            self.consistent_ = True
            self.brackets_ = None
            return self
        if types is None:
            raise InputError(
                "Metoden 'bracket' kräver de officiella typerna (parametern 'types').",
                "The 'bracket' method needs the official types (the 'types' parameter).",
            )
        t = np.asarray(types, dtype=float)[keep].round().astype(int)
        self._fit_bracket(x, t, k)
        return self

    def _fit_bracket(self, x, t, k):
        tol = self.tolerance
        brackets = []
        for b in range(4):  # boundary b separates type 5-b (better) from 4-b (worse)
            better, worse = x[t >= 5 - b], x[t <= 4 - b]
            lo = better.max() - tol if better.size else -np.inf
            hi = worse.min() + tol if worse.size else np.inf
            brackets.append((lo, hi))
        self.brackets_ = np.array(brackets)
        A, ub = [], []
        for (lo, hi), kk in zip(brackets, k):
            if np.isfinite(hi):
                A.append([1.0, kk])
                ub.append(hi)
            if np.isfinite(lo):
                A.append([-1.0, -kk])
                ub.append(-lo)
        A, ub = np.array(A), np.array(ub)
        from scipy.optimize import linprog

        bounds = [(0.0, 100.0), (1e-6, 100.0)]

        def _opt(c):
            r = linprog(c, A_ub=A, b_ub=ub, bounds=bounds, method="highs")
            return r.fun if r.status == 0 else None

        mu_lo, mu_hi = _opt([1, 0]), _opt([-1, 0])
        if mu_lo is None:  # infeasible: the types do not follow μ + kσ
            self.consistent_ = False
            mids = np.array([(lo + hi) / 2 if np.isfinite(lo) and np.isfinite(hi) else np.nan for lo, hi in brackets])
            self.cutpoints_ = mids
            self.cutpoint_ranges_ = self.brackets_.copy()
            self.mu_ = self.sigma_ = float("nan")
            self.mu_range_ = self.sigma_range_ = (float("nan"), float("nan"))
            return
        self.consistent_ = True
        self.mu_range_ = (float(mu_lo), float(-mu_hi))
        self.sigma_range_ = (float(_opt([0, 1])), float(-_opt([0, -1])))
        # point estimate: the mean of the feasible polygon's vertices (inside, as it is convex;
        # the midpoint when the region is a segment because two areas tie on a boundary)
        self.mu_, self.sigma_ = _vertex_mean(A, ub, bounds)
        self.cutpoints_ = self.mu_ + k * self.sigma_
        self.cutpoint_ranges_ = np.array([[_opt([1, kk]), -_opt([-1, -kk])] for kk in k])

    # ------------------------------------------------------------------ using
    def _fitted(self):
        if not hasattr(self, "cutpoints_"):
            raise NotFittedError(
                "Klassificeraren är inte anpassad; anropa fit först.", "The classifier is not fitted; call fit first."
            )

    def _prep(self, index):
        x = np.asarray(index, dtype=float)
        return np.round(x, self.round_index) if self.round_index is not None else x

    def predict(self, index):
        """Types 1–5 (float array; NaN where the index is missing).

        An index equal to a cut-point goes to the worse type (``I ≥ cut``).
        """
        self._fitted()
        x = self._prep(index)
        worse_steps = (x[:, None] >= self.cutpoints_[None, :]).sum(axis=1)
        out = (5 - worse_steps).astype(float)
        out[np.isnan(x)] = np.nan
        return out

    def margin(self, index):
        """Distance (index points) from each index value to the nearest cut-point."""
        self._fitted()
        x = self._prep(index)
        return np.abs(x[:, None] - self.cutpoints_[None, :]).min(axis=1)

    def get_params(self) -> dict:
        return {k: getattr(self, k) for k in ("method", "multiples", "ddof", "weighted", "tolerance", "round_index")}

    def summary(self) -> dict:
        """The fitted state as a plain dict (for reports and JSON)."""
        self._fitted()
        return {
            "method": self.method_,
            "n_fit": self.n_fit_,
            "consistent": self.consistent_,
            "mu": self.mu_,
            "sigma": self.sigma_,
            "mu_range": list(self.mu_range_),
            "sigma_range": list(self.sigma_range_),
            "cutpoints": [float(c) for c in self.cutpoints_],
            "cutpoint_ranges": [[float(a), float(b)] for a, b in self.cutpoint_ranges_],
            "params": self.get_params(),
            "method_status": "reconstructed",
            "label": RECONSTRUCTED_LABEL,
        }
