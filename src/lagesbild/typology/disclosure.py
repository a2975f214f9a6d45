"""Disclosure control for published tables: small counts and shares on small denominators.

One reusable helper, :func:`suppress`, used by the lägesbild tables, the reports and the web
app. It follows the conservative default of docs/methods/disclosure.md §3 (after SCB's
integration-statistics rule): a count ``0 < n < suppress_min_count`` is not published, and a
share whose denominator is below ``suppress_min_denominator`` is not published. Zero is not
a small count (an empty cell discloses nothing about a person) and is kept.

Counts of *areas* (for example the number of RegSO of a type) are not person data and are not
suppressed; only pass person counts and person shares to :func:`suppress`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lagesbild.i18n import t

__all__ = ["suppress", "suppression_mask", "SUPPRESSED", "suppression_note"]

#: What a suppressed cell shows in a published table.
SUPPRESSED = "–"


def _limits(settings, min_count, min_denominator) -> tuple[int, int]:
    if min_count is None:
        min_count = getattr(settings, "suppress_min_count", 5) if settings is not None else 5
    if min_denominator is None:
        min_denominator = (getattr(settings, "suppress_min_denominator", 20)
                           if settings is not None else 20)
    return int(min_count), int(min_denominator)


def suppression_mask(df, *, counts=(), shares: Mapping[str, str | tuple[str, str]] | None = None,
                     min_count: int | None = None, min_denominator: int | None = None,
                     settings=None):
    """Boolean DataFrame (same shape as ``df``): True where a cell must not be published.

    Parameters
    ----------
    df : DataFrame
        The table.
    counts : iterable of str
        Columns holding person counts; a value ``0 < v < min_count`` is suppressed.
    shares : dict, optional
        ``{share_column: denominator_column}`` or ``{share_column: (numerator_column,
        denominator_column)}``; the share is suppressed where the denominator is below
        ``min_denominator`` (or is itself a small count), and, when the numerator column is
        given, where the numerator is a small count (the share would disclose it).
    min_count, min_denominator : int, optional
        Thresholds; default from ``settings`` (``suppress_min_count`` = 5,
        ``suppress_min_denominator`` = 20).
    settings : Settings, optional

    Returns
    -------
    DataFrame of bool
    """
    import numpy as np
    import pandas as pd

    mc, md = _limits(settings, min_count, min_denominator)
    flags = _flags(df, counts, shares, mc, md)
    none = np.zeros(len(df), dtype=bool)
    return pd.DataFrame({i: flags.get(c, none) for i, c in enumerate(df.columns)}, index=df.index
                        ).set_axis(df.columns, axis=1)


def _flags(df, counts, shares, mc: int, md: int) -> dict:
    """Column → boolean array of the cells to suppress, for the columns with a rule (the core of
    :func:`suppression_mask`)."""
    import numpy as np
    import pandas as pd

    def values(col):  # numbers as float, anything else (text, missing) as NaN: never suppressed
        return pd.to_numeric(df[col], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)

    flags: dict = {}
    with np.errstate(invalid="ignore"):
        for col in counts:
            v = values(col)
            flags[col] = (v > 0) & (v < mc)
        for col, spec in (shares or {}).items():
            num, den = spec if isinstance(spec, tuple) else (None, spec)
            d = values(den)
            f = flags.get(col, np.zeros(len(df), dtype=bool)) | (d < md) | ((d > 0) & (d < mc))
            if num is not None:  # a share of a small count would give the count back
                n = values(num)
                f = f | ((n > 0) & (n < mc))
            flags[col] = f
    return flags


def suppression_note(min_count: int = 5, min_denominator: int = 20, lang: str = "sv") -> str:
    """The footnote printed under a table with suppressed cells."""
    return t("common.suppression_note", lang, max_hidden=min_count - 1, min_denominator=min_denominator)


def suppress(df, *, counts=(), shares: Mapping[str, str | tuple[str, str]] | None = None,
             min_count: int | None = None, min_denominator: int | None = None, settings=None,
             symbol: Any = SUPPRESSED, lang: str | None = None):
    """Copy of ``df`` with small counts and unsafe shares replaced by ``symbol``.

    Parameters
    ----------
    df : DataFrame
    counts, shares, min_count, min_denominator, settings
        As in :func:`suppression_mask`.
    symbol : object
        What a suppressed cell holds: "–" (default, for printed tables) or ``None`` (for
        JSON, where the consumer renders the dash).
    lang : str, optional
        Language of the note; default from ``settings`` or Swedish.

    Returns
    -------
    DataFrame
        ``attrs["suppression"]`` = ``{"n_cells": int, "cells": [(row label, column)],
        "note": str | None, "min_count": int, "min_denominator": int}``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"n": [3, 40], "tot": [10, 200], "andel": [30.0, 20.0]})
    >>> out = suppress(t, counts=["n"], shares={"andel": "tot"})
    >>> out["n"].tolist(), out["andel"].tolist()
    (['–', 40], ['–', 20.0])
    """
    mc, md = _limits(settings, min_count, min_denominator)
    if mc < 1 or md < 0:
        from lagesbild.errors import InputError

        raise InputError(f"Parametern 'min_count' måste vara ≥ 1 och 'min_denominator' ≥ 0. "
                         f"Fick {mc} och {md}.",
                         f"The 'min_count' parameter must be >= 1 and 'min_denominator' >= 0. "
                         f"Got {mc} and {md}.")
    flags = _flags(df, counts, shares, mc, md)  # what suppression_mask holds, for the ruled columns only
    out = df.copy()
    cells = []
    for i, col in enumerate(df.columns):
        m = flags.get(col)
        if m is None or not m.any():
            continue
        vals = out.iloc[:, i].astype(object).to_numpy(copy=True)
        vals[m] = symbol
        out[col] = vals
        cells += [(r, col) for r in df.index[m]]
    lang = str(lang or (getattr(settings, "lang", "sv") if settings is not None else "sv"))
    out.attrs["suppression"] = {
        "n_cells": len(cells), "cells": cells, "min_count": mc, "min_denominator": md,
        "note": suppression_note(mc, md, lang) if cells else None,
    }
    return out
