"""The codebook: how a survey provider's file maps onto lagesbild's items and background fields.

A codebook is a YAML file::

    enkat: "Stockholmsenkäten 2024"
    saknas: [9, 99]                  # codes that mean "no answer" in every item column
    bakgrund:
      skola:   {kolumn: skolenhet}
      arskurs: {kolumn: ak, koder: {9: "9", 11: "gy2"}}
      kon:     {kolumn: kon, koder: {1: flicka, 2: pojke, 3: annat}}
      omrade:  {kolumn: bostadsomrade}   # optional (home area)
      vikt:    {kolumn: vikt}            # optional (survey weight)
    items:
      fam_vet_var: {kolumn: F12}               # codes are the answer values themselves
      utf_berusad: {kolumn: F50, koder: {1: 1, 2: 0}}
    inskrivna:                               # optional: enrolled pupils, for response rates
      - {skola: "Skola 1", arskurs: "9", antal: 120}

An answer code listed twice under ``koder`` is refused (YAML would silently keep the last one),
as is an item the scale catalogue does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lagesbild.enkat.catalogue import Catalogue
from lagesbild.errors import InputError
from lagesbild.i18n import pair

__all__ = ["Column", "Codebook", "read_codebook", "parse_codebook", "BACKGROUND"]

#: Background fields: (name, required).
BACKGROUND = (("skola", True), ("arskurs", True), ("kon", True), ("omrade", False), ("vikt", False))


@dataclass(frozen=True)
class Column:
    """One mapped column: the provider's column name and its answer codes (None: identity)."""

    column: str
    codes: dict | None = None


@dataclass
class Codebook:
    file: str
    name: str
    synthetic: bool
    missing: tuple
    background: dict[str, Column]
    items: dict[str, Column]
    enrolled: list[dict] = field(default_factory=list)
    text: str = ""


def _loader():
    import yaml

    class _Strict(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            norm = str(key).strip()
            if norm in seen:
                raise _Duplicate(norm, key_node.start_mark.line + 1)
            seen[norm] = key_node.start_mark.line + 1
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    _Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return _Strict


class _Duplicate(Exception):
    def __init__(self, key: str, line: int) -> None:
        self.key, self.line = key, line


def read_codebook(path: str | Path, catalogue: Catalogue) -> Codebook:
    """Read and validate a codebook file."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(*pair("enkat.file_missing", file=str(path))) from None
    try:
        doc = yaml.load(text, Loader=_loader())
    except _Duplicate as dup:
        raise InputError(*pair("enkat.code_twice", file=path.name, row=dup.line, code=dup.key)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(*pair("enkat.bad_yaml", file=path.name,
                               row=mark.line + 1 if mark is not None else "?")) from None
    cb = parse_codebook(doc, path.name, catalogue)
    cb.text = text
    return cb


def _column(d: object, file: str, where: str) -> Column:
    if isinstance(d, str):
        return Column(d)
    if not isinstance(d, dict) or not isinstance(d.get("kolumn"), str):
        raise InputError(*pair("enkat.bad_codebook", file=file, where=where, expected="{kolumn: NAMN, koder: {...}}",
                               got=repr(d)))
    codes = d.get("koder")
    if codes is not None and not isinstance(codes, dict):
        raise InputError(*pair("enkat.bad_codebook", file=file, where=f"{where}.koder", expected="{kod: värde}",
                               got=repr(codes)))
    return Column(d["kolumn"], {answer_key(k): v for k, v in codes.items()} if codes else None)


def answer_key(k: object) -> object:
    """Codes compare as numbers where they are numbers ("1", 1 and 1.0 are one code)."""
    try:
        f = float(str(k).replace(",", "."))
        return int(f) if f.is_integer() else f
    except ValueError:
        return str(k).strip()


def parse_codebook(doc: object, file: str, catalogue: Catalogue) -> Codebook:
    """Validate a codebook document against the scale catalogue."""
    if not isinstance(doc, dict):
        raise InputError(*pair("enkat.bad_codebook", file=file, where="(filen)", expected="en YAML-mappning",
                               got=type(doc).__name__))
    bg = doc.get("bakgrund") or {}
    background: dict[str, Column] = {}
    for name, required in BACKGROUND:
        if name in bg:
            background[name] = _column(bg[name], file, f"bakgrund.{name}")
        elif required:
            raise InputError(*pair("enkat.bad_codebook", file=file, where=f"bakgrund.{name}",
                                   expected="{kolumn: NAMN}", got="inget"))
    known = catalogue.items
    raw_items = doc.get("items") or {}
    if not isinstance(raw_items, dict) or not raw_items:
        raise InputError(*pair("enkat.bad_codebook", file=file, where="items", expected="minst en fråga",
                               got=repr(raw_items)))
    items: dict[str, Column] = {}
    for item_id, d in raw_items.items():
        if str(item_id) not in known:
            raise InputError(*pair("enkat.unknown_item", file=file, item=str(item_id)))
        col = _column(d, file, f"items.{item_id}")
        lo, hi = known[str(item_id)]
        for code, value in (col.codes or {}).items():
            if not isinstance(value, (int, float)) or not lo <= value <= hi:
                raise InputError(*pair("enkat.bad_codebook", file=file, where=f"items.{item_id}.koder.{code}",
                                       expected=f"ett värde {lo}–{hi}", got=repr(value)))
        items[str(item_id)] = col
    missing = tuple(answer_key(v) for v in (doc.get("saknas") or []))
    enrolled = doc.get("inskrivna") or []
    if not isinstance(enrolled, list) or any(
            not isinstance(e, dict) or not {"skola", "arskurs", "antal"} <= set(e) or not isinstance(e["antal"], int)
            for e in enrolled):
        raise InputError(*pair("enkat.bad_codebook", file=file, where="inskrivna",
                               expected="[{skola, arskurs, antal}]", got=repr(enrolled)[:80]))
    enrolled = [{"skola": str(e["skola"]), "arskurs": str(e["arskurs"]), "antal": int(e["antal"])} for e in enrolled]
    return Codebook(file, str(doc.get("enkat", file)), bool(doc.get("syntetisk", False)), missing, background,
                    items, enrolled)
