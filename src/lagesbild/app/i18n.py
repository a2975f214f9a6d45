"""The page texts (catalogue section ``app``), the visitor's language and number formatting.

Swedish is the default; ``?lang=en`` or the ``lang`` cookie (set by the language link)
switches to English. Data labels from the store have English variants where the store has
them (``label_en``); indicator texts from the services are Swedish only.
"""

from __future__ import annotations

import math

from lagesbild.i18n import t as catalogue_t

__all__ = ["t", "fmt_num", "get_lang", "LANGS"]

LANGS = ("sv", "en")

def t(key: str, lang: str = "sv", **values) -> str:
    """A page text from the catalogue section ``app`` (``key`` without the ``app.`` prefix)."""
    return catalogue_t("app." + key, lang, **values)


def fmt_num(value, lang: str = "sv", decimals: int | None = None) -> str:
    """A number for display: Swedish decimal comma and thin-space thousands; "–" when missing."""
    if value is None or isinstance(value, str):
        return "–" if value is None else value
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(v):
        return "–"
    if decimals is None:
        decimals = 0 if (v == int(v) and abs(v) >= 1) or abs(v) >= 1000 else (1 if abs(v) >= 10 else 3)
    s = f"{v:,.{decimals}f}"
    whole, point, frac = s.partition(".")
    groups = whole.split(",")
    s = groups[0]
    for g in groups[1:]:
        s = catalogue_t("captions.app_digit_group", lang, left=s, right=g)
    if point:
        s += catalogue_t("common.decimal_sep", lang) + frac
    return s.replace("-", catalogue_t("captions.minus", lang))


def get_lang(request) -> str:
    """``?lang=`` first, then the ``lang`` cookie, else Swedish."""
    q = request.query_params.get("lang")
    if q in LANGS:
        return q
    c = request.cookies.get("lang")
    return c if c in LANGS else "sv"
