"""The scale catalogue: risk factors, protective factors and outcomes declared as versioned data.

The built-in catalogue is ``data/skalor.yaml``; a kommun adds or replaces scales with its own
YAML file in the same format (:func:`load_catalogue` merges it by scale id, and the merged
catalogue carries both versions). Every scale is validated when loaded, and a bad file is
refused with one line naming the file, the scale and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lagesbild.errors import InputError
from lagesbild.i18n import choose, pair

__all__ = ["Item", "Scale", "Catalogue", "builtin_catalogue", "load_catalogue", "parse_catalogue",
           "DOMAINS", "KINDS", "SCORINGS"]

_BUILTIN = Path(__file__).parent / "data" / "skalor.yaml"

#: Domains (the CTC domains, as in the insatser factor vocabulary).
DOMAINS = ("narsamhalle", "familj", "skola", "individ")
#: Scale types: risk factor, protective factor, outcome.
KINDS = ("risk", "skydd", "utfall")
#: Scoring rules over the answered items (after reverse coding).
SCORINGS = ("medel", "summa", "max")


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    reverse: bool = False


@dataclass(frozen=True)
class Scale:
    """One scale: its items, scoring, minimum answered items and cut-off."""

    id: str
    name_sv: str
    name_en: str
    domain: str
    kind: str
    lo: int
    hi: int
    scoring: str
    min_answered: int
    cut_method: str  # "fast" or "percentil"
    cut_value: float | None
    cut_percentile: float | None
    items: tuple[Item, ...]
    source: str
    themes: tuple[str, ...] = ()

    def name(self, lang: str = "sv") -> str:
        return choose(self.name_sv, self.name_en, lang)

    @property
    def item_ids(self) -> list[str]:
        return [i.id for i in self.items]


@dataclass(frozen=True)
class Catalogue:
    name: str
    version: str
    scales: tuple[Scale, ...]
    sources: tuple[str, ...] = field(default=())

    def scale(self, scale_id: str) -> Scale:
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise InputError(*pair("enkat.unknown_scale", scale=scale_id,
                                known=", ".join(s.id for s in self.scales)))

    @property
    def items(self) -> dict[str, tuple[int, int]]:
        """Every item id → its answer range (lo, hi)."""
        out: dict[str, tuple[int, int]] = {}
        for s in self.scales:
            for i in s.items:
                out[i.id] = (s.lo, s.hi)
        return out


def _bad(file: str, where: str, expected: str, got: object) -> InputError:
    return InputError(*pair("enkat.bad_catalogue", file=file, where=where, expected=expected, got=repr(got)))


def _scale(d: dict, file: str) -> Scale:
    from lagesbild.prevention.vocab import FACTORS, THEMES

    if not isinstance(d, dict) or not d.get("id"):
        raise _bad(file, "skalor", "en skala med 'id'", d)
    sid = str(d["id"])
    kind = d.get("typ")
    if kind not in KINDS:
        raise _bad(file, f"{sid}.typ", " | ".join(KINDS), kind)
    domain = d.get("doman")
    if domain not in DOMAINS:
        raise _bad(file, f"{sid}.doman", " | ".join(DOMAINS), domain)
    svar = d.get("svar")
    if not (isinstance(svar, list) and len(svar) == 2 and all(isinstance(v, int) for v in svar)
            and svar[0] < svar[1]):
        raise _bad(file, f"{sid}.svar", "[min, max] (heltal, min < max)", svar)
    scoring = d.get("poang", "medel")
    if scoring not in SCORINGS:
        raise _bad(file, f"{sid}.poang", " | ".join(SCORINGS), scoring)
    items = d.get("items") or []
    if not isinstance(items, list) or not items:
        raise _bad(file, f"{sid}.items", "minst en fråga", items)
    parsed = []
    for it in items:
        if not isinstance(it, dict) or not it.get("id"):
            raise _bad(file, f"{sid}.items", "{id, text, omvand}", it)
        parsed.append(Item(str(it["id"]), str(it.get("text", "")), bool(it.get("omvand", False))))
    if len({i.id for i in parsed}) != len(parsed):
        raise _bad(file, f"{sid}.items", "unika fråge-id", [i.id for i in parsed])
    min_ans = d.get("min_besvarade", 1)
    if not isinstance(min_ans, int) or not 1 <= min_ans <= len(parsed):
        raise _bad(file, f"{sid}.min_besvarade", f"ett heltal 1–{len(parsed)}", min_ans)
    cut = d.get("grans") or {}
    method = cut.get("metod")
    value = percentile = None
    if method == "fast":
        value = cut.get("varde")
        if not isinstance(value, (int, float)):
            raise _bad(file, f"{sid}.grans.varde", "ett tal", value)
        value = float(value)
    elif method == "percentil":
        percentile = cut.get("p")
        if not isinstance(percentile, (int, float)) or not 0 < percentile < 100:
            raise _bad(file, f"{sid}.grans.p", "en percentil 0–100", percentile)
        percentile = float(percentile)
    else:
        raise _bad(file, f"{sid}.grans.metod", "fast | percentil", method)
    themes = tuple(str(x) for x in d.get("teman", []) or [])
    for th in themes:
        if th not in THEMES:
            raise _bad(file, f"{sid}.teman", " | ".join(THEMES), th)
    term = FACTORS.get(sid)
    name_sv = str(d.get("namn") or (term.sv if term else sid))
    name_en = str(d.get("namn_en") or (term.en if term else name_sv))
    if not d.get("kalla"):
        raise _bad(file, f"{sid}.kalla", "en källa för skalan och gränsen", None)
    return Scale(sid, name_sv, name_en, domain, kind, svar[0], svar[1], scoring, min_ans, method, value,
                 percentile, tuple(parsed), str(d["kalla"]), themes)


def parse_catalogue(doc: dict, file: str) -> Catalogue:
    """Validate a catalogue document (the YAML's content)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("skalor"), list):
        raise _bad(file, "skalor", "en lista med skalor", type(doc).__name__)
    scales = [_scale(d, file) for d in doc["skalor"]]
    seen: dict[str, str] = {}
    for s in scales:
        if s.id in seen:
            raise _bad(file, s.id, "unika skal-id", s.id)
        seen[s.id] = s.id
    return Catalogue(str(doc.get("namn", file)), str(doc.get("version", "1")), tuple(scales), (file,))


def _read_yaml(path: Path) -> dict:
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}
    except FileNotFoundError:
        raise InputError(*pair("enkat.file_missing", file=str(path))) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else "?"
        raise InputError(*pair("enkat.bad_yaml", file=path.name, row=row)) from None


