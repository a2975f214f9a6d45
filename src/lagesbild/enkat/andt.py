"""ANDT follow-up: the policy register and yearly tillsyn counts (docs/methods/prevention.md §4.3).

* **Policy register**: ANDT policies and plans with adoption date, owner, next review date
  (revideringsår), goals and follow-up. A policy whose review date has passed is flagged
  ``forsenad``; one without a review date is flagged ``saknar_revision``.
* **Tillsyn**: the yearly number of supervision visits under the alcohol and tobacco laws
  (Länsrapporten's items), kept per year so trends can be shown; a change of more than ±20 %
  from the year before is flagged.

Both live in the operational store (they are edited by people, not imported statistics). Free
text is screened for personal identity numbers.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair, t
from lagesbild.store.operational import METADATA

__all__ = [
    "POLICY_TABLE",
    "TILLSYN_TABLE",
    "TILLSYN_TYPES",
    "save_policy",
    "list_policies",
    "delete_policy",
    "save_tillsyn",
    "tillsyn_table",
    "CHANGE_FLAG",
]

POLICY_TABLE = sa.Table(
    "enkat_andt_policy",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kommun", sa.String(4), nullable=False, index=True),
    sa.Column("dokument", sa.String(300), nullable=False),
    sa.Column("antagen", sa.Date, nullable=True),
    sa.Column("agare", sa.String(200), nullable=False),
    sa.Column("nasta_revision", sa.Date, nullable=True),
    sa.Column("mal", sa.Text, nullable=False, default=""),
    sa.Column("uppfoljning", sa.Text, nullable=False, default=""),
    sa.Column("lank", sa.String(500), nullable=False, default=""),
    sa.Column("andrad", sa.DateTime, nullable=False),
)

TILLSYN_TABLE = sa.Table(
    "enkat_andt_tillsyn",
    METADATA,
    sa.Column("kommun", sa.String(4), primary_key=True),
    sa.Column("ar", sa.Integer, primary_key=True),
    sa.Column("typ", sa.String(40), primary_key=True),
    sa.Column("antal", sa.Integer, nullable=False),
)

#: Kinds of supervision counted (Länsrapporten: alkohollagen, tobakslagen; docs/methods/prevention.md §4.1).
TILLSYN_TYPES = ("alkohol", "alkohol_kvall", "folkol", "tobak", "receptfria")
#: A year-on-year change above this fraction is flagged (docs/methods/prevention.md §4.3: ±20 %).
CHANGE_FLAG = 0.20


def _ops(store):
    from lagesbild.enkat.storage import ops_of

    return ops_of(store)


def _date(value, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            *pair("enkat.bad_policy", field=field, problem=f"ska vara ett datum ÅÅÅÅ-MM-DD, fick {value!r}")
        ) from None


def _clean(data: dict) -> dict:
    from lagesbild.privacy import screen_text

    kommun = str(data.get("kommun", "")).strip()
    if len(kommun) != 4 or not kommun.isdigit():
        raise InputError(*pair("enkat.bad_kommun", kommun=kommun))
    doc = str(data.get("dokument", "")).strip()
    if not doc:
        raise InputError(*pair("enkat.bad_policy", field="dokument", problem="saknas"))
    owner = str(data.get("agare", "")).strip()
    if not owner:
        raise InputError(*pair("enkat.bad_policy", field="agare", problem="saknas"))
    antagen = _date(data.get("antagen"), "antagen")
    nasta = _date(data.get("nasta_revision"), "nasta_revision")
    out = {
        "kommun": kommun,
        "dokument": doc[:300],
        "agare": owner[:200],
        "antagen": antagen,
        "nasta_revision": nasta,
        "mal": str(data.get("mal") or ""),
        "uppfoljning": str(data.get("uppfoljning") or ""),
        "lank": str(data.get("lank") or "")[:500],
    }
    if antagen and nasta and nasta < antagen:
        raise InputError(*pair("enkat.bad_policy", field="nasta_revision", problem="ligger före antagandedatum"))
    for key in ("dokument", "agare", "mal", "uppfoljning", "lank"):
        screen_text(out[key], where_sv=f"ANDT-policyns fält {key!r}", where_en=f"The ANDT policy field {key!r}")
    return out


def save_policy(store, data: dict, policy_id: int | None = None) -> dict:
    """Create (or, with ``policy_id``, replace) a policy; returns it with its id."""
    row = _clean(data)
    row["andrad"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with _ops(store).begin() as conn:
        if policy_id is None:
            res = conn.execute(POLICY_TABLE.insert().values(**row))
            policy_id = int(res.inserted_primary_key[0])
        else:
            res = conn.execute(POLICY_TABLE.update().where(POLICY_TABLE.c.id == int(policy_id)).values(**row))
            if res.rowcount == 0:
                raise NotFoundError(*pair("enkat.no_policy", id=policy_id))
    return {"id": policy_id, **row}


def delete_policy(store, policy_id: int) -> None:
    with _ops(store).begin() as conn:
        if conn.execute(POLICY_TABLE.delete().where(POLICY_TABLE.c.id == int(policy_id))).rowcount == 0:
            raise NotFoundError(*pair("enkat.no_policy", id=policy_id))


def list_policies(store, kommun: str, *, today: dt.date | None = None) -> list[dict]:
    """The kommun's policies with the flags ``forsenad`` (review date passed) and ``saknar_revision``."""
    today = today or dt.date.today()
    with _ops(store).connect() as conn:
        rows = (
            conn.execute(
                sa.select(POLICY_TABLE)
                .where(POLICY_TABLE.c.kommun == kommun)
                .order_by(POLICY_TABLE.c.nasta_revision, POLICY_TABLE.c.id)
            )
            .mappings()
            .all()
        )
    out = []
    for r in rows:
        d = dict(r)
        d["forsenad"] = bool(d["nasta_revision"] is not None and d["nasta_revision"] < today)
        d["saknar_revision"] = d["nasta_revision"] is None
        for k in ("antagen", "nasta_revision"):
            d[k] = d[k].isoformat() if d[k] else None
        d["andrad"] = d["andrad"].isoformat(timespec="seconds")
        out.append(d)
    return out


