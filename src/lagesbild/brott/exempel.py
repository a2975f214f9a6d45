"""A generated, clearly labelled set of EST incidents for demonstrations and benchmarks.

The incidents are **synthetic** ("exempeldata (syntetiska händelser)"): Poisson counts per area
proportional to population, a weekly rhythm (more on Friday and Saturday evenings), more
incidents in summer, and an optional focus area where incidents rise in the last year so that
the analysis has something to find. Nothing here describes a real place's incidents.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lagesbild.brott.kategorier import SEED

__all__ = ["generate_incidents"]

_CAT_WEIGHTS = np.array([0.22, 0.16, 0.06, 0.12, 0.08, 0.12, 0.06, 0.04, 0.09, 0.02, 0.03])


def generate_incidents(areas: pd.Series, *, years=(2024, 2025), per_1000_year: float = 12.0,
                       focus: str | None = None, focus_rise: float = 2.0, seed: int = 2023,
                       organisations=("Kommunen", "Polisen", "Bostadsbolaget", "Bevakningsbolaget")) -> pd.DataFrame:
    """Synthetic incidents (``status``: 85 % godkänd, 10 % inskickad, 5 % avvisad).

    Parameters
    ----------
    areas : Series
        Population indexed by area code.
    years : iterable of int
    per_1000_year : float
        Mean incidents per 1 000 inhabitants and year.
    focus : str, optional
        An area whose rate is multiplied by ``focus_rise`` in the last year.
    """
    rng = np.random.default_rng(seed)
    codes = areas.index.to_numpy()
    pop = areas.to_numpy(dtype="float64")
    frames = []
    years = list(years)
    for y in years:
        lam = pop / 1000.0 * per_1000_year
        if focus is not None and y == years[-1]:
            lam = np.where(codes == focus, lam * focus_rise, lam)
        n = rng.poisson(lam)
        area = np.repeat(codes, n)
        k = len(area)
        start = np.datetime64(f"{y}-01-01")
        days = (np.datetime64(f"{y + 1}-01-01") - start).astype(int)
        # summer weight and weekend weight through rejection sampling of days
        d = rng.integers(0, days, size=k * 3)
        date = start + d.astype("timedelta64[D]")
        month = date.astype("datetime64[M]").astype(int) % 12 + 1
        wd = (date.astype("datetime64[D]").astype("int64") + 3) % 7
        w = np.where((month >= 5) & (month <= 8), 1.4, 1.0) * np.where(wd >= 4, 1.5, 1.0)
        keep = rng.random(len(d)) < w / w.max()
        date = date[keep][:k]
        if len(date) < k:  # pragma: no cover - practically impossible with three times the draws
            date = np.concatenate([date, start + rng.integers(0, days, k - len(date)).astype("timedelta64[D]")])
        hour = np.clip(np.round(rng.normal(19, 4.5, size=k)), 0, 23).astype(int) % 24
        fran = date.astype("datetime64[m]") + (hour * 60).astype("timedelta64[m]")
        frames.append(pd.DataFrame({
            "observerad_fran": fran, "observerad_till": fran + np.timedelta64(60, "m"),
            "kategori": rng.choice(np.array(SEED), size=k, p=_CAT_WEIGHTS / _CAT_WEIGHTS.sum()),
            "omrade": area, "antal": 1,
            "status": rng.choice(np.array(["godkand", "inskickad", "avvisad"]), size=k, p=[0.85, 0.10, 0.05]),
            "organisation": rng.choice(np.array(organisations), size=k),
            "miljo": rng.choice(np.array(["offentlig", "halvoffentlig"]), size=k, p=[0.7, 0.3]),
            "allvarlighet": rng.choice(np.array([1, 2, 3]), size=k, p=[0.6, 0.3, 0.1]),
        }))
    out = pd.concat(frames, ignore_index=True)
    out["exempeldata"] = True
    return out.sort_values("observerad_fran", kind="stable").reset_index(drop=True)
