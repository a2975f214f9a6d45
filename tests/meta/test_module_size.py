"""Modules stay under ~600 lines (style guide §2.1)."""

from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "src" / "lagesbild"


def test_modules_under_600_lines():
    big = [f"{p.relative_to(PKG)}: {n}" for p in PKG.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600]
    assert not big, "modules over 600 lines: " + ", ".join(big)
