"""The programme library (docs/methods/prevention.md §3.3): Swedish programmes to adopt in one step.

The programmes live in ``data/program.yaml`` with arena, level, life stages, ages, themes,
targeted factors and evidence claims, each with its source. :func:`adopt` turns one into an
insats of a kommun (``library_ref`` keeps the link) and stores it through the registry, so
the adopted copy is validated and audit-logged like any other insats.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from lagesbild.errors import NotFoundError
from lagesbild.i18n import choose
from lagesbild.prevention import registry
from lagesbild.prevention.model import Insats, default_scheme, parse_insats

__all__ = ["programmes", "programme", "programme_insats", "adopt", "library_table"]

_PATH = Path(__file__).parent / "data" / "program.yaml"
#: Library fields that are descriptive only (not insats fields).
_DESCRIPTIVE = ("aliases", "malgrupp", "dose", "level_note")


@lru_cache(maxsize=1)
def _load() -> dict:
    import yaml

    with open(_PATH, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def programmes() -> list[dict]:
    """Every programme of the library (a deep copy; evidence claims carry the assessment date)."""
    data = _load()
    out = copy.deepcopy(data["program"])
    for p in out:
        for e in p.get("evidence", []):
            e.setdefault("date_assessed", data.get("bedomd", ""))
            e.setdefault("assessor", "lagesbild programbibliotek")
    return out


def programme(program_id: str) -> dict:
    for p in programmes():
        if p["id"] == program_id or program_id.lower() in (a.lower() for a in p.get("aliases", [])):
            return p
    ids = ", ".join(p["id"] for p in programmes())
    raise NotFoundError(f"Programmet {program_id!r} finns inte i biblioteket. Finns: {ids}.",
                        f"The programme {program_id!r} is not in the library. Available: {ids}.")


def programme_insats(program_id: str, kommun: str, organisation: str, **overrides) -> Insats:
    """The insats a kommun gets by adopting a programme (validated, not stored)."""
    p = programme(program_id)
    desc = p.get("description", "")
    extra = [f"{k}: {p[k]}" for k in ("malgrupp", "dose", "level_note") if p.get(k)]
    data = {k: v for k, v in p.items() if k not in _DESCRIPTIVE and k != "id"}
    data.update(kommun=kommun, organisation=organisation, library_ref=p["id"], status="planerad",
                description=desc + ("\n" + "\n".join(extra) if extra else ""))
    data.update(overrides)
    return parse_insats(data, default_scheme())


def adopt(store, program_id: str, kommun: str, organisation: str, who: str, **overrides) -> Insats:
    """Adopt a library programme into the kommun's registry in one step; returns the new insats."""
    ins = programme_insats(program_id, kommun, organisation, **overrides)
    return registry.create(store, ins, who)


def library_table(lang: str = "sv"):
    """The library as a DataFrame (id, namn, arena, nivå, livsfaser, ålder, bästa evidens)."""
    import pandas as pd

    from lagesbild.prevention.vocab import label

    scheme = default_scheme()
    rows = []
    for p in programmes():
        tiers = [t for e in p.get("evidence", []) if (t := scheme.get(e["tier"]))]
        best = min(tiers, key=lambda t: t.rank) if tiers else None
        ages = "" if p.get("age_min") is None else f"{p['age_min']}–{p.get('age_max', '')}"
        rows.append({"id": p["id"], "namn": p["name"],
                     "arena": ", ".join(label("arena", a, lang) for a in p["arenas"]),
                     "nivå": ", ".join(label("niva", x, lang) for x in p["levels"]),
                     "livsfaser": ", ".join(label("livsfas", s, lang) for s in p["life_stages"]),
                     "ålder": ages, "bästa evidens": choose(best.sv, best.en, lang) if best else "–"})
    return pd.DataFrame(rows)
