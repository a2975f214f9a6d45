"""Periods of the EST cadence: ISO week, tertial and calendar year.

A period is written ``2025-W10`` (ISO 8601 week: weeks start on Monday, week 1 holds the
year's first Thursday, so 2026 has a week 53 and 31 December 2026 lies in 2026-W53 while
1 January 2027 … 3 January 2027 do too, and 4 January 2027 starts 2027-W01), ``2025-T1``
(tertial: T1 January–April, T2 May–August, T3 September–December) or ``2025``.

Everything here is vectorised over numpy ``datetime64`` arrays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from lagesbild.errors import InputError
from lagesbild.i18n import pair

__all__ = ["Period", "parse_period", "iso_year_week", "tertial", "weeks_in_year", "period_keys"]

_RX = re.compile(r"^\s*(\d{4})(?:-(W)(\d{1,2})|-(T)([1-3]))?\s*$", re.IGNORECASE)


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December."""
    return date(year, 12, 28).isocalendar()[1]


@dataclass(frozen=True)
class Period:
    """One period: ``kind`` is ``vecka``, ``tertial`` or ``ar``; ``start`` inclusive, ``end`` exclusive."""

    kind: str
    year: int
    number: int  # week or tertial; 0 for a year
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == "vecka":
            return f"{self.year}-W{self.number:02d}"
        if self.kind == "tertial":
            return f"{self.year}-T{self.number}"
        return str(self.year)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def shift(self, n: int) -> Period:
        """The period ``n`` steps later (negative: earlier), of the same kind."""
        if self.kind == "vecka":
            d = self.start + timedelta(weeks=n)
            y, w, _ = d.isocalendar()
            return _week(y, w)
        if self.kind == "tertial":
            k = self.year * 3 + (self.number - 1) + n
            return _tertial(k // 3, k % 3 + 1)
        return _year(self.year + n)

    def same_last_year(self) -> Period:
        """The same period one year earlier (week 53 maps to week 52 when the year has none)."""
        if self.kind == "vecka":
            return _week(self.year - 1, min(self.number, weeks_in_year(self.year - 1)))
        if self.kind == "tertial":
            return _tertial(self.year - 1, self.number)
        return _year(self.year - 1)


def _week(y: int, w: int) -> Period:
    start = date.fromisocalendar(y, w, 1)
    return Period("vecka", y, w, start, start + timedelta(days=7))


def _tertial(y: int, t: int) -> Period:
    start = date(y, 4 * (t - 1) + 1, 1)
    end = date(y + 1, 1, 1) if t == 3 else date(y, 4 * t + 1, 1)
    return Period("tertial", y, t, start, end)


def _year(y: int) -> Period:
    return Period("ar", y, 0, date(y, 1, 1), date(y + 1, 1, 1))


def parse_period(value: str, *, param: str = "--period") -> Period:
    """``2025-W10`` / ``2025-T1`` / ``2025`` → :class:`Period`; :class:`InputError` otherwise."""
    m = _RX.match(str(value))
    if not m:
        raise InputError(*pair("brott.bad_period", param=param, value=value))
    y = int(m.group(1))
    if m.group(2):
        w = int(m.group(3))
        if not 1 <= w <= weeks_in_year(y):
            raise InputError(*pair("brott.bad_week", param=param, value=value, n=weeks_in_year(y)))
        return _week(y, w)
    if m.group(4):
        return _tertial(y, int(m.group(5)))
    return _year(y)


def iso_year_week(ts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ISO year and week of each ``datetime64`` value (vectorised).

    The Thursday of a date's week decides its ISO year; the week is the number of that
    Thursday's day of year, divided by seven, plus one.
    """
    days = np.asarray(ts).astype("datetime64[D]")
    # 1970-01-01 was a Thursday: weekday 0 = Monday
    wd = (days.astype("int64") + 3) % 7
    thursday = days + (3 - wd).astype("timedelta64[D]")
    iso_year = thursday.astype("datetime64[Y]").astype("int64") + 1970
    doy = (thursday - thursday.astype("datetime64[Y]").astype("datetime64[D]")).astype("int64")
    return iso_year, doy // 7 + 1


def tertial(ts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Calendar year and tertial (1–3) of each ``datetime64`` value."""
    m = np.asarray(ts).astype("datetime64[M]").astype("int64")
    return m // 12 + 1970, (m % 12) // 4 + 1


def period_keys(ts: np.ndarray, kind: str) -> np.ndarray:
    """An integer key per timestamp: ``year*100 + week`` / ``year*10 + tertial`` / ``year``."""
    if kind == "vecka":
        y, w = iso_year_week(ts)
        return y * 100 + w
    if kind == "tertial":
        y, t = tertial(ts)
        return y * 10 + t
    return np.asarray(ts).astype("datetime64[Y]").astype("int64") + 1970


def key_of(p: Period) -> int:
    """The integer key of :func:`period_keys` for a period."""
    if p.kind == "vecka":
        return p.year * 100 + p.number
    if p.kind == "tertial":
        return p.year * 10 + p.number
    return p.year
