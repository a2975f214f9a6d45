"""Optional dependencies through one function."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["import_optional"]


def import_optional(name: str, extra: str) -> ModuleType:
    """Import ``name`` or raise an ImportError that names the extra to install."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise ImportError(
            f"Paketet '{name}' behövs här men är inte installerat: pip install \"lagesbild[{extra}]\" "
            f"/ The package '{name}' is needed here: pip install \"lagesbild[{extra}]\"") from None
