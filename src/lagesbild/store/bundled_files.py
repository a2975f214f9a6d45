"""Where the bundled data files live inside the installed package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["DATA_DIR", "data_path"]

#: The folder of the bundled Parquet files (``lagesbild/data``; provenance in its DATA.md).
DATA_DIR = Path(str(resources.files("lagesbild") / "data"))


def data_path(name: str) -> Path:
    """The path of the bundled file ``name``."""
    return DATA_DIR / name
