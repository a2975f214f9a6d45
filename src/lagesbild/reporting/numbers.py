"""Number formatting for reports: Swedish by default (space thousands separator, decimal comma).

Rules (tested in ``tests/reporting/test_numbers_phrasing.py``):

- Rounding is half away from zero on the decimal value that is shown (``2,25 → 2,3``), not
  Python's banker's rounding on binary floats.
- Swedish: thousands are separated by a no-break space (U+00A0) so a number never wraps
  across lines, the decimal sign is a comma, negative numbers use the minus sign U+2212.
  Four-digit integers are also grouped (``1 480`` is avoided only for codes, which are never
  formatted as numbers: codes are strings).
- English: comma thousands separator, decimal point, hyphen-minus.
- Percentages in running text are written with the word: ``27,1 procent`` / ``27.1 per cent``;
  in tables the column header carries the unit and the cell holds the number only.
- Differences between percentages are *procentenheter* (percentage points).
- Missing values format as ``uppgift saknas`` in text and ``..`` in tables (SCB's symbol for
  "not available"); suppressed values as ``–`` (see :mod:`lagesbild.typology.disclosure`).

Provenance: inside :func:`recording`, every number formatted while a :func:`provenance`
scope is open is registered as *printed text → (fact key, value, source ids)*; the years and
names a sentence mentions are registered with :func:`register_label`. The report keeps the
registry, and a test checks that every number in its sentences is registered with a source.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal

from lagesbild.i18n import t as tr

__all__ = ["NBSP", "MINUS", "MISSING", "is_missing", "fmt_number", "fmt_int", "fmt_percent",
           "fmt_pp", "fmt_signed", "fmt_change_percent", "recording", "provenance", "register_label"]

NBSP = "\u00a0"
MINUS = "\u2212"
#: Table symbol for a value that does not exist (SCB convention "..").
MISSING = ".."


_REGISTRY: ContextVar[dict | None] = ContextVar("lagesbild_report_registry", default=None)
_SCOPE: ContextVar[tuple | None] = ContextVar("lagesbild_report_scope", default=None)


@contextmanager
def recording():
    """Collect the provenance of formatted numbers: yields {"numbers": {text: [entry]}, "labels": {text: [entry]}}."""
    reg: dict = {"numbers": {}, "labels": {}}
    tok = _REGISTRY.set(reg)
    try:
        yield reg
    finally:
        _REGISTRY.reset(tok)


@contextmanager
def provenance(key: str, sources, *, years=(), names=()):
    """Numbers formatted inside come from the fact ``key`` with the source ids ``sources``.

    ``years`` and ``names`` are the periods and places the sentences mention (registered as
    labels of the same fact).
    """
    src = tuple(sorted({str(s) for s in (sources or ()) if s}))
    tok = _SCOPE.set((key, src))
    try:
        for y in years:
            register_label(str(int(y)), key, src)
        for n in names:
            register_label(str(n), key, src)
        yield
    finally:
        _SCOPE.reset(tok)


def register_label(text: str, key: str | None = None, sources=()) -> None:
    """Register a year or a name printed in a sentence (a label, not a measured value)."""
    reg = _REGISTRY.get()
    if reg is not None and text:
        scope = _SCOPE.get() or (None, ())
        reg["labels"].setdefault(text, []).append({"key": key or scope[0], "sources": tuple(sources) or scope[1]})


def _register(text: str, value) -> str:
    reg, scope = _REGISTRY.get(), _SCOPE.get()
    if reg is not None and scope is not None:
        reg["numbers"].setdefault(text, []).append({"key": scope[0], "value": float(value), "sources": scope[1]})
    return text


def is_missing(x) -> bool:
    """True for None, NaN, pandas NA and non-numeric placeholders."""
    if x is None:
        return True
    try:
        return bool(math.isnan(float(x)))
    except (TypeError, ValueError):
        return True


def round_value(x: float, decimals: int) -> Decimal:
    q = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP)


def fmt_number(x, decimals: int = 0, lang: str = "sv", *, missing: str | None = None) -> str:
    """Format a number for print.

    Parameters
    ----------
    x : float or int
    decimals : int
        Digits after the decimal sign.
    lang : {"sv", "en"}
    missing : str, optional
        What a missing value becomes (default ``..``).

    Examples
    --------
    >>> fmt_number(1234567.891, 1)
    '1\\xa0234\\xa0567,9'
    >>> fmt_number(-0.25, 1)
    '−0,3'
    >>> fmt_number(1234.5, 1, "en")
    '1,234.5'
    """
    if is_missing(x):
        return MISSING if missing is None else missing
    d = round_value(x, decimals)
    if d == 0:
        d = abs(d)  # no "−0,0"
    neg = d < 0
    text = f"{abs(d):,.{decimals}f}"
    whole, point, frac = text.partition(".")
    groups = whole.split(",")
    text = groups[0]
    for g in groups[1:]:
        text = tr("captions.digit_group", lang, left=text, right=g)
    if point:
        text += tr("common.decimal_sep", lang) + frac
    return _register((tr("captions.minus", lang) if neg else "") + text, x)


def fmt_int(x, lang: str = "sv", *, missing: str | None = None) -> str:
    """Integer with thousands separator (``604 829``)."""
    return fmt_number(x, 0, lang, missing=missing)


def fmt_signed(x, decimals: int = 1, lang: str = "sv") -> str:
    """Number with an explicit sign (``+1,2`` / ``−0,4``; zero has no sign)."""
    text = fmt_number(x, decimals, lang)
    if is_missing(x) or round_value(x, decimals) <= 0:
        return text
    return "+" + text


def fmt_percent(x, decimals: int = 1, lang: str = "sv", *, word: bool = True) -> str:
    """A percentage: ``27,1 procent`` (word) or ``27,1 %``.

    Examples
    --------
    >>> fmt_percent(27.06)
    '27,1\\xa0procent'
    """
    if is_missing(x):
        return fmt_number(x, decimals, lang)
    num = fmt_number(x, decimals, lang)
    if word:
        return num + NBSP + tr("captions.percent_word", lang)
    return num + NBSP + "%"


def fmt_pp(x, decimals: int = 1, lang: str = "sv", *, signed: bool = False) -> str:
    """A difference of percentages in percentage points (``2,1 procentenheter``)."""
    num = fmt_signed(x, decimals, lang) if signed else fmt_number(abs(x), decimals, lang)
    one = round_value(abs(x), decimals) == 1
    return num + NBSP + tr("captions.pp_one" if one else "captions.pp_many", lang)


def fmt_change_percent(old, new, decimals: int = 1, lang: str = "sv") -> str:
    """Relative change ``(new − old) / old`` as a signed percentage (``+3,7 procent``)."""
    if is_missing(old) or is_missing(new) or float(old) == 0:
        return fmt_number(None)
    rel = 100.0 * (float(new) - float(old)) / float(old)
    return fmt_signed(rel, decimals, lang) + NBSP + tr("captions.percent_word", lang)
