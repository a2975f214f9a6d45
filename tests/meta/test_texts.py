"""The text catalogue: every key in both languages, placeholders that agree, sections complete."""

from __future__ import annotations

import pkgutil

import pytest

import lagesbild.texts
from lagesbild.i18n import SECTIONS, catalogue, pair, placeholders, t


def test_every_section_module_is_listed():
    modules = {m.name for m in pkgutil.iter_modules(lagesbild.texts.__path__)}
    assert modules == set(SECTIONS)


def test_keys_are_prefixed_by_their_section():
    import importlib

    for name in SECTIONS:
        for key in importlib.import_module(f"lagesbild.texts.{name}").TEXTS:
            assert key.startswith(name + "."), f"{key} in section {name}"


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_both_languages_present_and_placeholders_agree(key):
    sv, en = catalogue()[key]
    assert sv.strip() and en.strip(), key
    assert placeholders(sv) == placeholders(en), key


def test_lookup_fills_values_and_falls_back_to_swedish():
    import lagesbild.texts.common as common

    common.TEXTS.setdefault("common.__probe", ("{n} rader", "{n} rows"))
    catalogue.cache_clear()
    try:
        assert t("common.__probe", "sv", n=3) == "3 rader"
        assert t("common.__probe", "en", n=3) == "3 rows"
        assert t("common.__probe", None, n=1) == "1 rader"
        assert pair("common.__probe", n=2) == ("2 rader", "2 rows")
        with pytest.raises(KeyError):
            t("common.no_such_key")
    finally:
        del common.TEXTS["common.__probe"]
        catalogue.cache_clear()