@lru_cache(maxsize=1)
def builtin_catalogue() -> Catalogue:
    """The catalogue shipped with lagesbild."""
    return parse_catalogue(_read_yaml(_BUILTIN), _BUILTIN.name)


def load_catalogue(extra: str | Path | None = None) -> Catalogue:
    """The built-in catalogue, with a kommun's own scales merged in (same id replaces).

    The merged catalogue's version is ``"<builtin>+<file>:<version>"`` so that results say which
    definitions they used. An item id used by two scales with different answer ranges is refused.
    """
    base = builtin_catalogue()
    if extra is None:
        return base
    path = Path(extra)
    own = parse_catalogue(_read_yaml(path), path.name)
    merged = {s.id: s for s in base.scales}
    for s in own.scales:
        merged[s.id] = s
    ranges: dict[str, tuple[int, int]] = {}
    for s in merged.values():
        for i in s.items:
            if ranges.setdefault(i.id, (s.lo, s.hi)) != (s.lo, s.hi):
                raise _bad(path.name, f"{s.id}.{i.id}", f"svar {ranges[i.id]}", [s.lo, s.hi])
    return Catalogue(f"{base.name} + {own.name}", f"{base.version}+{path.name}:{own.version}",
                     tuple(merged.values()), base.sources + own.sources)
