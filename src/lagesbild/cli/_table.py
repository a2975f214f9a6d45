"""How the CLI shows a table in the terminal: readable headers, labels instead of codes, numbers.

``--format json`` and ``--format csv`` keep the stable keys and raw values (docs/cli-output.md);
only the terminal table is translated:

* **Headers**: a column key with a text ``tables.col.<key>`` in the catalogue is shown by that
  text in the run's language (``stage`` → "livsfas"); other keys are shown as they are (the
  commands already name many columns in Swedish).
* **Codes**: a text cell ``v`` with a text ``tables.code.<v>`` is shown by that text
  (``official`` → "officiell", ``hogstadiet`` → "högstadiet").
* **Numbers**, one rule per column (never scientific notation): whole numbers with a thousands
  separator; percentages (the key or header says share, andel, täckning or %) with one decimal;
  other decimals by the column's largest absolute value: 1 000 or more → no decimals, 10 or more →
  one, otherwise three; years as they are. In a table with a unit column (``enhet``/``unit``)
  each row follows its unit (procent one decimal, personer and antal none, index three). Swedish: decimal comma
  and a space between thousands.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from lagesbild.i18n import catalogue, t

__all__ = ["display_frame", "format_number", "header", "label", "column_decimals"]

_PCT_WORDS = ("%", "andel", "share", "pct", "procent", "percent", "täckning", "coverage", "agreement")


def header(key: Any, lang: str) -> str:
    k = f"tables.col.{key}"
    return t(k, lang) if k in catalogue() else str(key)


def label(value: Any, lang: str) -> Any:
    if isinstance(value, str) and value:
        k = f"tables.code.{value}"
        if k in catalogue():
            return t(k, lang)
    return value


def _is_num(v: Any) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def format_number(v: Any, decimals: int, lang: str) -> str:
    """``v`` with ``decimals`` decimals; Swedish: decimal comma, space between thousands."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    s = f"{float(v):,.{decimals}f}"
    if s in ("-0", "-0.0", "-0.00", "-0.000"):
        s = s[1:]
    whole, point, frac = s.partition(".")
    groups = whole.split(",")
    out = groups[0]
    for g in groups[1:]:
        out = t("common.digit_group", lang, left=out, right=g)
    return out + t("common.decimal_sep", lang) + frac if point else out


def column_decimals(key: Any, head: str, values: list) -> int | None:
    """The decimals of a column of numbers (None when the column is not all numbers)."""
    if not all(_is_num(v) or v is None for v in values):
        return None
    nums = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    if not nums:
        return None
    name = f"{key} {head}".lower()
    if any(w in name for w in _PCT_WORDS) and any(isinstance(v, float) for v in values):
        return 1
    if all(x == int(x) for x in nums):
        return 0
    top = max(abs(x) for x in nums)
    return 0 if top >= 1000 else (1 if top >= 10 else 3)


def display_frame(df, lang: str):
    """``(headers, rows of strings, numeric flags)`` for a DataFrame shown as a terminal table."""
    heads = [header(c, lang) for c in df.columns]
    unit_col = next((i for i, c in enumerate(df.columns) if str(c) in ("enhet", "unit")), None)
    units = df.iloc[:, unit_col].tolist() if unit_col is not None else None
    cols, numeric = [], []
    for i, c in enumerate(df.columns):
        values = df.iloc[:, i].astype(object).tolist()
        d = column_decimals(c, heads[i], values)
        numeric.append(d is not None)
        if d is not None and _is_year(c, heads[i]):
            cols.append(["–" if v is None or v != v else str(int(v)) for v in values])
        elif d is not None and units is not None:  # a table of mixed units: the rule of each row's unit
            cols.append([format_number(v, unit_decimals(u, d), lang) for v, u in zip(values, units)])
        elif d is not None:
            cols.append([format_number(v, d, lang) for v in values])
        else:
            cols.append(
                [
                    "–" if v is None or (isinstance(v, float) and math.isnan(v)) else _text(label(v, lang), lang)
                    for v in values
                ]
            )
    rows = [list(r) for r in zip(*cols)] if cols else []
    return heads, rows, numeric


#: Decimals per unit where a table names each row's unit.
UNIT_DECIMALS = {
    "procent": 1,
    "percent": 1,
    "%": 1,
    "personer": 0,
    "persons": 0,
    "antal": 0,
    "count": 0,
    "antal RegSO": 0,
    "kronor": 0,
    "tkr": 0,
    "SEK": 0,
    "index": 3,
    "kvot": 3,
    "ratio": 3,
}


def unit_decimals(unit: Any, default: int) -> int:
    return UNIT_DECIMALS.get(str(unit), default)


def _is_year(key: Any, head: str) -> bool:
    words = {str(key).lower(), head.lower()}
    return bool(words & {"year", "år", "ar", "befolkningsår", "population_year", "year_from", "year_to"})


def _text(v: Any, lang: str) -> str:
    if _is_num(v):  # a number among texts: the column rule applied to the one value
        return format_number(v, column_decimals("", "", [v]) or 0, lang)
    if isinstance(v, (list, tuple)):
        return ", ".join(str(label(x, lang)) for x in v)
    return str(v)
