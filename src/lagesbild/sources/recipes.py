"""Recipes: which SCB table and which categories give each lagesbild variable.

A :class:`Recipe` names a table (TAB id, v1 path, a search phrase and a title pattern so that
a republished table is found again under its new id), the levels it covers and one
:class:`VarRule` per variable. A rule picks one category per dimension, by code or — for
tables whose codes we have not recorded — by a pattern on the category's label (``~regex``);
a dimension may also be named by a pattern on its code or label (``~regex``). Rules are
resolved against the table's live metadata when a fetch is planned, so a recipe fails with a
clear message if SCB renames a category, instead of silently fetching something else.

The catalogue itself is in :mod:`lagesbild.sources.catalogue`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lagesbild.errors import InputError, NotFoundError
from lagesbild.sources.pxweb import Dim, TableMeta

__all__ = [
    "VarRule",
    "Recipe",
    "Resolved",
    "resolve_recipe",
    "region_codes",
    "time_codes",
    "year_of",
    "pick_table",
    "NotPublishedAtLevel",
    "YearsNotPublished",
]


class NotPublishedAtLevel(NotFoundError):
    """The table has no areas of the level in the kommuner asked for."""


class YearsNotPublished(NotFoundError):
    """The table has none of the years asked for."""


@dataclass(frozen=True)
class VarRule:
    id: str
    label_sv: str
    label_en: str
    unit: str
    kind: str  # count, share, mean, median, index, category
    match: dict[str, str | tuple[str, ...]]
    numerator: str | None = None
    denominator: str | None = None
    weight: str | None = None


@dataclass(frozen=True)
class Recipe:
    name: str
    topic: str
    table_id: str
    title_sv: str
    search: str
    label_regex: str
    levels: tuple[str, ...]
    variables: tuple[VarRule, ...]
    fixed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    v1_path: str | None = None
    time: str = "annual"  # or "month:M12" (the December value stands for the year)
    years: tuple[int, int] | None = None  # the years this recipe is meant for (universe changes)
    note: str = ""
    recorded: bool = False  # a real response of this table is in the test fixtures

    def variable_ids(self) -> list[str]:
        return [v.id for v in self.variables]


@dataclass
class Resolved:
    """A recipe resolved against one table's metadata."""

    recipe: Recipe
    meta: TableMeta
    rules: list[VarRule]
    dims: list[str]  # the dimensions rules match on (same for every rule)
    keys: dict[tuple[str, ...], str]  # codes of ``dims`` → variable id
    selection: dict[str, list[str]]  # codes for every dimension but Region and time


def _find_dim(meta: TableMeta, spec: str) -> Dim:
    if spec in meta.dims:
        return meta.dims[spec]
    if spec.startswith("~"):
        pat = re.compile(spec[1:], re.I)
        hits = [d for d in meta.dims.values() if pat.search(d.code) or pat.search(d.label)]
        if len(hits) == 1:
            return hits[0]
    raise NotFoundError(
        f"Tabellen {meta.table_id} har ingen variabel som passar {spec!r} (finns: "
        f"{', '.join(f'{d.code} ({d.label})' for d in meta.dims.values())}).",
        f"The table {meta.table_id} has no variable matching {spec!r} (available: "
        f"{', '.join(f'{d.code} ({d.label})' for d in meta.dims.values())}).",
    )


def _find_code(meta: TableMeta, dim: Dim, spec: str | tuple[str, ...], var: str) -> str:
    alternatives = (spec,) if isinstance(spec, str) else spec
    for alt in alternatives:
        if alt in dim.codes:
            return alt
        if alt.startswith("~"):
            pat = re.compile(alt[1:], re.I)
            hits = [c for c in dim.codes if pat.search(dim.labels.get(c, c))]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                exact = [c for c in hits if pat.fullmatch(dim.labels.get(c, c))]
                if len(exact) == 1:
                    return exact[0]
    shown = ", ".join(f"{c} ({dim.labels.get(c, c)})" for c in dim.codes[:12])
    raise NotFoundError(
        f"Receptet för '{var}': tabellen {meta.table_id} har ingen kategori {spec!r} i '{dim.code}' "
        f"({dim.label}). Finns: {shown}.",
        f"The recipe for '{var}': the table {meta.table_id} has no category {spec!r} in '{dim.code}' "
        f"({dim.label}). Available: {shown}.",
    )


