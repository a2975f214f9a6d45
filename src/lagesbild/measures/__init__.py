"""Segregation measures: pure numpy kernels, an explicit registry and a thin frame layer.

Public API (imported lazily so that ``import lagesbild.measures`` stays light)::

    from lagesbild.measures import compute, registry
    registry["mutual_information"].name_sv
    compute("dissimilarity", df, unit="regso", group="grupp", weight="antal")

Subpackages follow the scientific taxonomy: ``singlegroup``, ``multigroup``, ``local``,
``ordinal``, ``spatial`` (kernel-smoothed), ``explicit`` (distance/geometry based),
``inference``, ``decomposition``, ``ipf``; ``frames`` is the only module using pandas.
"""

from __future__ import annotations

__all__ = ["MeasureResult", "compute", "compute_many", "registry"]


def __getattr__(name):
    if name == "registry":
        from lagesbild.measures._registry import MEASURES

        return MEASURES
    if name in ("compute", "MeasureResult"):
        from lagesbild.measures import frames

        return getattr(frames, name)
    if name == "compute_many":
        from lagesbild.measures.batch import compute_many

        return compute_many
    raise AttributeError(f"module 'lagesbild.measures' has no attribute {name!r}")
