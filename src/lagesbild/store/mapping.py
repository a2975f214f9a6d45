"""The import mapping file (YAML): which columns are the area, the year and the variables.

Example (wide file, one column per variable)::

    source:   {id: scb_deso_2023, publisher: SCB, table: TAB6574, licence: CC0,
               attribution: "Källa: SCB"}
    area:     {column: desokod, version: DeSO2018}   # or level: deso (default version)
    year:     {column: ar}                            # or value: 2023
    values:   {folkmangd: pop, fodda_utrikes: utr}    # variable id: column
    csv:      {encoding: cp1252, delimiter: ";", decimal: ","}

Long files use ``long: {variable_column: variabel, value_column: varde}`` instead of
``values``. New variables are declared under ``new_variables`` (id, label_sv, kind, unit …).
Geometry files use ``geometry: {level: custom, version: gbg_mellanomraden2025,
name_column: namn, kommun: "1480"}`` and may carry ``values`` too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagesbild.errors import SchemaError
from lagesbild.geo import DEFAULT_VERSION, LEVELS, VERSIONS
from lagesbild.store.schema import KINDS

__all__ = ["Mapping", "load_mapping"]

_TOP = {"source", "area", "year", "values", "long", "new_variables", "csv", "excel", "geometry",
        "percent"}


@dataclass
class Mapping:
    path: Path
    area_column: str
    version: str
    level: str
    year_column: str | None = None
    year_value: int | None = None
    values: dict[str, str] = field(default_factory=dict)
    long: dict[str, str] | None = None
    source: dict[str, Any] = field(default_factory=dict)
    new_variables: list[dict[str, Any]] = field(default_factory=list)
    csv: dict[str, Any] = field(default_factory=dict)
    excel: dict[str, Any] = field(default_factory=dict)
    geometry: dict[str, Any] | None = None

    def err(self, sv: str, en: str) -> SchemaError:
        return SchemaError(f"Mappningsfilen {self.path}: {sv}", f"The mapping file {self.path}: {en}")


def _bad(path: Path, sv: str, en: str) -> SchemaError:
    return SchemaError(f"Mappningsfilen {path}: {sv}", f"The mapping file {path}: {en}")


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file (structure only; variables are checked against the store)."""
    import yaml

    if not path.exists():
        raise SchemaError(f"Mappningsfilen {path} finns inte.", f"The mapping file {path} does not exist.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" rad {mark.line + 1}" if mark is not None else ""
        what = getattr(exc, "problem", None) or type(exc).__name__
        raise _bad(path, f"ogiltig YAML{where} ({what}).",
                   f"invalid YAML{where.replace('rad', 'line')} ({what}).") from None
    if not isinstance(data, dict):
        raise _bad(path, "måste vara en YAML-tabell med nycklarna area, year och values.",
                   "must be a YAML mapping with the keys area, year and values.")
    unknown = set(data) - _TOP
    if unknown:
        raise _bad(path, f"okända nycklar {sorted(unknown)}; giltiga: {sorted(_TOP)}.",
                   f"unknown keys {sorted(unknown)}; valid: {sorted(_TOP)}.")
    area = data.get("area")
    if not isinstance(area, dict) or "column" not in area:
        raise _bad(path, "saknar 'area: {column: …, version: …}'.", "lacks 'area: {column: …, version: …}'.")
    geometry = data.get("geometry")
    version = area.get("version")
    level = area.get("level")
    if geometry is not None:
        level = geometry.get("level", level or "custom")
        version = geometry.get("version", version)
    if version is None and level is not None:
        version = DEFAULT_VERSION.get(level)
    if version is None:
        raise _bad(path, "anger varken 'version' (t.ex. DeSO2018) eller 'level' för områdena.",
                   "gives neither 'version' (e.g. DeSO2018) nor 'level' for the areas.")
    if level is None:
        level = VERSIONS.get(version, "custom")
    if level not in LEVELS:
        raise _bad(path, f"okänd nivå '{level}'; giltiga: {', '.join(LEVELS)}.",
                   f"unknown level '{level}'; valid: {', '.join(LEVELS)}.")
    if version not in VERSIONS and level != "custom":
        raise _bad(path, f"okänd version '{version}' för nivån {level}; kända: "
                   f"{', '.join(v for v, lv in VERSIONS.items() if lv == level)}.",
                   f"unknown version '{version}' for level {level}; known: "
                   f"{', '.join(v for v, lv in VERSIONS.items() if lv == level)}.")
    year = data.get("year")
    ycol = yval = None
    if isinstance(year, dict) and "column" in year:
        ycol = str(year["column"])
    elif isinstance(year, dict) and "value" in year:
        yval = year["value"]
    elif isinstance(year, int | str) and str(year).strip().isdigit():
        yval = year
    elif data.get("values") or data.get("long"):
        raise _bad(path, "saknar 'year: {column: …}' eller 'year: {value: 2023}'.",
                   "lacks 'year: {column: …}' or 'year: {value: 2023}'.")
    if yval is not None:
        try:
            yval = int(yval)
        except (TypeError, ValueError):
            raise _bad(path, f"'year' måste vara ett heltal. Fick {yval!r}.",
                       f"'year' must be an integer. Got {yval!r} instead.") from None
    values = data.get("values") or {}
    if not isinstance(values, dict):
        raise _bad(path, "'values' måste mappa variabel-id till kolumnnamn.",
                   "'values' must map variable ids to column names.")
    values = {str(k): str(v["column"] if isinstance(v, dict) else v) for k, v in values.items()}
    long = data.get("long")
    if long is not None and not ({"variable_column", "value_column"} <= set(long)):
        raise _bad(path, "'long' kräver variable_column och value_column.",
                   "'long' needs variable_column and value_column.")
    if not values and long is None and geometry is None:
        raise _bad(path, "anger inga variabler ('values' eller 'long').",
                   "names no variables ('values' or 'long').")
    newv = data.get("new_variables") or []
    for i, v in enumerate(newv, 1):
        if not isinstance(v, dict) or not {"id", "label_sv", "kind"} <= set(v):
            raise _bad(path, f"new_variables nr {i} kräver id, label_sv och kind.",
                       f"new_variables item {i} needs id, label_sv and kind.")
        if v["kind"] not in KINDS:
            raise _bad(path, f"new_variables '{v['id']}': kind måste vara en av {', '.join(KINDS)}. "
                       f"Fick {v['kind']!r}.", f"new_variables '{v['id']}': kind must be one of "
                       f"{', '.join(KINDS)}. Got {v['kind']!r} instead.")
    return Mapping(path=path, area_column=str(area["column"]), version=str(version), level=level,
                   year_column=ycol, year_value=yval, values=values, long=long,
                   source=data.get("source") or {}, new_variables=newv, csv=data.get("csv") or {},
                   excel=data.get("excel") or {}, geometry=geometry)
