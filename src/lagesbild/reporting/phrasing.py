"""Sentences generated from numbers by templates (no language model), with documented rules.

The comparison rule (:func:`compare_class`)
------------------------------------------
Given a value ``v`` and a reference ``r`` (riket, länet, another kommun):

1. If either is missing → no comparison (``None``).
2. If a confidence interval ``(lo, hi)`` of ``v`` is given and ``lo ≤ r ≤ hi`` →
   ``"level"`` ("i nivå med"): the difference cannot be told apart from chance.
3. Shares (percent): ``d = v − r`` in percentage points. ``|d| < level_pp`` (default 1,0) →
   ``"level"``; ``|d| ≥ strong_pp`` (default 10) → ``"much_higher"`` / ``"much_lower"``;
   otherwise ``"higher"`` / ``"lower"``.
4. Other values (means, indices): relative difference ``|v − r| / |r|``;
   ``< level_rel`` (default 5 %) → ``"level"``; ``≥ strong_rel`` (default 25 %) →
   ``"much_…"``; ``r = 0`` → ``"level"`` if ``v = 0`` else ``"much_…"``. Counts (folkmängd)
   use ``level_rel_count`` (default 0,5 %) instead of ``level_rel``.

The change rule (:func:`change_class`)
-------------------------------------
Between an old and a new value: ``"missing"`` if either is missing; ``"suppressed"`` if
either is suppressed; ``"unchanged"`` if both round to the same printed number; ``"stable"``
("i stort sett oförändrad") if the change is below the level threshold of rule 3/4 above;
otherwise ``"up"`` / ``"down"``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lagesbild.i18n import normalise_lang
from lagesbild.i18n import t as tr
from lagesbild.reporting.numbers import (
    fmt_change_percent,
    fmt_int,
    fmt_number,
    fmt_percent,
    fmt_pp,
    is_missing,
    round_value,
)

__all__ = ["Rule", "RULE", "ReportTexts", "texts", "compare_class", "change_class", "fmt_value",
           "sentence_compare", "sentence_compare_more", "sentence_change", "capitalize"]


@dataclass(frozen=True)
class Rule:
    """Thresholds of the comparison and change phrases (documented in the method section)."""

    level_pp: float = 1.0
    strong_pp: float = 10.0
    level_rel: float = 0.05
    strong_rel: float = 0.25
    level_rel_count: float = 0.005


RULE = Rule()


@dataclass(frozen=True)
class ReportTexts:
    """The report's texts in one language, looked up in the catalogue with :func:`lagesbild.i18n.t`.

    A thin view of the catalogue sections ``report`` (sentences, section titles) and
    ``report_words`` (comparison phrases, subjects, places, labels) with the language bound:
    ``ctx.t("no_data", kommun="Göteborg")`` is ``t("report.no_data", lang, kommun="Göteborg")``.
    """

    lang: str

    def __call__(self, key: str, /, **values: object) -> str:
        """The text ``report.<key>``, with ``values`` filled in."""
        return tr(f"report.{key}", self.lang, **values)

    def title(self, section: str) -> str:
        """The title of the section with id ``section`` (``report.title_<section>``)."""
        return tr(f"report.title_{section}", self.lang)

    def compare(self, cls: str, ref: str) -> str:
        """The comparison phrase of class ``cls`` (:func:`compare_class`) with the place ``ref``."""
        return tr(f"report_words.compare.{cls}", self.lang, ref=ref)

    def subject(self, key: str) -> str:
        """The definite-form subject of a sentence about variable or indicator ``key``."""
        return tr(f"report_words.subject.{key}", self.lang)

    def place(self, key: str) -> str:
        """A reference place that the data do not name ("riket")."""
        return tr(f"report_words.place.{key}", self.lang)

    def label(self, key: str, /, **values: object) -> str:
        """A column header or short label, with ``values`` filled in."""
        return tr(f"report_words.label.{key}", self.lang, **values)


def texts(lang: str) -> ReportTexts:
    """The report's texts in ``lang`` ("sv" or "en")."""
    return ReportTexts(normalise_lang(lang))


