"""The embedded DuckDB store (layer 2): areas, geometries, variables, observations, sources."""

from lagesbild.store.db import Store, open_store

__all__ = ["Store", "open_store"]
