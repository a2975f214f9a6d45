"""Import hygiene: `import lagesbild` is light and pulls in no heavy optional package."""

import subprocess
import sys

HEAVY = ["pandas", "numpy", "duckdb", "geopandas", "shapely", "pyproj", "scipy", "numba", "httpx",
         "fastapi", "starlette", "jinja2", "weasyprint", "docx", "altair", "dask", "typer", "pyarrow",
         "matplotlib", "yaml", "openpyxl"]


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_import_pulls_in_no_heavy_package():
    out = run("import sys, lagesbild; print(' '.join(sorted(m for m in sys.modules)))")
    loaded = set(out.split())
    assert not [m for m in HEAVY if m in loaded], [m for m in HEAVY if m in loaded]


def test_import_is_fast():
    out = run("import time; t = time.perf_counter(); import lagesbild; print(time.perf_counter() - t)")
    assert float(out) < 0.5


def test_public_api():
    import lagesbild

    assert lagesbild.__version__ and callable(lagesbild.open_store)
    st = lagesbild.open_store(":memory:")
    assert st.summary()["observations"] == 0
