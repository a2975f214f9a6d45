"""Every file of the package (data, templates, vendored assets) goes into the wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_holds_every_package_file(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                          "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {out.stderr.strip()[-200:]}")
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    src = ROOT / "src"
    missing = [str(p.relative_to(src)) for p in (src / "lagesbild").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and str(p.relative_to(src)) not in names]
    assert not missing, f"files left out of the wheel: {missing}"
