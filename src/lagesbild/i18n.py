"""One text catalogue for everything a person reads, in Swedish (default) and English.

Every text that a user sees — CLI output and help, the web pages, report sentences, error
messages — is looked up by key with :func:`t`. The catalogue is the package
:mod:`lagesbild.texts`: one module per part of the product (``common``, ``cli``, ``app``,
``report``, ``insatser``, ``brott``, ``enkat``, ``skola`` …), each defining
``TEXTS: dict[str, tuple[str, str]]`` that maps a key to its Swedish and English text.
Keys start with the module's name (``"brott.okand_period"``), so a key says where it lives.
Texts are ``str.format`` templates: ``t("cli.wrote_rows", "sv", n=3, path="a.csv")``.

A test checks that every key has both languages and that the placeholders agree.
"""

from __future__ import annotations

import importlib
import string
from functools import cache

__all__ = ["LANGS", "SECTIONS", "t", "pair", "choose", "catalogue", "placeholders", "normalise_lang"]

LANGS = ("sv", "en")

#: The modules of :mod:`lagesbild.texts`, listed explicitly: a missing one fails loudly.
SECTIONS: tuple[str, ...] = ("common", "cli", "app", "report", "report_words", "insatser", "brott", "brottweb",
                             "enkat", "skola", "grid", "store", "fetch", "imports", "security", "measures", "tackning",
                             "tables", "captions", "valnyckel", "profile", "typology")


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """All texts, merged from the sections; a key defined twice is an error."""
    merged: dict[str, tuple[str, str]] = {}
    for name in SECTIONS:
        mod = importlib.import_module(f"lagesbild.texts.{name}")
        for key, value in mod.TEXTS.items():
            if key in merged:
                raise KeyError(f"text key {key!r} is defined twice (lagesbild.texts.{name})")
            merged[key] = value
    return merged


def normalise_lang(lang: str | None) -> str:
    """'en' for English, otherwise Swedish ('sv')."""
    return "en" if (lang or "sv").lower().startswith("en") else "sv"


def t(key: str, lang: str | None = "sv", /, **values: object) -> str:
    """The text for ``key`` in ``lang`` ('sv' or 'en'), with ``values`` filled in.

    Parameters
    ----------
    key : str
        A catalogue key such as ``"cli.wrote_rows"``.
    lang : str, optional
        'sv' (default) or 'en'.
    **values
        Values for the template's placeholders.

    Returns
    -------
    str
        The filled-in text. An unknown key raises ``KeyError`` (a programming error).
    """
    sv, en = catalogue()[key]
    text = en if normalise_lang(lang) == "en" else sv
    return text.format(**values) if values else text


def pair(key: str, /, **values: object) -> tuple[str, str]:
    """The Swedish and English text for ``key``; for errors: ``InputError(*pair(key, x=1))``."""
    return t(key, "sv", **values), t(key, "en", **values)


def choose(sv: str, en: str, lang: str | None) -> str:
    """Pick one of two texts that come with the data (not from the catalogue) by language."""
    return en if normalise_lang(lang) == "en" else sv


def placeholders(text: str) -> set[str]:
    """Names of the ``str.format`` placeholders in ``text``."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}