def save_tillsyn(store, kommun: str, year: int, counts: dict[str, int]) -> dict:
    """Record one year's tillsyn counts ``{typ: antal}`` (replacing that year's value per type)."""
    if len(str(kommun)) != 4 or not str(kommun).isdigit():
        raise InputError(*pair("enkat.bad_kommun", kommun=str(kommun)))
    if not 1990 <= int(year) <= 2100:
        raise InputError(*pair("enkat.bad_year", year=str(year)))
    for typ, antal in counts.items():
        if typ not in TILLSYN_TYPES:
            raise InputError(
                *pair("enkat.bad_tillsyn", field=typ, problem="är ingen känd typ; finns: " + ", ".join(TILLSYN_TYPES))
            )
        if not isinstance(antal, int) or isinstance(antal, bool) or antal < 0:
            raise InputError(*pair("enkat.bad_tillsyn", field=typ, problem=f"ska vara ett heltal ≥ 0, fick {antal!r}"))
    with _ops(store).begin() as conn:
        for typ, antal in counts.items():
            conn.execute(
                TILLSYN_TABLE.delete().where(
                    TILLSYN_TABLE.c.kommun == kommun, TILLSYN_TABLE.c.ar == int(year), TILLSYN_TABLE.c.typ == typ
                )
            )
            conn.execute(TILLSYN_TABLE.insert().values(kommun=kommun, ar=int(year), typ=typ, antal=int(antal)))
    return {"kommun": kommun, "ar": int(year), **counts}


def tillsyn_table(store, kommun: str, lang: str = "sv") -> list[dict]:
    """One row per type and year with the change from the year before and the ±20 % flag."""
    with _ops(store).connect() as conn:
        rows = (
            conn.execute(
                sa.select(TILLSYN_TABLE)
                .where(TILLSYN_TABLE.c.kommun == kommun)
                .order_by(TILLSYN_TABLE.c.typ, TILLSYN_TABLE.c.ar)
            )
            .mappings()
            .all()
        )
    out: list = []
    prev: dict = {}
    for r in rows:
        p = prev.get(r["typ"])
        change = None
        if p is not None and p["ar"] == r["ar"] - 1 and p["antal"] > 0:
            change = (r["antal"] - p["antal"]) / p["antal"]
        label = t(f"enkat.tillsyn.{r['typ']}", lang) if r["typ"] in TILLSYN_TYPES else r["typ"]
        out.append(
            {
                "typ": r["typ"],
                "namn": label,
                "ar": r["ar"],
                "antal": r["antal"],
                "forandring": None if change is None else round(change, 4),
                "flagga": change is not None and abs(change) > CHANGE_FLAG,
            }
        )
        prev[r["typ"]] = dict(r)
    return out
