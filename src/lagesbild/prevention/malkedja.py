"""The målkedja: goal → indicator → insats, with rule-based traffic lights (docs/methods/prevention.md §6).

Goals and indicators are stored per kommun (table ``prev_goals``, audit-logged). Each indicator
has stored thresholds and a direction; its status (grön/gul/röd) is computed from the latest
value, never set by hand, and a red status requires an analysis text. The report lists what
auditors check: insatser without indicators (or goals), indicators without insatser, goals
without indicators, and red indicators.
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa

from lagesbild.errors import ConflictError, NotFoundError
from lagesbild.i18n import choose
from lagesbild.prevention import registry
from lagesbild.prevention.model import ValidationError, check_personal_data
from lagesbild.prevention.tables import GOALS, ops_of

__all__ = [
    "save_goal",
    "save_indicator",
    "delete_goal",
    "list_goals",
    "list_indicators",
    "traffic_light",
    "malkedja_report",
    "STATUS_LABELS",
    "STATUS_LABELS_EN",
    "status_label",
]

STATUS_LABELS = {"gron": "Grön", "gul": "Gul", "rod": "Röd", "saknas": "Saknar värde"}
STATUS_LABELS_EN = {"gron": "Green", "gul": "Yellow", "rod": "Red", "saknas": "No value"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


def status_label(status: str, lang: str = "sv") -> str:
    """The label of a traffic-light status (``gron``, ``gul``, ``rod``, ``saknas``) in ``lang``."""
    return choose(STATUS_LABELS.get(status, status), STATUS_LABELS_EN.get(status, status), lang)


def _errors():
    errs: list[dict] = []

    def add(field, sv, en):
        errs.append({"field": field, "row": None, "sv": f"fältet '{field}' {sv}", "en": f"the field '{field}' {en}"})

    return errs, add


def _num(d, key, add, required=False):
    v = d.get(key)
    if v in (None, ""):
        if required:
            add(key, "måste vara ett tal. Fick inget.", "must be a number. Got nothing.")
        return None
    try:
        f = float(str(v).replace(",", ".")) if isinstance(v, str) else float(v)
        if f != f:
            raise ValueError
        return f
    except (TypeError, ValueError):
        add(key, f"måste vara ett tal. Fick {v!r}.", f"must be a number. Got {v!r}.")
        return None


def _common(d: dict, add) -> dict:
    out = {}
    for key in ("id", "kommun", "name"):
        v = str(d.get(key) or "").strip()
        if not v:
            add(key, "måste fyllas i.", "is required.")
        out[key] = v
    if out["id"] and not _ID.match(out["id"]):
        add(
            "id",
            f"måste bestå av a–z, 0–9, _ och -. Fick {out['id']!r}.",
            f"must be a–z, 0–9, _, -. Got {out['id']!r}.",
        )
    if out["kommun"] and not re.match(r"^\d{4}$", out["kommun"]):
        add(
            "kommun",
            f"måste vara fyra siffror. Fick {out['kommun']!r}.",
            f"must be four digits. Got {out['kommun']!r}.",
        )
    out["description"] = str(d.get("description") or "").strip()
    for k, v in out.items():
        if check_personal_data(v):
            add(k, "innehåller något som liknar ett personnummer.", "contains a personnummer-like value.")
    return out


def traffic_light(ind: dict) -> str:
    """``gron``, ``gul``, ``rod`` or ``saknas`` from the stored thresholds.

    Examples
    --------
    >>> traffic_light({"direction": "hogre_battre", "green": 80, "yellow": 60, "value": 70})
    'gul'
    >>> traffic_light({"direction": "lagre_battre", "green": 5, "yellow": 10, "value": 12})
    'rod'
    """
    v = ind.get("value")
    if v is None:
        return "saknas"
    if ind["direction"] == "hogre_battre":
        return "gron" if v >= ind["green"] else "gul" if v >= ind["yellow"] else "rod"
    return "gron" if v <= ind["green"] else "gul" if v <= ind["yellow"] else "rod"


def _save(store, kind: str, doc: dict, who: str) -> dict:
    with ops_of(store).begin() as con:
        old = con.execute(sa.select(GOALS.c.doc, GOALS.c.kind).where(GOALS.c.id == doc["id"])).first()
        before = None
        if old is not None:
            if old.kind != kind:
                raise ConflictError(
                    f"Id {doc['id']!r} används redan av ett annat slags objekt.",
                    f"The id {doc['id']!r} is used by another kind of object.",
                )
            before = json.loads(old.doc)
        con.execute(GOALS.delete().where(GOALS.c.id == doc["id"]))
        con.execute(
            GOALS.insert().values(
                id=doc["id"], kommun=doc["kommun"], kind=kind, doc=json.dumps(doc, ensure_ascii=False)
            )
        )
        registry.write_audit(
            con, who, "skapa" if before is None else "andra", kind, doc["id"], doc["kommun"], before, doc
        )
    return doc


def save_goal(store, data: dict, who: str) -> dict:
    """Create or replace a goal ``{id, kommun, name, description, parent}``."""
    errs, add = _errors()
    doc = _common(data, add)
    doc["parent"] = str(data.get("parent") or "").strip()
    if doc["parent"] and doc["parent"] not in {g["id"] for g in list_goals(store, doc["kommun"])}:
        add("parent", f"målet {doc['parent']!r} finns inte.", f"goal {doc['parent']!r} does not exist.")
    if errs:
        raise ValidationError(errs, "Målet", "The goal")
    return _save(store, "mal", doc, who)


def save_indicator(store, data: dict, who: str) -> dict:
    """Create or replace an indicator with thresholds, latest value and analysis.

    Fields: ``id, kommun, name, description, unit, source, goals (list), direction
    (hogre_battre|lagre_battre), green, yellow, value, value_year, analysis``. A red status
    needs an analysis text.
    """
    errs, add = _errors()
    doc = _common(data, add)
    for k in ("unit", "source", "analysis"):
        doc[k] = str(data.get(k) or "").strip()
    doc["direction"] = str(data.get("direction") or "hogre_battre").strip()
    if doc["direction"] not in ("hogre_battre", "lagre_battre"):
        add(
            "direction",
            f"måste vara hogre_battre eller lagre_battre. Fick {doc['direction']!r}.",
            f"must be hogre_battre or lagre_battre. Got {doc['direction']!r}.",
        )
    doc["green"], doc["yellow"] = _num(data, "green", add, True), _num(data, "yellow", add, True)
    doc["value"] = _num(data, "value", add)
    y = data.get("value_year")
    doc["value_year"] = int(str(y).strip()) if str(y or "").strip().isdigit() else None
    if y not in (None, "") and doc["value_year"] is None:
        add("value_year", f"måste vara ett årtal. Fick {y!r}.", f"must be a year. Got {y!r}.")
    if None not in (doc["green"], doc["yellow"]) and doc["direction"] in ("hogre_battre", "lagre_battre"):
        wrong = doc["green"] < doc["yellow"] if doc["direction"] == "hogre_battre" else doc["green"] > doc["yellow"]
        if wrong:
            add(
                "green",
                "gränsen för grönt måste ligga på den bättre sidan om gränsen för gult.",
                "the green threshold must be on the better side of the yellow one.",
            )
    goals = data.get("goals") or []
    goals = [g.strip() for g in (goals.split(";") if isinstance(goals, str) else goals) if str(g).strip()]
    known = {g["id"] for g in list_goals(store, doc["kommun"])}
    for g in goals:
        if g not in known:
            add("goals", f"målet {g!r} finns inte för kommun {doc['kommun']}.", f"goal {g!r} does not exist.")
    doc["goals"] = goals
    if not errs and traffic_light(doc) == "rod" and not doc["analysis"]:
        add("analysis", "måste fyllas i när indikatorn är röd.", "is required when the indicator is red.")
    if errs:
        raise ValidationError(errs, "Indikatorn", "The indicator")
    return _save(store, "indikator", doc, who)


def delete_goal(store, obj_id: str, who: str) -> None:
    """Delete a goal or indicator; refused while an insats or indicator links to it."""
    with ops_of(store).connect() as conn:
        row = conn.execute(sa.select(GOALS).where(GOALS.c.id == obj_id)).first()
    if row is None:
        raise NotFoundError(f"{obj_id!r} finns inte.", f"{obj_id!r} does not exist.")
    kind, kommun = row.kind, row.kommun
    users = [i.id for i in registry.list_insatser(store, kommun) if obj_id in i.goals + i.indicators]
    users += [x["id"] for x in list_indicators(store, kommun) if obj_id in x["goals"]]
    if users:
        raise ConflictError(
            f"{obj_id!r} används av {', '.join(users)} och kan inte tas bort.",
            f"{obj_id!r} is used by {', '.join(users)} and cannot be deleted.",
        )
    with ops_of(store).begin() as con:
        con.execute(GOALS.delete().where(GOALS.c.id == obj_id))
        registry.write_audit(con, who, "ta_bort", kind, obj_id, kommun, json.loads(row.doc), None)


def _list(store, kind: str, kommun: str | None) -> list[dict]:
    q = sa.select(GOALS.c.doc).where(GOALS.c.kind == kind)
    if kommun:
        q = q.where(GOALS.c.kommun == kommun)
    with ops_of(store).connect() as conn:
        return [json.loads(d) for d in conn.execute(q.order_by(GOALS.c.id)).scalars()]


def list_goals(store, kommun: str | None = None) -> list[dict]:
    return _list(store, "mal", kommun)


def list_indicators(store, kommun: str | None = None, lang: str = "sv") -> list[dict]:
    """Indicators with their computed ``status`` and ``status_label`` (in ``lang``)."""
    out = _list(store, "indikator", kommun)
    for x in out:
        x["status"] = traffic_light(x)
        x["status_label"] = status_label(x["status"], lang)
    return out


def malkedja_report(store, kommun: str, lang: str = "sv") -> dict:
    """What auditors check in the målkedja of one kommun.

    Status labels are in ``lang`` (Swedish by default); the keys and the summary stay Swedish.

    Returns ``{"insatser_utan_indikator", "insatser_utan_mal", "indikatorer_utan_insats",
    "mal_utan_indikator", "indikatorer" (with status), "roda_utan_analys", "summary"}``.
    """
    ins = [i for i in registry.list_insatser(store, kommun) if i.status != "avslutad"]
    inds = list_indicators(store, kommun, lang)
    goals = list_goals(store, kommun)
    used_inds = {x for i in ins for x in i.indicators}
    goals_with_ind = {g for x in inds for g in x["goals"]}
    rep: dict[str, Any] = {
        "insatser_utan_indikator": [{"id": i.id, "namn": i.name} for i in ins if not i.indicators],
        "insatser_utan_mal": [{"id": i.id, "namn": i.name} for i in ins if not i.goals],
        "indikatorer_utan_insats": [
            {"id": x["id"], "namn": x["name"], "status": x["status_label"]} for x in inds if x["id"] not in used_inds
        ],
        "mal_utan_indikator": [{"id": g["id"], "namn": g["name"]} for g in goals if g["id"] not in goals_with_ind],
        "indikatorer": [
            {
                "id": x["id"],
                "namn": x["name"],
                "värde": x["value"],
                "år": x["value_year"],
                "grönt": x["green"],
                "gult": x["yellow"],
                "riktning": x["direction"],
                "status": x["status_label"],
                "insatser": [i.id for i in ins if x["id"] in i.indicators],
                "analys": x["analysis"],
            }
            for x in inds
        ],
        "roda_utan_analys": [x["id"] for x in inds if x["status"] == "rod" and not x["analysis"]],
    }
    rep["summary"] = {
        "insatser": len(ins),
        "indikatorer": len(inds),
        "mål": len(goals),
        "insatser utan indikator": len(rep["insatser_utan_indikator"]),
        "indikatorer utan insats": len(rep["indikatorer_utan_insats"]),
        **{
            f"status {lab.lower()}": sum(1 for x in inds if STATUS_LABELS[x["status"]] == lab)
            for lab in STATUS_LABELS.values()
        },
    }
    return rep
