"""Cells that a spreadsheet would execute, neutralised in every CSV and Excel file lagesbild writes.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be run
as a formula when a CSV or Excel file is opened in a spreadsheet (OWASP, *CSV Injection*):
``=HYPERLINK("http://…","Klicka")`` becomes a live link, ``=WEBSERVICE(…)`` can send data away.
Every CSV and Excel export passes its tables through :func:`neutralise_frame` (or single values
through :func:`neutralise`), which puts an apostrophe before such a text, so spreadsheets show it
as text. Numbers, plain numbers written as text (``-5``, ``+46``) and one-character markers
(``-``, SCB's ``..``) are left as they are: they cannot run. Importers that read lagesbild's own
exports back call :func:`restore`, which removes exactly that apostrophe again.

This module is part of the foundation layer and imports only the standard library.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["TRIGGERS", "neutralise", "restore", "neutralise_frame"]

#: First characters that make a spreadsheet treat a text as a formula.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d[\d\s]*(?:[.,]\d+)?(?:[eE][+-]?\d+)?$")


def neutralise(value: Any) -> Any:
    """``value`` with an apostrophe before it when it is a text a spreadsheet would execute.

    Examples
    --------
    >>> neutralise('=HYPERLINK("http://x","a")'), neutralise("-5"), neutralise(-5), neutralise("Rinkeby")
    ('\\'=HYPERLINK("http://x","a")', '-5', -5, 'Rinkeby')
    """
    if not isinstance(value, str) or len(value) < 2 or not value.startswith(TRIGGERS):
        return value
    if _PLAIN_NUMBER.match(value):
        return value
    return "'" + value


def restore(value: Any) -> Any:
    """Undo :func:`neutralise` on a value read back from a lagesbild export."""
    if isinstance(value, str) and len(value) > 2 and value[0] == "'" and value[1:].startswith(TRIGGERS) \
            and neutralise(value[1:]) == value:
        return value[1:]
    return value


def neutralise_frame(df: Any) -> Any:
    """A copy of the DataFrame ``df`` with every text cell and column name neutralised."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        kind = getattr(s.dtype, "kind", "O")
        if kind in ("O", "U", "S") or str(s.dtype).startswith(("string", "str")):
            out[col] = s.map(neutralise, na_action="ignore").astype(object)
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out
