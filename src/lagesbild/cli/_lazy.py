"""Service modules imported when a command first uses them, not when the CLI starts.

``lagesbild --help`` and a command on a small file should not pay for importing pandas, DuckDB
and SQLAlchemy for every command family; a command module names its services with
:func:`service` and the import happens at the first attribute access.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

__all__ = ["service"]


class _LazyService:
    def __init__(self, name: str) -> None:
        self._name = f"lagesbild.services.{name}"
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


def service(name: str) -> Any:
    """The module ``lagesbild.services.<name>``, imported at its first use."""
    return _LazyService(name)
