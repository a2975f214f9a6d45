"""Swedish number formatting and the rules that pick comparison and change phrases."""

from __future__ import annotations

import string

import pytest

from lagesbild.reporting import numbers as nb
from lagesbild.reporting import phrasing as ph

NB = "\u00a0"


@pytest.mark.parametrize("x,dec,expected", [
    (604829, 0, f"604{NB}829"),
    (1234567.891, 1, f"1{NB}234{NB}567,9"),
    (2.25, 1, "2,3"),          # half away from zero, not banker's rounding
    (2.35, 1, "2,4"),
    (-0.25, 1, "\u22120,3"),   # true minus sign
    (-0.04, 1, "0,0"),         # no negative zero
    (0.3453, 3, "0,345"),
    (None, 1, ".."),
    (float("nan"), 0, ".."),
])
def test_fmt_number_swedish(x, dec, expected):
    assert nb.fmt_number(x, dec) == expected


def test_fmt_english_and_units():
    assert nb.fmt_number(1234.5, 1, "en") == "1,234.5"
    assert nb.fmt_percent(27.06) == f"27,1{NB}procent"
    assert nb.fmt_percent(27.06, lang="en") == f"27.1{NB}per cent"
    assert nb.fmt_pp(1.02) == f"1,0{NB}procentenhet"
    assert nb.fmt_pp(-2.4, signed=True) == f"\u22122,4{NB}procentenheter"
    assert nb.fmt_change_percent(583056, 604616) == f"+3,7{NB}procent"


@pytest.mark.parametrize("v,r,kind,ci,expected", [
    (27.1, 20.0, "share", None, "higher"),
    (20.99, 20.0, "share", None, "level"),      # < 1 procentenhet
    (21.0, 20.0, "share", None, "higher"),      # exactly 1 pp is no longer "i nivå med"
    (30.0, 20.0, "share", None, "much_higher"),  # ≥ 10 pp
    (12.0, 20.0, "share", None, "lower"),
    (9.0, 20.0, "share", None, "much_lower"),
    (0.26, 0.25, "index", None, "level"),       # 4 % relative
    (0.27, 0.25, "index", None, "higher"),      # 8 % relative
    (0.40, 0.25, "index", None, "much_higher"),  # 60 % relative
    (0.40, 0.25, "index", (0.20, 0.45), "level"),  # CI contains the reference
    (0.0, 0.0, "index", None, "level"),
    (None, 20.0, "share", None, None),
    (20.0, float("nan"), "share", None, None),
])
def test_compare_rule(v, r, kind, ci, expected):
    assert ph.compare_class(v, r, kind=kind, ci=ci) == expected


def test_change_rule_edge_cases():
    assert ph.change_class(20.0, 20.0) == "unchanged"
    assert ph.change_class(20.0, 20.04) == "unchanged"      # same printed number
    assert ph.change_class(20.0, 20.6) == "stable"          # tiny: below 1 pp
    assert ph.change_class(20.0, 22.0) == "up"
    assert ph.change_class(22.0, 20.0) == "down"
    assert ph.change_class(None, 20.0) == "missing"
    assert ph.change_class(20.0, 22.0, suppressed=(True, False)) == "suppressed"
    assert ph.change_class(1000, 1004, kind="count") == "stable"   # 0,4 % < 0,5 %
    assert ph.change_class(94847, 95592, kind="count") == "up"     # 0,8 %


def test_sentences_edge_cases():
    s = "andelen födda utomlands"
    assert ph.sentence_change(s, 27.0, 27.0, 2022, 2023) == \
        f"Andelen födda utomlands var oförändrad, 27,0{NB}procent, både 2022 och 2023."
    assert ph.sentence_change(s, 27.0, 27.3, 2022, 2023) == (
        f"Andelen födda utomlands var i stort sett oförändrad mellan 2022 och 2023 "
        f"(27,0{NB}procent respektive 27,3{NB}procent).")
    assert ph.sentence_change(s, 27.0, 29.2, 2022, 2023) == (
        f"Andelen födda utomlands ökade från 27,0{NB}procent år 2022 till 29,2{NB}procent år 2023 "
        f"(+2,2{NB}procentenheter).")
    assert ph.sentence_change(s, None, 29.2, 2022, 2023) == (
        "Andelen födda utomlands kan inte jämföras mellan 2022 och 2023 eftersom uppgift för 2022 saknas.")
    sup = ph.sentence_change(s, 27.0, 3.0, 2022, 2023, suppressed=(False, True))
    assert sup == "Andelen födda utomlands redovisas inte för 2023 eftersom värdet bygger på för få personer."
    assert "3,0" not in sup   # a suppressed value is never printed
    assert ph.sentence_change("folkmängden", 583056, 604616, 2020, 2023, kind="count") == (
        f"Folkmängden ökade från 583{NB}056 år 2020 till 604{NB}616 år 2023 (+3,7{NB}procent).")


def test_compare_sentences():
    s = "andelen födda utomlands i Göteborg"
    assert ph.sentence_compare(s, 29.58, 20.57, "riket", year=2023) == (
        f"Andelen födda utomlands i Göteborg var 29,6{NB}procent år 2023, högre än i riket (20,6{NB}procent).")
    assert ph.sentence_compare(s, 20.9, 20.57, "riket", year=2023).endswith(f"i nivå med riket (20,6{NB}procent).")
    assert ph.sentence_compare(s, None, 20.57, "riket", year=2023) == \
        "Uppgift om andelen födda utomlands i Göteborg saknas för 2023."
    en = ph.sentence_compare("the share born abroad", 29.58, 20.57, "the country as a whole", year=2023, lang="en")
    assert en == (f"The share born abroad was 29.6{NB}per cent in 2023, higher than in the country as a whole "
                  f"(20.6{NB}per cent).")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_comparison_class_has_a_phrase_with_the_place():
    from lagesbild.i18n import catalogue

    classes = {ph.compare_class(v, 20.0) for v in (0.0, 15.0, 20.0, 25.0, 40.0)}
    assert classes == {"much_lower", "lower", "level", "higher", "much_higher"}
    phrases = {k.removeprefix("report_words.compare."): v for k, v in catalogue().items()
               if k.startswith("report_words.compare.")}
    assert set(phrases) == classes
    for sv, en in phrases.values():
        assert _fields(sv) == _fields(en) == {"ref"}


def test_every_section_has_a_title_in_both_languages():
    from lagesbild.reporting.sections import BUILDERS

    for sid in (*BUILDERS, "sammanfattning"):
        sv, en = ph.texts("sv").title(sid), ph.texts("en").title(sid)
        assert sv and en and sv != en, sid


def test_report_texts_read_the_catalogue_in_the_chosen_language():
    sv, en = ph.texts("sv"), ph.texts("en-GB")
    assert en.lang == "en"
    assert sv.compare("higher", "Malmö") == "högre än i Malmö"
    assert en.compare("much_lower", "Malmö") == "considerably lower than in Malmö"
    assert sv("no_data", kommun="Botkyrka") == "uppgifter saknas för Botkyrka i lagret"
    assert en.label("type_short", t=3) == "Type 3"
    assert sv.place("riket") == "riket" and en.subject("folkmangd") == "the population"
