"""Registry entries for the spatial measures (filled in by spatial.py / explicit.py)."""

from __future__ import annotations


def entries(Measure, nulls):
    """Return the list of spatial :class:`Measure` entries."""
    return []
