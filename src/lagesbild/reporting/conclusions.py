"""Slutsatser och rekommendationer: conclusions drawn from the findings by fixed rules.

The section builders record *signals* while they write (``ctx.signals``); this module turns
them into pairs of a conclusion and a recommendation, in a fixed order. No rule invents a
number: every rule reads a class the sections already decided by the documented comparison and
change rules (:mod:`lagesbild.reporting.phrasing`). The rules (docs/report.md):

1. ``share12``: the share of the population in types 1–2 compared with riket is
   ``higher``/``much_higher`` → *share12_high*; otherwise, with at least one RegSO in types 1–2
   → *share12_some*; with none → *share12_none*.
2. ``seg_trend``: the change of D between the first and the last year is ``up`` → *seg_up*,
   ``down`` → *seg_down*, ``stable`` (including an overlap of the confidence intervals) →
   *seg_stable*.
3. ``transitions``: more RegSO moved to a worse than to a better type → *types_worse*; more to
   a better → *types_better*; equal → nothing.
4. ``school_spread``: the merit rating's range between schools is at least
   :data:`SCHOOL_SPREAD` points → *school_spread*.
5. ``vote``: turnout compared with riket is ``lower``/``much_lower`` → *vote_low*.
6. ``insatser``: ``None`` (nothing registered) → *no_insatser*; a positive number of gaps →
   *gaps*.
7. ``enkat``: ``False`` (no youth survey) → *no_enkat*.

A missing signal (the section was not built) gives no conclusion.
"""

from __future__ import annotations

from lagesbild.i18n import t

__all__ = ["SCHOOL_SPREAD", "conclusions"]

#: Range of the school merit rating (points, of at most 340) from which the spread is a conclusion.
SCHOOL_SPREAD = 60.0

_MISSING = object()


def conclusions(signals: dict, lang: str = "sv") -> list[tuple[str, str]]:
    """(conclusion, recommendation) pairs for the ``signals`` of a report, in rule order.

    Parameters
    ----------
    signals : dict
        Any of ``share12`` (comparison class vs riket), ``n12`` (RegSO in types 1–2),
        ``seg_trend`` ((class, first year, last year)), ``transitions`` ((better, worse, y0, y1)),
        ``school_spread`` (points), ``vote`` (comparison class vs riket), ``insatser`` (number of
        gaps, or None when nothing is registered), ``enkat`` (bool).
    lang : {"sv", "en"}

    Returns
    -------
    list of (str, str)

    Examples
    --------
    >>> [c[:30] for c, _ in conclusions({"share12": "level", "n12": 0})]
    ['Inget RegSO i kommunen har typ']
    """
    out: list[tuple[str, str]] = []

    def add(key: str, **v):
        out.append((t(f"report.concl_{key}", lang, **v), t(f"report.rec_{key}", lang, **v)))

    s12 = signals.get("share12", _MISSING)
    if s12 is not _MISSING:
        n12 = int(signals.get("n12") or 0)
        if s12 in ("higher", "much_higher"):
            add("share12_high", n12=n12)
        elif n12 > 0:
            add("share12_some", n12=n12)
        elif s12 is not None:
            add("share12_none")
    trend = signals.get("seg_trend")
    if trend:
        cls, y0, y1 = trend
        key = {"up": "seg_up", "down": "seg_down"}.get(cls, "seg_stable")
        add(key, y0=y0, y1=y1)
    tr = signals.get("transitions")
    if tr:
        better, worse, y0, y1 = tr
        if worse > better:
            add("types_worse", y0=y0, y1=y1)
        elif better > worse:
            add("types_better", y0=y0, y1=y1)
    spread = signals.get("school_spread")
    if spread is not None and spread == spread and spread >= SCHOOL_SPREAD:
        from lagesbild.reporting.numbers import fmt_number

        add("school_spread", spread=fmt_number(spread, 0, lang))
    if signals.get("vote") in ("lower", "much_lower"):
        add("vote_low")
    if "insatser" in signals:
        gaps = signals["insatser"]
        if gaps is None:
            add("no_insatser")
        elif gaps > 0:
            add("gaps")
    if signals.get("enkat") is False:
        add("no_enkat")
    return out
