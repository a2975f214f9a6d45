"""Income-class counts derived during a fetch, as store rows for the fetch's single write.

When a fetch brings SCB's shares per national quartile group of net income and the persons count
of the same table (TAB6679, recipes ``inkomstkvartiler`` and ``nettoinkomst``),
:func:`derive_income_class_counts` turns them into counts per class and area
(:func:`lagesbild.typology.income_classes.counts_from_shares`) with their ``variables`` and
``sources`` rows. ``fetch kommun|lan|riket`` and ``fetch scb`` add these rows to the rows they
write, so the counts are written in the same transaction as the shares, and the ojämlikhetsindex
(quartile proxy) can be computed after the fetch without a further step.

The derived values cite their own source, ``<the table's source id>:beraknad`` (e.g.
``scb:TAB6679:beraknad``), whose row says "beräknad från SCB:s andelar" and how.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lagesbild.i18n import t

__all__ = ["DerivedCounts", "derive_income_class_counts", "DERIVED_SUFFIX", "DERIVED_NOTE"]

#: Appended to the source id of the shares' table to name the derived values' source.
DERIVED_SUFFIX = ":beraknad"
#: How every derived value is marked in its ``sources`` row (publisher, attribution and note).
DERIVED_NOTE = "beräknad från SCB:s andelar"

_VAR_COLS = ["id", "label_sv", "label_en", "unit", "kind", "numerator", "denominator", "weight", "source",
             "description"]


@dataclass
class DerivedCounts:
    """The rows a fetch adds to its write: observations, variables, sources, and what happened."""

    observations: pd.DataFrame
    variables: pd.DataFrame
    sources: list[dict[str, Any]]
    n_values: int
    n_suppressed: int
    problems: pd.DataFrame
    levels: list[str]

    def summary(self, lang: str = "sv") -> str:
        """One line for the fetch summary (counts, suppressed, areas left out).

        Parameters
        ----------
        lang : {"sv", "en"}
            Language.

        Returns
        -------
        str
            The line.
        """
        text = t("fetch.income_classes_derived", lang, n=self.n_values, suppressed=self.n_suppressed)
        if len(self.problems):
            ex = self.problems.iloc[0]
            text += " " + t("fetch.income_classes_inconsistent", lang, n=len(self.problems),
                            area=ex["area_code"], year=int(ex["year"]),
                            total=f"{float(ex['share_sum']):.1f}".replace(".", ","))
        return text


def _variables() -> pd.DataFrame:
    from lagesbild.typology.income_classes import COUNT_VARIABLES

    rows = []
    for k, var in enumerate(COUNT_VARIABLES, start=1):
        rows.append({
            "id": var, "label_sv": f"Personer i inkomstkvartil {k} (nettoinkomst, riket), beräknat",
            "label_en": f"Persons in income quartile {k} (net income, national), computed",
            "unit": "personer", "kind": "count", "numerator": None, "denominator": None, "weight": None,
            "source": f"SCB; {DERIVED_NOTE}",
            "description": (f"Antal personer 20 år och äldre i kvartilgrupp {k} av nettoinkomsten i riket, "
                            f"{DERIVED_NOTE}: andel_inkomstkvartil_{k} / 100 × nettoinkomst_antal, avrundat "
                            "till hela personer (halvor uppåt). Undertryckt andel ger undertryckt antal."),
        })
    return pd.DataFrame(rows, columns=_VAR_COLS)


def _source(share_source: dict[str, Any] | None, source_id: str, table: str) -> dict[str, Any]:
    base = dict(share_source or {})
    how = (f"{DERIVED_NOTE}: antal personer per kvartilgrupp av nettoinkomsten = andel (%) / 100 × antal "
           f"personer ({table}), avrundat till hela personer; undertryckta andelar ger undertryckta antal")
    return {
        "id": source_id, "publisher": f"SCB ({DERIVED_NOTE})", "table_id": base.get("table_id", table),
        "file": base.get("file"), "licence": base.get("licence", "CC0"),
        "attribution": f"{base.get('attribution') or 'Källa: SCB'}; antal {DERIVED_NOTE}",
        "retrieved_at": base.get("retrieved_at"), "sha256": base.get("sha256"),
        "note": "; ".join(x for x in (how, base.get("note")) if x),
    }


def _level(code: str) -> str:
    from lagesbild.errors import SchemaError
    from lagesbild.geo import parse_code

    try:
        return parse_code(code).level
    except SchemaError:
        return "?"


def derive_income_class_counts(obs: pd.DataFrame, sources: Sequence[dict[str, Any]] = (), *,
                               tolerance: float = 2.0) -> DerivedCounts | None:
    """Counts per national quartile group from the shares and persons a fetch brought.

    Parameters
    ----------
    obs : pandas.DataFrame
        The fetch's tidy observations (``area_code, area_version, year, variable, value,
        source_id, status``), suppressed cells included as rows without a value.
    sources : sequence of dict
        The fetch's ``sources`` rows; the row of the shares' table is the base of the derived
        values' source row.
    tolerance : float, default 2.0
        Percentage points by which the four shares may miss 100 (SCB's rounding).

    Returns
    -------
    DerivedCounts or None
        None when ``obs`` holds no shares per quartile group; otherwise the derived rows (which
        may be empty when the persons count is missing).
    """
    from lagesbild.typology.income_classes import PERSONS_VARIABLE, SHARE_VARIABLES, counts_from_shares

    if obs is None or obs.empty:
        return None
    shares = obs[obs["variable"].isin(SHARE_VARIABLES)]
    if shares.empty:
        return None
    parts, problems, srcs = [], [], []
    for share_sid, rows in shares.groupby("source_id", sort=True):
        table = str(share_sid).split(":", 1)[-1]
        sid = f"{share_sid}{DERIVED_SUFFIX}"
        keys = rows[["area_code", "area_version", "year"]].drop_duplicates()
        persons = obs[obs["variable"] == PERSONS_VARIABLE].merge(keys, on=["area_code", "area_version", "year"])
        counts, bad = counts_from_shares(pd.concat([rows, persons], ignore_index=True), source_id=sid,
                                         tolerance=tolerance)
        parts.append(counts)
        problems.append(bad)
        if len(counts):
            base = next((s for s in sources if s.get("id") == share_sid), None)
            srcs.append(_source(base, sid, table))
    out = pd.concat(parts, ignore_index=True)
    bad = pd.concat(problems, ignore_index=True)
    levels = sorted({_level(c) for c in out["area_code"].unique()}) if len(out) else []
    return DerivedCounts(observations=out, variables=_variables() if len(out) else _variables().iloc[0:0],
                         sources=srcs, n_values=int(out["value"].notna().sum()),
                         n_suppressed=int(out["value"].isna().sum()), problems=bad, levels=levels)
