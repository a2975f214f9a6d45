"""Hardening benchmarks: bounded memory on large and hostile import files.

Run:  .venv/bin/python bench/bench_hardening.py [--rows 10000000]   (prints a Markdown section)

Cases, each in a fresh subprocess so that peak memory (VmHWM) is its own:

* ``csv_long``: a generated long-form CSV (DeSO2018 codes × years × generated variables, one
  observation per row, ``--rows`` rows) imported through a mapping into a copy of the bundled
  store. Target (issue 13): peak RSS ≤ 1 GB at 10 M rows.
* ``xlsx_bomb``: a 1 MB xlsx whose sheet unpacks to 1 GB (XML padded with spaces) is refused.
  Target: refused in ≤ 5 s with peak RSS ≤ 300 MB.
* ``login_timing``: the median time of a failed login for a known and for an unknown user name
  (they should be equal: the same Argon2id work either way).

The generated files are synthetic (generated numbers, real DeSO codes) and are deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap

PRELUDE = """
import json, sys, time
work = sys.argv[1]
"""

CASES = {
    "csv_long": """
        import shutil
        from lagesbild import open_store
        from lagesbild._config import resolve_settings
        from lagesbild.store.importer import import_file
        shutil.copy(f"{work}/init.duckdb", f"{work}/c.duckdb")
        st = open_store(f"{work}/c.duckdb", settings=resolve_settings(config_file=None, env={}))
        t = time.perf_counter()
        res = import_file(st, f"{work}/long.csv", f"{work}/long.yaml")
        dt = time.perf_counter() - t
        st.close()
        out = {"rows": res["rows"], "inserted": res["observations_inserted"]}
    """,
    "xlsx_bomb": """
        from lagesbild.errors import InputError
        from lagesbild.store.readers import read_chunks
        t = time.perf_counter()
        try:
            list(read_chunks(__import__("pathlib").Path(f"{work}/bomb.xlsx"), "xlsx"))
            out = {"refused": False}
        except InputError as exc:
            out = {"refused": True, "message": exc.message("sv")}
        dt = time.perf_counter() - t
    """,
    "login_timing": """
        import statistics
        from lagesbild import open_store
        from lagesbild._config import resolve_settings
        from lagesbild.prevention import auth
        st = open_store(":memory:", settings=resolve_settings(config_file=None, env={}))
        auth.create_user(st, "anna.k", "ett-långt-lösenord", "lasare", "bench")
        auth.authenticate(st, "varm.upp", "x" * 12)  # the dummy hash is made once, before timing
        def timed(name):
            out = []
            for i in range(9):  # fewer than 10 failures: no throttling in the window
                t0 = time.perf_counter(); auth.authenticate(st, name, f"fel-losenord-{i}");
                out.append(time.perf_counter() - t0)
            return statistics.median(out)
        t = time.perf_counter()
        known, unknown = timed("anna.k"), timed("finns.inte")
        dt = time.perf_counter() - t
        out = {"known_ms": known * 1000, "unknown_ms": unknown * 1000}
    """,
}
POSTLUDE = """
# VmHWM is this process's own peak (ru_maxrss would include the parent's peak inherited at fork).
rss = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM")) / 1024
print(json.dumps({"seconds": dt, "peak_rss_mb": rss, **out}))
"""


def _run(case: str, work: str) -> dict:
    code = PRELUDE + textwrap.dedent(CASES[case]) + POSTLUDE
    res = subprocess.run([sys.executable, "-c", code, work], capture_output=True, text=True, check=False)
    if res.returncode:
        raise SystemExit(f"{case} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def make_store(work: str) -> list[str]:
    from lagesbild._config import resolve_settings
    from lagesbild.services.store import init_store
    from lagesbild.store import open_store

    s = resolve_settings(config_file=None, env={}, store=f"{work}/init.duckdb")
    init_store(s)
    st = open_store(f"{work}/init.duckdb", settings=s, read_only=True)
    codes = sorted(st.areas(version="DeSO2018")["code"])
    st.close()
    return codes


def make_csv(work: str, codes: list[str], rows: int) -> int:
    years = list(range(1900, 2025))
    per_var = len(codes) * len(years)
    nvars = -(-rows // per_var)
    with open(f"{work}/long.yaml", "w", encoding="utf-8") as fh:
        fh.write(
            "source: {id: bench_long, publisher: synthetic}\n"
            "area: {column: kod, version: DeSO2018}\nyear: {column: ar}\n"
            "long: {variable_column: var, value_column: v}\nnew_variables:\n"
        )
        for k in range(nvars):
            fh.write(f"  - {{id: syn_{k}, label_sv: Syntetisk {k}, kind: count}}\n")
    n = 0
    with open(f"{work}/long.csv", "w", encoding="utf-8") as fh:
        fh.write("kod,ar,var,v\n")
        for k in range(nvars):
            for y in years:
                lines = [f"{c},{y},syn_{k},{(i * 7 + y + k) % 997}\n" for i, c in enumerate(codes)]
                take = min(len(lines), rows - n)
                fh.writelines(lines[:take])
                n += take
                if n >= rows:
                    return os.path.getsize(f"{work}/long.csv")
    return os.path.getsize(f"{work}/long.csv")


def make_bomb(work: str, unpacked: int = 1 << 30) -> int:
    """A valid-looking xlsx whose sheet XML is padded with spaces to ``unpacked`` bytes."""
    import zipfile

    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"/>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheets><sheet name="Blad1" sheetId="1"/></sheets></workbook>',
    }
    path = f"{work}/bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            block = b" " * (1 << 24)
            for _ in range(unpacked // len(block)):
                fh.write(block)
            fh.write(b"</sheetData></worksheet>")
    return os.path.getsize(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        codes = make_store(work)
        size = make_csv(work, codes, args.rows)
        csv_res = _run("csv_long", work)
        bomb_size = make_bomb(work)
        bomb = _run("xlsx_bomb", work)
        timing = _run("login_timing", work)
    print(
        f"## Hardening (issue 13)\n\nMachine: {platform.machine()}, {os.cpu_count()} CPUs visible, "
        f"Python {platform.python_version()}; DuckDB default threads.\n"
    )
    print("| case | input | seconds | peak RSS (MB) | target | result |")
    print("|---|---|---:|---:|---|---|")
    print(
        f"| CSV import, long form | {csv_res['rows']:,} rows, {size / 2**20:.0f} MB | {csv_res['seconds']:.1f} | "
        f"{csv_res['peak_rss_mb']:.0f} | ≤ 1024 MB | {'ok' if csv_res['peak_rss_mb'] <= 1024 else 'MISSED'} |"
    )
    print(
        f"| xlsx zip bomb | {bomb_size / 2**20:.1f} MB → 1024 MB | {bomb['seconds']:.2f} | "
        f"{bomb['peak_rss_mb']:.0f} | refused, ≤ 5 s, ≤ 300 MB | "
        f"{'ok' if bomb['refused'] and bomb['seconds'] <= 5 and bomb['peak_rss_mb'] <= 300 else 'MISSED'} |"
    )
    ratio = timing["unknown_ms"] / timing["known_ms"]
    print(
        f"\nLogin with a wrong password, median of 9 (Argon2id defaults): known user "
        f"{timing['known_ms']:.1f} ms, unknown user {timing['unknown_ms']:.1f} ms (ratio {ratio:.2f})."
    )


if __name__ == "__main__":
    main()