def resolve_recipe(recipe: Recipe, meta: TableMeta, variables: list[str] | None = None) -> Resolved:
    """Resolve the rules (all, or only ``variables``) against ``meta``."""
    rules = list(recipe.variables)
    if variables is not None:
        unknown = [v for v in variables if v not in recipe.variable_ids()]
        if unknown:
            raise InputError(
                f"Receptet {recipe.name} ({recipe.table_id}) har ingen variabel {unknown[0]!r}. "
                f"Det har: {', '.join(recipe.variable_ids())}.",
                f"The recipe {recipe.name} ({recipe.table_id}) has no variable {unknown[0]!r}. "
                f"It has: {', '.join(recipe.variable_ids())}.",
            )
        rules = [r for r in rules if r.id in variables]
    dim_specs = list(rules[0].match)
    dims = [_find_dim(meta, s).code for s in dim_specs]
    keys: dict[tuple[str, ...], str] = {}
    chosen: dict[str, list[str]] = {d: [] for d in dims}
    for rule in rules:
        key = []
        for spec, d in zip(dim_specs, dims):
            code = _find_code(meta, meta.dims[d], rule.match[spec], rule.id)
            key.append(code)
            if code not in chosen[d]:
                chosen[d].append(code)
        keys[tuple(key)] = rule.id
    selection = dict(chosen)
    for spec, codes in recipe.fixed.items():
        dim = _find_dim(meta, spec)
        selection[dim.code] = [_find_code(meta, dim, c, recipe.name) for c in codes]
    return Resolved(recipe, meta, rules, dims, keys, selection)


_LEVEL_RE = {"deso": r"[ABC]\d{4}(_DeSO\d{4})?", "regso": r"R\d{3}(_RegSO\d{4})?", "kommun": ""}


def region_codes(meta: TableMeta, level: str, kommuner: list[str], region_dim: str = "Region") -> list[str]:
    """The table's region codes of ``level`` inside ``kommuner`` (all versions SCB offers)."""
    if region_dim not in meta.dims:
        raise NotFoundError(
            f"Tabellen {meta.table_id} har ingen regionvariabel.", f"The table {meta.table_id} has no region variable."
        )
    codes = meta.dims[region_dim].codes
    out = []
    for k in kommuner:
        pat = re.compile(f"^{re.escape(k)}{_LEVEL_RE[level]}$")
        hit = [c for c in codes if pat.match(c)]
        if not hit:
            raise NotPublishedAtLevel(
                f"Tabellen {meta.table_id} har inga områden på nivån {level} i kommun {k}.",
                f"The table {meta.table_id} has no areas at level {level} in kommun {k}.",
            )
        out += hit
    return out


def time_codes(meta: TableMeta, recipe: Recipe, years: list[int] | str | None) -> tuple[list[str], list[int]]:
    """Codes of the time dimension for ``years`` and the requested years the table lacks.

    ``years`` is a list of years, None for every year the table has, or ``"latest"`` for the
    latest year the table has (within the recipe's years).
    """
    tdim = meta.time_dim
    if tdim is None:
        raise NotFoundError(
            f"Tabellen {meta.table_id} har ingen tidsvariabel.", f"The table {meta.table_id} has no time variable."
        )
    codes = meta.dims[tdim].codes
    suffix = recipe.time.split(":", 1)[1] if recipe.time.startswith("month:") else ""
    by_year = {year_of(c): c for c in codes if (not suffix or c.endswith(suffix))}
    lo, hi = recipe.years or (0, 9999)
    available = sorted(y for y in by_year if lo <= y <= hi)
    if years is None:
        return [by_year[y] for y in available], []
    if years == "latest":
        if not available:
            raise YearsNotPublished(
                f"Tabellen {meta.table_id} ({recipe.name}) har inga år inom receptets år "
                f"{_span(list(recipe.years or ()))}.",
                f"The table {meta.table_id} ({recipe.name}) has no years within the recipe's years "
                f"{_span(list(recipe.years or ()))}.",
            )
        return [by_year[available[-1]]], []
    years = [int(y) for y in years]  # a list of years from here on ("latest" is handled above)
    missing = [y for y in years if y not in available]
    if len(missing) == len(years):
        raise YearsNotPublished(
            f"Tabellen {meta.table_id} ({recipe.name}) saknar åren {_span(years)}; den har "
            f"{_span(available) or 'inga år'}.",
            f"The table {meta.table_id} ({recipe.name}) lacks the years {_span(years)}; it has "
            f"{_span(available) or 'no years'}.",
        )
    return [by_year[y] for y in years if y in available], missing


def _span(years: list[int]) -> str:
    ys = sorted(set(years))
    if not ys:
        return ""
    if ys == list(range(ys[0], ys[-1] + 1)) and len(ys) > 2:
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(map(str, ys))


def year_of(code: str) -> int:
    """The year of a time code ('2024', '2024M12', '2024K4').

    Examples
    --------
    >>> year_of("2024M12"), year_of("2011")
    (2024, 2011)
    """
    return int(str(code)[:4])


def pick_table(recipe: Recipe, tables: list[dict]) -> dict | None:
    """The newest non-discontinued table whose label matches the recipe's title pattern."""
    pat = re.compile(recipe.label_regex, re.I)
    hits = [t for t in tables if pat.search(t.get("label", "")) and not t.get("discontinued")]
    if not hits:
        return None
    return max(hits, key=lambda t: (str(t.get("lastPeriod", "")), str(t.get("updated", ""))))
