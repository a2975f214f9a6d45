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
from lagesbild.i18n import pair
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


#: Most bytes in a mapping file, and the deepest nesting allowed.
MAX_MAPPING_BYTES = 256 * 1024
MAX_DEPTH = 12


def safe_yaml(text: str, path: Path):
    """Parse YAML with the safe loader, refusing anchors/aliases (no billion laughs) and
    nesting deeper than :data:`MAX_DEPTH`; errors name the mapping file and line."""
    import yaml

    class _Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise SchemaError(*pair("imports.yaml_alias", file=path, line=event.start_mark.line + 1))
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise SchemaError(*pair("imports.yaml_depth", file=path, limit=MAX_DEPTH,
                                        line=event.start_mark.line + 1))
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _option(path: Path, section: str, opts: dict, key: str, kind: str):
    """Check an option of the csv/excel sections; returns the value or None."""
    v = opts.get(key)
    if v is None:
        return None
    ok = {"int": isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 1_000_000,
          "str": isinstance(v, str) and 0 < len(v) <= 40,
          "sheet": (isinstance(v, str) and 0 < len(v) <= 100) or (isinstance(v, int) and not isinstance(v, bool)
                                                                    and 0 <= v < 1000)}[kind]
    if not ok:
        expected = {"int": pair("imports.expected_int"), "str": pair("imports.expected_str"),
                    "sheet": pair("imports.expected_sheet")}[kind]
        shown = str(v)[:40]
        sv, _ = pair("imports.mapping_option", file=path, section=section, key=key, expected=expected[0],
                     value=shown)
        _, en = pair("imports.mapping_option", file=path, section=section, key=key, expected=expected[1],
                     value=shown)
        raise SchemaError(sv, en)
    return v


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file (structure only; variables are checked against the store)."""
    import yaml

    if not path.is_file():
        raise SchemaError(f"Mappningsfilen {path} finns inte.", f"The mapping file {path} does not exist.")
    size = path.stat().st_size
    if size > MAX_MAPPING_BYTES:
        raise SchemaError(*pair("imports.yaml_size", file=path, size=size // 1024,
                                limit=MAX_MAPPING_BYTES // 1024))
    try:
        data = safe_yaml(path.read_text(encoding="utf-8"), path)
    except OSError:
        raise SchemaError(*pair("imports.unreadable", file=path)) from None
    except RecursionError:
        raise SchemaError(*pair("imports.yaml_depth", file=path, limit=MAX_DEPTH, line="?")) from None
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
    if geometry is not None and not isinstance(geometry, dict):
        raise _bad(path, "'geometry' måste vara en YAML-tabell.", "'geometry' must be a YAML mapping.")
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
    if any(isinstance(v, dict) and "column" not in v or isinstance(v, list) for v in values.values()):
        raise _bad(path, "'values' måste mappa variabel-id till kolumnnamn.",
                   "'values' must map variable ids to column names.")
    values = {str(k): str(v["column"] if isinstance(v, dict) else v) for k, v in values.items()}
    long = data.get("long")
    if long is not None and not (isinstance(long, dict) and {"variable_column", "value_column"} <= set(long)):
        raise _bad(path, "'long' kräver variable_column och value_column.",
                   "'long' needs variable_column and value_column.")
    if not values and long is None and geometry is None:
        raise _bad(path, "anger inga variabler ('values' eller 'long').",
                   "names no variables ('values' or 'long').")
    newv = data.get("new_variables") or []
    if not isinstance(newv, list):
        raise _bad(path, "'new_variables' måste vara en lista.", "'new_variables' must be a list.")
    for i, v in enumerate(newv, 1):
        if not isinstance(v, dict) or not {"id", "label_sv", "kind"} <= set(v):
            raise _bad(path, f"new_variables nr {i} kräver id, label_sv och kind.",
                       f"new_variables item {i} needs id, label_sv and kind.")
        if v["kind"] not in KINDS:
            raise _bad(path, f"new_variables '{v['id']}': kind måste vara en av {', '.join(KINDS)}. "
                       f"Fick {v['kind']!r}.", f"new_variables '{v['id']}': kind must be one of "
                       f"{', '.join(KINDS)}. Got {v['kind']!r} instead.")
    csv_opts, excel_opts = data.get("csv") or {}, data.get("excel") or {}
    for section, opts in (("csv", csv_opts), ("excel", excel_opts), ("source", data.get("source") or {}),
                          ("area", area), ("geometry", geometry or {})):
        if not isinstance(opts, dict):
            raise _bad(path, f"'{section}' måste vara en YAML-tabell.", f"'{section}' must be a YAML mapping.")
    _option(path, "csv", csv_opts, "skiprows", "int")
    _option(path, "excel", excel_opts, "skiprows", "int")
    _option(path, "csv", csv_opts, "encoding", "str")
    _option(path, "csv", csv_opts, "delimiter", "str")
    _option(path, "excel", excel_opts, "sheet", "sheet")
    observed = (data.get("source") or {}).get("observed", True)
    if not isinstance(observed, bool):
        sv, _ = pair("imports.mapping_option", file=path, section="source", key="observed",
                     expected="true eller false", value=str(observed)[:40])
        _, en = pair("imports.mapping_option", file=path, section="source", key="observed",
                     expected="true or false", value=str(observed)[:40])
        raise SchemaError(sv, en)
    return Mapping(path=path, area_column=str(area["column"]), version=str(version), level=level,
                   year_column=ycol, year_value=yval, values=values, long=long,
                   source=data.get("source") or {}, new_variables=newv, csv=data.get("csv") or {},
                   excel=data.get("excel") or {}, geometry=geometry)
