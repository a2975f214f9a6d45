"""lagesbild: where segregation and social needs are, what preventive work is done, and whether it works.

The top-level package imports only the standard library and the foundation modules; heavy
libraries (pandas, DuckDB, GeoPandas, …) are imported when first used.
"""

from __future__ import annotations

from lagesbild._version import __version__

__all__ = ["__version__", "open_store"]


def open_store(path=None, *, settings=None, read_only: bool = False):
    """Open (or create) the DuckDB store; see :class:`lagesbild.store.Store`."""
    from lagesbild.store import open_store as _open

    return _open(path, settings=settings, read_only=read_only)
