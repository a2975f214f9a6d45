"""Foundation benchmarks: loading the bundled data and importing a 1,000,000-row file.

Run:  .venv/bin/python bench/bench_foundation.py        (prints a Markdown section)

Each case runs in a fresh subprocess so that peak memory (ru_maxrss) is its own.
Targets (issue 2): all-Sweden RegSO data < 2 s; 1M rows < 10 s; peak memory < 1 GB.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
import textwrap

CASES = {
    "init": """
        from lagesbild.services.store import init_store
        from lagesbild._config import resolve_settings
        s = resolve_settings(config_file=None, env={}, store=f"{work}/init.duckdb")
        t = time.perf_counter(); init_store(s, force=True); dt = time.perf_counter() - t
    """,
    "regso_sweden": """
        import pandas as pd, shutil
        from lagesbild import open_store
        from lagesbild.store.importer import import_file
        from lagesbild.store.bundled import data_path
        from lagesbild._config import resolve_settings
        shutil.copy(f"{work}/init.duckdb", f"{work}/r.duckdb")
        st = open_store(f"{work}/r.duckdb", settings=resolve_settings(config_file=None, env={}))
        st.sql("DELETE FROM observations WHERE source_id = 'bundled:regso2020_statistik_2020_2023'")
        df = pd.read_parquet(data_path("regso2020_statistik_2020_2023.parquet"))
        df["fodda_utrikes"] = df["folkmangd_totalt"] - df["folkmangd_fodda_i_sverige"]
        df.to_csv(f"{work}/regso.csv", index=False, sep=";")
        open(f"{work}/regso.yaml", "w").write('''
        source: {id: regso_bench, publisher: SCB}
        area: {column: regsokod, version: RegSO2020}
        year: {column: year}
        values: {folkmangd: folkmangd_totalt, fodda_i_sverige: folkmangd_fodda_i_sverige,
                 fodda_utrikes: fodda_utrikes, lgh_hyresratt: lgh_hyresratt,
                 lgh_bostadsratt: lgh_bostadsratt, lgh_aganderatt: lgh_aganderatt,
                 lgh_uppgift_saknas: lgh_uppgift_saknas, loneinkomst_medel_tkr: loneinkomst_medel_tkr}
        ''')
        t = time.perf_counter(); res = import_file(st, Path(f"{work}/regso.csv"), Path(f"{work}/regso.yaml"))
        dt = time.perf_counter() - t; extra = res["observations_inserted"]
    """,
    "one_million_rows": """
        import numpy as np, pandas as pd, shutil
        from lagesbild import open_store
        from lagesbild.store.importer import import_file
        from lagesbild._config import resolve_settings
        shutil.copy(f"{work}/init.duckdb", f"{work}/m.duckdb")
        st = open_store(f"{work}/m.duckdb", settings=resolve_settings(config_file=None, env={}))
        codes = st.areas(version="DeSO2018")["code"].to_numpy()
        years = np.arange(2000, 2017); variables = [f"bench_v{i}" for i in range(10)]
        rng = np.random.default_rng(1)
        n = len(codes) * len(years) * len(variables)
        df = pd.DataFrame({"desokod": np.tile(codes, len(years) * len(variables)),
                           "ar": np.repeat(np.tile(years, len(variables)), len(codes)),
                           "variabel": np.repeat(variables, len(codes) * len(years)),
                           "varde": rng.integers(0, 3000, n)})
        df.to_csv(f"{work}/big.csv", index=False); del df
        newv = "\\n".join(f"  - {{id: {v}, label_sv: Test {v}, kind: count, unit: personer}}" for v in variables)
        open(f"{work}/big.yaml", "w").write(
            "source: {id: bench_1m}\\narea: {column: desokod, version: DeSO2018}\\nyear: {column: ar}\\n"
            "long: {variable_column: variabel, value_column: varde}\\nnew_variables:\\n" + newv + "\\n")
        import gc; gc.collect()
        t = time.perf_counter(); res = import_file(st, Path(f"{work}/big.csv"), Path(f"{work}/big.yaml"))
        dt = time.perf_counter() - t; extra = res["observations_inserted"]
    """,
    "import_lagesbild": """
        t = time.perf_counter(); import lagesbild; dt = time.perf_counter() - t
    """,
}

PRELUDE = """
import json, resource, time

work = {work!r}
extra = None
"""
EPILOGUE = """
print(json.dumps({{"seconds": dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "extra": extra}}))
"""


def run_case(name: str, work: str) -> dict:
    code = PRELUDE.format(work=work) + textwrap.dedent(CASES[name]) + EPILOGUE.format()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{name} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        results = {name: run_case(name, work) for name in CASES}
    rows = [
        ("`lagesbild init` (all bundled data, geometries included)", results["init"], None, "—"),
        ("All-Sweden RegSO statistics 2020–2023 via `import` (CSV)", results["regso_sweden"], 2.0, "< 2 s"),
        ("Generated 1 000 000-row long CSV via `import`", results["one_million_rows"], 10.0, "< 10 s"),
        ("`import lagesbild`", results["import_lagesbild"], 0.5, "< 0.5 s"),
    ]
    print("## Foundation (issue 2)\n")
    print(f"Machine: {platform.machine()}, {platform.python_version()}; "
          "command: `.venv/bin/python bench/bench_foundation.py`\n")
    print("| Case | Rows written | Seconds | Peak memory (MB) | Target |")
    print("|---|---|---|---|---|")
    for label, r, _, target in rows:
        print(f"| {label} | {r['extra'] if r['extra'] is not None else '—'} | {r['seconds']:.2f} | "
              f"{r['peak_mb']:.0f} | {target} |")


if __name__ == "__main__":
    main()
