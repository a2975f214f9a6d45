"""Inference for any registered measure: null models, bias-corrected bootstrap and
two-sample tests.  A null model is a function ``counts → simulated counts`` that returns
a whole batch ``(B, n, K)``; the measure's kernel then runs once over the batch.

Null models, p-values and the bootstrap follow docs/methods/segregation.md §4.  All draws come
from ``numpy.random.default_rng(seed)``: the same seed gives the same draws.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from lagesbild.errors import InputError, LagesbildWarning, param_error
from lagesbild.measures.validation import Interval, OneOf, Type, validates

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["NULL_MODELS", "bootstrap_bc", "expected_under_null", "p_values", "simulate", "single_value_test",
           "two_sample_test"]

_CHUNK_CELLS = 4_000_000


def _as_int(counts, where):
    c = np.asarray(counts, dtype=np.float64)
    r = np.round(c)
    if np.abs(c - r).max() > 1e-9:
        raise InputError(
            f"{where} kräver heltalsantal (personer). Avrunda eller skala om vikterna, t.ex. "
            "np.round(counts).",
            f"{where} needs integer counts (persons). Round or rescale the weights, e.g. np.round(counts).")
    return r.astype(np.int64)


def _systematic(c, B, rng):
    t = c.sum(axis=1)
    p = t / t.sum()
    return np.stack([rng.multinomial(int(tm), p, size=B) for tm in c.sum(axis=0)], axis=-1)


def _evenness(c, B, rng):
    t = np.broadcast_to(c.sum(axis=1), (B, c.shape[0])).astype(np.int64)
    pbar = c.sum(axis=0) / c.sum()
    out = np.empty((B, c.shape[0], c.shape[1]), dtype=np.int64)
    rem, left = t.copy(), 1.0
    for m in range(c.shape[1] - 1):
        p = min(1.0, pbar[m] / left) if left > 0 else 0.0
        out[..., m] = rng.binomial(rem, p)
        rem -= out[..., m]
        left -= pbar[m]
    out[..., -1] = rem
    return out


def _person_permutation(c, B, rng):
    t = c.sum(axis=1)
    tm = c.sum(axis=0)
    out = np.empty((B, c.shape[0], c.shape[1]), dtype=np.int64)
    out[..., 0] = rng.multivariate_hypergeometric(t, int(tm[0]), size=B, method="marginals")
    if c.shape[1] == 2:
        out[..., 1] = t - out[..., 0]
        return out
    for b in range(B):
        rem = t - out[b, :, 0]
        for m in range(1, c.shape[1] - 1):
            out[b, :, m] = rng.multivariate_hypergeometric(rem, int(tm[m]), method="marginals")
            rem = rem - out[b, :, m]
        out[b, :, -1] = rem
    return out


def _geographic_permutation(c, B, rng):
    idx = rng.permuted(np.tile(np.arange(c.shape[0]), (B, 1)), axis=1)
    return c[idx]


def _bootstrap_units(c, B, rng):
    return c[rng.integers(0, c.shape[0], size=(B, c.shape[0]))]


def _permute_rows(sim, rng):
    idx = rng.permuted(np.tile(np.arange(sim.shape[1]), (sim.shape[0], 1)), axis=1)
    return np.take_along_axis(sim, idx[..., None], axis=1)


NULL_MODELS = {
    "systematic": _systematic,
    "evenness": _evenness,
    "person_permutation": _person_permutation,
    "geographic_permutation": _geographic_permutation,
    "systematic_permutation": lambda c, B, rng: _permute_rows(_systematic(c, B, rng), rng),
    "even_permutation": lambda c, B, rng: _permute_rows(_evenness(c, B, rng), rng),
    "bootstrap": _bootstrap_units,
}
_INTEGER_NULLS = {"systematic", "evenness", "person_permutation", "systematic_permutation", "even_permutation"}


@validates(n_sim=Interval(int, 1, None))
def simulate(counts: ArrayLike, null: str, n_sim: int, seed: int | np.random.Generator | None = None) -> np.ndarray:
    """Draw ``n_sim`` tables under a null model; returns an array (n_sim, n, K).

    Parameters
    ----------
    counts : array_like of shape (n, K)
        Observed count of each group in each unit (integers for the integer null models).
    null : str
        A key of :data:`NULL_MODELS`.
    n_sim : int
        Number of simulated tables (≥ 1).
    seed : int or numpy.random.Generator, optional
        Seed of the draws (``None``: fresh entropy); a Generator is used as is.

    Returns
    -------
    ndarray of shape (n_sim, n, K)
        The simulated tables as float64.

    Raises
    ------
    InputError
        If ``null`` is unknown or an integer null model gets non-integer counts.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[10, 90], [30, 70], [50, 50]])
    >>> s = simulate(c, "person_permutation", 5, seed=1)
    >>> bool((s.sum(axis=2) == c.sum(axis=1)).all() and (s.sum(axis=1) == c.sum(axis=0)).all())
    True
    """
    if null not in NULL_MODELS:
        raise param_error("null", "inference", f"en av {sorted(NULL_MODELS)}", f"one of {sorted(NULL_MODELS)}",
                          null)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    c = _as_int(counts, f"Nollmodellen '{null}'") if null in _INTEGER_NULLS else np.asarray(counts, float)
    return NULL_MODELS[null](c, int(n_sim), rng).astype(np.float64)


def _run(stat, counts, null, n_sim, rng):
    n, k = np.shape(counts)
    chunk = max(1, _CHUNK_CELLS // max(1, n * k))
    out = []
    done = 0
    while done < n_sim:
        b = min(chunk, n_sim - done)
        out.append(np.asarray(stat(simulate(counts, null, b, rng)), dtype=np.float64).reshape(b, -1))
        done += b
    sims = np.concatenate(out, axis=0)
    return sims[:, 0] if sims.shape[1] == 1 else sims


def p_values(observed: float, sims: ArrayLike) -> dict[str, float]:
    """Two-tailed and one-tailed simulation p-values (§4.1).

    two_sided = 2·min(#{θ* > θ̂}, #{θ* < θ̂}) / B (capped at 1), greater = #{θ* > θ̂} / B,
    less = #{θ* < θ̂} / B.  NaN or infinite draws are dropped with a warning.

    Parameters
    ----------
    observed : float
        The observed value θ̂.
    sims : array_like of shape (B,)
        The simulated values θ*.

    Returns
    -------
    dict
        ``two_sided``, ``greater`` and ``less``, each in [0, 1].

    References
    ----------
    Rey, S. J., Cortes, R. X. & Knaap, E. (2021). Comparative spatial segregation analytics.
    Spatial Demography 9, 199–223.
    """
    draws = np.asarray(sims, dtype=np.float64)
    ok = np.isfinite(draws)
    if not ok.all():
        warnings.warn(f"{int((~ok).sum())} simuleringar gav NaN/oändligt och togs bort / "
                      f"{int((~ok).sum())} simulated values were NaN or infinite and were dropped.",
                      LagesbildWarning, stacklevel=3)
        draws = draws[ok]
    B = draws.size
    gt = float(np.sum(draws > observed)) / B
    lt = float(np.sum(draws < observed)) / B
    return {"two_sided": min(1.0, 2 * min(gt, lt)), "greater": gt, "less": lt}


@validates(n_sim=Interval(int, 1, None))
def single_value_test(stat: Callable[[np.ndarray], Any], counts: ArrayLike, null: str = "systematic",
                      n_sim: int = 999, seed: int | np.random.Generator | None = None) -> dict[str, Any]:
    """Test an observed index value against a null model.

    Parameters
    ----------
    stat : callable
        ``stat(batch) -> (B,)`` (a registered kernel, possibly with parameters bound).
    counts : array_like of shape (n, K)
        Observed count of each group in each unit.
    null : str
        A key of :data:`NULL_MODELS`.
    n_sim : int, default 999
        Number of simulated tables.
    seed : int or numpy.random.Generator, optional
        Seed of the draws (``None``: fresh entropy); a Generator is used as is.

    Returns
    -------
    dict
        ``observed``, ``simulations``, ``expected`` (mean of the null draws),
        ``p_value`` (two-sided) and ``p_values`` (two_sided, greater, less).

    References
    ----------
    Allen, R. et al. (2015), Econometrics Journal 18(1); Rey, S. J., Cortes, R. X. &
    Knaap, E. (2021), Spatial Demography 9 (null-model names as in PySAL ``segregation``).

    Examples
    --------
    >>> import numpy as np
    >>> from lagesbild.measures.singlegroup import dissimilarity
    >>> stat = lambda c: dissimilarity(c[..., 0], c.sum(-1))
    >>> r = single_value_test(stat, np.array([[90, 10], [10, 90]]), "person_permutation", 99, seed=1)
    >>> r["p_values"]["greater"]
    0.0
    """
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    obs = float(stat(np.asarray(counts, dtype=np.float64)))
    sims = _run(stat, counts, null, n_sim, rng)
    pv = p_values(obs, sims)
    return {"observed": obs, "simulations": sims, "expected": float(np.nanmean(sims)),
            "p_value": pv["two_sided"], "p_values": pv, "null": null, "n_sim": int(n_sim)}


@validates(n_sim=Interval(int, 2, None), ci=Interval(float, 0, 1, closed="neither"))
def bootstrap_bc(stat: Callable[[np.ndarray], Any], counts: ArrayLike, n_sim: int = 100,
                 seed: int | np.random.Generator | None = None, ci: float = 0.95) -> dict[str, Any]:
    """Bias-corrected multinomial bootstrap of individuals (as R ``segregation``).

    Parameters
    ----------
    stat : callable
        ``stat(batch) -> (B,)``, e.g. a registered kernel.
    counts : array_like of shape (n, K)
        Observed integer count of each group in each unit.
    n_sim : int, default 100
        Number of bootstrap draws (≥ 2).
    seed : int or numpy.random.Generator, optional
        Seed of the draws (``None``: fresh entropy); a Generator is used as is.
    ci : float, default 0.95
        Coverage of the percentile interval.

    Returns
    -------
    dict
        ``observed``, ``estimate`` (bias-corrected), ``se``, ``ci_low``, ``ci_high``, ``bias``
        and ``draws`` (the bias-corrected draws θ̃_b).

    Raises
    ------
    InputError
        If the counts are not integers.

    Notes
    -----
    n*_b ~ Multinomial(N, t_im / N); θ̃_b = 2θ̂ − θ*_b; estimate = mean θ̃_b, se = sd θ̃_b,
    CI = percentiles of θ̃_b, bias = mean θ*_b − θ̂ (§4.4).

    References
    ----------
    Elbers, B. (2023). Sociological Methods & Research 52(1), 5–42.

    Examples
    --------
    >>> import numpy as np
    >>> from lagesbild.measures.multigroup import mutual_information
    >>> r = bootstrap_bc(mutual_information, np.array([[12, 8], [7, 13], [10, 10]]), 200, seed=3)
    >>> bool(r["estimate"] < float(mutual_information(np.array([[12, 8], [7, 13], [10, 10]]))))
    True
    """
    c = _as_int(counts, "Bootstrap").astype(np.float64)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    obs = float(stat(c))
    N = int(c.sum())
    n, k = c.shape
    draws = rng.multinomial(N, (c / N).ravel(), size=int(n_sim)).reshape(int(n_sim), n, k).astype(np.float64)
    sims = np.asarray(stat(draws), dtype=np.float64)
    deb = 2 * obs - sims
    a = (1 - ci) / 2
    return {"observed": obs, "estimate": float(deb.mean()), "se": float(deb.std(ddof=1)),
            "ci_low": float(np.quantile(deb, a)), "ci_high": float(np.quantile(deb, 1 - a)),
            "bias": float(sims.mean() - obs), "draws": deb}


@validates(index=Type(str), null=OneOf(*[k for k in NULL_MODELS if k != "bootstrap"]),
           n_sim=Interval(int, 2, None), ci=Interval(float, 0, 1, closed="neither"))
def expected_under_null(index: str, counts: ArrayLike, null: str = "systematic", n_sim: int = 199,
                        seed: int | np.random.Generator | None = None, ci: float = 0.95,
                        **params: Any) -> dict[str, Any]:
    """Expected value of a registered measure under a null model of no segregation.

    Segregation indices are biased upwards in small units: even random allocation gives
    a value above 0.  The expected value under the null is that baseline.

    Parameters
    ----------
    index : str
        A registered global measure (no geometry inputs).
    counts : array_like of shape (n, K)
        Observed count of each group in each unit.
    null : str
        A key of :data:`NULL_MODELS` (default ``"systematic"``: each person placed in a
        unit with probability t_i / T, independent of group).
    n_sim, seed, ci : int, int or numpy.random.Generator or None, float
        Simulations, random seed and the coverage of the central null interval.
    **params
        Index parameters.

    Returns
    -------
    dict
        ``observed``, ``expected`` (mean of the null draws), ``sd``, ``null_low`` and
        ``null_high`` (central ``ci`` interval of the draws), ``excess`` (observed −
        expected), ``null`` and ``n_sim``.

    References
    ----------
    Allen, R. et al. (2015). More reliable inference for the dissimilarity index of
    segregation. Econometrics Journal 18(1), 40–66.

    Examples
    --------
    >>> import numpy as np
    >>> r = expected_under_null("dissimilarity", np.array([[5, 5], [6, 4], [4, 6]]), n_sim=200, seed=1)
    >>> bool(0 < r["expected"] < 1)
    True
    """
    from lagesbild.measures._registry import get_measure

    m = get_measure(index)
    if m.needs or m.local_by is not None:
        raise param_error("index", "expected_under_null", "ett globalt mått utan geometriunderlag",
                          "a global measure without geometry inputs", index)
    kw = {**m.params, **params}
    r = single_value_test(lambda c: m.kernel(c, **kw), counts, null, n_sim, seed)
    sims = np.asarray(r["simulations"], dtype=np.float64)
    a = (1 - ci) / 2
    return {"observed": r["observed"], "expected": r["expected"], "sd": float(np.nanstd(sims, ddof=1)),
            "null_low": float(np.nanquantile(sims, a)), "null_high": float(np.nanquantile(sims, 1 - a)),
            "excess": r["observed"] - r["expected"], "null": null, "n_sim": int(n_sim)}


@validates(index=Type(str), n_sim=Interval(int, 2, None), alternative=OneOf("two_sided", "greater", "less"),
           null=OneOf("random_label", "person_permutation", "composition", "share", "dual_composition",
                      "bootstrap"))
def two_sample_test(index: str, counts1: ArrayLike, counts2: ArrayLike, null: str = "random_label",
                    n_sim: int = 999, seed: int | np.random.Generator | None = None,
                    alternative: str = "two_sided", **params: Any) -> dict[str, Any]:
    """Test whether a measure differs between two contexts (places or years).

    Parameters
    ----------
    index : str
        Registered measure id.
    counts1, counts2 : array_like of shape (n1, K), (n2, K)
        Count tables of the two contexts.
    null : {"random_label", "person_permutation", "composition", "share", "dual_composition", "bootstrap"}
        How tables under the null of no difference are drawn (§4.3).
    n_sim : int, default 999
        Number of simulated pairs.
    seed : int or numpy.random.Generator, optional
        Seed of the draws (``None``: fresh entropy); a Generator is used as is.
    alternative : {"two_sided", "greater", "less"}
        ``greater``: context 1 is more segregated than context 2.
    **params
        Index parameters.

    Returns
    -------
    dict
        ``observed`` (difference G1 − G2), ``simulations``, ``p_value`` (for the
        requested alternative) and ``p_values`` (all three).

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([[90, 10], [10, 90], [50, 50]])
    >>> r = two_sample_test("dissimilarity", a, a, n_sim=50, seed=2)
    >>> r["observed"]
    0.0
    """
    from lagesbild.measures._registry import get_measure
    from lagesbild.measures.decomposition import counterfactual

    m = get_measure(index)
    kw = {**m.params, **params}

    def stat(c):
        return m.kernel(c, **kw)

    if alternative not in ("two_sided", "greater", "less"):
        raise param_error("alternative", "two_sample_test", "'two_sided', 'greater' eller 'less'",
                          "'two_sided', 'greater' or 'less'", alternative)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    c1 = np.asarray(counts1, dtype=np.float64)
    c2 = np.asarray(counts2, dtype=np.float64)
    obs = float(stat(c1)) - float(stat(c2))
    n1, B = c1.shape[0], int(n_sim)
    if null in ("random_label", "person_permutation"):
        pooled = np.concatenate([c1, c2])
        if null == "person_permutation":
            sim = simulate(pooled, "person_permutation", B, rng)
            s1, s2 = sim[:, :n1], sim[:, n1:]
        else:
            idx = rng.permuted(np.tile(np.arange(pooled.shape[0]), (B, 1)), axis=1)
            s1, s2 = pooled[idx[:, :n1]], pooled[idx[:, n1:]]
        sims = np.asarray(stat(s1)) - np.asarray(stat(s2))
    elif null in ("composition", "share", "dual_composition"):
        if m.kind != "two_group":
            raise param_error("null", "two_sample_test", "'random_label' eller 'person_permutation' för flergruppsmått",
                              "'random_label' or 'person_permutation' for multigroup measures", null)
        x1, t1, x2, t2 = c1[:, 0], c1.sum(1), c2[:, 0], c2.sum(1)
        (cx1, ct1), (cx2, ct2) = counterfactual(x1, t1, x2, t2, null)
        if null == "composition":
            ct1, ct2 = t1, t2

        def mix(x, cx, ct):
            coin = rng.uniform(size=(B, x.size)) > 0.5
            xs = np.where(coin, x, cx)
            return np.stack([xs, np.broadcast_to(ct, xs.shape) - xs], axis=-1)

        sims = np.asarray(stat(mix(x1, cx1, ct1))) - np.asarray(stat(mix(x2, cx2, ct2)))
    elif null == "bootstrap":
        b1 = np.asarray(stat(_bootstrap_units(c1, B, rng)))
        b2 = np.asarray(stat(_bootstrap_units(c2, B, rng)))
        from scipy import stats

        tval = (b1.mean() - b2.mean()) / np.sqrt(b1.std(ddof=1) ** 2 + b2.std(ddof=1) ** 2)
        pv = {"two_sided": float(2 * stats.t.sf(abs(tval), B - 1)), "greater": float(stats.t.sf(tval, B - 1)),
              "less": float(stats.t.cdf(tval, B - 1))}
        return {"observed": obs, "simulations": b1 - b2, "p_value": pv[alternative], "p_values": pv,
                "null": null, "n_sim": B, "t": float(tval)}
    else:
        raise param_error("null", "two_sample_test",
                          "en av 'random_label', 'person_permutation', 'composition', 'share', "
                          "'dual_composition', 'bootstrap'",
                          "one of 'random_label', 'person_permutation', 'composition', 'share', "
                          "'dual_composition', 'bootstrap'", null)
    # null distributions of the difference are centred at 0: compare |d| for two-sided
    pv = p_values(obs, sims)
    return {"observed": obs, "simulations": sims, "p_value": pv[alternative], "p_values": pv, "null": null,
            "n_sim": B}


def attach(res, m, counts, inference, n_sim, seed, ci, params, geo, spatial):
    """Run inference for :func:`lagesbild.measures.compute` and fill the result."""
    if spatial.get("bandwidth") is not None:
        from lagesbild.measures import spatial as sp

        smoother = sp.build_smoother(spatial["coords"], spatial["bandwidth"], spatial["kernel"])

        def stat(c):
            return sp.spatial_index(m.id, c, smoother=smoother, weights=spatial["weights"], **params)
    else:
        def stat(c):
            return m.kernel(c, **geo, **params)
    if inference == "bootstrap_bc":
        r = bootstrap_bc(stat, counts, n_sim=n_sim, seed=seed, ci=ci)
        res.value, res.se, res.ci_low, res.ci_high = r["estimate"], r["se"], r["ci_low"], r["ci_high"]
        res.value_plugin = r["observed"]
        res.simulations = r["draws"]
        res.method = "bias-corrected bootstrap"
        res.notes.append(f"plug-in value {r['observed']:.10g}; bias {r['bias']:.3g}")
    elif inference == "bootstrap":
        r = single_value_test(stat, counts, "bootstrap", n_sim, seed)
        sims = r["simulations"]
        a = (1 - ci) / 2
        res.se = float(np.nanstd(sims, ddof=1))
        res.ci_low, res.ci_high = float(np.nanquantile(sims, a)), float(np.nanquantile(sims, 1 - a))
        res.simulations = sims
        res.method = "unit bootstrap"
    else:
        r = single_value_test(stat, counts, inference, n_sim, seed)
        res.p_value, res.p_values = r["p_value"], r["p_values"]
        res.simulations = r["simulations"]
        res.expected_under_null = r["expected"]
        res.method = f"plug-in; null={inference}"
    res.params = {**res.params, "inference": inference, "n_sim": int(n_sim), "seed": seed}
