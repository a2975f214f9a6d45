"""Run every benchmark under bench/ in turn (`make bench`). Each prints its own section for
bench/RESULTS.md; see that file for the numbers and the command behind each section."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n### {script.name}\n", flush=True)
        status |= subprocess.run([sys.executable, str(script)]).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
