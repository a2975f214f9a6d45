"""Example registries built only from public facts, clearly labelled as examples.

One YAML file per kommun; an entry may name a library ``program`` and override its fields.
Every insats gets ``example_label = "Exempel byggt på offentliga uppgifter"`` and the file's
sources. Reach numbers stay empty where no source gives them. Loading is idempotent.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lagesbild.errors import NotFoundError
from lagesbild.prevention import registry
from lagesbild.prevention.library import programme_insats
from lagesbild.prevention.model import EXAMPLE_LABEL, insats_to_dict

__all__ = ["EXAMPLE_KOMMUNER", "example_insatser", "load_examples"]

_DIR = Path(__file__).parent
#: kommun code → example file.
EXAMPLE_KOMMUNER = {
    "0127": "botkyrka_0127.yaml",
    "0136": "haninge_0136.yaml",
    "0126": "huddinge_0126.yaml",
    "1480": "goteborg_1480.yaml",
}


@lru_cache(maxsize=8)
def _read(name: str) -> dict:
    import yaml

    with open(_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def example_insatser(kommun: str) -> list[dict]:
    """The example insatser of one kommun as plain dicts (not yet validated against the store)."""
    if kommun not in EXAMPLE_KOMMUNER:
        raise NotFoundError(
            f"Det finns inget exempelregister för kommun {kommun}. Finns: {', '.join(EXAMPLE_KOMMUNER)}.",
            f"There is no example registry for kommun {kommun}. Available: {', '.join(EXAMPLE_KOMMUNER)}.",
        )
    doc = _read(EXAMPLE_KOMMUNER[kommun])
    out = []
    for entry in doc["insatser"]:
        entry = dict(entry)
        prog = entry.pop("program", None)
        sources = [*entry.pop("sources", []), *doc.get("sources", [])]
        entry.setdefault("organisation", doc["organisation"])
        if prog:
            data = insats_to_dict(programme_insats(prog, doc["kommun"], entry["organisation"]))
            sources = [*sources, *data["sources"]]
            data.update(entry)
        else:
            data = entry
        data.update(
            kommun=doc["kommun"], example_label=doc.get("label", EXAMPLE_LABEL), sources=list(dict.fromkeys(sources))
        )
        data.setdefault("status", "pagaende")
        out.append(data)
    return out


def load_examples(store, kommuner=None, who: str = "exempel") -> dict:
    """Load the example registries (default: all four) in one transaction; returns counts per action."""
    items = [d for k in (kommuner or list(EXAMPLE_KOMMUNER)) for d in example_insatser(k)]
    return registry.upsert_many(store, items, who)