def capitalize(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _magnitude(v: float, r: float, kind: str, rule: Rule) -> tuple[bool, bool]:
    """(is_level, is_strong) of the difference v − r."""
    if kind == "share":
        d = abs(v - r)
        return d < rule.level_pp, d >= rule.strong_pp
    if r == 0:
        return v == 0, v != 0
    rel = abs(v - r) / abs(r)
    level = rule.level_rel_count if kind == "count" else rule.level_rel
    return rel < level, rel >= rule.strong_rel


def compare_class(value, ref, *, kind: str = "share", ci=None, rule: Rule = RULE) -> str | None:
    """Class of a comparison: much_higher, higher, level, lower, much_lower or None.

    Examples
    --------
    >>> compare_class(27.1, 20.0), compare_class(20.5, 20.0), compare_class(35.0, 20.0)
    ('higher', 'level', 'much_higher')
    >>> compare_class(0.30, 0.25, kind="index", ci=(0.24, 0.36))
    'level'
    """
    if is_missing(value) or is_missing(ref):
        return None
    v, r = float(value), float(ref)
    if ci is not None and not is_missing(ci[0]) and not is_missing(ci[1]):
        if float(ci[0]) <= r <= float(ci[1]):
            return "level"
    level, strong = _magnitude(v, r, kind, rule)
    if level:
        return "level"
    up = v > r
    if strong:
        return "much_higher" if up else "much_lower"
    return "higher" if up else "lower"


def change_class(old, new, *, kind: str = "share", decimals: int = 1, rule: Rule = RULE,
                 suppressed: tuple[bool, bool] = (False, False)) -> str:
    """Class of a change: missing, suppressed, unchanged, stable, up or down.

    Examples
    --------
    >>> change_class(20.0, 20.04), change_class(20.0, 20.6), change_class(20.0, 22.0)
    ('unchanged', 'stable', 'up')
    >>> change_class(None, 22.0), change_class(20.0, 22.0, suppressed=(False, True))
    ('missing', 'suppressed')
    """
    if any(suppressed):
        return "suppressed"
    if is_missing(old) or is_missing(new):
        return "missing"
    o, n = float(old), float(new)
    if round_value(o, decimals) == round_value(n, decimals):
        return "unchanged"
    level, _ = _magnitude(n, o, kind, rule)
    if level:
        return "stable"
    return "up" if n > o else "down"


def fmt_value(x, kind: str, lang: str, decimals: int = 1) -> str:
    """Format a value for running text by kind (share → "27,1 procent", count → "604 829")."""
    if kind == "share":
        return fmt_percent(x, decimals, lang)
    if kind == "count":
        return fmt_int(x, lang)
    return fmt_number(x, decimals, lang)


def sentence_compare(subject: str, value, ref, ref_place: str, *, year, kind: str = "share",
                     lang: str = "sv", decimals: int = 1, ci=None, rule: Rule = RULE) -> str:
    """"Andelen … var 27,1 procent år 2023, högre än i riket (20,0 procent)."

    ``subject`` is a definite-form noun phrase (from the catalogue's ``SUBJECTS``);
    ``ref_place`` names the reference ("riket", "Malmö").
    """
    t = texts(lang)
    if is_missing(value):
        return capitalize(t("missing_value", subject=subject, year=year))
    cls = compare_class(value, ref, kind=kind, ci=ci, rule=rule)
    val = fmt_value(value, kind, lang, decimals)
    if cls is None:
        return capitalize(t("value", subject=subject, value=val, year=year))
    return capitalize(t(
        "compare",
        subject=subject, value=val, year=year, phrase=t.compare(cls, ref_place),
        ref_value=fmt_value(ref, kind, lang, decimals)))


def sentence_compare_more(value, ref, ref_place: str, *, turn: int, kind: str = "share", lang: str = "sv",
                          decimals: int = 1, ci=None, rule: Rule = RULE) -> str | None:
    """A further comparison of the value of the previous sentence, with another reference.

    Consecutive comparisons alternate between two openings ("Jämfört med Malmö (20,1 procent) var
    andelen högre." and "Stockholm låg lägre, på 12,0 procent.") so that a list of references does
    not repeat the subject four times; ``turn`` is the position in that list (0, 1, …). The
    class is :func:`compare_class`. None when either value is missing.

    Examples
    --------
    >>> sentence_compare_more(27.1, 20.0, "Malmö", turn=0).replace("\\xa0", " ")
    'Jämfört med Malmö (20,0 procent) var andelen högre.'
    >>> sentence_compare_more(27.1, 40.0, "Malmö", turn=1).replace("\\xa0", " ")
    'Malmö låg betydligt högre, på 40,0 procent.'
    """
    t = texts(lang)
    cls = compare_class(value, ref, kind=kind, ci=ci, rule=rule)
    if cls is None:
        return None
    ref_value = fmt_value(ref, kind, lang, decimals)
    if turn % 2 == 0:
        noun = t("noun_share" if kind == "share" else "noun_value")
        return t("again_a", place=ref_place, ref_value=ref_value, noun=noun, cls=t(f"cls_{cls}"))
    return capitalize(t(f"again_b_{cls}", place=ref_place, ref_value=ref_value))


def sentence_change(subject: str, old, new, y0, y1, *, kind: str = "share", lang: str = "sv",
                    decimals: int = 1, rule: Rule = RULE,
                    suppressed: tuple[bool, bool] = (False, False)) -> str:
    """A sentence describing the change of ``subject`` from ``y0`` to ``y1``.

    Edge cases: a suppressed value is not printed (the sentence says why); a missing year is
    named; no change at the printed precision is "oförändrad"; a change below the level
    threshold is "i stort sett oförändrad".
    """
    t = texts(lang)
    cls = change_class(old, new, kind=kind, decimals=decimals, rule=rule, suppressed=suppressed)
    if cls == "suppressed":
        year = y1 if suppressed[1] else y0
        return capitalize(t("change_suppressed", subject=subject, year=year))
    if cls == "missing":
        missing_year = y0 if is_missing(old) else y1
        return capitalize(t("change_missing", subject=subject, y0=y0, y1=y1, missing_year=missing_year))
    o, n = fmt_value(old, kind, lang, decimals), fmt_value(new, kind, lang, decimals)
    if kind == "share":
        diff = fmt_pp(float(new) - float(old), decimals, lang, signed=True)
    elif kind == "count":
        diff = fmt_change_percent(old, new, decimals, lang)
    else:
        diff = fmt_number(float(new) - float(old), decimals, lang)
        if round_value(float(new) - float(old), decimals) > 0:
            diff = "+" + diff
    key = {"unchanged": "change_unchanged", "stable": "change_stable", "up": "change_up",
           "down": "change_down"}[cls]
    return capitalize(t(key, subject=subject, old=o, new=n, y0=y0, y1=y1, diff=diff))
