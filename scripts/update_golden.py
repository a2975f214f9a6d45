"""Rewrite the golden outline of the reference report (``make golden``).

The reference report is Göteborg (1480) 2023 compared with Malmö (1280) and Stockholm (0180),
built from the bundled data in a temporary store. Review the diff of
``tests/reporting/golden/goteborg_2023_headings.txt`` before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from lagesbild._config import resolve_settings
from lagesbild.reporting.model import outline
from lagesbild.services.report import build_report
from lagesbild.services.store import init_store, open_store

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "reporting" / "golden" / "goteborg_2023_headings.txt"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        settings = resolve_settings(config_file=None, env={}, store=str(Path(tmp) / "golden.duckdb"))
        init_store(settings)
        with open_store(settings.store, settings=settings, read_only=True) as store:
            res = build_report(store, settings, "1480", 2023, compare=["1280", "0180"], formats=["html"],
                               out=Path(tmp) / "out")
        GOLDEN.write_text("\n".join(outline(res["report"])) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
