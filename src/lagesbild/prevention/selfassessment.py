"""Självskattning: a structured self-assessment in the structure of CAN's Preventionsindex.

Five categories, each scored 0–20, total 0–100 (docs/methods/prevention.md §4.2):
``score_c = 20 · Σ_j w_j · x_j / Σ_j w_j`` with ``x_j ∈ [0, 1]`` from the answer (ja/nej → 1/0,
a 0–4 scale → v/4, a percentage → v/100) and equal weights unless the item set says otherwise.
Unanswered items count 0 and are listed. The item set is versioned data
(``data/sjalvskattning.yaml``), not code. **This is a self-assessment, not CAN's official
index** — every result carries that label.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa

from lagesbild.errors import NotFoundError
from lagesbild.prevention import registry
from lagesbild.prevention.model import ValidationError
from lagesbild.prevention.tables import SELFASSESSMENT, now, ops_of

__all__ = ["LABEL", "item_set", "score", "save", "get", "compare"]

LABEL = "Självskattning enligt CAN:s struktur – egen beräkning, inte CAN:s officiella preventionsindex"


@lru_cache(maxsize=1)
def item_set() -> dict:
    import yaml

    with open(Path(__file__).parent / "data" / "sjalvskattning.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _value(item: dict, raw):
    """Map an answer to [0, 1]; None for unanswered; raises ValueError for a bad answer."""
    if raw is None or raw == "":
        return None
    t = item["typ"]
    if t == "ja_nej":
        v = str(raw).strip().lower()
        if v in ("ja", "1", "true", "yes"):
            return 1.0
        if v in ("nej", "0", "false", "no"):
            return 0.0
        raise ValueError("ja eller nej")
    f = float(str(raw).replace(",", "."))
    if t == "skala_0_4":
        if f not in (0, 1, 2, 3, 4):
            raise ValueError("ett heltal 0–4")
        return f / 4
    if t == "andel":
        if not 0 <= f <= 100:
            raise ValueError("en andel 0–100")
        return f / 100
    raise ValueError(f"okänd svarstyp {t}")


def score(answers: dict, items: dict | None = None) -> dict:
    """Score answers ``{item_id: answer}``.

    Returns ``{"label", "version", "categories": [{"kod", "namn", "score", "max": 20,
    "unanswered": [...], "lost": [{"id", "text", "points_lost"}]}], "total", "max": 100}``.

    Raises
    ------
    ValidationError
        Unknown item ids or answers outside the item's type.

    Examples
    --------
    >>> ids = [q["id"] for c in item_set()["kategorier"] for q in c["fragor"]]
    >>> full = {i: ("ja" if q["typ"] == "ja_nej" else 4 if q["typ"] == "skala_0_4" else 100)
    ...         for c in item_set()["kategorier"] for q in c["fragor"] for i in [q["id"]]}
    >>> score(full)["total"], score({})["total"]
    (100.0, 0.0)
    """
    items = items or item_set()
    known = {q["id"]: q for c in items["kategorier"] for q in c["fragor"]}
    errors = []
    for k in answers:
        if k not in known:
            errors.append(
                {
                    "field": k,
                    "row": None,
                    "sv": f"frågan {k!r} finns inte i frågeuppsättningen",
                    "en": f"question {k!r} is not in the item set",
                }
            )
    cats, total = [], 0.0
    for c in items["kategorier"]:
        num = den = 0.0
        unanswered, lost = [], []
        for q in c["fragor"]:
            w = float(q.get("vikt", 1))
            try:
                x = _value(q, answers.get(q["id"]))
            except ValueError as exc:
                errors.append(
                    {
                        "field": q["id"],
                        "row": None,
                        "sv": f"svaret på {q['id']!r} måste vara {exc}. Fick {answers.get(q['id'])!r}",
                        "en": f"the answer to {q['id']!r} is invalid. Got {answers.get(q['id'])!r}",
                    }
                )
                x = None
            den += w
            if x is None:
                unanswered.append(q["id"])
                x = 0.0
            num += w * x
            if x < 1:
                lost.append({"id": q["id"], "text": q["text"], "w": w, "x": x})
        s = 20 * num / den if den else 0.0
        for item in lost:
            item["points_lost"] = round(20 * item.pop("w") * (1 - item.pop("x")) / den, 2)
        cats.append(
            {
                "kod": c["kod"],
                "namn": c["namn"],
                "score": round(s, 2),
                "max": 20,
                "unanswered": unanswered,
                "lost": lost,
            }
        )
        total += s
    if errors:
        raise ValidationError(errors, "Självskattningen", "The self-assessment")
    return {
        "label": LABEL,
        "version": items.get("version", 1),
        "categories": cats,
        "total": round(total, 2),
        "max": 100,
    }


def save(store, kommun: str, year: int, answers: dict, who: str, comment: str = "") -> dict:
    """Score and store one year's self-assessment (replacing that year's), audit-logged."""
    result = score(answers)
    if not (1990 <= int(year) <= 2100):
        raise ValidationError(
            [
                {
                    "field": "year",
                    "row": None,
                    "sv": f"året måste vara 1990–2100, fick {year}",
                    "en": f"the year must be 1990–2100, got {year}",
                }
            ],
            "Självskattningen",
        )
    doc = {"kommun": kommun, "year": int(year), "answers": answers, "result": result, "comment": comment}
    key = (SELFASSESSMENT.c.kommun == kommun) & (SELFASSESSMENT.c.year == int(year))
    with ops_of(store).begin() as con:
        old = con.execute(sa.select(SELFASSESSMENT.c.doc).where(key)).scalar()
        before = None if old is None else json.loads(old)
        con.execute(SELFASSESSMENT.delete().where(key))
        con.execute(
            SELFASSESSMENT.insert().values(
                kommun=kommun,
                year=int(year),
                doc=json.dumps(doc, ensure_ascii=False),
                total=result["total"],
                saved_at=now(),
                saved_by=who,
            )
        )
        registry.write_audit(
            con, who, "skapa" if before is None else "andra", "sjalvskattning", f"{kommun}-{year}", kommun, before, doc
        )
    return doc


def get(store, kommun: str, year: int) -> dict:
    with ops_of(store).connect() as conn:
        doc = conn.execute(
            sa.select(SELFASSESSMENT.c.doc).where(SELFASSESSMENT.c.kommun == kommun, SELFASSESSMENT.c.year == int(year))
        ).scalar()
    if doc is not None:
        return json.loads(doc)
    raise NotFoundError(f"Ingen självskattning för {kommun} år {year}.", f"No self-assessment for {kommun} in {year}.")


def compare(store, kommun: str):
    """Category scores per year (rows: categories and total; columns: years; plus change)."""
    import pandas as pd

    with ops_of(store).connect() as conn:
        docs = [
            json.loads(d)
            for d in conn.execute(
                sa.select(SELFASSESSMENT.c.doc).where(SELFASSESSMENT.c.kommun == kommun).order_by(SELFASSESSMENT.c.year)
            ).scalars()
        ]
    if not docs:
        return pd.DataFrame()
    rows: dict = {}
    for d in docs:
        for c in d["result"]["categories"]:
            rows.setdefault(c["namn"], {})[d["year"]] = c["score"]
        rows.setdefault("Totalt", {})[d["year"]] = d["result"]["total"]
    df = pd.DataFrame(rows).T
    df.index.name = "kategori"
    if len(docs) > 1:
        df["förändring"] = df[docs[-1]["year"]] - df[docs[-2]["year"]]
    return df.reset_index()
