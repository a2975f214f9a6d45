"""Benchmark of the crime-prevention lägesbild: aggregation of 1 000 000 incidents and the document.

Run: ``.venv/bin/python bench/bench_brott.py`` (prints a Markdown table for bench/RESULTS.md).

Cases
-----
* weekly and yearly counts per category × area of 1 000 000 incidents of one kommun
  (:func:`lagesbild.brott.analys.aggregate`), and the full lägesbild of one week and one
  year (:func:`lagesbild.brott.analys.summarise`: counts, changes with the exact test, rates,
  ranking, hot-spots, time pattern); target ≤ 2 s each;
* the lägesbild document of Borlänge 2025 (HTML, PDF and Word) from a store built from the
  bundled data with the demo's generated incidents; target ≤ 30 s.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def incidents(n: int = 1_000_000, n_areas: int = 40, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    from lagesbild.brott.kategorier import SEED

    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01T00:00")
    minutes = rng.integers(0, 2 * 366 * 24 * 60, size=n)
    fran = start + minutes.astype("timedelta64[m]")
    areas = np.array([f"2081R{i:03d}" for i in range(1, n_areas + 1)])
    df = pd.DataFrame({
        "observerad_fran": fran, "observerad_till": fran + np.timedelta64(60, "m"),
        "kategori": rng.choice(np.array(SEED), size=n), "omrade": rng.choice(areas, size=n),
        "antal": np.ones(n, dtype="int64"),
        "status": rng.choice(np.array(["godkand", "inskickad", "avvisad"]), size=n, p=[0.85, 0.1, 0.05]),
    })
    pop = pd.DataFrame({"omrade": np.repeat(areas, 2), "ar": np.tile([2024, 2025], n_areas),
                        "folkmangd": rng.integers(800, 4000, size=2 * n_areas).astype("float64")})
    return df, pop


def best(f, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    from lagesbild.brott import analys
    from lagesbild.brott.perioder import parse_period

    df, pop = incidents()
    rows = []
    week, year = parse_period("2025-W23"), parse_period("2025")
    rows.append(("Weekly counts per category × area (aggregate, 1 000 000 incidents)",
                 best(lambda: analys.aggregate(df, "vecka")), 2.0))
    rows.append(("Yearly counts per category × area (aggregate, 1 000 000 incidents)",
                 best(lambda: analys.aggregate(df, "ar")), 2.0))
    rows.append(("Weekly lägesbild 2025-W23 (summarise: changes, rates, ranking, hot-spots)",
                 best(lambda: analys.summarise(df, week, pop)), 2.0))
    rows.append(("Yearly lägesbild 2025 (summarise)", best(lambda: analys.summarise(df, year, pop)), 2.0))

    from lagesbild._config import resolve_settings
    from lagesbild.services import brott_rapport
    from lagesbild.services.brott import open_ops
    from lagesbild.services.store import init_store
    from lagesbild.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        s = resolve_settings(config_file=None, env={}, store=str(Path(tmp) / "b.duckdb"))
        init_store(s)
        st = open_store(s.store, settings=s, read_only=True)
        ops = open_ops(s)
        brott_rapport.demo_incidents(st, ops, "2081")
        brott_rapport.demo_plan(st, ops, "2081", 2025)
        t0 = time.perf_counter()
        brott_rapport.rapport(st, ops, kommun="2081", year=2025, formats=("html", "pdf", "docx"),
                              out=Path(tmp) / "out")
        rows.append(("Lägesbild document Borlänge 2025, HTML + PDF + Word (rapport)", time.perf_counter() - t0,
                     30.0))
        ops.close()
        st.close()

    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores; "
          "command: `.venv/bin/python bench/bench_brott.py`\n")
    print("| Case | Seconds | Target |\n|---|---|---|")
    for name, sec, target in rows:
        print(f"| {name} | {sec:.3f} | ≤ {target:g} s |")


if __name__ == "__main__":
    main()
