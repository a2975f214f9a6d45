"""Simulation study of interval coverage for D, H and M (bias-corrected bootstrap) and for the
test-inversion interval of D (lagesbild.measures.intervals).

Truth: the composition of Göteborg's 147 RegSO in 2023 (born abroad vs everyone else, SCB, from
tests/measures/data), shrunk towards independence to set the level of segregation
(p(λ) = e + λ (p − e), so D = λ · D_Göteborg), with N persons drawn from it (multinomial).
Every replicate draws one table, computes the intervals and checks whether they contain the
true value of the index at p(λ).  Prints a Markdown table; docs/measures.md holds its output.

    .venv/bin/python scripts/coverage_intervals.py --reps 100 --seed 20261204
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from lagesbild.measures.inference import bootstrap_bc
from lagesbild.measures.intervals import dissimilarity_interval
from lagesbild.measures.multigroup import mutual_information, theil_h
from lagesbild.measures.singlegroup import dissimilarity

DATA = Path(__file__).resolve().parents[1] / "tests" / "measures" / "data"
INDICES = {"D": lambda c: dissimilarity(c[..., 0], c.sum(axis=-1)), "H": theil_h, "M": mutual_information}


def truth_table() -> np.ndarray:
    d = pd.read_parquet(DATA / "regso_2020_2023.parquet")
    d = d[(d.year == 2023) & (d.kommun == "1480") & (d.folkmangd_totalt > 0)]
    abroad = (d.folkmangd_totalt - d.folkmangd_fodda_i_sverige).to_numpy(float)
    c = np.column_stack([abroad, d.folkmangd_fodda_i_sverige.to_numpy(float)])
    return c / c.sum()


def fmt(v: float) -> str:
    return f"{v:.3f}".replace(".", ",")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--boot", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--ns", default="1500,5000,20000")
    ap.add_argument("--levels", default="0.25,0.5,1.0")
    args = ap.parse_args()
    p = truth_table()
    e = np.outer(p.sum(axis=1), p.sum(axis=0))
    rng = np.random.default_rng(args.seed)
    print(
        f"Seed {args.seed}, {args.reps} replicates per row, {args.boot} bootstrap draws; "
        f"{p.shape[0]} units; 95 % intervals.\n"
    )
    print(
        "| N | N per unit | true D | true H | true M | D (bc) | H (bc) | M (bc) | D "
        "(intervals.dissimilarity_interval) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    t0 = time.time()
    for n in [int(x) for x in args.ns.split(",")]:
        for lam in [float(x) for x in args.levels.split(",")]:
            pl = e + lam * (p - e)
            true = {k: float(f(pl)) for k, f in INDICES.items()}
            hit = {k: 0 for k in INDICES} | {"inv": 0}
            for _ in range(args.reps):
                c = rng.multinomial(n, pl.ravel()).reshape(pl.shape).astype(float)
                s = int(rng.integers(2**31))
                for k, f in INDICES.items():
                    b = bootstrap_bc(f, c, args.boot, seed=s)
                    hit[k] += b["ci_low"] <= true[k] <= b["ci_high"]
                r = dissimilarity_interval(c, args.boot, seed=s)
                hit["inv"] += r["ci_low"] <= true["D"] <= r["ci_high"]
            cov = {k: v / args.reps for k, v in hit.items()}
            print(
                f"| {n:,} | {n / p.shape[0]:.0f} | ".replace(",", " ")
                + " | ".join(
                    fmt(v) for v in (true["D"], true["H"], true["M"], cov["D"], cov["H"], cov["M"], cov["inv"])
                )
                + " |",
                flush=True,
            )
    print(f"\n({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
