"""Which value counts when an import and an official source hold the same area, year and variable.

The store keeps every source's value side by side (observations are keyed by source); a read
returns the value of the most recently retrieved source. An imported file is retrieved "now",
so without a check it would silently take the place of SCB's (or Kolada's, Valmyndigheten's,
Skolverket's, the bundle's) value. :func:`check_import` runs inside the write transaction, on
the staged rows, and refuses such an import unless the caller asked for it explicitly
(``--prefer-import``); it names how many values would be superseded and gives one example.

*Official* sources are those written by lagesbild's own fetchers and the bundle, recognised by
their source id: ``scb:``, ``scb_geo:``, ``kolada:``, ``valmyndigheten:``, ``skolverket:``,
``skolverket_api:``, ``bundled:``. Everything else (``file:…`` or an id the mapping chose) is an import. Only values
that *differ* count: importing the same numbers changes nothing a user sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from lagesbild.errors import ConflictError
from lagesbild.i18n import pair

__all__ = ["OFFICIAL_PREFIXES", "Supersession", "is_official", "superseded", "check_import"]

OFFICIAL_PREFIXES = ("scb:", "scb_geo:", "kolada:", "valmyndigheten:", "skolverket:", "skolverket_api:",
                     "bundled:")


def is_official(source_id: str | None) -> bool:
    """True for a source id written by lagesbild's fetchers or the bundle.

    Examples
    --------
    >>> is_official("scb:TAB6574"), is_official("bundled:regso2020_statistik"), is_official("file:enkat")
    (True, True, False)
    """
    return bool(source_id) and str(source_id).startswith(OFFICIAL_PREFIXES)


@dataclass(frozen=True)
class Supersession:
    """Imported values that would take the place of official ones."""

    count: int
    example: tuple | None  # (area_code, year, variable, official value, official source, imported value)


def _official_sql(col: str) -> str:
    return "(" + " OR ".join(f"starts_with({col}, '{p}')" for p in OFFICIAL_PREFIXES) + ")"


def superseded(con, staged: str = "_incoming_obs") -> Supersession:
    """Count staged non-official rows whose value differs from an official one for the same key.

    ``con`` is the DuckDB connection of the open write transaction; ``staged`` the table that
    holds the incoming observations (columns as ``observations``).
    """
    cond = ("o.area_code = i.area_code AND o.area_version = i.area_version AND o.year = i.year "
            "AND o.variable = i.variable AND o.source_id <> i.source_id")
    where = f"{_official_sql('o.source_id')} AND NOT {_official_sql('i.source_id')} AND " \
            "o.value IS DISTINCT FROM i.value"
    n = con.execute(f"SELECT count(*) FROM (SELECT DISTINCT i.area_code, i.area_version, i.year, i.variable "
                    f"FROM {staged} i JOIN observations o ON {cond} WHERE {where})").fetchone()[0]
    if not n:
        return Supersession(0, None)
    ex = con.execute(f"SELECT i.area_code, i.year, i.variable, o.value, o.source_id, i.value FROM {staged} i "
                     f"JOIN observations o ON {cond} WHERE {where} "
                     "ORDER BY i.variable, i.year, i.area_code LIMIT 1").fetchone()
    return Supersession(int(n), tuple(ex))


def _fmt(v) -> str:
    if v is None or v != v:
        return "–"
    return f"{v:g}".replace(".", ",") if isinstance(v, float) else str(v)


def check_import(con, *, prefer_import: bool, label: str, staged: str = "_incoming_obs") -> int:
    """Refuse (``ConflictError``) an import that would supersede official values, unless
    ``prefer_import``; returns the number of superseded values."""
    s = superseded(con, staged)
    if s.count and not prefer_import and s.example is not None:
        area, year, var, old, src, new = s.example
        raise ConflictError(*pair("fetch.supersedes_official", n=s.count, label=label, area=area, year=year,
                                  variable=var, official=_fmt(old), source=src, value=_fmt(new)))
    return s.count
