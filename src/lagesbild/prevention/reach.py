"""The reach record of an insats: participants in one year as a count, a range or unknown.

A count is a whole number ≥ 0; a range "120–150" (also "120-150" or "120 till 150") is kept as
its low and high end; an empty value means unknown and is never read as zero. One parser serves
every import path (the web form, JSON, CSV and Excel); docs/methods/prevention.md says how
coverage uses a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Reach", "parse_participants", "participants_text", "given_text"]


@dataclass
class Reach:
    """Participants in one year, for the whole insats or one area and/or life stage.

    ``participants`` None means the number is not known (never read as zero). A range
    ("120–150") is ``participants`` = the low end and ``participants_high`` = the high end;
    ``participants_high`` None means an exact count (a range with equal ends is stored exact).
    """

    year: int
    participants: int | None
    area_code: str | None = None
    area_version: str | None = None
    life_stage: str | None = None
    note: str = ""
    participants_high: int | None = None

    @property
    def high(self) -> int | None:
        """The high end of the count (the count itself when exact; None when unknown)."""
        return self.participants if self.participants_high is None else self.participants_high




_RANGE = re.compile(r"^(\d[\d\s]*?)\s*(?:–|—|-|\btill\b|\bto\b)\s*(\d[\d\s]*)$", re.IGNORECASE)


def _count(v) -> int:
    """One count ≥ 0 from a cell (``120``, ``"1 200"``, ``120.0``); ValueError otherwise."""
    if isinstance(v, bool):
        raise ValueError("format")
    f = float("".join(v.split()).replace(",", ".")) if isinstance(v, str) else float(v)
    if f != f or f != int(f) or f < 0:
        raise ValueError("format")
    return int(f)


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and v != v)


def parse_participants(value, high=None) -> tuple[int | None, int | None]:
    """A participant count or range → ``(low, high)``; ``high`` None for an exact count.

    Accepts a whole number ≥ 0, a range "120–150", "120-150" or "120 till 150" (spaces as
    thousands separators allowed), or empty = unknown ``(None, None)``. ``high`` is the
    canonical second field (``participants_high`` of a JSON document). Equal ends give an
    exact count.

    Raises
    ------
    ValueError
        ``"format"`` for anything else, ``"order"`` when the low end exceeds the high end.

    Examples
    --------
    >>> parse_participants("120–150"), parse_participants("1 200 till 1 500"), parse_participants(80, 90)
    ((120, 150), (1200, 1500), (80, 90))
    >>> parse_participants(""), parse_participants("70-70")
    ((None, None), (70, None))
    """
    if _blank(value):
        if not _blank(high):
            raise ValueError("format")
        return None, None
    m = _RANGE.match(value.strip()) if isinstance(value, str) else None
    try:
        if m:
            if not _blank(high):
                raise ValueError("format")
            lo, hi = _count(m.group(1)), _count(m.group(2))
        else:
            lo = _count(value)
            hi = lo if _blank(high) else _count(high)
    except (TypeError, ValueError, OverflowError):
        raise ValueError("format") from None
    if lo > hi:
        raise ValueError("order")
    return lo, (None if hi == lo else hi)


def participants_text(low: int | float | None, high: int | float | None = None) -> str:
    """A count or range as written in files and forms: ``"120"``, ``"120–150"``, ``""`` when unknown."""
    if low is None:
        return ""
    return str(low) if high is None or high == low else f"{low}–{high}"



def given_text(value, high=None) -> str:
    """What was given for a count (and a separate high end), as an error message quotes it."""
    return ("" if _blank(value) else str(value).strip()) + ("" if _blank(high) else f"–{high}")
