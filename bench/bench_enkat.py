"""Youth-survey benchmark: profiling a 50 000-respondent wave by school × grade × gender.

Run:  .venv/bin/python bench/bench_enkat.py        (prints a Markdown section)

The wave is the syntetisk exempelenkät (60 schools, two grades, 17 scales, 51 items). "Profile"
is everything ``lagesbild enkat profil --by skola,arskurs,kon`` computes: scoring of every
scale, shares and means with intervals for every cell of the release (kommun, per school,
grade and gender, every two-way table and the three-way table) and primary and secondary
suppression over all its relations. Also timed: scoring alone, and writing/reading the wave
in the DuckDB store. Target (issue 16): profile ≤ 3 s. Best of 3 runs.
"""

from __future__ import annotations

import os
import platform
import tempfile
import time


def _best(fn, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    import numpy as np

    from lagesbild._config import resolve_settings
    from lagesbild.enkat import profile, storage, synthetic
    from lagesbild.enkat.catalogue import builtin_catalogue
    from lagesbild.store import open_store

    cat = builtin_catalogue()
    syn = synthetic.generate(cat, "0180", 2024, seed=1, schools=60, enrolled=560)
    wave = syn.to_wave()
    t_score, _ = _best(lambda: profile.score_wave(wave, cat))
    t_prof, rows = _best(lambda: profile.profile(wave, cat, by=["skola", "arskurs", "kon"], min_n=25))
    t_one, _ = _best(lambda: profile.profile(wave, cat, by=["skola"], min_n=25))
    cells = len(rows) // len(cat.scales)
    hidden = sum(r["undertryckt"] for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        st = open_store(os.path.join(tmp, "b.duckdb"), settings=resolve_settings(config_file=None, env={}))
        t = time.perf_counter()
        storage.save_wave(st, wave, catalogue_version=cat.version)
        t_save = time.perf_counter() - t
        t_load, _ = _best(lambda: storage.load_wave(st, "0180", 2024))
        st.close()
    threads = os.environ.get("OMP_NUM_THREADS", "default")
    print("## Youth survey (issue 16)\n")
    print(f"Command: `.venv/bin/python bench/bench_enkat.py` · {platform.python_implementation()} "
          f"{platform.python_version()} · {os.cpu_count()} CPUs · numpy {np.__version__}, threads {threads} "
          "(single-threaded code) · best of 3.\n")
    def num(v: int) -> str:
        return f"{v:,}".replace(",", "\u2009")

    print(f"Wave: syntetisk exempelenkät, {num(wave.n)} respondents, 60 schools × 2 grades × 3 genders, "
          f"{len(cat.scales)} scales; release of {cells} cells per scale ({num(len(rows))} rows), "
          f"{num(hidden)} suppressed.\n")
    print("| Step | Time (s) | Target |")
    print("|---|---:|---|")
    print(f"| Scoring of all scales | {t_score:.3f} | |")
    print(f"| **Profile by skola × årskurs × kön (with suppression)** | **{t_prof:.3f}** | ≤ 3 s |")
    print(f"| Profile by skola | {t_one:.3f} | |")
    print(f"| Write the wave to the store | {t_save:.3f} | |")
    print(f"| Read the wave from the store | {t_load:.3f} | |")


if __name__ == "__main__":
    main()
